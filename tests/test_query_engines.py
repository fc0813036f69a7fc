"""Every stored query gives the same rows, in the same order, on Oxigraph and on rdflib's SPARQL engine:
on the four-document fixture (with its consolidated layer, made at test time) and on the seed + corpus
build, without parameters and with parameter values
taken from the answers themselves. (The Oxigraph server gives the local rows: tests/test_server.py.)

The queries keep out of the corners where SPARQL engines read the spec differently: MIN of IRIs or of
literals in different languages, DISTINCT aggregates over unbound values, a renamed variable in a
sub-SELECT's projection joined with an outer binding, an ORDER BY that leaves ties."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from conftest import CORPUS, ROOT, multi_with_layer
from kgbuild.queries import bind, bindings_for, get_query, in_language, load_store, run_local, sort_lists, stored_queries

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib 7 warns on its own Dataset calls


@pytest.fixture(scope="module", params=["fixture", "corpus"])
def graphs(request, tmp_path_factory):
    """(Oxigraph store, rdflib Dataset) of one graph."""
    if request.param == "fixture":
        path = multi_with_layer(tmp_path_factory)  # the fixture's documents and their layer, made at test time
        store = load_store(path)
        ds = Dataset()
        ds.parse(path, format="trig")
        return store, ds
    else:
        if not CORPUS.is_dir():
            pytest.skip(f"{CORPUS} not found: the corpus lives in ../shared/corpus beside the project")
        from kgbuild.cli import app

        out = tmp_path_factory.mktemp("engines-corpus")
        r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), str(CORPUS), "--out", str(out),
                                     "--shacl-engine", "shacl"])
        assert r.exit_code == 0, r.output
        path = out / "graph.trig"
    ds = Dataset()
    ds.parse(path, format="trig")
    return load_store(path), ds


def rdflib_rows(ds: Dataset, name: str, params: dict[str, str], lang: str = "en") -> list[dict[str, str]]:
    """The rows as run_local gives them (names in `lang`, lists sorted), from rdflib's engine."""
    q = get_query(name)
    result = ds.query(bind(q.text, bindings_for(q, params, lang)))
    rows = [{str(v): "" if row[v] is None else str(row[v]) for v in result.vars} for row in result]
    return sort_lists(q, in_language(q, rows, lang))


def parameter_sets(store) -> dict[str, list[dict[str, str]]]:
    """For each query: no parameters (when it needs none) and each parameter set to a value its answer has."""
    def first(name: str, **params) -> dict[str, str]:
        rows = run_local(store, get_query(name), params)
        assert rows, f"{name} has no rows to take a parameter from"
        return rows[0]

    meeting = first("timeline")["meeting"]  # the layer's
    document_meeting = first("meetings")["meeting"]  # a document's
    layer = {}
    if run_local(store, get_query("conflicting-facts"), {}):  # a build and the fixture (with the layer made here)
        conflict = first("conflicting-facts")
        layer = {
            "conflicting-facts": [{}, {"status": conflict["status"]}],
            "fact-provenance": [{"subject": conflict["subject"]}],
            "meeting-profile": [{"meeting": meeting}],
            "official-posts": [{"official": first("participants")["name"]}],
        }
        # an official at a meeting with no date too (MIN and MAX of its dates over nothing)
        undated = [r["meeting"] for r in run_local(store, get_query("timeline"), {}) if not r["date"]]
        at_undated = [r["person"] for m in undated[:20] for r in run_local(store, get_query("attendance"), {"meeting": m})]
        if at_undated:
            layer["official-posts"].append({"official": at_undated[0]})
    with_series = [r for r in run_local(store, get_query("timeline"), {}) if r["series_name"]]
    topic = first("topics-over-time")
    entity = first("entities")
    return {
        "attendance": [{}, {"meeting": first("attendance")["meeting"]}, {"meeting": document_meeting}],
        "co-participation": [{}, {"min_meetings": "2"}],
        "documents-per-language": [{}],
        "documents-per-source": [{}],
        "entities": [{}, {"file": entity["file"], "type": entity["type"]}],
        "initiative-history": [{}],
        "initiatives": [{}, {"file": first("initiatives")["file"]}],
        "meetings": [{}, {"file": first("meetings")["file"]}],
        "official-meetings": [{"official": first("participants")["name"]}, {"official": first("participants")["person"]}],
        "organisation-heads": [{}, {"organisation": first("organisation-heads")["org"]}],
        "participants": [{}, {"file": first("participants")["file"]}],
        "programme-priorities": [{}, {"file": first("programme-priorities")["file"]}],
        "programmes-in-force": [{}, {"year": first("programmes-in-force")["start"][:4]}],
        "provenance": [{"subject": document_meeting}],
        "timeline": [{}, {"series": with_series[0]["series_name"], "year": with_series[0]["date"][:4]}],
        "topic-countries": [{}, {"topic": first("topic-countries")["topic_iri"]}],
        "topics-over-time": [{}, {"topic": topic["topic_iri"], "year": topic["meeting_year"]}],
        **layer,
    }


def test_the_parameter_table_covers_every_stored_query(graphs):
    store = graphs[0]
    assert set(parameter_sets(store)) == set(stored_queries())  # the layer's queries too, on both graphs


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_oxigraph_and_rdflib_give_the_same_rows(graphs, name):
    store, ds = graphs
    for params in parameter_sets(store)[name]:
        local = run_local(store, get_query(name), params)
        assert local, (name, params)  # every case has rows to compare
        assert rdflib_rows(ds, name, params) == local, (name, params)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("name", sorted(q.name for q in stored_queries().values() if q.names))
def test_oxigraph_and_rdflib_give_the_same_rows_in_every_language(graphs, name, lang):
    """The languages are bound as terms (?lang1 ?lang2 ?lang3) that every query reads the same way on
    both engines: the same rows in Russian and in Kazakh as in English (without parameters)."""
    store, ds = graphs
    params = parameter_sets(store)[name][0]
    local = run_local(store, get_query(name), params, lang)
    assert local, (name, params)
    assert rdflib_rows(ds, name, params, lang) == local, (name, params, lang)

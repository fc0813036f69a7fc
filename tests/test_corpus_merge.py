"""One entity across documents and languages: the corpus built together, asked through the contract queries."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.vocab import DATA_NS, KG_NS

ID = DATA_NS


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the corpus lives in ../shared/corpus beside the project")
    from kgbuild.cli import app
    from kgbuild.queries import load_store

    out = tmp_path_factory.mktemp("corpus-build")
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), str(CORPUS), "--out", str(out), "--workers", "2"])
    assert r.exit_code == 0, r.output
    return load_store(out)


@pytest.fixture(scope="module")
def corpus_query(corpus_store):
    from kgbuild.queries import get_query, run_local

    return lambda name, **p: run_local(corpus_store, get_query(name), p)


def languages(rows, key, value):
    from kgbuild.document import read_document

    files = {r["file"] for r in rows if r[key] == value}
    paths = {p.name: p for p in list(CORPUS.glob("*.txt")) + list((ROOT / "seeds").glob("*.txt"))}
    return {read_document(paths[f]).language for f in files}, files


def test_the_15th_meeting_is_one_iri_across_kk_ru_en(corpus_query):
    rows = corpus_query("meetings")
    langs, files = languages(rows, "meeting", ID + "meeting/ca-deputy-foreign-ministers/15")
    assert langs == {"kk", "ru", "en"}
    assert len(files) >= 5  # the seed, its ru and en versions, UNRCCA's release and the Turkmen report


def test_one_person_across_scripts(corpus_query):
    rows = corpus_query("entities", type="Person")
    langs, files = languages(rows, "entity", ID + "person/yerzhan-ashikbayev")
    assert langs == {"kk", "ru", "en"}
    langs, _ = languages(rows, "entity", ID + "person/kaha-imnadze")
    assert {"kk", "ru", "en"} <= langs


def test_one_organisation_across_acronyms(corpus_query):
    rows = corpus_query("entities", type="Organization")
    langs, _ = languages(rows, "entity", ID + "org/un")  # ООН, БҰҰ, UN
    assert langs == {"kk", "ru", "en"}


def test_every_corpus_document_yields_facts(corpus_query):
    rows = corpus_query("entities")
    files = {r["file"] for r in rows}
    assert {p.name for p in CORPUS.glob("*.txt")} <= files


def test_regions_are_not_places_or_countries(corpus_query):
    rows = corpus_query("entities")
    central_asia = {r["type"] for r in rows if r["entity"] == ID + "region/central-asia"}
    assert central_asia == {"Region"}


def test_the_7th_consultative_meeting_merges_kk_and_ru_reports(corpus_query):
    rows = corpus_query("meetings")
    langs, _ = languages(rows, "meeting", ID + "meeting/ca-heads-of-state-consultative/7")
    assert {"kk", "ru", "en"} <= langs


def test_the_timeline_is_the_merge_of_what_the_documents_say(corpus_store, corpus_query):
    """Every column of every timeline row against a merge done here, in Python, from the graph's quads: the
    documents that type the meeting kg:Meeting, the least date/English name/ordinal any document gives,
    the least English label of its kind, series, place and host, all its supporters' English labels."""
    import pyoxigraph as ox

    from kgbuild.vocab import CONSOLIDATED_GRAPH

    # the timeline merges the documents' graphs; the consolidated layer is a merge of its own
    layer = ox.NamedNode(CONSOLIDATED_GRAPH)
    documents = ox.Store()
    documents.extend(q for q in corpus_store.quads_for_pattern(None, None, None, None) if q.graph_name != layer)
    corpus_store = documents
    kg, schema = KG_NS, "https://schema.org/"
    label, pref = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel"

    def values(predicate):
        out = {}
        for q in corpus_store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            out.setdefault(q.subject.value, set()).add(q.object)
        return out

    english = {}
    for predicate in (label, pref):
        for q in corpus_store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if q.object.language == "en":
                english.setdefault((predicate, q.subject.value), set()).add(q.object.value)

    def names(predicate, things):
        return [min(english[(predicate, t.value)]) for t in things if (predicate, t.value) in english]

    reporting = {}
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for q in corpus_store.quads_for_pattern(None, rdf_type, ox.NamedNode(kg + "Meeting"), None):
        reporting.setdefault(q.subject.value, set()).add(q.graph_name.value)
    facts = {key: values(p) for key, p in (
        ("date", schema + "startDate"), ("name", schema + "name"), ("ordinal", kg + "ordinal"),
        ("kind", kg + "meetingKind"), ("series", kg + "series"), ("place", schema + "location"),
        ("host", kg + "hostCountry"), ("supporter", kg + "supportedBy"))}
    expected = []
    for meeting, graphs in reporting.items():
        f = {key: facts[key].get(meeting, set()) for key in facts}
        expected.append({
            "meeting": meeting,
            "date": min((v.value for v in f["date"]), default=""),
            "name": min((v.value for v in f["name"] if v.language == "en"), default=""),
            "ordinal": str(min((int(v.value) for v in f["ordinal"]), default="")),
            "kind": min(names(pref, f["kind"]), default=""),
            "series_name": min(names(pref, f["series"]), default=""),
            "place": min(names(label, f["place"]), default=""),
            "host": min(names(label, f["host"]), default=""),
            "supporter": " | ".join(sorted(set(names(label, f["supporter"])))),
            "documents": str(len(graphs)),
        })
    rows = corpus_query("timeline")
    assert len(rows) == len(expected) > 20
    by_meeting = lambda r: r["meeting"]  # noqa: E731
    assert sorted(({k: row[k] for k in expected[0]} for row in rows), key=by_meeting) == sorted(expected, key=by_meeting)
    assert max(int(r["documents"]) for r in rows) >= 5  # the 15th deputy-FM meeting, merged over its reports

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


def test_the_timeline_is_the_consolidated_layers_meetings(corpus_store, corpus_query):
    """Every column of every timeline row against the consolidated layer read here, in Python, from the
    graph's quads: one row per meeting of the layer, its preferred date, English name and ordinal, the
    English labels of its kind, series, place and host, all its supporters' English labels, and as its
    documents the number of documents whose meeting is consolidated as it."""
    import pyoxigraph as ox

    from kgbuild.vocab import CONSOLIDATED_GRAPH

    layer = ox.NamedNode(CONSOLIDATED_GRAPH)
    kg, schema = KG_NS, "https://schema.org/"
    label, pref = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel"

    def values(predicate):
        out = {}
        for q in corpus_store.quads_for_pattern(None, ox.NamedNode(predicate), None, layer):
            out.setdefault(q.subject.value, set()).add(q.object)
        return out

    english = {}
    for predicate in (label, pref):
        for q in corpus_store.quads_for_pattern(None, ox.NamedNode(predicate), None, layer):
            if q.object.language == "en":
                english.setdefault((predicate, q.subject.value), set()).add(q.object.value)

    def names(predicate, things):
        return [n for t in things for n in english.get((predicate, t.value), ())]

    def one(things):
        assert len(things) <= 1, things  # the layer gives one preferred value (one per language for names)
        return next(iter(things), "")

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    meetings = [q.subject.value for q in corpus_store.quads_for_pattern(None, rdf_type, ox.NamedNode(kg + "Meeting"), layer)]
    members = {}
    for q in corpus_store.quads_for_pattern(None, ox.NamedNode(kg + "consolidatedAs"), None, layer):
        members.setdefault(q.object.value, set()).add(q.subject)
    reporting = {m: {q.graph_name.value for member in members.get(m, ())
                     for q in corpus_store.quads_for_pattern(member, rdf_type, ox.NamedNode(kg + "Meeting"), None)
                     if q.graph_name != layer} for m in meetings}
    facts = {key: values(p) for key, p in (
        ("date", schema + "startDate"), ("name", schema + "name"), ("ordinal", kg + "ordinal"),
        ("kind", kg + "meetingKind"), ("series", kg + "series"), ("place", schema + "location"),
        ("host", kg + "hostCountry"), ("supporter", kg + "supportedBy"))}
    expected = []
    for meeting in meetings:
        f = {key: facts[key].get(meeting, set()) for key in facts}
        expected.append({
            "meeting": meeting,
            "date": one({v.value for v in f["date"]}),
            "name": one({v.value for v in f["name"] if v.language == "en"}),
            "ordinal": one({v.value for v in f["ordinal"]}),
            "kind": one(set(names(pref, f["kind"]))),
            "series_name": one(set(names(pref, f["series"]))),
            "place": one(set(names(label, f["place"]))),
            "host": one(set(names(label, f["host"]))),
            "supporter": " | ".join(sorted(set(names(label, f["supporter"])))),
            "documents": str(len(reporting[meeting])),
        })
    rows = corpus_query("timeline")
    assert len(rows) == len(expected) > 20
    by_meeting = lambda r: r["meeting"]  # noqa: E731
    assert sorted(({k: row[k] for k in expected[0]} for row in rows), key=by_meeting) == sorted(expected, key=by_meeting)
    assert max(int(r["documents"]) for r in rows) >= 5  # the 15th deputy-FM meeting, merged over its reports
    # fewer rows than the documents' meeting IRIs: a meeting named differently by two documents is one row
    documents_meetings = {q.subject.value for q in corpus_store.quads_for_pattern(None, rdf_type, ox.NamedNode(kg + "Meeting"), None)
                          if q.graph_name != layer}
    assert len(rows) <= len(documents_meetings)


def test_the_vocabulary_graph_says_of_each_kind_series_and_role_what_the_documents_say(corpus_store):
    """The build's vocabulary graph (where the stored queries read the names of kinds, series, roles and
    topics) holds exactly the triples every document graph writes about each of those nodes: the names a
    query shows are the documents' own. And it is the last graph of graph.trig, after the layer."""
    import pyoxigraph as ox

    from kgbuild.vocab import CONSOLIDATED_GRAPH, VOCABULARY_GRAPH

    vocabulary = ox.NamedNode(VOCABULARY_GRAPH)
    held = {(q.subject, q.predicate, q.object) for q in corpus_store.quads_for_pattern(None, None, None, vocabulary)}
    nodes = {s for s, _p, _o in held}
    assert {n.value.split("/")[5] for n in nodes} == {"concept", "series", "role"} and len(held) > 300
    describing = {held_p for _s, held_p, _o in held}  # type, labels, scheme, PLOVER code, Wikidata link
    written = 0
    for node in nodes:
        for q in corpus_store.quads_for_pattern(node, None, None, None):
            if q.graph_name not in (vocabulary, ox.NamedNode(CONSOLIDATED_GRAPH)) and q.predicate in describing:
                assert (q.subject, q.predicate, q.object) in held, q
                written += 1
    assert written > 1000  # the corpus's documents describe these nodes many times over
    graphs = sorted(g.value for g in corpus_store.named_graphs())
    assert graphs[-2:] == [CONSOLIDATED_GRAPH, VOCABULARY_GRAPH]

"""The stored queries over the consolidated layer, with exact answers on a hand-made layer (three invented
documents reporting one meeting with two dates, one official with two posts) and, for the provenance drill,
on the seed build."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kgbuild.consolidate.layer import consolidate, layer_triples
from kgbuild.consolidate.summary import Summary
from kgbuild.queries import get_query, load_store, run_local
from kgbuild.vocab import CONSOLIDATED_GRAPH, DATA_NS

from conftest import SEED, vocabulary_quads

KG = "https://w3id.org/kgbuild/ontology#"
SDO = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
C = DATA_NS + "consolidated/"


def en(text):
    return (text, RDF + "langString", "en")


def report(name: str, issued: str, date: str, post: str) -> Summary:
    """An invented document reporting the 3rd Talks in Astana with Aidar Bekov holding a post."""
    meeting, part, person = DATA_NS + "meeting/talks/3", DATA_NS + f"participation/{name}", DATA_NS + "person/aidar-bekov"
    facts = [
        (meeting, RDF + "type", KG + "Meeting"), (meeting, KG + "meetingKind", DATA_NS + "concept/meeting-kind/talks"),
        (meeting, SDO + "startDate", (date, XSD + "date", "")), (meeting, SDO + "name", en("3rd Talks")),
        (meeting, KG + "participation", part), (part, RDF + "type", KG + "Participation"),
        (part, KG + "participant", person), (part, KG + "heldPost", DATA_NS + post),
        (person, RDF + "type", SDO + "Person"), (person, RDFS_LABEL, en("Aidar Bekov")),
        (person, SKOS_HIDDEN, ("aidar bekov", XSD + "string", "")),
        (DATA_NS + post, RDF + "type", "http://www.w3.org/ns/org#Post"),
        (DATA_NS + post, RDFS_LABEL, en(post.rsplit("/", 1)[-1].replace("-", " "))),
    ]
    return Summary(DATA_NS + f"doc/{name}", f"{name}.txt", issued, "en", False, tuple(sorted(facts, key=str)))


@pytest.fixture(scope="module")
def store() -> ox.Store:
    docs = [report("a", "2025-03-02", "2025-03-01", "post/deputy-minister"),
            report("b", "2025-03-03", "2025-03-01", "post/deputy-minister"),
            report("c", "2026-05-10", "2025-03-02", "post/minister")]
    s = ox.Store()
    graph = ox.NamedNode(CONSOLIDATED_GRAPH)
    s.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in layer_triples(consolidate(docs)))
    s.extend(vocabulary_quads())  # the names of kinds, series and roles, as a build writes them
    for d in docs:  # the documents' graphs name their files
        s.add(ox.Quad(ox.NamedNode(d.doc), ox.NamedNode(KG + "fileName"), ox.Literal(d.file), ox.NamedNode(d.doc)))
    return s


def ask(store, name, **params):
    return [tuple(v[len(DATA_NS):] if v.startswith(DATA_NS) else v for v in row.values())
            for row in run_local(store, get_query(name), params)]


def test_meeting_profile_gives_every_value_with_its_support_status_and_sources(store):
    rows = ask(store, "meeting-profile", meeting=DATA_NS + "meeting/talks/3")
    assert [r[5:] for r in rows] == [
        (SDO + "name", "3rd Talks", "3", "preferred", "agreed", "a.txt | b.txt | c.txt", "false"),
        (SDO + "startDate", "2025-03-01", "2", "preferred", "majority", "a.txt | b.txt", "false"),
        (SDO + "startDate", "2025-03-02", "1", "alternative", "majority", "c.txt", "false"),
        (KG + "meetingKind", "concept/meeting-kind/talks", "3", "preferred", "agreed", "a.txt | b.txt | c.txt", "false"),
    ]
    assert {r[:5] for r in rows} == {("consolidated/meeting/talks/3", "3rd Talks", "3", "2025-03-02", "2026-05-10")}


def test_meeting_profile_takes_the_layers_iri_too(store):
    assert ask(store, "meeting-profile", meeting=C + "meeting/talks/3") == \
        ask(store, "meeting-profile", meeting=DATA_NS + "meeting/talks/3")


def test_conflicting_facts_lists_both_dates_and_nothing_agreed(store):
    assert ask(store, "conflicting-facts") == [
        ("consolidated/meeting/talks/3", "3rd Talks", SDO + "startDate", "2025-03-01", "2", "preferred", "majority",
         "a.txt | b.txt"),
        ("consolidated/meeting/talks/3", "3rd Talks", SDO + "startDate", "2025-03-02", "1", "alternative", "majority", "c.txt"),
    ]
    assert ask(store, "conflicting-facts", status="tied") == []


@pytest.mark.parametrize("official", ["Aidar Bekov", "AIDAR BEKOV", DATA_NS + "person/aidar-bekov", C + "person/aidar-bekov"])
def test_official_posts_gives_each_post_with_its_first_and_last_meeting(store, official):
    assert ask(store, "official-posts", official=official) == [
        ("consolidated/person/aidar-bekov", "Aidar Bekov", "consolidated/post/deputy-minister", "deputy minister",
         "2025-03-01", "2025-03-01", "1"),
        ("consolidated/person/aidar-bekov", "Aidar Bekov", "consolidated/post/minister", "minister",
         "2025-03-01", "2025-03-01", "1"),
    ]


def test_fact_provenance_drills_from_the_layer_to_the_seeds_sentences(seed_build):
    from kgbuild.document import read_document

    store = load_store(seed_build)
    rows = run_local(store, get_query("fact-provenance"),
                     {"subject": C + "meeting/ca-deputy-foreign-ministers/15", "predicate": SDO + "startDate"})
    text = read_document(SEED).text
    assert rows and {r["file"] for r in rows} == {SEED.name}
    preferred = {row["d"].value for row in store.query(
        f"SELECT ?d WHERE {{ GRAPH <{CONSOLIDATED_GRAPH}> {{ <{C}meeting/ca-deputy-foreign-ministers/15> <{SDO}startDate> ?d }} }}")}
    for r in rows:
        assert r["node"] == DATA_NS + "meeting/ca-deputy-foreign-ministers/15"
        assert text[int(r["sentence_begin"]):int(r["sentence_end"])] == r["text"]
        assert int(r["sentence_begin"]) <= int(r["span_begin"]) < int(r["span_end"]) <= int(r["sentence_end"])
        assert r["value"] in preferred


# the queries that read the layer (docs/queries.md); the others read the documents' graphs only
LAYER_QUERIES = {"meeting-profile", "conflicting-facts", "official-posts", "fact-provenance", "timeline", "attendance",
                 "official-meetings", "co-participation", "topics-over-time", "topic-countries",
                 "programmes-in-force", "initiative-history", "organisation-heads"}
SAMPLE_PARAMS = {"provenance": {"subject": DATA_NS + "meeting/ca-deputy-foreign-ministers/15"}}


def test_a_meeting_reported_with_two_dates_is_one_row_with_the_preferred_date(store):
    """Three documents report the 3rd Talks, two with 1 March and one with 2 March: one timeline row, dated
    as the cascade prefers (the majority), counting the three documents."""
    assert [(r[0], r[1], r[2], r[9]) for r in ask(store, "timeline")] == [
        ("2025-03-01", "consolidated/meeting/talks/3", "3rd Talks", "3")]
    assert [r[1] for r in ask(store, "timeline", year="2025")] == ["consolidated/meeting/talks/3"]


@pytest.mark.parametrize("official", ["aidar bekov", DATA_NS + "person/aidar-bekov", C + "person/aidar-bekov"])
def test_official_meetings_and_attendance_give_one_row_per_post_at_the_one_meeting(store, official):
    """Aidar Bekov's participation is one in the layer (keyed by meeting and person), reported by three
    documents, with the two posts they give him."""
    rows = ask(store, "official-meetings", official=official)
    assert [(r[0], r[1], r[3], r[7]) for r in rows] == [
        ("2025-03-01", "consolidated/meeting/talks/3", "consolidated/person/aidar-bekov", "3")] * 2
    assert ask(store, "attendance") == rows == ask(store, "attendance", meeting=C + "meeting/talks/3")


def test_the_documents_queries_give_the_same_rows_with_the_layer_as_without(seed_build):
    from kgbuild.queries import stored_queries

    with_layer = load_store(seed_build)
    without = load_store(seed_build / "graph.trig")  # in memory: the build folder's own store is read-only
    without.remove_graph(ox.NamedNode(CONSOLIDATED_GRAPH))
    assert len(with_layer) > len(without)
    for name, q in stored_queries().items():
        if name in LAYER_QUERIES:
            continue
        params = SAMPLE_PARAMS.get(name, {})
        assert run_local(with_layer, q, params) == run_local(without, q, params), name


def test_the_layers_queries_answer_on_a_server_as_locally(multi_layer):
    """The multi-document fixture with its consolidated layer (conftest.multi_with_layer), published to an
    Oxigraph server."""
    from typer.testing import CliRunner

    from kgbuild.cli import app
    from kgbuild.queries import run_remote
    from kgbuild.server import OxigraphServer, free_port

    trig = multi_layer
    local = load_store(trig)
    srv = OxigraphServer(free_port(), writable=True)
    srv.start()
    try:
        result = CliRunner().invoke(app, ["publish", "--graph", str(trig), "--endpoint", srv.base_url])
        assert result.exit_code == 0, result.output
        m15 = DATA_NS + "meeting/ca-deputy-foreign-ministers/15"
        for name, params in [("meeting-profile", {"meeting": m15}), ("conflicting-facts", {}),
                             ("official-posts", {"official": "Kaha Imnadze"}),
                             ("fact-provenance", {"subject": C + "meeting/ca-deputy-foreign-ministers/15"})]:
            here = run_local(local, get_query(name), params)
            there = run_remote(srv.query_endpoint, get_query(name), params)
            assert here, (name, "the fixture should give rows")
            assert sorted(map(sorted, (r.items() for r in there))) == sorted(map(sorted, (r.items() for r in here))), name
    finally:
        srv.stop()

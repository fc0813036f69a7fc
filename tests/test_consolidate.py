"""The consolidated layer's parts on hand-made cases: the preference cascade, identity across documents,
and a document's summary (its facts without their provenance)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kgbuild.consolidate.cascade import AGREED, EARLIEST_OFFICIAL, FINER, MAJORITY, TIE, Source, choose
from kgbuild.consolidate.identity import MeetingView, UnionFind, cluster_meetings, cluster_persons, same_meeting
from kgbuild.consolidate.summary import Summary, summarise
from kgbuild.translit import script_of
from kgbuild.vocab import DATA_NS, KG

from conftest import SEED

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def day(text: str) -> tuple[str, str, str]:
    return (text, XSD_DATE, "")


def sources(*specs: tuple[str, bool]) -> list[Source]:
    return [Source(issued, official, f"doc{i}.txt") for i, (issued, official) in enumerate(specs)]


# ---------------------------------------------------------------- cascade --

def test_one_value_from_every_document_is_agreed():
    src = sources(("2025-11-28", False), ("2025-11-29", True))
    assert choose({day("2025-11-27"): {0, 1}}, src) == (day("2025-11-27"), AGREED)


def test_a_day_is_preferred_to_the_month_that_contains_it():
    src = sources(("2026-04-02", True), ("2026-04-20", False))
    choice = choose({("2026-04", "http://www.w3.org/2001/XMLSchema#gYearMonth", ""): {0}, day("2026-04-15"): {1}}, src)
    assert choice.value == day("2026-04-15") and choice.resolution == FINER


def test_a_day_outside_the_month_is_not_finer():
    src = sources(("2026-04-02", False), ("2026-04-20", False))
    assert choose({("2026-04", "http://www.w3.org/2001/XMLSchema#gYearMonth", ""): {0}, day("2026-05-15"): {1}}, src).resolution == TIE


def test_two_documents_against_one_is_a_majority():
    src = sources(("2025-11-28", True), ("2025-11-29", False), ("2025-11-30", False))
    choice = choose({day("2025-11-27"): {0}, day("2025-11-28"): {1, 2}}, src)
    assert choice.value == day("2025-11-28") and choice.resolution == MAJORITY


def test_without_a_majority_the_earliest_official_source_decides():
    src = sources(("2025-11-30", False), ("2025-11-29", True), ("2025-12-01", True))
    choice = choose({day("2025-11-27"): {0}, day("2025-11-28"): {1}, day("2025-11-26"): {2}}, src)
    assert choice.value == day("2025-11-28") and choice.resolution == EARLIEST_OFFICIAL


def test_two_values_with_no_official_source_are_a_tie():
    src = sources(("2025-11-28", False), ("2025-11-29", False))
    assert choose({day("2025-11-27"): {0}, day("2025-11-28"): {1}}, src) == (None, TIE)


def test_names_are_never_finer_than_each_other():
    src = sources(("2025-11-28", False), ("2025-11-29", False))
    assert choose({DATA_NS + "city/almaty": {0}, DATA_NS + "city/almaty-region": {1}}, src).resolution == TIE


def test_two_official_sources_of_one_day_disagreeing_are_a_tie():
    src = sources(("2025-11-28", True), ("2025-11-28", True))
    assert choose({day("2025-11-27"): {0}, day("2025-11-28"): {1}}, src).resolution == TIE


# --------------------------------------------------------------- identity --

def test_one_person_across_scripts_spellings_and_a_patronymic():
    uf = cluster_persons({
        DATA_NS + "person/kassym-jomart-tokayev": {"Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев"},
        DATA_NS + "person/kasim-jomart-kemelevich-tokaev": {"Касым-Жомарт Кемелевич Токаев"},
        DATA_NS + "person/kassym-zhomart-tokaev": {"Kassym-Zhomart Tokaev"},
        DATA_NS + "person/shavkat-mirziyoyev": {"Shavkat Mirziyoyev"},
    })
    groups = uf.groups([DATA_NS + p for p in ("person/kassym-jomart-tokayev", "person/kasim-jomart-kemelevich-tokaev",
                                              "person/kassym-zhomart-tokaev", "person/shavkat-mirziyoyev")])
    assert sorted(len(g) for g in groups) == [1, 3]


def test_a_surname_alone_joins_nobody():
    uf = cluster_persons({"p/a": {"Tokayev"}, "p/b": {"Tokayev"}})
    assert uf.find("p/a") != uf.find("p/b")


def meeting(iri, doc, kind="talks", date="2025-11-27", places=(), agents=()):
    return MeetingView(iri, {doc}, {kind}, {date}, set(places), set(agents))


def test_a_generic_and_a_series_report_of_one_meeting_merge_on_a_shared_participant():
    a = meeting("m/series/15", 0, agents={"p/ashikbayev"})
    b = meeting("m/doc1/120", 1, places={"city/almaty"}, agents={"p/ashikbayev", "p/imnadze"})
    assert same_meeting(a, b)


def test_a_day_within_the_month_another_document_gives_is_the_same_date():
    a = meeting("m/a", 0, date="2021-10", places={"city/astana"})
    b = meeting("m/b", 1, date="2021-10-14", places={"city/astana"})
    assert same_meeting(a, b)


def test_two_meetings_on_one_day_in_one_city_with_different_people_stay_two():
    a = meeting("m/a", 0, places={"city/astana"}, agents={"p/x", "p/y"})
    b = meeting("m/b", 1, places={"city/astana"}, agents={"p/z", "p/w"})
    uf = UnionFind()
    cluster_meetings([a, b], uf)
    assert uf.find("m/a") != uf.find("m/b")


@pytest.mark.parametrize("change", [dict(kind="phone-call"), dict(date="2025-11-28"), dict(doc=0)])
def test_another_kind_another_day_or_the_same_document_keep_meetings_apart(change):
    a = meeting("m/a", 0, places={"city/astana"}, agents={"p/x"})
    b = meeting("m/b", change.pop("doc", 1), places={"city/astana"}, agents={"p/x"}, **change)
    assert not same_meeting(a, b)


def test_meetings_merge_transitively_within_a_bucket():
    ms = [meeting("m/a", 0, agents={"p/x"}), meeting("m/b", 1, agents={"p/x", "p/y"}), meeting("m/c", 2, agents={"p/y"})]
    uf = UnionFind()
    cluster_meetings(ms, uf)
    assert len({uf.find(m.iri) for m in ms}) == 1


# ---------------------------------------------------------------- summary --

@pytest.fixture(scope="module")
def seed_summary() -> Summary:
    from kgbuild.consolidate.summary import to_oxigraph
    from kgbuild.pipeline import document_triples

    g = document_triples(SEED)
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g]
    return summarise(str(g.identifier), triples)


def test_a_summary_of_the_plain_terms_is_that_of_the_same_triples_in_oxigraph(seed_summary):
    """The build summarises a document from the plain terms the mappers wrote (summarise_terms): the same
    summary, byte for byte once packed, as from the pyoxigraph triples."""
    from kgbuild.consolidate.summary import summarise_terms
    from kgbuild.pipeline import document_triples

    g = document_triples(SEED)
    plain = summarise_terms(g.identifier, g)
    assert plain == seed_summary and plain.pack() == seed_summary.pack()
    assert plain.facts and any(not isinstance(f[2], str) for f in plain.facts)  # literals too


def test_a_summary_keeps_the_facts_and_drops_the_provenance(seed_summary):
    s = seed_summary
    assert s.file == SEED.name and s.language == "kk" and s.issued
    assert s.official  # the seed names the MFA's press service as reporting
    meeting = DATA_NS + "meeting/ca-deputy-foreign-ministers/15"
    assert (meeting, "https://schema.org/startDate", day("2025-12-01")) in s.facts
    assert not [f for f in s.facts if "#char=" in f[0] or "#stmt-" in f[0]]
    assert not [f for f in s.facts if f[1] in (str(KG.evidence), str(KG.anchorOf))]


def test_a_summary_survives_json(seed_summary):
    import json

    assert Summary.from_json(json.loads(json.dumps(seed_summary.to_json()))) == seed_summary


def test_one_document_giving_two_values_is_no_majority_for_either():
    src = sources(("2025-11-28", False))
    assert choose({day("2025-11-27"): {0}, day("2025-11-28"): {0}}, src).resolution == TIE


# ------------------------------------------------- initiatives, programmes --

def proposal(iri, doc, kind="convention", agent="p/tokayev", topics=(), years=()):
    from kgbuild.consolidate.identity import ProposalView

    return ProposalView(iri, {doc}, kind, agent, frozenset(topics), frozenset(years))


def clustered(*views) -> int:
    from kgbuild.consolidate.identity import cluster_proposals

    uf = UnionFind()
    cluster_proposals(list(views), uf)
    return len({uf.find(v.iri) for v in views})


def test_one_proposal_reported_in_three_languages_on_one_topic_is_one():
    assert clustered(proposal("i/kk", 0, topics={"water"}), proposal("i/ru", 1, topics={"water"}),
                     proposal("i/en", 2, topics={"water"})) == 1


def test_a_bare_report_joins_the_only_described_proposal_of_its_kind_and_proposer():
    assert clustered(proposal("i/a", 0, topics={"water"}), proposal("i/b", 1)) == 1


def test_a_bare_report_joins_nothing_when_two_proposals_could_be_meant():
    assert clustered(proposal("i/a", 0, topics={"water"}), proposal("i/b", 1, topics={"climate"}),
                     proposal("i/c", 2)) == 3


@pytest.mark.parametrize("other", [dict(kind="treaty"), dict(agent="p/mirziyoyev"), dict(agent=""),
                                   dict(topics={"climate"}), dict(doc=0)])
def test_another_kind_proposer_or_topic_or_the_same_document_keep_proposals_apart(other):
    a = proposal("i/a", 0, topics={"water"})
    spec = dict(topics={"water"}, doc=1)
    spec.update(other)
    assert clustered(a, proposal("i/b", spec.pop("doc"), **spec)) == 2


def test_programmes_of_one_owner_and_kind_merge_on_their_years_only():
    assert clustered(proposal("p/a", 0, kind="programme", agent="org/x", years={"2026", "2030"}),
                     proposal("p/b", 1, kind="programme", agent="org/x", years={"2026", "2030"}),
                     proposal("p/c", 2, kind="programme", agent="org/x", years={"2015", "2017"})) == 2


def test_a_shared_topic_does_not_join_proposals_of_different_years():
    assert clustered(proposal("p/a", 0, topics={"water"}, years={"2009", "2011"}),
                     proposal("p/b", 1, topics={"water"}, years={"2015", "2017"})) == 2


def test_the_corpus_programmes_of_action_of_one_owner_for_three_periods_stay_three(corpus_layer):
    periods = {o for s, p, o in corpus_layer if p == KGNS + "period" and "/claim/" not in s
               and (s, KGNS + "owner", DATA_NS + "consolidated/org/unrcca") in corpus_layer}
    programmes = {s for s, p, o in corpus_layer if p == KGNS + "owner" and o == DATA_NS + "consolidated/org/unrcca"
                  and "/claim/" not in s}
    assert len(programmes) == len(periods) >= 2


# ------------------------------------------------------------------ layer --

KGNS = "https://w3id.org/kgbuild/ontology#"
SDO = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def doc_summary(name: str, issued: str, facts, official: bool = False) -> Summary:
    return Summary(DATA_NS + "doc/" + name, name + ".txt", issued, "en", official, tuple(sorted(facts, key=str)))


def meeting_facts(iri: str, date: tuple, person: str, part: str, name: str = "", place: str = "") -> list:
    facts = [(iri, RDF_TYPE, KGNS + "Meeting"), (iri, KGNS + "meetingKind", DATA_NS + "concept/meeting-kind/talks"),
             (iri, SDO + "startDate", date), (iri, KGNS + "participation", part),
             (part, RDF_TYPE, KGNS + "Participation"), (part, KGNS + "participant", person),
             (person, RDF_TYPE, SDO + "Person"),
             (person, "http://www.w3.org/2000/01/rdf-schema#label", ("Aidar Bekov", RDF + "langString", "en"))]
    if name:
        facts.append((iri, SDO + "name", (name, RDF + "langString", "en")))
    if place:
        facts.append((iri, SDO + "location", place))
    return facts


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def layer_of(*summaries):
    from kgbuild.consolidate.layer import consolidate

    facts = consolidate(list(summaries))
    return facts


def preferred(facts, subject_part: str, p: str):
    return sorted(o for s, pp, o in facts if pp == p and subject_part in s and "/claim/" not in s)


def test_two_reports_of_one_meeting_are_one_node_with_the_finer_date_preferred():
    a = doc_summary("a", "2026-04-20", meeting_facts(DATA_NS + "meeting/a/1", ("2026-04", XSD + "gYearMonth", ""),
                                                    DATA_NS + "person/aidar-bekov", DATA_NS + "participation/a1"))
    b = doc_summary("b", "2026-04-21", meeting_facts(DATA_NS + "meeting/b/7", day("2026-04-15"),
                                                    DATA_NS + "person/aidar-bekov", DATA_NS + "participation/b1"))
    facts = layer_of(a, b)
    meetings = {s for s, p, o in facts if p == RDF_TYPE and o == KGNS + "Meeting"}
    assert meetings == {DATA_NS + "consolidated/meeting/a/1"}
    assert preferred(facts, "consolidated/meeting/", SDO + "startDate") == [day("2026-04-15")]
    links = {(s, o) for s, p, o in facts if p == KGNS + "consolidatedAs" and "/meeting/" in s}
    assert links == {(DATA_NS + "meeting/a/1", DATA_NS + "consolidated/meeting/a/1"),
                     (DATA_NS + "meeting/b/7", DATA_NS + "consolidated/meeting/a/1")}
    assert (DATA_NS + "consolidated/meeting/a/1", KGNS + "support", ("2", XSD + "integer", "")) in facts
    # the participation of one person in one meeting, reported twice, is one
    assert len({s for s, p, o in facts if p == RDF_TYPE and o == KGNS + "Participation"}) == 1


XSD = "http://www.w3.org/2001/XMLSchema#"


def test_a_tie_leaves_no_preferred_value_and_two_tied_claims():
    person = DATA_NS + "person/aidar-bekov"
    a = doc_summary("a", "2025-11-28", meeting_facts(DATA_NS + "meeting/s/3", day("2025-11-27"), person, DATA_NS + "participation/a"))
    b = doc_summary("b", "2025-11-29", meeting_facts(DATA_NS + "meeting/s/3", day("2025-11-26"), person, DATA_NS + "participation/b"))
    facts = layer_of(a, b)
    assert preferred(facts, "consolidated/meeting/", SDO + "startDate") == []
    claims = {s for s, p, o in facts if p == RDF + "predicate" and o == SDO + "startDate"}
    assert len(claims) == 2
    assert {o for s, p, o in facts if s in claims and p == KGNS + "status"} == {("tied", XSD + "string", "")}
    assert {o for s, p, o in facts if s in claims and p == KGNS + "source"} == {a.doc, b.doc}


def test_a_two_to_one_majority_is_preferred_and_the_other_value_stays_a_claim():
    person = DATA_NS + "person/aidar-bekov"
    docs = [doc_summary(n, f"2025-11-2{i}", meeting_facts(DATA_NS + "meeting/s/3", day(d), person, DATA_NS + f"participation/{n}"))
            for i, (n, d) in enumerate([("a", "2025-11-20"), ("b", "2025-11-21"), ("c", "2025-11-21")])]
    facts = layer_of(*docs)
    assert preferred(facts, "consolidated/meeting/", SDO + "startDate") == [day("2025-11-21")]
    status = {o[0]: s for s, p, o in facts if p == KGNS + "status"}
    assert set(status) == {"preferred", "alternative"}


def test_two_meetings_on_one_day_in_one_city_with_different_people_stay_two_nodes():
    a = doc_summary("a", "2025-11-28", meeting_facts(DATA_NS + "meeting/a/1", day("2025-11-27"), DATA_NS + "person/aidar-bekov",
                                                    DATA_NS + "participation/a", place=DATA_NS + "city/astana"))
    b_facts = meeting_facts(DATA_NS + "meeting/b/1", day("2025-11-27"), DATA_NS + "person/marat-temirov",
                            DATA_NS + "participation/b", place=DATA_NS + "city/astana")
    b_facts = [(s, p, ("Marat Temirov", RDF + "langString", "en") if p.endswith("#label") else o) for s, p, o in b_facts]
    facts = layer_of(a, doc_summary("b", "2025-11-28", b_facts))
    assert len({s for s, p, o in facts if p == RDF_TYPE and o == KGNS + "Meeting"}) == 2


def test_the_seed_water_convention_in_two_kazakh_wordings_and_russian_is_one_initiative(corpus_layer):
    facts = corpus_layer
    proposals = {s for s, p, o in facts if p == KGNS + "proposedBy" and o.endswith("/kassym-jomart-tokayev")
                 and (s, KGNS + "initiativeKind", DATA_NS + "concept/initiative-kind/convention") in facts}
    languages = [{o[2] for ss, p, o in facts if ss == s and p == SDO + "name"} for s in proposals]
    assert any(langs >= {"kk", "ru"} for langs in languages)  # each document's node has one language


def test_the_unrcca_has_its_acronym_as_short_name(corpus_layer):
    assert (DATA_NS + "consolidated/org/unrcca", KGNS + "shortName", ("UNRCCA", RDF + "langString", "en")) in corpus_layer



def shown(facts, node: str) -> dict[str, str]:
    return {o[2]: o[0] for s, p, o in facts if s == node and p == KGNS + "displayName"}


def test_a_node_is_shown_by_one_name_per_language_in_its_script():
    """A person named in Russian and Kazakh only: shown in Russian and Kazakh by those names, in English by
    the Russian one (the first of the other script) transliterated; a meeting's schema:name is its name,
    not the rdfs:label the text gave, and a meeting with only the text's words has none to show; a node no
    document names is shown by nothing."""
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    person, meeting, place = DATA_NS + "person/p-x", DATA_NS + "meeting/a/1", DATA_NS + "city/c-x"
    unnamed = DATA_NS + "meeting/a/2"
    a = doc_summary("a", "2025-03-02", [
        (person, RDF_TYPE, SDO + "Person"), (person, label, ("Ержан Ашикбаев", RDF + "langString", "ru")),
        (person, label, ("Ержан Ашықбаев", RDF + "langString", "kk")),
        (meeting, RDF_TYPE, KGNS + "Meeting"), (meeting, SDO + "name", ("Talks in Astana", RDF + "langString", "en")),
        (meeting, label, ("the talks held", RDF + "langString", "en")), (meeting, SDO + "location", place),
        (place, RDF_TYPE, SDO + "City"), (unnamed, RDF_TYPE, KGNS + "Meeting"),
        (unnamed, SDO + "startDate", day("2025-01-09")), (unnamed, label, ("the sides discussed", RDF + "langString", "en"))])
    facts = layer_of(a)
    assert shown(facts, C_NS + "person/p-x") == {"ru": "Ержан Ашикбаев", "kk": "Ержан Ашықбаев",
                                                  "en": "Yerzhan Ashikbayev"}
    meeting_shown = shown(facts, C_NS + "meeting/a/1")
    assert meeting_shown["en"] == "Talks in Astana"
    assert script_of(meeting_shown["ru"]) == script_of(meeting_shown["kk"]) == "Cyrillic"
    assert shown(facts, C_NS + "city/c-x") == shown(facts, C_NS + "meeting/a/2") == {}


def test_every_display_name_of_the_corpus_layer_is_in_its_languages_script(corpus_layer):
    names: dict[str, dict[str, str]] = {}
    for s, p, o in corpus_layer:
        if p == KGNS + "displayName":
            assert o[2] not in names.setdefault(s, {}), (s, o)
            names[s][o[2]] = o[0]
    assert names and all(set(by_lang) == {"en", "ru", "kk"} for by_lang in names.values())
    for node, by_lang in names.items():
        for lang, text in by_lang.items():
            assert script_of(text) in ({"en": "Latin"}.get(lang, "Cyrillic"), None), (node, lang, text)
    reported = {s for s, p, o in corpus_layer if p == RDF_TYPE and o in (KGNS + "Meeting", KGNS + "Initiative", KGNS + "Programme")}
    named = {s for s, p, o in corpus_layer if "/claim/" not in s and (p == SDO + "name" or p in (
        "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel") and s not in reported)}
    assert named == set(names)  # every node with a name has one to show, and no other


# ------------------------------------------------------- in the build --

@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """Seed and corpus built once (cache on), in a folder of copies so that one can be changed later."""
    from conftest import copy_of_corpus
    from kgbuild.pipeline import build_to

    src = copy_of_corpus(tmp_path_factory.mktemp("docs"))
    out = tmp_path_factory.mktemp("corpus-build")
    build_to([src], out, workers=2, engine="turbo")
    return src, out


@pytest.fixture(scope="module")
def corpus_layer(corpus_build):
    import pyoxigraph as ox
    from kgbuild.consolidate.summary import term

    _src, out = corpus_build
    return {(term(t.subject), term(t.predicate), term(t.object))
            for t in ox.parse(path=str(out / "consolidated.ttl"), format=ox.RdfFormat.TURTLE)}


def test_the_layer_follows_the_documents_in_graph_trig_and_conforms_to_its_shapes(corpus_build):
    import json

    from kgbuild.vocab import CONSOLIDATED_GRAPH, VOCABULARY_GRAPH

    _src, out = corpus_build
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    headers = [line for line in trig.split("\n") if line.startswith("<")]  # each graph's first line
    assert headers[-2:] == [f"<{CONSOLIDATED_GRAPH}> {{", f"<{VOCABULARY_GRAPH}> {{"]  # then only the vocabulary
    layer = json.loads((out / "validation.json").read_text())
    assert all(v["severity"] == "sh:Warning" for v in layer["violations"] if v["document"] == CONSOLIDATED_GRAPH)
    counts = json.loads((out / "build.json").read_text())["consolidation"]
    assert counts["nodes"] > 0 and counts["claims"] > 0 and counts["graph"] == CONSOLIDATED_GRAPH
    times = json.loads((out / ".cache" / "last-build.json").read_text())["consolidation"]
    assert 0 <= times["cpu_seconds"] and 0 < times["seconds"]


@pytest.mark.parametrize("engine", ["rdflib", "turbo", "shacl"])
def test_every_engine_gives_the_layer_the_same_verdict(corpus_build, engine):
    from rdflib import Graph

    from kgbuild.validate import validate_graph

    g = Graph().parse(corpus_build[1] / "consolidated.ttl")
    report = validate_graph(g, engine=engine, shapes="consolidated")
    assert report.conforms
    reference = validate_graph(g, engine="rdflib", shapes="consolidated")
    assert [(v.focus, v.path, v.severity, v.message) for v in report.violations] == \
        [(v.focus, v.path, v.severity, v.message) for v in reference.violations]


def test_a_duplicate_preferred_value_violates_the_layer_shapes():
    from rdflib import Graph

    from kgbuild.validate import validate_graph

    g = Graph().parse(data=f"""
        @prefix kg: <{KGNS}> . @prefix schema: <{SDO}> . @prefix xsd: <{XSD}> .
        <{DATA_NS}consolidated/meeting/x> a kg:Meeting ; kg:support 2 ; kg:firstReported "2025-01-01"^^xsd:date ;
            kg:lastReported "2025-01-02"^^xsd:date ; schema:startDate "2025-01-01"^^xsd:date, "2025-01-02"^^xsd:date .
        <{DATA_NS}consolidated/claim/x> a kg:Claim ; <{RDF}subject> <{DATA_NS}consolidated/meeting/x> ;
            <{RDF}predicate> schema:startDate ; <{RDF}object> "2025-01-01"^^xsd:date ; kg:support 1 ;
            kg:status "preferred" ; kg:resolution "agreed" .""", format="turtle")
    report = validate_graph(g, shapes="consolidated")
    assert not report.conforms
    assert {v.path for v in report.violations if v.severity == "sh:Violation"} == {"schema:startDate", "kg:source"}


def test_changing_one_document_and_rebuilding_from_the_cache_gives_a_full_rebuilds_layer(corpus_build, tmp_path):
    import json
    import re

    from kgbuild.pipeline import build_to

    src, out = corpus_build
    changed = sorted(src.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(re.sub(r"^ date \d{4}-\d{2}-\d{2}", " date 2020-01-02", text, count=1), encoding="utf-8")
    try:
        build_to([src], out, workers=1, engine="turbo")
        stats = json.loads((out / ".cache" / "last-build.json").read_text())
        assert stats["extracted"] == 1
        build_to([src], tmp_path, workers=1, engine="turbo", use_cache=False)
        assert (out / "consolidated.ttl").read_bytes() == (tmp_path / "consolidated.ttl").read_bytes()
        assert (out / "graph.trig").read_bytes() == (tmp_path / "graph.trig").read_bytes()
        assert b"2020-01-02" in (out / "consolidated.ttl").read_bytes()
    finally:
        changed.write_text(text, encoding="utf-8")


def test_a_summary_survives_packing(seed_summary):
    assert Summary.unpack(seed_summary.pack()) == seed_summary


def test_validate_routes_the_layer_to_its_shapes_and_the_documents_to_theirs(corpus_build):
    from rdflib import Dataset

    from kgbuild.validate import validate_dataset
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    ds = Dataset()
    ds.parse(corpus_build[1] / "graph.trig", format="trig")
    report = validate_dataset(ds, engine="shacl")
    layer = [v for v in report.violations if v.document == CONSOLIDATED_GRAPH]
    # the documents' shapes would fault every layer node for its missing provenance; the layer's report ties only
    assert layer and {v.shape for v in layer} == {"kgsh:TiedClaimShape"}


def test_the_layer_shapes_are_valid_shacl_with_a_message_on_every_constraint():
    from pyshacl import validate
    from rdflib import Graph, Literal
    from rdflib.namespace import SH

    from kgbuild.validate import shapes_graph

    g = shapes_graph("consolidated")
    constraints = set(g.objects(None, SH.property))
    assert len(constraints) > 20 and all(isinstance(g.value(c, SH.message), Literal) for c in constraints)
    conforms, _report, text = validate(Graph().parse(data="<urn:x> <urn:y> <urn:z> .", format="turtle"),
                                       shacl_graph=g, meta_shacl=True, advanced=True, inference="none")
    assert conforms, text


# ---------------------------------------------------- in the networks --

@pytest.mark.parametrize("kind", ["officials-meetings", "co-participation", "organisations-initiatives",
                                  "countries-meetings"])
def test_the_networks_of_a_build_draw_the_layers_nodes(corpus_build, kind):
    from kgbuild.network import project
    from kgbuild.queries import load_store

    _src, out = corpus_build
    G = project(load_store(out / "graph.trig"), kind)
    assert G.number_of_nodes() > 0
    assert sorted(n for n in G if not n.startswith(DATA_NS + "consolidated/")) == []
    assert all(u != v for u, v in G.edges)


def test_the_seed_water_convention_is_one_node_of_the_initiatives_network(corpus_build, corpus_layer):
    from kgbuild.network import project
    from kgbuild.queries import load_store

    _src, out = corpus_build
    G = project(load_store(out / "graph.trig"), "organisations-initiatives")
    conventions = [n for n in G if (n, KGNS + "initiativeKind", DATA_NS + "concept/initiative-kind/convention") in corpus_layer
                   and (n, KGNS + "proposedBy", DATA_NS + "consolidated/person/kassym-jomart-tokayev") in corpus_layer]
    assert len(conventions) == 1
    names = {o[2] for s, p, o in corpus_layer if s == conventions[0] and p == SDO + "name"}
    assert names >= {"kk", "ru"}
    assert len(G.nodes[conventions[0]]["documents"]) >= 2


@pytest.mark.parametrize("file, code, says", [
    ("graph.trig", 0, "Conforms"),
    ("consolidated.ttl", 0, "Conforms"),  # the layer alone, against the layer's shapes
    ("graph.ttl", 2, "the union of"),  # several documents' graphs and the layer in one graph: no verdict
])
def test_validate_gives_each_output_file_its_own_answer(corpus_build, file, code, says):
    from typer.testing import CliRunner

    from kgbuild.cli import app

    r = CliRunner().invoke(app, ["validate", str(corpus_build[1] / file), "--shacl-engine", "shacl"])
    assert r.exit_code == code, r.output
    assert says in r.output
    assert "kgsh:ExtractedFactShape" not in r.output
    if code == 2:
        assert file in r.output and "consolidated.ttl" in r.output  # names the file and what to validate instead


def test_the_turtle_union_of_a_one_document_build_is_that_document_and_its_layer(tmp_path):
    from typer.testing import CliRunner

    from kgbuild.cli import app

    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--no-cache"]).exit_code == 0
    r = CliRunner().invoke(app, ["validate", str(out / "graph.ttl"), "--shacl-engine", "shacl"])
    assert r.exit_code == 0, r.output
    assert "2 graph(s)" in r.output  # the document's and the layer's, each against its own shapes


def holding_facts(person: str, label: str, posts: list[str]) -> list:
    facts = [(person, RDF_TYPE, SDO + "Person"),
             (person, "http://www.w3.org/2000/01/rdf-schema#label", (label, RDF + "langString", "en"))]
    for post in posts:
        facts += [(person, "http://www.w3.org/ns/org#holds", post), (post, RDF_TYPE, "http://www.w3.org/ns/org#Post")]
    return facts


def holdings(facts) -> dict[tuple[str, str], dict[str, set]]:
    """(holder, post) -> predicate -> values, for every kg:PostHolding of a layer."""
    nodes = {s for s, p, o in facts if p == RDF_TYPE and o == KGNS + "PostHolding"}
    by_node = {n: {} for n in nodes}
    for s, p, o in facts:
        if s in nodes:
            by_node[s].setdefault(p, set()).add(o)
    return {(next(iter(v[KGNS + "holder"])), next(iter(v[KGNS + "post"]))): v for v in by_node.values()}


def test_a_post_holding_counts_the_documents_reporting_the_person_in_that_post():
    head, envoy = DATA_NS + "post/head/org-x", DATA_NS + "post/special-envoy/country-kz"
    a = doc_summary("a", "2025-03-02", holding_facts(DATA_NS + "person/aidar-bekov", "Aidar Bekov", [head]))
    b = doc_summary("b", "2025-07-09", holding_facts(DATA_NS + "person/aidar-bekov", "Aidar Bekov", [head, envoy]))
    # another spelling of the same person in a third document: one layer person, its holdings merged
    c = doc_summary("c", "2024-12-30", holding_facts(DATA_NS + "person/aydar-bekov", "Aydar Bekov", [head]))
    d = doc_summary("d", "2025-01-15", holding_facts(DATA_NS + "person/marat-temirov", "Marat Temirov", [envoy]))
    found = holdings(layer_of(a, b, c, d))
    person, other = C_NS + "person/aidar-bekov", C_NS + "person/marat-temirov"
    assert set(found) == {(person, C_NS + "post/head/org-x"), (person, C_NS + "post/special-envoy/country-kz"),
                          (other, C_NS + "post/special-envoy/country-kz")}
    as_head = found[(person, C_NS + "post/head/org-x")]
    assert as_head[KGNS + "support"] == {("3", XSD + "integer", "")}
    assert as_head[KGNS + "source"] == {a.doc, b.doc, c.doc}
    assert as_head[KGNS + "firstReported"] == {("2024-12-30", XSD + "date", "")}
    assert as_head[KGNS + "lastReported"] == {("2025-07-09", XSD + "date", "")}
    as_envoy = found[(person, C_NS + "post/special-envoy/country-kz")]
    assert (as_envoy[KGNS + "support"], as_envoy[KGNS + "source"]) == ({("1", XSD + "integer", "")}, {b.doc})
    assert found[(other, C_NS + "post/special-envoy/country-kz")][KGNS + "source"] == {d.doc}


C_NS = DATA_NS + "consolidated/"


def test_an_organisation_is_found_by_every_name_any_document_gives_it_in_lower_case():
    org, label = DATA_NS + "org/x-fund", "http://www.w3.org/2000/01/rdf-schema#label"
    a = doc_summary("a", "2025-03-02", [(org, RDF_TYPE, SDO + "Organization"),
                                        (org, label, ("International Fund X", RDF + "langString", "en")),
                                        (org, label, ("Международный фонд Икс", RDF + "langString", "ru"))])
    b = doc_summary("b", "2025-03-05", [(org, RDF_TYPE, SDO + "Organization"),
                                        (org, label, ("The Fund X", RDF + "langString", "en"))])
    facts = layer_of(a, b)
    keys = {o for s, p, o in facts if p == "http://www.w3.org/2004/02/skos/core#hiddenLabel"}
    # the two English names (tied: two documents, one each), the Russian one, and the name shown in English
    # (no English name is preferred: the Russian one, transliterated), so that a name a question shows finds
    # the organisation again; plain strings
    assert keys == {("international fund x", XSD + "string", ""), ("the fund x", XSD + "string", ""),
                    ("международный фонд икс", XSD + "string", ""), ("mezhdunarodny fond iks", XSD + "string", "")}
    assert {s for s, p, o in facts if p == "http://www.w3.org/2004/02/skos/core#hiddenLabel"} == {C_NS + "org/x-fund"}


def test_the_corpus_organisations_search_keys_are_sparqls_lower_case_of_their_names(corpus_build):
    """organisation-heads matches skos:hiddenLabel against SPARQL's LCASE of the name given: on the seed and
    corpus layer, each organisation's keys are exactly Oxigraph's LCASE of its names, short names and
    display names (the preferred ones and the claims' other values)."""
    import pyoxigraph as ox

    _src, out = corpus_build
    store = ox.Store()
    store.load(path=str(out / "consolidated.ttl"), format=ox.RdfFormat.TURTLE)
    prefix = ("PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
              "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX kg: <https://w3id.org/kgbuild/ontology#> "
              "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ")

    def pairs(query: str) -> set[tuple[str, str]]:
        return {(r[0].value, r[1].value) for r in store.query(prefix + query)}

    names = pairs("SELECT ?o (LCASE(STR(?n)) AS ?k) WHERE { ?o a schema:Organization . "
                  "{ ?o schema:name|rdfs:label|skos:prefLabel|kg:shortName|kg:displayName ?n } UNION "
                  "{ VALUES ?np { schema:name rdfs:label skos:prefLabel } ?c rdf:subject ?o ; rdf:predicate ?np ; rdf:object ?n } }")
    keys = pairs("SELECT ?o ?k WHERE { ?o skos:hiddenLabel ?k ; a schema:Organization }")
    assert keys == names and keys  # (not vacuous: the seed alone names organisations)

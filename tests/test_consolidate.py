"""The consolidated layer's parts on hand-made cases: the preference cascade, identity across documents,
and a document's summary (its facts without their provenance)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kgbuild.consolidate.cascade import AGREED, EARLIEST_OFFICIAL, FINER, MAJORITY, TIE, Source, choose
from kgbuild.consolidate.identity import MeetingView, UnionFind, cluster_meetings, cluster_persons, same_meeting
from kgbuild.consolidate.summary import Summary, summarise
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
    from kgbuild.graph import to_oxigraph
    from kgbuild.pipeline import document_triples

    g = document_triples(SEED)
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g]
    return summarise(str(g.identifier), triples)


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

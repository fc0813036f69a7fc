"""Dates as precise as the text gives them (issue 23, item 9): a month the text names without a day stays a
month (xsd:gYearMonth "2026-04", never an invented first day), and a meeting the text reports as just held
without a date, dated by its document, is marked inferred (kg:inferred on its reified statement). On
sentences written for the tests, in each language."""
from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from kgbuild.document import parse_document
from kgbuild.extract import extract
from kgbuild.facts import FactDate
from kgbuild.pipeline import document_graph
from kgbuild.vocab import KG

ISSUED = "2025-12-10"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib 7 warns on its own Dataset calls


def doc(body: str, lang: str, date: str = ISSUED):
    raw = f" date {date} Title\n{body}\n".encode("utf-8")
    return extract(parse_document(raw, Path(f"test-{lang}.txt"), lang))


def graph(tmp_path, body: str, lang: str, name: str = "dates"):
    p = tmp_path / f"{name}-{lang}.txt"
    p.write_text(f" date {ISSUED} Title\n{body}\n", encoding="utf-8")
    return document_graph(p)


# (language, body): a meeting announced for a month, no day given
MONTH_ONLY = [
    ("en", "A summit of the heads of state of Central Asia will take place in Bishkek in April 2026."),
    ("ru", "Саммит глав государств Центральной Азии состоится в Бишкеке в апреле 2026 года."),
    ("kk", "Орталық Азия мемлекеттері басшыларының саммиті 2026 жылы сәуірде Бішкекте өтеді."),
]

# (language, body): a meeting reported as held, the text giving no date for it
HELD_UNDATED = [
    ("en", "President of Kazakhstan Kassym-Jomart Tokayev received Foreign Minister of Latvia Anna Berzina."),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев принял министра иностранных дел Латвии Анну Берзиню."),
    ("kk", "Қазақстан Президенті Қасым-Жомарт Тоқаев Латвия Сыртқы істер министрі Анна Берзинаны қабылдады."),
]


def test_a_fact_date_orders_as_its_day_writes_at_its_precision_and_survives_pickling():
    month = FactDate(2026, 4, month_only=True)
    assert month.iso() == "2026-04" and FactDate(2026, 4, 15).iso() == "2026-04-15"
    assert month == dt.date(2026, 4, 1) and month < dt.date(2026, 4, 2)  # the extractor compares days as before
    inferred = FactDate.of(dt.date(2025, 12, 10), inferred=True)
    assert inferred.inferred and not inferred.month_only
    assert FactDate.of(month, inferred=True).month_only  # a month stays a month when inferred
    again = pickle.loads(pickle.dumps(month))
    assert (again, again.month_only, again.inferred) == (month, True, False)


@pytest.mark.parametrize("lang,body", MONTH_ONLY)
def test_a_month_without_a_day_stays_a_month(lang, body):
    [m] = doc(body, lang).meetings
    assert m.date.month_only and m.date.iso() == "2026-04" and not m.date.inferred


def test_a_kazakh_month_named_with_the_word_for_month_is_a_month_of_the_documents_year():
    """"сәуір айында" (in the month of April), no year written: the month, in the document's year."""
    [m] = doc("Орталық Азия мемлекеттері басшыларының саммиті сәуір айында Бішкекте өтеді.", "kk", date="2026-01-15").meetings
    assert m.date.month_only and m.date.iso() == "2026-04"


@pytest.mark.parametrize("lang,body", MONTH_ONLY)
def test_a_month_is_written_as_gyearmonth_and_named_by_it(tmp_path, lang, body):
    g = graph(tmp_path, body, lang)
    [meeting] = set(g.subjects(ns.RDF.type, KG.Meeting))
    assert list(g.objects(meeting, ns.SDO.startDate)) == [Literal("2026-04", datatype=ns.XSD.gYearMonth)]
    assert {(n.language, str(n)) for n in g.objects(meeting, ns.SDO.name)} == {
        ("en", "summit (Bishkek, 2026-04)"), ("ru", "саммит (Бишкек, 2026-04)"), ("kk", "саммит (Бішкек, 2026-04)")}
    [stmt] = g.subjects(ns.RDF.predicate, ns.SDO.startDate)
    assert (stmt, KG.inferred, None) not in g  # the text states it


@pytest.mark.parametrize("lang,body", [
    ("en", "The meeting of the deputy foreign ministers of Central Asia will be held in Astana in April 2026."),
    ("ru", "Встреча заместителей министров иностранных дел стран Центральной Азии пройдет в Астане в апреле 2026 года.")])
def test_a_series_meeting_known_by_its_month_is_named_by_the_month_across_documents(lang, body):
    [m] = doc(body, lang).meetings
    assert m.local == "ca-deputy-foreign-ministers/2026-04"


@pytest.mark.parametrize("lang,body", HELD_UNDATED)
def test_a_held_meeting_without_a_date_takes_the_documents_and_is_marked_inferred(tmp_path, lang, body):
    [m] = doc(body, lang).meetings
    assert m.date == dt.date(2025, 12, 10) and m.date.inferred and not m.date.month_only
    g = graph(tmp_path, body, lang)
    [meeting] = set(g.subjects(ns.RDF.type, KG.Meeting))
    day = Literal(ISSUED, datatype=ns.XSD.date)
    assert list(g.objects(meeting, ns.SDO.startDate)) == [day]
    [stmt] = g.subjects(ns.RDF.predicate, ns.SDO.startDate)
    assert (stmt, ns.RDF.object, day) in g and (stmt, KG.inferred, Literal(True)) in g
    assert list(g.objects(stmt, KG.evidence))  # still traced to the sentence reporting the meeting


def test_a_date_the_text_states_is_not_marked_inferred(tmp_path):
    body = "On 12 May President of Kazakhstan Kassym-Jomart Tokayev received Foreign Minister of Latvia Anna Berzina."
    [m] = doc(body, "en").meetings
    assert m.date == dt.date(2025, 5, 12) and not (m.date.inferred or m.date.month_only)
    g = graph(tmp_path, body, "en")
    assert not list(g.subjects(KG.inferred, None))


def test_the_documents_with_months_and_inferred_dates_conform(tmp_path):
    from kgbuild.output import new_dataset
    from kgbuild.validate import validate_dataset

    ds = new_dataset()
    for i, (lang, body) in enumerate(MONTH_ONLY + HELD_UNDATED):
        g = graph(tmp_path, body, lang, name=f"doc{i}")
        named = ds.graph(URIRef(str(g.identifier)))
        for t in g:
            named.add(t)
    report = validate_dataset(ds)
    assert report.conforms, report.to_text()


# ------------------------------------------------------- consolidated layer --

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SCHEMA_START = "https://schema.org/startDate"
KG_NS = "https://w3id.org/kgbuild/ontology#"


def day(text: str) -> tuple[str, str, str]:
    return (text, XSD_NS + "date", "")


def month(text: str) -> tuple[str, str, str]:
    return (text, XSD_NS + "gYearMonth", "")


def plain(n: int, official: bool = False):
    from kgbuild.consolidate.cascade import Source

    return [Source(f"2026-04-{20 + i:02d}", official, f"doc{i}.txt") for i in range(n)]


def test_the_cascade_prefers_a_day_to_the_month_containing_it_and_a_stated_value_to_an_inferred_one():
    from kgbuild.consolidate.cascade import EARLIEST_OFFICIAL, FINER, MAJORITY, STATED, TIE, Source, choose

    # a day over a month of the same month (stated or not: the day falls within what the month says)
    assert choose({month("2026-04"): {0}, day("2026-04-15"): {1}}, plain(2)) == (day("2026-04-15"), FINER)
    assert choose({month("2026-04"): {0}, day("2026-04-21"): {1}}, plain(2), {day("2026-04-21"): {1}}) == \
        (day("2026-04-21"), FINER)
    # one document states the day, another dated the meeting by its own issue date: the stated day (without
    # the mark, neither document is official and one against one is a tie)
    values = {day("2026-04-15"): {0}, day("2026-04-21"): {1}}
    assert choose(values, plain(2)) == (None, TIE)
    assert choose(values, plain(2), {day("2026-04-21"): {1}}) == (day("2026-04-15"), STATED)
    # ... and the stated value ranks above an inferred one even where the inferring document is the
    # earliest official one
    sources = [Source("2026-04-22", False, "a.txt"), Source("2026-04-21", True, "b.txt")]
    assert choose(values, sources) == (day("2026-04-21"), EARLIEST_OFFICIAL)
    assert choose(values, sources, {day("2026-04-21"): {1}}) == (day("2026-04-15"), STATED)
    # a majority still decides first: three reports of a meeting just held, each dated by its issue day,
    # against one announcement that gave another day
    assert choose({day("2026-04-15"): {0}, day("2026-04-16"): {1, 2, 3}}, plain(4),
                  {day("2026-04-16"): {1, 2, 3}}) == (day("2026-04-16"), MAJORITY)


def test_with_several_values_stated_the_inferred_ones_drop_out_and_with_none_stated_all_count():
    from kgbuild.consolidate.cascade import EARLIEST_OFFICIAL, TIE, Source, choose

    # A states the 15th, B the 16th, C (official, the earliest) inferred the 17th: no majority, two values
    # stated, so the earliest official document's inferred value is no candidate: a tie
    sources = [Source("2026-04-20", False, "a.txt"), Source("2026-04-20", False, "b.txt"), Source("2026-04-19", True, "c.txt")]
    values = {day("2026-04-15"): {0}, day("2026-04-16"): {1}, day("2026-04-17"): {2}}
    assert choose(values, sources) == (day("2026-04-17"), EARLIEST_OFFICIAL)
    assert choose(values, sources, {day("2026-04-17"): {2}}) == (None, TIE)
    # every value inferred: the cascade as without the marks
    assert choose(values, sources, {v: set(d) for v, d in values.items()}) == (day("2026-04-17"), EARLIEST_OFFICIAL)


def test_a_meeting_one_document_dates_and_another_dates_by_its_issue_is_dated_as_stated(tmp_path):
    """Two invented reports of one numbered meeting, one giving its day and one (issued two days later)
    reporting it as held with no date: the layer prefers the stated day, and the inferred value stays a
    claim marked inferred."""
    from kgbuild.consolidate.layer import consolidate
    from kgbuild.consolidate.summary import Summary, summarise_terms
    from kgbuild.pipeline import document_triples

    summaries = []
    for name, issued, body in [
            ("a", "2025-10-14", "The 17th meeting of the deputy foreign ministers of Central Asia was held in Bishkek on 14 October."),
            ("b", "2025-10-16", "The 17th meeting of the deputy foreign ministers of Central Asia was held in Bishkek.")]:
        p = tmp_path / f"{name}-en.txt"
        p.write_text(f" date {issued} Title\n{body}\n", encoding="utf-8")
        triples = document_triples(p)
        summary = summarise_terms(triples.identifier, triples)
        assert Summary.unpack(summary.pack()) == summary  # the marks survive the cache
        summaries.append(summary)
    meeting = "https://w3id.org/kgbuild/id/meeting/ca-deputy-foreign-ministers/17"
    assert summaries[0].inferred == () and summaries[1].inferred == ((meeting, SCHEMA_START, day("2025-10-16")),)
    facts = consolidate(summaries)
    node = "https://w3id.org/kgbuild/id/consolidated/meeting/ca-deputy-foreign-ministers/17"
    assert [o for s, p, o in facts if s == node and p == SCHEMA_START] == [day("2025-10-14")]
    claims = {o: s for s, p, o in facts if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
              and (s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate", SCHEMA_START) in facts}
    about = {value: {(p[len(KG_NS):], o[0]) for s, p, o in facts if s == claim and p.startswith(KG_NS)
                     and p[len(KG_NS):] in ("status", "resolution", "inferred")} for value, claim in claims.items()}
    assert about == {day("2025-10-14"): {("status", "preferred"), ("resolution", "stated")},
                     day("2025-10-16"): {("status", "alternative"), ("resolution", "stated"), ("inferred", "true")}}
    # the preferred date's year on the node, and no kg:dateInferred: a document states it
    read_off = {(p[len(KG_NS):], o[0]) for s, p, o in facts if s == node and p in (KG_NS + "year", KG_NS + "dateInferred")}
    assert read_off == {("year", "2025")}
    # reported by the second document alone, the meeting's only date is inferred, and the node says so
    alone = consolidate(summaries[1:])
    assert {(p[len(KG_NS):], o[0]) for s, p, o in alone if s == node and p in (KG_NS + "year", KG_NS + "dateInferred")} \
        == {("year", "2025"), ("dateInferred", "true")}
    # and the layer's shapes take the step and the mark, as every engine reads them
    from kgbuild.consolidate.layer import layer_ntriples
    from kgbuild.validate import validate_graph
    from rdflib import Graph

    layer = Graph().parse(data=layer_ntriples(facts)[0], format="nt")
    reports = [validate_graph(layer, shapes="consolidated", engine=engine) for engine in ("rdflib", "shacl")]
    assert all(r.conforms for r in reports), reports[0].to_text()


# ---------------------------------------------------------- stored queries --

@pytest.fixture(scope="module")
def dated_build(tmp_path_factory) -> Path:
    """A build of two invented documents: a summit announced for a month, and a reception reported as held
    with no date (the same sentences as above)."""
    from typer.testing import CliRunner

    from kgbuild.cli import app

    folder = tmp_path_factory.mktemp("dated")
    for name, (lang, body) in (("month", MONTH_ONLY[0]), ("held", HELD_UNDATED[1])):
        (folder / f"{name}-{lang}.txt").write_text(f" date {ISSUED} Title\n{body}\n", encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--no-cache", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out / "graph.trig"


def rows_on_both_engines(path: Path, name: str, **params) -> list[dict[str, str]]:
    """The rows of a stored query on Oxigraph, checked to be the rows rdflib's engine gives."""
    from rdflib import Dataset

    from kgbuild.queries import bind, bindings_for, get_query, load_store, run_local, sort_lists

    q = get_query(name)
    rows = run_local(load_store(path), q, params)
    ds = Dataset()
    ds.parse(path, format="trig")
    result = ds.query(bind(q.text, bindings_for(q, params)))
    assert rows == sort_lists(q, [{str(v): "" if r[v] is None else str(r[v]) for v in result.vars} for r in result])
    return rows


def test_the_stored_queries_show_a_month_as_a_month_and_whether_a_date_is_inferred(dated_build):
    dates = {(r["name"], r["date"], r["date_inferred"]) for r in rows_on_both_engines(dated_build, "meetings")}
    assert dates == {("summit (Bishkek, 2026-04)", "2026-04", "false"), ("reception (2025-12-10)", ISSUED, "true")}
    timeline = rows_on_both_engines(dated_build, "timeline")
    assert [(r["date"], r["name"], r["date_inferred"]) for r in timeline] == [
        (ISSUED, "reception (2025-12-10)", "true"), ("2026-04", "summit (Bishkek, 2026-04)", "false")]
    # a month is in its year (YEAR() would not take it), and the order is the same on every engine
    assert [r["date"] for r in rows_on_both_engines(dated_build, "timeline", year="2026")] == ["2026-04"]
    assert [r["date"] for r in rows_on_both_engines(dated_build, "timeline", year="2025")] == [ISSUED]


def test_the_profile_and_the_provenance_of_an_inferred_date_say_so(dated_build):
    reception = next(r["meeting"] for r in rows_on_both_engines(dated_build, "timeline") if r["date_inferred"] == "true")
    profile = rows_on_both_engines(dated_build, "meeting-profile", meeting=reception)
    assert {(r["value"], r["inferred"]) for r in profile if r["property"] == SCHEMA_START} == {(ISSUED, "true")}
    assert {r["inferred"] for r in profile if r["property"] != SCHEMA_START} == {"false"}
    facts = rows_on_both_engines(dated_build, "fact-provenance", subject=reception, predicate=SCHEMA_START)
    assert [(r["value"], r["inferred"]) for r in facts] == [(ISSUED, "true")]
    node = facts[0]["node"]
    assert [(r["object"], r["inferred"]) for r in rows_on_both_engines(dated_build, "provenance", subject=node,
                                                                        predicate=SCHEMA_START)] == [(ISSUED, "true")]


# ---------------------------------------------------------------- evaluation --

def test_a_month_scores_against_the_golds_first_day_of_it_and_nothing_else():
    """Gold gives every date as a day, a month as its first day: the system's month is right against that
    day only, and pairs its meeting by it (no named match needed)."""
    from kgbuild.evaluate.facts import Facts, Meeting
    from kgbuild.evaluate.gold import gold_facts
    from kgbuild.evaluate.score import Score, same_date, score_document

    assert same_date("2026-04", "2026-04-01") and same_date("2026-04-15", "2026-04-15")
    assert not (same_date("2026-04", "2026-04-15") or same_date("2026-04-01", "2026-04") or same_date(None, None))
    gold = gold_facts({"document": "x.txt", "language": "en", "meetings": [
        {"name": ["summit"], "date": "2026-04-01"}, {"name": ["forum"], "date": "2026-05-20"}]})
    system = Facts("x.txt", meetings=[Meeting(["gathering"], "2026-04"), Meeting(["forum"], "2026-05")])
    s = score_document(gold, system).scores
    assert s["meeting"] == Score(tp=2)  # the month pairs the summit, the name the forum
    assert s["meeting date"] == Score(tp=1, fp=1, fn=1)  # "2026-05" is not 20 May

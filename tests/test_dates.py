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

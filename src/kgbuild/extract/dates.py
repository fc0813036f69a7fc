"""Dates in a sentence, and the dateline a press release's body opens with."""
from __future__ import annotations

import datetime as dt
import re

from ..document import Document
from ..facts import Evidence, FactDate
from .common import SentenceView, evidence
from .lexicon import Lexicon


def find_dates(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[int, FactDate]]:
    """(token index, date) of every date in the sentence: a day, or a month the sentence gives without a day
    (a FactDate of the month only); the year defaults to the document's."""
    out = []
    toks = v.tokens
    future = v.has("future_cues")
    for i, tok in enumerate(toks):
        if (wd := lex.weekdays.get(tok.text.lower())) is not None and i > 0 and toks[i - 1].text.lower() in lex.weekday_preps:
            # "во вторник", "on Tuesday": that weekday of the document's week, the last one on or before its
            # date (the next one on or after it where the sentence announces)
            back = (doc.date.weekday() - wd) % 7
            day = doc.date + dt.timedelta(days=(7 - back) % 7) if future else doc.date - dt.timedelta(days=back)
            out.append((i, FactDate.of(day)))
            continue
        if tok.key not in lex.months:
            continue
        month = lex.months[tok.key]
        day = None
        # "27–28 ноября", "1 желтоқсанда", "27 November"
        prev = re.fullmatch(r"(\d{1,2})(?:[-–—]\d{1,2})?", toks[i - 1].text) if i > 0 else None
        if prev and int(prev.group(1)) <= 31:
            day = int(prev.group(1))
            if i > 1 and toks[i - 2].text.isdigit() and re.fullmatch(r"\s*[-–—]\s*", v.gap(doc.text, i - 2, i - 1)):
                day = int(toks[i - 2].text)
        elif i + 1 < len(toks) and (nxt := re.fullmatch(r"(\d{1,2})(?:[-–—]\d{1,2})?", toks[i + 1].text)) and int(nxt.group(1)) <= 31:
            day = int(nxt.group(1))  # "November 27", "February 14-16": the first day of a range
        month_only = day is None
        if month_only:
            # "in April 2026", "в апреле 2026 года", "сәуір айында": the month and no day, when a year
            # stands by it or the month is plainly a time expression
            nearby_year = any(re.fullmatch(r"(19|20)\d{2}", toks[j].text) for j in range(max(0, i - 2), min(len(toks), i + 3)))
            timed = (i + 1 < len(toks) and toks[i + 1].key in lex.month_words) or (i > 0 and toks[i - 1].key in lex.locative_preps)
            if not (nearby_year or timed):
                continue
            day = 1
        year = doc.date.year
        for j in range(max(0, i - 4), min(len(toks), i + 4)):
            if re.fullmatch(r"(19|20)\d{2}", toks[j].text):
                year = int(toks[j].text)
                break
        else:
            if any(c.end <= i for c in v.cues.get("next_year_cues", [])):
                year += 1
        try:
            out.append((i, FactDate(year, month, day, month_only=month_only)))
        except ValueError:
            continue
    return out


def is_lead(v: SentenceView, views: list[SentenceView]) -> bool:
    """The first body sentence (the lead of a press release)."""
    body = [w for w in views if w.sentence.kind == "body"]
    if len(body) > 1 and _dateline_only(body[0]):
        body = body[1:]  # "MOSCOW, September 5. /TASS/." cut off as a sentence of its own
    return bool(body) and v is body[0]


def _text_proper(views: list[SentenceView]) -> list[SentenceView]:
    """The body's sentences from the one that opens the text: past a subhead, a first line with no full stop
    at its end ("Бүгін ... Хакан Фидан келді" above "АСТАНА, 11 қыркүйек - Sputnik. ...")."""
    body = [v for v in views if v.sentence.kind == "body"]
    if len(body) > 1 and body[0].sentence.text.rstrip()[-1:].isalnum() and body[1].mentions \
            and body[1].mentions[0].type == "City" and body[1].mentions[0].t0 == 0:
        return body[1:]
    return body


def _dateline_only(v: SentenceView) -> bool:
    """A body sentence that is only a dateline: a city opening it, a date, an agency, no clause."""
    return len(v.sentence.text) <= 40 and bool(v.mentions) and v.mentions[0].type == "City" and v.mentions[0].t0 == 0 \
        and not v.meeting_heads and len(v.tokens) <= 6


def dateline(doc: Document, views: list[SentenceView], lex: Lexicon) -> tuple[FactDate, Evidence] | None:
    """A news dateline opening the body: a city, then a day and month, in its first few words."""
    body = _text_proper(views)
    if not body:
        return None
    first = body[0]
    if not first.mentions or first.mentions[0].type != "City" or first.mentions[0].t0 != 0:
        return None
    # "Алматы. 29 ноября. KAZAKHSTAN TODAY - ...": the splitter may cut the dateline into short pieces
    lead = [first]
    for v in body[1:3]:
        if len(lead[-1].sentence.text) > 30 or "\n" in doc.text[lead[-1].sentence.end : v.sentence.start]:
            break
        lead.append(v)
    for v in lead:
        for i, date in find_dates(doc, v, lex):
            if i <= 5:
                return date, evidence(v, 0, i + 1)
    return None


def in_dateline(v: SentenceView, t: int) -> bool:
    """"DUSHANBE, November 23, 2015, Asia-Plus – ...": a date right after the city opening the body."""
    return v.sentence.kind == "body" and bool(v.mentions) and v.mentions[0].type == "City" and v.mentions[0].t0 == 0 and t <= 4


def dateline_city(views: list[SentenceView]) -> tuple[str, Evidence] | None:
    """"BISHKEK, Kyrgyzstan" / "АСТАНА. KAZINFORM": the city a body opens with, before any verb."""
    body = _text_proper(views)
    if not body or not body[0].mentions:
        return None
    v, m = body[0], body[0].mentions[0]
    if m.type != "City" or m.t0 != 0:
        return None
    rest = v.sentence.text[m.end - v.sentence.start : m.end - v.sentence.start + 2]
    if not (m.text.isupper() or rest[:1] in (",", ".", "—", "-")):
        return None
    return m.entity, evidence(v, m.t0, m.t1)

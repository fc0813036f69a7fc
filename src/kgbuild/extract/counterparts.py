"""Meetings with several counterparts: "X held meetings with A, B and C", "X был принят A и B", "X-тың
A-мен, B-мен кездесулері": one bilateral meeting per counterpart, each with X and that counterpart,
dated by the date nearest its own verb or noun (else the visit's, else the document's when held); and a
meeting with one counterpart inside another event ("met with Y on the sidelines of the session")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..facts import FactDate, Mention
from .common import SentenceView, in_quotes, is_possessor
from .dates import find_dates, in_dateline
from .lexicon import Lexicon

# kinds a counterpart list can follow: a meeting between two sides, not a summit or a session
BILATERAL_KINDS = ("meeting", "talks", "phone-call", "reception")
MAX_GAP = 14  # tokens between two counterparts of one list (their posts stand between them)


@dataclass
class Encounter:
    """One bilateral meeting of a counterpart list: its kind, the cue that names it and the other side."""

    kind: str
    cue: tuple[int, int]  # token span of the verb or noun
    subject: Mention | None
    counterpart: Mention
    date: FactDate | None
    stretch: tuple[int, int]  # the counterpart's own part of the list, its post with its name


def _cues(v: SentenceView, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Meeting nouns of a bilateral kind and meeting verbs, in order; a verb that overlaps a noun
    ("held talks") is the noun."""
    # a noun brings in counterparts by a preposition ("meetings with"), or in Kazakh by their case
    heads = [(h.start, h.end, h.payload) for h in v.meeting_heads if h.payload in BILATERAL_KINDS and (
        lex.head_final or h.end < len(v.tokens) and v.tokens[h.end].key in lex.counterpart_links)]
    verbs = [(c.start, c.end, c.payload) for c in lex.counterpart_verbs.find(v.tokens)
             if not any(c.start < e and s < c.end for s, e, _ in heads)
             and not any(c.start < p.end and p.start < c.end for p in v.cues["participation_cues"])]
    return sorted(heads + verbs)


def _breaks(doc: Document, v: SentenceView, lex: Lexicon, a: int, b: int) -> bool:
    """Whether tokens a..b hold the end of a clause (a full stop, a semicolon, a relative word)."""
    if re.search(r"[.;:!?]", doc.text[v.tokens[a].start : v.tokens[b - 1].end] if b > a else ""):
        return True
    return any(v.tokens[t].key in lex.clause_breaks for t in range(a, b))


def _list_after(doc: Document, v: SentenceView, lex: Lexicon, persons: list[Mention], start: int, stop: int) -> list[Mention]:
    """The persons listed after a cue (head-initial languages): the first within reach, then each next one
    close to the one before, with no clause boundary between."""
    out: list[Mention] = []
    last = start
    for m in persons:
        if m.t0 < start or m.t0 >= stop:
            continue
        if m.t0 - last > MAX_GAP or _breaks(doc, v, lex, last, m.t0):
            break
        out.append(m)
        last = m.t1
    return out


def _list_before(v: SentenceView, lex: Lexicon, persons: list[Mention], start: int, cue: int) -> list[Mention]:
    """Kazakh: the persons in the instrumental ("-мен/-бен/-пен") before the cue, nearest first back."""
    out: list[Mention] = []
    last = cue
    for m in sorted(persons, key=lambda m: -m.t0):
        if m.t1 > cue or m.t0 < start:
            continue
        if last - m.t1 > MAX_GAP:
            break
        if not lex.grammar.has_case(v.tokens[m.t1 - 1].text, ("instrumental",)):
            if out:
                break  # the subject ("Б.Османидің") closes the list
            continue
        out.append(m)
        last = m.t0
    return out[::-1]


def find_encounters(doc: Document, v: SentenceView, lex: Lexicon, protagonist: Mention | None,
                    named_before: set[str] = frozenset()) -> list[Encounter]:
    """The bilateral meetings a sentence lists, when it lists more than one, or one inside another event,
    or one with a counterpart no earlier sentence named (`named_before`: "X also spoke by telephone with
    Z" after the release's first call); else a single "X met Y" is the release's meeting, found as such.
    `protagonist` stands in for a subject the sentence leaves out ("The minister held meetings with ...")."""
    cues = _cues(v, lex)
    if not cues:
        return []
    persons = [m for m in v.mentions if m.type == "Person" and not is_possessor(doc, v, m)]
    lists: list[tuple[tuple[int, int, str], list[Mention]]] = []
    for i, (s, e, kind) in enumerate(cues):
        if lex.head_final:
            lo = cues[i - 1][1] if i else 0
            found = _list_before(v, lex, persons, lo, s)
        else:
            hi = cues[i + 1][0] if i + 1 < len(cues) else len(v.tokens)
            found = _list_after(doc, v, lex, persons, e, hi)
        if found:
            lists.append(((s, e, kind), found))
    # one counterpart makes a meeting of its own only inside another event the sentence names ("met with Y
    # on the sidelines of the session"); else it is the sentence's one reception, found as such
    framed = any(h.payload not in BILATERAL_KINDS for h in v.meeting_heads)
    another = bool(named_before) and all(m.entity not in named_before for _, f in lists for m in f)
    if sum(len(f) for _, f in lists) < (1 if framed or another else 2):
        return []
    listed = {id(m) for _, f in lists for m in f}
    first = lists[0][1][0].t0 if lex.head_final else lists[0][0][0]
    before = [m for m in persons if id(m) not in listed and m.t1 <= first]
    subject = before[-1] if before else protagonist
    if subject is not None and any(subject.entity == m.entity for _, f in lists for m in f):
        subject = None
    dates = [(t, d) for t, d in find_dates(doc, v, lex) if not in_dateline(v, t)]
    out = []
    for (s, e, kind), found in lists:
        # a date goes to the cue it stands nearest ("21 мая ... провел встречу ..., а 22 мая был принят")
        near = [d for t, d in dates if all(abs(t - s) <= abs(t - o) for o, _, _ in (c for c, _ in lists))
                and in_quotes(doc, v, t) == in_quotes(doc, v, s)]  # not a date of the quoted speech beside it
        date = near[0] if near else None
        for k, m in enumerate(found):
            # from the previous counterpart's end (its post comes with it); the first one's name alone in
            # Kazakh, where what precedes it may be the subject
            stretch = (found[k - 1].t1 if k else (m.t0 if lex.head_final else e), m.t1)
            out.append(Encounter(kind, (s, e), subject, m, date, stretch))
    return out

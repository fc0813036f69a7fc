"""Scoring one document: system Facts against gold Facts, item by item and relation by relation."""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Callable, Sequence, TypeVar

from .facts import ENTITY_TYPES, FAMILIES, Facts, Initiative, Meeting, Participant, Programme
from .names import assign, names_match, names_score, phrases_match

T = TypeVar("T")
U = TypeVar("U")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True)
class Finding:
    family: str
    item: str


@dataclass
class DocumentEval:
    document: str
    language: str
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FAMILIES})
    misses: list[Finding] = field(default_factory=list)  # in gold, not found
    false_positives: list[Finding] = field(default_factory=list)  # found, not in gold
    error: str | None = None  # the document could not be built: everything is a miss

    def hit(self, family: str) -> None:
        self.scores[family].tp += 1

    def miss(self, family: str, item: str) -> None:
        self.scores[family].fn += 1
        self.misses.append(Finding(family, item))

    def false_positive(self, family: str, item: str) -> None:
        self.scores[family].fp += 1
        self.false_positives.append(Finding(family, item))

    def to_dict(self) -> dict:
        return {
            "document": self.document, "language": self.language, "error": self.error,
            "scores": {f: s.to_dict() for f, s in self.scores.items()},
            "misses": [{"family": x.family, "item": x.item} for x in self.misses],
            "false_positives": [{"family": x.family, "item": x.item} for x in self.false_positives],
        }


def _label(names: Sequence[str], limit: int = 70) -> str:
    text = names[0] if names else "?"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare(ev: DocumentEval, family: str, anchor: str, system, gold, same: Callable[[object, object], bool],
             show: Callable[[object], str] = str) -> None:
    """One attribute of an anchor (meeting, participant, ...), as a tuple (anchor, value): right when both
    sides have it and `same` says so; `system` or `gold` is None where that side has no value or no
    paired anchor (then nothing can be right)."""
    if system is not None and gold is not None and same(system, gold):
        ev.hit(family)
        return
    if system is not None:
        ev.false_positive(family, f"{anchor}: {show(system)}")
    if gold is not None:
        ev.miss(family, f"{anchor}: {show(gold)}")


def _never(_system, _gold) -> bool:
    return False


def same_date(system: str | None, gold: str | None) -> bool:
    """The same date; a month the system gives without a day (YYYY-MM) is the gold's first day of that
    month, the gold files' way to write a month (GUIDELINES.md gives every date as a day)."""
    if system is None or gold is None:
        return False
    return system == gold or (len(system) == 7 and gold == f"{system}-01")


def _value(item, attribute: str):
    """An item's attribute, None for a missing item or an empty value (so that it is not compared)."""
    if item is None:
        return None
    value = getattr(item, attribute)
    return None if value in (None, [], ()) else value


def _paired(system: Sequence[T], gold: Sequence[U], score: Callable[[T, U], float]):
    """(system item or None, gold item or None) for every item: the pairs, then the leftovers of each side."""
    pairs = assign(system, gold, score)
    for i, j in pairs:
        yield system[i], gold[j]
    paired_system, paired_gold = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, s in enumerate(system):
        if i not in paired_system:
            yield s, None
    for j, g in enumerate(gold):
        if j not in paired_gold:
            yield None, g


def _existence(ev: DocumentEval, family: str, s, g, label: str) -> None:
    if s is not None and g is not None:
        ev.hit(family)
    elif s is not None:
        ev.false_positive(family, label)
    else:
        ev.miss(family, label)


def _score_entities(ev: DocumentEval, etype: str, system: list[list[str]], gold: list[list[str]]) -> None:
    for s, g in _paired(system, gold, names_score):
        _existence(ev, etype, s, g, _label(g if g is not None else s))


def _person_score(s: Participant, g: Participant) -> float:
    return names_score(s.person, g.person)


def meeting_score(s: Meeting, g: Meeting) -> float:
    """Evidence that a system meeting is a gold one: ordinal (with a matching name), date or name, then
    place and shared participants to tell apart the meetings of one document."""
    if s.ordinal is not None and g.ordinal is not None and s.ordinal != g.ordinal:
        return 0.0  # numbered differently: two meetings of a series
    name = names_score(s.names, g.names, overlap=True)
    dated = same_date(s.date, g.date)
    if not (name or dated):
        return 0.0
    score = name + 2.0 * dated
    if s.ordinal is not None and s.ordinal == g.ordinal:
        score += 2.0
    if s.date and g.date and not dated:
        score -= 1.0
    if s.place and g.place and names_match(s.place, g.place):
        score += 1.0
    score += 0.5 * len(assign(s.participants, g.participants, _person_score))
    return max(score, 0.01)


def _score_participants(ev: DocumentEval, meeting: str, system: list[Participant], gold: list[Participant]) -> None:
    for s, g in _paired(system, gold, _person_score):
        anchor = f"{meeting} / {_label((s or g).person, 40)}"
        _existence(ev, "participant", s, g, f"{meeting}: {_label((g or s).person)}")
        _compare(ev, "position", anchor, _value(s, "position"), _value(g, "position"), phrases_match, _label)
        _compare(ev, "affiliation", anchor, _value(s, "affiliation"), _value(g, "affiliation"), names_match, _label)


def _score_meetings(ev: DocumentEval, system: list[Meeting], gold: list[Meeting]) -> None:
    for s, g in _paired(system, gold, meeting_score):
        label = _label((g or s).names or ["meeting"], 60)
        _existence(ev, "meeting", s, g, label)
        # the facts of an unpaired meeting are all false positives (or all misses)
        paired = s is not None and g is not None
        _compare(ev, "meeting date", label, _value(s, "date"), _value(g, "date"), same_date if paired else _never)
        _compare(ev, "meeting place", label, _value(s, "place"), _value(g, "place"),
                 names_match if paired else _never, _label)
        _compare(ev, "meeting ordinal", label, _value(s, "ordinal"), _value(g, "ordinal"),
                 operator.eq if paired else _never)
        _score_participants(ev, label, s.participants if s else [], g.participants if g else [])


def _score_initiatives(ev: DocumentEval, system: list[Initiative], gold: list[Initiative]) -> None:
    for s, g in _paired(system, gold, lambda a, b: names_score(a.names, b.names, overlap=True)):
        label = _label((g or s).names, 60)
        _existence(ev, "initiative", s, g, label)
        _compare(ev, "proposer", label, _value(s, "proposer"), _value(g, "proposer"),
                 names_match if s is not None and g is not None else _never, _label)


def programme_score(s: Programme, g: Programme) -> float:
    name = names_score(s.names, g.names, overlap=True)
    same_period = s.period is not None and s.period == g.period
    return name + 1.0 * same_period if name or same_period else 0.0


def _score_programmes(ev: DocumentEval, system: list[Programme], gold: list[Programme]) -> None:
    for s, g in _paired(system, gold, programme_score):
        label = _label((g or s).names, 60)
        _existence(ev, "programme", s, g, label)
        paired = s is not None and g is not None
        _compare(ev, "programme owner", label, _value(s, "owner"), _value(g, "owner"),
                 names_match if paired else _never, _label)
        _compare(ev, "programme period", label, _value(s, "period"), _value(g, "period"),
                 operator.eq if paired else _never, lambda p: f"{p[0]}-{p[1]}")
        # a priority is right at its rank only: the order is part of what the text says
        system_ranks = dict(s.priorities) if s else {}
        gold_ranks = dict(g.priorities) if g else {}
        for rank in sorted(set(system_ranks) | set(gold_ranks)):
            _compare(ev, "priority", f"{label} #{rank}", system_ranks.get(rank), gold_ranks.get(rank),
                     phrases_match if paired else _never, _label)


def score_document(gold: Facts, system: Facts | None = None) -> DocumentEval:
    """Compare one document's system facts with its gold facts."""
    system = system or Facts(gold.document)
    ev = DocumentEval(gold.document, gold.language)
    for etype in ENTITY_TYPES:
        _score_entities(ev, etype, system.entities.get(etype, []), gold.entities.get(etype, []))
    _score_meetings(ev, system.meetings, gold.meetings)
    _score_initiatives(ev, system.initiatives, gold.initiatives)
    _score_programmes(ev, system.programmes, gold.programmes)
    return ev

"""The preferred value of a single-valued fact that several documents report, by a stated cascade.

1. agreed: every document gives the same value;
2. finer: the values are one day and the month or year containing it (or a month and its year): the
   finest, when exactly one value is finer than all the others and each other value contains it;
3. majority: a value given by a strict majority of the documents that give any value;
4. stated: where some documents state their value and the others only inferred theirs (a meeting reported
   as just held, dated by its document: kg:inferred), the one value stated; where several are stated,
   the next step chooses among them alone;
5. earliest official: the value of the earliest-issued official document (a press service of an official
   body is named as reporting), when that document gives one value and no other official document issued
   the same day gives another;
6. otherwise a tie: no preferred value, and every value stays a claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Mapping, NamedTuple, Sequence

AGREED, STATED, FINER, MAJORITY, EARLIEST_OFFICIAL, TIE = (
    "agreed", "stated", "finer", "majority", "earliest-official", "tie")


@dataclass(frozen=True)
class Source:
    issued: str  # ISO date
    official: bool
    name: str  # the file name: the last tie-breaker of "earliest", never of a value


class Choice(NamedTuple):
    value: Hashable | None  # None: a tie
    resolution: str


XSD = "http://www.w3.org/2001/XMLSchema#"
TIME_TYPES = frozenset({XSD + "date", XSD + "gYearMonth", XSD + "gYear"})


def _is_time(value) -> bool:
    return isinstance(value, tuple) and value[1] in TIME_TYPES


def _contains(coarse: str, fine: str) -> bool:
    """A year or month contains the days (or months) written with it as a prefix: 2026 ⊃ 2026-04 ⊃ 2026-04-15."""
    return len(coarse) < len(fine) and fine.startswith(coarse) and fine[len(coarse)] == "-"


def choose(values: Mapping[Hashable, set[int]], sources: Sequence[Source],
           inferred: Mapping[Hashable, set[int]] | None = None) -> Choice:
    """values: each value -> the indices (into sources) of the documents giving it; inferred: each value ->
    those of its documents that inferred it rather than stated it (none when left out)."""
    if not values:
        raise ValueError("no value to choose from")
    if len(values) == 1:
        return Choice(next(iter(values)), AGREED)
    if all(_is_time(v) for v in values):
        finest = max(values, key=lambda v: len(v[0]))
        if all(v == finest or _contains(v[0], finest[0]) for v in values):
            return Choice(finest, FINER)
    giving = set().union(*values.values())
    # one document may give two values (two spellings): a strict majority must then also be the only one
    majority = [v for v, docs in values.items() if 2 * len(docs) > len(giving)]
    if len(majority) == 1:
        return Choice(majority[0], MAJORITY)
    if inferred:
        stated = {v: docs - inferred.get(v, set()) for v, docs in values.items()}
        stated = {v: docs for v, docs in stated.items() if docs}
        if stated and stated != values:
            if len(stated) == 1:
                return Choice(next(iter(stated)), STATED)
            values = stated
            giving = set().union(*values.values())
    official = sorted((sources[i].issued, i) for i in giving if sources[i].official)
    if official:
        first_day = official[0][0]
        first = {v for v, docs in values.items() for i in docs if sources[i].official and sources[i].issued == first_day}
        if len(first) == 1:
            return Choice(first.pop(), EARLIEST_OFFICIAL)
    return Choice(None, TIE)

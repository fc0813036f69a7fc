"""The records extraction hands to the mappers: mentions, evidence and the facts of each family.

Every record keeps character offsets into the document text and the index of its sentence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .document import Document


class FactDate(dt.date):
    """The date of a fact, as precise as its source: a day, or only a month ("in April 2026", `month_only`:
    kept as the month's first day, so it orders and compares as that day does); and whether the text states
    it or it is `inferred`: a meeting reported as just held, with no date of its own, is dated by its
    document (the dateline, else the issue date). `iso()` writes it at its precision: 2026-04-15, 2026-04."""

    __slots__ = ("month_only", "inferred")

    def __new__(cls, year: int, month: int, day: int = 1, *, month_only: bool = False, inferred: bool = False):
        self = super().__new__(cls, year, month, 1 if month_only else day)
        self.month_only = month_only
        self.inferred = inferred
        return self

    @classmethod
    def of(cls, day: dt.date, *, inferred: bool = False) -> "FactDate":
        """A day (a plain date, or a FactDate keeping its precision), stated or inferred."""
        return cls(day.year, day.month, day.day, month_only=getattr(day, "month_only", False), inferred=inferred)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month_only else self.isoformat()

    def __repr__(self) -> str:
        flags = "".join(f", {f}=True" for f in ("month_only", "inferred") if getattr(self, f))
        return f"FactDate({self.year}, {self.month}, {self.day}{flags})"

    def __reduce__(self):  # date's own would drop the flags
        return _fact_date, (self.year, self.month, self.day, self.month_only, self.inferred)


def _fact_date(year: int, month: int, day: int, month_only: bool, inferred: bool) -> FactDate:
    return FactDate(year, month, day, month_only=month_only, inferred=inferred)


@dataclass
class Mention:
    sentence: int
    start: int  # char offsets in the document text
    end: int
    text: str
    type: str  # Country, City, Region, Organization, Person, Role, Format
    entity: str  # gazetteer id, or "person/<key>" for persons found by pattern
    t0: int  # token span in the sentence
    t1: int
    name: str | None = None  # canonical name for entities found by pattern (nominative)
    parent: str | None = None  # the organisation a pattern-found body belongs to


@dataclass
class Evidence:
    sentence: int
    start: int
    end: int


@dataclass
class Holding:
    """A person named with a position: "<affiliation> <role> <name>"."""

    person: str
    role: str | None
    role_text: str
    affiliation: str | None
    evidence: Evidence


@dataclass
class Participation:
    agent: str  # person id or group key
    role_in_meeting: str | None
    holding: Holding | None
    evidence: Evidence
    is_group: bool = False


@dataclass
class Group:
    key: str
    kind: str
    label: str
    of: str | None
    evidence: Evidence


@dataclass
class MeetingFact:
    local: str
    kind: str
    series: str | None = None
    ordinal: int | None = None
    date: FactDate | None = None
    date_evidence: Evidence | None = None
    place: str | None = None
    place_evidence: Evidence | None = None
    supporters: list[tuple[str, Evidence]] = field(default_factory=list)
    reporters: list[tuple[str, Evidence]] = field(default_factory=list)
    topics: list[tuple[str, Evidence]] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    names: list[tuple[str, Evidence]] = field(default_factory=list)  # surface phrase of the meeting
    evidence: list[Evidence] = field(default_factory=list)
    held: bool = False
    future: bool = False
    main: bool = False
    proper: str | None = None  # a proper name the text gives it ("Astana International Forum")


@dataclass
class InitiativeFact:
    name: str
    kind: str
    draft: bool
    evidence: Evidence
    proposer: str | None = None
    proposer_evidence: Evidence | None = None
    partners: list[str] = field(default_factory=list)
    purpose: str | None = None


@dataclass
class ProgrammeFact:
    kind: str
    start: int
    end: int
    name: str
    evidence: Evidence
    owner: str | None = None
    priorities: list[tuple[str, Evidence]] = field(default_factory=list)


@dataclass
class Extraction:
    doc: Document
    mentions: list[Mention]
    holdings: list[Holding]
    meetings: list[MeetingFact]
    initiatives: list[InitiativeFact]
    programmes: list[ProgrammeFact]
    groups: list[Group]
    press_services: list[tuple[str, Evidence]]  # parent organisation ids
    seats: list[tuple[str, str, Evidence]]  # (organisation, city) established/located there
    person_names: dict[str, tuple[str, str]]  # pattern person id -> (name, lang)

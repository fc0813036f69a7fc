"""What a document says, in the terms of the contract queries: the families scored and the facts of one
document (`Facts`), as the gold files (gold.py) and the system's query rows (system.py) both give them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("kk", "ru", "en")
ENTITY_TYPES = ("Person", "Organization", "Country", "Place")
RELATIONS = (
    "meeting", "meeting date", "meeting place", "meeting ordinal", "participant", "position", "affiliation",
    "initiative", "proposer", "programme", "programme owner", "programme period", "priority",
)
FAMILIES = ENTITY_TYPES + RELATIONS
# table rows: each group's micro-average first, then its members
ROWS = ("entities", *ENTITY_TYPES, "relations", *RELATIONS)
GROUPS = {"entities": ENTITY_TYPES, "relations": RELATIONS}


class EvalError(ValueError):
    """A gold file or folder that cannot be used; names the path and the problem."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def int_or_none(value) -> int | None:
    """A number from a gold field or a query cell; None when it is empty or not a number."""
    if value is None or value == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


@dataclass
class Participant:
    person: list[str]
    position: list[str] = field(default_factory=list)
    affiliation: list[str] = field(default_factory=list)


@dataclass
class Meeting:
    names: list[str]
    date: str | None = None  # YYYY-MM-DD, or YYYY-MM where the system gives only a month
    place: list[str] = field(default_factory=list)
    ordinal: int | None = None
    participants: list[Participant] = field(default_factory=list)


@dataclass
class Initiative:
    names: list[str]
    proposer: list[str] = field(default_factory=list)


@dataclass
class Programme:
    names: list[str]
    owner: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    priorities: list[tuple[int, list[str]]] = field(default_factory=list)  # (rank, names)

    @property
    def period(self) -> tuple[int | None, int | None] | None:
        return (self.start, self.end) if self.start is not None or self.end is not None else None


@dataclass
class Facts:
    """What one document says, in the terms of the contract queries; on the gold side every name is a list
    of aliases, on the system side a list of the names the queries give."""

    document: str
    language: str = ""
    entities: dict[str, list[list[str]]] = field(default_factory=dict)  # type -> items -> names
    meetings: list[Meeting] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)

"""The system side: the rows of the contract's stored queries on a build, as Facts per document."""
from __future__ import annotations

from typing import Iterable

from .facts import Facts, Initiative, Meeting, Participant, Programme, int_or_none

CONTRACT_QUERIES = ("entities", "meetings", "participants", "initiatives", "programme-priorities")
# the system's entity types that are scored, and as which gold type (Region, Format, Meeting, ... are not)
SYSTEM_TYPES = {"Person": "Person", "Organization": "Organization", "Country": "Country", "City": "Place",
                "Place": "Place"}


def _names(*values: str) -> list[str]:
    return [v for v in values if v]


def system_facts(rows: dict[str, list[dict[str, str]]]) -> dict[str, Facts]:
    """The rows of the contract queries (query name -> rows with a `file` column) as Facts per file."""
    docs: dict[str, Facts] = {}

    def doc(file: str) -> Facts:
        return docs.setdefault(file, Facts(file))

    for r in rows.get("entities", []):
        etype = SYSTEM_TYPES.get(r.get("type", ""))
        if etype:
            doc(r["file"]).entities.setdefault(etype, []).append(_names(r.get("name", "")))
    meetings: dict[tuple[str, str], Meeting] = {}
    for r in rows.get("meetings", []):
        key = (r["file"], r["meeting"])
        if key in meetings:  # one row per meeting is the contract; keep the first should it be broken
            continue
        m = Meeting(_names(r.get("name", ""), r.get("series", "")), r.get("date") or None,
                    _names(r.get("place", "")), int_or_none(r.get("ordinal")))
        meetings[key] = m
        doc(r["file"]).meetings.append(m)
    for r in rows.get("participants", []):
        m = meetings.get((r["file"], r["meeting"]))
        if m is None:  # a meeting the meetings query did not list: keep its participants anyway
            m = meetings[(r["file"], r["meeting"])] = Meeting([])
            doc(r["file"]).meetings.append(m)
        # texts name a post with its body ("Head of UNRCCA"): the system's position and affiliation
        # together are an alias of its position
        position = _names(r.get("position", ""))
        if r.get("position") and r.get("affiliation"):
            position.append(f"{r['position']} of {r['affiliation']}")
        m.participants.append(Participant(_names(r.get("name", "")), position, _names(r.get("affiliation", ""))))
    for r in rows.get("initiatives", []):
        doc(r["file"]).initiatives.append(Initiative(_names(r.get("name", "")), _names(r.get("proposer", ""))))
    programmes: dict[tuple[str, str], Programme] = {}
    for r in rows.get("programme-priorities", []):
        key = (r["file"], r["programme"])
        p = programmes.get(key)
        if p is None:
            p = programmes[key] = Programme(_names(r.get("name", "")), _names(r.get("owner", "")),
                                            int_or_none(r.get("start")), int_or_none(r.get("end")))
            doc(r["file"]).programmes.append(p)
        rank = int_or_none(r.get("rank"))
        if rank is not None and r.get("priority"):
            p.priorities.append((rank, [r["priority"]]))
    for p in programmes.values():
        p.priorities.sort(key=lambda x: x[0])
    return docs


def query_system(trig: str, files: Iterable[str] | None = None) -> dict[str, Facts]:
    """Run the contract queries on a build's graphs (graph.trig's text, loaded in memory) and read their
    rows."""
    import pyoxigraph as ox

    from ..queries import get_query, run_local

    store = ox.Store()
    store.bulk_load(input=trig, format=ox.RdfFormat.TRIG)
    wanted = set(files) if files is not None else None
    rows = {}
    for name in CONTRACT_QUERIES:
        # the names as the graph gives them: the gold names are matched across scripts by the scorer
        rows[name] = [r for r in run_local(store, get_query(name), lang=None) if wanted is None or r.get("file") in wanted]
    return system_facts(rows)

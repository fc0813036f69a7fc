"""Which per-document nodes are one real thing: persons across spellings and scripts, meetings reported
under a generic name in one document and a series name in another.

Both rules are about constructions, not documents: a person is keyed by the first and last words of a
full name, transliterated (a patronymic in between and the script do not matter); a meeting of one kind
on one day (or a day within a month another document gives) joins another of the same kind when they share
a participant, or a place when not both name participants (two meetings on one day in one city with
different people stay two). Nodes of one document never merge: its extractor has already told them apart.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..translit import name_key


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, items: Iterable[str]) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in items:
            out[self.find(x)].append(x)
        return [sorted(v) for v in out.values()]


def person_keys(labels: Iterable[str]) -> set[frozenset[str]]:
    """Keys of a person's full names: the first and last word of each, transliterated and spelling-folded.
    A one-word name (a surname alone) gives no key: it is too weak to join two documents' persons."""
    keys = set()
    for label in labels:
        words = name_key(label).split()
        if len(words) >= 2 and len(words[0]) > 1 and len(words[-1]) > 1:
            keys.add(frozenset((words[0], words[-1])))
    return keys


def cluster_persons(labels: dict[str, set[str]]) -> UnionFind:
    """labels: person IRI -> every label any document gives it."""
    uf = UnionFind()
    owner: dict[frozenset[str], str] = {}
    for person in sorted(labels):
        for key in sorted(person_keys(labels[person]), key=sorted):
            if key in owner:
                uf.union(owner[key], person)
            else:
                owner[key] = person
    return uf


def dates_compatible(a: str, b: str) -> bool:
    """A day and the month (or year) that contains it, or the same value."""
    return a.startswith(b) or b.startswith(a)


class MeetingView:
    """What identity needs to know of one per-document meeting node."""

    __slots__ = ("iri", "docs", "kinds", "dates", "places", "agents", "_prefixes")

    def __init__(self, iri: str, docs: set[int], kinds: set[str], dates: set[str], places: set[str], agents: set[str]):
        self.iri, self.docs, self.kinds, self.dates, self.places, self.agents = iri, docs, kinds, dates, places, agents
        self._prefixes: frozenset[str] | None = None

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every date ("", "2", ..., "2026-04-15"): x.startswith(y) is y in x's prefixes.
        Made when first asked for: most meetings are told apart before their dates are compared."""
        if self._prefixes is None:
            self._prefixes = frozenset(d[:k] for d in self.dates for k in range(len(d) + 1))
        return self._prefixes


def same_meeting(a: MeetingView, b: MeetingView) -> bool:
    if a.docs & b.docs or not (a.kinds & b.kinds):
        return False
    shared = a.agents & b.agents
    if a.agents and b.agents and not shared:
        return False  # both name who took part, and nobody in common: two meetings
    # some date of one is a prefix of some date of the other: any(dates_compatible(x, y)) over all pairs
    if a.dates.isdisjoint(b.prefixes) and b.dates.isdisjoint(a.prefixes):
        return False
    return bool(shared) or bool(a.places & b.places)


def cluster_meetings(meetings: list[MeetingView], uf: UnionFind) -> None:
    """Join meetings (already keyed by canonical agents) into uf. Candidates share a kind and a year-month,
    so the pairwise test runs within small buckets."""
    buckets: dict[tuple[str, str], list[MeetingView]] = defaultdict(list)
    for m in meetings:
        for kind in m.kinds:
            for date in m.dates:
                buckets[(kind, date[:7])].append(m)
    find = uf.find
    for key in sorted(buckets):
        members = buckets[key]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                # a pair already joined (through another bucket or meeting) is not tested again: the
                # clusters are the connected components of same_meeting, whatever the order of the tests
                if a.iri != b.iri and find(a.iri) != find(b.iri) and same_meeting(a, b):
                    uf.union(a.iri, b.iri)


class ProposalView:
    """What identity needs to know of one initiative or programme node: its kind, its proposer or owner
    (canonical), and what it is about: topic ids found in its names, and the years it names or covers."""

    __slots__ = ("iri", "docs", "kind", "agent", "topics", "years")

    def __init__(self, iri: str, docs: set[int], kind: str, agent: str, topics: frozenset[str], years: frozenset[str]):
        self.iri, self.docs, self.kind, self.agent, self.topics, self.years = iri, docs, kind, agent, topics, years


def cluster_proposals(views: list[ProposalView], uf: UnionFind) -> None:
    """Join initiatives (or programmes) of one kind and one proposer (owner) that are about the same thing:
    a shared topic or the same years, and never two that name different years (two programmes of action of
    one owner for two periods are two). A node that names neither joins the bucket's only described group,
    and nothing when there are several (it could be either) or none (nothing says two bare ones are one).
    Nodes of one document never merge, and a node without a proposer joins nobody."""
    buckets: dict[tuple[str, str], list[ProposalView]] = defaultdict(list)
    for v in views:
        if v.kind and v.agent:
            buckets[(v.kind, v.agent)].append(v)
    for key in sorted(buckets):
        members = sorted(buckets[key], key=lambda v: v.iri)
        described = [v for v in members if v.topics or v.years]
        local = UnionFind()  # groups within the bucket, to count them before the bare nodes join
        for i, a in enumerate(described):
            for b in described[i + 1:]:
                if not (a.docs & b.docs) and (a.topics & b.topics or a.years) and _same_years(a, b):
                    local.union(a.iri, b.iri)
        groups = local.groups(v.iri for v in described)
        for g in groups:
            for iri in g[1:]:
                uf.union(g[0], iri)
        if len(groups) == 1:
            group_docs = set().union(*(v.docs for v in described))
            for v in members:
                if not (v.topics or v.years) and not (v.docs & group_docs):
                    uf.union(groups[0][0], v.iri)
                    group_docs |= v.docs


def _same_years(a: ProposalView, b: ProposalView) -> bool:
    """The same years, or one of them names none."""
    return not (a.years and b.years) or a.years == b.years

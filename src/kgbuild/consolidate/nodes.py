"""Which canonical node each per-document node is: the identity rules (identity.py) run over the facts of
every document's summary, giving a map from a document's IRI to the consolidated layer's IRI.

Canonical IRIs live under id/consolidated/ and are made from the smallest member IRI of a cluster (its
local part), so a cluster of one keeps a readable name; a participation is keyed by its canonical meeting
and participant, a programme's priority by its canonical programme and rank. Vocabulary nodes (concepts,
series, intervals, instants, roles) are the same in every document and keep their IRIs.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from sys import intern
from typing import Iterable

from ..vocab import DATA_NS
from .identity import MeetingView, ProposalView, UnionFind, cluster_meetings, cluster_persons, cluster_proposals
from .summary import RDF_TYPE, Summary, Term

CONSOLIDATED_NS = DATA_NS + "consolidated/"
KG = "https://w3id.org/kgbuild/ontology#"
SDO = "https://schema.org/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TIME = "http://www.w3.org/2006/time#"

PERSON, MEETING, INITIATIVE, PROGRAMME = SDO + "Person", KG + "Meeting", KG + "Initiative", KG + "Programme"
PARTICIPATION, PRIORITY = KG + "Participation", KG + "Priority"
VOCABULARY_CLASSES = frozenset({"http://www.w3.org/2004/02/skos/core#Concept", KG + "MeetingSeries",
                                TIME + "Interval", TIME + "Instant", "http://www.w3.org/ns/org#Role"})
NAME_PREDICATES = (SDO + "name", RDFS_LABEL)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class Facts:
    """Every document's facts, indexed: node -> predicate -> value -> the documents giving it.

    A document is its slot in `docs`; a removed one leaves an empty slot (None), so the other documents
    keep theirs. The layer depends on which documents give a fact, never on their slots' numbers."""

    docs: list[Summary | None]  # each document's summary without its facts (they are in the index)
    by_node: dict[str, dict[str, dict[Term, set[int]]]] = field(default_factory=lambda: defaultdict(dict))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    node_docs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # node -> predicate -> value -> the documents that inferred it (kg:inferred), not stated it
    inferred: dict[str, dict[str, dict[Term, set[int]]]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def of(cls, summaries: Iterable[Summary]) -> "Facts":
        """The index over summaries read one at a time."""
        f = cls([])
        for summary in summaries:
            f.add(summary)
        return f

    def add(self, summary: Summary) -> int:
        """Index one more document's facts (IRIs interned: documents repeat them); its slot."""
        i = len(self.docs)
        self.docs.append(replace(summary, facts=(), inferred=()))
        by_node, types, node_docs = self.by_node, self.types, self.node_docs
        for s, p, o in summary.facts:
            s, p = intern(s), intern(p)
            if isinstance(o, str):
                o = intern(o)
            by_node[s].setdefault(p, {}).setdefault(o, set()).add(i)
            node_docs[s].add(i)
            if p == RDF_TYPE:
                types[s].add(o)
        for s, p, o in summary.inferred:
            self.inferred[intern(s)].setdefault(intern(p), {}).setdefault(o, set()).add(i)
        return i

    def remove(self, slot: int, summary: Summary) -> None:
        """Take the document in `slot` (whose summary, with its facts, is given) out of the index: what is
        left is what indexing the other documents alone gives (no empty entry stays behind)."""
        for s, p, o in summary.facts:
            _discard(self.by_node, s, p, o, slot)
            docs = self.node_docs.get(s)
            if docs is not None:
                docs.discard(slot)
                if not docs:
                    del self.node_docs[s]
            if p == RDF_TYPE and o not in self.values(s, RDF_TYPE):
                types = self.types.get(s)
                if types is not None:
                    types.discard(o)
                    if not types:
                        del self.types[s]
        for s, p, o in summary.inferred:
            _discard(self.inferred, s, p, o, slot)
        self.docs[slot] = None

    def values(self, node: str, predicate: str) -> dict[Term, set[int]]:
        return self.by_node.get(node, {}).get(predicate, {})

    def of_type(self, cls: str) -> list[str]:
        return sorted(n for n, ts in self.types.items() if cls in ts)


def _discard(index: dict, s: str, p: str, o: Term, slot: int) -> None:
    by_predicate = index.get(s)
    vals = by_predicate.get(p) if by_predicate is not None else None
    docs = vals.get(o) if vals is not None else None
    if docs is None:
        return
    docs.discard(slot)
    if not docs:
        del vals[o]
        if not vals:
            del by_predicate[p]
            if not by_predicate:
                del index[s]


def local(iri: str) -> str:
    return iri[len(DATA_NS):] if iri.startswith(DATA_NS) else re.sub(r"[^A-Za-z0-9_.~-]+", "-", iri)


def short_hash(*parts: str) -> str:
    import hashlib

    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=8)
def _topic_matcher(lang: str):
    from ..extract.lexicon import lexicon

    return lexicon(lang).topics


def topics_in(text: str, lang: str) -> frozenset[str]:
    """The topic ids (data/patterns/topics.yaml) named in a text of a language kgbuild reads."""
    from ..language import tokenize

    if lang not in ("kk", "ru", "en"):
        return frozenset()
    return frozenset(m.payload for m in _topic_matcher(lang).find(tokenize(text, lang)))


class Canon:
    """Per-document IRI -> canonical IRI, for every node the documents describe."""

    def __init__(self, facts: Facts, topics: dict[tuple[str, str], frozenset[str]] | None = None):
        """`topics`: the topics already found in names (text, language) -> topic ids, kept by the caller
        from one build to the next; filled with the names read here."""
        self.facts = facts
        self.topics = {} if topics is None else topics
        self.map: dict[str, str] = {}
        self.members: dict[str, list[str]] = defaultdict(list)  # canonical -> its per-document IRIs
        types = facts.types
        for node in sorted(facts.by_node):
            if node in self.map:
                continue
            if types.get(node, set()) & VOCABULARY_CLASSES or not node.startswith(DATA_NS):
                self._put(node, node)
        self._persons()
        self._clustered(MEETING, self._meeting_views)
        self._clustered(INITIATIVE, lambda nodes, uf: self._proposal_views(nodes, uf, KG + "initiativeKind",
                                                                          KG + "proposedBy", topics=True))
        # a programme is its owner's programme of its kind for its period: what it is about does not tell two apart
        self._clustered(PROGRAMME, lambda nodes, uf: self._proposal_views(nodes, uf, KG + "programmeKind",
                                                                         KG + "owner", topics=False))
        self._keyed_children()
        for node in sorted(facts.by_node):  # organisations, countries, places, posts, groups, ...
            if node not in self.map:
                self._put(node, CONSOLIDATED_NS + local(node))

    def __call__(self, value: Term) -> Term:
        """A value as the layer writes it: a node's canonical IRI; literals and outside IRIs as they are."""
        return self.map.get(value, value) if isinstance(value, str) else value

    def _put(self, node: str, canonical: str) -> None:
        self.map[node] = canonical
        self.members[canonical].append(node)

    def _groups(self, nodes: list[str], uf: UnionFind) -> None:
        for group in sorted(uf.groups(nodes)):
            canonical = CONSOLIDATED_NS + local(group[0])
            for node in group:
                self._put(node, canonical)

    def _persons(self) -> None:
        nodes = self.facts.of_type(PERSON)
        labels = {n: {v[0] for v in self.facts.values(n, RDFS_LABEL) if not isinstance(v, str)} for n in nodes}
        self._groups(nodes, cluster_persons(labels))

    def _clustered(self, cls: str, views) -> None:
        nodes = [n for n in self.facts.of_type(cls) if n not in self.map]
        uf = UnionFind()
        views(nodes, uf)
        self._groups(nodes, uf)

    def _meeting_views(self, nodes: list[str], uf: UnionFind) -> None:
        f = self.facts
        views = []
        for n in nodes:
            agents = {self.map.get(p, p) for part in f.values(n, KG + "participation")
                      for p in f.values(part, KG + "participant") if PERSON in f.types.get(p, ())}
            agents |= {self.map.get(p, p) for p in f.values(n, SDO + "attendee") if PERSON in f.types.get(p, ())}
            views.append(MeetingView(n, f.node_docs[n], set(f.values(n, KG + "meetingKind")),
                                     {v[0] for v in f.values(n, SDO + "startDate")},
                                     set(f.values(n, SDO + "location")), agents))
        cluster_meetings(views, uf)

    def _proposal_views(self, nodes: list[str], uf: UnionFind, kind_p: str, agent_p: str, topics: bool) -> None:
        f = self.facts
        views = []
        for n in nodes:
            kinds, agents = sorted(f.values(n, kind_p)), sorted({self(a) for a in f.values(n, agent_p)})
            names = [v for p in NAME_PREDICATES for v in f.values(n, p) if not isinstance(v, str)]
            about = frozenset().union(*(self._topics_in(text, lang) for text, _dt, lang in names)) if topics else frozenset()
            years = frozenset(y for text, _dt, _l in names for y in YEAR.findall(text)) | self._period_years(n)
            # one kind and one proposer, or the node cannot be compared
            views.append(ProposalView(n, f.node_docs[n], kinds[0] if len(kinds) == 1 else "",
                                      agents[0] if len(agents) == 1 else "", about, years))
        cluster_proposals(views, uf)

    def _topics_in(self, text: str, lang: str) -> frozenset[str]:
        found = self.topics.get((text, lang))
        if found is None:
            found = self.topics[(text, lang)] = topics_in(text, lang)
        return found

    def _period_years(self, node: str) -> frozenset[str]:
        f = self.facts
        return frozenset(y[0] for period in f.values(node, KG + "period")
                         for end in (TIME + "hasBeginning", TIME + "hasEnd")
                         for instant in f.values(period, end) for y in f.values(instant, TIME + "inXSDgYear"))

    def _keyed_children(self) -> None:
        """Participations by (meeting, participant), priorities by (programme, rank): a merged parent's
        children that are one thing meet under one key."""
        f = self.facts
        for meeting in f.of_type(MEETING):
            for part in f.values(meeting, KG + "participation"):
                if part in self.map:
                    continue
                who = sorted(self(p) for p in f.values(part, KG + "participant"))
                key = short_hash(self.map[meeting], *who)
                self._put(part, f"{CONSOLIDATED_NS}participation/{key}")
        for programme in f.of_type(PROGRAMME):
            for priority in f.values(programme, KG + "priority"):
                ranks = sorted(r[0] for r in f.values(priority, KG + "rank"))
                if priority not in self.map and len(ranks) == 1:
                    self._put(priority, f"{self.map[programme]}/priority/{ranks[0]}")

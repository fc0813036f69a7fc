"""Projections: a build (a pyoxigraph store) read as a networkx graph of one kind.

Each kind's query (queries/network/KIND.rq) yields *links*: two nodes, the relation between them, the
meeting it happened at (if any), its date and the document that says so. A link's date is the meeting's
start date when some document gives it, else the date the reporting press release was issued. Links are
filtered by date, grouped into edges, edges filtered by weight and country, and the nodes described by
two more queries (label, type, countries). When the build has a consolidated layer, every node is drawn
as the layer's node for it (queries/network/consolidated-as.rq): a thing several documents name, in
several languages or wordings, is one node.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Callable

import pyoxigraph as ox
from rdflib.namespace import ORG, SDO

from ..queries import load_query, queries_dir
from ..vocab import KG


class NetworkError(ValueError):
    """Bad input for a network: unknown kind, country or file ending."""


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    country: str | None = None  # an ISO code (kz), a label in any language, or the country's IRI
    min_weight: int = 1

    def admits(self, day: str) -> bool:
        if self.since and day < self.since.isoformat():
            return False
        return not (self.until and day > self.until.isoformat())


NO_FILTERS = Filters()

# ------------------------------------------------------------------ queries --


@cache
def _query(name: str) -> str:
    """The text of queries/network/NAME.rq. Every link query selects ?source ?target ?relation ?meeting
    ?date ?file, and may select ?about: the one end of the link the document speaks of (unbound: both)."""
    return load_query(queries_dir() / "network" / f"{name}.rq").text


# ------------------------------------------------------------------ records --

# The node type shown to people, by the most specific class a node has (first match wins).
NODE_TYPES = (
    (str(KG.Meeting), "meeting"),
    (str(SDO.Person), "person"),
    (str(SDO.Country), "country"),
    (str(KG.Region), "region"),
    (str(KG.Initiative), "initiative"),
    (str(KG.Programme), "programme"),
    (str(KG.Group), "group"),
    (str(ORG.Organization), "organisation"),
    (str(ORG.OrganizationalUnit), "organisation"),
    (str(SDO.Organization), "organisation"),
)


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    relation: str
    meeting: str | None
    date: str
    document: str
    about: str | None = None  # the end the document speaks of; None: both

    def speaks_of(self, node: str) -> bool:
        return self.about is None or self.about == node


@dataclass(frozen=True)
class Entity:
    label: str
    type: str
    countries: tuple[str, ...]  # country IRIs


def _value(term) -> str | None:
    return None if term is None else term.value


def _links(store: ox.Store, kind: str) -> list[Link]:
    solutions = store.query(_query(kind))
    variables = {v.value for v in solutions.variables}
    return [
        Link(s["source"].value, s["target"].value, s["relation"].value, _value(s["meeting"]),
             s["date"].value, s["file"].value, _value(s["about"]) if "about" in variables else None)
        for s in solutions
    ]


def _consolidated(store: ox.Store) -> dict[str, str]:
    """Each document's node -> the consolidated layer's node for it (empty without a layer)."""
    return {s["node"].value: s["as"].value for s in store.query(_query("consolidated-as"))}


def _one(same: dict[str, str], node: str | None) -> str | None:
    return same.get(node, node) if node else node


def _entities(store: ox.Store, same: dict[str, str]) -> dict[str, Entity]:
    """Nodes with their type, label and countries; a consolidated node has the countries of every
    document's node that is one with it."""
    countries: dict[str, set[str]] = defaultdict(set)
    for s in store.query(_query("node-countries")):
        node = s["node"].value
        country = _one(same, s["country"].value)
        countries[node].add(country)
        countries[_one(same, node)].add(country)
    out = {}
    for s in store.query(_query("nodes")):
        node = s["node"].value
        classes = set(s["classes"].value.split())
        type_name = next((name for cls, name in NODE_TYPES if cls in classes), "other")
        label = next((t.value for t in (s["a"], s["b"], s["c"], s["d"]) if t is not None and t.value), _tail(node))
        out[node] = Entity(label, type_name, tuple(sorted(countries[node])))
    return out


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def resolve_country(store: ox.Store, text: str) -> str:
    """The IRI of the country named by an ISO code, a label in any language, or the IRI itself."""
    wanted = text.strip().casefold()
    names: dict[str, set[str]] = defaultdict(set)
    for s in store.query(_query("country-names")):
        iri = s["country"].value
        names[iri] |= {iri.casefold(), _tail(iri).casefold(), s["name"].value.casefold()}
    hits = sorted(iri for iri, keys in names.items() if wanted in keys)
    if not hits:
        known = ", ".join(sorted(_tail(i) for i in names)) or "none"
        raise NetworkError(f"no country {text!r} in the graph (known: {known})")
    return hits[0]


# -------------------------------------------------------------- projecting --


def _network(store: ox.Store, kind: str, filters: Filters, weight_by: str,
             bipartite: tuple[str, str] | None = None) -> nx.Graph:
    """The links of queries/network/KIND.rq -> filtered edges -> a graph whose nodes are described from the
    links they take part in."""
    same = _consolidated(store)
    links = [
        replace(link, source=_one(same, link.source), target=_one(same, link.target),
                meeting=_one(same, link.meeting), about=_one(same, link.about))
        for link in _links(store, kind) if filters.admits(link.date)
    ]
    links = [link for link in links if link.source != link.target]
    entities = _entities(store, same)
    unknown = Entity("", "other", ())
    by_edge: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in links:
        by_edge[tuple(sorted((link.source, link.target)))].append(link)
    country = _one(same, resolve_country(store, filters.country)) if filters.country else None

    def keep(u: str, v: str, weight: int) -> bool:
        if weight < filters.min_weight:
            return False
        return country is None or any(country in entities.get(n, unknown).countries for n in (u, v))

    edges = {}
    for (u, v), edge_links in sorted(by_edge.items()):
        weight = len({getattr(link, weight_by) for link in edge_links})
        if keep(u, v, weight):
            edges[(u, v)] = (weight, edge_links)
    by_node: dict[str, list[Link]] = defaultdict(list)
    for (u, v), (_, edge_links) in edges.items():
        for link in edge_links:
            for node in (u, v):
                if link.speaks_of(node):
                    by_node[node].append(link)

    import networkx as nx  # here: the kinds' table is read without it (network/__init__.py)

    G = nx.Graph(kind=kind)
    for node in sorted(by_node):
        e = entities.get(node, unknown)
        node_links = by_node[node]
        days = sorted(link.date for link in node_links)
        attrs = {
            "label": e.label or _tail(node),
            "type": e.type,
            "country": sorted(entities[c].label if c in entities else _tail(c) for c in e.countries),
            "first_seen": days[0],
            "last_seen": days[-1],
            "documents": sorted({link.document for link in node_links}),
        }
        if bipartite:
            attrs["bipartite"] = 0 if e.type == bipartite[0] else 1
        G.add_node(node, **attrs)
    for (u, v), (weight, edge_links) in edges.items():
        G.add_edge(
            u, v,
            weight=weight,
            relations=sorted({link.relation for link in edge_links}),
            meetings=sorted({link.meeting for link in edge_links if link.meeting}),
            dates=sorted({link.date for link in edge_links}),
            documents=sorted({link.document for link in edge_links}),
        )
    return G


def officials_meetings(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Persons and the meetings they took part in (bipartite); weight: documents that say so."""
    return _network(store, "officials-meetings", filters, "document", ("person", "meeting"))


def co_participation(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Persons linked when they took part in the same meeting; weight: meetings shared."""
    return _network(store, "co-participation", filters, "meeting")


def organisations_initiatives(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Initiatives and programmes with who proposed or owns them, and where proposers hold posts;
    weight: documents that say so."""
    return _network(store, "organisations-initiatives", filters, "document")


def countries_meetings(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Countries and the meetings they hosted or sent officials to (bipartite); weight: documents."""
    return _network(store, "countries-meetings", filters, "document", ("country", "meeting"))


@dataclass(frozen=True)
class Kind:
    name: str
    project: Callable[[ox.Store, Filters], nx.Graph]

    @property
    def summary(self) -> str:
        return " ".join((self.project.__doc__ or "").split())


# The network kinds, by the name the CLI takes (one row per kind).
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("officials-meetings", officials_meetings),
    Kind("co-participation", co_participation),
    Kind("organisations-initiatives", organisations_initiatives),
    Kind("countries-meetings", countries_meetings),
)}


def project(store: ox.Store, kind: str, filters: Filters = NO_FILTERS) -> nx.Graph:
    if kind not in KINDS:
        raise NetworkError(f"unknown network kind {kind!r} (known: {', '.join(KINDS)})")
    return KINDS[kind].project(store, filters)

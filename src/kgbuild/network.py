"""Networks from the knowledge graph: networkx projections, their metrics, and writers by file ending.

Each projection reads a build (a pyoxigraph store) with one SPARQL query that yields *links*: two nodes,
the relation between them, the meeting it happened at (if any), its date and the document that says so.
A link's date is the meeting's start date when some document gives it, else the date the reporting press
release was issued. Links are filtered by date, grouped into edges, edges filtered by weight and country,
and the nodes described by a second query (label, type, countries).

Node attributes: label, type, country (English country names), first_seen, last_seen (ISO dates) and
documents (file names); bipartite (0/1) on the two bipartite kinds. Edge attributes: weight, relations,
meetings (IRIs), dates, documents. List values stay lists in the graph and JSON; GraphML and GEXF get
them joined with " | ", as those formats hold scalars only.
"""
from __future__ import annotations

import io
import json
import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox

SEED = 7  # layouts and community detection are seeded: the same graph always gives the same picture
LIST_SEPARATOR = " | "


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

_PREFIXES = """\
PREFIX kg: <https://w3id.org/kgbuild/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# Every link query selects ?source ?target ?relation ?meeting ?date ?file, and may select ?about: the one
# end of the link the document speaks of (unbound: both).
OFFICIALS_MEETINGS = _PREFIXES + """
SELECT DISTINCT ?source ?target ?relation ?meeting ?date ?file WHERE {
  GRAPH ?doc {
    ?doc kg:fileName ?file ; dcterms:issued ?issued .
    ?meeting a kg:Meeting ; kg:participation/kg:participant ?source .
    ?source a schema:Person .
  }
  OPTIONAL {
    SELECT ?meeting (MIN(?day) AS ?held) WHERE { GRAPH ?any { ?meeting schema:startDate ?day } } GROUP BY ?meeting
  }
  BIND (?meeting AS ?target)
  BIND ("took part in" AS ?relation)
  BIND (COALESCE(?held, ?issued) AS ?date)
}
"""

# Two persons met when both took part in one meeting, even if different documents say so.
CO_PARTICIPATION = _PREFIXES + """
SELECT DISTINCT ?source ?target ?relation ?meeting ?date ?file ?about WHERE {
  GRAPH ?one { ?meeting a kg:Meeting ; kg:participation/kg:participant ?source . ?source a schema:Person }
  GRAPH ?two { ?meeting a kg:Meeting ; kg:participation/kg:participant ?target . ?target a schema:Person }
  FILTER (STR(?source) < STR(?target))
  VALUES ?side { 1 2 }
  BIND (IF(?side = 1, ?one, ?two) AS ?doc)
  BIND (IF(?side = 1, ?source, ?target) AS ?about)
  GRAPH ?doc { ?doc kg:fileName ?file ; dcterms:issued ?issued }
  OPTIONAL {
    SELECT ?meeting (MIN(?day) AS ?held) WHERE { GRAPH ?any { ?meeting schema:startDate ?day } } GROUP BY ?meeting
  }
  BIND ("met at" AS ?relation)
  BIND (COALESCE(?held, ?issued) AS ?date)
}
"""

ORGANISATIONS_INITIATIVES = _PREFIXES + """
SELECT DISTINCT ?source ?target ?relation ?meeting ?date ?file WHERE {
  GRAPH ?doc {
    ?doc kg:fileName ?file ; dcterms:issued ?date .
    { ?source a kg:Initiative ; kg:proposedBy ?target . BIND ("proposed by" AS ?relation) }
    UNION
    { ?source a kg:Initiative ; kg:proposedWith ?target . BIND ("proposed with" AS ?relation) }
    UNION
    { ?source a kg:Programme ; kg:owner ?target . BIND ("owned by" AS ?relation) }
    UNION
    { ?initiative a kg:Initiative ; kg:proposedBy ?source .
      ?source a schema:Person ; org:holds/org:postIn ?target .
      BIND ("holds a post in" AS ?relation) }
  }
}
"""

# A country takes part in a meeting it hosts, or at which one of its officials speaks for it.
COUNTRIES_MEETINGS = _PREFIXES + """
SELECT DISTINCT ?source ?target ?relation ?meeting ?date ?file WHERE {
  GRAPH ?doc {
    ?doc kg:fileName ?file ; dcterms:issued ?issued .
    ?meeting a kg:Meeting .
    { ?meeting kg:hostCountry ?source . BIND ("hosted" AS ?relation) }
    UNION
    { ?meeting kg:participation/kg:heldPost/org:postIn ?source . BIND ("sent an official to" AS ?relation) }
  }
  FILTER EXISTS { GRAPH ?any { ?source a schema:Country } }
  OPTIONAL {
    SELECT ?meeting (MIN(?day) AS ?held) WHERE { GRAPH ?any { ?meeting schema:startDate ?day } } GROUP BY ?meeting
  }
  BIND (?meeting AS ?target)
  BIND (COALESCE(?held, ?issued) AS ?date)
}
"""

# The name a reader expects: an English schema:name, else an English label, else any name or label.
ENTITIES = _PREFIXES + """
SELECT ?node (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (MIN(STR(?name_en)) AS ?a) (MIN(STR(?label_en)) AS ?b) (MIN(STR(?name)) AS ?c) (MIN(STR(?label)) AS ?d)
WHERE {
  GRAPH ?g {
    ?node a ?class .
    VALUES ?class { schema:Person kg:Meeting schema:Country kg:Region kg:Group kg:Initiative kg:Programme
                    schema:Organization org:Organization org:OrganizationalUnit }
    OPTIONAL { ?node schema:name ?name_en FILTER (LANG(?name_en) = "en") }
    OPTIONAL { ?node rdfs:label ?label_en FILTER (LANG(?label_en) = "en") }
    OPTIONAL { ?node schema:name ?name }
    OPTIONAL { ?node rdfs:label ?label }
  }
}
GROUP BY ?node
"""

ENTITY_COUNTRIES = _PREFIXES + """
SELECT DISTINCT ?node ?country WHERE {
  GRAPH ?g {
    { ?node a schema:Country . BIND (?node AS ?country) }
    UNION { ?node a schema:Person ; org:holds/org:postIn ?country }
    UNION { ?node a kg:Meeting ; kg:hostCountry ?country }
    UNION { ?node a kg:Initiative ; kg:proposedBy ?country }
    UNION { ?node a kg:Initiative ; kg:proposedBy/org:holds/org:postIn ?country }
    UNION { ?node a schema:Organization ; schema:location/schema:containedInPlace ?country }
  }
  FILTER EXISTS { GRAPH ?any { ?country a schema:Country } }
}
"""

COUNTRY_NAMES = _PREFIXES + """
SELECT DISTINCT ?country ?name WHERE { GRAPH ?g { ?country a schema:Country ; rdfs:label ?name } }
"""

# ------------------------------------------------------------------ records --

# The node type shown to people, by the most specific class a node has (first match wins).
NODE_TYPES = (
    ("https://w3id.org/kgbuild/ontology#Meeting", "meeting"),
    ("https://schema.org/Person", "person"),
    ("https://schema.org/Country", "country"),
    ("https://w3id.org/kgbuild/ontology#Region", "region"),
    ("https://w3id.org/kgbuild/ontology#Initiative", "initiative"),
    ("https://w3id.org/kgbuild/ontology#Programme", "programme"),
    ("https://w3id.org/kgbuild/ontology#Group", "group"),
    ("http://www.w3.org/ns/org#Organization", "organisation"),
    ("http://www.w3.org/ns/org#OrganizationalUnit", "organisation"),
    ("https://schema.org/Organization", "organisation"),
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


def _links(store: ox.Store, query: str) -> list[Link]:
    solutions = store.query(query)
    variables = {v.value for v in solutions.variables}
    return [
        Link(s["source"].value, s["target"].value, s["relation"].value, _value(s["meeting"]),
             s["date"].value, s["file"].value, _value(s["about"]) if "about" in variables else None)
        for s in solutions
    ]


def _entities(store: ox.Store) -> dict[str, Entity]:
    countries: dict[str, set[str]] = defaultdict(set)
    for s in store.query(ENTITY_COUNTRIES):
        countries[s["node"].value].add(s["country"].value)
    out = {}
    for s in store.query(ENTITIES):
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
    for s in store.query(COUNTRY_NAMES):
        iri = s["country"].value
        names[iri] |= {iri.casefold(), _tail(iri).casefold(), s["name"].value.casefold()}
    hits = sorted(iri for iri, keys in names.items() if wanted in keys)
    if not hits:
        known = ", ".join(sorted(_tail(i) for i in names)) or "none"
        raise NetworkError(f"no country {text!r} in the graph (known: {known})")
    return hits[0]


# -------------------------------------------------------------- projecting --


def _network(store: ox.Store, kind: str, query: str, filters: Filters, weight_by: str,
             bipartite: tuple[str, str] | None = None) -> nx.Graph:
    """Links -> filtered edges -> a graph whose nodes are described from the links they take part in."""
    links = [link for link in _links(store, query) if filters.admits(link.date)]
    entities = _entities(store)
    unknown = Entity("", "other", ())
    by_edge: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in links:
        by_edge[tuple(sorted((link.source, link.target)))].append(link)
    country = resolve_country(store, filters.country) if filters.country else None

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
    return _network(store, "officials-meetings", OFFICIALS_MEETINGS, filters, "document", ("person", "meeting"))


def co_participation(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Persons linked when they took part in the same meeting; weight: meetings shared."""
    return _network(store, "co-participation", CO_PARTICIPATION, filters, "meeting")


def organisations_initiatives(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Initiatives and programmes with who proposed or owns them, and where proposers hold posts;
    weight: documents that say so."""
    return _network(store, "organisations-initiatives", ORGANISATIONS_INITIATIVES, filters, "document")


def countries_meetings(store: ox.Store, filters: Filters = NO_FILTERS) -> nx.Graph:
    """Countries and the meetings they hosted or sent officials to (bipartite); weight: documents."""
    return _network(store, "countries-meetings", COUNTRIES_MEETINGS, filters, "document", ("country", "meeting"))


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


# ----------------------------------------------------------------- metrics --


@dataclass(frozen=True)
class NodeMetrics:
    node: str
    label: str
    type: str
    degree: int
    strength: int  # the sum of the weights of the node's edges
    degree_centrality: float
    betweenness: float
    community: int  # 1 is the largest community


@dataclass(frozen=True)
class Summary:
    kind: str
    nodes: int
    edges: int
    density: float
    components: int
    communities: int
    modularity: float


def communities(G: nx.Graph) -> list[set[str]]:
    """Louvain communities (weighted, seeded), largest first, ties by their first label."""
    if G.number_of_edges() == 0:
        return [{n} for n in G]
    found = nx.community.louvain_communities(G, weight="weight", seed=SEED)
    return sorted(found, key=lambda c: (-len(c), min(G.nodes[n]["label"] for n in c)))


def metrics(G: nx.Graph) -> tuple[Summary, list[NodeMetrics]]:
    """Degree and betweenness centrality and communities, with networkx's own algorithms; nodes sorted by
    betweenness, then degree. Betweenness ignores weights (a weight is a strength, not a distance)."""
    groups = communities(G)
    member = {n: i for i, group in enumerate(groups, 1) for n in group}
    degree_c = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    between = nx.betweenness_centrality(G)
    rows = [
        NodeMetrics(n, G.nodes[n]["label"], G.nodes[n]["type"], G.degree(n), G.degree(n, weight="weight"),
                    round(degree_c[n], 4), round(between[n], 4), member[n])
        for n in G
    ]
    rows.sort(key=lambda r: (-r.betweenness, -r.degree, -r.strength, r.label))
    modularity = nx.community.modularity(G, groups, weight="weight") if G.number_of_edges() else 0.0
    summary = Summary(G.graph.get("kind", ""), G.number_of_nodes(), G.number_of_edges(), round(nx.density(G), 4),
                      nx.number_connected_components(G), len(groups), round(modularity, 4))
    return summary, rows


# ----------------------------------------------------------------- drawing --

# Colour and marker of each node type, in pictures and on the HTML page (colour-blind safe palette).
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "person": ("#0072B2", "o"),
    "meeting": ("#E69F00", "s"),
    "country": ("#009E73", "h"),
    "organisation": ("#CC79A7", "D"),
    "initiative": ("#D55E00", "^"),
    "programme": ("#56B4E9", "v"),
    "region": ("#F0E442", "p"),
    "group": ("#999999", "P"),
    "other": ("#666666", "o"),
}


def layout(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², the same for the same graph: each connected component gets a seeded
    spring layout, as large as the square root of its size, and the components are packed in rows
    (a spring layout of the whole graph would fling small components to the corners)."""
    if len(G) == 0:
        return {}
    parts = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    placed: dict[str, tuple[float, float]] = {}
    row_width = 1.6 * math.sqrt(sum(len(c) for c in parts))
    x = y = row_height = 0.0
    for part in parts:
        side = math.sqrt(len(part))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        sub = G.subgraph(part)
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, k=1.6 / math.sqrt(len(part)), iterations=300, seed=SEED, weight=None)
            local = nx.rescale_layout_dict(local, scale=1.0)
        for n, (lx, ly) in local.items():
            placed[n] = (x + side / 2 + lx * side / 2, y - side / 2 + ly * side / 2)
        x += side + 0.6
        row_height = max(row_height, side)
    return _fit(placed)


def _fit(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Stretch positions to fill [-1, 1] on both axes (a single point sits at the origin)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]

    def scale(v: float, lo: float, hi: float) -> float:
        return 0.0 if hi - lo < 1e-9 else round(2 * (v - lo) / (hi - lo) - 1, 6)

    return {n: (scale(px, min(xs), max(xs)), scale(py, min(ys), max(ys))) for n, (px, py) in pos.items()}


def node_sizes(G: nx.Graph) -> dict[str, float]:
    """Marker area (points²) by degree centrality."""
    centrality = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    return {n: 180.0 + 1100.0 * centrality[n] for n in G}


def figure(G: nx.Graph, title: str | None = None):
    """A matplotlib Figure of the network: nodes coloured and shaped by type (with a legend), sized by
    degree centrality, edges as wide as their weight, and labels (Cyrillic and Latin, DejaVu Sans) placed
    where they overlap neither each other nor a node. No pyplot: safe in threads and tests."""
    n = len(G)
    width = min(24.0, max(10.0, 4.0 + 2.2 * math.sqrt(n)))
    for _ in range(4):  # a crowded graph gets a larger canvas until every label finds a free place
        fig, clashes = _draw(G, width, title)
        if not clashes:
            break
        width *= 1.3
    return fig


def _draw(G: nx.Graph, width: float, title: str | None):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    n = len(G)
    fig = Figure(figsize=(width, width * 0.68), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.08, 0.98, 0.86))
    ax.set_axis_off()
    kind = G.graph.get("kind", "network")
    fig.suptitle(title or f"kgbuild network: {kind} ({n} nodes, {G.number_of_edges()} edges)", fontsize=13)
    if n == 0:
        ax.text(0.5, 0.5, "no nodes (check the filters)", ha="center", va="center", transform=ax.transAxes)
        return fig, 0
    pos = layout(G)
    sizes = node_sizes(G)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.25, 1.25)
    segments = [(pos[u], pos[v]) for u, v in G.edges]
    widths = [0.8 + 1.2 * math.log2(G.edges[e].get("weight", 1)) for e in G.edges]
    ax.add_collection(LineCollection(segments, linewidths=widths, colors="#9a9a9a", alpha=0.8, zorder=1))
    handles = []
    for type_name, (colour, marker) in TYPE_STYLE.items():
        nodes = [v for v in G if G.nodes[v]["type"] == type_name]
        if not nodes:
            continue
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=[sizes[v] for v in nodes],
                   c=colour, marker=marker, edgecolors="white", linewidths=1.2, zorder=2)
        handles.append(Line2D([], [], linestyle="", marker=marker, markersize=10, markerfacecolor=colour,
                              markeredgecolor="white", label=f"{type_name} ({len(nodes)})"))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=10,
               title="node types (size: degree centrality; edge width: weight)", title_fontsize=9)
    labels = {
        v: ax.annotate(textwrap.fill(G.nodes[v]["label"], 26), xy=pos[v], xytext=(0, 0), textcoords="offset points",
                       ha="center", va="center", fontsize=9, zorder=3,
                       bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        for v in G
    }
    clashes = _place_labels(fig, ax, pos, sizes, labels)
    return fig, clashes


def _place_labels(fig, ax, pos, sizes, labels) -> int:
    """Greedy label placement in display space: each label (most central node first) takes the first of a
    ring of places around its node that is inside the axes and clear of placed labels and of all nodes;
    a leader line joins a label set further out. Returns how many labels found no clear place."""
    renderer = fig.canvas.get_renderer()
    px_per_pt = fig.dpi / 72.0
    frame = ax.get_window_extent(renderer)
    centre = {v: tuple(ax.transData.transform(pos[v])) for v in labels}
    radius = {v: math.sqrt(sizes[v]) / 2 * px_per_pt for v in labels}
    markers = [_Box(x - radius[v], y - radius[v], x + radius[v], y + radius[v]) for v, (x, y) in centre.items()]
    placed: list[_Box] = []
    clashes = 0
    for v in sorted(labels, key=lambda v: (-sizes[v], labels[v].get_text())):
        box = _text_box(labels[v], renderer)  # at offset 0: centred on the node
        w, h = box.x1 - box.x0, box.y1 - box.y0
        cx, cy = centre[v]
        best, best_cost = None, math.inf
        for ring, (dx, dy) in _candidates(w, h, radius[v]):
            cand = _Box(cx + dx - w / 2, cy + dy - h / 2, cx + dx + w / 2, cy + dy + h / 2)
            cost = sum(_area(cand, b) for b in placed) + sum(_area(cand, m) for m in markers)
            cost += _outside(cand, frame) * 10
            if cost < best_cost:
                best, best_cost = (ring, dx, dy, cand), cost
            if cost == 0:
                break
        ring, dx, dy, cand = best
        clashes += best_cost > 0
        placed.append(cand)
        labels[v].xyann = (dx / px_per_pt, dy / px_per_pt)
        if ring > 1:  # far from its node: a thin leader line says whose label it is
            ax.plot(*zip(pos[v], ax.transData.inverted().transform((cx + dx, cy + dy))),
                    color="#c0c0c0", lw=0.6, zorder=1.5)
    return clashes


def _candidates(w: float, h: float, r: float):
    """Offsets (px) of a label's centre from its node's: below, above, right, left, then the diagonals,
    on rings further and further out."""
    gap = 3.0
    for ring in range(1, 7):
        far = (ring - 1) * (h + 6)
        down, up = -(r + gap + h / 2 + far), r + gap + h / 2 + far
        right, left = r + gap + w / 2 + far, -(r + gap + w / 2 + far)
        for offset in ((0, down), (0, up), (right, 0), (left, 0), (right, down), (left, down), (right, up), (left, up)):
            yield ring, offset


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float


def _text_box(text, renderer) -> _Box:
    from matplotlib.text import Text

    text.update_positions(renderer)
    b = Text.get_window_extent(text, renderer)  # the text alone, not an annotation's arrow
    return _Box(b.x0 - 2, b.y0 - 2, b.x1 + 2, b.y1 + 2)


def _area(a: _Box, b: _Box) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _outside(a: _Box, frame) -> float:
    inside = _area(a, _Box(frame.x0, frame.y0, frame.x1, frame.y1))
    return (a.x1 - a.x0) * (a.y1 - a.y0) - inside


def label_overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of labels whose text boxes overlap in a drawn figure (empty when the picture is readable)."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in ax.texts]
    for t in texts:
        if hasattr(t, "update_positions"):  # an annotation's text follows its offset only once updated
            t.update_positions(renderer)
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if ba.overlaps(bb)]


def image_bytes(G: nx.Graph, fmt: str) -> bytes:
    import matplotlib

    with matplotlib.rc_context({"font.family": "DejaVu Sans", "svg.hashsalt": "kgbuild"}):
        fig = figure(G)
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata, facecolor="white")
    return buf.getvalue()


# ----------------------------------------------------------------- writers --


def scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy whose list attributes are joined into strings (GraphML and GEXF hold scalars only)."""
    def flat(attrs: dict) -> dict:
        return {k: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in attrs.items()}

    H = nx.Graph(**{k: v for k, v in G.graph.items() if isinstance(v, (str, int, float))})
    H.add_nodes_from((n, flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, flat(d)) for u, v, d in G.edges(data=True))
    return H


def graphml_bytes(G: nx.Graph) -> bytes:
    return ("\n".join(nx.generate_graphml(scalar_graph(G))) + "\n").encode("utf-8")


def gexf_bytes(G: nx.Graph) -> bytes:
    return ("\n".join(nx.generate_gexf(scalar_graph(G))) + "\n").encode("utf-8")


def node_link_bytes(G: nx.Graph) -> bytes:
    data = nx.node_link_data(G, edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def html_bytes(G: nx.Graph) -> bytes:
    from .network_html import html_page

    return html_page(G, layout(G), node_sizes(G), {k: c for k, (c, _) in TYPE_STYLE.items()}).encode("utf-8")


# What `kgbuild network KIND --out FILE` writes, by the file's ending (one row per format).
WRITERS: dict[str, Callable[[nx.Graph], bytes]] = {
    ".graphml": graphml_bytes,
    ".gexf": gexf_bytes,
    ".json": node_link_bytes,
    ".png": lambda G: image_bytes(G, "png"),
    ".svg": lambda G: image_bytes(G, "svg"),
    ".html": html_bytes,
}


def write_network(G: nx.Graph, path: Path) -> None:
    from .output import atomic_write

    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise NetworkError(f"{path}: unknown file ending (want {', '.join(WRITERS)})")
    atomic_write(path, writer(G))

"""Metrics of a network: degree and betweenness centrality, Louvain communities, networkx's own algorithms."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .positions import SEED


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

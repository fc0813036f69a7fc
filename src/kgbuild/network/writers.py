"""What `kgbuild network KIND --out FILE` writes, by the file's ending.

List values stay lists in the graph and in node-link JSON; GraphML and GEXF get them joined with " | ",
as those formats hold scalars only.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import networkx as nx

from .draw import TYPE_STYLE, image_bytes
from .positions import layout, node_sizes
from .page import html_page
from .projection import NetworkError
from ..output import atomic_write

LIST_SEPARATOR = " | "


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
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise NetworkError(f"{path}: unknown file ending (want {', '.join(WRITERS)})")
    atomic_write(path, writer(G))

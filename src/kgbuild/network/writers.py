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


def html_bytes(G: nx.Graph, names: dict[str, str] | None = None) -> bytes:
    colours = {k: c for k, (c, _) in TYPE_STYLE.items()}
    return html_page(G, layout(G), node_sizes(G), colours, names=names).encode("utf-8")


# What `kgbuild network KIND --out FILE` writes, by the file's ending (one row per format); the pictures
# and the page take display names (node -> short name), the data files keep every attribute as it is.
WRITERS: dict[str, Callable[[nx.Graph, dict[str, str] | None], bytes]] = {
    ".graphml": lambda G, names=None: graphml_bytes(G),
    ".gexf": lambda G, names=None: gexf_bytes(G),
    ".json": lambda G, names=None: node_link_bytes(G),
    ".png": lambda G, names=None: image_bytes(G, "png", names),
    ".svg": lambda G, names=None: image_bytes(G, "svg", names),
    ".html": html_bytes,
}


def write_network(G: nx.Graph, path: Path, names: dict[str, str] | None = None) -> None:
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise NetworkError(f"{path}: unknown file ending (want {', '.join(WRITERS)})")
    atomic_write(path, writer(G, names))

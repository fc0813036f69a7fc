"""Where each node goes and how large it is, shared by the pictures and the HTML page."""
from __future__ import annotations

import math

import networkx as nx

SEED = 7  # layouts and community detection are seeded: the same graph always gives the same picture


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
        sub = _component(G, part)
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        else:
            local = _spring(sub)
            local = nx.rescale_layout_dict(local, scale=1.0)
        for n, (lx, ly) in local.items():
            placed[n] = (x + side / 2 + lx * side / 2, y - side / 2 + ly * side / 2)
        x += side + 0.6
        row_height = max(row_height, side)
    return _fit(placed)


def _spring(sub: nx.Graph) -> dict[str, tuple[float, float]]:
    """A seeded spring layout. networkx lays out 500+ nodes with scipy's sparse matrices (a declared
    dependency), one Python step per node and iteration: there it starts from the spectral layout (scipy,
    about a second) and needs 40 iterations instead of 300, seconds instead of a minute at 1,600 nodes."""
    k = 1.6 / math.sqrt(len(sub))
    if len(sub) < 500:
        return nx.spring_layout(sub, k=k, iterations=300, seed=SEED, weight=None)
    return nx.spring_layout(sub, k=k, pos=_spectral(sub), iterations=40, seed=SEED, weight=None)


def _spectral(sub: nx.Graph) -> dict[str, tuple[float, float]]:
    """The spectral layout (the Laplacian's 2nd and 3rd eigenvectors) from a fixed start vector, each axis
    signed by its largest entry: nx.spectral_layout lets ARPACK draw a random start, so its picture flips
    from run to run."""
    import numpy as np
    from scipy.sparse import csgraph
    from scipy.sparse.linalg import eigsh

    nodes = list(sub)
    A = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=None, dtype=float)
    L = csgraph.laplacian(A)
    start = np.linspace(1.0, 2.0, len(nodes))
    values, vectors = eigsh(L, k=3, which="SM", v0=start, ncv=max(20, int(math.sqrt(len(nodes)))), tol=1e-6)
    axes = vectors[:, np.argsort(values)[1:3]]
    axes *= np.sign(axes[np.abs(axes).argmax(axis=0), [0, 1]])
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, axes)}


def _component(G: nx.Graph, part: set[str]) -> nx.Graph:
    """The component as a graph whose nodes and edges come in sorted order: G.subgraph(part) iterates the
    set's hash order, which changes with PYTHONHASHSEED, and the seeded layout follows the node order."""
    H = nx.Graph()
    H.add_nodes_from(sorted(part))
    H.add_edges_from(sorted(tuple(sorted(e)) for e in G.subgraph(part).edges))
    return H


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

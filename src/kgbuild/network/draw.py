"""Pictures of a network (matplotlib, no pyplot): labels placed clear of each other and of the nodes."""
from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass

import networkx as nx

from .positions import layout, node_sizes

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

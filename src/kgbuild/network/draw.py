"""Pictures of a network (matplotlib, no pyplot): labels placed clear of each other and of the nodes."""
from __future__ import annotations

import io
import math
import textwrap
import networkx as nx

from .labels import Box, Label, place
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


# Pictures of more nodes than this label only their most central nodes (a label for each of 2,000 nodes
# is a grey smear); the others are named in the HTML page's tooltips and in the exported files.
MAX_LABELS = 150


def figure(G: nx.Graph, title: str | None = None, names: dict[str, str] | None = None, width: float | None = None):
    """A matplotlib Figure of the network: nodes coloured and shaped by type (with a legend), sized by
    degree centrality, edges as wide as their weight, and labels (`names`: node -> display name, else the
    nodes' labels shortened; DejaVu Sans has Cyrillic and Latin) placed where they overlap neither each
    other nor a node. A `width` (inches) fixes the canvas: labels with no free place on it are left out.
    No pyplot: safe in threads and tests."""
    names = names or short_labels(G)
    n = len(G)
    if width is not None:
        return _draw(G, width, title, names, keep_all=False)[0]
    width = min(24.0, max(10.0, 4.0 + 2.2 * math.sqrt(n)))
    for _ in range(4):  # a crowded graph gets a larger canvas until every label finds a free place
        fig, clashes = _draw(G, width, title, names, keep_all=n <= MAX_LABELS)
        if not clashes or n > MAX_LABELS:
            break
        width *= 1.3
    return fig


def short_labels(G: nx.Graph) -> dict[str, str]:
    """Display names from the nodes' own labels (no graph at hand to look up short forms)."""
    from .names import NameBook, network_names

    return network_names(G, NameBook()).names


def _draw(G: nx.Graph, width: float, title: str | None, names: dict[str, str], keep_all: bool):
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
    ranked = sorted(G, key=lambda v: (-sizes[v], names.get(v, v), v))[:MAX_LABELS]
    labels = {
        v: ax.annotate(textwrap.fill(names.get(v, v), 26), xy=pos[v], xytext=(0, 0), textcoords="offset points",
                       ha="center", va="center", fontsize=9, zorder=3,
                       bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        for v in ranked
    }
    clashes = _place_labels(fig, ax, pos, sizes, labels, keep_all)
    return fig, clashes


def _place_labels(fig, ax, pos, sizes, labels, keep_all: bool) -> int:
    """Place the labels (most central first, see labels.py) in display space, flipped so that y grows
    downwards; a leader line joins a label set further out. With `keep_all`, a label with no clear place
    stays where it overlaps least; else it is removed. Returns how many labels found no clear place."""
    renderer = fig.canvas.get_renderer()
    px_per_pt = fig.dpi / 72.0
    height = fig.bbox.height
    f = ax.get_window_extent(renderer)
    frame = Box(f.x0, height - f.y1, f.x1, height - f.y0)
    items = []
    for v, text in labels.items():  # already in placing order
        b = _text_box(text, renderer)  # at offset 0: centred on the node
        x, y = ax.transData.transform(pos[v])
        items.append(Label(v, x, height - y, math.sqrt(sizes[v]) / 2 * px_per_pt, b.x1 - b.x0, b.y1 - b.y0))
    placed = place(items, frame)
    clashes = 0
    for item in items:
        p = placed[item.key]
        if p.cost > 0:
            clashes += 1
            if not keep_all:
                labels[item.key].remove()
                continue
        labels[item.key].xyann = (p.dx / px_per_pt, -p.dy / px_per_pt)
        if p.ring > 1:  # far from its node: a thin leader line says whose label it is
            end = ax.transData.inverted().transform((item.x + p.dx, height - (item.y + p.dy)))
            ax.plot(*zip(pos[item.key], end), color="#c0c0c0", lw=0.6, zorder=1.5)
    return clashes


def _text_box(text, renderer) -> Box:
    from matplotlib.text import Text

    text.update_positions(renderer)
    b = Text.get_window_extent(text, renderer)  # the text alone, not an annotation's arrow
    return Box(b.x0 - 2, b.y0 - 2, b.x1 + 2, b.y1 + 2)


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


def image_bytes(G: nx.Graph, fmt: str, names: dict[str, str] | None = None) -> bytes:
    import matplotlib

    with matplotlib.rc_context({"font.family": "DejaVu Sans", "svg.hashsalt": "kgbuild"}):
        fig = figure(G, names=names)
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata, facecolor="white")
    return buf.getvalue()

"""The report's pictures, drawn on the server with matplotlib as SVG (no script, no font fetched): documents
over time, the busiest officials, the timeline of meetings and the networks (kgbuild.network.figure, with
its overlap-free labels). Each SVG gets its own id prefix, so several can sit in one page."""
from __future__ import annotations

import io
import re
from contextlib import contextmanager

from ..network import TYPE_STYLE, figure
from .data import Meeting, Network, Official

# colour-blind safe (Okabe-Ito), then greys for the rest
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
OTHERS = 7  # series drawn in their own colour; the rest are summed as "other"


@contextmanager
def _style():
    import matplotlib

    with matplotlib.rc_context({"font.family": "DejaVu Sans", "svg.hashsalt": "kgbuild", "font.size": 10,
                                "axes.spines.top": False, "axes.spines.right": False}):
        yield


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    FigureCanvasAgg(fig)
    return fig


def svg_text(fig, prefix: str) -> str:
    """The figure as an <svg> element for inlining: no XML prolog, every id prefixed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white", bbox_inches="tight")
    text = buf.getvalue().decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", text)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', text)


def stacked_bars(periods: list[str], series: dict[str, list[int]], title: str, prefix: str) -> str:
    """Documents per period, one colour per series (language or source), the smallest summed as "other"."""
    with _style():
        fig = _figure(9.5, 3.4)
        ax = fig.add_subplot()
        names = list(series)
        shown = names[:OTHERS] if len(names) > OTHERS + 1 else names
        rows = [(name, series[name]) for name in shown]
        if len(shown) < len(names):
            rows.append(("other", [sum(series[n][i] for n in names[len(shown):]) for i in range(len(periods))]))
        bottom = [0] * len(periods)
        for (name, counts), colour in zip(rows, PALETTE):
            ax.bar(range(len(periods)), counts, bottom=bottom, color=colour, label=f"{name} ({sum(counts)})", width=0.8)
            bottom = [b + c for b, c in zip(bottom, counts)]
        step = max(1, len(periods) // 16)
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=45 if step > 1 or len(periods) > 10 else 0,
                      ha="right" if len(periods) > 10 else "center")
        ax.set_ylabel("documents")
        ax.set_title(title, loc="left", fontsize=11)
        ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return svg_text(fig, prefix)


def busiest(officials: list[Official], prefix: str) -> str:
    """The busiest officials as horizontal bars: meetings taken part in."""
    with _style():
        fig = _figure(8.0, 0.9 + 0.32 * max(1, len(officials)))
        ax = fig.add_subplot()
        rows = list(reversed(officials))
        ax.barh(range(len(rows)), [o.meetings for o in rows], color=TYPE_STYLE["person"][0])
        ax.set_yticks(range(len(rows)), [o.name for o in rows])
        for i, o in enumerate(rows):
            ax.text(o.meetings, i, f" {o.meetings}", va="center", fontsize=9)
        ax.set_xlabel("meetings taken part in")
        return svg_text(fig, prefix)


def timeline(meetings: list[Meeting], prefix: str) -> str:
    """One dot per dated meeting, a row per kind, as large as the number of documents reporting it."""
    from datetime import date

    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    dated = [m for m in meetings if m.date]
    kinds = sorted({m.kind or "—" for m in dated}, key=lambda k: (-sum((m.kind or "—") == k for m in dated), k))
    with _style():
        fig = _figure(9.5, 1.2 + 0.45 * max(1, len(kinds)))
        ax = fig.add_subplot()
        for i, kind in enumerate(kinds):
            ms = [m for m in dated if (m.kind or "—") == kind]
            # a month the documents give without a day (YYYY-MM) is drawn at its first day
            ax.scatter([date.fromisoformat(f"{m.date[:7]}-01" if len(m.date) == 7 else m.date[:10]) for m in ms],
                       [i] * len(ms),
                       s=[24 + 16 * m.documents for m in ms], color=PALETTE[i % len(PALETTE)], alpha=0.7,
                       edgecolors="white", linewidths=0.8)
        ax.set_yticks(range(len(kinds)), kinds)
        ax.set_ylim(-0.7, len(kinds) - 0.3)
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#e5e5e5")
        ax.set_title(f"{len(dated)} dated meetings (dot size: documents reporting it)", loc="left", fontsize=11)
        return svg_text(fig, prefix)


def network(net: Network, prefix: str) -> str:
    with _style():
        title = f"{net.heading}: {net.graph.number_of_nodes()} of {net.nodes} nodes, {net.graph.number_of_edges()} edges shown"
        return svg_text(figure(net.graph, title=title, names=net.names, width=13.0), prefix)

"""`kgbuild report`: one self-contained, offline HTML page about a build.

data.py reads what the page shows (stored queries, network projections, validation.json, build.json) with
names in the reader's language; charts.py draws its pictures as inline SVG (matplotlib, and the network
pictures of kgbuild.network); page.py writes the page, every text escaped.
"""
from __future__ import annotations

from pathlib import Path

from ..output import atomic_write
from .data import NETWORKS, Meeting, Network, Official, ReportData, ReportError, collect
from .page import render

__all__ = ["NETWORKS", "Meeting", "Network", "Official", "ReportData", "ReportError", "collect", "render",
           "write_report"]


def write_report(folder: str | Path, out: str | Path, lang: str = "en") -> ReportData:
    """Write the report of the build in `folder` to `out` (atomically); returns what it shows."""
    data = collect(folder, lang)
    atomic_write(Path(out), render(data).encode("utf-8"))
    return data

"""`kgbuild export`: the graph in another RDF syntax (output.FORMATS)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .common import err, load_dataset, output_file, write_failed


def export(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle | trig | nt | nquads | jsonld"),
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here (atomically) instead of stdout"),
) -> None:
    """Export the graph in another RDF syntax (deterministic output)."""
    from ..output import FORMAT_NAMES, FORMATS, atomic_write, serialize

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r} ({', '.join(FORMAT_NAMES)})")
        raise typer.Exit(2)
    if output:
        output_file(output)
    data = serialize(load_dataset(graph), fmt)
    if output:
        try:
            atomic_write(output, data)
        except OSError as exc:
            write_failed(output, exc)
    else:
        sys.stdout.buffer.write(data)

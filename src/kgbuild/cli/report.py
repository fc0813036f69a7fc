"""`kgbuild report`: a self-contained HTML page about a build, to open in any browser, offline."""
from __future__ import annotations

from pathlib import Path

import typer

from .common import error, out


def report(
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder (written by `kgbuild build`)"),
    out_file: Path = typer.Option(Path("report.html"), "--out", "-o", help="Write the page here"),
    lang: str = typer.Option("en", "--lang", help="Names in this language: en, ru or kk (a picture whose things "
                             "are not all named in it gives every name in Latin transliteration)"),
) -> None:
    """One page about a build: documents per language and source over time, how many meetings, officials,
    initiatives and programmes, the validation summary, the busiest officials and meetings, a timeline of
    meetings and the networks. No script, no CDN: it opens offline."""
    from ..queries import QueryError
    from ..report import ReportError, write_report

    if out_file.is_dir():
        error(f"{out_file}: is a folder; give the page's file name")
        raise typer.Exit(2)
    try:
        data = write_report(graph, out_file, lang)
    except (ReportError, QueryError) as exc:
        error(str(exc))
        raise typer.Exit(2)
    except OSError as exc:
        error(f"{out_file}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2)
    c = data.counts
    out.print(f"report: {c['documents']} documents, {c['meetings']} meetings, {c['officials']} officials -> "
              f"{out_file}", soft_wrap=True, markup=False)

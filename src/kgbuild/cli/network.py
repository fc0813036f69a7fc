"""`kgbuild network`: networks drawn from a build. One command per network kind (from network.KINDS), so
`kgbuild network KIND --graph DIR --out FILE` reads like a single command, and `stats` beside them."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..network import KINDS, Filters, Kind
from .common import err, out, output_file, register, write_failed

GRAPH = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file (.trig, .nq, .ttl, .nt)")
SINCE = typer.Option(None, "--since", help="Only links dated on or after this day (YYYY-MM-DD)")
UNTIL = typer.Option(None, "--until", help="Only links dated on or before this day (YYYY-MM-DD)")
COUNTRY = typer.Option(None, "--country", help="Only edges touching this country (code such as kz, or a name)")
MIN_WEIGHT = typer.Option(1, "--min-weight", min=1, help="Only edges at least this heavy")
LANG = typer.Option("en", "--lang", help="Names in this language on pictures and pages: en, ru or kk (a name "
                    "missing in it is given in Latin transliteration, the whole picture then in Latin)")


def _day(text: Optional[str], option: str) -> Optional[date]:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        err.print(f"[red]error:[/red] {option} {text!r}: want a date, YYYY-MM-DD")
        raise typer.Exit(2)


def _filters(since, until, country, min_weight) -> Filters:
    return Filters(_day(since, "--since"), _day(until, "--until"), country, min_weight)


def _project(graph: Path, kind: str, filters: Filters, store=None):
    """The projection, or exit 2 with the reason (no graph, unknown country, ...)."""
    from ..network import NetworkError, project
    from ..queries import QueryError, load_store

    try:
        return project(store if store is not None else load_store(graph), kind, filters)
    except (QueryError, NetworkError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


def _store(graph: Path):
    from ..queries import QueryError, load_store

    try:
        return load_store(graph)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


def _kind_command(kind: Kind):
    def command(
        out_file: Path = typer.Option(..., "--out", "-o", help="Write here; the ending picks the format"),
        graph: Path = GRAPH,
        since: Optional[str] = SINCE,
        until: Optional[str] = UNTIL,
        country: Optional[str] = COUNTRY,
        min_weight: int = MIN_WEIGHT,
        lang: str = LANG,
    ) -> None:
        from ..network import LANGS, WRITERS, NetworkError, network_names, read_names, write_network

        if out_file.suffix.lower() not in WRITERS:
            err.print(f"[red]error:[/red] {out_file}: unknown file ending (want {', '.join(WRITERS)})")
            raise typer.Exit(2)
        if lang not in LANGS:
            err.print(f"[red]error:[/red] unknown --lang {lang!r} (choose from {', '.join(LANGS)})")
            raise typer.Exit(2)
        output_file(out_file)
        store = _store(graph)
        G = _project(graph, kind.name, _filters(since, until, country, min_weight), store)
        try:
            write_network(G, out_file, network_names(G, read_names(store), lang).names)
        except NetworkError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2)
        except OSError as exc:
            write_failed(out_file, exc)
        out.print(f"{kind.name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges -> {escape(str(out_file))}")

    command.__doc__ = f"{kind.summary[:1].upper()}{kind.summary[1:]}"
    return command


def stats(
    graph: Path = GRAPH,
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help=f"One of: {', '.join(KINDS)} (default: all)"),
    top: int = typer.Option(15, "--top", help="Nodes listed per network (0: all)"),
    since: Optional[str] = SINCE,
    until: Optional[str] = UNTIL,
    country: Optional[str] = COUNTRY,
    min_weight: int = MIN_WEIGHT,
) -> None:
    """Size, density, components and Louvain communities of each network, then its most central nodes:
    degree, weighted degree, degree centrality, betweenness centrality and community."""
    from ..network import metrics

    if kind is not None and kind not in KINDS:
        err.print(f"[red]error:[/red] unknown network kind {kind!r} (known: {', '.join(KINDS)})")
        raise typer.Exit(2)
    filters = _filters(since, until, country, min_weight)
    store = _store(graph)
    results = [metrics(_project(graph, name, filters, store)) for name in ([kind] if kind else KINDS)]
    summary = Table(title="networks")
    summary.add_column("kind", no_wrap=True)
    for column in ("nodes", "edges", "density", "components", "communities", "modularity"):
        summary.add_column(column, justify="right", no_wrap=True)
    for s, _ in results:
        summary.add_row(s.kind, str(s.nodes), str(s.edges), f"{s.density:.3f}", str(s.components),
                        str(s.communities), f"{s.modularity:.3f}")
    out.print(summary)
    for s, rows in results:
        shown = rows[:top] if top else rows
        table = Table(title=f"{s.kind}: most central nodes ({len(shown)} of {len(rows)})")
        table.add_column("label", min_width=20, ratio=1)
        table.add_column("type", no_wrap=True)
        for column in ("degree", "weighted", "centrality", "betweenness", "community"):
            table.add_column(column, justify="right", no_wrap=True)
        for r in shown:
            table.add_row(r.label, r.type, str(r.degree), str(r.strength), f"{r.degree_centrality:.3f}",
                          f"{r.betweenness:.3f}", str(r.community))
        out.print(table)


# one command per network kind, then stats
COMMANDS = (*((kind.name, _kind_command(kind)) for kind in KINDS.values()), ("stats", stats))
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Networks from the graph: `kgbuild network KIND --out FILE` writes .graphml, .gexf, .json "
         "(node-link), .png, .svg or .html by the file's ending; `kgbuild network stats` prints metrics.",
)
register(app, COMMANDS)

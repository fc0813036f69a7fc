"""`kgbuild query NAME` and `kgbuild queries`: the stored queries, run locally or on an endpoint."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from .common import error, is_text, out


def query(
    name: str = typer.Argument(..., help="Stored query name (see `kgbuild queries`)"),
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    param: List[str] = typer.Option(None, "--param", "-p", help="KEY=VALUE, bound as an RDF term"),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
    endpoint: Optional[str] = typer.Option(None, help="Run on this SPARQL endpoint (an http or https URL) "
                                                      "instead of locally"),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds to wait for the endpoint's answer"),
    lang: str = typer.Option("en", "--lang", help="Names in this language: en, ru or kk (a name missing in it is "
                                                  "transliterated into its script: Latin for en, Cyrillic for ru and kk)"),
) -> None:
    """Run a stored query by name."""
    from ..queries import QueryError, check_lang, format_rows, get_query, load_store, run_local, run_remote

    params = {}
    for p in param or []:
        if "=" not in p:
            error(f"--param {p!r}: want KEY=VALUE")
            raise typer.Exit(2)
        if not is_text(p):  # bytes the terminal's encoding could not decode (os.fsdecode's surrogates)
            error(f"--param {ascii(p)}: not valid text in this terminal's encoding")
            raise typer.Exit(2)
        k, v = p.split("=", 1)
        params[k.strip()] = v
    if fmt not in ("table", "csv", "json"):
        error(f"unknown format {fmt!r} (table, csv, json)")
        raise typer.Exit(2)
    try:
        check_lang(lang)
        q = get_query(name)
        if endpoint:
            rows = run_remote(endpoint, q, params, timeout, lang)
        else:
            rows = run_local(load_store(graph), q, params, lang)
    except QueryError as exc:
        error(str(exc))
        raise typer.Exit(2)
    if fmt == "table":
        table = Table(title=escape(f"{q.name}: {q.summary} ({len(rows)} rows)"))
        cols = rows.variables
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*[escape(r[c]) for c in cols])
        out.print(table)
    else:
        sys.stdout.write(format_rows(rows, fmt))


def list_queries() -> None:
    """List the stored queries with their titles and parameters."""
    from ..queries import stored_queries

    table = Table(title="stored queries")
    table.add_column("name")
    table.add_column("title")
    table.add_column("parameters")
    for name, q in stored_queries().items():
        table.add_row(name, q.summary, ", ".join(f"{p.name} ({p.type})" for p in q.params))
    out.print(table)

"""The `kgbuild` command: thin, calls the stages (build, validate, query, export, ...)."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)
out = Console()


def _error(message: str, label: str = "[red]error:[/red]") -> None:
    """One line on stderr, however long; file names and parser messages are text, never rich markup."""
    err.print(f"{label} {escape(message)}", soft_wrap=True)


def _load_dataset(graph: Path):
    """A Dataset from DIR (its graph.trig) or from a .trig/.nq/.ttl file; exits 2 when unreadable."""
    from rdflib import Dataset

    from .output import new_dataset

    p = graph / "graph.trig" if graph.is_dir() else graph
    if not p.exists():
        _error(f"{p}: no such graph (run `kgbuild build` first)")
        raise typer.Exit(2)
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(p.suffix)
    if fmt is None:
        _error(f"{p}: unknown graph format (want .trig, .nq, .ttl, .nt or .jsonld)")
        raise typer.Exit(2)
    ds: Dataset = new_dataset()
    # an ill-typed literal ("2025-02-30"^^xsd:date) is for validation to report, not a parser traceback
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        if fmt in ("turtle", "nt"):
            g = ds.graph(ds.default_graph.identifier if hasattr(ds, "default_graph") else None)
            g.parse(p, format=fmt)
        else:
            ds.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many parser error types
        _error(f"{p}: cannot parse as {fmt} ({type(exc).__name__}: {str(exc)[:200]})")
        raise typer.Exit(2)
    finally:
        term_log.setLevel(level)
    return ds


SHACL_SPARQL_HELP = (
    "Who evaluates the shapes' SPARQL targets and constraints inside pyshacl: rdflib (plain pyshacl, the "
    "reference) or oxigraph (about 2.5x faster validation; same report, tested on every shapes snippet)"
)
SHACL_ENGINE_HELP = (
    "Who validates: pyshacl (the reference) or turbo (pyshacl-turbo, a Rust engine, about 5x faster than "
    "pyshacl with --shacl-sparql oxigraph; same report, tested on every shapes snippet and corpus document)"
)
SHACL_ENGINES = ("pyshacl", "turbo")


def _engine(shacl_engine: str, shacl_sparql: str) -> str:
    """The validation engine (validate.ENGINES) the two options name."""
    from .validate import SPARQL_ENGINES

    if shacl_engine not in SHACL_ENGINES:
        _error(f"unknown --shacl-engine {shacl_engine!r} (choose from {', '.join(SHACL_ENGINES)})")
        raise typer.Exit(2)
    if shacl_sparql not in SPARQL_ENGINES:
        _error(f"unknown --shacl-sparql {shacl_sparql!r} (choose from {', '.join(SPARQL_ENGINES)})")
        raise typer.Exit(2)
    if shacl_engine == "turbo":
        if shacl_sparql != "rdflib":
            _error("--shacl-sparql applies to --shacl-engine pyshacl only (pyshacl-turbo runs the SPARQL itself)")
            raise typer.Exit(2)
        return "turbo"
    return shacl_sparql


@app.command()
def build(
    sources: List[Path] = typer.Argument(None, help="Files or folders of press releases (default: seeds/)"),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder"),
    workers: int = typer.Option(0, "--workers", "-j", help="Worker processes (0: one per core)"),
    strict: bool = typer.Option(False, help="Exit 1 when the graph does not conform to the shapes"),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse unchanged documents from DIR/.cache"),
    shacl_engine: str = typer.Option("pyshacl", "--shacl-engine", help=SHACL_ENGINE_HELP),
    shacl_sparql: str = typer.Option("rdflib", "--shacl-sparql", help=SHACL_SPARQL_HELP),
) -> None:
    """Build the knowledge graph: DIR/graph.trig (a named graph per document), DIR/graph.ttl (the union),
    DIR/validation.txt and .json (the SHACL report), DIR/build.json (a summary).

    Documents are built and validated in parallel and streamed to disk; unchanged documents are taken
    from DIR/.cache (keyed by file content, data and code), so a re-run only extracts what changed."""
    from .pipeline import build_to

    engine = _engine(shacl_engine, shacl_sparql)
    sources = sources or [Path("seeds")]
    workers = workers or (os.cpu_count() or 1)
    progress = _progress() if _stderr_is_terminal() else None
    try:
        result = build_to(sources, out_dir, workers=workers, progress=progress.update if progress else None,
                          use_cache=cache, engine=engine)
    finally:
        if progress:
            progress.close()
    for d in result.rejected:
        _error(f"{d.path}: {d.error}", label="[red]rejected:[/red]")
    if not result.built:
        _error("no document could be built")
        raise typer.Exit(1)
    report = result.report
    out.print(
        f"documents: {len(result.built)}  rejected: {len(result.rejected)}  triples: {result.triples}  "
        f"conforms: {report.conforms}  reused: {result.reused}  ({result.seconds:.2f} s) -> "
        f"{escape(str(out_dir))}/graph.ttl, {escape(str(out_dir))}/graph.trig",
        soft_wrap=True,
    )
    if not report.conforms:
        err.print(f"[yellow]validation:[/yellow] {len(report.violations)} violation(s); see {out_dir}/validation.txt")
        if strict:
            raise typer.Exit(1)
    if result.rejected:
        raise typer.Exit(2)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class _progress:
    """A rich progress bar on stderr (only when stderr is a terminal and there are several documents)."""

    def __init__(self):
        from rich.progress import Progress

        self._bar = Progress(console=err, transient=True)
        self._task = None

    def update(self, done: int, total: int) -> None:
        if total < 5:
            return
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task("building", total=total)
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._task is not None:
            self._bar.stop()


@app.command()
def validate(
    graph: Path = typer.Argument(Path("out"), help="Build folder or graph file"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | turtle | json"),
    shacl_engine: str = typer.Option("pyshacl", "--shacl-engine", help=SHACL_ENGINE_HELP),
    shacl_sparql: str = typer.Option("rdflib", "--shacl-sparql", help=SHACL_SPARQL_HELP),
) -> None:
    """Validate a graph against the SHACL shapes. Exit 0 conforms, 1 does not, 2 unreadable input."""
    from .validate import validate_dataset

    if fmt not in ("text", "turtle", "json"):
        _error(f"unknown format {fmt!r} (text, turtle, json)")
        raise typer.Exit(2)
    engine = _engine(shacl_engine, shacl_sparql)
    ds = _load_dataset(graph)
    if not len(ds):
        _error(f"{graph}: no triples to validate")
        raise typer.Exit(2)
    try:
        report = validate_dataset(ds, name=graph.name, engine=engine)
    except Exception as exc:  # a validator that cannot run is no verdict: 2, never 1 ("does not conform")
        _error(f"{graph}: validation could not run ({type(exc).__name__}: {exc})")
        raise typer.Exit(2)
    if fmt == "json":
        sys.stdout.write(report.to_json() + "\n")
    elif fmt == "turtle":
        sys.stdout.write(report.to_turtle())
    else:
        sys.stdout.write(report.to_text())
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def query(
    name: str = typer.Argument(..., help="Stored query name (see `kgbuild queries`)"),
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    param: List[str] = typer.Option(None, "--param", "-p", help="KEY=VALUE, bound as an RDF term"),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
    endpoint: Optional[str] = typer.Option(None, help="Run on this SPARQL endpoint instead of locally"),
) -> None:
    """Run a stored query by name."""
    from .queries import QueryError, format_rows, get_query, load_store, run_local, run_remote

    params = {}
    for p in param or []:
        if "=" not in p:
            err.print(f"[red]error:[/red] --param {p!r}: want KEY=VALUE")
            raise typer.Exit(2)
        k, v = p.split("=", 1)
        params[k.strip()] = v
    if fmt not in ("table", "csv", "json"):
        err.print(f"[red]error:[/red] unknown format {fmt!r} (table, csv, json)")
        raise typer.Exit(2)
    try:
        q = get_query(name)
        if endpoint:
            rows = run_remote(endpoint, q, params)
        else:
            rows = run_local(load_store(graph), q, params)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    if fmt == "table":
        table = Table(title=f"{q.name}: {q.summary} ({len(rows)} rows)")
        cols = list(rows[0]) if rows else []
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*[r[c] for c in cols])
        out.print(table)
    else:
        sys.stdout.write(format_rows(rows, fmt))


@app.command("queries")
def list_queries() -> None:
    """List the stored queries with their titles and parameters."""
    from .queries import stored_queries

    table = Table(title="stored queries")
    table.add_column("name")
    table.add_column("title")
    table.add_column("parameters")
    for name, q in stored_queries().items():
        table.add_row(name, q.summary, ", ".join(f"{p.name} ({p.type})" for p in q.params))
    out.print(table)


@app.command()
def export(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle | trig | nt | nquads | jsonld"),
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here (atomically) instead of stdout"),
) -> None:
    """Export the graph in another RDF syntax (deterministic output)."""
    from .output import atomic_write, serialize

    if fmt not in ("turtle", "ttl", "trig", "nt", "ntriples", "nquads", "nq", "jsonld", "json-ld"):
        err.print(f"[red]error:[/red] unknown format {fmt!r} (turtle, trig, nt, nquads, jsonld)")
        raise typer.Exit(2)
    data = serialize(_load_dataset(graph), fmt)
    if output:
        atomic_write(output, data)
    else:
        sys.stdout.buffer.write(data)


from .cli_eval import register as _register_eval  # noqa: E402

_register_eval(app)

from .cli_server import register as _register_server  # noqa: E402

_register_server(app)

from .cli_network import network_app  # noqa: E402

app.add_typer(network_app, name="network")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

"""What the commands share: the consoles, error lines, reading a graph file, the validation options, and
how a table of commands is registered on a typer app."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, Union

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)
out = Console()

SHACL_SPARQL_HELP = (
    "Who evaluates the shapes' SPARQL targets and constraints inside pyshacl: rdflib (plain pyshacl, the "
    "reference) or oxigraph (faster; the same report)"
)
SHACL_ENGINE_HELP = (
    "Who validates: pyshacl (the reference), turbo (pyshacl-turbo) or shacl (the shacl package); the two "
    "Rust engines are faster and give the same report"
)

Command = Union[Callable[..., None], typer.Typer]


def register(app: typer.Typer, commands: Iterable[tuple[str, Command]]) -> None:
    """Add each (name, command) row to `app`: a function as a command, a typer app as a group of them."""
    for name, command in commands:
        if isinstance(command, typer.Typer):
            app.add_typer(command, name=name)
        else:
            app.command(name)(command)


def error(message: str, label: str = "[red]error:[/red]") -> None:
    """One line on stderr, however long; file names and parser messages are text, never rich markup."""
    err.print(f"{label} {escape(message)}", soft_wrap=True)


def load_dataset(graph: Path):
    """A Dataset from DIR (its graph.trig) or from a .trig/.nq/.ttl file; exits 2 when unreadable."""
    from rdflib import Dataset

    from ..output import new_dataset

    p = graph / "graph.trig" if graph.is_dir() else graph
    if not p.exists():
        error(f"{p}: no such graph (run `kgbuild build` first)")
        raise typer.Exit(2)
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(p.suffix)
    if fmt is None:
        error(f"{p}: unknown graph format (want .trig, .nq, .ttl, .nt or .jsonld)")
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
        error(f"{p}: cannot parse as {fmt} ({type(exc).__name__}: {str(exc)[:200]})")
        raise typer.Exit(2)
    finally:
        term_log.setLevel(level)
    return ds


def validation_engine(shacl_engine: str, shacl_sparql: str) -> str:
    """The validation engine (validate.ENGINES) the two options name; exits 2 for a wrong pair."""
    from ..validate import engine_for

    try:
        return engine_for(shacl_engine, shacl_sparql)
    except ValueError as exc:
        error(str(exc))
        raise typer.Exit(2)

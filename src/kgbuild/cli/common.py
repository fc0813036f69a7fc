"""What the commands share: the consoles, error lines, reading a graph file, the validation options, and
how a table of commands is registered on a typer app."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Union

import typer
from rich.console import Console
from rich.markup import escape

# Into a pipe or a file, rich would wrap at 80 columns and drop table columns that do not fit: there,
# lines are as long as their content needs (a table's natural width) and nothing is wrapped or dropped.
PIPE_WIDTH = 100_000


def console_for(stream, stderr: bool = False) -> Console:
    return Console(stderr=stderr, width=None if stream.isatty() else PIPE_WIDTH)


err = console_for(sys.stderr, stderr=True)
out = console_for(sys.stdout)

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


def is_text(value: str) -> bool:
    """False for a command-line value holding bytes the locale could not decode (Python keeps them as
    lone surrogates), which no RDF term or file can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def output_file(path: Path) -> Path:
    """--out as a file that can be written: exits 2 with one line when it names a folder, lies under a
    file, or is in a folder this user cannot write to."""
    if path.is_dir():
        error(f"{path}: is a folder; --out wants a file name")
        raise typer.Exit(2)
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent  # the folders still to be made
    if not parent.is_dir():
        error(f"{path}: cannot write there ({parent} is a file)")
        raise typer.Exit(2)
    if not os.access(parent, os.W_OK | os.X_OK):
        error(f"{path}: cannot write there (no permission in {parent})")
        raise typer.Exit(2)
    return path


def write_failed(path: Path, exc: OSError) -> None:
    """One line for an output that could not be written after all (a full disk, a read-only place)."""
    error(f"{path}: cannot write there ({exc.strerror or exc})")
    raise typer.Exit(2)

"""`kgbuild validate`: a graph against the SHACL shapes, exiting as pyshacl's command does."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import SHACL_ENGINE_HELP, SHACL_SPARQL_HELP, error, load_dataset, validation_engine


def validate(
    graph: Path = typer.Argument(Path("out"), help="Build folder or graph file"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | turtle | json"),
    shacl_engine: str = typer.Option("pyshacl", "--shacl-engine", help=SHACL_ENGINE_HELP),
    shacl_sparql: str = typer.Option("rdflib", "--shacl-sparql", help=SHACL_SPARQL_HELP),
) -> None:
    """Validate a graph against the SHACL shapes. Exit 0 conforms, 1 does not, 2 unreadable input."""
    from ..validate import UnionOfDocuments, validate_dataset

    if fmt not in ("text", "turtle", "json"):
        error(f"unknown format {fmt!r} (text, turtle, json)")
        raise typer.Exit(2)
    engine = validation_engine(shacl_engine, shacl_sparql)
    ds = load_dataset(graph)
    if not len(ds):
        error(f"{graph}: no triples to validate")
        raise typer.Exit(2)
    try:
        report = validate_dataset(ds, name=graph.name, engine=engine)
    except UnionOfDocuments as exc:
        error(str(exc))
        raise typer.Exit(2)
    except Exception as exc:  # a validator that cannot run is no verdict: 2, never 1 ("does not conform")
        error(f"{graph}: validation could not run ({type(exc).__name__}: {exc})")
        raise typer.Exit(2)
    if fmt == "json":
        sys.stdout.write(report.to_json() + "\n")
    elif fmt == "turtle":
        sys.stdout.write(report.to_turtle())
    else:
        sys.stdout.write(report.to_text())
    raise typer.Exit(0 if report.conforms else 1)

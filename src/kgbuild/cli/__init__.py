"""The `kgbuild` command: one module per command, each registered here from one table (COMMANDS)."""
from __future__ import annotations

from typing import Optional

import typer

from . import build, eval, export, network, query, report, serve, validate
from .common import register

# (name, command): `kgbuild --help` lists them in this order; a typer app is a group of commands
COMMANDS = (
    ("build", build.build),
    ("validate", validate.validate),
    ("query", query.query),
    ("queries", query.list_queries),
    ("export", export.export),
    ("eval", eval.eval_command),
    ("serve", serve.serve),
    ("publish", serve.publish),
    ("network", network.app),
    ("report", report.report),
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn press releases (kk, ru, en) into a validated RDF knowledge graph, then query, export, "
         "evaluate or serve it and draw networks from it.",
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version

        typer.echo(f"kgbuild {version('kgbuild')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Optional[bool] = typer.Option(None, "--version", callback=_print_version, is_eager=True,
                                           help="Print kgbuild's version and exit"),
) -> None:
    pass


register(app, COMMANDS)


def main() -> None:
    app()

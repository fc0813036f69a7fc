"""`kgbuild eval GOLD_DIR DOCS...`: score the graph against gold annotations (kgbuild.evaluate)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..evaluate import Evaluation, evaluate
from ..evaluate.facts import GROUPS, LANGUAGES, ROWS, EvalError
from ..evaluate.score import Score
from .common import console_for, err


def _cell(s: Score) -> str:
    if not (s.tp or s.fp or s.fn):
        return "–"
    show = lambda x: "–" if x is None else f"{x:.2f}"  # noqa: E731
    return f"{show(s.precision)} {show(s.recall)} {show(s.f1)}"


def score_table(evaluation: Evaluation) -> Table:
    """Rows: families (each group's micro-average first, its members indented); columns: languages."""
    counts = evaluation.document_counts()
    table = Table(title="kgbuild eval: precision recall F1", show_lines=False)
    table.add_column("family")
    for lang in (*LANGUAGES, "all"):
        table.add_column(f"{lang} ({counts[lang]} docs)\nP    R    F1", justify="right", no_wrap=True)
    table.add_column("gold\n(all)", justify="right")
    by_row = evaluation.table()
    for row in ROWS:
        group = row in GROUPS
        cells = [_cell(by_row[row][lang]) for lang in (*LANGUAGES, "all")]
        gold = by_row[row]["all"].tp + by_row[row]["all"].fn
        name = f"[bold]{row}[/bold]" if group else f"  {row}"
        if group:
            cells = [f"[bold]{c}[/bold]" for c in cells]
        table.add_row(name, *cells, str(gold), end_section=(row == GROUPS["entities"][-1]))
    return table


def print_findings(console: Console, evaluation: Evaluation) -> None:
    """Per document: the misses (in gold, not found) and false positives (found, not in gold)."""
    for d in evaluation.documents:
        if not (d.misses or d.false_positives or d.error):
            continue
        console.print(f"\n[bold]{d.document}[/bold] ({d.language})")
        if d.error:
            console.print(f"  [red]not built:[/red] {escape(d.error)}")
        for f in d.misses:
            console.print(f"  [yellow]miss[/yellow]  {f.family}: {escape(f.item)}", highlight=False)
        for f in d.false_positives:
            console.print(f"  [magenta]false[/magenta] {f.family}: {escape(f.item)}", highlight=False)


def eval_command(
    gold_dir: Path = typer.Argument(..., metavar="GOLD_DIR",
                                    help="Folder of gold annotations (*.yaml, see GUIDELINES.md)"),
    docs: List[Path] = typer.Argument(..., metavar="DOCS",
                                      help="Folders (or files) holding the documents the gold names"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    workers: int = typer.Option(0, "--workers", "-j", help="Worker processes (0: one per core)"),
) -> None:
    """Build the documents that have a gold file and print precision, recall and F1 per language and
    family, then the misses and false positives of each document."""
    if fmt not in ("text", "json"):
        err.print(f"[red]error:[/red] unknown format {fmt!r} (text, json)")
        raise typer.Exit(2)
    try:
        evaluation = evaluate(gold_dir, docs, workers=workers or (os.cpu_count() or 1))
    except EvalError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    for name in evaluation.unlocated:
        err.print(f"[yellow]warning:[/yellow] {name}: has a gold file but is in none of the DOCS folders; "
                  "not scored")
    for d in evaluation.documents:
        if d.error:
            err.print(f"[red]not built:[/red] {d.document}: {d.error} (its gold counts as missed)")
    if not evaluation.documents:
        err.print("[red]error:[/red] no gold document was found in the DOCS folders")
        raise typer.Exit(2)
    if fmt == "json":
        sys.stdout.write(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    out = console_for(sys.stdout)
    out.print(score_table(evaluation))
    print_findings(out, evaluation)

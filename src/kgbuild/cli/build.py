"""`kgbuild build`: press releases -> DIR/graph.trig, graph.ttl, the SHACL report and build.json
(pipeline.build_to), with a progress bar on a terminal."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List

import typer
from rich.markup import escape

from .common import SHACL_ENGINE_HELP, SHACL_SPARQL_HELP, err, error, out, validation_engine


def build(
    sources: List[Path] = typer.Argument(None, help="Files or folders of press releases (default: seeds/)"),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder"),
    workers: int = typer.Option(0, "--workers", "-j", min=0,
                                help="Worker processes (0: one per core; never more than the cores)"),
    strict: bool = typer.Option(False, help="Exit 1 when the graph does not conform to the shapes"),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse unchanged documents from DIR/.cache"),
    shacl_engine: str = typer.Option(None, "--shacl-engine", show_default=False,
                                     help=SHACL_ENGINE_HELP + " (default: shacl; pyshacl with --shacl-sparql "
                                          "oxigraph)"),
    shacl_sparql: str = typer.Option("rdflib", "--shacl-sparql", help=SHACL_SPARQL_HELP),
    executor: str = typer.Option("process", "--executor",
                                 help="Who builds the documents: process (worker processes on this machine) or "
                                      "dask://HOST:PORT (the workers of a Dask cluster, which must see the files "
                                      "at the same paths; needs Dask, the dask extra of kgbuild)"),
    time_limit: float = typer.Option(60.0, "--time-limit", min=0,
                                     help="Seconds one document may take, from reading to validation; a document "
                                          "that takes longer is rejected with the reason and the rest are built "
                                          "(0: no limit)"),
) -> None:
    """Build the knowledge graph: DIR/graph.trig (a named graph per document), DIR/graph.ttl (the union),
    DIR/validation.txt and .json (the SHACL report), DIR/build.json (a summary).

    Documents are built and validated in parallel and streamed to disk; unchanged documents are taken
    from DIR/.cache (keyed by file content, data and code), so a re-run only extracts what changed."""
    from ..executors import ExecutorError, parse_executor
    from ..pipeline import BuildLocked, build_to

    if shacl_engine is None:  # the fast engine, unless the option for pyshacl's SPARQL asks for pyshacl
        shacl_engine = "pyshacl" if shacl_sparql != "rdflib" else "shacl"
    engine = validation_engine(shacl_engine, shacl_sparql)
    try:
        parse_executor(executor)
    except ExecutorError as exc:
        error(str(exc))
        raise typer.Exit(2)
    sources = sources or [Path("seeds")]
    cores = os.cpu_count() or 1
    workers = min(workers or cores, cores)  # more processes than cores only add start-up and memory
    progress = _progress() if _stderr_is_terminal() else None
    try:
        result = build_to(sources, out_dir, workers=workers, progress=progress.update if progress else None,
                          use_cache=cache, engine=engine, executor=executor, limit=time_limit or None)
    except (BuildLocked, ExecutorError) as exc:
        error(str(exc))
        raise typer.Exit(2)
    except (FileExistsError, NotADirectoryError, PermissionError) as exc:  # --out names a file, or no write access
        error(f"{out_dir}: cannot write the build there ({exc.strerror or exc})")
        raise typer.Exit(2)
    finally:
        if progress:
            progress.close()
    for d in result.rejected:
        error(f"{d.path}: {d.error}", label="[red]rejected:[/red]")
    if not result.built:
        error("no document could be built")
        raise typer.Exit(1)
    report = result.report
    out.print(
        f"documents: {len(result.built)}  rejected: {len(result.rejected)}  triples: {result.triples}  "
        f"conforms: {report.conforms}  reused: {result.reused}  ({result.seconds:.2f} s) -> "
        f"{escape(str(out_dir))}/graph.ttl, {escape(str(out_dir))}/graph.trig",
        soft_wrap=True,
    )
    if not report.conforms:
        err.print(f"[yellow]validation:[/yellow] {report.tally()}; see {out_dir}/validation.txt")
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

"""The build: press releases -> one named graph per document -> graph.trig, graph.ttl and the reports.

Each document is read, extracted, mapped, serialised and validated on its own, in a worker process
(`process_document`): the worker returns small text pieces (the document's TriG block, its Turtle body,
its SHACL violations, its triple count, stage timings), never a graph. The main process takes them in
graph-IRI order (one file a named graph: a second file of one name is rejected) and either writes them into temp
files that are fsynced and renamed at the end (`build_to`, `kgbuild build`), so no Python object ever
holds the whole graph and the bytes do not depend on the worker count, or keeps them (`build_documents`,
for `kgbuild eval` and tests).

- graph.trig: the PREFIX lines, then one block per named graph sorted by graph IRI, each the document
  graph's Turtle body (output.turtle_body), exactly as `output.serialize(ds, "trig")` writes it.
- graph.ttl: the PREFIX lines, then each document's Turtle body in the same order. A triple that several
  documents assert (an entity's labels) appears once per document; the file parses to the union graph.
- validation.txt and .json: pyshacl per named graph, which is what `validate.validate_dataset` does on
  the whole dataset; the report is the same. build.json: the documents built and rejected.

With a cache (DIR/.cache, cache.py) a re-run extracts only new or changed documents; removed documents
are not written and their cache entries are pruned.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .cache import Cache
from .sources import collect, graph_order
from .document import DocumentError, read_document
from .gazetteer import load_gazetteer
from .graph import DocGraph, TripleSet
from .mappers import mappers
from .timelimit import TimeLimitExceeded, time_limit
from .output import (AtomicFile, atomic_write, commit_while, new_dataset, prefix_block, remove_stale_temps, trig_block,
                     trig_block_of_lines, turtle_lines)
from .executors import PROCESS, ExecutorError, executor_for
from .extract import extract
from .validate import Report, Violation, shapes_graph, validate_graph
from .consolidate.step import Layer, LayerBuilder, build_layer
from .consolidate.summary import summarise_terms
from .mappers.vocabulary import vocabulary_triples
from .vocab import CONSOLIDATED_GRAPH, VOCABULARY_GRAPH

STAGES = ("read", "extract", "map", "assemble", "validate", "write", "consolidate")
OUTPUTS = ("graph.trig", "graph.ttl", "consolidated.ttl", "validation.txt", "validation.json", "build.json")


@dataclass
class DocOutput:
    """What one document contributes to the build outputs (plain text and numbers: cheap to pickle)."""

    path: str
    name: str
    graph: str = ""  # the named graph's IRI
    error: str | None = None
    triples: int = 0
    trig: str | bytes = ""  # the block `<iri> { ... }` (with its leading newline), as in graph.trig
    ttl: str | bytes = ""  # the Turtle body without PREFIX lines; both UTF-8 bytes when read from the cache
    conforms: bool = True
    violations: list[dict] = field(default_factory=list)
    times: dict[str, float] = field(default_factory=dict)
    cached: bool = False
    summary: str = ""  # what the consolidated layer takes from it (consolidate.summary.Summary.pack)

    @property
    def nquads(self) -> str:
        """The named graph as N-Quads (its TriG block read back), for a reader without TriG or prefixes."""
        if not self.trig:
            return ""
        quads = ox.parse(prefix_block() + self.trig, format=ox.RdfFormat.TRIG)
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


@dataclass
class BuildResult:
    documents: list[DocOutput] = field(default_factory=list)  # every source file, built or rejected
    graphs: list[DocOutput] = field(default_factory=list)  # kept by build_documents: one per named graph
    report: Report | None = field(default_factory=lambda: Report(conforms=True))  # None: not validated
    times: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))  # summed, per stage
    reused: int = 0
    workers: int = 1
    seconds: float = 0.0
    consolidation: dict = field(default_factory=dict)  # the consolidated layer's counts (build.json) and times

    @property
    def built(self) -> list[DocOutput]:
        return [d for d in self.documents if d.error is None]

    @property
    def rejected(self) -> list[DocOutput]:
        return [d for d in self.documents if d.error is not None]

    @property
    def triples(self) -> int:
        return sum(d.triples for d in self.built)

    @property
    def trig(self) -> str:
        """The kept graphs as graph.trig would hold them."""
        return prefix_block() + "".join(g.trig for g in self.graphs)

    @property
    def dataset(self) -> Dataset:
        """The kept graphs as an rdflib Dataset, one named graph each."""
        ds = new_dataset()
        ds.parse(data=self.trig, format="trig")
        return ds


# ------------------------------------------------------------- per document --


def document_triples(path: str | Path, times: dict[str, float] | None = None) -> TripleSet:
    """Read, extract and map one document: the triples of its named graph (DocumentError for a bad
    file). The seconds each stage took go into `times`."""
    times = {} if times is None else times  # filled stage by stage: a time limit says where it stopped
    t0 = time.perf_counter()
    doc = read_document(path)
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    times["read"] = t1 - t0
    facts = extract(doc, gaz)
    t2 = time.perf_counter()
    times["extract"] = t2 - t1
    dg = DocGraph(doc, gaz)
    for _name, mapper in mappers():
        mapper(dg, facts)
    times["map"] = time.perf_counter() - t2
    return dg.g


def document_graph(path: str | Path) -> Graph:
    """The named graph of one document as an rdflib Graph (DocumentError for a bad file)."""
    return document_triples(path).graph()


def process_document(path: str, engine: str | None = None, limit: float | None = None) -> DocOutput:
    """Read, extract, map, serialise and validate one document (in a worker process); `engine` is who
    validates (validate.ENGINES), None for no one. A document that takes longer than `limit` seconds is
    rejected with the reason (timelimit.py)."""
    out = DocOutput(path, Path(path).name)
    started = time.perf_counter()
    try:
        with time_limit(limit) as deadline:
            _process(out, engine, deadline)
    except DocumentError as exc:
        out.error = exc.reason
    except TimeLimitExceeded as exc:
        stage = exc.after or next((s for s in STAGES[:STAGES.index("write")] if s not in out.times), "validate")
        where = f"after its {stage}" if exc.after else f"in its {stage}"
        out = DocOutput(path, out.name, error=f"took longer than the time limit of {limit:g} s per document "
                                              f"(stopped at {time.perf_counter() - started:.1f} s, {where} "
                                              f"stage); split it, or raise the limit with --time-limit")
    except Exception as exc:  # a defect of kgbuild's on this text: this document fails, the others are built
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        out = DocOutput(path, out.name, error=f"kgbuild failed on this document ({type(exc).__name__}: {exc}, in "
                                              f"{Path(frame.filename).name}:{frame.lineno}); the other documents "
                                              f"are built; please report it with the file")
    return out


def _process(out: DocOutput, engine: str | None, deadline) -> None:
    g = document_triples(out.path, out.times)
    deadline.check("map")
    t3 = time.perf_counter()
    out.graph, out.triples = g.identifier, len(g)
    if out.triples:
        lines = turtle_lines(g)  # the Turtle body (output.turtle_body), written from the plain terms
        out.ttl = "\n".join(lines)
        out.trig = trig_block_of_lines(out.graph, lines)
        out.summary = summarise_terms(out.graph, g).pack()
    t4 = time.perf_counter()
    out.times["assemble"] = t4 - t3
    deadline.check("assemble")
    if out.triples and engine is not None:
        # the Turtle just written, for an engine that parses it itself (a document graph has no blank nodes)
        _validate(out, g, engine, prefix_block() + out.ttl)
    t5 = time.perf_counter()
    out.times["validate"] = t5 - t4
    deadline.check("validate")


def _validate(out: DocOutput, g: Graph | TripleSet, engine: str, turtle: str | None = None) -> None:
    report = validate_graph(g, inplace=True, engine=engine, turtle=turtle)
    out.conforms = report.conforms
    for v in report.violations:
        v.document = v.document or out.graph
    out.violations = [v.__dict__.copy() for v in report.violations]


def _warm() -> None:
    """Load what every document needs once, before the worker processes fork."""
    load_gazetteer()
    shapes_graph()
    from .extract.lexicon import lexicon

    for lang in ("kk", "ru", "en"):
        lexicon(lang)
        load_gazetteer().matcher(lang)


# ---------------------------------------------------------------- documents --


def collect_sources(sources: Iterable[str | Path]) -> tuple[list[Path], list[DocOutput]]:
    """The documents to build (sources.collect) and the paths rejected, each as a rejected document."""
    files, rejected = collect(sources)
    return files, [DocOutput(path, name, error=reason) for path, name, reason in rejected]


TEXTS = ("trig", "ttl", "summary")  # what a cache entry keeps as text (the rest as JSON fields)


def _from_cache(path: str, fields: dict, texts: dict[str, bytes]) -> DocOutput:
    """A cached document's outputs: its TriG block and Turtle body as the entry's bytes, written as they are."""
    return DocOutput(path, **fields, trig=texts["trig"], ttl=texts["ttl"], summary=texts["summary"].decode("ascii"),
                     cached=True)


def _to_cache(cache: Cache, key: str, out: DocOutput) -> None:
    fields = {k: v for k, v in out.__dict__.items() if k not in ("path", "times", "cached", *TEXTS)}
    cache.put(key, fields, {name: getattr(out, name) for name in TEXTS})


def _outputs(paths: list[str], workers: int, cache: Cache | None, engine: str | None, executor: str = PROCESS,
             limit: float | None = None) -> Iterator[DocOutput]:
    """Every document's outputs, in the order of `paths`; cached ones from the cache, the others
    computed by the executor named (executors.py: `workers` processes, in this process when 1, or a
    cluster), each within `limit` seconds."""
    keys = [Cache.key(p) if cache else None for p in paths]
    # which documents the cache holds; each entry is read only when its turn comes, so that a build of
    # many unchanged documents never holds all their outputs at once
    stored = cache.stored() if cache else set()
    cached = {i for i, k in enumerate(keys) if k in stored}
    todo = [p for i, p in enumerate(paths) if i not in cached]
    work = partial(process_document, engine=engine, limit=limit)
    with executor_for(executor, workers) as pool:
        if len(todo) > 1 and (pool is None or isinstance(pool, ProcessPoolExecutor)):
            # before the worker processes fork; a cluster's workers load what they need themselves, and a
            # single document (a re-run of one changed file) only what its language needs
            _warm()
        # a single changed document goes to a worker process as well: this one meanwhile reads the cached
        # documents and the consolidation state (a cluster's round trip is not worth it for one)
        if pool is not None and (len(todo) > 1 or (todo and isinstance(pool, ProcessPoolExecutor))):
            chunk = max(1, min(16, len(todo) // (workers * 8)))
            fresh = pool.map(work, todo, chunksize=chunk)
        else:
            fresh = map(work, todo)
        try:
            for i, p in enumerate(paths):
                if i in cached:
                    entry = cache.get(keys[i])
                    if entry is not None:
                        yield _from_cache(p, *entry)
                        continue
                    out = work(p)  # an entry that cannot be read after all: built here, and stored again
                else:
                    out = next(fresh)
                if cache and keys[i] is not None and out.error is None:
                    _to_cache(cache, keys[i], out)
                yield out
        finally:
            getattr(fresh, "close", lambda: None)()  # an executor's result iterator, before its executor goes


def _named_graphs(sources: Iterable[str | Path], result: BuildResult, cache: Cache | None, engine: str | None,
                  progress: Callable[[int, int], None] | None = None, executor: str = PROCESS,
                  limit: float | None = None) -> Iterator[DocOutput]:
    """The named graphs of the sources' documents in graph-IRI order, each as one output; every document
    goes into result.documents and its timings into result.times, and every graph's verdict into result.report once the caller has taken it."""
    files, missing = collect_sources(sources)
    result.documents.extend(missing)
    paths = graph_order(files)
    for n, out in enumerate(_outputs(paths, result.workers, cache, engine, executor, limit), 1):
        result.documents.append(out)
        result.reused += out.cached
        for k, v in out.times.items():
            result.times[k] += v
        if out.error is None and out.triples:
            yield _account(result, out)  # one file a graph: collect_sources rejects a second of one name
        if progress:
            progress(n, len(paths))
    if result.report is not None:
        result.report.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))


def _account(result: BuildResult, graph: DocOutput) -> DocOutput:
    if result.report is not None:
        result.report.graphs += 1
        result.report.conforms = result.report.conforms and graph.conforms
        result.report.violations.extend(Violation(**v) for v in graph.violations)
    return graph


# -------------------------------------------------------------------- build --


def build_documents(sources: Iterable[str | Path], workers: int = 1, engine: str | None = None,
                    consolidate: bool = True, executor: str = PROCESS, limit: float | None = None) -> BuildResult:
    """Build in memory: every document through the same chain as `build_to`, nothing written; the
    result keeps each named graph (result.graphs, result.trig, result.dataset), and the consolidated layer
    as the last one unless `consolidate` is False. `engine` validates each graph (validate.ENGINES); None
    leaves them unvalidated (result.report is None)."""
    started = time.perf_counter()
    result = BuildResult(workers=workers, report=Report(conforms=True) if engine is not None else None)
    result.graphs = list(_named_graphs(sources, result, None, engine, None, executor, limit))
    if consolidate and result.built:
        result.graphs += [_consolidated(result, engine)[0], vocabulary_output()]
    result.seconds = time.perf_counter() - started
    return result


def build_to(
    sources: Iterable[str | Path],
    out_dir: Path,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    engine: str = "rdflib",
    executor: str = PROCESS,
    limit: float | None = None,
) -> BuildResult:
    """Build every document of `sources` into out_dir: graph.trig and graph.ttl (streamed, atomic), the
    SHACL report (validation.txt, validation.json) and build.json. When no document can be built, nothing
    is written and a folder made for the build is removed again. `executor` runs the documents
    (executors.py), each within `limit` seconds or rejected."""
    started = time.perf_counter()
    existed = out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        try:
            return _build_into(sources, out_dir, existed, started, workers, progress, cache_dir, use_cache, engine,
                               executor, limit)
        except ExecutorError:  # no cluster to build on: leave no empty folder behind
            if not existed:
                shutil.rmtree(out_dir, ignore_errors=True)
            raise


class BuildLocked(RuntimeError):
    """Another build is writing into the same folder."""


@contextmanager
def _locked(out_dir: Path):
    """An exclusive lock on the output folder itself (flock on the folder's descriptor: no file is made),
    so a second build into it cannot remove the first one's live temporary files."""
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"{out_dir}: another build is writing into this folder; wait for it to finish") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _build_into(sources, out_dir: Path, existed: bool, started: float, workers: int, progress, cache_dir,
                use_cache: bool, engine: str, executor: str = PROCESS, limit: float | None = None) -> BuildResult:
    remove_stale_temps(out_dir, OUTPUTS)  # left by a build that was killed while writing
    result = BuildResult(workers=workers)
    cache = Cache(cache_dir or out_dir / ".cache", engine) if use_cache else None
    trig = AtomicFile(out_dir / "graph.trig")
    ttl = AtomicFile(out_dir / "graph.ttl")
    alone: AtomicFile | None = None
    write = 0.0
    try:
        # the consolidation step takes each summary as its document comes (consolidate.step.LayerBuilder)
        layer_builder = LayerBuilder(engine, cache.folder / "consolidation.pickle" if cache else None,
                                     cache.fingerprint if cache else "")
        prefixes = prefix_block()
        trig.write(prefixes)
        ttl.write(prefixes)
        for graph in _named_graphs(sources, result, cache, engine, progress, executor, limit):
            t = time.perf_counter()
            trig.write(graph.trig)  # text, or a cached entry's bytes
            ttl.write(b"\n")
            ttl.write(graph.ttl)
            ttl.write(b"\n")
            graph.trig = graph.ttl = ""  # written: keep only the summary (name, triples, error) in memory
            graph.violations = []
            write += time.perf_counter() - t
            if graph.summary:
                layer_builder.add(graph.summary)
        if result.built:  # the consolidated layer from every document's summary: the last graph
            _out, layer = _consolidated(result, engine, layer_builder, text=False, defer_save=True)
            t = time.perf_counter()
            alone = AtomicFile(out_dir / "consolidated.ttl")  # the layer alone, committed after the files it is part of
            alone.write(prefix_block())
            layer.write(trig, CONSOLIDATED_GRAPH)  # some blocks at a time
            layer.write((ttl, alone))  # the same bytes into both
            vocabulary = vocabulary_output()
            trig.write(vocabulary.trig)
            ttl.write("\n" + vocabulary.ttl + "\n")
            write += time.perf_counter() - t
        if not result.built:  # keep the previous output rather than replace it with an empty graph
            trig.abort()
            ttl.abort()
            if not existed:
                shutil.rmtree(out_dir, ignore_errors=True)  # nothing to show: leave no folder behind either
            return result
        saved = layer.seconds
        write += commit_while(layer.save_state, trig, ttl, alone)  # the state for the next build meanwhile
        result.times["consolidate"] += layer.seconds - saved
        result.consolidation["times"] = layer.times()
    except BaseException:
        trig.abort()
        ttl.abort()
        if alone is not None:
            alone.abort()
        raise
    if cache:
        cache.prune()
    result.times["write"] += write
    _write_reports(result, out_dir)
    result.seconds = time.perf_counter() - started
    _write_stats(result, out_dir / ".cache" / "last-build.json")
    return result


def _write_reports(result: BuildResult, out_dir: Path) -> None:
    report = result.report
    atomic_write(out_dir / "validation.txt", report.to_text().encode("utf-8"))
    atomic_write(out_dir / "validation.json", report.to_json().encode("utf-8"))
    summary = {
        "documents": len(result.built),
        "rejected": [{"file": d.path, "reason": d.error} for d in result.rejected],
        "triples": result.triples,
        "conforms": report.conforms,
        "violations": report.errors,
        "warnings": len(report.violations) - report.errors,
        "consolidation": result.consolidation.get("counts", {}),
    }
    atomic_write(out_dir / "build.json", (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _write_stats(result: BuildResult, path: Path) -> None:
    """Where the time went: milliseconds per document and stage (write: per document written)."""
    built = len(result.built)
    fresh = max(1, built - result.reused)
    stats = {
        "documents": built, "reused": result.reused, "extracted": built - result.reused, "workers": result.workers,
        "seconds": round(result.seconds, 3),
        "ms_per_doc": {k: round(1000 * result.times.get(k, 0.0) / (built if k in ("write", "consolidate") else fresh), 3)
                       for k in STAGES},
        "consolidation": result.consolidation.get("times", {}),
    }
    atomic_write(path, (json.dumps(stats, indent=1) + "\n").encode("utf-8"))


def vocabulary_output() -> DocOutput:
    """The vocabulary graph (mappers/vocabulary.py) as one more graph output, after the layer."""
    g = vocabulary_triples()
    lines = turtle_lines(g)
    return DocOutput("", "", graph=VOCABULARY_GRAPH, triples=len(g), ttl="\n".join(lines),
                     trig=trig_block_of_lines(VOCABULARY_GRAPH, lines))


def _consolidated(result: BuildResult, engine: str | None, builder: LayerBuilder | None = None,
                  text: bool = True, defer_save: bool = False) -> tuple[DocOutput, Layer]:
    """The consolidated layer over the built documents' summaries (in graph order), as one more graph
    output (the last one; with its text only if `text`) and as the Layer; its time and counts go into
    result.consolidation, its verdict into the report. `builder` has been given the summaries already;
    with `defer_save` it leaves its state for the next build to Layer.save_state."""
    layer = builder.finish(defer_save) if builder is not None else build_layer([d.summary for d in result.built if d.summary], engine)
    result.times["consolidate"] += layer.seconds
    result.times["validate"] += layer.validate_seconds
    result.consolidation = {"counts": layer.counts(), "times": layer.times()}
    out = DocOutput("", "", graph=CONSOLIDATED_GRAPH, triples=layer.triples)
    if text and layer.parts:
        out.ttl = layer.body
        out.trig = trig_block(CONSOLIDATED_GRAPH, out.ttl)
    if layer.report is not None and result.report is not None:
        out.conforms = layer.report.conforms
        out.violations = [v.__dict__.copy() for v in layer.report.violations]
        _account(result, out)
        result.report.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    return out, layer

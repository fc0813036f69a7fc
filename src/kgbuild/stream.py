"""The streaming build: documents -> per-document outputs (in worker processes) -> files on disk.

Each document is read, extracted, mapped, serialised and validated on its own, in a worker process
(`process_document`): the worker returns small text pieces (the document's canonical TriG block, its
Turtle body, its SHACL violations, its triple count, stage timings), never a graph. The main process
only writes those pieces, in graph-IRI order, into temp files that are fsynced and renamed at the end,
so no Python object ever holds the whole graph and the output bytes do not depend on the worker count.

- graph.trig: the PREFIX lines, then one block per named graph sorted by graph IRI, each the document
  graph's Turtle body (`build.turtle_body`: sorted triples written by Oxigraph; rdflib's canonical
  longturtle when it has blank nodes), exactly as `build.serialize(ds, "trig")` writes it.
- graph.ttl: the PREFIX lines, then each document's Turtle body in the same order. A triple that several
  documents assert (an entity's labels) appears once per document; the file parses to the union graph.
- validation: pyshacl per named graph (the shapes graph parsed once per process), which is what
  `validate.validate_dataset` does on the whole dataset; the report is the same.

Incremental: with a cache folder (DIR/.cache by default), each document's outputs are stored under a key
made of its file name and the SHA-256 of its bytes; the cache is emptied when the data (gazetteers,
patterns), the shapes or kgbuild's code change. A re-run extracts only new or changed documents; removed
documents are not written and their cache entries are pruned.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from .build import DocResult, collect_sources, ordinary_mode, turtle_body
from .document import DocumentError, read_document
from .datafiles import data_fingerprint
from .gazetteer import load_gazetteer
from .graph import DocGraph, PREFIXES, iri
from .mappers import mappers
from .extract import extract
from .validate import Report, Violation, shapes_graph, shapes_path, validate_graph

STAGES = ("read", "extract", "map", "assemble", "validate", "write")
CACHE_VERSION = "1"


@dataclass
class DocOutput:
    """What one document contributes to the build outputs (plain text and numbers: cheap to pickle)."""

    path: str
    name: str
    graph: str = ""  # the named graph's IRI
    error: str | None = None
    triples: int = 0
    trig: str = ""  # the block `<iri> { ... }` (with its leading newline), as in graph.trig
    ttl: str = ""  # the Turtle body without PREFIX lines
    conforms: bool = True
    violations: list[dict] = field(default_factory=list)
    times: dict[str, float] = field(default_factory=dict)
    cached: bool = False


@dataclass
class StreamResult:
    documents: list[DocOutput] = field(default_factory=list)
    report: Report = field(default_factory=lambda: Report(conforms=True))
    times: dict[str, float] = field(default_factory=dict)  # seconds summed over documents, per stage
    reused: int = 0
    workers: int = 1

    @property
    def built(self) -> list[DocOutput]:
        return [d for d in self.documents if d.error is None]

    @property
    def rejected(self) -> list[DocOutput]:
        return [d for d in self.documents if d.error is not None]

    @property
    def triples(self) -> int:
        return sum(d.triples for d in self.built)


# ------------------------------------------------------------- per document --


def prefix_block() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


def trig_block(identifier: str, body: str) -> str:
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.splitlines())
    return f"\n<{identifier}> {{\n{indented}\n}}\n"


def process_document(path: str, engine: str = "rdflib") -> DocOutput:
    """Read, extract, map, serialise and validate one document (in a worker process); `engine` is who
    validates (validate.ENGINES)."""
    name = Path(path).name
    times = {}
    t0 = time.perf_counter()
    try:
        doc = read_document(path)
    except DocumentError as exc:
        return DocOutput(path, name, error=exc.reason)
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    ex = extract(doc, gaz)
    t2 = time.perf_counter()
    dg = DocGraph(doc, gaz)
    for _name, mapper in mappers():
        mapper(dg, ex)
    g = dg.g
    t3 = time.perf_counter()
    out = DocOutput(path, name, graph=str(g.identifier), triples=len(g))  # len() counts: once
    if out.triples:
        out.ttl = turtle_body(g)
        out.trig = trig_block(str(g.identifier), out.ttl)
    t4 = time.perf_counter()
    if out.triples:
        # the Turtle just written, for an engine that parses it itself; not with blank nodes, whose labels
        # in that text would not be the graph's own
        turtle = None if g.has_blank_nodes() else prefix_block() + out.ttl
        report = validate_graph(g, inplace=True, engine=engine, turtle=turtle)
        out.conforms = report.conforms
        for v in report.violations:
            v.document = v.document or str(g.identifier)
        out.violations = [v.__dict__.copy() for v in report.violations]
    t5 = time.perf_counter()
    out.times = {"read": t1 - t0, "extract": t2 - t1, "map": t3 - t2, "assemble": t4 - t3, "validate": t5 - t4}
    return out


def _warm() -> None:
    """Load what every document needs once, before the worker processes fork."""
    load_gazetteer()
    shapes_graph()
    from .extract.lexicon import lexicon

    for lang in ("kk", "ru", "en"):
        lexicon(lang)
        load_gazetteer().matcher(lang)


# -------------------------------------------------------------------- cache --


def code_fingerprint(engine: str = "rdflib") -> str:
    """kgbuild's code, data and shapes, the validation engine and the versions of the validators and of
    rdflib/pyoxigraph: any change invalidates every cached document."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(CACHE_VERSION.encode() + b"\0" + engine.encode())
    for package in ("pyshacl", "pyshacl-turbo", "rdflib", "pyoxigraph"):
        try:
            h.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package} absent".encode())
    h.update(data_fingerprint().encode())
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        h.update(p.relative_to(pkg).as_posix().encode())
        h.update(p.read_bytes())
    for p in sorted(shapes_path().glob("*.ttl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class Cache:
    """DIR/.cache: one JSON file per (file name, content hash); a manifest with the code fingerprint."""

    def __init__(self, folder: Path, engine: str = "rdflib"):
        self.folder = folder
        self.docs = folder / "docs"
        self.fingerprint = code_fingerprint(engine)
        manifest = folder / "manifest.json"
        try:
            ok = json.loads(manifest.read_text())["fingerprint"] == self.fingerprint
        except (OSError, ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            shutil.rmtree(self.docs, ignore_errors=True)
        self.docs.mkdir(parents=True, exist_ok=True)
        if not ok:
            manifest.write_text(json.dumps({"fingerprint": self.fingerprint}) + "\n")
        self.used: set[str] = set()

    @staticmethod
    def key(path: str) -> str | None:
        """The cache key of a readable regular file (a FIFO, a folder or an oversized file has none: the
        reader rejects them, and opening a FIFO to hash it would block)."""
        from .document import DocumentError, read_bytes

        try:
            raw = read_bytes(Path(path))
        except DocumentError:
            return None
        return hashlib.sha256(Path(path).name.encode("utf-8") + b"\0" + raw).hexdigest()

    def get(self, key: str, path: str) -> DocOutput | None:
        try:
            data = json.loads((self.docs / f"{key}.json").read_text(encoding="utf-8"))
            out = DocOutput(**data)
        except (OSError, ValueError, TypeError):
            return None
        out.path, out.cached, out.times = path, True, {}
        self.used.add(key)
        return out

    def put(self, key: str, out: DocOutput) -> None:
        if out.error is not None:
            return
        data = {k: v for k, v in out.__dict__.items() if k not in ("times", "cached", "path")}
        data["path"] = ""
        tmp = self.docs / f".{key}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.docs / f"{key}.json")
        self.used.add(key)

    def prune(self) -> None:
        for p in self.docs.glob("*.json"):
            if p.stem not in self.used:
                p.unlink(missing_ok=True)


# ------------------------------------------------------------------- output --


class AtomicFile:
    """A text file written in pieces to a temp file beside the target, fsynced and renamed on commit."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.fh.write(text)

    def commit(self) -> None:
        self.fh.flush()
        os.fchmod(self.fh.fileno(), ordinary_mode())
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


# -------------------------------------------------------------------- build --


def _graph_key(path: Path) -> str:
    """The document's named-graph IRI (as graph.trig sorts its blocks), known before reading it."""
    return str(iri("doc/" + path.stem))


def _outputs(paths: list[str], workers: int, cache: Cache | None, engine: str = "rdflib") -> Iterator[DocOutput]:
    """Every document's outputs, in the order of `paths`; cached ones from the cache, the others
    computed in `workers` processes (in this process when 1)."""
    keys = [Cache.key(p) if cache else None for p in paths]
    cached: dict[int, DocOutput] = {}
    if cache:
        for i, (p, k) in enumerate(zip(paths, keys)):
            if k is not None:
                hit = cache.get(k, p)
                if hit is not None:
                    cached[i] = hit
    todo = [p for i, p in enumerate(paths) if i not in cached]
    _warm()
    work = partial(process_document, engine=engine)
    if workers > 1 and len(todo) > 1:
        chunk = max(1, min(16, len(todo) // (workers * 8)))
        pool = ProcessPoolExecutor(max_workers=workers)
        fresh = pool.map(work, todo, chunksize=chunk)
    else:
        pool = None
        fresh = map(work, todo)
    try:
        for i, p in enumerate(paths):
            if i in cached:
                yield cached[i]
                continue
            out = next(fresh)
            if cache and keys[i] is not None:
                cache.put(keys[i], out)
            yield out
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class _NothingBuilt(Exception):
    pass


def build_to(
    sources: Iterable[str | Path],
    out_dir: Path,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    engine: str = "rdflib",
) -> StreamResult:
    """Build every document of `sources` into out_dir/graph.trig and graph.ttl (streamed, atomic) and
    return the per-document results with the SHACL report. Does not write the report files."""
    files, missing = collect_sources(sources)
    result = StreamResult(documents=[_from_result(d) for d in missing], workers=workers)
    order = sorted(range(len(files)), key=lambda i: (_graph_key(files[i]), str(files[i])))
    paths = [str(files[i]) for i in order]
    cache = Cache(cache_dir or out_dir / ".cache", engine) if use_cache else None
    times = dict.fromkeys(STAGES, 0.0)
    trig = AtomicFile(out_dir / "graph.trig")
    ttl = AtomicFile(out_dir / "graph.ttl")
    violations: list[Violation] = []
    try:
        prefixes = prefix_block()
        trig.write(prefixes)
        ttl.write(prefixes)
        pending: list[DocOutput] = []  # documents of one graph IRI (two files with the same stem)
        for n, out in enumerate(_outputs(paths, workers, cache, engine), 1):
            result.documents.append(out)
            result.reused += out.cached
            for k, v in out.times.items():
                times[k] += v
            t = time.perf_counter()
            if out.error is None and out.triples:
                if pending and pending[0].graph != out.graph:
                    _flush(pending, trig, ttl, result, violations, engine)
                    pending = []
                pending.append(out)
            times["write"] += time.perf_counter() - t
            if progress:
                progress(n, len(paths))
        t = time.perf_counter()
        if pending:
            _flush(pending, trig, ttl, result, violations, engine)
        if not result.built:
            raise _NothingBuilt  # keep the previous output rather than replace it with an empty graph
        trig.commit()
        ttl.commit()
        times["write"] += time.perf_counter() - t
    except _NothingBuilt:
        trig.abort()
        ttl.abort()
        result.times = times
        return result
    except BaseException:
        trig.abort()
        ttl.abort()
        raise
    if cache:
        cache.prune()
    violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    result.report.violations = violations
    result.times = times
    return result


def _flush(group: list[DocOutput], trig: AtomicFile, ttl: AtomicFile, result: StreamResult,
           violations: list[Violation], engine: str = "rdflib") -> None:
    out = _merged(group, engine) if len(group) > 1 else group[0]
    trig.write(out.trig)
    ttl.write("\n" + out.ttl + "\n")
    result.report.graphs += 1
    result.report.conforms = result.report.conforms and out.conforms
    violations.extend(Violation(**v) for v in out.violations)
    for d in group:  # written: keep only the summary (name, triples, error) of each document in memory
        d.trig = d.ttl = ""
        d.violations = []


def _merged(group: list[DocOutput], engine: str = "rdflib") -> DocOutput:
    """Two files with the same stem make one named graph (as the in-memory build merges them): rebuild
    that graph from their bodies, then serialise and validate it as one."""
    from .graph import new_graph

    g = new_graph(iri("doc/" + Path(group[0].path).stem))
    for d in group:
        g.parse(data=prefix_block() + d.ttl, format="turtle")
    out = DocOutput(group[0].path, group[0].name, graph=group[0].graph, triples=len(g))
    out.ttl = turtle_body(g)
    out.trig = trig_block(out.graph, out.ttl)
    report = validate_graph(g, inplace=True, engine=engine)
    out.conforms = report.conforms
    for v in report.violations:
        v.document = v.document or out.graph
    out.violations = [v.__dict__.copy() for v in report.violations]
    return out


def _from_result(d: DocResult) -> DocOutput:
    return DocOutput(d.path, d.name, error=d.error)

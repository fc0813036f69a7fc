"""Assemble: documents -> named graphs (one per document) -> validated dataset -> files on disk.

`build_document` is the whole per-document chain (read, extract, map); `build` runs it over many files,
keeps going past bad ones (each named with its reason), validates and writes every output atomically.
"""
from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph

from .document import DocumentError, read_document
from .gazetteer import load_gazetteer
from .graph import DocGraph, PREFIXES, TripleSet, new_graph, to_oxigraph
from .mappers import mappers
from .extract import extract


@dataclass
class DocResult:
    path: str
    name: str
    nquads: str | None = None  # the named graph, as N-Quads (picklable, cheap to merge)
    triples: int = 0
    error: str | None = None


@dataclass
class BuildResult:
    documents: list[DocResult] = field(default_factory=list)
    dataset: Dataset | None = None
    conforms: bool | None = None
    report_text: str = ""

    @property
    def built(self) -> list[DocResult]:
        return [d for d in self.documents if d.error is None]

    @property
    def rejected(self) -> list[DocResult]:
        return [d for d in self.documents if d.error is not None]

    @property
    def triples(self) -> int:
        return sum(d.triples for d in self.built)


def document_graph(path: str | Path) -> Graph:
    """The named graph of one document (raises DocumentError for a bad file)."""
    doc = read_document(path)
    gaz = load_gazetteer()
    ex = extract(doc, gaz)
    dg = DocGraph(doc, gaz)
    for _name, mapper in mappers():
        mapper(dg, ex)
    return dg.g.graph()


def build_document(path: str) -> DocResult:
    name = Path(path).name
    try:
        g = document_graph(path)
    except DocumentError as exc:
        return DocResult(path, name, error=exc.reason)
    return DocResult(path, name, nquads=_to_nquads(g), triples=len(g))


def _to_nquads(g: Graph) -> str:
    ds = Dataset()
    named = ds.graph(g.identifier)
    for t in g:
        named.add(t)
    return ds.serialize(format="nquads")


def collect_sources(sources: Iterable[str | Path]) -> tuple[list[Path], list[DocResult]]:
    """Expand folders to their *.txt files (sorted); a missing path is a rejected document."""
    files: list[Path] = []
    missing: list[DocResult] = []
    for src in sources:
        p = Path(src)
        try:
            if p.is_dir():
                files.extend(sorted(q for q in p.iterdir() if q.suffix == ".txt" and not q.name.startswith(".")))
            elif p.exists() or p.is_symlink():
                files.append(p)
            else:
                missing.append(DocResult(str(p), p.name, error="no such file or folder"))
        except OSError as exc:
            missing.append(DocResult(str(p), p.name, error=f"cannot read ({exc.strerror or exc})"))
    return files, missing


def build(
    sources: Iterable[str | Path],
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    files, missing = collect_sources(sources)
    result = BuildResult(documents=list(missing))
    paths = [str(f) for f in files]
    if workers > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for i, r in enumerate(pool.map(build_document, paths, chunksize=8), 1):
                result.documents.append(r)
                if progress:
                    progress(i, len(paths))
    else:
        for i, p in enumerate(paths, 1):
            result.documents.append(build_document(p))
            if progress:
                progress(i, len(paths))
    ds = new_dataset()
    for d in sorted(result.built, key=lambda d: d.name):
        ds.parse(data=d.nquads, format="nquads")
    result.dataset = ds
    return result


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    ds.namespace_manager.bind_namespaces = "none"
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    return ds


def union_graph(ds: Dataset) -> Graph:
    g = new_graph()
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    return g


# ----------------------------------------------------------------- output --


def ordinary_mode() -> int:
    """The mode a plain `open()` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), ordinary_mode())  # mkstemp's 0600 would hide the output from others
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def remove_stale_temps(folder: Path, names: Iterable[str]) -> list[Path]:
    """Delete the temporary files that `atomic_write` left for these outputs when a build was killed."""
    removed = []
    for name in names:
        for tmp in folder.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def serialize(ds: Dataset, fmt: str) -> bytes:
    """Deterministic serialisations: longturtle with canon=True for Turtle; sorted lines otherwise."""
    if fmt in ("turtle", "ttl"):
        return union_graph(ds).serialize(format="longturtle", canon=True, encoding="utf-8")
    if fmt == "trig":
        return _trig(ds).encode("utf-8")
    if fmt in ("nt", "ntriples"):
        lines = union_graph(ds).serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")
    if fmt in ("nq", "nquads"):
        lines = ds.serialize(format="nquads").splitlines()
        return ("\n".join(sorted(set(line for line in lines if line.strip()))) + "\n").encode("utf-8")
    if fmt in ("jsonld", "json-ld"):
        data = json.loads(ds.serialize(format="json-ld"))
        return json.dumps(_sorted_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r} (turtle, trig, nt, nquads, jsonld)")


def _sorted_jsonld(data):
    if isinstance(data, list):
        items = [_sorted_jsonld(x) for x in data]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    if isinstance(data, dict):
        return {k: _sorted_jsonld(v) for k, v in data.items()}
    return data


def _trig(ds: Dataset) -> str:
    """TriG with one block per named graph, each block a stable Turtle body (turtle_body), graphs sorted."""
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
    parts = [prefixes]
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if not len(ctx):
            continue
        g = new_graph()
        for t in ctx:
            g.add(t)
        body = turtle_body(g)
        if str(ctx.identifier) == "urn:x-rdflib:default":
            # triples outside any named graph (a Turtle input): TriG's default graph, a block of its own
            parts.append(f"\n{{\n{_indent(body)}\n}}\n")
        else:
            parts.append(f"\n<{ctx.identifier}> {{\n{_indent(body)}\n}}\n")
    return "".join(parts)


# Turtle bodies name the vocabularies by prefix; kgbuild's own IRIs (id:) stay whole, as they read best.
BODY_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "id"}


_RDF_TYPE = ox.NamedNode(str(RDF.type))


def _triple_order(t: ox.Triple) -> tuple:
    """Subject; rdf:type first, then predicates; objects (in N-Triples syntax)."""
    return (t.subject.value, t.predicate != _RDF_TYPE, t.predicate.value, str(t.object))


def turtle_body(g: Graph | TripleSet) -> str:
    """The graph's Turtle without prefix lines, the same bytes for the same triples: the triples sorted
    (_triple_order) and written by Oxigraph's serialiser (~6x faster than rdflib's longturtle). A graph with
    blank nodes goes through rdflib's canonical longturtle, which gives its blank nodes stable labels."""
    converted: dict = {}  # a term is converted once per graph (predicates, the document, entities recur)

    def ox_term(term):
        found = converted.get(term)
        if found is None:
            found = converted[term] = to_oxigraph(term)  # TypeError for a blank node
        return found

    try:
        triples = [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in g]
    except TypeError:
        if isinstance(g, TripleSet):
            g = g.graph()
        body = g.serialize(format="longturtle", canon=True)
        return "\n".join(line for line in body.splitlines() if not line.startswith("PREFIX ")).strip()
    triples.sort(key=_triple_order)
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=BODY_PREFIXES).decode("utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("@prefix ")).strip()


def _indent(body: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in body.strip().splitlines())

"""Serialisers and atomic writes: the same triples always give the same bytes, and a file on disk is
always whole (the previous one or the new one, never a truncation).

- `turtle_body`: one graph's Turtle without PREFIX lines, its triples sorted; `trig_block` wraps it as
  one named graph of graph.trig. A build writes graph.trig and graph.ttl from these blocks, a document's
  written by `turtle_lines` straight from its plain terms (terms.py), the bytes Oxigraph's serialiser
  writes (`triples_body`, which writes the consolidated layer).
- `serialize(ds, format)`: a whole Dataset in any format of `FORMATS` (`kgbuild export`).
- `AtomicFile`, `atomic_write`: a temp file beside the target, fsynced, then renamed over it.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph

from .graph import PREFIXES, TripleSet, dataset_graphs, new_graph
from .terms import XSD_STRING, from_rdflib

# Turtle bodies name the vocabularies by prefix; kgbuild's own IRIs (id:) stay whole, as they read best.
BODY_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "id"}
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_DEFAULT_GRAPH = "urn:x-rdflib:default"


# ------------------------------------------------------------ graph bodies --


def prefix_block() -> str:
    """The PREFIX lines that open graph.trig and graph.ttl."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


def _triple_order(t: ox.Triple) -> tuple:
    """Subject; rdf:type first, then predicates; objects (in N-Triples syntax)."""
    return (t.subject.value, t.predicate != _RDF_TYPE, t.predicate.value, str(t.object))


def turtle_body(g: Graph | TripleSet) -> str:
    """The graph's Turtle without prefix lines, the same bytes for the same triples: its triples sorted
    (_triple_order) and written as Oxigraph's serialiser writes them (turtle_lines). A graph with blank
    nodes goes through rdflib's canonical longturtle, which gives its blank nodes stable labels."""
    if isinstance(g, TripleSet):
        return "\n".join(turtle_lines(g))
    try:
        return "\n".join(turtle_lines(_plain_triples(g)))
    except TypeError:  # a blank node
        body = g.serialize(format="longturtle", canon=True)
        return "\n".join(line for line in body.split("\n") if not line.startswith("PREFIX ")).strip()


def _plain_triples(g: Graph) -> list[tuple]:
    converted: dict = {}  # a term is converted once per graph (predicates, the document, entities recur)

    def plain(term):
        found = converted.get(term)
        if found is None:
            found = converted[term] = from_rdflib(term)  # TypeError for a blank node
        return found

    return [(plain(s), plain(p), plain(o)) for s, p, o in g]


def turtle_lines(triples: Iterable[tuple]) -> list[str]:
    """Plain triples (terms.py) as the lines of a Turtle body without prefix lines: sorted as
    _triple_order sorts pyoxigraph's triples, each term written as Oxigraph's Turtle serialiser writes it
    with BODY_PREFIXES (`a` for rdf:type; a subject's predicates after ` ;` on lines of their own, starting
    with a tab; a predicate's objects after ` , `). The same bytes as triples_body, without making a
    pyoxigraph term."""
    rows = []
    append = rows.append
    for s, p, o in triples:
        if o.__class__ is str:
            key = f"<{o}>"  # the object in N-Triples, how _triple_order sorts it
            append((s, p != _TYPE, p, key, _prefixed(o) if o.startswith(_BODY_NAMESPACES) else key))
        else:
            append((s, p != _TYPE, p, *_literal_text(o)))
    rows.sort()
    lines = []
    line = subject = predicate = None
    for s, _not_type, p, _key, text in rows:
        if p != predicate or s != subject:
            verb = _PREDICATE_TEXT.get(p) or _predicate_text(p)
            if s != subject:
                if line is not None:
                    lines.append(line + " .")
                line = f"{_iri_text(s)} {verb} {text}"
                subject = s
            else:
                lines.append(line + " ;")
                line = f"\t{verb} {text}"
            predicate = p
        else:
            line += " , " + text
    if line is not None:
        lines.append(line + " .")
    return lines


_TYPE = str(RDF.type)
_BODY_NAMESPACES = tuple(BODY_PREFIXES.values())
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')  # what N-Triples and Turtle write as an escape
_PREDICATE_TEXT: dict[str, str] = {}  # predicates recur in every document: each written once


def _iri_text(value: str) -> str:
    """An IRI as the body writes it: <...>, or a prefixed name where Oxigraph writes one."""
    return _prefixed(value) if value.startswith(_BODY_NAMESPACES) else f"<{value}>"


def _predicate_text(value: str) -> str:
    text = _PREDICATE_TEXT[value] = "a" if value == _TYPE else _iri_text(value)
    return text


@lru_cache(maxsize=1 << 14)
def _prefixed(value: str) -> str:
    """An IRI in one of BODY_PREFIXES' namespaces as Oxigraph's Turtle serialiser writes it (asked once
    per IRI: whether the local part makes a valid prefixed name is its decision)."""
    node = ox.NamedNode(value)
    text = ox.serialize([ox.Triple(node, node, node)], format=ox.RdfFormat.TURTLE,
                        prefixes=BODY_PREFIXES).decode("utf-8")
    return text.rstrip("\n").rsplit("\n", 1)[-1].split(" ", 1)[0]


def _literal_text(term: tuple[str, str, str]) -> tuple[str, str]:
    """A literal in N-Triples syntax (how turtle_lines sorts it) and as the Turtle body writes it."""
    lexical, datatype, lang = term
    lang = lang.lower()  # as Oxigraph writes a language tag
    quoted = str(ox.Literal(lexical)) if _NEEDS_ESCAPE.search(lexical) else f'"{lexical}"'
    if lang:
        text = f"{quoted}@{lang}"
        return text, text
    if datatype == XSD_STRING:
        return quoted, quoted
    return f"{quoted}^^<{datatype}>", _typed_text(lexical, datatype)


@lru_cache(maxsize=1 << 14)
def _typed_text(lexical: str, datatype: str) -> str:
    """A typed literal as Oxigraph's Turtle serialiser writes it (15, true, "2025-12-01"^^xsd:date); asked
    once per literal, as offsets and dates recur."""
    node = ox.NamedNode("urn:x")
    text = ox.serialize([ox.Triple(node, node, ox.Literal(lexical, datatype=ox.NamedNode(datatype)))],
                        format=ox.RdfFormat.TURTLE, prefixes=BODY_PREFIXES).decode("utf-8")
    return text.rstrip("\n").rsplit("\n", 1)[-1].split(" ", 2)[2][:-2]


def triples_body(triples: Iterable[ox.Triple], presorted: bool = False) -> str:
    """pyoxigraph triples (no blank nodes) as a Turtle body without prefix lines, sorted as turtle_body's
    (or in the order given, when the caller has sorted them: then any iterable, streamed)."""
    if not presorted:
        triples = sorted(triples, key=_triple_order)
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=BODY_PREFIXES).decode("utf-8")
    # the prefix lines come first; cut at line feeds only (a literal may hold a U+0085 or U+2028)
    start = 0
    while text.startswith("@prefix ", start):
        start = text.index("\n", start) + 1
    return text[start:].strip()


def trig_block_of_lines(identifier: str, lines: list[str]) -> str:
    """trig_block of the body "\\n".join(lines) of turtle_lines, whose lines are never blank."""
    return f"\n<{identifier}> {{\n    " + "\n    ".join(lines) + "\n}\n"


def trig_block(identifier: str | None, body: str) -> str:
    """One graph of a TriG file, `<identifier> { body }` with its leading newline; no identifier: the
    default graph (triples outside any named graph, as a Turtle input has)."""
    lines = body.split("\n")
    if "" in lines or any(map(str.isspace, lines)):  # a line of whitespace only is written empty
        indented = "\n".join(("    " + line) if line.strip() else "" for line in lines)
    else:  # the usual body (the consolidated layer's tens of megabytes): each line indented, in C
        indented = "    " + "\n    ".join(lines)
    name = f"<{identifier}> " if identifier is not None else ""
    return f"\n{name}{{\n{indented}\n}}\n"


# ----------------------------------------------------------------- datasets --


def new_dataset() -> Dataset:
    """An empty Dataset with kgbuild's prefixes only (rdflib's defaults would change the output)."""
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


def _turtle(ds: Dataset) -> bytes:
    return union_graph(ds).serialize(format="longturtle", canon=True, encoding="utf-8")


def _trig(ds: Dataset) -> bytes:
    """One block per graph (turtle_body), graphs sorted by name: the bytes a build writes to graph.trig."""
    parts = [prefix_block()]
    for name, g in dataset_graphs(ds):
        parts.append(trig_block(None if name == _DEFAULT_GRAPH else name, turtle_body(g)))
    return "".join(parts).encode("utf-8")


def _ntriples(ds: Dataset) -> bytes:
    lines = union_graph(ds).serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
    return ("\n".join(sorted(set(line for line in lines if line))) + "\n").encode("utf-8")


def _nquads(ds: Dataset) -> bytes:
    lines = ds.serialize(format="nquads").split("\n")
    return ("\n".join(sorted(set(line for line in lines if line.strip()))) + "\n").encode("utf-8")


def _jsonld(ds: Dataset) -> bytes:
    data = json.loads(ds.serialize(format="json-ld"))
    return json.dumps(_sorted_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _sorted_jsonld(data):
    if isinstance(data, list):
        items = [_sorted_jsonld(x) for x in data]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    if isinstance(data, dict):
        return {k: _sorted_jsonld(v) for k, v in data.items()}
    return data


# Format name -> serialiser, an alias a row of its own. Turtle and N-Triples flatten the named graphs
# into their union; TriG, N-Quads and JSON-LD keep them.
FORMATS: dict[str, Callable[[Dataset], bytes]] = {
    "turtle": _turtle,
    "ttl": _turtle,
    "trig": _trig,
    "nt": _ntriples,
    "ntriples": _ntriples,
    "nquads": _nquads,
    "nq": _nquads,
    "jsonld": _jsonld,
    "json-ld": _jsonld,
}
FORMAT_NAMES = ("turtle", "trig", "nt", "nquads", "jsonld")  # as help and errors name them


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The Dataset in format `fmt` (a key of FORMATS), the same bytes for the same triples."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMAT_NAMES)})")
    return writer(ds)


# ------------------------------------------------------------------- files --


def ordinary_mode() -> int:
    """The mode a plain `open()` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """A file written in pieces to a temp file beside the target, fsynced and renamed over the target on
    commit (on leaving a `with` block without an exception); aborted, the target is left as it was."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.fh = os.fdopen(fd, "wb", buffering=1 << 20)  # a build writes hundreds of megabytes in small pieces

    def write(self, data: str | bytes) -> None:
        self.fh.write(data.encode("utf-8") if isinstance(data, str) else data)

    def commit(self) -> None:
        self.fh.flush()
        os.fchmod(self.fh.fileno(), ordinary_mode())  # mkstemp's 0600 would hide the output from others
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def commit_while(work: Callable[[], None], *files: AtomicFile) -> float:
    """Commit the files in order (each fsynced and renamed) in a thread, while this one does `work`: the
    disk and the CPU busy at once. An error of either is raised once both are done; else the seconds
    the commits took."""
    errors: list[BaseException] = []
    took = [0.0]

    def commit() -> None:
        t = time.perf_counter()
        try:
            for f in files:
                f.commit()
        except BaseException as exc:  # raised again in the caller's thread
            errors.append(exc)
        took[0] = time.perf_counter() - t

    thread = threading.Thread(target=commit, name="kgbuild-commit")
    thread.start()
    try:
        work()
    finally:
        thread.join()
    if errors:
        raise errors[0]
    return took[0]


def atomic_write(path: Path, data: bytes) -> None:
    """The whole file at once, atomically (AtomicFile)."""
    with AtomicFile(path) as fh:
        fh.write(data)


def remove_stale_temps(folder: Path, names: Iterable[str]) -> list[Path]:
    """Delete the temporary files that AtomicFile or atomic_write left for these outputs when a build was
    killed."""
    removed = []
    for name in names:
        for tmp in folder.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed

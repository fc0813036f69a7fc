"""The build's consolidation step: the documents' summaries -> the consolidated layer's Turtle body, with
its counts, its time and its SHACL verdict (shapes/consolidated/).

Given a state file (the build cache's consolidation.pickle), a re-run redoes only what its documents
changed, with the bytes of a full build:

- the index of facts (nodes.Facts) is kept, and a removed or changed document's facts taken out of it and
  a new one's put in (each document is known by the digest of its packed summary);
- identity (nodes.Canon) is worked out again over the whole index: it is global (a changed document can
  join or split clusters) and takes well under a second for 10,000 documents;
- a canonical node's output (its Turtle blocks and counts, layer.NodeOutput) depends only on its members'
  facts, the canonical IRIs of the values they point at and the documents giving them; it is made again
  when its members changed, when one of them is the subject of a fact of a removed or added document, or
  when a value one of them points at changed its canonical IRI; every other node's output is kept;
- the layer's shapes are node-local (each constraint reads the focus node's own triples: see
  tests/test_consolidate_incremental.py), so only the subjects whose Turtle block is new text are
  validated (a busy node made again for one document keeps most of its claims' blocks as they were), and
  every other subject keeps its violations.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef

from ..graph import new_graph
from ..output import prefix_block
from ..shacl_shapes import shapes_namespace
from ..validate import LABEL_PROPERTIES, Report, Violation, validate_graph
from ..vocab import CONSOLIDATED_GRAPH
from .layer import NodeOutput, node_outputs
from .nodes import Canon, Facts
from .turtle import join_blocks, sorted_blocks
from .summary import XSD, Summary

XSD_STRING = XSD + "string"
STATE_VERSION = 1
# past this share of documents removed or added, a re-run aggregates everything again (and so compacts
# the index's empty slots)
INCREMENTAL_SHARE = 0.25
VALIDATE_CHUNK = 8_000_000  # characters of Turtle validated at once


@dataclass
class Layer:
    parts: list[str] = field(default_factory=list)  # the Turtle body (no PREFIX lines), block by block
    triples: int = 0
    nodes: int = 0
    claims: int = 0
    ties: int = 0
    seconds: float = 0.0  # aggregation, serialisation and the state written (after the summaries came), wall clock
    cpu_seconds: float = 0.0  # the same, CPU time of this process (what a busy machine does not inflate)
    validate_seconds: float = 0.0
    report: Report | None = None
    remade: int = 0  # canonical nodes made in this build; the others were kept
    incremental: bool = False  # whether a previous build's state was updated rather than everything redone
    ingest_cpu_seconds: float = 0.0  # CPU time taking the summaries in as they came (LayerBuilder.add)
    pending_state: tuple | None = field(default=None, repr=False)  # (State, path) for save_state to write

    def save_state(self) -> None:
        """Write the state for the next build that LayerBuilder.finish left to write, if any."""
        if self.pending_state is None:
            return
        (state, path), self.pending_state = self.pending_state, None
        t, c = time.perf_counter(), time.process_time()
        try:
            with _collector_paused():
                _save(state, path)
        finally:
            gc.unfreeze()
        self.seconds += time.perf_counter() - t
        self.cpu_seconds += time.process_time() - c

    @property
    def body(self) -> str:
        """The Turtle body without PREFIX lines, and without a line feed after its last line."""
        return "".join(self.parts).rstrip("\n")

    def turtle_pieces(self) -> Iterator[str]:
        """The body as graph.ttl and consolidated.ttl hold it after their PREFIX lines ("\n" + body +
        "\n"; nothing for an empty layer), some blocks at a time: never all in one string."""
        if self.parts:
            yield "\n"
            yield from _batches(self.parts)

    def trig_pieces(self, graph: str) -> Iterator[str]:
        """The layer as a named graph of graph.trig, some blocks at a time: output.trig_block(graph, body)'s
        bytes (each line indented by four spaces, a blank one left blank)."""
        if not self.parts:
            return
        yield f"\n<{graph}> {{\n"
        whole_lines = all(part.endswith("\n") for part in self.parts)  # else each part's tail is left out
        for batch in (_batches(self.parts) if whole_lines else self.parts):
            yield _indented(batch)
        yield "}\n"

    def write(self, out, graph: str | None = None) -> None:
        """Write the layer into `out` (anything with a write(bytes), as output.AtomicFile, or a tuple of
        them, each given the same bytes, encoded once) some blocks at a time: as the named graph `graph` of
        a TriG file (trig_pieces), or as Turtle after the PREFIX lines (turtle_pieces)."""
        outs = out if isinstance(out, tuple) else (out,)
        for piece in (self.trig_pieces(graph) if graph is not None else self.turtle_pieces()):
            data = piece.encode("utf-8")
            for o in outs:
                o.write(data)

    def counts(self) -> dict:
        """What build.json reports (the same bytes for the same documents)."""
        return {"graph": CONSOLIDATED_GRAPH, "triples": self.triples, "nodes": self.nodes, "claims": self.claims,
                "ties": self.ties}

    def times(self) -> dict:
        """Where its time went (.cache/last-build.json, beside the other stages' times)."""
        return {"seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3),
                "validate_seconds": round(self.validate_seconds, 3),
                "ingest_cpu_seconds": round(self.ingest_cpu_seconds, 3), "incremental": self.incremental,
                "nodes_remade": self.remade}


@dataclass
class State:
    """What a re-run needs of the previous build's layer (pickled into the build cache)."""

    fingerprint: str  # the cache's code fingerprint (cache.code_fingerprint): another one, and it is not used
    validated: bool
    slots: dict[str, int]  # digest of a packed summary -> its document's slot in facts.docs
    packed: list[str | None]  # slot -> the packed summary (its facts, to take them out again)
    facts: Facts
    canon_map: dict[str, str]  # per-document IRI -> canonical IRI
    members: dict[str, frozenset[str]]  # canonical IRI -> its per-document IRIs
    outputs: dict[str, NodeOutput]  # canonical IRI -> what it writes
    violations: dict[str, list[dict]] = field(default_factory=dict)  # focus node -> its violations
    topics: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # Canon's, kept
    version: int = STATE_VERSION


BATCH_CHARS = 1 << 20  # characters of blocks joined before they are encoded and written


def _batches(parts: list[str], size: int = BATCH_CHARS) -> Iterator[str]:
    """The parts joined into strings of about `size` characters, in order."""
    batch: list[str] = []
    n = 0
    for part in parts:
        batch.append(part)
        n += len(part)
        if n >= size:
            yield "".join(batch)
            batch, n = [], 0
    if batch:
        yield "".join(batch)


# a line of white space other than an empty one, after a line feed (a literal first character lets the
# regex engine jump from line feed to line feed: a `^...$` pattern in MULTILINE mode tries every position)
_SPACE_ONLY_LINE = re.compile(r"\n[^\S\n]+(?=\n)")


def _indented(text: str) -> str:
    """Every line of `text` that ends with a line feed indented by four spaces, a blank one left blank (a
    line of white space made empty); what follows the last line feed is left out."""
    text = text[: text.rfind("\n") + 1]
    if not text:
        return ""
    first = text[: text.find("\n")]
    if (first and not first.strip()) or _SPACE_ONLY_LINE.search(text):
        # rare: the line-by-line rule, which empties such a line
        return "".join(("    " + line if line.strip() else "") + "\n" for line in text.split("\n")[:-1])
    out = "    " + text[:-1].replace("\n", "\n    ") + "\n"
    if out.startswith("    \n"):
        out = out[4:]
    while "\n    \n" in out:  # empty lines (replace() leaves the second of two in a row: once more)
        out = out.replace("\n    \n", "\n\n")
    return out


class _TurtleGraph:
    """The layer's Turtle for a validator that reads text, made an rdflib graph only where one is needed:
    all of it for pyshacl; for a Rust engine, which has validated the text itself, only the names the
    report shows (validate.LABEL_PROPERTIES) of the nodes it describes (`describing`), read from their
    own blocks."""

    def __init__(self, turtle: str, describe_only: bool, blocks: dict[str, str]):
        self.turtle, self.describe_only, self.blocks = turtle, describe_only, blocks

    def graph(self, store: str = "default"):
        return self._graph(self.turtle, store)

    def describing(self, nodes) -> object:
        """What validate.validate_graph describes the results on (their focus nodes given): for a Rust
        engine, the names of those nodes alone."""
        if not self.describe_only:
            return self.graph()
        text = prefix_block() + "".join(self.blocks[str(n)] for n in sorted(set(map(str, nodes))) if str(n) in self.blocks)
        return self._graph(text)

    def _graph(self, turtle: str, store: str = "default"):
        keep = {str(p) for p in LABEL_PROPERTIES}
        g = new_graph(store=store)
        for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
            if not self.describe_only or t.predicate.value in keep:
                g.add((_rdflib(t.subject), _rdflib(t.predicate), _rdflib(t.object)))
        return g


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)  # as rdflib reads "x" from Turtle: sh:in ("x") holds only for that one
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def build_layer(summaries: list[str], engine: str | None = None, state_path: Path | None = None,
                fingerprint: str = "") -> Layer:
    """The layer over the documents' summaries (Summary.pack, in graph order); `engine` validates it
    (validate.ENGINES), None not. With `state_path`, the previous build's state is read from it when it
    was made with the same `fingerprint` (and, for a validated layer, validated), only what changed is
    made again (the module's docstring), and the new state is written there."""
    builder = LayerBuilder(engine, state_path, fingerprint)
    for packed in summaries:
        builder.add(packed)
    return builder.finish()


class LayerBuilder:
    """The consolidation step fed one document's summary at a time, in graph order, while the build still
    makes the others (pipeline._build_into): without a previous state, each is indexed as it comes, in
    the time the main process would otherwise spend waiting for its workers; with one, only its digest is
    taken. `finish` makes the layer from what is left to do."""

    def __init__(self, engine: str | None = None, state_path: Path | None = None, fingerprint: str = ""):
        self.engine, self.state_path, self.fingerprint = engine, state_path, fingerprint
        self.summaries: list[str] = []
        self.digests: list[str] = []
        self.ingest_cpu = 0.0  # CPU time of `add`, before `finish`
        self.started = False
        self.previous: State | None = None
        self.facts: Facts | None = None  # without a previous state: indexed as the summaries come
        self.slots: dict[str, int] = {}

    def _start(self) -> None:
        """Read the previous state: at the first summary, when the build's workers have started."""
        self.started = True
        if self.state_path is not None:
            with _collector_paused():
                self.previous = _load(self.state_path, self.fingerprint, self.engine is not None)
        if self.previous is None:
            self.facts = Facts([])

    def add(self, packed: str) -> None:
        """One more document's summary (Summary.pack), in graph order."""
        cpu = time.process_time()
        if not self.started:
            self._start()
        digest = _digest(packed)
        self.summaries.append(packed)
        self.digests.append(digest)
        if self.facts is not None:
            with _collector_paused():
                self.slots[digest] = self.facts.add(Summary.unpack(packed))
        self.ingest_cpu += time.process_time() - cpu

    def finish(self, defer_save: bool = False) -> Layer:
        """The layer (Layer: its Turtle body, counts, times and report), and the new state written; with
        `defer_save`, written when the caller calls Layer.save_state (a build: while its outputs reach the
        disk)."""
        started, cpu = time.perf_counter(), time.process_time()
        engine, state_path = self.engine, self.state_path
        if not self.started:
            self._start()
        try:
            with _collector_paused():
                state, remade, to_validate, changed = self._aggregate()
                state.validated = engine is not None  # the kept violations are every node's only when validating
                layer = Layer(remade=len(remade), incremental=state is self.previous,
                              ingest_cpu_seconds=self.ingest_cpu)
                self.previous = self.facts = None
                blocks: list[tuple[str, str]] = []
                for node in state.outputs.values():
                    blocks.extend(node.blocks)
                    layer.triples += node.triples
                    layer.nodes += node.nodes
                    layer.claims += node.claims
                    layer.ties += node.ties
                layer.parts = sorted_blocks(blocks)
                del blocks
            layer.seconds, layer.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
            if engine is not None and layer.parts:
                started = time.perf_counter()
                layer.report = _validate(state, to_validate, engine)
                layer.validate_seconds = time.perf_counter() - started
            if state_path is not None and changed:
                layer.pending_state = (state, state_path)
                if not defer_save:
                    layer.save_state()
        finally:
            gc.unfreeze()
        return layer

    def _aggregate(self) -> tuple[State, set[str], list[tuple[str, str]], bool]:
        """The state for the summaries given, the canonical nodes made in this build (every one for a full
        one), the blocks (subject, text) to validate, and whether the state differs from the previous one
        (which is updated in place when used)."""
        previous, summaries, digests = self.previous, self.summaries, self.digests
        validated = self.engine is not None
        if previous is not None:
            new = set(digests)
            removed = [d for d in previous.slots if d not in new]
            added = [(d, s) for d, s in zip(digests, summaries) if d not in previous.slots]
            if not removed and not added:
                return previous, set(), [], False
            if len(removed) + len(added) <= max(1, INCREMENTAL_SHARE * len(summaries)):
                return previous, *_update(previous, removed, added), True
        facts, slots = self.facts, self.slots
        if facts is None:  # a previous state too far from these documents: everything again
            facts, slots = Facts([]), {}
            for d, s in zip(digests, summaries):
                slots[d] = facts.add(Summary.unpack(s))
        canon = Canon(facts)
        outputs = dict(node_outputs(facts, canon))
        state = State(self.fingerprint, validated, slots, list(summaries), facts, canon.map,
                      {k: frozenset(v) for k, v in canon.members.items()}, outputs, topics=canon.topics)
        return state, set(outputs), [block for node in outputs.values() for block in node.blocks], True


def _digest(packed: str) -> str:
    return hashlib.sha1(packed.encode("ascii")).hexdigest()


def _update(state: State, removed: list[str], added: list[tuple[str, str]]) -> tuple[set[str], list[tuple[str, str]]]:
    """Take the removed documents out of the state and put the added ones in; the canonical nodes made
    again (the module's docstring says which), and the blocks to validate: those of their subjects whose
    text is new (a subject whose block is the same text as before keeps its violations)."""
    facts = state.facts
    touched: set[str] = set()  # subjects of a fact of a removed or added document
    for d in removed:
        slot = state.slots.pop(d)
        summary = Summary.unpack(state.packed[slot])
        facts.remove(slot, summary)
        state.packed[slot] = None
        touched.update(f[0] for f in summary.facts)
    for d, packed in added:
        summary = Summary.unpack(packed)
        state.slots[d] = facts.add(summary)
        state.packed.append(packed)
        touched.update(f[0] for f in summary.facts)
    canon = Canon(facts, state.topics)
    old = state.canon_map
    moved = {n for n in old.keys() | canon.map.keys() if old.get(n) != canon.map.get(n)}
    if moved:  # the nodes pointing at a node whose canonical IRI changed write another value
        touched.update(s for s, predicates in facts.by_node.items()
                       if any(not vals.keys().isdisjoint(moved) for vals in predicates.values()))
    members = {k: frozenset(v) for k, v in canon.members.items()}
    remade = {k for k, ms in members.items()
              if state.members.get(k) != ms or k not in state.outputs or not ms.isdisjoint(touched)}
    outputs = {k: state.outputs[k] for k in members if k not in remade}
    outputs.update(node_outputs(facts, canon, only=remade))
    before = {s: text for k, node in state.outputs.items() if k in remade or k not in outputs for s, text in node.blocks}
    fresh = [(s, text) for k in remade for s, text in outputs[k].blocks if before.get(s) != text]
    for s in before.keys() - {s for k in remade for s, _text in outputs[k].blocks} | {s for s, _text in fresh}:
        state.violations.pop(s, None)  # a subject gone, or written anew: its violations are found again
    state.canon_map, state.members, state.outputs = canon.map, members, outputs
    return remade, fresh


def _validate(state: State, blocks: list[tuple[str, str]], engine: str, chunk: int = VALIDATE_CHUNK) -> Report:
    """The layer's SHACL report: the blocks given (subject, text) validated, the other subjects' violations
    kept (state.violations: focus node -> its violations).

    The shapes are node-local, so the blocks are validated a part at a time (about `chunk` characters of
    Turtle each): the same results as all at once, without the whole layer in the validator's memory. With
    `shacl`, two parts are validated at once in threads (it lets go of the interpreter while it works, and
    the build's workers are done by then, so the second core is free); the violations are taken in the
    parts' order either way."""
    parts: list[list[tuple[str, str]]] = [[]]
    size = 0
    for block in blocks:
        parts[-1].append(block)
        size += len(block[1])
        if size >= chunk:
            parts.append([])
            size = 0
    parts = [part for part in parts if part]
    if engine in THREADED_ENGINES and len(parts) > 2:
        # the first part alone: it compiles the shapes and parses the shapes graph (cached per process), which
        # two threads doing at once would do twice, and a report would name blank nodes of the other copy
        results = [_validate_part(parts[0], engine)]
        shapes_namespace()
        with ThreadPoolExecutor(max_workers=2) as pool:
            results += pool.map(lambda part: _validate_part(part, engine), parts[1:])
    else:
        results = [_validate_part(part, engine) for part in parts]
    conforms = True
    for part_conforms, violations in results:
        conforms &= part_conforms
        for focus, v in violations:
            state.violations.setdefault(focus, []).append(v)
    validated = {s for s, _text in blocks}
    kept = [v for vs in state.violations.values() for v in vs]
    conforms = conforms and not any(v["severity"] == "sh:Violation" for s, vs in state.violations.items()
                                    if s not in validated for v in vs)
    report = Report(conforms=conforms, graphs=1)
    report.violations = sorted((Violation(**v) for v in kept),
                               key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    return report


THREADED_ENGINES = ("shacl",)  # (pyshacl-turbo's compiled shapes are not known to be safe to share between threads)


def _validate_part(part: list[tuple[str, str]], engine: str) -> tuple[bool, list[tuple[str, dict]]]:
    """Validate some blocks: whether they conform, and their violations by focus node (under "" one whose
    focus is none of these subjects, which makes the state unusable for a re-run)."""
    blocks = dict(part)
    turtle = prefix_block() + join_blocks(part)
    data = _TurtleGraph(turtle, engine in ("turbo", "shacl"), blocks)
    report = validate_graph(data, document=CONSOLIDATED_GRAPH, engine=engine, turtle=turtle, shapes="consolidated",
                            as_rdf=False)  # the build reads the violations alone
    return report.conforms, [(v.focus if v.focus in blocks else "", v.__dict__.copy()) for v in report.violations]


def _load(path: Path, fingerprint: str, validated: bool) -> State | None:
    """The previous build's state, when it is there, readable, of this code and as validated as needed
    (told by a small header before it is read); a violation whose focus node no layer node writes (none,
    with node-local shapes) makes it unusable."""
    try:
        with open(path, "rb") as f:
            if pickle.load(f) != (STATE_VERSION, fingerprint):
                return None
            state = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(state, State) or (validated and not state.validated) or "" in state.violations:
        return None
    return state


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off: indexing the documents' facts, (un)pickling a state and making
    the nodes' outputs make millions of containers and no cycle, which the collector would walk over and
    over (a third of the time). What exists at the end is then frozen (gc.freeze), so that turning the
    collector on again does not walk it all at once either; build_layer hands it back (gc.unfreeze) when
    it returns, and a later collection sees it as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _save(state: State, path: Path) -> None:
    """Write the state beside the cache's entries (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump((state.version, state.fingerprint), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)

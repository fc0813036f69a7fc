"""The build's consolidation step: the documents' summaries -> the consolidated layer's Turtle body, with
its counts, its time and its SHACL verdict (shapes/consolidated/)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from ..graph import new_graph
from ..output import prefix_block, triples_body
from ..validate import LABEL_PROPERTIES, Report, validate_graph
from ..vocab import CONSOLIDATED_GRAPH, KG
from .layer import node_outputs
from .nodes import Canon, Facts
from .turtle import join_blocks
from .summary import RDF_TYPE, XSD, Summary

XSD_STRING = XSD + "string"


@dataclass
class Layer:
    body: str = ""  # Turtle without PREFIX lines
    triples: int = 0
    nodes: int = 0
    claims: int = 0
    ties: int = 0
    seconds: float = 0.0  # aggregation and serialisation, wall clock
    cpu_seconds: float = 0.0  # the same, CPU time of this process (what a busy machine does not inflate)
    validate_seconds: float = 0.0
    report: Report | None = None

    def counts(self) -> dict:
        """What build.json reports (the same bytes for the same documents)."""
        return {"graph": CONSOLIDATED_GRAPH, "triples": self.triples, "nodes": self.nodes, "claims": self.claims,
                "ties": self.ties}

    def times(self) -> dict:
        """Where its time went (.cache/last-build.json, beside the other stages' times)."""
        return {"seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3),
                "validate_seconds": round(self.validate_seconds, 3)}


class _TurtleGraph:
    """The layer's Turtle for a validator that reads text, made an rdflib graph only where one is needed:
    all of it for pyshacl, only the names the report shows (validate.LABEL_PROPERTIES) when a Rust engine
    has validated the text itself and the graph only describes its results."""

    def __init__(self, turtle: str, describe_only: bool):
        self.turtle, self.describe_only = turtle, describe_only

    def graph(self, store: str = "default"):
        keep = {str(p) for p in LABEL_PROPERTIES}
        g = new_graph(store=store)
        for t in ox.parse(self.turtle, format=ox.RdfFormat.TURTLE):
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


def build_layer(summaries: list[str], engine: str | None = None) -> Layer:
    """The layer over the documents' summaries (Summary.pack, in graph order); `engine` validates it
    (validate.ENGINES), None not."""
    started, cpu = time.perf_counter(), time.process_time()
    facts = Facts.of(Summary.unpack(s) for s in summaries)
    canon = Canon(facts)
    layer = Layer()
    blocks: list[tuple[str, str]] = []
    for _canonical, node in node_outputs(facts, canon):
        blocks.extend(node.blocks)
        layer.triples += node.triples
        layer.nodes += node.nodes
        layer.claims += node.claims
        layer.ties += node.ties
    del facts, canon
    layer.body = join_blocks(blocks)
    del blocks
    layer.seconds, layer.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    if engine is not None and layer.body:
        started = time.perf_counter()
        turtle = prefix_block() + layer.body
        data = _TurtleGraph(turtle, describe_only=engine in ("turbo", "shacl"))
        layer.report = validate_graph(data, document=CONSOLIDATED_GRAPH, engine=engine, turtle=turtle,
                                      shapes="consolidated")
        layer.validate_seconds = time.perf_counter() - started
    return layer

"""The Rust SHACL engines, each with the shapes compiled once per process: pyshacl-turbo (pyshacl's API)
and `shacl` (its own API, turned here into pyshacl's report).

Compiled in each worker, not before the build forks: a native object's state is not known to survive one.
"""
from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .graph import TripleSet
from .shacl_pyshacl import rdflib_term, validate_rdflib
from .shacl_shapes import shapes_graph


@lru_cache(maxsize=2)
def _turbo_shapes(shapes: str = "documents"):
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(shapes_graph(shapes), advanced=True)


def validate_turbo(data: Graph | TripleSet, inplace: bool = False, turtle: str | None = None,
                   shapes: str = "documents"):
    """pyshacl-turbo: (conforms, report graph, the rdflib data graph if one was made).

    `turtle`, the same triples as Turtle with its prefixes (what the build writes), lets it parse them
    itself instead of reading rdflib terms one by one. Never inplace: turbo reads the graph into its own
    store either way, and inplace would make it work out and merge back what validation added to it
    (nothing, without rules or inference)."""
    if turtle is not None:
        from pyshacl_turbo.rdf import Input

        source, data_graph = Input(turtle, "turtle", None, {}), None
    else:
        source = data_graph = data if isinstance(data, Graph) else data.graph()
    conforms, report, _text = _turbo_shapes(shapes).validate(source, inference="none", allow_warnings=True)
    return conforms, report, data_graph


# ------------------------------------------------------------------ shacl --


@lru_cache(maxsize=2)
def _shacl_shapes(shapes: str = "documents"):
    """The shapes compiled by `shacl`, and the blank nodes it was given as IRIs.

    `shacl` names the blank nodes of the shapes it compiled with labels of its own, so a report could not
    say which property shape or SPARQL constraint a result comes from. Each one (every shape with a path,
    every SPARQL constraint) is handed over as a skolem IRI instead (a shape or a constraint may be an IRI:
    the meaning is the same) and mapped back."""
    import shacl

    sg = shapes_graph(shapes)
    nodes = {*sg.objects(None, SH.property), *sg.objects(None, SH.sparql), *sg.subjects(SH.path, None)}
    named = {node.skolemize(): node for node in nodes if isinstance(node, BNode)}
    iris = {node: iri for iri, node in named.items()}
    g = Graph(bind_namespaces="none")
    for s, p, o in sg:
        g.add((iris.get(s, s), p, iris.get(o, o)))
    return shacl.Shapes.from_text(g.serialize(format="nt"), format="ntriples"), named


def validate_shacl(data: Graph | TripleSet, inplace: bool = False, turtle: str | None = None,
                   shapes: str = "documents"):
    """`shacl`: (conforms, report graph as pyshacl makes it, the rdflib data graph if one was made).

    It reads the document as text: `turtle` where the build wrote it (only for a graph without blank
    nodes, as the build gives it), else N-Triples of `data`. A graph with blank nodes goes to plain pyshacl:
    `shacl` relabels them, and its report could not name them."""
    data_graph = None
    if turtle is None:
        data_graph = data if isinstance(data, Graph) else data.graph()
        if any(isinstance(s, BNode) or isinstance(o, BNode) for s, _p, o in data_graph):
            return validate_rdflib(data_graph, inplace=inplace, shapes=shapes)
    compiled, named = _shacl_shapes(shapes)
    if turtle is not None:
        result = compiled.validate_turtle(turtle, inference="none", allow_warnings=True)
    else:
        result = compiled.validate_text(data_graph.serialize(format="nt"), format="ntriples", inference="none",
                                      allow_warnings=True)
    report = _as_pyshacl_report(result.serialize("ntriples"), named, shapes) if len(result) else _empty_report(result)
    return result.conforms, report, data_graph


def _as_pyshacl_report(ntriples: str, named: dict[URIRef, BNode], shapes: str = "documents") -> Graph:
    """`shacl`'s report as pyshacl writes one: a result's source shape or constraint, and a property shape's
    path, are clones of the shapes graph's nodes that keep the node's own identifier (so the results of one
    shape share it, also across documents) and give the blank nodes inside them new ones; each is cloned
    once per report. Read with pyoxigraph: rdflib's N-Triples parser would cost more than validating."""
    fresh: dict = {}  # shacl labels the results r1, r2, ... in every report: new blank nodes, as rdflib gives

    def term(node):
        return fresh.setdefault(node, BNode()) if isinstance(node, ox.BlankNode) else rdflib_term(node)

    parsed = [(term(q.subject), term(q.predicate), term(q.object))
              for q in ox.parse(input=ntriples, format=ox.RdfFormat.N_TRIPLES)]
    nodes = {s for s, p, o in parsed if p == RDF.type and o in (SH.ValidationReport, SH.ValidationResult)}
    shape_of = {s: o for s, p, o in parsed if p == SH.sourceShape}
    sg = shapes_graph(shapes)
    report = Graph()
    for prefix, namespace in sg.namespaces():
        report.bind(prefix, namespace)
    cloned: dict = {}

    def clone(node):
        if node not in cloned:
            cloned[node] = _clone(sg, node, report, keep=True)
        return cloned[node]

    for s, p, o in parsed:
        if s not in nodes:
            continue  # shacl's own copy of a path: cloned from the shape instead
        if p in (SH.sourceShape, SH.sourceConstraint) and o in named:
            o = clone(named[o])
        elif p == SH.resultPath and isinstance(o, BNode):  # only a shape with a path reports one of its own
            o = clone(sg.value(named[shape_of[s]], SH.path))
        report.add((s, p, o))
    return report


def _clone(source: Graph, node, into: Graph, keep: bool = False):
    """pyshacl's clone of a blank node into a report (pyshacl.rdfutil.clone): the node keeps its identifier
    when `keep`, a list keeps its head's, the blank nodes inside get new ones."""
    if not isinstance(node, BNode):
        return node
    out = BNode(str(node)) if keep else BNode()
    if source.value(node, RDF.first) is not None:
        Collection(into, out, [_clone(source, item, into) for item in Collection(source, node)])
        return out
    for p, o in source.predicate_objects(node):
        into.add((out, p, _clone(source, o, into)))
    return out


def _empty_report(result) -> Graph:
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(bool(result.conforms))))
    return report

"""pyshacl, the reference engine, with rdflib or Oxigraph evaluating the shapes' SHACL-SPARQL.

pyshacl does everything but the SPARQL of SHACL-SPARQL targets and constraints: that goes to rdflib's engine
(plain pyshacl, with each query text prepared once) or to Oxigraph over a copy of the data graph.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.processor import SPARQLProcessor, prepareQuery

from .graph import TripleSet, new_graph, to_oxigraph
from .shacl_shapes import shapes_graph

SPARQL_ENGINES = ("rdflib", "oxigraph")


def validate_rdflib(data: Graph | TripleSet, inplace: bool = False, turtle: str | None = None,
                    shapes: str = "documents"):
    """Plain pyshacl: (conforms, report graph, the data graph validated); `shapes` names the shape set."""
    return _validate(data, "rdflib", inplace, shapes)


def validate_oxigraph(data: Graph | TripleSet, inplace: bool = False, turtle: str | None = None,
                      shapes: str = "documents"):
    """pyshacl with Oxigraph answering the shapes' SPARQL: (conforms, report graph, the data graph)."""
    return _validate(data, "oxigraph", inplace, shapes)


def _validate(data: Graph | TripleSet, engine: str, inplace: bool, shapes: str = "documents"):
    """inplace=True lets pyshacl skip copying the data graph (a third of its time on a document graph); with
    no inference and no SHACL rules it leaves the graph as it was."""
    if not isinstance(data, Graph):
        data = data.graph()
    elif not data.store.context_aware:  # pyshacl wraps the data graph in a Dataset: copy it into one that can be
        data = _context_aware_copy(data)
    with _sparql_engine(data, engine):
        conforms, report, _text = shacl_validate(
            data, shacl_graph=shapes_graph(shapes), inference="none", advanced=True, allow_warnings=True,
            inplace=inplace or engine == "oxigraph",  # a copy would not be the graph Oxigraph holds
        )
    return conforms, report, data


def _context_aware_copy(data: Graph) -> Graph:
    g = new_graph(data.identifier)
    for t in data:
        g.add(t)
    return g


def rdflib_term(term):
    """A pyoxigraph term as rdflib's (same lexical form, language, datatype; a blank node keeps its label)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple) -> object:
    return prepareQuery(text, initNs=dict(namespaces), base=base)


class _OxigraphMirror:
    """The data graph copied into a pyoxigraph Store, and the way back for the terms it returns.

    Terms that come from the data map back to the very rdflib terms of the data graph (so a report names
    the same literal, datatype and blank node); terms a query computes are converted."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.back: dict = {}
        self.bnodes: dict[BNode, ox.BlankNode] = {}
        self.store = ox.Store()
        self.store.extend([ox.Quad(self.to_ox(s), self.to_ox(p), self.to_ox(o)) for s, p, o in graph])

    def to_ox(self, term):
        out = self.bnodes.setdefault(term, ox.BlankNode()) if isinstance(term, BNode) else to_oxigraph(term)
        self.back.setdefault(out, term)
        return out

    def from_ox(self, term):
        known = self.back.get(term)
        return known if known is not None else rdflib_term(term)

    def query(self, text: str, init_bindings, init_ns, base) -> dict | None:
        """rdflib's processor result for `text`, evaluated by Oxigraph; None when Oxigraph cannot take it
        (then rdflib evaluates it). Bindings are substitutions (SEP-0007), which is what SHACL's pre-binding
        of $this and $value asks for."""
        try:
            subs = {ox.Variable(str(k)): self.to_ox(v) for k, v in (init_bindings or {}).items()}
        except TypeError:
            return None
        prefixes = {str(k): str(v) for k, v in (init_ns or {}).items() if k}
        try:
            res = self.store.query(text, prefixes=prefixes, base_iri=base, substitutions=subs or None)
        except SyntaxError:
            return None
        if isinstance(res, ox.QueryBoolean):
            return {"type_": "ASK", "askAnswer": bool(res)}
        if not isinstance(res, ox.QuerySolutions):
            return None
        names = list(res.variables)
        variables = [Variable(v.value) for v in names]
        rows = []
        for solution in res:
            row = {}
            for name, var in zip(names, variables):
                value = solution[name]
                if value is not None:
                    row[var] = self.from_ox(value)
            rows.append(row)
        return {"type_": "SELECT", "vars_": variables, "bindings": rows}


@contextmanager
def _sparql_engine(data: Graph, engine: str = "rdflib"):
    """Evaluate the SPARQL pyshacl runs on `data` with `engine`, while pyshacl runs.

    rdflib: pyshacl hands rdflib every SHACL-SPARQL constraint as text, once per focus node, and rdflib
    parses it every time (far more than running it costs). A prepared query is reusable by design,
    so the processor is given the prepared one. oxigraph: queries on `data` go to a pyoxigraph copy of it
    (the data graph does not change while pyshacl runs: no inference, no rules); others, and any text
    Oxigraph cannot parse, stay with rdflib. The patch is undone when validation ends."""
    if engine not in SPARQL_ENGINES:
        raise ValueError(f"unknown SPARQL engine for validation: {engine!r} (choose from {', '.join(SPARQL_ENGINES)})")
    original = SPARQLProcessor.query
    mirror = _OxigraphMirror(data) if engine == "oxigraph" else None

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if mirror is not None and isinstance(strOrQuery, str) and getattr(self.graph, "store", None) is data.store:
            answer = mirror.query(strOrQuery, initBindings, initNs, base)
            if answer is not None:
                return answer
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query
    try:
        yield mirror
    finally:
        SPARQLProcessor.query = original

"""SHACL validation (pyshacl) per named graph, and a report people can read.

pyshacl validates a Dataset as the union of its graphs, so a per-document verdict needs one call per
graph; the shapes graph is parsed once. `validate_dataset()` returns data and prints nothing. The report
groups violations by document and by shape, one line each: the focus node's label, path, value, message.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import SDO, SH, SKOS
from rdflib.plugins.sparql.processor import SPARQLProcessor, prepareQuery

from .graph import PREFIXES, TripleSet, new_graph, to_oxigraph
from .resources import resource_dir
from .vocab import GAF, KG

KGSH = "https://w3id.org/kgbuild/shapes#"
PLAIN_DATATYPES = (XSD.integer, XSD.decimal, XSD.boolean)
LABEL_PROPERTIES = (SDO.name, RDFS.label, SKOS.prefLabel, KG.anchorOf, KG.fileName)
MAX_LABEL = 60
# Who evaluates the SPARQL that pyshacl runs (SHACL-SPARQL targets and constraints): rdflib's engine (the
# reference: plain pyshacl) or Oxigraph over a copy of the data graph. pyshacl does everything else.
SPARQL_ENGINES = ("rdflib", "oxigraph")
# Who validates: pyshacl with one of the SPARQL_ENGINES, or pyshacl-turbo (a Rust SHACL engine with
# pyshacl's API, shapes compiled once per process). tests/test_shapes.py checks that every engine gives plain
# pyshacl's report on every shapes snippet and every corpus document.
ENGINES = (*SPARQL_ENGINES, "turbo")


def shapes_path() -> Path:
    return resource_dir("shapes", "*.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    for p in sorted(shapes_path().glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


@dataclass
class Violation:
    document: str
    shape: str
    focus: str
    focus_label: str
    path: str
    value: str
    message: str
    severity: str

    def line(self) -> str:
        where = self.path + (f" = {self.value}" if self.value else "") if self.path else self.value
        return f"{self.focus_label} [{where}]: {self.message}" if where else f"{self.focus_label}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graphs: int = 0
    results: Graph = field(default_factory=new_graph)  # one sh:ValidationReport for all graphs, as RDF

    def to_turtle(self) -> str:
        return self.results.serialize(format="longturtle", canon=True)

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "graphs": self.graphs, "violations": [asdict(v) for v in self.violations]},
            ensure_ascii=False,
            indent=1,
        )

    def to_text(self) -> str:
        if self.conforms and not self.violations:
            return f"Conforms: {self.graphs} graph(s) validated, no violations.\n"
        verdict = "Conforms" if self.conforms else "Does not conform"
        docs = len({v.document for v in self.violations})
        lines = [f"{verdict}: {len(self.violations)} violation(s) in {docs} of {self.graphs} graph(s)."]
        by_doc: dict[str, dict[str, list[Violation]]] = {}
        for v in self.violations:
            by_doc.setdefault(v.document, {}).setdefault(v.shape, []).append(v)
        for doc in sorted(by_doc):
            lines.append(f"\n{doc}")
            for shape in sorted(by_doc[doc]):
                lines.append(f"  {shape} ({len(by_doc[doc][shape])})")
                lines.extend(f"    {v.line()}" for v in by_doc[doc][shape])
        return "\n".join(lines) + "\n"


# ------------------------------------------------------------- running --


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
        self.routed = 0  # queries Oxigraph answered (the rest fell back to rdflib)

    def to_ox(self, term):
        out = self.bnodes.setdefault(term, ox.BlankNode()) if isinstance(term, BNode) else to_oxigraph(term)
        self.back.setdefault(out, term)
        return out

    def from_ox(self, term):
        known = self.back.get(term)
        if known is not None:
            return known
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
        self.routed += 1
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


@lru_cache(maxsize=1)
def _turbo_shapes():
    """The shapes compiled by pyshacl-turbo, once per process (compiled in each worker, not before the fork:
    a native object's state is not known to survive one)."""
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(shapes_graph(), advanced=True)


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine: {engine!r} (choose from {', '.join(ENGINES)})")
    return engine


@contextmanager
def _sparql_engine(data: Graph, engine: str = "rdflib"):
    """Evaluate the SPARQL pyshacl runs on `data` with `engine`, while pyshacl runs.

    rdflib: pyshacl hands rdflib every SHACL-SPARQL constraint as text, once per focus node, and rdflib
    parses it every time (~7 ms, 50 times the cost of running it). A prepared query is reusable by design,
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


def validate_graph(data: Graph | TripleSet, document: str = "", inplace: bool = False, engine: str = "rdflib",
                   turtle: str | None = None) -> Report:
    """Validate one graph; `document` names it in the report (else each focus node's own document).

    inplace=True lets pyshacl skip copying the data graph (a third of its time on a document graph); with
    no inference and no SHACL rules it leaves the graph as it was. `engine` (ENGINES) picks pyshacl with
    rdflib or Oxigraph evaluating the SHACL-SPARQL parts, or pyshacl-turbo; the report is the same
    (tests/test_shapes.py). `data` may be a document's TripleSet; `turtle`, the same triples as Turtle
    with its prefixes (what the build writes), lets pyshacl-turbo parse them itself instead of reading
    rdflib terms one by one; an rdflib graph of them is then made only to describe violations."""
    if check_engine(engine) == "turbo":
        # not inplace: turbo reads the graph into its own store either way, and inplace would make it work out
        # and merge back what validation added to it (nothing, without rules or inference: ~5 ms a document)
        if turtle is not None:
            from pyshacl_turbo.rdf import Input

            source = Input(turtle, "turtle", None, {})
        else:
            source = data if isinstance(data, Graph) else data.graph()
        conforms, report, _text = _turbo_shapes().validate(source, inference="none", allow_warnings=True)
    else:
        if not isinstance(data, Graph):
            data = data.graph()
        elif not data.store.context_aware:  # pyshacl wraps the data graph in a Dataset: copy it into one that can be
            data = _context_aware_copy(data)
        with _sparql_engine(data, engine):
            conforms, report, _text = shacl_validate(
                data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True,
                inplace=inplace or engine == "oxigraph",  # a copy would not be the graph Oxigraph holds
            )
    if not isinstance(report, Graph):
        raise RuntimeError(f"SHACL validation failed to run on {document or 'graph'}: {report}")
    out = Report(conforms=bool(conforms), graphs=1)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    if results and not isinstance(data, Graph):
        data = data.graph()
    documents = _documents(data) if results else {}
    if not document and len(documents) == 1:
        document = next(iter(documents.values()))
    for result in results:
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        out.violations.append(
            Violation(
                document=document or _focus_document(data, focus, documents),
                shape=_shape_name(report.value(result, SH.sourceShape)),
                focus=str(focus),
                focus_label=_label(data, focus),
                path=_path(report, data, path),
                value=_term(data, value) if value is not None else "",
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=_term(report, report.value(result, SH.resultSeverity)),
            )
        )
    out.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    _copy_results(report, out.results)
    return out


def _context_aware_copy(data: Graph) -> Graph:
    g = new_graph(data.identifier)
    for t in data:
        g.add(t)
    return g


def validate_dataset(ds: Dataset, name: str = "", engine: str = "rdflib") -> Report:
    """One pyshacl call per non-empty graph, so each verdict names its document.

    A graph that holds exactly one kg:PressRelease is that document (its file name); otherwise (a union
    graph read from Turtle) each violation names the document of its focus node, or `name`."""
    total = Report(conforms=True)
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if not len(ctx):
            continue
        g = new_graph()
        for t in ctx:
            g.add(t)
        r = validate_graph(g, engine=engine)
        for v in r.violations:
            v.document = v.document or name or str(ctx.identifier)
        total.graphs += 1
        total.conforms = total.conforms and r.conforms
        total.violations.extend(r.violations)
        for t in r.results:
            total.results.add(t)
    total.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    _merge_reports(total)
    return total


# ---------------------------------------------------------- describing --


def _copy_results(report: Graph, into: Graph) -> None:
    """The results and their nested nodes, without pyshacl's per-call sh:ValidationReport node."""
    reports = set(report.subjects(RDF.type, SH.ValidationReport))
    for s, p, o in report:
        if s not in reports:
            into.add((s, p, o))


def _merge_reports(total: Report) -> None:
    """One sh:ValidationReport node for the whole dataset, pointing at every result."""
    g = total.results
    node = BNode("report")
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(total.conforms)))
    for result in list(g.subjects(RDF.type, SH.ValidationResult)):
        g.add((node, SH.result, result))
    g.bind("sh", SH)
    g.bind("kgsh", KGSH)


def _shape_name(shape) -> str:
    """A property shape is a blank node: name it by the node shape that holds it."""
    sg = shapes_graph()
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = sg.value(predicate=SH.property, object=shape)
        if parent is None:
            break
        shape = parent
    if isinstance(shape, URIRef) and str(shape).startswith(KGSH):
        return "kgsh:" + str(shape)[len(KGSH):]
    return str(shape)


def _term(g: Graph, term) -> str:
    """IRIs as prefixed names where a prefix fits, literals in Turtle syntax (so a bad date shows its type)."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in PLAIN_DATATYPES and not term.ill_typed:
        return str(term)  # 15, true, 2.5: as Turtle writes them
    if isinstance(term, URIRef):
        # a prefix even where Turtle would not allow one (id:meeting/x): the report is for people
        for prefix, ns in sorted(g.namespaces(), key=lambda pn: -len(pn[1])):
            if prefix and str(term).startswith(str(ns)) and len(term) > len(ns):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3(g.namespace_manager)
    if isinstance(term, BNode):
        return "[]"
    return str(term)


def _path(report: Graph, data: Graph, path) -> str:
    """A SHACL path in SPARQL syntax: p, ^p, p1/p2."""
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = report.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path(report, data, inverse)
        if report.value(path, RDF.first) is not None:
            return "/".join(_path(report, data, step) for step in Collection(report, path))
    return _term(data, path)


def _label(data: Graph, node) -> str:
    """The focus node for people: its English label (else any), then its IRI as a prefixed name."""
    labels = [o for p in LABEL_PROPERTIES for o in data.objects(node, p) if isinstance(o, Literal)]
    labels.sort(key=lambda lit: (lit.language != "en", str(lit)))
    iri = _term(data, node) if isinstance(node, URIRef) else str(node)
    if not labels:
        return iri
    text = " ".join(str(labels[0]).split())
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    return f'"{text}" {iri}'


def _documents(g: Graph) -> dict[URIRef, str]:
    """The documents a graph describes: IRI -> file name."""
    return {doc: str(g.value(doc, KG.fileName) or doc) for doc in g.subjects(RDF.type, KG.PressRelease)}


def _focus_document(g: Graph, focus, documents: dict[URIRef, str]) -> str:
    """The document a focus node comes from, through its provenance, when that is one document."""
    if focus in documents:
        return documents[focus]
    found = set(g.objects(focus, KG.inDocument))
    found |= {d for m in g.objects(focus, GAF.denotedBy) for d in g.objects(m, KG.inDocument)}
    found |= {d for s in g.objects(focus, KG.evidence) for d in g.objects(s, KG.inDocument)}
    found |= {d for s in g.objects(focus, KG.inSentence) for d in g.objects(s, KG.inDocument)}
    found &= set(documents)
    return documents[next(iter(found))] if len(found) == 1 else ""

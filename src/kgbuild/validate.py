"""Validation's front door: SHACL validation per named graph with the engine asked for, and a report
people can read.

pyshacl validates a Dataset as the union of its graphs, so a per-document verdict needs one call per
graph; the shapes are parsed once. `validate_dataset()` returns data and prints nothing. The report groups
violations by document and by shape, one line each: the focus node's label, path, value, message. The
engines are adapters beside this module (shacl_pyshacl, shacl_rust), each giving a SHACL report graph
that is described here the same way whichever engine made it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SDO, SH, SKOS

from .graph import TripleSet, dataset_graphs, new_graph
from .shacl_pyshacl import SPARQL_ENGINES, validate_oxigraph, validate_rdflib
from .shacl_rust import validate_shacl, validate_turbo
from .shacl_shapes import shapes_graph, shapes_namespace, shapes_path
from .vocab import CONSOLIDATED_GRAPH, DATA_NS, GAF, KG, VOCABULARY_GRAPH

__all__ = ["ENGINES", "SHACL_ENGINES", "SPARQL_ENGINES", "Report", "Violation", "check_engine", "engine_for",
           "shapes_graph", "shapes_path", "validate_dataset", "validate_graph"]

PLAIN_DATATYPES = (XSD.integer, XSD.decimal, XSD.boolean)
LABEL_PROPERTIES = (SDO.name, RDFS.label, SKOS.prefLabel, KG.anchorOf, KG.fileName)
MAX_LABEL = 60
# Who validates -> its adapter: pyshacl with rdflib (the reference) or Oxigraph evaluating the SHACL-SPARQL
# parts, or a Rust SHACL engine: pyshacl-turbo (pyshacl's API) or shacl (its own). Each returns (conforms,
# SHACL report graph, the rdflib data graph it validated or None). tests/test_shapes.py checks that every
# engine gives plain pyshacl's report on every shapes snippet and every corpus document.
ADAPTERS = {
    "rdflib": validate_rdflib,
    "oxigraph": validate_oxigraph,
    "turbo": validate_turbo,
    "shacl": validate_shacl,
}
ENGINES = tuple(ADAPTERS)
# what the command line's --shacl-engine names; --shacl-sparql picks the SPARQL_ENGINES of pyshacl
SHACL_ENGINES = ("pyshacl", "turbo", "shacl")


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
    _results: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def results(self) -> Graph:
        """One sh:ValidationReport for all graphs, as RDF; made when first asked for (a build asks for it of
        no document, and an rdflib graph costs more than many a verdict)."""
        if self._results is None:
            self._results = new_graph()
        return self._results

    def to_turtle(self) -> str:
        return self.results.serialize(format="longturtle", canon=True)

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "graphs": self.graphs, "violations": [asdict(v) for v in self.violations]},
            ensure_ascii=False,
            indent=1,
        )

    @property
    def errors(self) -> int:
        """Results of severity sh:Violation (the rest are warnings and notes: sh:Warning, sh:Info)."""
        return sum(1 for v in self.violations if v.severity == "sh:Violation")

    def tally(self) -> str:
        """"2 violation(s)", "3 warning(s)", "2 violation(s) and 3 warning(s)"."""
        errors, warnings = self.errors, len(self.violations) - self.errors
        parts = [f"{errors} violation(s)"] if errors or not warnings else []
        return " and ".join(parts + ([f"{warnings} warning(s)"] if warnings else []))

    def to_text(self) -> str:
        if self.conforms and not self.violations:
            return f"Conforms: {self.graphs} graph(s) validated, no violations.\n"
        verdict = "Conforms" if self.conforms else "Does not conform"
        docs = len({v.document for v in self.violations})
        lines = [f"{verdict}: {self.tally()} in {docs} of {self.graphs} graph(s)."]
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


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine: {engine!r} (choose from {', '.join(ENGINES)})")
    return engine


def engine_for(shacl_engine: str, shacl_sparql: str = "rdflib") -> str:
    """The engine (ENGINES) that --shacl-engine and --shacl-sparql name together; ValueError if none."""
    if shacl_engine not in SHACL_ENGINES:
        raise ValueError(f"unknown --shacl-engine {shacl_engine!r} (choose from {', '.join(SHACL_ENGINES)})")
    if shacl_sparql not in SPARQL_ENGINES:
        raise ValueError(f"unknown --shacl-sparql {shacl_sparql!r} (choose from {', '.join(SPARQL_ENGINES)})")
    if shacl_engine == "pyshacl":
        return shacl_sparql
    if shacl_sparql != "rdflib":
        raise ValueError("--shacl-sparql applies to --shacl-engine pyshacl only (a Rust engine runs the SPARQL itself)")
    return shacl_engine


def validate_graph(data: Graph | TripleSet, document: str = "", inplace: bool = False, engine: str = "rdflib",
                   turtle: str | None = None, shapes: str = "documents", as_rdf: bool = True) -> Report:
    """Validate one graph; `document` names it in the report (else each focus node's own document).

    `engine` (ENGINES) picks who validates; the report is the same (tests/test_shapes.py). inplace=True lets
    pyshacl skip copying the data graph. `data` may be a document's TripleSet; `turtle`, the same triples
    as Turtle with its prefixes (what the build writes), lets a Rust engine parse them itself instead of
    reading rdflib terms one by one; an rdflib graph of them is then made only to describe violations.
    `shapes` names the shape set (shacl_shapes.SHAPE_SETS): the documents' or the consolidated layer's.
    as_rdf=False leaves the report's results out of Report.results (a caller that reads only the violations)."""
    conforms, report, validated = ADAPTERS[check_engine(engine)](data, inplace=inplace, turtle=turtle, shapes=shapes)
    if not isinstance(report, Graph):
        raise RuntimeError(f"SHACL validation failed to run on {document or 'graph'}: {report}")
    if validated is not None:
        data = validated
    out = Report(conforms=bool(conforms), graphs=1)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    if results and not isinstance(data, Graph):
        # a data source that can describe some nodes alone (the consolidated layer) is asked for the focus nodes'
        describing = getattr(data, "describing", None)
        data = describing([report.value(r, SH.focusNode) for r in results]) if describing else data.graph()
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
                shape=_shape_name(report.value(result, SH.sourceShape), shapes),
                focus=str(focus),
                focus_label=_label(data, focus),
                path=_path(report, data, path),
                value=_term(data, value) if value is not None else "",
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=_term(report, report.value(result, SH.resultSeverity)),
            )
        )
    out.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    if results and as_rdf:
        _copy_results(report, out.results)
    return out


def validate_dataset(ds: Dataset, name: str = "", engine: str = "rdflib") -> Report:
    """One validation per non-empty graph, so each verdict names its document.

    A graph that holds exactly one kg:PressRelease is that document (its file name); otherwise (a union
    graph read from Turtle) each violation names the document of its focus node, or `name`."""
    total = Report(conforms=True)
    for graph_name, g, shapes in _parts(dataset_graphs(ds), name):
        r = validate_graph(g, engine=engine, shapes=shapes)
        for v in r.violations:
            v.document = v.document or name or graph_name
        total.graphs += 1
        total.conforms = total.conforms and r.conforms
        total.violations.extend(r.violations)
        for t in r.results:
            total.results.add(t)
    total.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    _merge_reports(total)
    return total


class UnionOfDocuments(ValueError):
    """A graph without graph names that holds several documents' facts: no per-document verdict is possible."""


LAYER_NS = DATA_NS + "consolidated/"


def _parts(graphs: list[tuple[str, Graph]], name: str) -> list[tuple[str, Graph, str]]:
    """(name, graph, shapes) to validate. The consolidated layer has shapes of its own: the named graph
    id:graph/consolidated, or, in a file without graph names (consolidated.ttl, graph.ttl), the triples
    about the layer's nodes and the kg:consolidatedAs links to them. What is left of such a file is one
    document's graph; the union of several documents' graphs (graph.ttl) is not one consistent
    description (a meeting that documents date differently has several dates there), so it is refused."""
    out = []
    for graph_name, g in graphs:
        if graph_name == VOCABULARY_GRAPH:
            continue  # the data files' concepts, series and roles, as the documents describe them: no document
        if graph_name == CONSOLIDATED_GRAPH:
            out.append((graph_name, g, "consolidated"))
            continue
        documents = len(set(g.subjects(RDF.type, KG.PressRelease)))
        if documents == 0 and (None, KG.consolidatedAs, None) in g:  # the layer alone
            out.append((CONSOLIDATED_GRAPH, g, "consolidated"))
            continue
        layer, rest = new_graph(), new_graph()
        for t in g:
            s, p, _ = t
            (layer if str(s).startswith(LAYER_NS) or p == KG.consolidatedAs else rest).add(t)
        if len(layer):
            out.append((CONSOLIDATED_GRAPH, layer, "consolidated"))
        if len(rest):
            if documents > 1:
                raise UnionOfDocuments(
                    f"{name or graph_name}: the union of {documents} documents' graphs, which is not one consistent "
                    "description (facts the documents give differently have several values there): validate the "
                    "build folder or graph.trig (each document's graph and the consolidated layer), or "
                    "consolidated.ttl (the layer alone)")
            out.append((graph_name, rest, "documents"))
    return out


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
    g.bind("kgsh", shapes_namespace())


def _shape_name(shape, shapes: str = "documents") -> str:
    """A property shape is a blank node: name it by the node shape that holds it."""
    sg = shapes_graph(shapes)
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = sg.value(predicate=SH.property, object=shape)
        if parent is None:
            break
        shape = parent
    kgsh = shapes_namespace()
    if isinstance(shape, URIRef) and str(shape).startswith(kgsh):
        return "kgsh:" + str(shape)[len(kgsh):]
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

"""SHACL validation (pyshacl) per named graph, and a report people can read.

pyshacl validates a Dataset as the union of its graphs, so a per-document verdict needs one call per
graph; the shapes graph is parsed once. `validate()` returns data and prints nothing.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SDO, SH, SKOS

from .graph import new_graph

SHAPES_DIR_CANDIDATES = ("shapes",)


def shapes_path() -> Path:
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *here.parents]:
        p = base / "shapes"
        if p.is_dir() and any(p.glob("*.ttl")):
            return p
    raise FileNotFoundError("shapes/ folder with SHACL shapes not found")


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


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graphs: int = 0
    results: Graph = field(default_factory=Graph)  # the SHACL validation report(s), as RDF

    def to_turtle(self) -> str:
        g = self.results
        g.bind("sh", SH)
        return g.serialize(format="longturtle", canon=True)

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "graphs": self.graphs, "violations": [asdict(v) for v in self.violations]},
            ensure_ascii=False,
            indent=1,
        )

    def to_text(self) -> str:
        if self.conforms:
            return f"Conforms: {self.graphs} graph(s) validated, no violations.\n"
        lines = [f"Does not conform: {len(self.violations)} violation(s) in {self.graphs} graph(s)."]
        by_doc: dict[str, dict[str, list[Violation]]] = {}
        for v in self.violations:
            by_doc.setdefault(v.document, {}).setdefault(v.shape, []).append(v)
        for doc in sorted(by_doc):
            lines.append(f"\n{doc}")
            for shape in sorted(by_doc[doc]):
                lines.append(f"  {shape}")
                for v in by_doc[doc][shape]:
                    value = f" = {v.value}" if v.value else ""
                    lines.append(f"    {v.focus_label} [{v.path}{value}]: {v.message}")
        return "\n".join(lines) + "\n"


def _short(g: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:
            return str(term)
    return str(term)


def _label(data: Graph, node) -> str:
    """The focus node's name for people: an English label first, then any."""
    labels = [o for p in (SDO.name, RDFS.label, SKOS.prefLabel) for o in data.objects(node, p)]
    labels.sort(key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
    return f"{labels[0]} <{node}>" if labels else f"<{node}>"


def validate_graph(data: Graph, document: str = "") -> Report:
    conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
    )
    if not isinstance(report, Graph):
        raise RuntimeError(f"SHACL validation failed to run on {document or 'graph'}: {report}")
    out = Report(conforms=bool(conforms), graphs=1, results=report)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        # a property shape is a blank node: name it by its node shape
        node_shape = shapes_graph().value(predicate=SH.property, object=shape) or shape
        msg = report.value(result, SH.resultMessage) or Literal("")
        out.violations.append(
            Violation(
                document=document,
                shape=_short(shapes_graph(), node_shape) if isinstance(node_shape, URIRef) else str(node_shape),
                focus=str(focus),
                focus_label=_label(data, focus),
                path=_short(data, path) if path is not None and not isinstance(path, Literal) else str(path or ""),
                value=str(value) if value is not None else "",
                message=str(msg),
                severity=_short(report, report.value(result, SH.resultSeverity)),
            )
        )
    out.violations.sort(key=lambda v: (v.document, v.shape, v.focus, v.path, v.value, v.message))
    return out


def validate_dataset(ds: Dataset) -> Report:
    """One pyshacl call per named graph, so each verdict names its document."""
    total = Report(conforms=True)
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if not len(ctx):
            continue
        g = new_graph()
        for t in ctx:
            g.add(t)
        name = _file_name(g) or str(ctx.identifier)
        r = validate_graph(g, name)
        total.graphs += 1
        total.conforms = total.conforms and r.conforms
        total.violations.extend(r.violations)
        total.results += r.results
    return total


def _file_name(g: Graph) -> str | None:
    from .vocab import KG

    for o in g.objects(None, KG.fileName):
        return str(o)
    return None

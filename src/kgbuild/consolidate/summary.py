"""What one document contributes to the consolidated layer: its facts without their provenance.

A summary is made in the worker that built the document, from the document graph's triples, and cached
with the document's other outputs; consolidation then needs no RDF parsing of the documents again. Terms
are plain Python values so a summary is cheap to pickle and to store as JSON: an IRI is a `str`, a literal
a `(lexical form, datatype IRI, language)` tuple (language "" when there is none).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

import pyoxigraph as ox

from ..vocab import DATA_NS, GAF, KG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"

LiteralValue = tuple[str, str, str]
Term = Union[str, LiteralValue]
Fact = tuple[str, str, Term]

# nodes that only say where a fact came from: the document itself, its sentences, mentions and spans,
# and the reified statements pointing at them; the per-document graphs keep them, the layer does not
PROVENANCE_CLASSES = frozenset({str(KG.Mention), str(KG.Sentence), str(KG.PressRelease), RDF_STATEMENT})
PROVENANCE_PREDICATES = frozenset({str(GAF.denotedBy), str(KG.evidence), PROV_DERIVED, str(KG.inDocument),
                                   str(KG.inSentence), str(KG.beginIndex), str(KG.endIndex), str(KG.anchorOf)})


@dataclass(frozen=True)
class Summary:
    doc: str  # the document's graph IRI
    file: str
    issued: str  # ISO date of issue
    language: str
    official: bool  # an official press service is named as reporting a meeting of it
    facts: tuple[Fact, ...]  # sorted

    def to_json(self) -> dict:
        return {"doc": self.doc, "file": self.file, "issued": self.issued, "language": self.language,
                "official": self.official, "facts": [list(f[:2]) + [f[2] if isinstance(f[2], str) else list(f[2])]
                                                     for f in self.facts]}

    @classmethod
    def from_json(cls, data: dict) -> "Summary":
        facts = tuple((s, p, o if isinstance(o, str) else tuple(o)) for s, p, o in data["facts"])
        return cls(data["doc"], data["file"], data["issued"], data["language"], bool(data["official"]), facts)


def term(node) -> Term:
    """A pyoxigraph term as a plain value (see the module's docstring)."""
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.Literal):
        return (node.value, node.datatype.value, node.language or "")
    raise TypeError(f"the consolidated layer reads IRIs and literals, not {node!r}")


def to_oxigraph(value: Term) -> ox.NamedNode | ox.Literal:
    if isinstance(value, str):
        return ox.NamedNode(value)
    lexical, datatype, language = value
    if language:
        return ox.Literal(lexical, language=language)
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def _is_span(iri: str) -> bool:
    return iri.startswith(DATA_NS + "doc/") and "#" in iri


def summarise(doc: str, triples: Iterable[ox.Triple]) -> Summary:
    """The document's facts (triples whose subject is not provenance) and what is known of the document."""
    triples = list(triples)
    provenance = {doc}
    for t in triples:
        if t.predicate.value == RDF_TYPE and t.object.value in PROVENANCE_CLASSES:
            provenance.add(t.subject.value)
    info = {"file": "", "issued": "", "language": ""}
    facts: set[Fact] = set()
    official = False
    for t in triples:
        s, p = t.subject.value, t.predicate.value
        if s == doc:
            if p == str(KG.fileName):
                info["file"] = t.object.value
            elif p == DCTERMS + "issued":
                info["issued"] = t.object.value
            elif p == DCTERMS + "language":
                info["language"] = t.object.value
            continue
        if s in provenance or _is_span(s) or p in PROVENANCE_PREDICATES:
            continue
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            raise TypeError(f"{doc}: a blank node cannot be consolidated across documents")
        o = term(t.object)
        if isinstance(o, str) and (o in provenance or _is_span(o)):
            continue
        if p == str(KG.reportedBy):
            official = True
        facts.add((s, p, o))
    return Summary(doc, info["file"], info["issued"], info["language"], official, tuple(sorted(facts, key=_fact_order)))


def _fact_order(f: Fact) -> tuple:
    s, p, o = f
    return (s, p, (0, o) if isinstance(o, str) else (1,) + o)

"""What one document contributes to the consolidated layer: its facts without their provenance.

A summary is made in the worker that built the document, from the document graph's triples, and cached
with the document's other outputs; consolidation then needs no RDF parsing of the documents again. Terms
are plain Python values so a summary is cheap to pickle and to store as JSON: an IRI is a `str`, a literal
a `(lexical form, datatype IRI, language)` tuple (language "" when there is none).
"""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass
from typing import Iterable, Union

import pyoxigraph as ox

from ..vocab import DATA_NS, GAF, KG

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
XSD = "http://www.w3.org/2001/XMLSchema#"
TRUE = ("true", XSD + "boolean", "")
DCTERMS = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
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
    inferred: tuple[Fact, ...] = ()  # the facts whose value the document inferred (kg:inferred), sorted

    def to_json(self) -> dict:
        return {"doc": self.doc, "file": self.file, "issued": self.issued, "language": self.language,
                "official": self.official, "facts": _facts_json(self.facts), "inferred": _facts_json(self.inferred)}

    def pack(self) -> str:
        """The summary as compact text (JSON, zlib, base64): what a build keeps in memory and caches."""
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")

    @classmethod
    def unpack(cls, text: str) -> "Summary":
        return cls.from_json(json.loads(zlib.decompress(base64.b64decode(text))))

    @classmethod
    def from_json(cls, data: dict) -> "Summary":
        return cls(data["doc"], data["file"], data["issued"], data["language"], bool(data["official"]),
                   _facts_of_json(data["facts"]), _facts_of_json(data.get("inferred", [])))


def _facts_json(facts: tuple[Fact, ...]) -> list:
    return [list(f[:2]) + [f[2] if isinstance(f[2], str) else list(f[2])] for f in facts]


def _facts_of_json(rows: list) -> tuple[Fact, ...]:
    return tuple((s, p, o if isinstance(o, str) else tuple(o)) for s, p, o in rows)


def term(node) -> Term | None:
    """A pyoxigraph term as a plain value (see the module's docstring)."""
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.Literal):
        return (node.value, node.datatype.value, node.language or "")
    return None  # a blank node: nothing names it in another document


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
    return _summarise(doc, [(term(t.subject), term(t.predicate), term(t.object)) for t in triples])


def summarise_rdflib(doc: str, triples: Iterable[tuple]) -> Summary:
    """The same from rdflib terms (a document's TripleSet as the mappers wrote it)."""
    converted: dict = {}  # predicates and entities recur: each term converted once

    def plain(node):
        found = converted.get(node, converted)
        if found is converted:
            found = converted[node] = rdflib_term(node)
        return found

    return _summarise(doc, [(plain(s), plain(p), plain(o)) for s, p, o in triples])


def summarise_terms(doc: str, triples: Iterable[Fact]) -> Summary:
    """The same from plain terms (terms.py writes them as this module does: a document's TripleSet)."""
    return _summarise(doc, list(triples))


def rdflib_term(node) -> Term | None:
    from rdflib import Literal, URIRef

    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        if node.language:
            return (str(node), RDF_LANG_STRING, node.language)
        return (str(node), str(node.datatype) if node.datatype is not None else XSD + "string", "")
    return None  # a blank node: nothing names it in another document


INFERRED = str(KG.inferred)
REIFIED = {RDF + "subject": 0, RDF + "predicate": 1, RDF + "object": 2}


def _summarise(doc: str, triples: list[Fact]) -> Summary:
    provenance = {doc}
    marked = set()  # statements marked kg:inferred true
    for s, p, o in triples:
        if p == RDF_TYPE and o in PROVENANCE_CLASSES:
            provenance.add(s)
        elif p == INFERRED and o == TRUE:
            marked.add(s)
    parts: dict[str, list] = {st: [None, None, None] for st in marked}
    if marked:
        for s, p, o in triples:
            if s in parts and p in REIFIED:
                parts[s][REIFIED[p]] = o
    info = {"file": "", "issued": "", "language": ""}
    facts: set[Fact] = set()
    official = False
    for s, p, o in triples:
        if s is None or o is None:
            continue  # a fact about or pointing at a blank node cannot be matched across documents
        if s == doc:
            if p == str(KG.fileName):
                info["file"] = o[0]
            elif p == DCTERMS + "issued":
                info["issued"] = o[0]
            elif p == DCTERMS + "language":
                info["language"] = o[0]
            continue
        if s in provenance or _is_span(s) or p in PROVENANCE_PREDICATES:
            continue
        if isinstance(o, str) and (o in provenance or _is_span(o)):
            continue
        if p == str(KG.reportedBy):
            official = True
        facts.add((s, p, o))
    inferred = {tuple(f) for f in parts.values() if None not in f and tuple(f) in facts}
    return Summary(doc, info["file"], info["issued"], info["language"], official, tuple(sorted(facts, key=_fact_order)),
                   tuple(sorted(inferred, key=_fact_order)))


def _fact_order(f: Fact) -> tuple:
    s, p, o = f
    return (s, p, (0, o) if isinstance(o, str) else (1,) + o)

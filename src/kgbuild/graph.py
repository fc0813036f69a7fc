"""Deterministic IRIs, one named graph per document, provenance for every extracted statement.

A statement extracted from a sentence is added together with its reification (rdf:Statement with
kg:evidence to the sentence <doc#char=s,e>), so any fact can be traced to its document, sentence and
offsets. Entities get rdfs:label in every language the gazetteer has and gaf:denotedBy to each mention.
A document graph is written with plain terms (terms.py: IRIs as strings, literals as tuples), not rdflib's.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from .document import Document
from .gazetteer import Entity, Gazetteer
from .facts import Evidence
from .terms import (DCTERMS, GAF, KG, ORG, OWL, PROV, RDF, RDFS, SDO, TRUE, WD, XSD, Term, from_rdflib, integer,
                    literal, n3, to_rdflib, typed)
from .vocab import DATA_NS, PREFIXES

TYPE_CLASSES = {
    "Country": [SDO.Country],
    "City": [SDO.City],
    "Place": [SDO.Place],
    "Region": [KG.Region],
    "Organization": [SDO.Organization, ORG.Organization],
    "Person": [SDO.Person],
    "Role": [ORG.Role],
    "Format": [KG.Format],
}


def new_graph(identifier: URIRef | None = None, store: str = "default") -> Graph:
    """A graph with kgbuild's prefixes, on rdflib's store `store` (pyshacl needs the default, context-aware
    one: see validate.validate_graph). Document graphs are built as a TripleSet, not as one of these."""
    g = Graph(store=store, identifier=identifier, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


class TripleSet:
    """The triples of one document graph while the mappers write it: a dict of (s, p, o) plain terms
    (terms.py), with the few Graph methods the mappers use. A document graph is only ever added to, then
    serialised, summarised and validated, all from these terms; graph() gives it as an rdflib Graph where
    one is needed (pyshacl, describing violations)."""

    def __init__(self, identifier: str):
        self.identifier = identifier
        self._triples: dict[tuple, None] = {}  # insertion-ordered; values unused

    def add(self, triple: tuple[str, str, Term]) -> None:
        self._triples[triple] = None

    def objects(self, subject: str, predicate: str) -> list[Term]:
        return [o for s, p, o in self._triples if s == subject and p == predicate]

    def __iter__(self):
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple) -> bool:
        return triple in self._triples

    @classmethod
    def of(cls, identifier, triples) -> "TripleSet":
        """A TripleSet of rdflib triples (IRIs and literals), converted to plain terms."""
        out = cls(str(identifier))
        for s, p, o in triples:
            out.add((from_rdflib(s), from_rdflib(p), from_rdflib(o)))
        return out

    def graph(self, store: str = "default") -> Graph:
        g = new_graph(URIRef(self.identifier), store=store)
        converted: dict = {}
        for t in self._triples:
            g.add(tuple(converted[x] if x in converted else converted.setdefault(x, to_rdflib(x)) for x in t))
        return g


def dataset_graphs(ds) -> list[tuple[str, Graph]]:
    """The non-empty graphs of an rdflib Dataset, sorted by name, each copied into a graph with kgbuild's
    prefixes (what serialising and validating a dataset graph by graph both start from)."""
    out = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx):
            g = new_graph()
            for t in ctx:
                g.add(t)
            out.append((str(ctx.identifier), g))
    return out


@lru_cache(maxsize=1 << 16)
def iri(local: str) -> str:
    """The data IRI of a local name (entities, concepts and documents recur: made once)."""
    return DATA_NS + quote(local, safe="/-_.~")


def doc_iri(doc: Document) -> str:
    return iri("doc/" + doc.doc_id)


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


class DocGraph:
    """The named graph of one document, with helpers that add provenance as they add facts."""

    def __init__(self, doc: Document, gazetteer: Gazetteer):
        self.doc = doc
        self.gaz = gazetteer
        self.iri = doc_iri(doc)
        self.g = TripleSet(self.iri)
        self._entities: set[str] = set()
        self._sentences: dict[int, str] = {}  # sentence index -> its IRI, once described
        self._evidence_spans: set[tuple[int, int]] = set()
        self._describe_document()

    # -- document, sentences, mentions
    def _describe_document(self) -> None:
        d, g = self.doc, self.g
        g.add((self.iri, RDF.type, KG.PressRelease))
        g.add((self.iri, KG.fileName, literal(d.name)))
        if d.title:
            g.add((self.iri, DCTERMS.title, literal(d.title, d.language)))
        g.add((self.iri, DCTERMS.issued, typed(d.date.isoformat(), XSD.date)))
        g.add((self.iri, DCTERMS.language, literal(d.language)))
        g.add((self.iri, DCTERMS.source, literal(d.name)))
        g.add((self.iri, KG.sha256, literal(d.sha256)))
        if d.credit:
            g.add((self.iri, DCTERMS.rights, literal(d.credit, d.language)))

    def sentence(self, index: int) -> str:
        s = self.doc.sentences[index]
        node = self._sentences.get(index)
        if node is None:
            node = self._sentences[index] = self.span(s.start, s.end)
            g = self.g
            g.add((node, RDF.type, KG.Sentence))
            g.add((node, KG.inDocument, self.iri))
            g.add((node, KG.beginIndex, integer(s.start)))
            g.add((node, KG.endIndex, integer(s.end)))
            g.add((node, KG.anchorOf, literal(s.text)))
        return node

    def mention(self, entity: str, sentence: int, start: int, end: int) -> None:
        node = self.span(start, end)
        g = self.g
        g.add((entity, GAF.denotedBy, node))
        g.add((node, RDF.type, KG.Mention))
        g.add((node, KG.inSentence, self.sentence(sentence)))
        g.add((node, KG.inDocument, self.iri))
        g.add((node, KG.beginIndex, integer(start)))
        g.add((node, KG.endIndex, integer(end)))
        g.add((node, KG.anchorOf, literal(self.doc.text[start:end])))

    # -- statements with provenance
    def add(self, s: str, p: str, o: Term, ev: Evidence | None = None, inferred: bool = False) -> None:
        """The triple, and with evidence its reification; `inferred`: the value is not what the evidence
        states but taken from elsewhere (a meeting's date from its document's), marked kg:inferred true."""
        self.g.add((s, p, o))
        if ev is None:
            return
        stmt = f"{self.iri}#stmt-{short_hash(s, p, n3(o))}"
        g = self.g
        g.add((stmt, RDF.type, RDF.Statement))
        if inferred:
            g.add((stmt, KG.inferred, TRUE))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        sentence = self.sentence(ev.sentence)
        span = self.span(ev.start, ev.end)
        g.add((stmt, KG.evidence, sentence))
        g.add((stmt, PROV.wasDerivedFrom, span))
        if (ev.start, ev.end) not in self._evidence_spans:  # the span's own triples, once
            self._evidence_spans.add((ev.start, ev.end))
            g.add((span, KG.inSentence, sentence))
            g.add((span, KG.beginIndex, integer(ev.start)))
            g.add((span, KG.endIndex, integer(ev.end)))

    def span(self, start: int, end: int) -> str:
        """The IRI of characters start..end of the document: <doc#char=start,end> (RFC 5147 style)."""
        return f"{self.iri}#char={start},{end}"

    def label(self, node: str, text: str, lang: str | None = None) -> None:
        self.g.add((node, RDFS.label, literal(text, lang or self.doc.language)))

    # -- entities
    def entity(self, entity_id: str) -> str:
        node = iri(entity_id)
        if entity_id in self._entities:
            return node
        self._entities.add(entity_id)
        e = self.gaz.get(entity_id)
        if e is not None:
            self._describe_gazetteer_entity(node, e)
        return node

    def _describe_gazetteer_entity(self, node: str, e: Entity) -> None:
        g = self.g
        for cls in TYPE_CLASSES.get(e.type, []):
            g.add((node, RDF.type, cls))
        for lang, text in sorted(e.labels.items()):
            g.add((node, RDFS.label, literal(text, lang)))
        if e.wikidata:
            g.add((node, OWL.sameAs, WD[e.wikidata]))
        if e.type == "City" and e.extra.get("country"):
            g.add((node, SDO.containedInPlace, self.entity(e.extra["country"])))
        if e.type == "Organization" and e.extra.get("parent"):
            g.add((node, ORG.subOrganizationOf, self.entity(e.extra["parent"])))


def to_oxigraph(term) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as the pyoxigraph term (same lexical form, language, datatype)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an IRI or literal: {term!r}")

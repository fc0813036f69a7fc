"""RDF terms as plain Python values, what the mappers write a document graph with (graph.TripleSet): an
IRI is a `str`, a literal a `(lexical form, datatype IRI, language)` tuple, the language "" when there is
none, the datatype rdf:langString when there is one and xsd:string for a plain string (the form
consolidate.summary uses too). No blank nodes: a document graph has none.

Plain values hash and compare in C, where rdflib's terms do it in Python, and a graph of them is
serialised (output.turtle_body) and summarised without converting a term. `to_rdflib` and
`from_rdflib` convert where an rdflib graph is needed (pyshacl, describing violations, tests). The
namespaces below give a vocabulary's terms as plain strings, checked against rdflib's declaration of it
(a misspelt kg: term raises, as with vocab.KG).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Union

from rdflib import Literal as _RdflibLiteral, URIRef as _URIRef
from rdflib import namespace as _ns

from . import vocab as _vocab

LiteralValue = tuple[str, str, str]
Term = Union[str, LiteralValue]

RDF_NS = str(_ns.RDF)
XSD_NS = str(_ns.XSD)
XSD_STRING = XSD_NS + "string"
RDF_LANG_STRING = RDF_NS + "langString"
XSD_INTEGER = XSD_NS + "integer"
XSD_BOOLEAN = XSD_NS + "boolean"


class PlainNamespace:
    """A namespace's terms as plain strings: KG.Meeting is 'https://w3id.org/kgbuild/ontology#Meeting'.
    The first use of a name asks the rdflib namespace (which raises for a term a closed namespace does not
    declare) and keeps the string as an attribute, so later uses are ordinary attribute reads."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._base = str(namespace._NS if isinstance(namespace, type) else namespace)  # a DefinedNamespace is a class

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value

    def __getitem__(self, local: str) -> str:
        return self._base + local

    def __str__(self) -> str:
        return self._base


RDF = PlainNamespace(_ns.RDF)
RDFS = PlainNamespace(_ns.RDFS)
OWL = PlainNamespace(_ns.OWL)
XSD = PlainNamespace(_ns.XSD)
SKOS = PlainNamespace(_ns.SKOS)
SDO = PlainNamespace(_ns.SDO)
ORG = PlainNamespace(_ns.ORG)
PROV = PlainNamespace(_ns.PROV)
TIME = PlainNamespace(_ns.TIME)
DCTERMS = PlainNamespace(_ns.DCTERMS)
KG = PlainNamespace(_vocab.KG)
GAF = PlainNamespace(_vocab.GAF)
WD = PlainNamespace(_vocab.WD)

RDF_TYPE = RDF.type
TRUE: LiteralValue = ("true", XSD_BOOLEAN, "")


def literal(text: str, lang: str | None = None) -> LiteralValue:
    """A string, with a language tag when `lang` is given (rdflib's Literal(text, lang=lang))."""
    return (text, RDF_LANG_STRING, lang) if lang else (text, XSD_STRING, "")


def typed(lexical: str, datatype: str) -> LiteralValue:
    """A literal of a datatype, its lexical form as given (as rdflib keeps a date's or a year's)."""
    return (lexical, datatype, "")


@lru_cache(maxsize=1 << 16)
def integer(n: int) -> LiteralValue:
    """An xsd:integer (character offsets, ranks and ordinals recur: each made once)."""
    return (str(int(n)), XSD_INTEGER, "")


def n3(term: Term) -> str:
    """The term as rdflib's Term.n3() writes it (no namespace manager): what a statement's IRI is hashed
    from (graph.DocGraph.add), so the IRIs stay those of the rdflib terms this replaced."""
    if isinstance(term, str):
        return f"<{term}>"
    lexical, datatype, lang = term
    encoded = _rdflib_quote(lexical)
    if lang:
        return f"{encoded}@{lang}"
    if datatype == XSD_STRING:
        return encoded
    return f"{encoded}^^<{datatype}>"


def _rdflib_quote(text: str) -> str:
    """rdflib's Literal._quote_encode (rdflib 7), quirks included: a text with a line feed is triple-quoted."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % text.replace("\n", "\\n").replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


def to_rdflib(term: Term):
    """The rdflib term (a plain string without a datatype, as the mappers made it with rdflib)."""
    if isinstance(term, str):
        return _URIRef(term)
    lexical, datatype, lang = term
    if lang:
        return _RdflibLiteral(lexical, lang=lang)
    if datatype == XSD_STRING:
        return _RdflibLiteral(lexical)
    return _RdflibLiteral(lexical, datatype=_URIRef(datatype))


def from_rdflib(term) -> Term:
    """An rdflib IRI or literal as a plain term (TypeError for a blank node: a document graph has none)."""
    if isinstance(term, _URIRef):
        return str(term)
    if isinstance(term, _RdflibLiteral):
        if term.language:
            return (str(term), RDF_LANG_STRING, term.language)
        return (str(term), str(term.datatype) if term.datatype is not None else XSD_STRING, "")
    raise TypeError(f"not an IRI or literal: {term!r}")

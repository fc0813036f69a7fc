"""Search keys: every label of a person again in lower case, as skos:hiddenLabel without a language.

SKOS meant hidden labels for exactly this ("accessible to free text search operations", not displayed).
A stored query given a name in any case and language (official-meetings) finds the person by one index
look-up of LCASE(name) instead of lower-casing every label of every document; Python's str.lower() and
SPARQL's LCASE agree on the labels we write (tests/test_mappers.py checks them all against Oxigraph)."""
from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SDO, SKOS

from ..graph import DocGraph
from ..patterns import Extraction


def map_search_keys(dg: DocGraph, _ex: Extraction) -> None:
    g = dg.g
    persons = {s for s, p, o in g if p == RDF.type and o == SDO.Person}
    keys = sorted({(s, o.lower()) for s, p, o in g if p == RDFS.label and s in persons})
    for s, key in keys:
        g.add((s, SKOS.hiddenLabel, Literal(key)))

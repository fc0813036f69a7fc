"""Search keys: every label of a person again in lower case, as skos:hiddenLabel without a language.

SKOS meant hidden labels for exactly this ("accessible to free text search operations", not displayed).
A stored query given a name in any case and language (official-meetings) finds the person by one index
look-up of LCASE(name) instead of lower-casing every label of every document; Python's str.lower() and
SPARQL's LCASE agree on the labels we write (tests/test_mappers.py checks them all against Oxigraph)."""
from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SDO, SKOS

from ..graph import DocGraph
from ..facts import Extraction


_LABEL, _TYPE, _PERSON = str(RDFS.label), str(RDF.type), str(SDO.Person)
_same = str.__eq__  # rdflib's own __eq__ on terms is Python code, slow over a whole graph


def map_search_keys(dg: DocGraph, _ex: Extraction) -> None:
    g = dg.g
    persons, labels = set(), []
    for t in g:
        p = t[1]
        if _same(p, _LABEL):
            labels.append(t)
        elif _same(p, _TYPE) and _same(t[2], _PERSON):
            persons.add(str(t[0]))
    keys = {}
    for s, _p, o in labels:
        if str(s) in persons:
            keys[(str(s), o.lower())] = s
    for (_s, key), node in sorted(keys.items()):
        g.add((node, SKOS.hiddenLabel, Literal(key)))

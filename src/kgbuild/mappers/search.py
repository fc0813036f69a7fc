"""Search keys: every label of a person again in lower case, as skos:hiddenLabel without a language.

SKOS meant hidden labels for exactly this ("accessible to free text search operations", not displayed).
A stored query given a name in any case and language (official-meetings) finds the person by one index
look-up of LCASE(name) instead of lower-casing every label of every document; Python's str.lower() and
SPARQL's LCASE agree on the labels we write (tests/test_mappers.py checks them all against Oxigraph)."""
from __future__ import annotations

from ..graph import DocGraph
from ..facts import Extraction
from ..terms import RDF, RDFS, SDO, SKOS, literal


def map_search_keys(dg: DocGraph, _ex: Extraction) -> None:
    g = dg.g
    label, rdf_type, person = RDFS.label, RDF.type, SDO.Person
    persons, labels = set(), []
    for t in g:
        p = t[1]
        if p == label:
            labels.append(t)
        elif p == rdf_type and t[2] == person:
            persons.add(t[0])
    keys = {}
    for s, _p, o in labels:
        if s in persons:
            keys[(s, o[0].lower())] = s
    for (_s, key), node in sorted(keys.items()):
        g.add((node, SKOS.hiddenLabel, literal(key)))

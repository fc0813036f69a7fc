"""The vocabulary graph: every concept, meeting series and role kgbuild names things with, once.

The documents' graphs describe each concept, series and role they use (its type and its label in every
language, from the data files), so in a store of many documents these few nodes are described thousands
of times over, and reading their names means reading every copy: on Oxigraph's in-memory store, the
names of the meeting kinds alone cost 20 ms of a query at 10,000 documents. The build writes them once
more into the named graph id:graph/vocabulary (the same triples, made by the mappers' own helpers), where
the stored queries read the names of concepts, series and roles as a small table.
"""
from __future__ import annotations

from functools import lru_cache

from ..datafiles import patterns
from ..gazetteer import Gazetteer, load_gazetteer
from ..graph import DocGraph, TripleSet
from ..vocab import VOCABULARY_GRAPH
from .common import SCHEMES, concept, topic
from .meetings import SERIES, series_node


class _VocabularyGraph(DocGraph):
    """A DocGraph without a document: its helpers (concept, topic, series_node, entity) write the
    vocabulary's nodes into one graph."""

    def __init__(self, gazetteer: Gazetteer):  # no document, no sentences: only what the helpers use
        self.gaz = gazetteer
        self.iri = VOCABULARY_GRAPH
        self.g = TripleSet(VOCABULARY_GRAPH)
        self._entities = set()


@lru_cache(maxsize=1)
def vocabulary_triples() -> TripleSet:
    """The vocabulary graph's triples: every kind of every kinds scheme, every topic and series (their SKOS
    concepts and labels), and every role of the gazetteer (org:Role, labels)."""
    gaz = load_gazetteer()
    vg = _VocabularyGraph(gaz)
    kinds = patterns("kinds")
    for family in SCHEMES:
        for key in sorted(kinds[family]):
            concept(vg, family, key)
    for key in sorted(patterns("topics")):
        topic(vg, key)
    for key in sorted(SERIES):
        series_node(vg, key)
    for entity_id in sorted(e.id for e in gaz.entities.values() if e.type == "Role"):
        vg.entity(entity_id)
    return vg.g

"""Helpers shared by the mappers: concept IRIs with labels from the kinds data."""
from __future__ import annotations

from ..graph import DocGraph, iri
from ..datafiles import patterns
from ..terms import KG, RDF, SKOS, literal

SCHEMES = {"meeting": "meeting-kind", "initiative": "initiative-kind", "programme": "programme-kind",
           "group": "group-kind", "participant-role": "participant-role"}


def concept(dg: DocGraph, family: str, key: str) -> str:
    """A SKOS concept of one of the kinds schemes (labels from data/patterns/kinds.yaml)."""
    scheme = SCHEMES[family]
    node = iri(f"concept/{scheme}/{key}")
    g = dg.g
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, iri(f"concept/{scheme}")))
    data = patterns("kinds")[family][key]
    for lang, text in sorted(data["labels"].items()):
        g.add((node, SKOS.prefLabel, literal(text, lang)))
    if data.get("plover"):
        g.add((node, KG.plover, literal(data["plover"])))
    return node


def kind_label(family: str, key: str, lang: str) -> str:
    return patterns("kinds")[family][key]["labels"][lang]


def topic(dg: DocGraph, key: str) -> str:
    node = iri(f"concept/topic/{key}")
    g = dg.g
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, iri("concept/topic")))
    for lang, text in sorted(patterns("topics")[key]["labels"].items()):
        g.add((node, SKOS.prefLabel, literal(text, lang)))
    return node


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

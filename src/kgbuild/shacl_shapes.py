"""The SHACL shapes every validation engine runs, parsed once per process: shapes/*.ttl for the documents'
graphs, shapes/consolidated/*.ttl for the consolidated layer (its nodes carry no provenance, and a
document's meeting may report two dates where the layer's may not)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .resources import resource_dir


def shapes_path() -> Path:
    return resource_dir("shapes", "*.ttl")


SHAPE_SETS = ("documents", "consolidated")


def shapes_graph(shapes: str = "documents") -> Graph:
    """The shapes of one set (SHAPE_SETS): the documents' graphs' or the consolidated layer's; parsed
    once per process, so that its blank nodes (property shapes) keep the identifiers reports name."""
    return _shapes_graph(SHAPE_SETS[SHAPE_SETS.index(shapes)])


@lru_cache(maxsize=None)  # one per set, never evicted: however it is called, the same graph
def _shapes_graph(shapes: str) -> Graph:
    folder = shapes_path() if shapes == "documents" else shapes_path() / shapes
    g = Graph()
    for p in sorted(folder.glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


@lru_cache(maxsize=1)
def shapes_namespace() -> str:
    """The namespace of kgbuild's shapes (kgsh:), as the shapes files declare it."""
    return str(dict(shapes_graph().namespaces())["kgsh"])

"""The SHACL shapes every validation engine runs: shapes/*.ttl, parsed once per process."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .resources import resource_dir


def shapes_path() -> Path:
    return resource_dir("shapes", "*.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    for p in sorted(shapes_path().glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


@lru_cache(maxsize=1)
def shapes_namespace() -> str:
    """The namespace of kgbuild's shapes (kgsh:), as the shapes files declare it."""
    return str(dict(shapes_graph().namespaces())["kgsh"])

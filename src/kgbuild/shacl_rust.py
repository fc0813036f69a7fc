"""The Rust SHACL engines, each with the shapes compiled once per process: pyshacl-turbo (pyshacl's API).

Compiled in each worker, not before the build forks: a native object's state is not known to survive one.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from .graph import TripleSet
from .shacl_shapes import shapes_graph


@lru_cache(maxsize=1)
def _turbo_shapes():
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(shapes_graph(), advanced=True)


def validate_turbo(data: Graph | TripleSet, inplace: bool = False, turtle: str | None = None):
    """pyshacl-turbo: (conforms, report graph, the rdflib data graph if one was made).

    `turtle`, the same triples as Turtle with its prefixes (what the build writes), lets it parse them
    itself instead of reading rdflib terms one by one. Never inplace: turbo reads the graph into its own
    store either way, and inplace would make it work out and merge back what validation added to it
    (nothing, without rules or inference)."""
    if turtle is not None:
        from pyshacl_turbo.rdf import Input

        source, data_graph = Input(turtle, "turtle", None, {}), None
    else:
        source = data_graph = data if isinstance(data, Graph) else data.graph()
    conforms, report, _text = _turbo_shapes().validate(source, inference="none", allow_warnings=True)
    return conforms, report, data_graph

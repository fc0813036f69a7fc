"""Mappers: one per family of facts, each a function (DocGraph, Extraction) -> None that adds triples.

The table below is the one place that says which mappers run, in order (like rdflib's plugin rows).
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable

MAPPERS: list[tuple[str, str, str]] = [
    # (name, module, function)
    ("entities", "kgbuild.mappers.entities", "map_entities"),
    ("officials", "kgbuild.mappers.officials", "map_officials"),
    ("meetings", "kgbuild.mappers.meetings", "map_meetings"),
    ("initiatives", "kgbuild.mappers.initiatives", "map_initiatives"),
    ("programmes", "kgbuild.mappers.programmes", "map_programmes"),
    ("search keys", "kgbuild.mappers.search", "map_search_keys"),  # last: reads the persons' labels
]


def mappers() -> list[tuple[str, Callable]]:
    return [(name, getattr(import_module(mod), fn)) for name, mod, fn in MAPPERS]

"""Networks from the knowledge graph: networkx projections of a build, their metrics, pictures and files.

Node attributes: label, type, country (English country names), first_seen, last_seen (ISO dates) and
documents (file names); bipartite (0/1) on the two bipartite kinds. Edge attributes: weight, relations,
meetings (IRIs), dates, documents.

projection.py reads the store (one query per kind, queries/network/*.rq); measures.py measures a
network; positions.py places it, names.py names its nodes shortly in one language, labels.py places their
labels, draw.py pictures it, page.py makes its HTML page; writers.py writes them.
"""
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below, as tools and readers see them; at run time each comes when first asked for
    from .draw import MAX_LABELS, TYPE_STYLE, figure, image_bytes, label_overlaps, short_labels
    from .measures import NodeMetrics, Summary, communities, metrics
    from .names import LANGS, DisplayNames, NameBook, display_names, network_names, read_names
    from .positions import SEED, layout, node_sizes
    from .projection import (
        KINDS, NO_FILTERS, Filters, Kind, NetworkError, co_participation, countries_meetings, officials_meetings,
        organisations_initiatives, project, resolve_country,
    )
    from .writers import WRITERS, gexf_bytes, graphml_bytes, html_bytes, node_link_bytes, scalar_graph, write_network

# what each submodule gives: imported when first asked for (PEP 562), so that a command that only needs
# the kinds' table (the CLI registering `kgbuild network KIND`) does not load networkx and the drawing code
_FROM = {
    "draw": ("MAX_LABELS", "TYPE_STYLE", "figure", "image_bytes", "label_overlaps", "short_labels"),
    "names": ("LANGS", "DisplayNames", "NameBook", "display_names", "network_names", "read_names"),
    "measures": ("NodeMetrics", "Summary", "communities", "metrics"),
    "positions": ("SEED", "layout", "node_sizes"),
    "projection": ("KINDS", "NO_FILTERS", "Filters", "Kind", "NetworkError", "co_participation", "countries_meetings",
                   "officials_meetings", "organisations_initiatives", "project", "resolve_country"),
    "writers": ("WRITERS", "gexf_bytes", "graphml_bytes", "html_bytes", "node_link_bytes", "scalar_graph",
                "write_network"),
}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


__all__ = sorted(_MODULE_OF)

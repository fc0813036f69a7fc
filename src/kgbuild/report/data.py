"""What the report shows, read from a build: the stored queries (queries/*.rq, queries/report/*.rq), the
network projections, and the build's own validation.json and build.json. Every name is a display name in
the reader's language (kgbuild.network.names); nothing here formats or prints."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from ..network import LANGS, NameBook, display_names, network_names, project, read_names
from ..queries import get_query, load_query, load_store, queries_dir, run_local

# (heading, network kind) of the networks the report draws
NETWORKS = (("Who met whom", "co-participation"), ("Who proposed what", "organisations-initiatives"),
            ("Countries and meetings", "countries-meetings"))
NETWORK_NODES = 60  # a network picture shows at most this many nodes: the most connected ones
TOP = 15  # rows of the busiest officials and meetings


class ReportError(ValueError):
    """A folder that is not a build."""


@dataclass(frozen=True)
class Meeting:
    iri: str
    date: str  # YYYY-MM-DD, YYYY-MM for a month without a day, or "" when no document gives one
    name: str
    kind: str
    place: str
    host: str
    participants: int
    documents: int


@dataclass(frozen=True)
class Official:
    iri: str
    name: str
    meetings: int
    documents: int


@dataclass(frozen=True)
class Network:
    heading: str
    kind: str
    graph: nx.Graph  # the drawn part: at most NETWORK_NODES nodes
    nodes: int  # of the whole network
    edges: int
    names: dict[str, str]  # node -> display name, all in one script
    transliterated: bool


@dataclass
class ReportData:
    folder: str
    lang: str
    counts: dict[str, int]  # documents, meetings, officials, initiatives, programmes, organisations, countries
    build: dict  # build.json
    validation: dict  # validation.json: conforms, graphs, violations
    languages: list[dict[str, str]]  # documents-per-language rows
    sources: list[dict[str, str]]  # documents-per-source rows
    documents: list[dict[str, str]]  # one row per document: file, language, issued, source
    meetings: list[Meeting]  # in date order, undated last
    officials: list[Official]  # busiest first
    networks: list[Network] = field(default_factory=list)

    def per_period(self, key: str) -> tuple[list[str], dict[str, list[int]]]:
        """Documents per year (or per month, when they span at most three years) and per `key` (language or
        source): the periods in order, and for each value of key its count per period."""
        days = sorted(d["issued"] for d in self.documents if d["issued"])
        monthly = bool(days) and int(days[-1][:4]) - int(days[0][:4]) < 3
        width = 7 if monthly else 4
        periods = sorted({d[:width] for d in days})
        counts: dict[str, Counter] = defaultdict(Counter)
        for d in self.documents:
            if d["issued"]:
                counts[d[key]][d["issued"][:width]] += 1
        return periods, {k: [counts[k][p] for p in periods] for k in sorted(counts, key=lambda k: (-sum(counts[k].values()), k))}

    @property
    def busiest_meetings(self) -> list[Meeting]:
        return sorted(self.meetings, key=lambda m: (-m.participants, -m.documents, m.date or "9999", m.iri))[:TOP]

    @property
    def violations_by_shape(self) -> list[tuple[str, int]]:
        shapes = Counter(v.get("shape", "") for v in self.validation.get("violations", []))
        return sorted(shapes.items(), key=lambda s: (-s[1], s[0]))


@cache
def _report_query(name: str) -> str:
    return load_query(queries_dir() / "report" / f"{name}.rq").text


def _rows(store: ox.Store, name: str) -> list[dict[str, str]]:
    solutions = store.query(_report_query(name))
    variables = [v.value for v in solutions.variables]
    return [{v: (s[v].value if s[v] is not None else "") for v in variables} for s in solutions]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def collect(folder: str | Path, lang: str = "en", store: ox.Store | None = None) -> ReportData:
    """Everything the report shows about the build in `folder`, with names in `lang`."""
    folder = Path(folder)
    if lang not in LANGS:
        raise ReportError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")
    if not (folder / "graph.trig").is_file():
        raise ReportError(f"{folder}: not a build folder (no graph.trig; run `kgbuild build --out {folder}` first)")
    store = store if store is not None else load_store(folder)
    book = read_names(store)
    counts = {r["what"]: int(r["count"]) for r in _rows(store, "counts")}
    for what in ("documents", "meetings", "officials", "initiatives", "programmes", "organisations", "countries"):
        counts.setdefault(what, 0)
    return ReportData(
        folder=folder.resolve().name,
        lang=lang,
        counts=counts,
        build=_read_json(folder / "build.json"),
        validation=_read_json(folder / "validation.json"),
        languages=run_local(store, get_query("documents-per-language")),
        sources=run_local(store, get_query("documents-per-source"), lang=lang),
        documents=_rows(store, "documents"),
        meetings=_meetings(store, book, lang),
        officials=_officials(store, book, lang),
        networks=[_network(store, book, lang, heading, kind) for heading, kind in NETWORKS],
    )


def _meetings(store: ox.Store, book: NameBook, lang: str) -> list[Meeting]:
    rows = _rows(store, "meetings")
    # one script for the whole table: decided over every name in it, then each column named on its own (a
    # kind called "meeting" and a meeting called "meeting" need not be told apart)
    every = [r[k] for r in rows for k in ("meeting", "kind", "place", "host") if r[k]]
    latin = display_names(every, lang, book, limit=60).transliterated and lang != "en"
    names = {}
    for column in ("kind", "place", "host"):
        names.update(display_names([r[column] for r in rows if r[column]], lang, book, limit=60, latin_only=latin).names)
    names.update(display_names([r["meeting"] for r in rows], lang, book, distinguish={r["meeting"]: r["date"] for r in rows},
                               limit=60, latin_only=latin).names)
    return [Meeting(r["meeting"], r["date"], names[r["meeting"]], names.get(r["kind"], ""), names.get(r["place"], ""),
                    names.get(r["host"], ""), int(r["participants"] or 0), int(r["documents"])) for r in rows]


def _officials(store: ox.Store, book: NameBook, lang: str) -> list[Official]:
    rows = _rows(store, "officials")[:TOP]
    names = display_names([r["person"] for r in rows], lang, book).names
    return [Official(r["person"], names[r["person"]], int(r["meetings"]), int(r["documents"])) for r in rows]


def _network(store: ox.Store, book: NameBook, lang: str, heading: str, kind: str) -> Network:
    G = project(store, kind)
    kept = sorted(G, key=lambda n: (-G.degree(n, weight="weight"), -G.degree(n), n))[:NETWORK_NODES]
    H = G.subgraph(sorted(kept)).copy()
    H.remove_nodes_from([n for n in sorted(H) if H.degree(n) == 0 and len(G) > NETWORK_NODES])
    named = network_names(H, book, lang)
    return Network(heading, kind, H, G.number_of_nodes(), G.number_of_edges(), named.names, named.transliterated)

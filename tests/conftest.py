"""Shared fixtures: the seed built once per session through the CLI, stored queries run on it."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_90a708093f919ed1.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def copy_of_corpus(folder: Path) -> Path:
    """The seed and the corpus copied into `folder` (for a test that changes a document); `folder`."""
    import shutil

    for source in (ROOT / "seeds", CORPUS):
        for p in source.glob("*.txt"):
            shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    from kgbuild.cli import app

    out = tmp_path_factory.mktemp("seed-build")
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seed_query(seed_build):
    """Run a stored query on the seed build; rows as dicts of plain strings, the names as the graph gives
    them (the document's own words where there is no English name) unless a language is asked for."""
    from kgbuild.queries import get_query, load_store, run_local

    store = load_store(seed_build)

    def run(name: str, lang: str | None = None, **params) -> list[dict[str, str]]:
        return run_local(store, get_query(name), params, lang)

    return run


MULTI = ROOT / "tests" / "fixtures" / "multi.trig"


def layer_triples_of(store) -> list:
    """The consolidated layer of a store's document graphs (the store's own layer, if any, left out), as
    `kgbuild build` makes it: consolidate(summarise(...)) of each document graph, in graph order."""
    import pyoxigraph as ox

    from kgbuild.consolidate.layer import consolidate, layer_triples
    from kgbuild.consolidate.summary import summarise
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    graphs: dict[str, list] = {}
    for q in store:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != CONSOLIDATED_GRAPH:
            graphs.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return layer_triples(consolidate(summarise(g, ts) for g, ts in sorted(graphs.items())))


def layer_block(store) -> str:
    """The same as the TriG blocks `kgbuild build` writes last: the consolidated layer, then the vocabulary
    graph (the concepts', series' and roles' names, which the stored queries read there)."""
    from kgbuild.output import trig_block, triples_body
    from kgbuild.pipeline import vocabulary_output
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    return trig_block(CONSOLIDATED_GRAPH, triples_body(layer_triples_of(store))) + vocabulary_output().trig


def vocabulary_quads() -> list:
    """The vocabulary graph's quads, as `kgbuild build` writes the graph after the layer."""
    import pyoxigraph as ox

    from kgbuild.pipeline import vocabulary_output
    from kgbuild.output import prefix_block

    return list(ox.parse(prefix_block() + vocabulary_output().trig, format=ox.RdfFormat.TRIG))


def with_layer(store):
    """A store of document graphs with their consolidated layer (replacing any it had) and the vocabulary
    graph added, in place."""
    import pyoxigraph as ox

    from kgbuild.vocab import CONSOLIDATED_GRAPH

    graph = ox.NamedNode(CONSOLIDATED_GRAPH)
    triples = layer_triples_of(store)
    store.remove_graph(graph)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    store.extend(vocabulary_quads())
    return store


def multi_with_layer_text() -> str:
    """tests/fixtures/multi.trig with its consolidated layer appended, as `kgbuild build` would write it (the
    fixture itself has no layer: it is made here, at test time, from the fixture's documents)."""
    from kgbuild.queries import load_store

    text = MULTI.read_text(encoding="utf-8")
    return text + layer_block(load_store(MULTI))


def multi_with_layer(tmp_path_factory) -> Path:
    """The fixture with its layer, written once per session to a temp file (for rdflib, servers, the CLI)."""
    path = tmp_path_factory.getbasetemp() / "multi-with-layer.trig"
    if not path.exists():
        path.write_text(multi_with_layer_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def multi_layer(tmp_path_factory) -> Path:
    """tests/fixtures/multi.trig with its consolidated layer (made at test time), as a file."""
    return multi_with_layer(tmp_path_factory)

"""Every export format reads back to the same graph: Turtle and N-Triples (which flatten named graphs) to the
union graph, TriG, N-Quads and JSON-LD to the same named graphs, each isomorphic to its source.

Test graphs: each SHACL snippet in tests/shapes (with its folder's _prefixes.ttl and _base.ttl, as
tests/test_shapes.py reads them), each tests/fixtures/*.trig, and the seed build; once through
`kgbuild.output.serialize`, and the seed build and a fixture also through `kgbuild export`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from kgbuild.output import new_dataset, serialize
from kgbuild.cli import app
from kgbuild.vocab import DATA_NS

TESTS = Path(__file__).resolve().parent
SNIPPETS = TESTS / "shapes"
FIXTURES = TESTS / "fixtures"
FLAT = {"turtle": "turtle", "nt": "nt"}  # export format -> rdflib parser
NAMED = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
FORMATS = sorted(FLAT) + sorted(NAMED)
DEFAULT = "urn:x-rdflib:default"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset.contexts etc.


def snippet_paths() -> list[Path]:
    paths = sorted(p for p in SNIPPETS.glob("*.ttl") if not p.name.startswith("_"))
    assert any(".ok" in p.name for p in paths) and any(".bad" in p.name for p in paths)
    return paths


def snippet_dataset(path: Path) -> Dataset:
    """The snippet with _prefixes.ttl and _base.ttl (as tests/test_shapes.py parses it), as one named graph."""
    text = "\n".join((SNIPPETS / name).read_text(encoding="utf-8") for name in ("_prefixes.ttl", "_base.ttl"))
    g = Graph().parse(data=text + "\n" + path.read_text(encoding="utf-8"), format="turtle")
    assert len(g), path
    ds = new_dataset()
    named = ds.graph(URIRef(DATA_NS + "doc/snippet-" + path.stem))
    for t in g:
        named.add(t)
    return ds


def trig_dataset(path: Path) -> Dataset:
    ds = new_dataset()
    ds.parse(path, format="trig")
    return ds


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """Non-empty graphs by name (the default graph too, when it holds anything)."""
    out = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


def union(ds: Dataset) -> Graph:
    g = Graph()
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    return g


def assert_isomorphic(expected: Graph, got: Graph, what: str) -> None:
    if isomorphic(expected, got):
        return
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lost = sorted(only_expected.serialize(format="nt").splitlines())[:5]
    added = sorted(only_got.serialize(format="nt").splitlines())[:5]
    pytest.fail(f"{what}: not isomorphic after the round trip ({len(expected)} vs {len(got)} triples)\n"
                f"lost: {lost}\nadded: {added}")


def read_back(data: bytes, fmt: str):
    if fmt in FLAT:
        return Graph().parse(data=data.decode("utf-8"), format=FLAT[fmt])
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=NAMED[fmt])
    return ds


def check_roundtrip(source: Dataset, data: bytes, fmt: str, what: str) -> None:
    back = read_back(data, fmt)
    if fmt in FLAT:
        expected = union(source)
        assert len(expected), what
        assert_isomorphic(expected, back, f"{what} as {fmt}")
        return
    expected_graphs = named_graphs(source)
    got_graphs = named_graphs(back)
    assert expected_graphs, what
    assert sorted(got_graphs) == sorted(expected_graphs), f"{what} as {fmt}: the named graphs differ"
    for name, g in expected_graphs.items():
        assert_isomorphic(g, got_graphs[name], f"{what} as {fmt}, graph <{name}>")


# ------------------------------------------------------------------ tests --


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", snippet_paths(), ids=lambda p: p.name)
def test_shape_snippets_round_trip(path, fmt):
    ds = snippet_dataset(path)
    check_roundtrip(ds, serialize(ds, fmt), fmt, path.name)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.trig")), ids=lambda p: p.name)
def test_fixtures_round_trip(path, fmt):
    ds = trig_dataset(path)
    assert len(named_graphs(ds)) > 1, "a fixture holds several documents' graphs"
    check_roundtrip(ds, serialize(ds, fmt), fmt, path.name)


@pytest.fixture(scope="module")
def seed_dataset(seed_build) -> Dataset:
    return trig_dataset(seed_build / "graph.trig")


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_build_round_trips(seed_dataset, fmt):
    check_roundtrip(seed_dataset, serialize(seed_dataset, fmt), fmt, "seed build")


def test_seed_build_turtle_file_is_the_union_of_its_trig_file(seed_build, seed_dataset):
    assert_isomorphic(union(seed_dataset), Graph().parse(seed_build / "graph.ttl", format="turtle"), "graph.ttl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_of_the_seed_build_round_trips(seed_build, seed_dataset, tmp_path, fmt):
    out = tmp_path / f"seed.{fmt}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "--graph", str(seed_build), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data == serialize(seed_dataset, fmt), "the CLI writes what serialize() gives"
    check_roundtrip(seed_dataset, data, fmt, f"kgbuild export --format {fmt}")


@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])
def test_cli_export_of_a_trig_file_round_trips(tmp_path, fmt):
    src = FIXTURES / "multi.trig"
    out = tmp_path / f"multi.{fmt}"
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-g", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    check_roundtrip(trig_dataset(src), out.read_bytes(), fmt, f"multi.trig exported as {fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_of_a_turtle_file_keeps_its_triples(seed_build, tmp_path, fmt):
    """A Turtle file has no named graphs: its triples load into the default graph, and every format must
    still carry them (compared as the union, since the file never had graph names to keep)."""
    src = seed_build / "graph.ttl"
    out = tmp_path / f"union.{fmt}"
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-g", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = read_back(out.read_bytes(), fmt)
    assert_isomorphic(Graph().parse(src, format="turtle"), back if fmt in FLAT else union(back), f"graph.ttl as {fmt}")

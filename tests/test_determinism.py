"""Same input, same output: IRIs, graphs and Turtle bytes; exports re-parse to isomorphic graphs."""
from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kgbuild.cli import app


def test_building_twice_gives_byte_identical_turtle_and_isomorphic_graphs(seed_build, tmp_path):
    from conftest import ROOT

    again = tmp_path / "again"
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(again), "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert (again / "graph.ttl").read_bytes() == (seed_build / "graph.ttl").read_bytes()
    assert (again / "graph.trig").read_bytes() == (seed_build / "graph.trig").read_bytes()
    a, b = Graph().parse(again / "graph.ttl"), Graph().parse(seed_build / "graph.ttl")
    assert isomorphic(a, b)


def test_turtle_and_trig_exports_reparse_to_isomorphic_graphs(seed_build, tmp_path):
    union = Graph().parse(seed_build / "graph.ttl")
    ds = Dataset()
    ds.parse(seed_build / "graph.trig", format="trig")
    merged = Graph()
    for ctx in ds.graphs():
        for t in ctx:
            merged.add(t)
    assert len(union) > 1000
    assert isomorphic(union, merged)
    for fmt, parse_as in [("turtle", "turtle"), ("trig", "trig"), ("nt", "nt")]:
        out = tmp_path / f"export.{fmt}"
        r = CliRunner().invoke(app, ["export", "--format", fmt, "--graph", str(seed_build), "--out", str(out)])
        assert r.exit_code == 0, r.output
        if parse_as == "trig":
            d = Dataset()
            d.parse(out, format="trig")
            g = Graph()
            for ctx in d.graphs():
                for t in ctx:
                    g.add(t)
        else:
            g = Graph().parse(out, format=parse_as)
        assert isomorphic(g, union), fmt


def test_no_blank_nodes_in_the_graph(seed_build):
    from rdflib import BNode

    g = Graph().parse(seed_build / "graph.ttl")
    assert not any(isinstance(x, BNode) for t in g for x in t)

"""Same input, same output: IRIs, graphs and Turtle bytes; exports re-parse to isomorphic graphs."""
from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kgbuild.cli import app
from kgbuild.vocab import DATA_NS, KG


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


def test_a_turtle_body_depends_on_the_triples_not_their_order_and_reads_back():
    """output.turtle_body (Oxigraph's serialiser over sorted triples): any insertion order gives the same
    bytes; literals that need escaping, languages, datatypes and odd IRIs read back as the same graph,
    in rdflib and in Oxigraph; a graph with blank nodes keeps stable labels (rdflib's canonical form)."""
    import random

    import pyoxigraph as ox
    from rdflib import RDF, XSD, BNode, Literal, URIRef

    from kgbuild.output import turtle_body
    from kgbuild.graph import PREFIXES, new_graph

    ex = DATA_NS + "x/"
    triples = [
        (URIRef(ex + "a"), RDF.type, URIRef("https://schema.org/Event")),
        (URIRef(ex + "a"), URIRef("https://schema.org/name"), Literal('line one\nline "two" \\ end', lang="en")),
        (URIRef(ex + "a"), URIRef("https://schema.org/name"), Literal("Қазақстан — «тест»", lang="kk")),
        (URIRef(ex + "a"), URIRef("https://schema.org/startDate"), Literal("2025-12-01", datatype=XSD.date)),
        (URIRef(ex + "a"), KG.ordinal, Literal(15)),
        (URIRef(ex + "b#char=1,5"), KG.anchorOf, Literal("a\tb")),
        # characters that str.splitlines() takes for line ends, though Turtle writes them as they are
        (URIRef(ex + "c"), URIRef("https://schema.org/name"), Literal("next\x85line\u2028sep\u2029par\x0bv\x0cf\x1cfs")),
        (URIRef(ex + "b#char=1,5"), KG.isDraft, Literal(True)),
    ]
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
    bodies = set()
    for seed in range(5):
        order = triples[:]
        random.Random(seed).shuffle(order)
        g = new_graph()
        for t in order:
            g.add(t)
        bodies.add(turtle_body(g))
    assert len(bodies) == 1
    body = bodies.pop()
    want = new_graph()
    for t in triples:
        want.add(t)
    assert isomorphic(Graph().parse(data=prefixes + body, format="turtle"), want)
    store = ox.Store()
    store.load((prefixes + body).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(triples)

    with_bnode = new_graph()
    for t in triples + [(URIRef(ex + "a"), URIRef("https://schema.org/about"), BNode())]:
        with_bnode.add(t)
    again = new_graph()
    for t in reversed(list(with_bnode)):
        again.add(t)
    assert turtle_body(with_bnode) == turtle_body(again)

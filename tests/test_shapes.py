"""The SHACL shapes are code: every class and property is constrained, every constraint has a message, the
generated allowed-values file agrees with the data files and the ontology, and each shape has a conforming
and a violating snippet in tests/shapes/ (checked by a parametrised test that finds them by name).

Run `python tools/generate_shapes.py > shapes/kgbuild.generated.shapes.ttl` after changing
data/patterns/{kinds,topics,series}.yaml or ontology/kgbuild.ttl.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import OWL, RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kgbuild.vocab import DATA_NS, KG_NS, KGSH

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "shapes"
GENERATED = SHAPES / "kgbuild.generated.shapes.ttl"
SNIPPETS = Path(__file__).resolve().parent / "shapes"
ID_NS = DATA_NS

sys.path.insert(0, str(ROOT / "tools"))  # the generator is a script of the repository, not of the package
from generate_shapes import ALLOWED, allowed_keys, render_generated_shapes  # noqa: E402


def shapes() -> Graph:
    g = Graph()
    for p in sorted(SHAPES.glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


def node_shapes(g: Graph) -> set[str]:
    return {str(s)[len(KGSH):] for s in g.subjects(RDF.type, SH.NodeShape) if str(s).startswith(KGSH)}


def snippet_graph(path: Path) -> Graph:
    """A snippet with the folder's prefixes and base graph (one document, sentence, mention, ...)."""
    text = "\n".join((SNIPPETS / name).read_text(encoding="utf-8") for name in ("_prefixes.ttl", "_base.ttl"))
    return Graph().parse(data=text + "\n" + path.read_text(encoding="utf-8"), format="turtle")


def header(path: Path) -> dict[str, str]:
    """`# focus: id:x`, `# path: schema:name`, `# also: MentionShape SpanTextShape` lines of a snippet."""
    found = re.findall(r"(?m)^# (focus|path|also): (.+)$", path.read_text(encoding="utf-8"))
    return {k: v.strip() for k, v in found}


def snippets(kind: str) -> list[Path]:
    return sorted(p for p in SNIPPETS.glob(f"*.{kind}*.ttl") if p.name.split(".")[1].split("-")[0] == kind)


def shape_of(path: Path) -> str:
    return path.name.split(".")[0]


def test_generated_shapes_agree_with_the_data_files_and_the_ontology():
    assert GENERATED.read_text(encoding="utf-8") == render_generated_shapes(), (
        "shapes/kgbuild.generated.shapes.ttl is stale: run `python tools/generate_shapes.py > "
        "shapes/kgbuild.generated.shapes.ttl`"
    )


def test_allowed_values_are_the_concepts_of_the_data_files():
    g = shapes()
    for shape, prop, folder, source, _label in ALLOWED:
        prop_shape = g.value(URIRef(KGSH + shape), SH.property)
        values = {str(v) for v in Collection(g, g.value(prop_shape, SH["in"]))}
        assert values == {f"{ID_NS}{folder}/{key}" for key in allowed_keys(source)}, shape
        assert values, shape


def test_every_constraint_has_a_message():
    g = shapes()
    constraints = set(g.objects(None, SH.property)) | set(g.objects(None, SH.sparql))
    assert len(constraints) > 100
    missing = [c for c in constraints if not isinstance(g.value(c, SH.message), Literal)]
    assert not missing, [list(g.predicate_objects(c)) for c in missing]


def test_the_shapes_are_valid_shacl():
    from pyshacl import validate

    conforms, _report, text = validate(
        Graph().parse(data="<urn:x> <urn:y> <urn:z> .", format="turtle"),
        shacl_graph=shapes(), meta_shacl=True, advanced=True, inference="none",
    )
    assert conforms, text


# SHACL-SPARQL's pre-binding (SHACL 5.2.1, and SHACL-AF for SPARQL targets) leaves a query undefined when it
# holds VALUES, MINUS or SERVICE, or assigns a pre-bound variable with AS; engines that follow it refuse them.
PREBINDING_FORBIDS = {"InlineData": "VALUES", "ValuesClause": "VALUES", "MinusGraphPattern": "MINUS",
                      "ServiceGraphPattern": "SERVICE"}
PREBOUND = {"this", "shapesGraph", "currentShape"}


def prebinding_faults(query: str) -> list[str]:
    """What in a SHACL-SPARQL query breaks the pre-binding rules, found in rdflib's parse tree (so a word in
    a string or a comment does not count)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    faults: list[str] = []

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name in PREBINDING_FORBIDS:
                faults.append(PREBINDING_FORBIDS[node.name])
            assigned = {"Bind": "var", "vars": "evar"}.get(node.name)  # BIND (x AS ?v), SELECT (x AS ?v)
            if assigned and str(node.get(assigned)) in PREBOUND:
                faults.append(f"AS ${node.get(assigned)}")
            children = node.values()
        elif isinstance(node, (list, tuple, ParseResults)):
            children = node
        else:
            return
        for child in children:
            walk(child)

    walk(parseQuery(query))
    return faults


@pytest.mark.parametrize("query, fault", [
    ("SELECT $this WHERE { VALUES ?p { <urn:p> } $this ?p ?o }", "VALUES"),
    ("SELECT $this WHERE { $this ?p ?o } VALUES ?p { <urn:p> }", "VALUES"),
    ("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p <urn:o> } }", "MINUS"),
    ("SELECT $this WHERE { SERVICE <urn:s> { $this ?p ?o } }", "SERVICE"),
    ("SELECT $this WHERE { ?s ?p ?o . BIND (?s AS ?this) }", "AS $this"),
    ("SELECT (?s AS $this) WHERE { ?s ?p ?o }", "AS $this"),
    ("ASK { ?s ?p ?o . BIND (?s AS $currentShape) }", "AS $currentShape"),
])
def test_the_pre_binding_check_finds_each_forbidden_form(query, fault):
    assert prebinding_faults(query) == [fault]
    assert prebinding_faults('SELECT $this ?value WHERE { $this ?p ?value FILTER (?value != "VALUES MINUS") }') == []


def test_every_sparql_query_of_the_shapes_keeps_to_the_pre_binding_rules():
    g = shapes()
    queries = [(s, str(q)) for p in (SH.select, SH.ask) for s, q in g.subject_objects(p)]
    assert len(queries) > 20
    faults = {q: prebinding_faults(q) for _s, q in queries}
    assert {q: f for q, f in faults.items() if f} == {}


def test_every_ontology_class_has_a_shape():
    onto = Graph().parse(ROOT / "ontology" / "kgbuild.ttl")
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(KG_NS)}
    targeted = set(shapes().objects(None, SH.targetClass))
    from kgbuild.validate import shapes_graph

    targeted |= set(shapes_graph("consolidated").objects(None, SH.targetClass))  # kg:Claim: only in the layer
    assert classes - targeted == set()


def constrained_properties(g: Graph) -> set[URIRef]:
    """Every IRI used in a shape's sh:path (also inside sequence and inverse paths) or named by
    ExtractedFactShape's list of extracted predicates."""
    found: set[URIRef] = set()

    def walk(path):
        if isinstance(path, URIRef):
            found.add(path)
        elif isinstance(path, BNode):
            if g.value(path, SH.inversePath) is not None:
                walk(g.value(path, SH.inversePath))
            elif g.value(path, RDF.first) is not None:
                for step in Collection(g, path):
                    walk(step)

    for path in g.objects(None, SH.path):
        walk(path)
    return found


def test_every_property_the_seed_build_emits_is_constrained(seed_build):
    data = Graph().parse(seed_build / "graph.ttl")
    emitted = set(data.predicates()) - {RDF.type}
    assert len(emitted) > 40
    from kgbuild.validate import shapes_graph

    # graph.ttl holds the consolidated layer too, constrained by its own shapes
    assert emitted - constrained_properties(shapes()) - constrained_properties(shapes_graph("consolidated")) == set()


def test_the_seed_build_conforms(seed_build):
    report = (seed_build / "validation.txt").read_text(encoding="utf-8")
    assert report.startswith("Conforms:"), report


def test_validation_leaves_rdflib_as_it_was():
    """The prepared-query cache is switched on only while pyshacl runs."""
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    from kgbuild.validate import validate_graph

    before = SPARQLProcessor.query
    validate_graph(snippet_graph(SNIPPETS / "MeetingShape.bad-ordinal.ttl"))
    assert SPARQLProcessor.query is before


@pytest.mark.parametrize("path", snippets("ok"), ids=lambda p: p.name)
def test_conforming_snippet_passes(path):
    from kgbuild.validate import validate_graph

    report = validate_graph(snippet_graph(path), "snippet")
    assert report.conforms, report.to_text()
    assert shape_of(path) in node_shapes(shapes())


@pytest.mark.parametrize("path", snippets("bad"), ids=lambda p: p.name)
def test_violating_snippet_is_reported_naming_its_focus_node(path):
    from kgbuild.validate import validate_graph

    g = snippet_graph(path)
    h = header(path)
    focus = str(g.namespace_manager.expand_curie(h["focus"]))
    report = validate_graph(g, "snippet")
    text = report.to_text()
    assert not report.conforms, f"{path.name} conforms"
    mine = [v for v in report.violations if v.shape == "kgsh:" + shape_of(path)]
    assert any(v.focus == focus for v in mine), text
    if "path" in h:
        assert any(v.focus == focus and v.path == h["path"] for v in mine), text
    # the report names the node: its label and IRI are on the violation's line
    line = next(v.line() for v in mine if v.focus == focus)
    assert line in text and h["focus"] in line, text
    # the snippet trips its own shape, and only the shapes its header admits
    allowed = {"kgsh:" + shape_of(path)} | {"kgsh:" + s for s in h.get("also", "").split()}
    assert {v.shape for v in report.violations} <= allowed, text


def _same_report(a, b) -> None:
    from rdflib.compare import isomorphic

    assert a.conforms == b.conforms
    assert [v.__dict__ for v in a.violations] == [v.__dict__ for v in b.violations]
    assert isomorphic(a.results, b.results)


FAST_ENGINES = ("oxigraph", "turbo", "shacl")
RUST_ENGINES = ("turbo", "shacl")


def _forbid_the_reference(monkeypatch, engine: str) -> None:
    """Make the parts a fast engine replaces fail, so a test proves the fast path ran: rdflib's SPARQL
    evaluator (every fast engine) and pyshacl itself (the Rust engines)."""
    import rdflib.plugins.sparql.processor as processor

    import kgbuild.shacl_pyshacl as shacl_pyshacl

    def forbidden(*args, **kwargs):
        raise AssertionError(f"the reference ran where --shacl engine {engine} should have")

    monkeypatch.setattr(processor, "evalQuery", forbidden)
    if engine in RUST_ENGINES:
        monkeypatch.setattr(shacl_pyshacl, "shacl_validate", forbidden)


@pytest.mark.parametrize("engine", FAST_ENGINES)
@pytest.mark.parametrize("path", sorted(SNIPPETS.glob("*.ttl")), ids=lambda p: p.name)
def test_a_fast_engine_gives_plain_pyshacls_report_on_every_snippet(path, engine, monkeypatch):
    """--shacl-sparql oxigraph, --shacl-engine turbo and shacl: the same violations (focus nodes, paths,
    values, shapes, severities, messages) and result graph (with the components) as plain pyshacl on every
    snippet; and the parts they replace are not called at all (else they would not be faster)."""
    import rdflib.plugins.sparql.processor as processor

    from kgbuild.validate import validate_graph

    reference = validate_graph(snippet_graph(path), "snippet")
    _forbid_the_reference(monkeypatch, engine)
    before = processor.SPARQLProcessor.query
    data = snippet_graph(path)
    triples = set(data)
    fast = validate_graph(data, "snippet", engine=engine)
    assert processor.SPARQLProcessor.query is before
    assert set(data) == triples  # validation left the data graph as it was
    _same_report(reference, fast)


@pytest.fixture(scope="module")
def corpus_build():
    from conftest import CORPUS

    from kgbuild.pipeline import build_documents as build

    return build([ROOT / "seeds", CORPUS], workers=1, consolidate=False)  # the documents' graphs and shapes


@pytest.fixture(scope="module")
def corpus_dataset(corpus_build):
    return corpus_build.dataset


@pytest.fixture(scope="module")
def corpus_reference(corpus_dataset):
    """Plain pyshacl's report on the seed and the corpus, one graph per document."""
    from kgbuild.validate import validate_dataset

    return validate_dataset(corpus_dataset)


def test_every_corpus_document_is_validated(corpus_build, corpus_reference):
    from conftest import CORPUS

    from kgbuild.vocab import KG

    files = sorted(p.name for folder in (ROOT / "seeds", CORPUS) for p in folder.glob("*.txt")
                   if not p.name.startswith("."))
    assert sorted(d.name for d in corpus_build.documents) == files  # each one listed, built or rejected
    named = {str(o) for g in corpus_build.dataset.graphs() for o in g.objects(None, KG.fileName)}
    assert named == {d.name for d in corpus_build.built}  # each built one is a graph of the dataset
    assert corpus_reference.graphs == len(corpus_build.built)  # ... and each graph was validated


@pytest.mark.parametrize("engine", FAST_ENGINES)
def test_a_fast_engine_gives_plain_pyshacls_report_on_every_corpus_document(engine, corpus_dataset,
                                                                           corpus_reference, monkeypatch):
    from kgbuild.validate import validate_dataset

    _forbid_the_reference(monkeypatch, engine)
    _same_report(corpus_reference, validate_dataset(corpus_dataset, engine=engine))


def _forbidden(*args, **kwargs):
    raise AssertionError("called where it should not have been")


@pytest.fixture(scope="module")
def broken_corpus(corpus_dataset):
    """Equal reports on conforming documents prove little: real document graphs broken (a document without
    its date, English labels without their language, a year that is not one), each as an rdflib graph and
    as the build hands it to a validator (its TripleSet and the Turtle it writes), with plain pyshacl's
    report on it."""
    from rdflib import XSD, Literal
    from rdflib.namespace import DCTERMS, RDFS, TIME

    from kgbuild.output import turtle_body
    from kgbuild.graph import TripleSet, new_graph
    from kgbuild.terms import from_rdflib
    from kgbuild.output import prefix_block
    from kgbuild.validate import validate_graph

    documents = []
    for ctx in sorted(corpus_dataset.graphs(), key=lambda c: str(c.identifier)):
        if not len(ctx):
            continue
        g = new_graph(ctx.identifier)
        triples = TripleSet(str(ctx.identifier))
        for s, p, o in ctx:
            if p == DCTERMS.issued:
                continue
            if p == RDFS.label and isinstance(o, Literal) and o.language == "en":
                o = Literal(str(o))
            if p == TIME.inXSDgYear:
                o = Literal(f"year {o}", datatype=XSD.gYear)
            g.add((s, p, o))
            triples.add((from_rdflib(s), from_rdflib(p), from_rdflib(o)))
        documents.append((g, triples, prefix_block() + turtle_body(triples), validate_graph(g)))
    return documents


def _results_signature(results: Graph) -> Counter:
    """A results graph's triples with each blank node written as its description, except the shapes' own
    blank nodes, which pyshacl's clones keep by name: equal for equal reports, and cheap where
    rdflib.compare.isomorphic is not (a dataset's report joins every document's results at those nodes)."""
    from kgbuild.validate import shapes_graph

    kept = {n for n in shapes_graph().all_nodes() if isinstance(n, BNode)}
    described: dict = {}

    def term(node) -> str:
        if not isinstance(node, BNode) or node in kept:
            return node.n3()
        if node not in described:
            pairs = sorted(f"{p.n3()} {term(o)}" for p, o in results.predicate_objects(node))
            described[node] = "[" + "; ".join(pairs) + "]"
        return described[node]

    reports = set(results.subjects(RDF.type, SH.ValidationReport))
    return Counter((term(s), p, term(o)) for s, p, o in results if s not in reports)


@pytest.mark.parametrize("engine", RUST_ENGINES)
def test_a_rust_engine_reports_violating_corpus_documents_as_pyshacl_does(engine, broken_corpus, monkeypatch):
    import pyshacl_turbo.rdf
    from rdflib import Dataset

    from kgbuild.validate import validate_dataset, validate_graph

    references = [reference for *_graph, reference in broken_corpus]
    assert not any(r.conforms for r in references)
    assert sum(len(r.violations) for r in references) > 1000  # 1,106 violations of five shapes on 34 documents
    _forbid_the_reference(monkeypatch, engine)
    for (g, _triples, _turtle, reference) in broken_corpus:
        _same_report(reference, validate_graph(g, engine=engine))
    # a dataset's report: each document's, the shapes' blank nodes shared as in pyshacl's
    ds = Dataset()
    for g, *_rest in broken_corpus:
        named = ds.graph(g.identifier)
        for triple in g:
            named.add(triple)
    merged = validate_dataset(ds, engine=engine)
    union = Graph()
    for r in references:
        union += r.results
    assert merged.graphs == len(references) and not merged.conforms
    assert [v.__dict__ for v in merged.violations] == sorted(
        (v.__dict__ for r in references for v in r.violations),
        key=lambda v: (v["document"], v["shape"], v["focus"], v["path"], v["value"], v["message"]))
    assert _results_signature(merged.results) == _results_signature(union)
    # as the build validates a document: it parses the Turtle and reads no rdflib graph term by term
    monkeypatch.setattr(pyshacl_turbo.rdf, "_term_input", _forbidden)
    monkeypatch.setattr(Graph, "serialize", _forbidden)
    for (_g, triples, turtle, reference) in broken_corpus:
        report = validate_graph(triples, inplace=True, engine=engine, turtle=turtle)
        assert report.conforms == reference.conforms
        assert [v.__dict__ for v in report.violations] == [v.__dict__ for v in reference.violations]


def test_shacl_leaves_a_graph_with_blank_nodes_to_pyshacl():
    """`shacl` renames the blank nodes of the data in its report: such a graph gets plain pyshacl's report."""
    from rdflib import BNode, Literal
    from rdflib.namespace import RDFS, SDO

    from kgbuild.validate import validate_graph

    g = snippet_graph(SNIPPETS / "LabelledShape.bad.ttl")
    person = BNode()
    g.add((person, RDF.type, SDO.Person))
    g.add((person, RDFS.label, Literal("nobody")))
    reference = validate_graph(g, "snippet")
    assert any(v.focus == str(person) for v in reference.violations)
    _same_report(reference, validate_graph(g, "snippet", engine="shacl"))


def test_an_unknown_shacl_engine_is_an_error():
    from kgbuild.validate import validate_graph

    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_graph(snippet_graph(SNIPPETS / "MeetingShape.bad-ordinal.ttl"), engine="jena")


@pytest.mark.parametrize("shacl_engine, shacl_sparql, engine", [
    ("pyshacl", "rdflib", "rdflib"), ("pyshacl", "oxigraph", "oxigraph"), ("turbo", "rdflib", "turbo"),
    ("shacl", "rdflib", "shacl"),
])
def test_the_command_line_options_name_one_engine(shacl_engine, shacl_sparql, engine):
    from kgbuild.validate import ENGINES, SHACL_ENGINES, engine_for

    assert engine_for(shacl_engine, shacl_sparql) == engine
    assert set(ENGINES) == {engine_for(e, s) for e in SHACL_ENGINES for s in ("rdflib", "oxigraph")
                            if e == "pyshacl" or s == "rdflib"}


@pytest.mark.parametrize("shacl_engine, shacl_sparql, message", [
    ("jena", "rdflib", "unknown --shacl-engine 'jena'"),
    ("pyshacl", "jena", "unknown --shacl-sparql 'jena'"),
    ("shacl", "oxigraph", "--shacl-sparql applies to --shacl-engine pyshacl only"),
])
def test_options_that_name_no_engine_are_an_error(shacl_engine, shacl_sparql, message):
    from kgbuild.validate import engine_for

    with pytest.raises(ValueError, match=re.escape(message)):
        engine_for(shacl_engine, shacl_sparql)


def test_every_shape_has_a_conforming_and_a_violating_snippet():
    names = node_shapes(shapes())
    ok = {shape_of(p) for p in snippets("ok")}
    bad = {shape_of(p) for p in snippets("bad")}
    assert names - ok == set(), "shapes without a conforming snippet"
    assert names - bad == set(), "shapes without a violating snippet"
    assert (ok | bad) - names == set(), "snippets named after no shape"

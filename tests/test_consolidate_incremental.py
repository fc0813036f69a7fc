"""A re-run with the cache remakes only the consolidated nodes that its changed documents touch
(consolidate/step.py), and every output is the same, byte for byte, as a full build's."""
import json
import re
import shutil

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kgbuild.pipeline import OUTPUTS, build_to

ENGINE = "shacl"


@pytest.fixture(scope="module")
def cached_build(tmp_path_factory):
    """Seed and corpus copied into a folder of their own (to change) and built once with the cache."""
    from conftest import copy_of_corpus

    src = copy_of_corpus(tmp_path_factory.mktemp("docs"))
    out = tmp_path_factory.mktemp("cached-build")
    build_to([src], out, workers=2, engine=ENGINE)
    return src, out


def _rebuild_and_compare(src, out, fresh):
    """Re-run into `out` with its cache and build `fresh` without one: every output the same bytes."""
    build_to([src], out, workers=2, engine=ENGINE)
    stats = json.loads((out / ".cache" / "last-build.json").read_text())["consolidation"]
    build_to([src], fresh, workers=2, engine=ENGINE, use_cache=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    return stats


def test_one_changed_document(cached_build, tmp_path):
    src, out = cached_build
    changed = sorted(src.glob("*.txt"))[3]
    text = changed.read_text(encoding="utf-8")
    # its date of issue: the first and last reports, and the cascade's earliest official document, move
    changed.write_text(re.sub(r"^ date \d{4}-\d{2}-\d{2}", " date 2020-01-02", text, count=1), encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text
    try:
        stats = _rebuild_and_compare(src, out, tmp_path / "changed")
        assert stats["incremental"] and 0 < stats["nodes_remade"]
        layer = (out / "consolidated.ttl").read_text(encoding="utf-8")
        assert stats["nodes_remade"] < layer.count("kg:firstReported") / 2  # not everything again
    finally:
        changed.write_text(text, encoding="utf-8")
    stats = _rebuild_and_compare(src, out, tmp_path / "restored")  # and back, incrementally too
    assert stats["incremental"]


def test_one_added_document_that_merges_with_others(cached_build, tmp_path):
    """A copy of a document under another name: its persons and meetings join the original's clusters."""
    src, out = cached_build
    original = sorted(src.glob("*.txt"))[5]
    added = src / ("zz_copy_of_" + original.name)
    shutil.copy(original, added)
    try:
        stats = _rebuild_and_compare(src, out, tmp_path / "added")
        assert stats["incremental"] and stats["nodes_remade"] > 0
    finally:
        added.unlink()
    assert _rebuild_and_compare(src, out, tmp_path / "removed-again")["incremental"]


def test_one_removed_document(cached_build, tmp_path):
    src, out = cached_build
    removed = sorted(src.glob("*.txt"))[7]
    kept = tmp_path / removed.name
    shutil.move(removed, kept)
    try:
        stats = _rebuild_and_compare(src, out, tmp_path / "removed")
        assert stats["incremental"] and stats["nodes_remade"] > 0
    finally:
        shutil.move(kept, removed)
    assert _rebuild_and_compare(src, out, tmp_path / "back")["incremental"]


def test_nothing_changed_remakes_nothing(cached_build, tmp_path):
    src, out = cached_build
    stats = _rebuild_and_compare(src, out, tmp_path / "same")
    assert stats["incremental"] and stats["nodes_remade"] == 0


def test_a_state_of_other_code_is_not_used(tmp_path):
    from kgbuild.consolidate.step import build_layer
    from kgbuild.consolidate.summary import summarise_terms
    from kgbuild.pipeline import document_triples
    from conftest import ROOT

    summaries = [summarise_terms(g.identifier, g).pack()
                 for g in (document_triples(p) for p in sorted((ROOT / "seeds").glob("*.txt")))]
    state = tmp_path / "consolidation.pickle"
    full = build_layer(summaries, ENGINE, state, "code-1")
    again = build_layer(summaries, ENGINE, state, "code-1")
    assert again.incremental and again.remade == 0 and again.body == full.body
    other = build_layer(summaries, ENGINE, state, "code-2")
    assert not other.incremental and other.remade == full.remade and other.body == full.body
    state.write_bytes(b"not a pickle")
    assert not build_layer(summaries, ENGINE, state, "code-2").incremental


def test_removing_a_document_from_the_index_is_indexing_the_others():
    from kgbuild.consolidate.nodes import Facts
    from kgbuild.consolidate.summary import Summary, summarise_terms
    from kgbuild.pipeline import document_triples
    from conftest import CORPUS

    summaries = [summarise_terms(g.identifier, g) for g in
                 (document_triples(p) for p in sorted(CORPUS.glob("*.txt"))[:12])]
    facts = Facts.of(summaries)
    facts.remove(4, summaries[4])
    others = Facts.of(summaries[:4] + summaries[5:])
    slot = {i: i if i < 4 else i + 1 for i in range(len(summaries) - 1)}  # the others' slots in `facts`

    def plain(f: Facts) -> tuple:
        def index(ix, renumber):
            return {s: {p: {o: {renumber(i) for i in ds} for o, ds in vals.items()} for p, vals in ps.items()}
                    for s, ps in ix.items()}
        same = lambda i: i  # noqa: E731
        renumber = same if f is facts else slot.__getitem__
        return (index(f.by_node, renumber), index(f.inferred, renumber), dict(f.types),
                {s: {renumber(i) for i in ds} for s, ds in f.node_docs.items()})

    assert plain(facts) == plain(others)
    assert facts.docs[4] is None and [d for d in facts.docs if d is not None] == others.docs
    assert isinstance(summaries[0], Summary)


# the shape constraints whose verdict on a focus node reads only that node's own triples
NODE_LOCAL = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.minInclusive, SH.maxInclusive,
              SH.minExclusive, SH.maxExclusive, SH["in"], SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals,
              SH.equals, SH.disjoint, SH.pattern, SH.minLength, SH.maxLength, SH.hasValue, SH.languageIn}
SHAPE_WORDS = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.deactivated, SH.flags, SH.order,
               SH.property, SH.targetClass, SH.targetSubjectsOf, RDF.type}


def test_the_layers_shapes_are_node_local():
    """What lets a re-run validate only the nodes it remade: every layer shape targets subjects (of a
    class, or of a predicate) that one node's blocks write whole, follows only a direct predicate of the
    focus node, and uses only constraints that read the focus node's own values."""
    from kgbuild.shacl_shapes import shapes_graph

    sg: Graph = shapes_graph("consolidated")
    shapes = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.objects(None, SH.property))
    assert shapes
    for shape in shapes:
        for p, o in sg.predicate_objects(shape):
            assert p in NODE_LOCAL | SHAPE_WORDS, (shape, p)
            if p == SH.path:
                assert isinstance(o, URIRef), (shape, "a path of one predicate")
            if p in (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
                assert isinstance(o, URIRef)
    assert not set(sg.subjects(SH.targetObjectsOf, None)) and not set(sg.subjects(SH.targetNode, None))


def test_a_node_pointing_at_a_cluster_that_moved_is_remade(tmp_path):
    """An added document whose person joins another document's under a smaller IRI: the cluster's
    canonical IRI changes, and a third document's meeting, which the added one does not touch, must now
    point at the new one."""
    from kgbuild.consolidate.step import build_layer
    from kgbuild.consolidate.summary import Summary

    ID, SDO, KG = "https://w3id.org/kgbuild/id/", "https://schema.org/", "https://w3id.org/kgbuild/ontology#"
    LABEL, LANG = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    TYPE = str(RDF.type)

    def doc(name, facts):
        return Summary(ID + "doc/" + name, name + ".txt", "2025-01-0" + name[-1], "en", False, tuple(sorted(facts)))

    a = doc("a1", [(ID + "person/zed-bar", TYPE, SDO + "Person"), (ID + "person/zed-bar", LABEL, ("Zed Bar", LANG, "en"))])
    c = doc("c3", [(ID + "meeting/c3-m", TYPE, KG + "Meeting"), (ID + "meeting/c3-m", SDO + "attendee", ID + "person/zed-bar"),
                   (ID + "meeting/c3-m", SDO + "startDate", ("2025-01-01", "http://www.w3.org/2001/XMLSchema#date", ""))])
    b = doc("b2", [(ID + "person/bar-zed", TYPE, SDO + "Person"), (ID + "person/bar-zed", LABEL, ("Zed Bar", LANG, "en"))])
    state = tmp_path / "consolidation.pickle"
    build_layer([a.pack(), c.pack()], ENGINE, state, "code")
    incremental = build_layer([a.pack(), b.pack(), c.pack()], ENGINE, state, "code")
    full = build_layer([a.pack(), b.pack(), c.pack()], ENGINE)
    assert incremental.incremental and incremental.body == full.body
    assert f"schema:attendee <{ID}consolidated/person/bar-zed>" in full.body  # the moved cluster's new IRI
    assert [v.__dict__ for v in incremental.report.violations] == [v.__dict__ for v in full.report.violations]


def test_a_tie_resolved_by_an_added_document_loses_its_warnings(tmp_path):
    """Two documents date a meeting differently (a tie: a warning on each claim); a third agreeing with
    one of them makes a majority. The re-run validates the claims whose text changed and drops their old
    warnings; the report is a full build's."""
    from kgbuild.consolidate.step import build_layer
    from kgbuild.consolidate.summary import Summary

    ID, KG, SDO = "https://w3id.org/kgbuild/id/", "https://w3id.org/kgbuild/ontology#", "https://schema.org/"
    DATE = "http://www.w3.org/2001/XMLSchema#date"

    def doc(name, day):
        m = ID + "meeting/summit"
        facts = [(m, str(RDF.type), KG + "Meeting"), (m, SDO + "startDate", (day, DATE, ""))]
        return Summary(ID + "doc/" + name, name + ".txt", "2025-02-0" + name[-1], "en", False, tuple(sorted(facts))).pack()

    state = tmp_path / "consolidation.pickle"
    tied = build_layer([doc("a1", "2025-01-10"), doc("b2", "2025-01-11")], ENGINE, state, "code")
    assert any(v.severity == "sh:Warning" for v in tied.report.violations)
    three = [doc("a1", "2025-01-10"), doc("b2", "2025-01-11"), doc("c3", "2025-01-10")]
    incremental, full = build_layer(three, ENGINE, state, "code"), build_layer(three, ENGINE)
    assert incremental.incremental and incremental.body == full.body
    assert [v.__dict__ for v in incremental.report.violations] == [v.__dict__ for v in full.report.violations] == []
    assert incremental.report.conforms == full.report.conforms



THREADS_SCRIPT = """
import json, sys
from kgbuild.consolidate import step
from kgbuild.consolidate.summary import Summary

ID, KG, SDO = "https://w3id.org/kgbuild/id/", "https://w3id.org/kgbuild/ontology#", "https://schema.org/"
RDF_TYPE, DATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2001/XMLSchema#date"

def doc(name, n, day):
    facts = [(f"{ID}meeting/m{i}", RDF_TYPE, KG + "Meeting") for i in range(n)]
    facts += [(f"{ID}meeting/m{i}", SDO + "startDate", (day, DATE, "")) for i in range(n)]
    return Summary(ID + "doc/" + name, name + ".txt", "2025-02-01", "en", False, tuple(sorted(facts))).pack()

builder = step.LayerBuilder("shacl")
for packed in (doc("a", 40, "2025-01-10"), doc("b", 40, "2025-01-11")):  # 40 ties, 80 warnings
    builder.add(packed)
state, _remade, blocks, _changed = builder._aggregate()
step.THREADED_ENGINES = () if sys.argv[1] == "one" else ("shacl",)
report = step._validate(state, blocks, "shacl", chunk=2000)
print(json.dumps([report.conforms, [v.__dict__ for v in report.violations]]))
"""


def test_validating_the_layer_in_threads_gives_the_report_of_one_thread():
    """`shacl` validates the layer's parts two at a time in threads. In a new process (nothing parsed or
    compiled yet), on many small parts, the report (ties as warnings, named by their shape) is the one of
    validating the parts one after another."""
    import json
    import subprocess
    import sys

    def report(mode: str):
        run = subprocess.run([sys.executable, "-c", THREADS_SCRIPT, mode], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)

    threaded, alone = report("threads"), report("one")
    assert threaded == alone
    assert len(alone[1]) == 80 and {v["shape"] for v in alone[1]} == {"kgsh:TiedClaimShape"}

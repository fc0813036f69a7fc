"""Golden graphs, one folder a case (tests/golden/<case>/: the documents, or an input.list naming them, and
expected.trig): each case built through the CLI gives a graph isomorphic to its expected one, named graph
by named graph. `python tools/regen_golden.py [CASE ...]` rewrites the expected graphs when a change of
output is meant."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from kgbuild.vocab import CONSOLIDATED_GRAPH, VOCABULARY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # the golden cases' builder is a script of the repository
from regen_golden import EXPECTED, build_case, cases  # noqa: E402


def named_graphs(path: Path) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(path, format="trig")
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def test_the_golden_cases_are_the_seed_and_one_document_per_language():
    names = [case.name for case in cases()]
    assert "seed" in names
    assert {name.split("-")[0] for name in names} >= {"kk", "ru", "en"}


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_a_case_builds_into_its_expected_graph(case, tmp_path):
    expected = named_graphs(case / EXPECTED)
    built = named_graphs(build_case(case, tmp_path))
    built.pop(CONSOLIDATED_GRAPH)  # the documents' graphs are golden; the layer over them is tested apart
    built.pop(VOCABULARY_GRAPH)  # and so are the data files' names (test_corpus_merge)
    assert sorted(built) == sorted(expected)
    for name, graph in built.items():
        if not isomorphic(graph, expected[name]):
            _, only_built, only_expected = graph_diff(graph, expected[name])
            pytest.fail(f"{case.name}: {name} differs from {EXPECTED}\nonly built:\n"
                        f"{only_built.serialize(format='nt')}\nonly expected:\n{only_expected.serialize(format='nt')}")

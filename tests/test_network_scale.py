"""Networks of a bench-size build (300 generated press releases): every picture, page and `network stats`
runs; a 600-node component is laid out (networkx's scipy path); pictures are the same bytes whatever
PYTHONHASHSEED; a large picture's labels never overlap."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.cli import app
from kgbuild.network import KINDS, MAX_LABELS, figure, label_overlaps, layout, project
from kgbuild.queries import load_store


@pytest.fixture(scope="module")
def bench_build(tmp_path_factory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the bench generator recombines the corpus in ../shared/corpus")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    base = tmp_path_factory.mktemp("bench-network")
    generate(300, base / "docs", seed=7)
    r = CliRunner().invoke(app, ["build", str(base / "docs"), "--out", str(base / "out"), "--workers", "2",
                                 "--shacl-engine", "turbo"])
    assert r.exit_code == 0, r.output
    return base / "out"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_picture_and_page_of_a_bench_build_is_written(bench_build, tmp_path, kind):
    for ending in (".png", ".html"):
        target = tmp_path / f"{kind}{ending}"
        r = CliRunner().invoke(app, ["network", kind, "--graph", str(bench_build), "--out", str(target)])
        assert r.exit_code == 0, r.output
        assert target.stat().st_size > 10_000


def test_network_stats_of_a_bench_build(bench_build):
    r = CliRunner().invoke(app, ["network", "stats", "--graph", str(bench_build), "--top", "5"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert all(f"{kind}: most central nodes (5 of" in r.output for kind in KINDS)


def test_a_large_picture_labels_its_most_central_nodes_without_overlap(bench_build):
    G = project(load_store(bench_build), "officials-meetings")
    assert len(G) > MAX_LABELS
    fig = figure(G)
    texts = fig.axes[0].texts
    assert 20 <= len(texts) <= MAX_LABELS
    assert label_overlaps(fig) == []


def test_a_component_of_600_nodes_is_laid_out_inside_the_frame():
    tree = nx.random_labeled_tree(600, seed=3)
    G = nx.relabel_nodes(tree, {n: f"n{n:04d}" for n in tree})
    pos = layout(G)
    assert set(pos) == set(G)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    assert len({(round(x, 2), round(y, 2)) for x, y in pos.values()}) > 400  # spread, not collapsed onto a few points
    assert layout(G) == pos


def _run(args: list[str], seed: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "200"}
    code = "from kgbuild.cli import main; main()"
    subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=cwd, check=True, capture_output=True, timeout=600)


@pytest.mark.parametrize("kind, ending", [("countries-meetings", ".svg"), ("co-participation", ".html"),
                                          ("officials-meetings", ".png")])
def test_pictures_are_the_same_bytes_whatever_the_hash_seed(bench_build, tmp_path, kind, ending):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}{ending}"
        _run(["network", kind, "--graph", str(bench_build), "--out", str(target)], seed, tmp_path)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]

"""A build that one document cannot stall and that scales out: validation time linear in a document's size,
a per-document time limit that rejects the slow document by name and builds the rest, and the same bytes
from a Dask cluster as from the worker processes."""
from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.cli import app

OUTPUTS = ("graph.trig", "graph.ttl", "validation.txt", "validation.json", "build.json")


def _repeated(folder: Path, name: str, lines: int) -> Path:
    """A document of `lines` one-sentence paragraphs, each naming the same two people."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(" date 2025-01-01 Talks\n" + "Tokayev met Putin.\n" * lines, encoding="utf-8")
    return path


def _validation_seconds(path: Path, engine: str) -> float:
    """CPU seconds to validate the document's graph (what the build does), best of two."""
    from kgbuild.output import prefix_block, turtle_body
    from kgbuild.pipeline import document_triples
    from kgbuild.validate import validate_graph

    g = document_triples(path)
    turtle = prefix_block() + turtle_body(g)
    validate_graph(g, inplace=True, engine=engine, turtle=turtle)  # shapes compiled outside the timing
    best = float("inf")
    for _ in range(2):
        t = time.process_time()
        report = validate_graph(g, inplace=True, engine=engine, turtle=turtle)
        best = min(best, time.process_time() - t)
    assert report.conforms, [v.line() for v in report.violations]
    return best


@pytest.mark.parametrize("engine", ["turbo", "shacl"])
def test_validation_time_grows_linearly_with_a_documents_size(tmp_path, engine):
    # one name in every sentence: a shape joining each statement with every other one grows with the square
    small = _validation_seconds(_repeated(tmp_path, "small", 150), engine)
    large = _validation_seconds(_repeated(tmp_path, "large", 600), engine)
    assert large < 8 * max(small, 0.01), (small, large)  # 4x the size: 4x linear, 16x quadratic


# ---------------------------------------------------------------- time limit --


@pytest.fixture
def slow_extraction(monkeypatch):
    """Extraction of a document whose file name starts with "slow" sleeps for a minute."""
    import kgbuild.pipeline as pipeline

    extract = pipeline.extract

    def slow(doc, gaz):
        if Path(doc.path).name.startswith("slow"):
            time.sleep(60)
        return extract(doc, gaz)

    monkeypatch.setattr(pipeline, "extract", slow)


def _two_documents(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _repeated(src, "fast", 2)
    _repeated(src, "slow", 2)
    return src


def test_a_document_over_the_time_limit_is_rejected_by_name_and_the_rest_is_built(tmp_path, slow_extraction):
    src = _two_documents(tmp_path)
    out = tmp_path / "out"
    started = time.monotonic()
    r = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "-j", "1", "--no-cache", "--time-limit", "1"])
    assert time.monotonic() - started < 30  # the sleeping extraction was interrupted, not waited for
    assert r.exit_code == 2, r.output
    assert "slow.txt" in r.output and "time limit of 1 s" in r.output
    summary = json.loads((out / "build.json").read_text())
    assert summary["documents"] == 1
    [rejected] = summary["rejected"]
    assert rejected["file"].endswith("slow.txt")
    assert "in its extract stage" in rejected["reason"] and "--time-limit" in rejected["reason"]
    trig = (out / "graph.trig").read_text()
    assert "doc/fast>" in trig and "doc/slow>" not in trig


def test_a_rejected_document_is_not_cached_and_the_limit_can_be_lifted(tmp_path, monkeypatch):
    import kgbuild.pipeline as pipeline

    src = _two_documents(tmp_path)
    extract = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", lambda doc, gaz: (time.sleep(1.5), extract(doc, gaz))[1])
    out = tmp_path / "out"
    result = pipeline.build_to([src], out, workers=1, limit=0.5)
    assert [Path(d.path).name for d in result.rejected] == ["fast.txt", "slow.txt"]
    assert not result.built and not out.exists()  # nothing built: nothing written
    result = pipeline.build_to([src], out, workers=1, limit=None)
    assert len(result.built) == 2 and result.reused == 0


def test_the_limit_holds_in_a_worker_thread_between_stages(tmp_path, slow_extraction, monkeypatch):
    # a cluster's workers run documents in threads, where no timer can interrupt: the stage ends, then the check
    import kgbuild.pipeline as pipeline

    monkeypatch.setattr(time, "sleep", lambda s, sleep=time.sleep: sleep(min(s, 1.0)))
    doc = _repeated(tmp_path, "slow", 2)
    results = []
    worker = threading.Thread(target=lambda: results.append(pipeline.process_document(str(doc), "turbo", 0.3)))
    worker.start()
    worker.join(30)
    [out] = results
    assert out.error and "time limit of 0.3 s" in out.error and "after its map stage" in out.error
    assert out.trig == "" and out.triples == 0


def test_no_limit_and_a_generous_limit_build_the_same_bytes(tmp_path):
    src = _two_documents(tmp_path)
    for name, limit in (("none", "0"), ("generous", "600")):
        r = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / name), "-j", "1", "--no-cache",
                                     "--time-limit", limit])
        assert r.exit_code == 0, r.output
    for name in OUTPUTS:
        assert (tmp_path / "none" / name).read_bytes() == (tmp_path / "generous" / name).read_bytes(), name


# -------------------------------------------------------------------- executors --


@pytest.mark.parametrize("spec, message", [
    ("threads", "unknown executor 'threads'"),
    ("dask://", "unknown executor 'dask://'"),
    ("ray://127.0.0.1:1", "unknown executor"),
])
def test_an_unknown_executor_is_a_usage_error(tmp_path, spec, message):
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--executor", spec])
    assert r.exit_code == 2 and message in r.output
    assert not (tmp_path / "o").exists()


def test_executor_names_and_addresses():
    from kgbuild.executors import parse_executor

    assert parse_executor("process") == ("process", "")
    assert parse_executor("dask://10.0.0.5:8786") == ("dask", "tcp://10.0.0.5:8786")
    assert parse_executor("dask+tls://sched:8786") == ("dask", "tls://sched:8786")


@pytest.fixture(scope="module")
def dask_cluster():
    """A local Dask cluster of two worker processes on 127.0.0.1, closed after the tests."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, worker_dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


def test_a_dask_cluster_builds_the_same_bytes_as_worker_processes(tmp_path, dask_cluster):
    from distributed import Client

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "seeds" / "000_90a708093f919ed1.txt", src)
    for p in sorted(CORPUS.glob("*.txt"))[:5]:
        shutil.copy(p, src)
    common = ["build", str(src), "--no-cache", "--shacl-engine", "turbo"]
    r = CliRunner().invoke(app, [*common, "--out", str(tmp_path / "processes"), "-j", "2"])
    assert r.exit_code == 0, r.output
    address = dask_cluster.scheduler_address  # tcp://127.0.0.1:PORT
    r = CliRunner().invoke(app, [*common, "--out", str(tmp_path / "dask"), "--executor",
                                 "dask://" + address.split("://", 1)[1]])
    assert r.exit_code == 0, r.output
    for name in OUTPUTS:
        assert (tmp_path / "processes" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    with Client(address, set_as_default=False) as client:  # the documents were built on the cluster's workers
        built_there = client.run(lambda: "kgbuild.pipeline" in sys.modules)
    assert len(built_there) == 2 and any(built_there.values())

"""The streaming build: same bytes for any worker count, the same graph and SHACL report as the in-memory
build and as plain pyshacl on the whole Dataset, incremental re-runs equal to full rebuilds, the bench generator
deterministic for a seed, no progress bar when stderr is not a terminal."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.cli import app

OUTPUTS = ("graph.trig", "graph.ttl", "validation.txt", "validation.json", "build.json")


def _sources(tmp_path: Path, n: int = 3) -> Path:
    """The seed and the first n corpus documents, copied into a folder the test may change."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "seeds" / "000_90a708093f919ed1.txt", src)
    for p in sorted(CORPUS.glob("*.txt"))[:n]:
        shutil.copy(p, src)
    return src


def _build(src, out: Path, *extra: str) -> dict:
    r = CliRunner().invoke(app, ["build", *map(str, src if isinstance(src, list) else [src]), "--out", str(out), *extra])
    assert r.exit_code == 0, r.output
    return json.loads((out / ".cache" / "last-build.json").read_text())


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_one_and_two_workers_give_byte_identical_outputs(tmp_path):
    src = _sources(tmp_path)
    _build(src, tmp_path / "j1", "-j", "1", "--no-cache")
    stats = _build(src, tmp_path / "j2", "-j", "2", "--no-cache")
    assert stats["workers"] == 2 and stats["extracted"] == 4
    _same(tmp_path / "j1", tmp_path / "j2")


@pytest.mark.parametrize("engine", [("--shacl-sparql", "oxigraph"), ("--shacl-engine", "turbo"),
                                    ("--shacl-engine", "shacl")], ids=lambda e: e[1])
def test_a_fast_validation_engine_gives_byte_identical_outputs(tmp_path, engine):
    src = _sources(tmp_path)
    _build(src, tmp_path / "ref", "-j", "2", "--no-cache", "--shacl-engine", "pyshacl")
    _build(src, tmp_path / "fast", "-j", "2", "--no-cache", *engine)
    _same(tmp_path / "ref", tmp_path / "fast")


@pytest.mark.parametrize("option, engine", [("turbo", "turbo"), ("shacl", "shacl"), ("pyshacl", "rdflib")])
def test_the_engine_option_reaches_the_validation(tmp_path, monkeypatch, option, engine):
    """--shacl-engine NAME runs that engine's adapter on every document (in this process with -j 1)."""
    from kgbuild import validate

    ran = []
    adapter = validate.ADAPTERS[engine]
    monkeypatch.setitem(validate.ADAPTERS, engine, lambda *a, **k: ran.append(engine) or adapter(*a, **k))
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "-j", "1",
                                 "--no-cache", "--shacl-engine", option])
    assert r.exit_code == 0, r.output
    assert ran and set(ran) == {engine}  # the document's graph, and the consolidated layer


@pytest.mark.parametrize("args, engine", [((), "shacl"), (("--shacl-sparql", "oxigraph"), "oxigraph"),
                                          (("--shacl-sparql", "rdflib"), "shacl")])
def test_the_build_validates_with_shacl_unless_told_otherwise(tmp_path, monkeypatch, args, engine):
    """The build's default engine is the Rust `shacl` (its report equals pyshacl's: tests/test_shapes.py);
    asking for Oxigraph's SPARQL inside pyshacl asks for pyshacl."""
    from kgbuild import validate

    ran = []
    for name, adapter in list(validate.ADAPTERS.items()):
        monkeypatch.setitem(validate.ADAPTERS, name, lambda *a, _n=name, _f=adapter, **k: ran.append(_n) or _f(*a, **k))
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "-j", "1",
                                 "--no-cache", *args])
    assert r.exit_code == 0, r.output
    assert ran and set(ran) == {engine}


@pytest.mark.parametrize("args, message", [
    (("--shacl-engine", "jena"), "unknown --shacl-engine 'jena'"),
    (("--shacl-engine", "shacl", "--shacl-sparql", "oxigraph"), "--shacl-sparql applies to --shacl-engine pyshacl only"),
    (("--shacl-sparql", "jena"), "unknown --shacl-sparql 'jena'"),
    (("--shacl-engine", "turbo", "--shacl-sparql", "oxigraph"), "--shacl-sparql applies to --shacl-engine pyshacl only"),
])
def test_a_wrong_validation_engine_is_a_usage_error(tmp_path, args, message):
    for command in (["build", str(ROOT / "seeds"), "--out", str(tmp_path / "out")], ["validate", str(tmp_path)]):
        r = CliRunner().invoke(app, [*command, *args])
        assert r.exit_code == 2 and message in " ".join(r.output.split()), r.output
    assert not (tmp_path / "out").exists()


def test_stream_build_equals_the_in_memory_build_and_plain_pyshacl(tmp_path):
    """graph.trig byte for byte as output.serialize() writes the in-memory build's Dataset; the report as
    validate_dataset() (pyshacl on each named graph of the Dataset) gives it, and as the in-memory build
    gives it; graph.ttl parses to the union. A second file with the same name, in another folder, is
    rejected in both paths (it would be the same named graph)."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kgbuild.output import serialize
    from kgbuild.pipeline import build_documents
    from kgbuild.validate import validate_dataset

    src = _sources(tmp_path, 2)
    twin = tmp_path / "twin"
    twin.mkdir()
    first = sorted(CORPUS.glob("*.txt"))[0]
    (twin / first.name).write_text(first.read_text(encoding="utf-8").replace("2025", "2024"), encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["build", str(src), str(twin), "--out", str(out), "-j", "2", "--no-cache"])
    assert r.exit_code == 2 and f"{twin / first.name}: has the same document name" in r.stderr
    ref = build_documents([src, twin], workers=1, engine="rdflib")
    assert [d.path for d in ref.rejected] == [str(twin / first.name)]
    assert ref.trig.encode("utf-8") == (out / "graph.trig").read_bytes()
    assert serialize(ref.dataset, "trig") == (out / "graph.trig").read_bytes()
    report = validate_dataset(ref.dataset)
    for text, json_text in ((report.to_text(), report.to_json()), (ref.report.to_text(), ref.report.to_json())):
        assert text == (out / "validation.txt").read_text(encoding="utf-8")
        assert json_text == (out / "validation.json").read_text(encoding="utf-8")
    union = Graph().parse(data=serialize(ref.dataset, "turtle").decode("utf-8"), format="turtle")
    assert isomorphic(union, Graph().parse(out / "graph.ttl"))
    assert json.loads((out / "build.json").read_text())["triples"] == ref.triples


def test_a_rerun_reuses_unchanged_documents_and_equals_a_full_rebuild(tmp_path):
    src = _sources(tmp_path)
    out = tmp_path / "out"
    assert _build(src, out, "-j", "1")["extracted"] == 4
    again = _build(src, out, "-j", "1")
    assert (again["reused"], again["extracted"]) == (4, 0)

    # one document changed: only it is extracted again; the result equals a build from scratch
    changed = sorted(src.glob("0*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("2025", "2023", 1), encoding="utf-8")
    stats = _build(src, out, "-j", "2")
    assert (stats["reused"], stats["extracted"]) == (3, 1)
    _build(src, tmp_path / "full", "-j", "1", "--no-cache")
    _same(out, tmp_path / "full")

    # a removed document: its named graph disappears, still equal to a full rebuild
    gone = sorted(src.glob("0*.txt"))[2]
    gone.unlink()
    stats = _build(src, out, "-j", "1")
    assert (stats["reused"], stats["extracted"]) == (3, 0)
    assert f"/doc/{gone.stem}>" not in (out / "graph.trig").read_text(encoding="utf-8")
    assert gone.name not in (out / "graph.ttl").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "full")
    _build(src, tmp_path / "full", "-j", "1", "--no-cache")
    _same(out, tmp_path / "full")
    assert len(list((out / ".cache" / "docs").glob("*.entry"))) == 3  # the removed one is pruned


def test_a_data_or_code_change_rebuilds_every_document(tmp_path, monkeypatch):
    import kgbuild.cache as cache

    src = _sources(tmp_path, 1)
    out = tmp_path / "out"
    _build(src, out, "-j", "1")
    assert _build(src, out, "-j", "1")["reused"] == 2
    monkeypatch.setattr(cache, "data_fingerprint", lambda: "another gazetteer")
    assert _build(src, out, "-j", "1")["extracted"] == 2
    assert _build(src, out, "-j", "1")["reused"] == 2


def test_a_corrupt_cache_entry_is_rebuilt(tmp_path):
    src = _sources(tmp_path, 1)
    out = tmp_path / "out"
    _build(src, out, "-j", "1")
    entry = sorted((out / ".cache" / "docs").glob("*.entry"))[0]
    entry.write_text("{not json")
    stats = _build(src, out, "-j", "1")
    assert (stats["reused"], stats["extracted"]) == (1, 1)
    _build(src, tmp_path / "full", "-j", "1", "--no-cache")
    _same(out, tmp_path / "full")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    import kgbuild.cli.build as cli

    made = []

    class Spy(cli._progress):
        def __init__(self):
            made.append(self)
            super().__init__()

    monkeypatch.setattr(cli, "_progress", Spy)
    src = _sources(tmp_path, 5)
    r = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "out"), "-j", "2"])
    assert r.exit_code == 0, r.output
    assert made == []
    assert "building" not in r.output and "\r" not in r.output

    # on a terminal the bar is made and fed (several documents): the same build, now with a spy bar
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    updates = []
    monkeypatch.setattr(Spy, "update", lambda self, done, total: updates.append((done, total)))
    monkeypatch.setattr(Spy, "close", lambda self: None)
    r = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "out2"), "-j", "1"])
    assert r.exit_code == 0, r.output
    assert len(made) == 1 and updates[-1] == (6, 6)


def test_the_bench_generator_is_deterministic_for_a_seed(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    a = generate(30, tmp_path / "a", seed=7)
    b = generate(30, tmp_path / "b", seed=7)
    c = generate(30, tmp_path / "c", seed=8)
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    from kgbuild.document import read_document

    langs = {read_document(p).language for p in a}
    assert langs == {"kk", "ru", "en"}
    assert not any(str(p).startswith(str(ROOT)) for p in a)


def test_the_main_process_keeps_no_document_text_once_written(tmp_path):
    """Streaming: a written document leaves only its summary in memory (no Turtle, no violations)."""
    from kgbuild.pipeline import build_to

    src = _sources(tmp_path, 2)
    result = build_to([src], tmp_path / "out", workers=2, use_cache=False)
    assert len(result.built) == 3 and result.triples > 1000
    assert all(d.trig == "" and d.ttl == "" and d.violations == [] for d in result.documents)
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 100_000

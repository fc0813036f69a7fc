"""A build folder's on-disk store (store.py): loaded once from graph.trig, opened at once after, refreshed
when a build replaces graph.trig, loaded once when two first queries race, never left half-written."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from kgbuild import store as store_mod
from kgbuild.queries import QueryError, get_query, load_store, run_local

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"


def _folder(tmp_path: Path, source: Path = FIXTURE) -> Path:
    out = tmp_path / "build"
    out.mkdir(exist_ok=True)
    tmp = out / "graph.trig.part"
    shutil.copyfile(source, tmp)
    tmp.replace(out / "graph.trig")  # as a build writes it: a new file renamed into place
    return out


@pytest.fixture
def loads(monkeypatch):
    """Every bulk load of a graph file into a store, by file name."""
    seen: list[str] = []
    real = store_mod._load

    def counting(store, graph_file, fmt):
        seen.append(Path(graph_file).name)
        real(store, graph_file, fmt)

    monkeypatch.setattr(store_mod, "_load", counting)
    return seen


def _rows(graph) -> list[dict[str, str]]:
    return run_local(load_store(graph), get_query("meetings"))


def test_the_first_query_loads_the_store_and_later_ones_open_it(tmp_path, loads):
    out = _folder(tmp_path)
    in_memory = _rows(FIXTURE)
    assert loads == ["multi.trig"]
    assert _rows(out) == in_memory and (out / ".store").is_dir()
    assert _rows(out) == in_memory
    assert loads == ["multi.trig", "graph.trig"]  # the second query on the folder read no file


def test_a_new_build_refreshes_the_store(tmp_path, loads):
    out = _folder(tmp_path)
    before = _rows(out)
    trimmed = tmp_path / "trimmed.trig"
    text = FIXTURE.read_text(encoding="utf-8")
    # the same fixture without its last named graph: fewer meetings
    trimmed.write_text(text[:text.rstrip().rindex("\n<")] + "\n", encoding="utf-8")
    _folder(tmp_path, trimmed)
    after = _rows(out)
    assert after == _rows(trimmed) and after != before
    assert loads.count("graph.trig") == 2


def test_a_loaded_store_is_compacted_before_it_is_used(tmp_path, monkeypatch, loads):
    compacted: list[bool] = []  # for each compaction: whether the build folder's store was in place then
    real = store_mod._compact

    def spy(store, graph_file, folder):
        assert loads[-1] == "graph.trig" == graph_file.name  # after the load
        real(store, graph_file, folder)
        compacted.append((tmp_path / "build" / ".store").exists())

    monkeypatch.setattr(store_mod, "_compact", spy)
    out = _folder(tmp_path)
    # the folder's store compacted before it is renamed into place; the file read into memory is not
    assert _rows(out) == _rows(FIXTURE) and compacted == [False]
    assert _rows(out) and compacted == [False]  # the current store opened again: not compacted again
    store_mod.disk_store(out, tmp_path / "staged")  # the store `kgbuild serve` stages
    assert compacted == [False, True]


def test_a_store_that_cannot_be_compacted_is_named_and_not_left_half_made(tmp_path):
    class FullDisk:
        def optimize(self):
            raise OSError("IO error: No space left on device")

    with pytest.raises(store_mod.StoreError, match=r"graph\.trig: loaded, but the store in .*staged cannot be "
                                                   r"compacted \(IO error: No space left on device\)"):
        store_mod._compact(FullDisk(), Path("build/graph.trig"), tmp_path / "staged")


def test_a_failed_compaction_leaves_no_store_behind(tmp_path, monkeypatch):
    def failing(store, graph_file, folder):
        raise store_mod.StoreError(f"{graph_file}: loaded, but the store in {folder} cannot be compacted (disk full)")

    monkeypatch.setattr(store_mod, "_compact", failing)
    out = _folder(tmp_path)
    with pytest.raises(QueryError, match=r"graph\.trig: loaded, but the store in .* cannot be compacted"):
        load_store(out)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".store") and p.is_dir()]


def test_a_server_gets_a_copy_of_the_folder_store_that_later_builds_leave_alone(tmp_path, loads):
    out = _folder(tmp_path)
    first = load_store(out, tmp_path / "served-1")  # the folder's store made, then copied
    assert loads == ["graph.trig"] and (out / ".store").is_dir()
    before = run_local(first, get_query("meetings"))
    assert before == _rows(out) and loads == ["graph.trig"]  # a query opens the same store, loads nothing
    del first
    second = load_store(out, tmp_path / "served-2")  # a second server: copied again, nothing loaded
    assert run_local(second, get_query("meetings")) == before and loads == ["graph.trig"]
    # a new build refreshes the folder's store; the copy a server has keeps answering as before
    trimmed = tmp_path / "trimmed.trig"
    text = FIXTURE.read_text(encoding="utf-8")
    trimmed.write_text(text[:text.rstrip().rindex("\n<")] + "\n", encoding="utf-8")
    _folder(tmp_path, trimmed)
    assert _rows(out) != before and loads.count("graph.trig") == 2
    assert run_local(second, get_query("meetings")) == before


def test_a_server_of_a_folder_the_user_cannot_write_loads_its_own_store(tmp_path, monkeypatch, loads):
    out = _folder(tmp_path)
    monkeypatch.setattr(store_mod.os, "access", lambda path, mode: False)
    staged = load_store(out, tmp_path / "served")
    assert run_local(staged, get_query("meetings")) == _rows(FIXTURE)
    assert not (out / ".store").exists() and loads[0] == "graph.trig"


def test_two_first_queries_load_the_store_once(tmp_path, loads):
    out = _folder(tmp_path)
    results: list[list] = []
    threads = [threading.Thread(target=lambda: results.append(_rows(out))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1] == _rows(FIXTURE)
    assert loads.count("graph.trig") == 1


def test_a_broken_graph_is_named_and_no_half_store_is_left(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "graph.trig").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"graph\.trig: cannot load graph"):
        load_store(out)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".store") and p.is_dir()]


def test_a_folder_without_a_build_is_named(tmp_path):
    with pytest.raises(QueryError, match="no graph found"):
        load_store(tmp_path)


def test_a_folder_the_user_cannot_write_is_read_into_memory(tmp_path, monkeypatch, loads):
    out = _folder(tmp_path)
    monkeypatch.setattr(store_mod.os, "access", lambda path, mode: False)
    assert _rows(out) == _rows(FIXTURE)
    assert not (out / ".store").exists()

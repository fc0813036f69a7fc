"""Bad input loses nothing: every bad file is named on stderr with its reason, every good document is still
built and written, the exit status says which case it was, and a killed build never leaves a truncated file."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from conftest import SEED
from kgbuild.cli import app
from kgbuild.document import MAX_BYTES
from kgbuild.vocab import DATA_NS

DOC = DATA_NS + "doc/"
GOOD_HEADER = " date 2025-12-01 Title\n"


def bad_files(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; {file name: what its rejection must say}."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes((GOOD_HEADER + "Caf\xe9 au lait.\n").encode("latin-1"))
    (folder / "noheader.txt").write_text("Just a paragraph with no header line.\n", encoding="utf-8")
    (folder / "baddate.txt").write_text(" date 2025-02-30 Title\nA paragraph.\n", encoding="utf-8")
    with open(folder / "huge.txt", "w", encoding="utf-8") as fh:  # a valid header, then 10 MB of text
        fh.write(GOOD_HEADER)
        line = "Жиында аймақтық қауіпсіздік мәселелері талқыланды.\n"
        for _ in range(10 * 1024 * 1024 // len(line.encode("utf-8")) + 1):
            fh.write(line)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    (folder / "folder.txt").mkdir()
    os.mkfifo(folder / "fifo.txt")  # reading it would block forever: refused as not a regular file
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "latin1.txt": "not valid UTF-8",
        "noheader.txt": "no header line",
        "baddate.txt": "malformed date '2025-02-30'",
        "huge.txt": "too large",
        "loop-a.txt": "not a regular file",
        "loop-b.txt": "not a regular file",
        "dangling.txt": "not a regular file",
        "folder.txt": "not a regular file",
        "fifo.txt": "not a regular file",
    }


def graphs_in(out: Path) -> set[str]:
    """The documents' named graphs in graph.trig (the consolidated layer and the vocabulary graph, always
    last, aside)."""
    from kgbuild.vocab import CONSOLIDATED_GRAPH, VOCABULARY_GRAPH

    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    return {str(g.identifier) for g in ds.graphs() if len(g)} - {CONSOLIDATED_GRAPH, VOCABULARY_GRAPH}


@pytest.fixture
def mixed(tmp_path) -> tuple[Path, dict[str, str]]:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "good-1.txt")
    shutil.copy(SEED, src / "good-2.txt")
    return src, bad_files(src)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_files_are_named_and_good_ones_still_built(mixed, tmp_path, workers):
    src, reasons = mixed
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--workers", workers])
    assert result.exit_code == 2, result.output
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == len(reasons), result.stderr
    for name, reason in reasons.items():
        line = next((r for r in rejected if f"{src / name}:" in r), None)
        assert line is not None and reason in line, (name, result.stderr)
    assert graphs_in(out) == {DOC + "good-1", DOC + "good-2"}
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 2
    assert {Path(r["file"]).name for r in summary["rejected"]} == set(reasons)
    assert (out / "graph.ttl").stat().st_size > 0


def test_the_size_limit_is_what_the_huge_file_exceeds():
    assert 10 * 1024 * 1024 > MAX_BYTES > 100 * 1024  # press releases are a few kB


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "good.txt")
    locked = src / "locked.txt"
    shutil.copy(SEED, locked)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the read fail as it would for another user
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert f"{locked}: cannot read (Permission denied)" in result.stderr
    assert graphs_in(out) == {DOC + "good"}


def test_a_document_kgbuild_fails_on_is_named_and_the_rest_built(tmp_path, monkeypatch):
    """A defect of kgbuild's on one text (here made to happen) fails that document, by name with the
    error and where it happened, not the build."""
    from kgbuild import pipeline

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "good.txt")
    shutil.copy(SEED, src / "trips.txt")
    real = pipeline.document_triples

    def document_triples(path, times=None):
        if Path(path).name == "trips.txt":
            return [][0]
        return real(path, times)

    monkeypatch.setattr(pipeline, "document_triples", document_triples)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert "trips.txt" in result.stderr and "IndexError" in result.stderr and "test_bad_input.py:" in result.stderr
    assert graphs_in(out) == {DOC + "good"}
    assert [r["file"] for r in json.loads((out / "build.json").read_text())["rejected"]] == [str(src / "trips.txt")]


def test_nothing_buildable_exits_1_and_writes_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    reasons = bad_files(src)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "no document could be built" in result.stderr
    assert result.stderr.count("rejected:") == len(reasons)
    assert not out.exists()


def test_a_missing_source_is_named_and_the_rest_built(tmp_path):
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(app, ["build", str(SEED), str(missing), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert f"{missing}: no such file or folder" in result.stderr
    assert graphs_in(out) == {DOC + SEED.stem}


def test_two_files_with_one_name_are_not_merged_into_one_graph(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "doc.txt").write_bytes(SEED.read_bytes())
    (b / "doc.txt").write_text(" date 2025-01-02 Another press release\nThe ministers met in Astana.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(a), str(b), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert f"{b / 'doc.txt'}: has the same document name as {a / 'doc.txt'}" in result.stderr
    assert graphs_in(out) == {DOC + "doc"}
    titles = Graph().parse(out / "graph.ttl").objects(None, URIRef("http://purl.org/dc/terms/title"))
    assert "Another press release" not in {str(t) for t in titles}


def test_a_file_given_twice_is_one_document(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SEED), str(SEED), str(SEED.parent), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "documents: 1 " in result.stdout
    assert graphs_in(out) == {DOC + SEED.stem}


def test_a_negative_worker_count_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(tmp_path / "out"), "-j", "-3"])
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_no_more_workers_than_cores(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "-j", str(8 * (os.cpu_count() or 1))])
    assert result.exit_code == 0, result.output
    stats = json.loads((out / ".cache" / "last-build.json").read_text(encoding="utf-8"))
    assert stats["workers"] == (os.cpu_count() or 1)


def test_a_second_build_into_a_folder_being_written_exits_2(tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)  # as a running build holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--workers", "1"])
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert "another build is writing into this folder" in result.stderr
    assert list(out.iterdir()) == []
    again = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--workers", "1"])
    assert again.exit_code == 0, again.output


def test_an_output_folder_that_is_a_file_is_named(tmp_path):
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert f"{out}: cannot write the build there" in result.stderr
    assert out.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("body, script", [
    ("哈萨克斯坦外交部长今天在阿斯塔纳会见了中国外交部长。双方讨论了合作问题。", "Cjk"),
    ("التقى وزير خارجية كازاخستان اليوم في أستانا بنظيره. وناقش الجانبان التعاون.", "Arabic"),
    ("שר החוץ של קזחסטן נפגש היום באסטנה עם עמיתו. הצדדים דנו בשיתוף פעולה.", "Hebrew"),
])
def test_a_document_in_another_script_is_refused_by_name(tmp_path, body, script):
    bad = tmp_path / "foreign.txt"
    bad.write_text(GOOD_HEADER + body + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SEED), str(bad), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 2
    assert f"{bad}: language not supported: the text is mostly in {script} letters" in result.stderr


def test_foreign_names_in_an_english_text_are_fine(tmp_path):
    good = tmp_path / "names.txt"
    good.write_text(GOOD_HEADER + "Minister Wang Yi (王毅) met his Kazakh counterpart in Astana on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(good), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output


def test_all_good_exits_0(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# ------------------------------------------------------------ killed builds --

OUTPUTS = ("graph.trig", "graph.ttl", "validation.txt", "validation.json", "build.json")


def _kgbuild(*args: str) -> list[str]:
    return [sys.executable, "-c", "from kgbuild.cli import main; main()", *args]


def _kill_when(proc: subprocess.Popen, out: Path, temps: int, timeout: float = 300) -> bool:
    """SIGKILL the build (workers too) as soon as its `temps`-th temporary output file appears; False when
    the build ended first."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        seen.update(p.name for p in out.glob(".*.tmp"))
        if len(seen) >= temps:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.wait()
    return False


def test_a_killed_build_leaves_the_previous_output_or_the_new_one(tmp_path):
    """Kill a build in the middle of writing its first output file (graph.trig, graph.ttl and
    consolidated.ttl are written side by side) and its fourth (validation.txt): each output file is then
    byte for byte the previous build's or the new build's, never a truncation; the next build replaces them
    all and leaves no temporary file behind."""
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    old_src.mkdir()
    new_src.mkdir()
    shutil.copy(SEED, old_src / "a.txt")
    for i in range(12):  # enough text that each output takes a moment to write
        shutil.copy(SEED, new_src / f"doc-{i}.txt")
    old_ref, new_ref = tmp_path / "old-ref", tmp_path / "new-ref"
    subprocess.run(_kgbuild("build", str(old_src), "--out", str(old_ref), "-j", "2"), check=True, capture_output=True)
    subprocess.run(_kgbuild("build", str(new_src), "--out", str(new_ref), "-j", "2"), check=True, capture_output=True)
    old = {n: (old_ref / n).read_bytes() for n in OUTPUTS}
    new = {n: (new_ref / n).read_bytes() for n in OUTPUTS}
    assert all(old[n] != new[n] for n in ("graph.trig", "graph.ttl", "build.json"))

    killed = 0
    seen_new = 0
    for temps in (1, 4):
        # a file written between two looks is missed, so a build may end before the kill: try again
        for attempt in range(5):
            out = tmp_path / f"out-{temps}-{attempt}"
            shutil.copytree(old_ref, out)
            proc = subprocess.Popen(_kgbuild("build", str(new_src), "--out", str(out), "-j", "2"),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            if _kill_when(proc, out, temps):
                killed += 1
                break
        for n in OUTPUTS:
            data = (out / n).read_bytes()
            assert data in (old[n], new[n]), f"{n} is neither the old nor the new output after a kill"
            seen_new += data == new[n]
        subprocess.run(_kgbuild("build", str(new_src), "--out", str(out), "-j", "2"), check=True, capture_output=True)
        assert {n: (out / n).read_bytes() for n in OUTPUTS} == new
        assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in new_ref.iterdir()), \
            "a temporary file was left behind"
    assert killed == 2, "the builds ended before a kill: the test did not test the write phase"
    assert seen_new, "no kill landed after the first file was written"


def test_outputs_have_the_mode_of_an_ordinary_file(tmp_path):
    out = tmp_path / "out"
    mask = os.umask(0o022)
    try:
        result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--workers", "1"])
    finally:
        os.umask(mask)
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).stat().st_mode & 0o777 == 0o644, name

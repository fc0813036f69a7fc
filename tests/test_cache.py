"""The cache's entries (kgbuild.cache): a JSON line and the texts as bytes. An entry reads back as it was
stored; one that does not add up (cut short, grown, a first line that is not the JSON it should be) is not
trusted: the build makes the document again and its outputs equal a build without the cache."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.cache import SUFFIX, Cache
from kgbuild.cli import app

FIELDS = {"name": "a.txt", "graph": "https://w3id.org/kgbuild/id/doc/a", "error": None, "triples": 3,
          "conforms": False, "violations": [{"message": "two\nlines \"quoted\" Қазақ"}]}
TEXTS = {"trig": "\n<x> {\n    <a> <b> \"Қазақстан\\n\" .\n}\n", "ttl": "<a> <b> \"Қазақстан\\n\" .", "summary": "eJzT0=="}


@pytest.fixture
def cache(tmp_path) -> Cache:
    return Cache(tmp_path / ".cache", "shacl")


def test_an_entry_reads_back_as_stored(cache):
    cache.put("k1", FIELDS, TEXTS)
    fields, texts = cache.get("k1")
    assert fields == FIELDS
    assert texts == {name: text.encode("utf-8") for name, text in TEXTS.items()}
    assert cache.stored() == {"k1"}
    cache.put("k2", {**FIELDS, "violations": []}, {**TEXTS, "summary": ""})
    assert cache.get("k2")[1]["summary"] == b""


@pytest.mark.parametrize("damage", ["cut in the texts", "a byte more", "not json", "json but no texts",
                                    "a list", "no line end", "empty", "negative length"])
def test_an_entry_that_does_not_add_up_is_not_trusted(cache, damage):
    cache.put("k", FIELDS, TEXTS)
    path = cache.docs / f"k{SUFFIX}"
    data = path.read_bytes()
    head, rest = data.split(b"\n", 1)
    damaged = {
        "cut in the texts": data[:-3],
        "a byte more": data + b"x",
        "not json": b"{not json\n" + rest,
        "json but no texts": json.dumps(FIELDS).encode() + b"\n" + rest,
        "a list": b"[1, 2]\n" + rest,
        "no line end": head,
        "empty": b"",
        "negative length": head.replace(b'["summary", 7]', b'["summary", -1]') + b"\n" + rest,
    }[damage]
    assert damaged != data
    path.write_bytes(damaged)
    later = Cache(cache.folder, "shacl")  # the next build's
    assert later.get("k") is None
    assert "k" not in later.used  # so the build stores it again, and pruning does not keep a bad one


def test_a_changed_fingerprint_drops_every_entry_and_pruning_keeps_the_used(tmp_path, monkeypatch):
    import kgbuild.cache as cache_module

    c = Cache(tmp_path / ".cache", "shacl")
    c.put("a", FIELDS, TEXTS)
    c.put("b", FIELDS, TEXTS)
    again = Cache(tmp_path / ".cache", "shacl")
    assert again.stored() == {"a", "b"}
    assert again.get("a") is not None
    again.prune()
    assert again.stored() == {"a"}
    monkeypatch.setattr(cache_module, "data_fingerprint", lambda: "another gazetteer")
    assert Cache(tmp_path / ".cache", "shacl").stored() == set()


def test_a_build_rebuilds_a_cut_entry_and_equals_a_build_without_the_cache(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "seeds" / "000_90a708093f919ed1.txt", src)
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(p, src)
    out = tmp_path / "out"

    def build(folder, *extra) -> dict:
        r = CliRunner().invoke(app, ["build", str(src), "--out", str(folder), "-j", "1", *extra])
        assert r.exit_code == 0, r.output
        return json.loads((folder / ".cache" / "last-build.json").read_text())

    build(out)
    entries = sorted((out / ".cache" / "docs").glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_size)
    assert len(entries) == 3
    entries[-1].write_bytes(entries[-1].read_bytes()[:-1000])  # the largest, cut inside its texts
    stats = build(out)
    assert (stats["reused"], stats["extracted"]) == (2, 1)
    assert build(out)["reused"] == 3  # stored again, whole
    build(tmp_path / "full", "--no-cache")
    for name in ("graph.trig", "graph.ttl", "consolidated.ttl", "validation.txt", "validation.json", "build.json"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name

"""The build cache (DIR/.cache): what each document contributed to a build, kept for the next one.

An entry is one JSON file keyed by the document's file name and the SHA-256 of its bytes; a manifest
holds the fingerprint of everything else the outputs depend on (kgbuild's code, data and shapes, the
validation engine, the validators' and RDF libraries' versions). When that fingerprint changes, every
entry is dropped; entries not used by a build are pruned after it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable, TypeVar

from .document import DocumentError, read_bytes
from .datafiles import data_fingerprint
from .validate import shapes_path

CACHE_VERSION = "1"
T = TypeVar("T")


def code_fingerprint(engine: str = "rdflib") -> str:
    """kgbuild's code, data and shapes, the validation engine and the versions of the validators and of
    rdflib/pyoxigraph: any change invalidates every cached document."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(CACHE_VERSION.encode() + b"\0" + engine.encode())
    for package in ("pyshacl", "pyshacl-turbo", "shacl", "rdflib", "pyoxigraph"):
        try:
            h.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package} absent".encode())
    h.update(data_fingerprint().encode())
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        h.update(p.relative_to(pkg).as_posix().encode())
        h.update(p.read_bytes())
    for p in sorted(shapes_path().glob("*.ttl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class Cache:
    """DIR/.cache: one JSON file per (file name, content hash); a manifest with the code fingerprint."""

    def __init__(self, folder: Path, engine: str = "rdflib"):
        self.folder = folder
        self.docs = folder / "docs"
        self.fingerprint = code_fingerprint(engine)
        manifest = folder / "manifest.json"
        try:
            ok = json.loads(manifest.read_text())["fingerprint"] == self.fingerprint
        except (OSError, ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            shutil.rmtree(self.docs, ignore_errors=True)
        self.docs.mkdir(parents=True, exist_ok=True)
        if not ok:
            manifest.write_text(json.dumps({"fingerprint": self.fingerprint}) + "\n")
        self.used: set[str] = set()

    @staticmethod
    def key(path: str) -> str | None:
        """The cache key of a readable regular file (a FIFO, a folder or an oversized file has none: the
        reader rejects them, and opening a FIFO to hash it would block)."""
        try:
            raw = read_bytes(Path(path))
        except DocumentError:
            return None
        return hashlib.sha256(Path(path).name.encode("utf-8") + b"\0" + raw).hexdigest()

    def has(self, key: str) -> bool:
        """Whether an entry is stored (whether it can be read, `get` tells)."""
        return (self.docs / f"{key}.json").is_file()

    def get(self, key: str, read: Callable[[dict], T]) -> T | None:
        """The stored entry as `read` makes it from its JSON object; None when there is none or it cannot
        be read (a corrupt entry is rebuilt and overwritten)."""
        try:
            entry = read(json.loads((self.docs / f"{key}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, data: dict) -> None:
        tmp = self.docs / f".{key}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.docs / f"{key}.json")
        self.used.add(key)

    def prune(self) -> None:
        for p in self.docs.glob("*.json"):
            if p.stem not in self.used:
                p.unlink(missing_ok=True)

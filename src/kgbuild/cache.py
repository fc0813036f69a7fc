"""The build cache (DIR/.cache): what each document contributed to a build, kept for the next one.

An entry is one file keyed by the document's file name and the SHA-256 of its bytes: a line of JSON (the
small fields: name, graph, triple count, verdict, violations, and the byte length of each text), then the
texts themselves as UTF-8, one after another (the document's TriG block, its Turtle body, its summary). A
re-run reads a text as bytes and writes it out as it is, decoding neither JSON nor UTF-8 for it; an entry
whose parts do not add up to its size, or whose first line is not such JSON, is not trusted (rebuilt).
A manifest holds the fingerprint of everything else the outputs depend on (kgbuild's code, data and
shapes, the validation engine, the validators' and RDF libraries' versions). When that fingerprint
changes, every entry is dropped; entries not used by a build are pruned after it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from .document import MAX_BYTES
from .datafiles import data_fingerprint
from .validate import shapes_path

CACHE_VERSION = "2"  # 2: a JSON line and the texts as bytes, no longer one JSON object
SUFFIX = ".entry"


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
    """DIR/.cache: one entry file per (file name, content hash); a manifest with the code fingerprint."""

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
        reader rejects them). One open, without blocking on a FIFO, and one fstat: a re-run hashes every
        source."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
                return None
            with open(fd, "rb", closefd=False) as fh:
                raw = fh.read()
        except OSError:
            return None
        finally:
            os.close(fd)
        return hashlib.sha256(os.path.basename(path).encode("utf-8") + b"\0" + raw).hexdigest()

    def stored(self) -> set[str]:
        """The keys of the stored entries (one listing of the folder; whether each can be read, `get` tells)."""
        return {name[:-len(SUFFIX)] for name in os.listdir(self.docs) if name.endswith(SUFFIX)}

    def get(self, key: str) -> tuple[dict, dict[str, bytes]] | None:
        """The stored entry: its fields and its texts (UTF-8 bytes, by name); None when there is none or it
        cannot be read (a corrupt entry is rebuilt and overwritten)."""
        try:
            with open(self.docs / f"{key}{SUFFIX}", "rb") as fh:
                fields = json.loads(fh.readline())
                texts = {}
                for name, size in fields.pop("texts"):
                    texts[name] = fh.read(size)
                    if len(texts[name]) != size:
                        return None  # cut short
                if fh.read(1):
                    return None  # more than the entry says it holds
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if not isinstance(fields, dict):
            return None
        self.used.add(key)
        return fields, texts

    def put(self, key: str, fields: dict, texts: dict[str, str]) -> None:
        """Store an entry: `fields` plain JSON values, `texts` strings kept as UTF-8 bytes."""
        encoded = {name: text.encode("utf-8") for name, text in texts.items()}
        head = json.dumps({**fields, "texts": [[name, len(b)] for name, b in encoded.items()]}, ensure_ascii=False)
        tmp = self.docs / f".{key}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(head.encode("utf-8") + b"\n")
            for b in encoded.values():
                fh.write(b)
        os.replace(tmp, self.docs / f"{key}{SUFFIX}")
        self.used.add(key)

    def prune(self) -> None:
        for key in self.stored() - self.used:
            (self.docs / f"{key}{SUFFIX}").unlink(missing_ok=True)

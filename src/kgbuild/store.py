"""A build's graph as an Oxigraph store that opens at once.

Parsing `graph.trig` again for every question costs seconds per thousand documents, far more than the
questions themselves. The first local query of a build folder bulk-loads its `graph.trig` into an on-disk
Oxigraph store, `DIR/.store/`, stamped with the file it was loaded from (inode, size, modification time:
a build replaces `graph.trig` by renaming, so a new build always changes the stamp); every later query
opens that store read-only in milliseconds. A stale or missing store is rebuilt the same way, under a lock
so that two first queries load it once, into a temporary folder renamed into place so that a reader never
opens a half-loaded store. The loaded store is compacted before it is used (twice as fast to query).
`kgbuild serve` gets a checkpoint of it, hard links made at once, that later builds leave alone.
A folder the user cannot write into is read into memory as before.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

STORE = ".store"
STAMP = "loaded-from.json"
FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES}


class StoreError(ValueError):
    """A graph file that cannot be loaded (named, with the reason)."""


def stamp(graph_file: Path) -> dict[str, int]:
    st = graph_file.stat()
    return {"inode": st.st_ino, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def memory_store(graph_file: Path) -> ox.Store:
    """The file's quads in an in-memory store."""
    fmt = FORMATS.get(graph_file.suffix)
    if fmt is None:
        raise StoreError(f"{graph_file}: unknown graph format (want .trig, .nq, .ttl or .nt)")
    store = ox.Store()
    _load(store, graph_file, fmt)
    return store


def _load(store: ox.Store, graph_file: Path, fmt: ox.RdfFormat) -> None:
    try:
        store.bulk_load(path=str(graph_file), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{graph_file}: cannot load graph ({exc})") from None


def _compact(store: ox.Store, graph_file: Path, folder: Path) -> None:
    """Compact a freshly bulk-loaded on-disk store (RocksDB's full compaction, Oxigraph's `optimize`).

    A bulk load leaves its sorted files as it wrote them; queries on the compacted store take about half
    the time (the stored queries at 10,000 documents: a timeline 2.7 -> 1.3 s, the busiest official's meetings
    139 -> 68 ms, every case 1.0-2.9x faster; bench/RESULTS.md), for about 25 % more time loading (39.5 + 9.8 s)
    and more room on disk (1.2 -> 2.0 GB). A failure (a full disk) is a StoreError naming the file and the
    folder."""
    try:
        store.optimize()
    except OSError as exc:
        raise StoreError(f"{graph_file}: loaded, but the store in {folder} cannot be compacted ({exc})") from None


def _current(folder: Path, wanted: dict[str, int]) -> bool:
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8")) == wanted
    except (OSError, ValueError):
        return False


def build_store(build_dir: Path) -> Path:
    """DIR/.store holding DIR/graph.trig, loaded now unless it is already current; its path."""
    graph_file = build_dir / "graph.trig"
    target = build_dir / STORE
    wanted = stamp(graph_file)
    if _current(target, wanted):
        return target
    with open(build_dir / ".store.lock", "w") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # a second first query waits, then finds the store current
        wanted = stamp(graph_file)
        if _current(target, wanted):
            return target
        fresh = build_dir / f".store.loading-{os.getpid()}"
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            store = ox.Store(str(fresh))
            _load(store, graph_file, ox.RdfFormat.TRIG)
            _compact(store, graph_file, fresh)
            store.flush()
            del store  # closes the database before the folder is renamed
            (fresh / STAMP).write_text(json.dumps(wanted) + "\n", encoding="utf-8")
            old = build_dir / f".store.old-{os.getpid()}"
            if target.exists():
                target.rename(old)
            fresh.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    return target


def graph_file_of(path: str | Path) -> Path:
    """The graph file a build folder or a file names (StoreError when there is none)."""
    p = Path(path)
    graph_file = p / "graph.trig" if p.is_dir() else p
    if not graph_file.exists():
        raise StoreError(f"{graph_file}: no graph found (run `kgbuild build` first)")
    return graph_file


def disk_store(path: str | Path, location: str | Path) -> ox.Store:
    """The build's graph loaded into a new on-disk store in the folder `location` (for a server to open)."""
    graph_file = graph_file_of(path)
    fmt = FORMATS.get(graph_file.suffix)
    if fmt is None:
        raise StoreError(f"{graph_file}: unknown graph format (want .trig, .nq, .ttl or .nt)")
    store = ox.Store(str(location))
    _load(store, graph_file, fmt)
    _compact(store, graph_file, Path(location))
    return store


def _has_own_store(p: Path) -> bool:
    """Whether `p` is a build folder that keeps its on-disk store (one the user can write into)."""
    return p.is_dir() and os.access(p, os.W_OK)


def staged_store(path: str | Path, location: str | Path) -> ox.Store:
    """A store of its own for a server, in the new folder `location`. A build folder the user can write into
    gives its on-disk store (made or refreshed first when needed, then reused by every later query and
    server), checkpointed into `location`: hard links to the store's immutable files where both are on one
    file system (at once: 0.0 s for the 2 GB store of 10,000 documents, against 42-47 s to load and compact
    it again), copies otherwise; no later build touches the copy. A graph file, or a folder the user cannot
    write into, is loaded into `location` and compacted."""
    p = Path(path)
    graph_file = graph_file_of(p)
    if not _has_own_store(p):
        return disk_store(p, location)
    source = ox.Store.read_only(str(build_store(p)))
    try:
        source.backup(str(location))
    except OSError as exc:
        raise StoreError(f"{graph_file}: cannot copy its store into {location} ({exc})") from None
    finally:
        del source
    return ox.Store(str(location))


def open_store(path: str | Path) -> ox.Store:
    """The build's graph (a build folder, or a .trig/.nq/.ttl/.nt file) as an Oxigraph store: a build
    folder's on-disk store, opened read-only (made or refreshed first when needed), a file in memory."""
    p = Path(path)
    graph_file = graph_file_of(p)
    if not _has_own_store(p):
        return memory_store(graph_file)
    return ox.Store.read_only(str(build_store(p)))

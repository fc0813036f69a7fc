"""The documents a build reads: folders expanded to their *.txt files, a file given twice read once, a
second file of one document name rejected (both would be one named graph), and the order of their named
graphs. A rejection is (path, file name, reason); the pipeline reports it as a rejected document."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .graph import iri

Rejected = tuple[str, str, str]


def collect(sources: Iterable[str | Path]) -> tuple[list[Path], list[Rejected]]:
    """Expand folders to their *.txt files (sorted); a missing path is rejected."""
    files: list[Path] = []
    missing: list[Rejected] = []
    for src in sources:
        p = Path(src)
        try:
            if p.is_dir():  # the names sorted as strings: the order of the Paths, at a fraction of the cost
                files.extend(p / name for name in sorted(os.listdir(p)) if name.endswith(".txt")
                             and not name.startswith("."))
            elif p.exists() or p.is_symlink():
                files.append(p)
            else:
                missing.append((str(p), p.name, "no such file or folder"))
        except OSError as exc:
            missing.append((str(p), p.name, f"cannot read ({exc.strerror or exc})"))
    return _distinct_documents(files, missing)


def _distinct_documents(files: list[Path], rejected: list[Rejected]) -> tuple[list[Path], list[Rejected]]:
    """A file given twice is one document; two files with one name would be one named graph (doc/NAME)
    holding both, so the second and later, in the order given, are rejected naming the first."""
    kept: list[Path] = []
    seen_files: set[str] = set()
    first_of_name: dict[str, Path] = {}
    real_folders: dict[str, str] = {}
    for f in files:
        key = _real_path(str(f), real_folders)
        if key in seen_files:
            continue
        seen_files.add(key)
        first = first_of_name.setdefault(f.stem, f)
        if first is f:
            kept.append(f)
        else:
            rejected.append((str(f), f.name, f"has the same document name as {first}: both would be the named graph "
                                             f"doc/{f.stem}; rename one"))
    return kept, rejected


def _real_path(path: str, real_folders: dict[str, str]) -> str:
    """os.path.realpath(path), each folder resolved once (`real_folders` keeps them): a file that is not a
    symbolic link is its resolved folder's entry of its name."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(real, name)


def graph_order(files: list[Path]) -> list[str]:
    """The files in the order of their named graphs' IRIs (as graph.trig sorts its blocks), known before
    reading them."""
    return [str(f) for f in sorted(files, key=lambda f: (str(iri("doc/" + f.stem)), str(f)))]

"""kgbuild's data files (data/): the gazetteers as JSON Lines rows, and the pattern YAML parsed once a file.

The ground floor: every other module reads data/ through here, and this module imports nothing of kgbuild.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


def data_dir() -> Path:
    return Path(str(resources.files("kgbuild") / "data"))


def gazetteer_dir() -> Path:
    return data_dir() / "gazetteer"


def read_rows(path: Path) -> list[dict]:
    """The JSON objects of a JSON Lines file; a line that is not one names the file and the line."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON row ({exc.msg})") from None
    return rows


@lru_cache(maxsize=None)
def patterns(name: str):
    """data/patterns/<name>.yaml: a language's cue words ("kk", "ru", "en"), or "kinds", "series", "topics".
    Shared by every caller: read it, never change it."""
    with open(data_dir() / "patterns" / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when the wheel has it


def pattern_names() -> list[str]:
    return [path.stem for path in sorted((data_dir() / "patterns").glob("*.yaml"))]


@lru_cache(maxsize=1)
def data_words() -> frozenset[str]:
    """Every word (lower-cased, as written) of the gazetteers and pattern data: the vocabulary the
    normalisers prefer when a word form has several possible stems or lemmas."""
    words: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, str):
            words.update(m.group().lower() for m in re.finditer(r"\w+(?:-\w+)*", x))
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in sorted(gazetteer_dir().glob("*.jsonl")):
        for row in read_rows(path):
            walk(row.get("labels"))
            walk(row.get("aliases"))
    for name in pattern_names():
        walk(patterns(name))
    return frozenset(words)


def data_fingerprint() -> str:
    """A hash of every data file (gazetteers and patterns): a change means every document is rebuilt."""
    base = data_dir()
    h = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in {".jsonl", ".yaml", ".yml", ".json"}:
            h.update(path.relative_to(base).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()

"""Where kgbuild's stored queries, SHACL shapes and ontology are.

They live in the top-level `queries/`, `shapes/` and `ontology/` folders of the source tree, and
pyproject.toml installs them into the package as `kgbuild/_queries`, `kgbuild/_shapes` and
`kgbuild/_ontology`: a wheel install finds them there, a checkout (installed editable or not) finds them
beside `src/`. The current directory is not searched: a folder of the user's that happens to be called
`queries` is not kgbuild's.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str, pattern: str) -> Path:
    """The folder of kgbuild's `name` files (`queries`, `shapes`, `ontology`), holding files like `pattern`."""
    for folder in [PACKAGE / f"_{name}", *(base / name for base in PACKAGE.parents)]:
        if folder.is_dir() and any(folder.glob(pattern)):
            return folder
    raise FileNotFoundError(f"kgbuild's {name}/ folder (with {pattern} files) not found: reinstall kgbuild")

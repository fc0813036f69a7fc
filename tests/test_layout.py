"""The package's layout: every import runs down (no circle of imports), no module too long to hold one idea,
nothing reached through another module's private names, and one word grammar per language."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kgbuild"
MAX_LINES = 500


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (a package by its __init__.py)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import of kgbuild in the file, at any depth
    (an import inside a function is an arrow too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(_module_of(a.name, known), []) for a in node.names if a.name.split(".")[0] == "kgbuild"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").split(".")[0] == "kgbuild":
                target = node.module
            else:
                continue
            for a in node.names:
                # "from . import en" takes a module; "from .lang import grammar" a name of one
                sub = f"{target}.{a.name}"
                out.append((sub, []) if sub in known else (_module_of(target, known), [a.name]))
    return out


def _module_of(dotted: str, known: dict[str, Path]) -> str:
    while dotted not in known and "." in dotted:
        dotted = dotted.rpartition(".")[0]
    return dotted


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m, _ in imports(name, path, known) if m in known and m != name} for name, path in known.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_circle_of_imports_inside_kgbuild():
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_datafiles_is_the_ground_floor():
    assert import_graph()["kgbuild.datafiles"] == set()


def test_no_module_takes_another_modules_private_names():
    known = modules()
    taken = [(name, m, n) for name, path in known.items() for m, names in imports(name, path, known)
             for n in names if n.startswith("_")]
    assert taken == []


def test_no_module_is_over_the_line_limit():
    over = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            over[rel] = lines
    assert over == {}



GRAMMAR = ("normalize", "lemmas", "is_plural", "is_future", "has_case", "is_genitive_attribute", "is_adjective",
           "can_be_adjective", "is_plural_adjective", "base_word", "base_name", "nominative")


def test_every_language_has_the_same_word_grammar():
    from kgbuild.lang import GRAMMARS, LANGUAGES

    assert set(GRAMMARS) == set(LANGUAGES)
    for lang, module in GRAMMARS.items():
        assert [f for f in GRAMMAR if not callable(getattr(module, f, None))] == [], lang

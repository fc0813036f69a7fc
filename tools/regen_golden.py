"""Rewrite the expected graphs of the golden cases (tests/golden/<case>/expected.trig) from the current code.

    python tools/regen_golden.py            # every case
    python tools/regen_golden.py seed en    # only these

A case is a folder of tests/golden: its documents are its *.txt files and the files its input.list names
(one path a line, relative to the folder), built together through the CLI (`kgbuild build ... --no-cache`);
expected.trig is that build's graph.trig. tests/test_golden.py builds every case the same way and asserts
that the graph is isomorphic to expected.trig. Run this only when a change of output is meant, and read the
diff of expected.trig before committing it.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
EXPECTED = "expected.trig"
INPUT_LIST = "input.list"


def cases() -> list[Path]:
    """Every case: each folder of tests/golden (a new one gets its expected graph from this script)."""
    return sorted(p for p in GOLDEN.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def case_documents(case: Path) -> list[Path]:
    listed = case / INPUT_LIST
    named = [case / line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
             if line.strip()] if listed.exists() else []
    return sorted(case.glob("*.txt")) + named


def build_case(case: Path, out: Path) -> Path:
    """Build the case's documents into the folder `out` through the CLI; the path of the built graph.trig."""
    from typer.testing import CliRunner

    from kgbuild.cli import app

    documents = case_documents(case)
    if not documents:
        raise FileNotFoundError(f"{case}: no *.txt document and no {INPUT_LIST}")
    args = ["build", *map(str, documents), "--out", str(out), "--no-cache", "--workers", "1"]
    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        raise RuntimeError(f"{case.name}: kgbuild build exited {result.exit_code}\n{result.output}")
    return out / "graph.trig"


def documents_graphs(trig: bytes) -> bytes:
    """A build's graph.trig without the consolidated layer's graph: the documents' graphs are golden, the layer
    over them is tested apart (tests/test_golden.py drops it from the build it compares)."""
    from kgbuild.vocab import CONSOLIDATED_GRAPH

    start = trig.find(f"\n<{CONSOLIDATED_GRAPH}> {{\n".encode())
    if start < 0:
        return trig
    end = trig.index(b"\n}\n", start) + len(b"\n}\n")
    return trig[:start] + trig[end:]


def main(names: list[str]) -> int:
    known = {case.name: case for case in cases()}
    unknown = sorted(set(names) - set(known))
    if unknown:
        sys.stderr.write(f"no golden case {', '.join(unknown)} (known: {', '.join(known)})\n")
        return 2
    for name in names or known:
        case = known[name]
        with tempfile.TemporaryDirectory() as tmp:
            built = documents_graphs(build_case(case, Path(tmp)).read_bytes())
        expected = case / EXPECTED
        old = expected.read_bytes() if expected.exists() else None
        expected.write_bytes(built)
        sys.stdout.write(f"{name}: {'unchanged' if built == old else 'written'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

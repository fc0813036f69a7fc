"""Shared fixtures: the seed built once per session through the CLI, stored queries run on it."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_90a708093f919ed1.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    from kgbuild.cli import app

    out = tmp_path_factory.mktemp("seed-build")
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seed_query(seed_build):
    """Run a stored query on the seed build; rows as dicts of plain strings."""
    from kgbuild.queries import get_query, load_store, run_local

    store = load_store(seed_build)

    def run(name: str, **params) -> list[dict[str, str]]:
        return run_local(store, get_query(name), params)

    return run

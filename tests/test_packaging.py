"""A wheel of kgbuild carries its stored queries, SHACL shapes and ontology (top-level folders of the
repository) and finds them wherever it is installed, whatever the current directory holds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESOURCES = (("queries", "*.rq"), ("shapes", "*.ttl"), ("ontology", "*.ttl"))


def test_a_wheel_carries_and_finds_the_queries_shapes_and_ontology(tmp_path):
    src = tmp_path / "src-copy"  # built from a copy, so that setuptools' build/ folder is not left in the repo
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for name in ("src", "queries", "shapes", "ontology"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(src)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("kgbuild-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(site)
    for name, pattern in RESOURCES:
        files = sorted(p.name for p in (REPO / name).glob(pattern))
        assert files and {f"kgbuild/_{name}/{f}" for f in files} <= names, name
    # pyproject.toml lists the packages by name: a new subpackage left out of it would be missing here
    package = REPO / "src" / "kgbuild"
    code_and_data = {f"kgbuild/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts}
    assert code_and_data - names == set()

    # run from a folder with a `queries` folder of its own: the installed package still finds its own
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "queries").mkdir(parents=True)
    (elsewhere / "queries" / "mine.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    code = ("from kgbuild.resources import resource_dir\n"
            "for name, pattern in " + repr(RESOURCES) + ": print(resource_dir(name, pattern))\n")
    found = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(site)})
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == [str((site / "kgbuild" / f"_{name}").resolve()) for name, _ in RESOURCES]


def test_version_prints_the_installed_packages_version():
    import tomllib
    from importlib.metadata import version

    from typer.testing import CliRunner

    from kgbuild.cli import app

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version("kgbuild") == declared, "the installed metadata is stale: reinstall kgbuild"
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"kgbuild {declared}\n"

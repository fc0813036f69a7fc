"""`kgbuild serve` works after a plain `pip install` of the built wheel, in a fresh virtual environment that
sees none of this one's packages: the wheel requires the `oxigraph` server, and the installed command
serves a graph that a SPARQL query reads. Slow (it installs every dependency): about a minute."""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from kgbuild.queries import load_store
from kgbuild.server import free_port

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"


def build_wheel(tmp_path: Path) -> Path:
    src = tmp_path / "src-copy"  # a copy, so that setuptools' build/ folder is not left in the repository
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for name in ("src", "queries", "shapes", "ontology"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                           str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("kgbuild-*.whl")
    return wheel


def requirements(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        (metadata,) = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        text = z.read(metadata).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]


def index_reachable(python: Path, tmp_path: Path) -> bool:
    """Whether pip, as configured here, finds packages (a package index, a mirror or its cache)."""
    probe = subprocess.run([str(python), "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp_path / "probe"),
                            "oxigraph==0.5.13"], capture_output=True, text=True, timeout=300)
    return probe.returncode == 0


@pytest.mark.slow
def test_serve_from_a_plain_pip_install_of_the_wheel(tmp_path):
    wheel = build_wheel(tmp_path)
    required = requirements(wheel)
    assert any(r.replace(" ", "").startswith("oxigraph==") for r in required), required
    assert not any("extra ==" in r for r in required if r.startswith("oxigraph")), required

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # no system site packages
    python = venv / "bin" / "python"
    if not index_reachable(python, tmp_path):
        pytest.skip("pip finds no package index, mirror or cached wheel here to install the wheel's dependencies")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True,
                          timeout=1200, env=env)
    assert done.returncode == 0, done.stderr[-2000:]

    kgbuild = venv / "bin" / "kgbuild"
    port = free_port()
    proc = subprocess.Popen([str(kgbuild), "serve", "--graph", str(FIXTURE), "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**env, "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin", "PYTHONUNBUFFERED": "1"})
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        line = proc.stdout.readline() if ready else ""
        assert f"http://127.0.0.1:{port}/query" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=query,
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read())
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(load_store(FIXTURE))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, proc.stderr.read()

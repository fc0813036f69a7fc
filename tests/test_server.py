"""The graph on a real SPARQL server: an Oxigraph server on a free 127.0.0.1 port, the multi-document
fixture published through the Graph Store Protocol, every stored query answered remotely exactly as
locally, re-publishing idempotent, and `kgbuild serve` stopping cleanly on SIGTERM."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgbuild.cli import app
from kgbuild.queries import get_query, load_store, run_local, run_remote, stored_queries
from kgbuild.server import (OxigraphServer, ServerError, count_triples, find_oxigraph, free_port, graph_store_url,
                            publish)
from kgbuild.vocab import ID, KG

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
# a value for each required parameter, and a few more that exercise binding on the server
PARAMS = {
    "official-meetings": [{"official": "Ержан Ашықбаев"}, {"official": ID + "person/kaha-imnadze"}],
    "provenance": [{"subject": ID + "meeting/ca-deputy-foreign-ministers/15"},
                   {"subject": ID + "meeting/ca-deputy-foreign-ministers/15",
                    "predicate": str(KG.ordinal)}],
    "timeline": [{}, {"series": "ca-deputy-foreign-ministers", "year": "2025"}],
    "topic-countries": [{}, {"topic": "водные ресурсы"}],
    "co-participation": [{}, {"min_meetings": "2"}],
    "programmes-in-force": [{}, {"year": "2027"}],
    "attendance": [{}, {"meeting": ID + "meeting/ca-deputy-foreign-ministers/15"}],
    "meeting-profile": [{"meeting": ID + "meeting/ca-deputy-foreign-ministers/15"}],
    "official-posts": [{"official": "Kaha Imnadze"}],
    "fact-provenance": [{"subject": ID + "consolidated/meeting/ca-deputy-foreign-ministers/15"}],
}


@pytest.fixture(scope="module")
def server():
    try:
        find_oxigraph()
    except ServerError as exc:
        pytest.fail(f"{exc}: install the test extra (pip install -e '.[test]')")
    srv = OxigraphServer(free_port(), writable=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()  # also when a test failed


@pytest.fixture(scope="module")
def published(server, multi_layer):
    result = CliRunner().invoke(app, ["publish", "--graph", str(multi_layer), "--endpoint", server.base_url])
    assert result.exit_code == 0, result.output
    assert "published 6 graph(s)" in result.output  # four documents, their consolidated layer, the vocabulary
    return server


@pytest.fixture(scope="module")
def local_store(multi_layer) -> ox.Store:
    return load_store(multi_layer)


def as_set(rows: list[dict[str, str]]) -> set[tuple[str, ...]]:
    return {tuple(row.items()) for row in rows}


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_every_stored_query_answers_remotely_as_locally(published, local_store, name):
    q = get_query(name)
    for params in PARAMS.get(name, [{}]):
        local = run_local(local_store, q, params)
        remote = run_remote(published.query_endpoint, q, params)
        assert local, f"{name} {params}: the fixture should give rows"
        assert as_set(remote) == as_set(local), (name, params)
        assert len(remote) == len(local)


def test_kgbuild_query_with_endpoint_prints_the_local_rows(published, multi_layer):
    runner = CliRunner()
    args = ["query", "attendance", "--format", "csv"]
    local = runner.invoke(app, [*args, "--graph", str(multi_layer)])
    remote = runner.invoke(app, [*args, "--endpoint", published.query_endpoint])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.output == local.output and remote.output.count("\n") == 9


def test_publishing_again_replaces_and_does_not_double(published, local_store, multi_layer):
    assert count_triples(published.query_endpoint) == len(local_store)
    publish(multi_layer, published.query_endpoint)  # the /query URL maps to Oxigraph's /store
    assert count_triples(published.query_endpoint) == len(local_store)


def test_publishing_a_changed_document_replaces_what_it_had(published, local_store, tmp_path, multi_layer):
    doc = ox.NamedNode(ID + "doc/fx4_en_2024")
    fewer = ox.Store()
    fewer.extend(q for q in local_store if q.graph_name == doc and not q.predicate.value.endswith("#topic"))
    changed = tmp_path / "fx4.nq"
    fewer.dump(str(changed), ox.RdfFormat.N_QUADS)
    removed = len([q for q in local_store if q.graph_name == doc]) - len(fewer)
    assert removed == 2  # the meeting's two topics
    try:
        result = publish(changed, published.base_url)
        assert (result.graphs, result.triples) == (1, len(fewer))
        assert count_triples(published.query_endpoint) == len(local_store) - removed
    finally:
        publish(multi_layer, published.base_url)
    assert count_triples(published.query_endpoint) == len(local_store)


def test_graph_store_url_for_oxigraph_and_other_servers():
    assert graph_store_url("http://127.0.0.1:7878") == "http://127.0.0.1:7878/store"
    assert graph_store_url("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert graph_store_url("http://host:3030/ds/data") == "http://host:3030/ds/data"
    with pytest.raises(ServerError):
        graph_store_url("ftp://host/x")


def test_publish_and_query_to_an_unreachable_server_fail_clearly():
    dead = f"http://127.0.0.1:{free_port()}"
    runner = CliRunner()
    result = runner.invoke(app, ["publish", "--graph", str(FIXTURE), "--endpoint", dead])
    assert result.exit_code == 2 and "failed" in result.output
    result = runner.invoke(app, ["query", "timeline", "--endpoint", dead + "/query"])
    assert result.exit_code == 2 and "cannot reach it" in result.output


def test_kgbuild_serve_serves_the_graph_and_stops_cleanly_on_sigterm(local_store, multi_layer):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgbuild.cli", "serve", "--graph", str(multi_layer), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = _read_line(proc, timeout=30)
        endpoint = f"http://127.0.0.1:{port}/query"
        assert endpoint in line, line
        q = get_query("timeline")
        assert run_remote(endpoint, q) == run_local(local_store, q)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0, proc.stderr.read()
        assert "stopped" in proc.stdout.read()
        assert not _answers(port)  # the oxigraph server went with it
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise AssertionError(f"kgbuild serve printed nothing within {timeout} s")
    line = proc.stdout.readline()
    if not line:
        raise AssertionError(f"kgbuild serve exited: {proc.stderr.read()}")
    return line


def _answers(port: int) -> bool:
    import socket

    for _ in range(20):  # the port may take a moment to close
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                time.sleep(0.1)
        except OSError:
            return False
    return True

"""`kgbuild serve` is read-only unless asked: no update, Graph Store write, cross-origin form POST or request
under a foreign Host header changes the data; a request under a foreign Host header (DNS rebinding) is not
answered at all; the default graph is the union of the documents' graphs; a heavy query is stopped by the
time limit; `--writable` accepts updates and `kgbuild publish`; answers are the same JSON there as
locally."""
from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kgbuild.queries import format_rows, get_query, load_store, run_local, run_remote
from kgbuild.server import free_port

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
DOC = "https://w3id.org/kgbuild/id/doc/fx4_en_2024"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@contextlib.contextmanager
def kgbuild_serve(*options: str):
    """`kgbuild serve` on a free 127.0.0.1 port; its base URL; stopped (SIGTERM, then kill) afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgbuild.cli", "serve", "--graph", str(FIXTURE), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else ""
        assert f"http://127.0.0.1:{port}/query" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        yield f"http://127.0.0.1:{port}", line
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def request(url: str, data: bytes | None = None, method: str = "GET", headers: dict | None = None,
            timeout: float = 30) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def count(base: str, query: str = COUNT_ALL) -> int:
    status, _, body = request(base + "/query", urllib.parse.urlencode({"query": query}).encode(), "POST",
                              {"Accept": "application/sparql-results+json",
                               "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def form(text: str, key: str = "update") -> bytes:
    return urllib.parse.urlencode({key: text}).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# what a page on another site sends to 127.0.0.1
CROSS_ORIGIN = {**FORM, "Origin": "http://attacker.example"}
# what a page reached through DNS rebinding (attacker.example resolving to 127.0.0.1) sends
FOREIGN = {**CROSS_ORIGIN, "Host": "attacker.example"}


@pytest.fixture(scope="module")
def triples() -> int:
    return len(load_store(FIXTURE))


def test_serve_is_read_only_by_default_and_nothing_changes_the_data(triples):
    with kgbuild_serve() as (base, line):
        assert "read-only" in line
        assert count(base) == triples
        attempts = [
            (base + "/update", form('INSERT DATA { <urn:x> <urn:y> "z" }'), "POST", FORM),
            (base + "/update", form(f"DROP GRAPH <{DOC}>"), "POST", CROSS_ORIGIN),  # a cross-origin form POST
            (base + "/update", form("DROP ALL"), "POST", FOREIGN),
            (f"{base}/store?graph={urllib.parse.quote(DOC, safe='')}", None, "DELETE", {}),
            (f"{base}/store?graph={urllib.parse.quote(DOC, safe='')}", b"<urn:a> <urn:b> <urn:c> .", "PUT",
             {"Content-Type": "application/n-triples"}),
            (base + "/store?default", b"<urn:a> <urn:b> <urn:c> .", "POST", {"Content-Type": "application/n-triples"}),
        ]
        for url, data, method, headers in attempts:
            status, _, _ = request(url, data, method, headers)
            assert status >= 400, (method, url, status)
        assert count(base) == triples
        # no CORS headers: a browser keeps another site's page from reading the answers
        status, headers, _ = request(base + "/query", form("ASK {}", "query"), "POST", CROSS_ORIGIN)
        assert status == 200
        assert not any(h.lower().startswith("access-control-allow") for h in headers)


def test_a_request_for_another_host_is_refused_and_this_hosts_are_answered():
    with kgbuild_serve() as (base, _):
        port = base.rsplit(":", 1)[1]
        ask = form("ASK {}", "query")
        for host in (f"evil.example:{port}", "evil.example"):  # a page reached through DNS rebinding
            status, headers, body = request(base + "/query", ask, "POST", {**FORM, "Host": host})
            assert status == 421, (host, status, body)
            assert headers["Content-Type"].startswith("text/plain")
            assert body.count(b"\n") == 1 and b"not this server" in body and b"DNS rebinding" in body, body
        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            status, _, body = request(base + "/query", ask, "POST",
                                      {**FORM, "Host": host, "Accept": "application/sparql-results+json"})
            assert (status, json.loads(body)["boolean"]) == (200, True), host


def test_the_default_graph_is_the_union_of_the_documents_graphs(triples):
    with kgbuild_serve() as (base, _):
        assert count(base) == triples > 0
        in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert count(base, in_graphs) == triples


def test_writable_only_when_asked(triples):
    with kgbuild_serve("--writable") as (base, line):
        assert "writable" in line
        status, _, _ = request(base + "/update", form('INSERT DATA { GRAPH <urn:g> { <urn:x> <urn:y> "z" } }'),
                               "POST", FORM)
        assert status == 204
        assert count(base) == triples + 1


def test_publish_into_a_writable_serve(triples):
    with kgbuild_serve("--writable") as (base, _):
        port = base.rsplit(":", 1)[1]
        assert request(base + "/update", form("DROP ALL"), "POST", FORM)[0] == 204
        assert count(base) == 0
        for endpoint in (base, f"http://localhost:{port}/query"):  # the second time replaces, as a PUT does
            done = subprocess.run([sys.executable, "-m", "kgbuild.cli", "publish", "--graph", str(FIXTURE),
                                   "--endpoint", endpoint], capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stdout + done.stderr
            assert f"published 4 graph(s), {triples} triples" in done.stdout
            assert count(base) == triples


def test_a_heavy_query_is_stopped_by_the_time_limit():
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 2,105^3 rows to count
    with kgbuild_serve("--timeout", "1") as (base, _):
        start = time.monotonic()
        status, _, body = request(base + "/query", form(heavy, "query"), "POST",
                                  {**FORM, "Accept": "application/sparql-results+json"}, timeout=20)
        assert time.monotonic() - start < 10
        assert b"cancelled" in body or status >= 400, body[:300]
        assert '"value"' not in body.decode("utf-8", "replace")  # no count came back


def test_answers_on_the_server_are_the_local_answers_as_json():
    store = load_store(FIXTURE)
    with kgbuild_serve() as (base, _):
        for name in ("timeline", "attendance", "programmes-in-force"):
            q = get_query(name)
            local = json.loads(format_rows(run_local(store, q), "json"))
            remote = json.loads(format_rows(run_remote(base + "/query", q), "json"))
            key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
            assert sorted(remote, key=key) == sorted(local, key=key), name


def test_serve_refuses_a_port_out_of_range_in_one_line():
    done = subprocess.run([sys.executable, "-m", "kgbuild.cli", "serve", "--graph", str(FIXTURE), "--port", "70000"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "70000" in done.stderr and "Traceback" not in done.stderr

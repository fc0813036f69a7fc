"""What a user meets when something is off, and in a pipe: `--endpoint` answering HTML, odd JSON or nothing,
a file:// URL, bytes that are not text in `--param`, `--out` at a folder, under a file or where nothing can
be written give one line naming the problem and exit 2, never a traceback; output into a pipe is not
wrapped or cut; an empty CSV answer keeps its header; JSON types numbers and booleans and gives null for
unbound values."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgbuild.queries import StoredQuery, format_rows, run_local

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
RELEASE = threading.Event()  # lets the hanging handler go when the tests are done

ANSWERS = {
    "/html": (200, "text/html", b"<!doctype html><html><body>Welcome</body></html>"),
    "/other-json": (200, "application/json", b'{"status": "ok"}'),
    "/bad-bindings": (200, "application/sparql-results+json",
                      b'{"head": {"vars": ["a"]}, "results": {"bindings": [{"a": "x"}]}}'),
    "/error": (500, "text/plain", b"internal trouble\nsecond line"),
}


class BadEndpoint(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = self.path.split("?")[0]
        if path == "/hang":
            RELEASE.wait(30)
            return
        status, ctype, body = ANSWERS[path]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def bad_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BadEndpoint)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        RELEASE.set()
        server.shutdown()
        server.server_close()


def kgbuild(*args, env_extra: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, stdout and stderr pipes."""
    env = {**os.environ, "COLUMNS": "", "LC_ALL": "C.UTF-8", **(env_extra or {})}
    env.pop("COLUMNS")
    return subprocess.run([sys.executable, "-m", "kgbuild.cli", *args], capture_output=True, timeout=timeout, env=env)


def assert_one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, (done.returncode, stderr)
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert stderr.startswith("error:"), stderr
    for word in words:
        assert word in stderr, (word, stderr)
    return stderr


@pytest.mark.parametrize("path, problem", [
    ("/html", "not SPARQL JSON results"),
    ("/other-json", "not SPARQL results"),
    ("/bad-bindings", "not SPARQL results"),
    ("/error", "HTTP 500"),
])
def test_a_bad_endpoint_answer_is_one_line_naming_the_endpoint(bad_server, path, problem):
    done = kgbuild("query", "timeline", "--endpoint", bad_server + path)
    assert_one_line_error(done, bad_server + path, problem)


def test_a_hanging_endpoint_is_given_up_after_the_timeout(bad_server):
    start = time.monotonic()
    done = kgbuild("query", "timeline", "--endpoint", bad_server + "/hang", "--timeout", "1")
    assert time.monotonic() - start < 20
    assert_one_line_error(done, bad_server + "/hang", "no answer within 1 s")
    done = kgbuild("publish", "--graph", str(FIXTURE), "--endpoint", bad_server + "/hang", "--timeout", "1")
    assert_one_line_error(done, "/hang", "timed out")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "127.0.0.1:7878/query"])
def test_only_http_endpoints(url):
    assert_one_line_error(kgbuild("query", "timeline", "--endpoint", url), url, "http(s)")
    assert_one_line_error(kgbuild("publish", "--graph", str(FIXTURE), "--endpoint", url), "http(s)")


def test_bytes_that_are_not_text_in_a_param_are_one_line():
    # argv bytes the locale cannot decode reach Python as lone surrogates
    done = subprocess.run([sys.executable, "-m", "kgbuild.cli", "query", "official-meetings", "--graph",
                           str(FIXTURE), "--param", b"official=Er\xffzhan"],
                          capture_output=True, timeout=120, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert_one_line_error(done, "--param", "not valid text")


@pytest.mark.parametrize("command", [["export"], ["network", "countries-meetings"]])
def test_out_at_a_folder_under_a_file_or_unwritable_is_one_line(tmp_path, command):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    ending = ".json" if "network" in command else ".ttl"
    folder = tmp_path / f"folder{ending}"
    folder.mkdir()
    for target, problem in ((folder, "is a folder"), (a_file / f"x{ending}", "is a file"),
                            (Path("/proc/kgbuild-nowhere") / f"x{ending}", "cannot write there")):
        done = kgbuild(*command, "--graph", str(FIXTURE), "--out", str(target))
        assert_one_line_error(done, str(target), problem)


def test_tables_and_messages_are_whole_in_a_pipe(tmp_path, multi_layer):
    done = kgbuild("network", "stats", "--graph", str(FIXTURE))
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    header = next(line for line in text.splitlines() if "label" in line and "type" in line)
    for column in ("degree", "weighted", "centrality", "betweenness", "community"):
        assert column in header, header
    assert any("15th annual meeting of deputy foreign ministers of Central Asian states" in line
               for line in text.splitlines())

    done = kgbuild("query", "timeline", "--graph", str(multi_layer))  # the timeline reads the consolidated layer
    assert done.returncode == 0, done.stderr
    assert "https://w3id.org/kgbuild/id/consolidated/meeting/ca-deputy-foreign-ministers/14" in done.stdout.decode("utf-8")

    deep = tmp_path / ("a-rather-long-folder-name-for-the-networks-of-the-build-" * 2) / "countries.json"
    done = kgbuild("network", "countries-meetings", "--graph", str(FIXTURE), "--out", str(deep))
    assert done.returncode == 0, done.stderr
    assert str(deep) in done.stdout.decode("utf-8")


def test_an_empty_csv_answer_keeps_its_header(multi_layer):
    full = kgbuild("query", "timeline", "--graph", str(multi_layer), "--format", "csv")
    empty = kgbuild("query", "timeline", "--graph", str(multi_layer), "--format", "csv", "--param", "year=1900")
    assert full.returncode == empty.returncode == 0, empty.stderr
    header = full.stdout.decode("utf-8").splitlines()[0]
    assert header.startswith("date,meeting")
    assert empty.stdout.decode("utf-8") == header + "\n"


def test_json_types_numbers_and_booleans_and_gives_null_when_unbound(multi_layer):
    done = kgbuild("query", "timeline", "--graph", str(multi_layer), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(isinstance(r["ordinal"], int) and isinstance(r["documents"], int) for r in rows
                        if r["ordinal"] is not None)
    assert any(r["supporter"] is None for r in rows) and "" not in [r["supporter"] for r in rows]

    text = ('SELECT ?i ?d ?f ?b ?s ?u WHERE { VALUES (?i ?d ?f ?b ?s) '
            '{ (42 2.50 1.5e0 true "7") (-3 0.0 "NaN"^^<http://www.w3.org/2001/XMLSchema#double> false "x") } }')
    q = StoredQuery("typed", Path("typed.rq"), text, "typed values")
    rows = json.loads(format_rows(run_local(ox.Store(), q), "json"))
    assert sorted(rows, key=lambda r: r["i"]) == [
        {"i": -3, "d": 0.0, "f": "NaN", "b": False, "s": "x", "u": None},
        {"i": 42, "d": 2.5, "f": 1.5, "b": True, "s": "7", "u": None},
    ]

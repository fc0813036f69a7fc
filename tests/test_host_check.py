"""DNS rebinding: the port `kgbuild serve` gives answers only requests addressed to 127.0.0.1 or localhost
(a page of evil.example, made to resolve to 127.0.0.1, sends `Host: evil.example`), refusing the others with
421 and a line saying why; every other request gets exactly what Oxigraph itself answers (status, headers,
body; streamed, kept alive, 500 requests from 8 clients at once without an error)."""
from __future__ import annotations

import hashlib
import http.client
import socket
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path

import pytest

from kgbuild.proxy import allowed_hosts, host_refusal
from kgbuild.server import OxigraphServer, free_port, stage_store

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
DOC = "https://w3id.org/kgbuild/id/doc/fx4_en_2024"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A read-only server over the fixture, as `kgbuild serve` starts it."""
    location = tmp_path_factory.mktemp("host-check") / "store"
    stage_store(FIXTURE, location)
    with OxigraphServer(free_port(), location=location) as srv:
        yield srv


def raw(port: int, request: bytes, timeout: float = 30) -> bytes:
    """Send bytes as they are on a new connection; all that comes back until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        chunks = []
        while data := s.recv(65536):
            chunks.append(data)
    return b"".join(chunks)


def get(port: int, host: str, path: str = "/query?query=ASK%7B%7D", version: str = "HTTP/1.1") -> bytes:
    return raw(port, f"GET {path} {version}\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_the_allowed_hosts_are_the_loopback_names_with_the_port():
    assert allowed_hosts(7878) == {"127.0.0.1:7878", "localhost:7878", "[::1]:7878"}
    assert allowed_hosts(80) == {"127.0.0.1:80", "localhost:80", "[::1]:80", "127.0.0.1", "localhost", "[::1]"}
    for ok in ("127.0.0.1:7878", "localhost:7878", "LocalHost:7878", "[::1]:7878", " localhost:7878\t"):
        assert host_refusal([ok], 7878) is None, ok
    for bad in ("evil.example:7878", "evil.example", "localhost", "127.0.0.1", "localhost:7879", "localhost:07878",
                "localhost.:7878", "127.0.0.2:7878", "0.0.0.0:7878", "127.1:7878", "::1:7878", "user@localhost:7878",
                "localhost:7878/", "localhost:7878 evil.example", "127.0.0.1.evil.example:7878", ""):
        status, reason = host_refusal([bad], 7878)
        assert status == HTTPStatus.MISDIRECTED_REQUEST and "DNS rebinding" in reason and "\n" not in reason, bad
    assert host_refusal(["localhost"], 80) is None and host_refusal(["localhost:80"], 80) is None
    assert host_refusal([], 7878)[0] == host_refusal(["localhost:7878"] * 2, 7878)[0] == HTTPStatus.BAD_REQUEST


def test_a_request_for_another_host_is_refused_with_the_reason(server):
    port = server.port
    for host in (f"evil.example:{port}", "evil.example"):
        answer = get(port, host)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert status_of(answer) == 421, answer
        assert b"content-type: text/plain; charset=utf-8" in head.lower()
        assert body.count(b"\n") == 1 and b"not this server" in body and b"DNS rebinding" in body, body
        assert b"true" not in body
    # a POST with a body, and one waiting for 100 Continue: refused before any of the body is read
    form = b"query=ASK%7B%7D"
    post = (f"POST /query HTTP/1.1\r\nHost: evil.example:{port}\r\nContent-Type: application/x-www-form-urlencoded"
            f"\r\nContent-Length: {len(form)}\r\n\r\n").encode() + form
    assert status_of(raw(port, post)) == 421
    expect = post.replace(b"\r\n\r\n", b"\r\nExpect: 100-continue\r\n\r\n")[: -len(form)]
    answer = raw(port, expect)
    assert status_of(answer) == 421 and b"100 Continue" not in answer


def test_requests_for_this_server_are_answered(server):
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        answer = get(port, host)
        assert status_of(answer) == 200 and b'"boolean":true' in answer, (host, answer)
    answer = get(port, f"localhost:{port}", version="HTTP/1.0")
    assert status_of(answer) == 200 and b'"boolean":true' in answer


def test_a_request_without_one_host_header_is_refused_as_oxigraph_refuses_it(server):
    for version in ("HTTP/1.0", "HTTP/1.1"):  # a browser always sends one; Oxigraph answers 400 to either
        for port in (server.port, server.oxigraph_port):
            answer = raw(port, f"GET /query?query=ASK%7B%7D {version}\r\nConnection: close\r\n\r\n".encode())
            assert status_of(answer) == 400, (version, port, answer)
    two = f"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost:{server.port}\r\nHost: evil.example\r\n\r\n"
    assert status_of(raw(server.port, two.encode())) == 400


def exchange(port: int, method: str, path: str, host: str, body: bytes | None = None,
             headers: dict | None = None) -> tuple[int, list[tuple[str, str]], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        kept = sorted((k.lower(), v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP)
        return response.status, kept, data
    finally:
        conn.close()


def q(query: str) -> str:
    return "/query?" + urllib.parse.urlencode({"query": query})


SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 50"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 50"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CASES = [
    *[("GET", q(SELECT), None, {"Accept": accept}) for accept in (
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
        "application/json;q=0.5, text/csv", "image/png")],
    *[("GET", q(CONSTRUCT), None, {"Accept": accept}) for accept in (
        "application/n-triples", "text/turtle", "application/rdf+xml")],
    ("GET", q("ASK {}"), None, {}),
    ("POST", "/query", urllib.parse.urlencode({"query": SELECT}).encode(), {**FORM, "Accept": "text/csv"}),
    ("POST", "/query", SELECT.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"}),
    ("POST", "/query", b"SELEKT nonsense", {"Content-Type": "application/sparql-query"}),
    ("GET", "/store?graph=" + urllib.parse.quote(DOC, safe=""), None, {"Accept": "application/n-triples"}),
    ("GET", "/store?graph=urn:none", None, {"Accept": "text/turtle"}),
    ("POST", "/update", b"update=DROP%20ALL", FORM),
    ("PUT", "/store?default", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "application/n-triples"}),
    ("DELETE", "/store?graph=" + urllib.parse.quote(DOC, safe=""), None, {}),
    ("OPTIONS", "/query", None, {"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}),
    ("HEAD", "/", None, {}),
    ("GET", "/", None, {}),
    ("GET", "/nowhere", None, {}),
    ("BREW", "/query", None, {}),
]


@pytest.mark.parametrize("method,path,body,headers", CASES, ids=[f"{c[0]} {c[1][:40]} {c[3]}" for c in CASES])
def test_every_other_request_gets_what_oxigraph_answers(server, method, path, body, headers):
    host = f"127.0.0.1:{server.port}"  # the same Host both ways: Oxigraph names graphs from the request URL
    proxied = exchange(server.port, method, path, host, body, headers)
    direct = exchange(server.oxigraph_port, method, path, host, body, headers)
    assert proxied == direct
    assert not any(name.startswith("access-control-") for name, _ in proxied[1])


def test_a_large_answer_streams_through_whole(server):
    big = q("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 300000")  # about 60 MB of JSON
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    conn.request("GET", big, headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Transfer-Encoding") == "chunked"
    first = response.read1(65536)  # the first rows come before the last are written
    assert first.startswith(b'{"head"')
    proxied = hashlib.sha256(first + response.read()).hexdigest()
    conn.close()
    _, _, body = exchange(server.oxigraph_port, "GET", big, "127.0.0.1",
                          headers={"Accept": "application/sparql-results+json"})
    assert len(body) > 10_000_000 and proxied == hashlib.sha256(body).hexdigest()


def test_a_connection_is_kept_alive_across_requests(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sockets = set()
    for i in range(20):
        conn.request("POST", "/query", body=f"SELECT ({i} AS ?n) {{}}",
                     headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, f"n\r\n{i}\r\n".encode())
        sockets.add(id(conn.sock))
    assert len(sockets) == 1
    conn.close()


def test_500_requests_from_8_clients_at_once_without_an_error(server):
    def one(i: int) -> bool:
        status, _, body = exchange(server.port, "POST", "/query", f"localhost:{server.port}",
                                   f"SELECT ({i} AS ?n) {{}}".encode(),
                                   {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
        return status == 200 and body == f"n\r\n{i}\r\n".encode()

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(one, range(500))) == 500


def test_request_bodies_chunked_and_large_reach_oxigraph_whole():
    with OxigraphServer(free_port(), writable=True) as srv:
        big = b"".join(b'<urn:s%d> <urn:p> "%s" .\n' % (i, b"x" * 50) for i in range(20000))  # 1.5 MB
        status, _, _ = exchange(srv.port, "PUT", "/store?graph=urn:big", f"127.0.0.1:{srv.port}", big,
                                {"Content-Type": "application/n-triples"})
        assert status == 201
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        pieces = [b'<urn:t> <urn:p> "', b"y" * 100_000, b'" .\n']
        conn.request("PUT", "/store?graph=urn:chunked", body=iter(pieces), encode_chunked=True,
                     headers={"Content-Type": "application/n-triples", "Transfer-Encoding": "chunked"})
        assert conn.getresponse().status == 201
        conn.close()
        count = q("SELECT (COUNT(*) AS ?n) (MAX(STRLEN(?o)) AS ?m) WHERE { ?s ?p ?o }")
        _, _, body = exchange(srv.port, "GET", count, f"localhost:{srv.port}", headers={"Accept": "text/csv"})
        assert body == b"n,m\r\n20001,100000\r\n"


def test_stopping_closes_the_port_oxigraph_and_kept_alive_connections(tmp_path):
    srv = OxigraphServer(free_port(), writable=True).start()
    idle = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    idle.request("GET", q("ASK {}"))
    assert idle.getresponse().read() == b'{"head":{},"boolean":true}'
    done = threading.Event()
    threading.Thread(target=lambda: (srv.stop(), done.set()), daemon=True).start()
    assert done.wait(10), "stop() waited on a kept-alive connection"
    assert idle.sock.recv(1) == b""  # the proxy closed it
    idle.close()
    for port in (srv.port, srv.oxigraph_port):
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()

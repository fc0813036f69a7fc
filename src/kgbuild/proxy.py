"""A reverse proxy that answers only requests addressed to this machine's loopback names: the port
`kgbuild serve` gives its users, in front of an Oxigraph server on a private port.

Oxigraph answers whatever `Host:` header a request carries, so a page of a site whose name is made to
resolve to 127.0.0.1 (DNS rebinding) could read the served graph: the browser takes the page and the
server for one origin. Such a request names the foreign site in its Host header; the proxy refuses it
(421 Misdirected Request, one line of plain text saying why) and forwards every other request unchanged:
the method, path, headers (Host included: Oxigraph names graphs from the request URL) and body go to
Oxigraph, and its status, headers and body come back, bodies streamed in chunks both ways. The hop-by-hop
headers (Connection, Transfer-Encoding, ...) belong to each connection and are set again; nothing else is
added, no CORS header either. Threads of the standard library only: one per client connection; the
connections to Oxigraph are kept alive and shared by them.
"""
from __future__ import annotations

import http.client
import re
import select
import socket
import socketserver
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024
IDLE_CONNECTIONS = 16  # connections to Oxigraph kept open between requests
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# headers about one connection, not the message: not forwarded (RFC 9110 7.6.1); Expect is answered here
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
                        "upgrade", "expect", "proxy-authenticate", "proxy-authorization"})
METHOD = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # a token (RFC 9110 5.6.2)


def allowed_hosts(port: int) -> frozenset[str]:
    """The Host header values that name this server: a loopback name with the port, or without it when
    the port is HTTP's default, 80."""
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


def host_refusal(values: list[str], port: int) -> tuple[int, str] | None:
    """Why a request with these Host header values is refused (status, one line), or None to answer it.
    Host names compare case-insensitively (RFC 3986); anything else must match exactly."""
    if len(values) != 1:
        # RFC 9112 3.2: a request with no Host header or with several gets 400 (Oxigraph refuses none too)
        return HTTPStatus.BAD_REQUEST, f"refused: a request needs exactly one Host header ({len(values)} given)"
    host = values[0].strip(" \t")
    if host.lower() in allowed_hosts(port):
        return None
    shown = "".join(c if " " <= c <= "~" else "?" for c in host[:100])
    return (HTTPStatus.MISDIRECTED_REQUEST,
            f"refused: Host {shown!r} is not this server (127.0.0.1:{port} or localhost:{port}); "
            f"only requests addressed to this machine are answered (DNS rebinding protection)")


class _BadBody(ConnectionError):
    """A request body that is cut short or wrongly chunked."""


class HostCheckingProxy:
    """Listens on host:port at once (an OSError if it cannot); `start(backend)` serves, forwarding to the
    HTTP server at backend (host, port); `stop()` closes the port and every open connection."""

    def __init__(self, host: str, port: int):
        self._server = _Server((host, port), _Handler)
        self.port = self._server.server_address[1]
        self._thread: threading.Thread | None = None

    def start(self, backend: tuple[str, int]) -> "HostCheckingProxy":
        self._server.backend = backend
        self._server.public_port = self.port
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name=f"kgbuild-proxy-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()  # returns once serve_forever has returned
            self._thread.join()
            self._thread = None
        self._server.server_close()
        self._server.close_connections()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # kept-alive connections are closed by close_connections, not waited for
    request_queue_size = 128
    backend: tuple[str, int]
    public_port: int  # the port a Host header must name

    def __init__(self, address, handler):
        self._open: set[socket.socket] = set()
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def take_backend(self) -> http.client.HTTPConnection:
        """An idle connection to Oxigraph (one it closed while idle is dropped), or a new one."""
        while True:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                return http.client.HTTPConnection(*self.backend)
            readable, _, _ = select.select([conn.sock], [], [], 0)
            if not readable:  # an idle connection has nothing to read but its end
                return conn
            conn.close()

    def give_back(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if len(self._idle) < IDLE_CONNECTIONS and conn.sock is not None:
                self._idle.append(conn)
                return
        conn.close()

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # not HTTPServer's: it looks the name up (getfqdn)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address) -> None:
        with self._lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._lock:
            open_now, idle, self._idle = list(self._open), self._idle, []
        for conn in idle:
            conn.close()
        for sock in open_now:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # its thread then reads the end and returns
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a client that went away mid-answer is no error of the server's
            print(f"kgbuild serve: the proxy failed on a request: {error!r}", file=sys.stderr)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # headers and body leave at once, as Oxigraph sends them
    server: _Server

    def log_message(self, format, *args) -> None:
        pass  # Oxigraph keeps the log

    # the Host check comes before a 100 Continue too, so a refused client sends no body
    def handle_expect_100(self) -> bool:
        return self._host_ok() and super().handle_expect_100()

    def parse_request(self) -> bool:
        return super().parse_request() and self._host_ok()

    def _host_ok(self) -> bool:
        refusal = host_refusal(self.headers.get_all("Host") or [], self.server.public_port)
        if refusal is None and not self.path.startswith("/"):
            refusal = HTTPStatus.BAD_REQUEST, "refused: the request target must be a path (/query, /store, ...)"
        if refusal is None and not METHOD.fullmatch(self.command):
            refusal = HTTPStatus.BAD_REQUEST, "refused: a malformed method"
        if refusal is not None:
            self._answer(*refusal)
        return refusal is None

    def _answer(self, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        self.close_connection = True  # the request's body, if any, is not read
        self.send_response_only(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def __getattr__(self, name: str):
        # every method (do_GET, do_POST, do_PUT, ...) is forwarded: Oxigraph says which it does not support
        if name.startswith("do_"):
            return self._forward
        raise AttributeError(name)

    def _forward(self) -> None:
        body, chunked = self._request_body()
        if body is False:
            return
        dropped = {"host"} | HOP_BY_HOP | {t.strip().lower() for t in self.headers.get("Connection", "").split(",")}
        backend = self.server.take_backend()
        try:
            backend.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            backend.putheader("Host", self.headers["Host"])  # as the client sent it
            for name, value in self.headers.items():
                if name.lower() not in dropped:
                    backend.putheader(name, value)
            if chunked:
                backend.putheader("Transfer-Encoding", "chunked")
            backend.endheaders(body, encode_chunked=chunked)
            response = backend.getresponse()
        except _BadBody as exc:
            backend.close()
            self._answer(HTTPStatus.BAD_REQUEST, f"refused: {exc}")
            return
        except ValueError as exc:  # http.client's checks of a header or the path
            backend.close()
            self._answer(HTTPStatus.BAD_REQUEST, f"refused: a malformed request ({exc})")
            return
        except (OSError, http.client.HTTPException) as exc:
            backend.close()
            self._answer(HTTPStatus.BAD_GATEWAY, f"the SPARQL server behind this port did not answer: {exc}")
            return
        try:
            self._relay(response)
        finally:
            if response.will_close or not response.isclosed():
                backend.close()
            else:
                self.server.give_back(backend)

    def _request_body(self):
        """The body to send on, as bytes or an iterator of chunks, and whether it is chunked; (False,
        False) when a refusal was sent."""
        coding = self.headers.get("Transfer-Encoding")
        if coding is not None:
            if coding.strip().lower() != "chunked":
                self._answer(HTTPStatus.NOT_IMPLEMENTED, f"refused: Transfer-Encoding {coding!r} is not supported")
                return False, False
            return self._read_chunked(), True
        length = self.headers.get("Content-Length")
        if length is None:
            return None, False
        if not length.strip().isdigit():
            self._answer(HTTPStatus.BAD_REQUEST, "refused: Content-Length is not a number")
            return False, False
        length = int(length)
        if length <= CHUNK:
            return self.rfile.read(length), False  # sent with the headers, in one packet
        return self._read_exactly(length), False

    def _read_exactly(self, length: int):
        while length > 0:
            data = self.rfile.read(min(CHUNK, length))
            if not data:
                raise _BadBody("the request body ended early")
            length -= len(data)
            yield data

    def _read_chunked(self):
        while True:
            size_line = self.rfile.readline(1024)
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadBody("a malformed chunk in the request body") from None
            if size == 0:
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass  # trailer fields are dropped
                return
            yield from self._read_exactly(size)
            self.rfile.readline(3)  # the CRLF after the chunk

    def _relay(self, response: http.client.HTTPResponse) -> None:
        has_body = self.command != "HEAD" and response.status not in (204, 304)
        chunked = False
        self.send_response_only(response.status, response.reason)
        for name, value in response.msg.items():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        if has_body and response.getheader("Content-Length") is None:
            if self.request_version == "HTTP/1.1":
                chunked = True
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.close_connection = True  # an HTTP/1.0 client reads to the end of the connection
        if self.close_connection:
            self.send_header("Connection", "close")
        elif self.request_version != "HTTP/1.1":
            self.send_header("Connection", "keep-alive")
        self.end_headers()
        if not has_body:
            response.read()  # nothing, but it marks the answer read, so the connection is kept
            return
        try:
            while data := response.read1(CHUNK):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            response.read()  # nothing left: marks the answer read (read1 does not), so the connection is kept
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # cut short: the client sees an incomplete body, not a whole one

"""A SPARQL server for a build: start and stop a local Oxigraph server, publish a build to any SPARQL 1.1
server through the Graph Store Protocol.

`kgbuild serve` loads the build into an on-disk store in a temporary folder and serves it read-only
(`oxigraph serve-read-only`): no request can change it, whatever page or program sends it. Writable
(`oxigraph serve`) only when asked, for `kgbuild publish`. Either way the default graph is the union of
the documents' graphs, and a query is stopped after a time limit. The port given is a proxy's (proxy.py)
that answers only requests addressed to 127.0.0.1 or localhost, not a DNS-rebinding page's; Oxigraph
listens on a private port behind it.

Publishing PUTs each document's named graph to `<store>?graph=<document IRI>`: a PUT replaces what the
graph held, so publishing a build twice leaves the server as publishing it once did.
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .proxy import HostCheckingProxy
from .queries import load_query, load_store, queries_dir, sparql_select

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_TIMEOUT = 60  # seconds a query may run on a server kgbuild starts


class ServerError(RuntimeError):
    pass


@dataclass
class PublishResult:
    endpoint: str  # the Graph Store endpoint written to
    graphs: int
    triples: int


# ------------------------------------------------------------- publishing --


def graph_store_url(endpoint: str) -> str:
    """The Graph Store endpoint for a server URL: Oxigraph's `/store` when given its base URL or its
    `/query` endpoint, else the URL as given (e.g. Fuseki's `/ds/data`)."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServerError(f"not an http(s) endpoint URL: {endpoint!r}")
    path = parts.path.rstrip("/")
    if path == "":
        path = "/store"
    elif path.endswith("/query"):
        path = path[: -len("/query")] + "/store"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def publish(graph: str | Path, endpoint: str, timeout: float = 60.0) -> PublishResult:
    """PUT every named graph of a build (DIR/graph.trig or a .trig/.nq file) to a Graph Store endpoint."""
    return publish_store(load_store(graph), endpoint, timeout)


def publish_store(store: ox.Store, endpoint: str, timeout: float = 60.0) -> PublishResult:
    """PUT every named graph of a store; triples outside named graphs (a .ttl input) replace the server's
    default graph."""
    url = graph_store_url(endpoint)
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    triples = 0
    for name in graphs:
        if not isinstance(name, ox.NamedNode):
            continue  # a blank-node graph name has no IRI to PUT to; kgbuild never writes one
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        _put(f"{url}?graph={urllib.parse.quote(name.value, safe='')}", data, timeout)
        triples += _count(store, name)
    default = _count(store, ox.DefaultGraph())
    if default:
        _put(f"{url}?default", store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), timeout)
        triples += default
    return PublishResult(url, len(graphs), triples)


def _count(store: ox.Store, graph) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def _put(url: str, data: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:300]
        raise ServerError(f"PUT {url} failed: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ServerError(f"PUT {url} failed: {reason}") from None


# ---------------------------------------------------------- local server --


def find_oxigraph() -> str:
    """The `oxigraph` command (from the `oxigraph` package), on PATH or beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside) if beside.exists() else None)
    if not found:
        raise ServerError("the `oxigraph` command is not installed (pip install oxigraph==0.5.13)")
    return found


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    # Linux: the server gets SIGTERM if kgbuild dies without stopping it, so no orphan keeps the port
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def stage_store(graph: str | Path, location: Path) -> tuple[int, int]:
    """Load a build (DIR or a graph file) into an on-disk Oxigraph store in the folder `location`, for a
    server to open; how many named graphs and triples it holds."""
    store = load_store(graph, location)
    counts = sum(1 for _ in store.named_graphs()), len(store)
    store.flush()
    del store  # the store's lock goes with the object, so the server can open the folder
    return counts


class OxigraphServer:
    """An Oxigraph server on 127.0.0.1; a context manager that always stops it.

    Read-only over the on-disk store in `location` unless `writable` (then over `location`, or an empty
    in-memory store without one). The default graph is the union of the named graphs; a query that runs
    longer than `timeout` seconds is stopped (None: never). With `check_host`, `port` is a proxy's that
    refuses requests whose Host header names another site (DNS rebinding) and Oxigraph listens on a free
    port of its own, `oxigraph_port`; without it, Oxigraph listens on `port` itself (the bench)."""

    def __init__(self, port: int = DEFAULT_PORT, host: str = HOST, *, location: Path | None = None,
                 writable: bool = False, timeout: int | None = DEFAULT_QUERY_TIMEOUT, check_host: bool = True):
        if not writable and location is None:
            raise ServerError("a read-only server needs a store to serve (stage_store)")
        if not 0 < port < 65536:
            raise ServerError(f"port {port} is out of range (1 to 65535)")
        self.host = host
        self.port = port
        self.location = location
        self.writable = writable
        self.timeout = timeout
        self.check_host = check_host
        self.oxigraph_port = port
        self.process: subprocess.Popen | None = None
        self._proxy: HostCheckingProxy | None = None
        self._log = None

    def command(self) -> list[str]:
        """The oxigraph command line (no --cors: browsers do not let other sites read the answers)."""
        cmd = [find_oxigraph(), "serve" if self.writable else "serve-read-only",
               "--bind", f"{self.host}:{self.oxigraph_port}", "--union-default-graph"]
        if self.location is not None:
            cmd += ["--location", str(self.location)]
        if self.timeout:
            cmd += ["--timeout-s", str(int(self.timeout))]
        return cmd

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_endpoint(self) -> str:
        return self.base_url + "/query"

    @property
    def store_endpoint(self) -> str:
        return self.base_url + "/store"

    def start(self, timeout: float = 15.0) -> "OxigraphServer":
        if _listening(self.host, self.port):
            raise ServerError(f"port {self.port} on {self.host} is already in use")
        if self.check_host:
            try:  # the port is taken at once; requests wait in its queue until Oxigraph listens
                self._proxy = HostCheckingProxy(self.host, self.port)
            except OSError as exc:
                raise ServerError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
            self.oxigraph_port = free_port(self.host)
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command(),
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            # its own session: a terminal's Ctrl-C reaches kgbuild only, which then stops the server
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        deadline = time.monotonic() + timeout
        while not _listening(self.host, self.oxigraph_port):
            if self.process.poll() is not None:
                log = self._read_log()
                self.stop()
                raise ServerError(f"oxigraph exited with code {self.process.returncode}: {log}")
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"oxigraph did not listen on {self.host}:{self.oxigraph_port} within "
                                  f"{timeout:.0f} s")
            time.sleep(0.05)
        if self._proxy is not None:
            self._proxy.start((self.host, self.oxigraph_port))
        return self

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        assert self.process is not None, "server not started"
        return self.process.wait()

    def stop(self, timeout: float = 5.0) -> None:
        if self._proxy is not None:
            self._proxy.stop()
            self._proxy = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def _read_log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()[-500:]

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def count_triples(query_endpoint: str) -> int:
    """How many triples the server holds in its named graphs."""
    _, bindings = sparql_select(query_endpoint, load_query(queries_dir() / "server" / "triple-count.rq").text)
    return int(bindings[0]["n"]["value"])


def interrupt_on_sigterm():
    """Make SIGTERM interrupt like Ctrl-C does, so `finally` blocks stop the server; the previous handler."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)

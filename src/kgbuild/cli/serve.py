"""`kgbuild serve` and `kgbuild publish`: the graph on a real SPARQL server (see server.py)."""
from __future__ import annotations

import signal
import tempfile
from pathlib import Path

import typer

from ..server import DEFAULT_QUERY_TIMEOUT
from .common import error, out


def serve(
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    port: int = typer.Option(7878, "--port", "-p", help="Port on 127.0.0.1 (0: any free port)"),
    writable: bool = typer.Option(False, "--writable",
                                  help="Accept updates (SPARQL Update, Graph Store PUT/DELETE), e.g. from "
                                       "`kgbuild publish`; any program or web page on this machine can then "
                                       "change the data"),
    timeout: int = typer.Option(DEFAULT_QUERY_TIMEOUT, "--timeout", min=0,
                                help="Stop a query after this many seconds (0: no limit)"),
) -> None:
    """Serve the graph from an Oxigraph SPARQL server on 127.0.0.1, read-only unless --writable, one named
    graph per document and their union as the default graph; query endpoint http://127.0.0.1:PORT/query.
    Only requests addressed to 127.0.0.1:PORT or localhost:PORT are answered (no DNS-rebinding page reads
    it). Ctrl-C or SIGTERM stops it."""
    from ..queries import QueryError
    from ..server import OxigraphServer, ServerError, free_port, interrupt_on_sigterm, stage_store

    if not 0 <= port <= 65535:
        error(f"--port {port}: want a port from 1 to 65535 (0: any free port)")
        raise typer.Exit(2)
    previous = interrupt_on_sigterm()
    try:
        with tempfile.TemporaryDirectory(prefix="kgbuild-serve-") as folder:
            location = Path(folder) / "store"
            graphs, triples = stage_store(graph, location)
            with OxigraphServer(port or free_port(), location=location, writable=writable,
                                timeout=timeout or None) as server:  # stopped before its folder goes
                mode = "writable" if writable else "read-only"
                out.print(f"serving {graphs} graph(s), {triples} triples ({mode}); "
                          f"SPARQL endpoint {server.query_endpoint} (Ctrl-C stops it)", soft_wrap=True)
                code = server.wait()
            error(f"the oxigraph server exited on its own (code {code})")
            raise typer.Exit(1)
    except (QueryError, ServerError) as exc:
        error(str(exc))
        raise typer.Exit(2)
    except KeyboardInterrupt:
        out.print("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)


def publish(
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    endpoint: str = typer.Option(..., "--endpoint", "-e",
                                 help="Graph Store endpoint URL (an Oxigraph base or /query URL maps to /store)"),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds to wait for each answer of the server"),
) -> None:
    """Load a build into a SPARQL 1.1 server through the Graph Store Protocol: each document's named graph
    is replaced by a PUT, so publishing again changes nothing."""
    from ..queries import QueryError
    from ..server import ServerError, publish as publish_graph

    try:
        result = publish_graph(graph, endpoint, timeout)
    except (QueryError, ServerError) as exc:
        error(str(exc))
        raise typer.Exit(2)
    out.print(f"published {result.graphs} graph(s), {result.triples} triples -> {result.endpoint}", soft_wrap=True)


"""`kgbuild serve` and `kgbuild publish`: the graph on a real SPARQL server (see server.py)."""
from __future__ import annotations

import signal
from pathlib import Path

import typer

from .common import err, out


def serve(
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    port: int = typer.Option(7878, "--port", "-p", help="Port on 127.0.0.1 (0: any free port)"),
) -> None:
    """Serve the graph from an Oxigraph SPARQL server on 127.0.0.1, one named graph per document; query
    endpoint http://127.0.0.1:PORT/query. Ctrl-C or SIGTERM stops it."""
    from ..queries import QueryError, load_store
    from ..server import OxigraphServer, ServerError, free_port, interrupt_on_sigterm, publish_store

    try:
        store = load_store(graph)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    server = OxigraphServer(port or free_port())
    previous = interrupt_on_sigterm()
    try:
        server.start()
        result = publish_store(store, server.store_endpoint)
        out.print(f"serving {result.graphs} graph(s), {result.triples} triples; "
                  f"SPARQL endpoint {server.query_endpoint} (Ctrl-C stops it)", soft_wrap=True)
        code = server.wait()
        err.print(f"[red]error:[/red] the oxigraph server exited on its own (code {code})")
        raise typer.Exit(1)
    except ServerError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    except KeyboardInterrupt:
        out.print("stopped")
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def publish(
    graph: Path = typer.Option(Path("out"), "--graph", "-g", help="Build folder or graph file"),
    endpoint: str = typer.Option(..., "--endpoint", "-e",
                                 help="Graph Store endpoint URL (an Oxigraph base or /query URL maps to /store)"),
) -> None:
    """Load a build into a SPARQL 1.1 server through the Graph Store Protocol: each document's named graph
    is replaced by a PUT, so publishing again changes nothing."""
    from ..queries import QueryError
    from ..server import ServerError, publish as publish_graph

    try:
        result = publish_graph(graph, endpoint)
    except (QueryError, ServerError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    out.print(f"published {result.graphs} graph(s), {result.triples} triples -> {result.endpoint}", soft_wrap=True)


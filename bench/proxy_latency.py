"""What the Host-checking proxy of `kgbuild serve` adds to a request: the same small query sent to the
served port (proxy, then Oxigraph) and straight to Oxigraph's private port behind it, in alternating rounds.

    python bench/proxy_latency.py --graph OUT [--requests 500] [--clients 8] [--rounds 6]

One read-only server as `kgbuild serve` starts it (OxigraphServer over an on-disk copy of the build). The
clients run in a child process (the proxy's threads have this one's interpreter to themselves): CLIENTS
threads send REQUESTS requests in all, each timed from the first byte sent to the last byte read; each
thread keeps one connection alive (`--fresh`: a new connection per request, as urllib makes). Rounds
alternate direct and proxied (direct, proxied, proxied, direct, ...). Prints p50/p95 per round and the
median of the rounds' p50s, then one JSON line.

Keep the rounds few: with a query time limit Oxigraph 0.5.13 keeps a thread per query until the limit has
passed (60 s here, as `kgbuild serve` sets it), and it aborts when it can start no more (about 16,000 on
this machine); 6 rounds send 7,000 requests.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"


def client(port: int, requests: int, clients: int, fresh: bool) -> dict:
    """Send the requests from `clients` threads; latencies in ms and the number of errors."""
    path = "/query?" + urllib.parse.urlencode({"query": QUERY})
    headers = {"Accept": "application/sparql-results+json"}
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    left = iter(range(requests))

    def work() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in iter(lambda: next(left, None), None):
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                ok = response.status == 200 and b'"bindings"' in response.read()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed = (time.perf_counter() - start) * 1000
            if fresh:
                conn.close()
            with lock:
                latencies.append(elapsed)
                errors += not ok
        conn.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    return {"latencies": latencies, "errors": errors, "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, required=True, help="a build folder or graph file")
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=6, help="rounds of each path, alternating")
    ap.add_argument("--fresh", action="store_true", help="a new connection per request")
    ap.add_argument("--client-port", type=int, help=argparse.SUPPRESS)  # the child process's part
    a = ap.parse_args(argv)
    if a.client_port:
        print(json.dumps(client(a.client_port, a.requests, a.clients, a.fresh)))
        return 0

    from kgbuild.server import OxigraphServer, free_port, stage_store

    def run(port: int) -> dict:
        cmd = [sys.executable, __file__, "--client-port", str(port), "--requests", str(a.requests),
               "--clients", str(a.clients)] + (["--fresh"] if a.fresh else [])
        return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

    p50s: dict[str, list[float]] = {"direct": [], "proxied": []}
    errors = 0
    with tempfile.TemporaryDirectory(prefix="proxy-latency-") as folder:
        location = Path(folder) / "store"
        stage_store(a.graph, location)
        with OxigraphServer(free_port(), location=location) as server:
            for port in (server.port, server.oxigraph_port):  # warm both paths
                run(port)
            for i in range(a.rounds * 2):  # direct, proxied, proxied, direct, direct, ...
                path = ("direct", "proxied")[(i + i // 2) % 2]
                result = run(server.oxigraph_port if path == "direct" else server.port)
                ms = sorted(result["latencies"])
                p50, p95 = statistics.median(ms), ms[int(len(ms) * 0.95) - 1]
                p50s[path].append(p50)
                errors += result["errors"]
                print(f"{path:8} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  {len(ms)} requests, "
                      f"{result['errors']} errors, {len(ms) / result['wall_s']:.0f}/s", file=sys.stderr)
    summary = {path: round(statistics.median(v), 2) for path, v in p50s.items()}
    summary["added_ms"] = round(summary["proxied"] - summary["direct"], 2)
    print(json.dumps({"query": QUERY, "requests": a.requests, "clients": a.clients, "rounds": a.rounds,
                      "fresh_connections": a.fresh, "p50_ms_median_of_rounds": summary,
                      "p50_ms_per_round": p50s, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

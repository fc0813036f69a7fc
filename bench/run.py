"""Benchmark: generate N documents, build them with `kgbuild build`, run every stored query.

    python bench/run.py --docs 1000 --json

Steps, each timed: generate (bench/generate.py) into a temp folder; `kgbuild build DOCS --out OUT -j W
--no-cache` in a child process whose memory (with its workers) is sampled from /proc every 50 ms; load
OUT/graph.trig into pyoxigraph and run each stored query case (p50/p95 over repeated runs); the same
query text on rdflib's default in-memory store over the same graph, in a child process, each query
stopped after --rdflib-timeout seconds (then the ratio is a lower bound); publish the build to a local
Oxigraph server and run the cases through its SPARQL endpoint (Oxigraph's own port, not the Host-checking
proxy `kgbuild serve` adds: bench/proxy_latency.py); then the cases as users run them on the build
folder (unless --no-folder): `kgbuild query --graph OUT` on the folder's on-disk store (its first-query
load and compaction timed) and `kgbuild serve OUT` (a read-only server over a staged on-disk store, behind
the proxy). The last line of stdout is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FLOOR_MS_PER_DOC = 1.2  # read + one automaton scan + ~110 quads into pyoxigraph, one process (notes)
# the build's validation engine (validate.ENGINES) -> the `kgbuild build` options that pick it
ENGINE_OPTIONS = {"rdflib": ("--shacl-sparql", "rdflib"), "oxigraph": ("--shacl-sparql", "oxigraph"),
                  "turbo": ("--shacl-engine", "turbo"), "shacl": ("--shacl-engine", "shacl")}


# ------------------------------------------------------------------- memory --


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (kB), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/statm") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        pid = int(entry)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, todo = 0, [root]
    seen = set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        todo.extend(c for c, p in parents.items() if p == pid)
    return total


def run_measured(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; (wall seconds, peak RSS MB of its process tree, completed process)."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: dict[str, str] = {}

    def drain(name, stream):
        out[name] = stream.read()

    threads = [threading.Thread(target=drain, args=(n, s)) for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for t in threads:
        t.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    for t in threads:
        t.join()
    return wall, peak / 1024, subprocess.CompletedProcess(cmd, proc.returncode, out.get("out", ""), out.get("err", ""))


OUTPUT_FILES = ("graph.trig", "graph.ttl", "validation.txt", "validation.json", "build.json")


def _change_one(doc: Path, what: str) -> None:
    """Change one generated document the way a corrected press release changes: a sentence appended to its
    last paragraph, or its date moved by a day."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    if what == "sentence":
        last = max(i for i, line in enumerate(lines) if line.strip())
        lines[last] = lines[last] + " The sides agreed to meet again."
    else:
        head = lines[0].split(" ")
        i = head.index("date") + 1
        y, m, d = (int(x) for x in head[i].split("-"))
        head[i] = f"{y:04d}-{m:02d}-{(d % 28) + 1:02d}"
        lines[0] = " ".join(head)
    doc.write_text("\n".join(lines), encoding="utf-8")


def measure_rerun(docs: Path, work: Path, workers: int, engine: list[str], say) -> dict:
    """A build that writes the cache (the default build); re-runs with one document changed (a sentence
    appended, then its date moved: three rounds, medians); and a build without the cache of the changed
    documents to compare the last re-run's output with, byte for byte."""
    import shutil

    changed = work / "docs-changed"
    shutil.rmtree(changed, ignore_errors=True)
    shutil.copytree(docs, changed)
    out = work / "out-cached"
    shutil.rmtree(out, ignore_errors=True)
    build = [sys.executable, "-c", "from kgbuild.cli import main; main()", "build", str(changed), "-j", str(workers),
             *engine]
    cached_s, cached_mb, proc = run_measured([*build, "--out", str(out)])
    say(f"build writing the cache: {cached_s:.1f} s, peak RSS {cached_mb:.0f} MB (exit {proc.returncode})")
    target = sorted(changed.glob("*.txt"))[len(list(changed.glob("*.txt"))) // 2]
    result = {"cached_build_s": round(cached_s, 2), "cached_build_peak_rss_mb": round(cached_mb, 1),
              "changed_document": target.name}
    runs: dict[str, list[float]] = {"sentence": [], "date": []}
    for _round in range(3):
        for what in runs:
            _change_one(target, what)
            os.sync()  # the earlier builds' gigabytes reach the disk first: not this run's to wait for
            s, _mb, proc = run_measured([*build, "--out", str(out)])
            runs[what].append(s)
            say(f"re-run with one document's {what} changed: {s:.2f} s (exit {proc.returncode})")
    for what, times in runs.items():
        result[f"one_changed_{what}_s"] = round(statistics.median(times), 2)  # the whole command, start-up included
        result[f"one_changed_{what}_runs_s"] = [round(t, 2) for t in times]
    full = work / "out-nocache"
    shutil.rmtree(full, ignore_errors=True)
    run_measured([*build, "--out", str(full), "--no-cache"])
    result["identical_to_full_build"] = all((out / n).read_bytes() == (full / n).read_bytes() for n in OUTPUT_FILES)
    say(f"re-run output identical to a build without the cache: {result['identical_to_full_build']}")
    return result


def measure_scaling(n: int, seed: int, work: Path, workers: int, engine: list[str], big_rate: float, say) -> dict:
    """Build n documents of the same generator and seed; documents per second beside the main build's."""
    import shutil

    from generate import generate

    docs, out = work / f"docs-{n}", work / f"out-{n}"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    generate(n, docs, seed)
    s, mb, _proc = run_measured([sys.executable, "-c", "from kgbuild.cli import main; main()", "build", str(docs),
                                 "--out", str(out), "-j", str(workers), "--no-cache", *engine])
    rate = n / s
    say(f"{n} documents: {s:.1f} s, {rate:.0f} documents/s (main build {big_rate:.0f})")
    return {"docs": n, "build_s": round(s, 2), "docs_per_s": round(rate, 1), "peak_rss_mb": round(mb, 1),
            "rate_ratio": round(big_rate / rate, 3)}


# ------------------------------------------------------------------ queries --


LAYER = "<https://w3id.org/kgbuild/id/graph/consolidated>"


def _ranked(store, q: str) -> list[str]:
    return [row[0].value for row in store.query(q)]


def _pick(values: list[str]) -> dict[str, str]:
    """The busiest value (first of a list ranked busiest first) and a typical one (the median's)."""
    if not values:
        return {}
    return {"busiest": values[0], "typical": values[len(values) // 2]}


def discover(store) -> dict[str, dict[str, str]]:
    """Parameter values that exist in this graph, each as its busiest and a typical (median) value: a file,
    a meeting, a series, an official, a year, a topic, a programme, a fact of a meeting."""
    from kgbuild.vocab import PREFIXES

    pre = "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in ("kg", "schema", "rdfs"))
    found = {
        # files by the number of meetings their document reports
        "file": _ranked(store, pre + "SELECT ?f WHERE { GRAPH ?g { ?d a kg:PressRelease ; kg:fileName ?f "
                                     "OPTIONAL { ?m a kg:Meeting } } } GROUP BY ?f ORDER BY DESC(COUNT(?m)) ?f"),
        # the layer's meetings by their participants
        "meeting": _ranked(store, pre + f"SELECT ?m WHERE {{ GRAPH {LAYER} {{ ?m a kg:Meeting ; kg:participation ?p }} }} "
                                        "GROUP BY ?m ORDER BY DESC(COUNT(?p)) ?m"),
        # the documents' meeting IRIs of a series (the per-document provenance query's subject)
        "doc_meeting": _ranked(store, pre + "SELECT ?m WHERE { GRAPH ?g { ?m a kg:Meeting ; kg:series ?s } "
                                            f"FILTER (?g != {LAYER}) }} GROUP BY ?m ORDER BY DESC(COUNT(DISTINCT ?g)) ?m"),
        "series": _ranked(store, pre + f"SELECT ?s WHERE {{ GRAPH {LAYER} {{ ?m a kg:Meeting ; kg:series ?s }} }} "
                                       "GROUP BY ?s ORDER BY DESC(COUNT(?m)) ?s"),
        # the layer's persons by the meetings they took part in, named by their English label
        "official": _ranked(store, pre + f"SELECT ?l WHERE {{ GRAPH {LAYER} {{ ?m kg:participation ?x . ?x kg:participant ?p . "
                                         "?p rdfs:label ?l FILTER (LANG(?l) = 'en') } } GROUP BY ?l ORDER BY DESC(COUNT(?m)) ?l"),
        "year": _ranked(store, pre + f"SELECT ?y WHERE {{ GRAPH {LAYER} {{ ?m a kg:Meeting ; schema:startDate ?d }} "
                                     "BIND (SUBSTR(STR(?d), 1, 4) AS ?y) } GROUP BY ?y ORDER BY DESC(COUNT(?m)) ?y"),
        "topic": _ranked(store, pre + f"SELECT (STRAFTER(STR(?t), '/topic/') AS ?id) WHERE {{ GRAPH {LAYER} {{ ?m kg:topic ?t }} }} "
                                      "GROUP BY ?t ORDER BY DESC(COUNT(?m)) ?t"),
        "programme": _ranked(store, pre + f"SELECT ?p WHERE {{ GRAPH {LAYER} {{ ?p a kg:Programme ; kg:support ?n }} }} "
                                          "ORDER BY DESC(?n) ?p"),
    }
    return {k: _pick(v) for k, v in found.items()}


def cases(found: dict[str, dict[str, str]]) -> list[tuple[str, str, dict[str, str], str]]:
    """(case id, stored query, params, kind): kind 'selective' (target p50 < 20 ms) or 'aggregate' (< 250 ms).
    A selective case runs with its busiest value (case?param=busiest) and a typical one (=typical)."""
    sel, agg = "selective", "aggregate"
    SDO_START = "https://schema.org/startDate"
    out = [
        ("attendance", "attendance", {}, agg),
        ("co-participation", "co-participation", {}, agg),
        ("conflicting-facts", "conflicting-facts", {}, agg),
        ("documents-per-language", "documents-per-language", {}, agg),
        ("documents-per-source", "documents-per-source", {}, agg),
        ("initiative-history", "initiative-history", {}, agg),
        ("organisation-heads", "organisation-heads", {}, agg),
        ("programmes-in-force", "programmes-in-force", {}, agg),
        ("timeline", "timeline", {}, agg),
        ("topic-countries", "topic-countries", {}, agg),
        ("topics-over-time", "topics-over-time", {}, agg),
        ("conflicting-facts?status", "conflicting-facts", {"status": "tied"}, sel),
        ("programmes-in-force?year", "programmes-in-force", {"year": "2027"}, sel),
    ]
    selective = [  # (case, query, param, what it names)
        ("attendance?meeting", "attendance", "meeting", "meeting"),
        ("meeting-profile?meeting", "meeting-profile", "meeting", "meeting"),
        ("fact-provenance?meeting", "fact-provenance", "subject", "meeting"),
        ("fact-provenance?programme", "fact-provenance", "subject", "programme"),
        ("provenance?subject", "provenance", "subject", "doc_meeting"),
        ("entities?file", "entities", "file", "file"),
        ("initiatives?file", "initiatives", "file", "file"),
        ("meetings?file", "meetings", "file", "file"),
        ("participants?file", "participants", "file", "file"),
        ("programme-priorities?file", "programme-priorities", "file", "file"),
        ("official-meetings?official", "official-meetings", "official", "official"),
        ("official-posts?official", "official-posts", "official", "official"),
        ("timeline?year", "timeline", "year", "year"),
        ("timeline?series", "timeline", "series", "series"),
        ("topic-countries?topic", "topic-countries", "topic", "topic"),
        ("topics-over-time?topic", "topics-over-time", "topic", "topic"),
    ]
    for case, query, param, what in selective:
        for rank in ("busiest", "typical"):
            value = found.get(what, {}).get(rank)
            if value:
                params = {param: value}
                if case == "fact-provenance?meeting":
                    params["predicate"] = SDO_START  # one fact: the meeting's date
                out.append((f"{case}={rank}", query, params, sel))
    return out


def query_text(name: str, params: dict[str, str]) -> str:
    from kgbuild.queries import bind, bindings_for, get_query

    q = get_query(name)
    return bind(q.text, bindings_for(q, params))


# the separators of the stored queries' list columns (GROUP_CONCAT; queries.sort_lists): for comparing rows,
# the items of any cell holding one are sorted, as `kgbuild query` does, since their order is the engine's
LIST_SEPARATORS: set[str] = set()


def _rows_key(rows: list[tuple]) -> list[tuple]:
    def cell(value: str) -> str:
        for sep in LIST_SEPARATORS:
            if sep in value:
                value = sep.join(sorted(value.split(sep)))
        return value

    return sorted(tuple(cell(v) for v in row) for row in rows)


def time_cases(run, texts: dict[str, str], repeat: int, budget_s: float, cpu: bool = True) -> dict[str, dict]:
    """p50/p95 over up to `repeat` runs (at least 3, fewer when a case is slow: `budget_s` per case); with
    `cpu`, also the median CPU time of this process (not for a server, whose work is in another process)."""
    out = {}
    for case, text in texts.items():
        t, c = time.perf_counter(), time.process_time()
        rows = run(text)  # warm-up, and the rows
        first, first_cpu = time.perf_counter() - t, time.process_time() - c
        times, cpus = [], []
        spent = 0.0
        if first > budget_s:  # a slow case: its one run is its measure (p50 = p95 = that run)
            times, cpus, spent = [first * 1000], [first_cpu * 1000], first
        while len(times) < repeat and (len(times) < 3 or spent < budget_s):
            t, c = time.perf_counter(), time.process_time()
            run(text)
            dt = time.perf_counter() - t
            cpus.append((time.process_time() - c) * 1000)
            times.append(dt * 1000)
            spent += dt
        times.sort()
        out[case] = {
            "p50_ms": round(statistics.median(times), 2),
            # CPU of this process (the query runs in it, on one thread): what other work on a shared
            # machine inflates least
            **({"cpu_p50_ms": round(statistics.median(cpus), 2)} if cpu else {}),
            "p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 2),
            "runs": len(times),
            "rows": len(rows),
            "_rows": _rows_key(rows),
        }
    return out


def ox_runner(store):
    """The rows as `kgbuild query` reads them from a local store (kgbuild.queries.select)."""
    from kgbuild.queries import select

    def run(text):
        return [tuple(cell[0] for cell in row) for row in select(store, text)[1]]

    return run


# -------------------------------------------------------------- rdflib side --


class _Timeout(Exception):
    pass


def compare_validation(docs: Path, sample: int) -> dict:
    """Plain pyshacl (rdflib evaluating the shapes' SPARQL) against pyshacl with --shacl-sparql oxigraph and
    --shacl-engine turbo on the first `sample` documents, one process, the same graphs: CPU ms per document
    and whether every report agrees with plain pyshacl's."""
    from kgbuild.document import DocumentError
    from kgbuild.output import prefix_block, turtle_body
    from kgbuild.pipeline import document_triples
    from kgbuild.validate import ENGINES, validate_graph

    graphs = []
    for path in sorted(docs.glob("*.txt"))[:sample]:
        try:
            g = document_triples(path)
        except DocumentError:
            continue
        # as the build hands it over: the document's triples, and the Turtle written for graph.trig (turbo
        # parses that; the pyshacl engines get an rdflib graph of the triples)
        graphs.append((g, prefix_block() + turtle_body(g)))
    for engine in ENGINES:
        validate_graph(graphs[0][0], engine=engine, turtle=graphs[0][1])  # shapes parsed or compiled, caches warm
    spent = dict.fromkeys(ENGINES, 0.0)
    same = True
    for g, turtle in graphs:
        reports = {}
        for engine in ENGINES:
            t = time.process_time()
            reports[engine] = validate_graph(g, inplace=True, engine=engine, turtle=turtle)
            spent[engine] += time.process_time() - t
        ref = reports[ENGINES[0]]
        same = same and all(r.conforms == ref.conforms and [v.__dict__ for v in r.violations] == [v.__dict__ for v in ref.violations]
                            for r in reports.values())
    return {"documents": len(graphs), "reports_equal": same,
            **{f"{e}_ms_per_doc": round(1000 * spent[e] / len(graphs), 1) for e in ENGINES}}


def rdflib_side(graph: str, cases_file: str, out_file: str, timeout: float) -> None:
    """In a child process: rdflib Dataset (default Memory store) from graph.trig; each query once."""
    from rdflib import Dataset

    texts = json.loads(Path(cases_file).read_text())
    t = time.perf_counter()
    ds = Dataset()
    ds.parse(graph, format="trig")
    load_s = time.perf_counter() - t

    def alarm(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, alarm)
    out = {"_load_s": load_s, "_triples": len(ds)}
    for case, text in texts.items():
        t = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            res = ds.query(text)
            names = [str(v) for v in res.vars]
            rows = [tuple("" if r[i] is None else str(r[i]) for i in range(len(names))) for r in res]
            signal.setitimer(signal.ITIMER_REAL, 0)
            out[case] = {"ms": (time.perf_counter() - t) * 1000, "rows": sorted(rows), "capped": False}
        except _Timeout:
            out[case] = {"ms": timeout * 1000, "rows": None, "capped": True}
        except Exception as exc:  # rdflib's engine fails on some valid queries: report, go on
            signal.setitimer(signal.ITIMER_REAL, 0)
            out[case] = {"ms": None, "rows": None, "capped": False, "error": f"{type(exc).__name__}: {exc}"[:200]}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        Path(out_file).write_text(json.dumps(out))  # partial results survive a crash
    Path(out_file).write_text(json.dumps(out))


def run_rdflib(graph: Path, texts: dict[str, str], timeout: float, work: Path) -> dict:
    cases_file, out_file = work / "rdflib-cases.json", work / "rdflib-out.json"
    cases_file.write_text(json.dumps(texts))
    cmd = [sys.executable, __file__, "--rdflib-side", str(graph), str(cases_file), str(out_file),
           "--rdflib-timeout", str(timeout)]
    wall, peak, proc = run_measured(cmd)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    data = json.loads(out_file.read_text()) if out_file.exists() else {}
    data["_peak_rss_mb"] = peak
    return data


# ------------------------------------------------------------------- server --


def _http_runner(endpoint: str):
    import urllib.parse
    import urllib.request

    def run(text):
        data = urllib.parse.urlencode({"query": text}).encode()
        req = urllib.request.Request(endpoint, data=data,
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=600) as resp:
            res = json.loads(resp.read())
        names = res["head"]["vars"]
        return [tuple(b[n]["value"] if n in b else "" for n in names) for b in res["results"]["bindings"]]

    return run


def run_server(out: Path, texts: dict[str, str], repeat: int, budget_s: float) -> dict:
    from kgbuild.queries import load_store
    from kgbuild.server import OxigraphServer, free_port, publish_store

    store = load_store(out)
    # Oxigraph's own endpoint over an in-memory store filled as `kgbuild publish` fills one, as every earlier
    # run measured it: `kgbuild serve DIR` serves the folder's on-disk store behind a Host-checking proxy
    # instead (run_folder measures that; bench/proxy_latency.py the proxy alone)
    with OxigraphServer(port=free_port(), writable=True, check_host=False) as server:
        t = time.perf_counter()
        published = publish_store(store, server.store_endpoint, timeout=600)
        publish_s = time.perf_counter() - t
        timed = time_cases(_http_runner(server.query_endpoint), texts, repeat, budget_s, cpu=False)
    return {"publish_s": round(publish_s, 2), "graphs": published.graphs, "triples": published.triples,
            "queries": timed}


def run_folder(out: Path, texts: dict[str, str], repeat: int, budget_s: float, say) -> dict:
    """The cases as users run them on a build folder: `kgbuild query --graph DIR` (the folder's on-disk
    store, loaded from graph.trig on the first query and compacted, then opened read-only) and `kgbuild
    serve DIR` (a read-only Oxigraph server over such a store, staged as the command stages it, behind the
    Host-checking proxy). The in-memory phases above measure the engine; these, what a user waits for."""
    import shutil

    from kgbuild.queries import load_store
    from kgbuild.server import OxigraphServer, free_port, stage_store
    from kgbuild.store import STORE, build_store

    shutil.rmtree(out / STORE, ignore_errors=True)
    t = time.perf_counter()
    build_store(out)
    load_s = time.perf_counter() - t
    say(f"folder store loaded and compacted in {load_s:.1f} s")
    store = load_store(out)
    local = time_cases(ox_runner(store), texts, repeat, budget_s)
    del store
    staged = out.parent / "served-store"
    shutil.rmtree(staged, ignore_errors=True)
    try:
        t = time.perf_counter()
        stage_store(out, staged)
        stage_s = time.perf_counter() - t
        with OxigraphServer(port=free_port(), location=staged) as server:
            served = time_cases(_http_runner(server.query_endpoint), texts, repeat, budget_s, cpu=False)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return {"load_s": round(load_s, 2), "stage_s": round(stage_s, 2), "local": local, "server": served,
            "store_mb": round(sum(f.stat().st_size for f in (out / STORE).iterdir()) / 2**20, 1)}


# --------------------------------------------------------------------- main --


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kgbuild benchmark")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=0, help="0: one per core")
    ap.add_argument("--json", action="store_true", help="print only the JSON line on stdout")
    ap.add_argument("--work", type=Path, help="work folder (default: a temp folder, removed)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds of repeated runs per query case")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0)
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--no-server", action="store_true")
    ap.add_argument("--no-folder", action="store_true",
                    help="leave out the cases on the build folder's on-disk store (`kgbuild query`, `kgbuild serve`)")
    ap.add_argument("--engine", default="shacl", choices=ENGINE_OPTIONS,
                    help="the build's validation: plain pyshacl (rdflib), pyshacl with --shacl-sparql oxigraph, "
                         "or --shacl-engine turbo or shacl")
    ap.add_argument("--validation-sample", type=int, default=40,
                    help="documents validated every way (plain pyshacl, oxigraph, turbo) to compare time and reports")
    ap.add_argument("--reuse", action="store_true",
                    help="with --work: reuse the documents, build and build measurements of an earlier run there")
    ap.add_argument("--parallel", action="store_true",
                    help="run the rdflib comparison while the server phase runs (2 cores: one each)")
    ap.add_argument("--skip", action="append", metavar="CASE", help="leave out a query case (repeatable)")
    ap.add_argument("--build-only", action="store_true", help="stop after the build (with --work, then --reuse)")
    ap.add_argument("--rerun", action="store_true",
                    help="also time a build that writes the cache, re-runs with one document changed (a sentence, "
                         "then its date) and compare them byte for byte with a build without the cache")
    ap.add_argument("--scale-from", type=int, metavar="N",
                    help="also build N documents (same seed) and compare documents per second")
    ap.add_argument("--rdflib-side", nargs=3, metavar=("GRAPH", "CASES", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.rdflib_side:
        rdflib_side(*a.rdflib_side, timeout=a.rdflib_timeout)
        return 0

    import shutil

    from generate import generate

    def say(msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    workers = a.workers or (os.cpu_count() or 1)
    work = a.work or Path(tempfile.mkdtemp(prefix="kgbench-"))
    work.mkdir(parents=True, exist_ok=True)
    docs, out = work / "docs", work / "out"
    try:
        measured = work / "build-measure.json"
        if a.reuse and measured.exists():
            m = json.loads(measured.read_text())
            gen_s, build_s, peak_mb = m["generate_s"], m["build_s"], m["peak_rss_mb"]
            a.engine = m.get("shacl_engine", m.get("shacl_sparql", "rdflib"))
            say(f"reusing the build in {out} ({build_s:.1f} s measured earlier)")
        else:
            shutil.rmtree(docs, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            measured.unlink(missing_ok=True)
            t = time.perf_counter()
            generate(a.docs, docs, a.seed)
            gen_s = time.perf_counter() - t
            say(f"generated {a.docs} documents in {gen_s:.1f} s; building with {workers} workers")
            cmd = [sys.executable, "-c", "from kgbuild.cli import main; main()", "build", str(docs), "--out", str(out),
                   "-j", str(workers), "--no-cache", *ENGINE_OPTIONS[a.engine]]
            build_s, peak_mb, proc = run_measured(cmd)
            if proc.returncode not in (0,):
                say(f"build exit {proc.returncode}: {proc.stderr[-1000:]}")
            measured.write_text(json.dumps({"generate_s": gen_s, "build_s": build_s, "peak_rss_mb": peak_mb,
                                            "shacl_engine": a.engine}))
        summary = json.loads((out / "build.json").read_text())
        stats = json.loads((out / ".cache" / "last-build.json").read_text())
        say(f"built in {build_s:.1f} s: {summary['triples']} triples, peak RSS {peak_mb:.0f} MB")
        extra: dict = {}
        if a.rerun:
            extra["rerun"] = measure_rerun(docs, work, workers, ENGINE_OPTIONS[a.engine], say)
        if a.scale_from:
            extra["scaling"] = measure_scaling(a.scale_from, a.seed, work, workers, ENGINE_OPTIONS[a.engine],
                                               summary["documents"] / build_s, say)
        if a.build_only:
            print(json.dumps({"docs": summary["documents"], "triples": summary["triples"], "build_s": round(build_s, 2),
                              "docs_per_s": round(summary["documents"] / build_s, 1),
                              "peak_rss_mb": round(peak_mb, 1), "ms_per_doc": stats["ms_per_doc"],
                              "ms_per_doc_total_cpu": round(sum(stats["ms_per_doc"].values()), 2), **extra}))
            return 0

        say(f"validating {a.validation_sample} documents every way (plain pyshacl, --shacl-sparql oxigraph, turbo)")
        validation_compare = compare_validation(docs, a.validation_sample) if a.validation_sample else None
        say(f"validation compared: {validation_compare}")

        import pyoxigraph as ox

        t = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
        load_s = time.perf_counter() - t
        found = discover(store)
        case_list = [c for c in cases(found) if c[0] not in set(a.skip or [])]
        texts = {c: query_text(q, p) for c, q, p, _k in case_list}
        from kgbuild.queries import get_query

        LIST_SEPARATORS.update(sep for _c, q, _p, _k in case_list for sep in get_query(q).lists.values())
        kinds = {c: k for c, _q, _p, k in case_list}
        say(f"loaded into pyoxigraph in {load_s:.1f} s; {len(texts)} query cases ({found})")
        timed = time_cases(ox_runner(store), texts, a.repeat, a.budget)
        del store

        rd: dict = {}
        rd_thread = None
        if not a.no_rdflib:
            say("rdflib: loading graph.trig into a Dataset (Memory store) and running each case once")

            def rdflib_phase():
                rd.update(run_rdflib(out / "graph.trig", texts, a.rdflib_timeout, work))
                say(f"rdflib done (loaded in {rd.get('_load_s', float('nan')):.1f} s)")

            rd_thread = threading.Thread(target=rdflib_phase)
            rd_thread.start()
            if not a.parallel:
                rd_thread.join()
        server = {}
        if not a.no_server:
            say("server: publishing to a local oxigraph server and running the cases through /query")
            srv = run_server(out, texts, a.repeat, a.budget)
            server = {"publish_s": srv["publish_s"], "graphs": srv["graphs"],
                      "queries": {c: {"p50_ms": v["p50_ms"], "rows": v["rows"],
                                      "rows_equal": v["_rows"] == timed[c]["_rows"]}
                                  for c, v in srv["queries"].items()}}
            say("server done")
        folder = {}
        if not a.no_folder:
            say("folder: the build folder's on-disk store, as `kgbuild query` and `kgbuild serve` open it")
            fo = run_folder(out, texts, a.repeat, a.budget, say)
            folder = {k: fo[k] for k in ("load_s", "stage_s", "store_mb")}
            folder["queries"] = {c: {"query_p50_ms": fo["local"][c]["p50_ms"], "serve_p50_ms": fo["server"][c]["p50_ms"],
                                     "rows_equal": fo["local"][c]["_rows"] == timed[c]["_rows"] == fo["server"][c]["_rows"]}
                                 for c in timed}
            say("folder done")
        if rd_thread is not None:
            rd_thread.join()
        queries = {}
        for case, r in timed.items():
            q = {"kind": kinds[case], "p50_ms": r["p50_ms"], "cpu_p50_ms": r.get("cpu_p50_ms"), "p95_ms": r["p95_ms"],
                 "rows": r["rows"], "runs": r["runs"]}
            rr = rd.get(case)
            if rr and rr.get("error"):
                q["rdflib_error"] = rr["error"]
                rr = None
            if rr:
                q["rdflib_ms"] = round(rr["ms"], 1)
                q["rdflib_ratio"] = round(rr["ms"] / max(r["p50_ms"], 0.01), 1)
                q["rdflib_capped"] = rr["capped"]  # true: rdflib_ratio is a lower bound
                if not rr["capped"]:
                    rrows = _rows_key([tuple(x) for x in rr["rows"]])
                    q["rows_equal"] = rrows == r["_rows"]
                    if not q["rows_equal"]:
                        q["rows_diff"] = {"oxigraph_only": [list(x) for x in r["_rows"] if x not in set(rrows)][:2],
                                          "rdflib_only": [list(x) for x in rrows if x not in set(r["_rows"])][:2]}
                    q["rdflib_rows"] = len(rr["rows"])
            q["target_ms"] = 20 if kinds[case] == "selective" else 250
            sq = server.get("queries", {}).get(case)
            if sq:
                q["server_p50_ms"] = sq["p50_ms"]
                q["server_ratio"] = round(sq["p50_ms"] / max(r["p50_ms"], 0.01), 2)
                q["server_rows_equal"] = sq["rows_equal"]
            q["meets_target"] = (r["p50_ms"] < q["target_ms"] and (not rr or q["rdflib_ratio"] >= 20)
                                 and (not sq or (sq["p50_ms"] <= 2 * max(r["p50_ms"], 1.0) and sq["rows_equal"])))
            queries[case] = q

        ms = stats["ms_per_doc"]
        n_docs = summary["documents"]
        result = {
            "docs": n_docs,
            "triples": summary["triples"],
            "build_s": round(build_s, 2),
            "docs_per_s": round(n_docs / build_s, 1),
            "ms_per_doc": ms,  # CPU ms per document in the workers (write: main process), per stage
            "ms_per_doc_total_cpu": round(sum(ms.values()), 2),
            "ms_per_doc_wall": round(1000 * build_s / max(1, n_docs), 2),
            "floor_ms_per_doc": FLOOR_MS_PER_DOC,
            "validate_s": round(ms["validate"] * n_docs / 1000 / workers, 2),  # wall share: validation runs in the workers
            "validate_cpu_s": round(ms["validate"] * n_docs / 1000, 2),
            "peak_rss_mb": round(peak_mb, 1),
            "workers": workers,
            "shacl_engine": a.engine,
            "validation_compare": validation_compare,
            "conforms": summary["conforms"],
            "violations": summary["violations"],
            "generate_s": round(gen_s, 2),
            "oxigraph_load_s": round(load_s, 2),
            "rdflib_load_s": round(rd["_load_s"], 1) if "_load_s" in rd else None,
            "rdflib_peak_rss_mb": round(rd["_peak_rss_mb"], 1) if rd else None,
            **extra,
            "queries": queries,
            "server": server,
            "folder": folder,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        }
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if not a.json:
        for case, q in result["queries"].items():
            print(f"{case:32s} {q['kind']:9s} p50 {q['p50_ms']:9.2f} ms  rows {q['rows']:6d}  "
                  f"rdflib {q.get('rdflib_ms', float('nan')):10.1f} ms  x{q.get('rdflib_ratio', float('nan'))}")
    line = json.dumps(result, ensure_ascii=False)
    if a.work is not None:
        (a.work / "result.json").write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

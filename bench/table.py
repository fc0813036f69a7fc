"""Markdown tables from bench/run.py JSON lines (one file per run): python bench/table.py A.json B.json"""
from __future__ import annotations

import json
import sys


def fmt(x, digits=1):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def main(paths: list[str]) -> None:
    runs = [json.loads(open(p).read().strip().splitlines()[-1]) for p in paths]
    head = "| | " + " | ".join(f"N = {r['docs']:,}" for r in runs) + " |"
    print(head)
    print("|---|" + "---|" * len(runs))
    rows = [
        ("triples", lambda r: fmt(r["triples"])),
        ("build (s), workers", lambda r: f"{fmt(r['build_s'])} s, {r['workers']}"),
        ("documents per second", lambda r: fmt(r["docs_per_s"])),
        ("wall ms per document", lambda r: fmt(r["ms_per_doc_wall"])),
        ("CPU ms per document: read / extract / map / assemble / validate / write",
         lambda r: " / ".join(fmt(r["ms_per_doc"][k]) for k in ("read", "extract", "map", "assemble", "validate", "write"))),
        ("validation (s, wall share; CPU)", lambda r: f"{fmt(r['validate_s'])}; {fmt(r['validate_cpu_s'])}"),
        ("validation engine of the build (rdflib: plain pyshacl; oxigraph: pyshacl with Oxigraph's SPARQL; turbo: pyshacl-turbo)",
         lambda r: r.get("shacl_engine", r.get("shacl_sparql", "rdflib"))),
        ("validation sample, CPU ms per document: plain pyshacl / pyshacl with Oxigraph's SPARQL / pyshacl-turbo (reports equal)",
         lambda r: (lambda v: " / ".join(fmt(v.get(f"{e}_ms_per_doc")) for e in ("rdflib", "oxigraph", "turbo"))
                    + f" ({'yes' if v['reports_equal'] else 'NO'}, {v['documents']} documents)")(
             r["validation_compare"]) if r.get("validation_compare") else "–"),
        ("peak RSS of the build (MB, workers included)", lambda r: fmt(r["peak_rss_mb"], 0)),
        ("load into pyoxigraph (s)", lambda r: fmt(r["oxigraph_load_s"])),
        ("load into rdflib Memory (s)", lambda r: fmt(r.get("rdflib_load_s"))),
        ("publish to the Oxigraph server (s)", lambda r: fmt((r.get("server") or {}).get("publish_s"))),
    ]
    for label, f in rows:
        print(f"| {label} | " + " | ".join(f(r) for r in runs) + " |")
    print()
    print("| query case | kind | " + " | ".join(
        f"N={r['docs']:,}: p50 ms (p95) · rows · rdflib ms · ×rdflib · server p50 ms" for r in runs) + " |")
    print("|---|---|" + "---|" * len(runs))
    cases = list(runs[-1]["queries"])
    for c in cases:
        kind = runs[-1]["queries"][c]["kind"]
        cells = []
        for r in runs:
            q = r["queries"].get(c)
            if not q:
                cells.append("–")
                continue
            if "rdflib_error" in q:
                rd = "error"
                ratio = "–"
            else:
                rd = fmt(q.get("rdflib_ms"), 0)
                ratio = ("≥" if q.get("rdflib_capped") else "") + fmt(q.get("rdflib_ratio"), 0)
                if q.get("rows_equal") is False:
                    ratio += " (rows differ)"
            srv = ((r.get("server") or {}).get("queries") or {}).get(c, {}).get("p50_ms")
            cells.append(f"{fmt(q['p50_ms'], 2)} ({fmt(q['p95_ms'], 2)}) · {q['rows']} · {rd} · {ratio} · {fmt(srv, 2)}")
        print(f"| `{c}` | {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

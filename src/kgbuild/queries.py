"""Stored SPARQL queries: self-describing .rq files run by name, locally (pyoxigraph) or on an endpoint.

Header lines start with `#+` and hold YAML (grlc style): summary, description, params (name, type,
default, description), example, and `lists` (column: separator) for columns made with GROUP_CONCAT, whose
order SPARQL leaves to the engine: the runners sort the items, so every store gives the same answer.
Parameters are turned into RDF terms and bound through a VALUES block built from those terms at the top of
the outer WHERE group; user text is never pasted into query text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from .resources import resource_dir

PARAM_TYPES = ("iri", "string", "literal", "integer", "date", "year", "lang")


class QueryError(ValueError):
    pass


@dataclass
class Param:
    name: str
    type: str = "string"
    default: Any = None
    description: str = ""
    required: bool = False


@dataclass
class StoredQuery:
    name: str
    path: Path
    text: str
    summary: str
    description: str = ""
    params: list[Param] = field(default_factory=list)
    example: str = ""
    lists: dict[str, str] = field(default_factory=dict)  # column -> separator of its GROUP_CONCAT


def queries_dir() -> Path:
    return resource_dir("queries", "*.rq")


def parse_header(text: str, path: Path) -> dict:
    lines = [line[2:] for line in text.splitlines() if line.startswith("#+")]
    try:
        data = yaml.safe_load("\n".join(line[1:] if line.startswith(" ") else line for line in lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{path}: bad #+ header ({exc})") from None
    if not isinstance(data, dict) or not data.get("summary"):
        raise QueryError(f"{path}: the #+ header needs a summary")
    return data


def load_query(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    h = parse_header(text, path)
    params = []
    for p in h.get("params") or []:
        if p.get("type", "string") not in PARAM_TYPES:
            raise QueryError(f"{path}: parameter {p.get('name')} has unknown type {p.get('type')}")
        params.append(Param(p["name"], p.get("type", "string"), p.get("default"), p.get("description", ""),
                            bool(p.get("required", False))))
    lists = h.get("lists") or {}
    if not isinstance(lists, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in lists.items()):
        raise QueryError(f"{path}: lists must map column names to their separators")
    return StoredQuery(path.stem, path, text, h["summary"], h.get("description", ""), params, h.get("example", ""),
                       lists)


def stored_queries() -> dict[str, StoredQuery]:
    return {p.stem: load_query(p) for p in sorted(queries_dir().glob("*.rq"))}


def get_query(name: str) -> StoredQuery:
    queries = stored_queries()
    if name not in queries:
        raise QueryError(f"no stored query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


# ------------------------------------------------------------- binding --


def to_term(value: str, ptype: str) -> ox.NamedNode | ox.Literal:
    """Turn a user's string into an RDF term of the declared type (validated, never pasted as text)."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if ptype == "iri":
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise QueryError(f"not an IRI: {value!r}")
        return ox.NamedNode(value)
    if ptype == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"not an integer: {value!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(xsd + "integer"))
    if ptype == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"not a date (YYYY-MM-DD): {value!r}")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(xsd + "date"))
    if ptype == "year":
        if not re.fullmatch(r"\d{4}", value.strip()):
            raise QueryError(f"not a year (YYYY): {value!r}")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(xsd + "integer"))
    return ox.Literal(value)  # string / literal / lang: a plain string literal


def bindings_for(q: StoredQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    known = {p.name: p for p in q.params}
    unknown = set(given) - set(known) - {"file"}
    if unknown:
        raise QueryError(f"query {q.name} has no parameter {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(sorted(known)) or 'none'}")
    out = {}
    for name, p in known.items():
        value = given.get(name, p.default)
        if value is None or value == "":
            if p.required:
                raise QueryError(f"query {q.name} needs --param {name}=... ({p.description or p.type})")
            continue
        out[name] = to_term(str(value), p.type)
    if "file" in given and "file" not in known:
        out["file"] = to_term(given["file"], "string")
    return out


BIND_MARK = re.compile(r"^([ \t]*)#@bind[ \t]*$", re.MULTILINE)


def bind(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Insert `VALUES (?a ?b) { (term term) }` at the start of the outer WHERE group.

    The terms are serialised by pyoxigraph (N-Triples syntax, escaped), so a hostile value can only ever
    be a literal or IRI, never query syntax."""
    if not bindings:
        return text
    names = sorted(bindings)
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(str(bindings[n]) for n in names) + ") }"
    m = re.search(r"\bWHERE\s*\{", _strip_comments(text), flags=re.IGNORECASE)
    if not m:
        raise QueryError("stored query has no WHERE { ... } to bind parameters in")
    text = text[: m.end()] + "\n  " + values + "\n" + text[m.end() :]
    # `#@bind` lines mark where the same VALUES also goes inside a group (a GRAPH block, a subquery), so
    # the engine starts from the bound terms instead of joining them after reading every graph; joining
    # one row of VALUES again with solutions that agree on it changes no answer
    return BIND_MARK.sub(lambda mark: mark.group(1) + values, text)


def _strip_comments(text: str) -> str:
    # keep offsets: blank out comments (outside IRIs/strings, as our stored queries are written)
    return re.sub(r"(?m)#.*$", lambda m: " " * len(m.group()), text)


# ---------------------------------------------------------------- running --


def load_store(path: str | Path) -> ox.Store:
    """The build's named graphs as an Oxigraph store: a build folder's on-disk store (store.py: loaded from
    DIR/graph.trig on the first query, opened at once after), or a .trig/.nq/.ttl/.nt file in memory."""
    from .store import StoreError, open_store

    try:
        return open_store(path)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


def term_text(term) -> str:
    """IRIs in full, literals in lexical form."""
    if term is None:
        return ""
    return term.value


def run_local(store: ox.Store, q: StoredQuery, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    text = bind(q.text, bindings_for(q, params or {}))
    solutions = store.query(text)
    variables = [v.value for v in solutions.variables]
    return sort_lists(q, [{v: term_text(s[v]) for v in variables} for s in solutions])


def run_remote(endpoint: str, q: StoredQuery, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    from urllib.error import URLError

    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    text = bind(q.text, bindings_for(q, params or {}))
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(text)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    try:
        data = sw.queryAndConvert()
    except (SPARQLWrapperException, URLError, OSError, ValueError) as exc:
        # URLError covers HTTPError; ValueError: an unusable URL or a reply that is not JSON
        raise QueryError(f"{endpoint}: query {q.name} failed ({getattr(exc, 'reason', None) or exc})") from None
    variables = data["head"]["vars"]
    return sort_lists(q, [{v: row[v]["value"] if v in row else "" for v in variables} for row in data["results"]["bindings"]])


def sort_lists(q: StoredQuery, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The items of the query's list columns (GROUP_CONCAT) in sorted order: SPARQL leaves their order to
    the engine (Oxigraph's in-memory and on-disk stores differ), the answer should not depend on it."""
    for column, sep in q.lists.items():
        for row in rows:
            if row.get(column):
                row[column] = sep.join(sorted(row[column].split(sep)))
    return rows


# ---------------------------------------------------------------- output --


def format_rows(rows: list[dict[str, str]], fmt: str, variables: list[str] | None = None) -> str:
    variables = variables or (list(rows[0]) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()
    raise QueryError(f"unknown format {fmt!r}")

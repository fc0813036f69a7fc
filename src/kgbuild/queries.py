"""Stored SPARQL queries: self-describing .rq files run by name, locally (pyoxigraph) or on an endpoint.

Header lines start with `#+` and hold YAML (grlc style): summary, description, params (name, type,
default, description), example, and `lists` (column: separator) for columns made with GROUP_CONCAT, whose
order SPARQL leaves to the engine: the runners sort the items, so every store gives the same answer.
Parameters are turned into RDF terms and bound through a VALUES block built from those terms at the top of
the outer WHERE group; user text is never pasted into query text.

`names` lists the columns that name things. A query with names is given the languages to name things in
the same way, as ?lang1 ?lang2 ?lang3 (translit.name_languages: the language asked for, the other of its
script, the rest), and looks each name up in them in that order; the runners then write every name that
is not in the script of the language asked for in it (translit.in_script_of), so that no answer mixes
scripts. The consolidated layer gives each of its nodes a name to show in every language, already in
its script (kg:displayName): a query of the layer reads that one, in ?lang1.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from .resources import resource_dir
from .translit import LANGS, in_script_of, name_languages

PARAM_TYPES = ("iri", "string", "literal", "integer", "date", "year", "lang")
DEFAULT_TIMEOUT = 60.0  # seconds to wait for a SPARQL endpoint's answer
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"


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
    names: list[str] = field(default_factory=list)  # the columns that name things


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
    names = h.get("names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise QueryError(f"{path}: names must list the columns that name things")
    return StoredQuery(path.stem, path, text, h["summary"], h.get("description", ""), params, h.get("example", ""),
                       lists, names)


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


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise QueryError(f"unknown --lang {lang!r} (choose from {', '.join(LANGS)})")
    return lang


def bindings_for(q: StoredQuery, given: dict[str, str], lang: str = "en") -> dict[str, ox.NamedNode | ox.Literal]:
    """The parameters' terms, and for a query that names things the languages to name them in, most
    wanted first (?lang1 ?lang2 ?lang3: plain literals of the language codes)."""
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
    if q.names:
        out.update((f"lang{i}", ox.Literal(code)) for i, code in enumerate(name_languages(check_lang(lang)), 1))
    return out


BIND_MARK = re.compile(r"^([ \t]*)#@bind[ \t]*$", re.MULTILINE)
# `#@bind_`: the same terms under names of the sub-SELECT's own, each with a trailing underscore (?file_,
# ?lang1_): rdflib's engine loses the rows of an OPTIONAL sub-SELECT whose VALUES binds a variable that the
# outside binds too
PRIVATE_MARK = re.compile(r"^([ \t]*)#@bind_[ \t]*$", re.MULTILINE)


def bind(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Insert `VALUES (?a ?b) { (term term) }` at the start of the outer WHERE group (and at each `#@bind`
    mark, and with each variable named with a trailing underscore at each `#@bind_` mark).

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
    text = BIND_MARK.sub(lambda mark: mark.group(1) + values, text)
    private = "VALUES (" + " ".join(f"?{n}_" for n in names) + ") { (" + " ".join(str(bindings[n]) for n in names) + ") }"
    return PRIVATE_MARK.sub(lambda mark: mark.group(1) + private, text)


def _strip_comments(text: str) -> str:
    # keep offsets: blank out comments (outside IRIs/strings, as our stored queries are written)
    return re.sub(r"(?m)#.*$", lambda m: " " * len(m.group()), text)


# ---------------------------------------------------------------- running --


def load_store(path: str | Path, location: str | Path | None = None) -> ox.Store:
    """The build's named graphs as an Oxigraph store: a build folder's on-disk store (store.py: loaded from
    DIR/graph.trig on the first query, opened at once after), a .trig/.nq/.ttl/.nt file in memory, or,
    given a new folder `location`, an on-disk store of its own there (a build folder's store copied,
    store.staged_store)."""
    from .store import StoreError, open_store, staged_store

    try:
        return open_store(path) if location is None else staged_store(path, location)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


class Rows(list):
    """The rows of an answer (column -> text; IRIs in full, literals in lexical form, "" when unbound) that
    also know their columns, in the query's order, and what each value was: a literal's datatype IRI, ""
    for an IRI or blank node, None when unbound."""

    def __init__(self, variables: list[str], rows: list[dict[str, str]], kinds: list[dict[str, str | None]]):
        super().__init__(rows)
        self.variables = variables
        self.kinds = kinds


def term_text(term) -> str:
    """IRIs in full, literals in lexical form."""
    if term is None:
        return ""
    return term.value


def _kind(term) -> str | None:
    if term is None:
        return None
    return term.datatype.value if isinstance(term, ox.Literal) else ""


RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# a bare number or boolean in a SPARQL TSV cell (Turtle's short forms), by the datatype it stands for
_BARE = re.compile(r"(?P<boolean>true|false)|(?P<double>[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+)"
                   r"|(?P<decimal>[+-]?\d*\.\d+)|(?P<integer>[+-]?\d+)")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None
                       else _ESCAPED.get(m.group(3), m.group(3)), text)


def _tsv_term(cell: str) -> tuple[str, str | None]:
    """One cell of Oxigraph's SPARQL TSV answer as (text, kind), as term_text and _kind give them."""
    if not cell:
        return "", None  # unbound
    first = cell[0]
    if first == "<":
        return cell[1:-1], ""
    if first == '"':
        end = cell.rindex('"')  # a language tag or a datatype IRI holds no quote
        text, rest = _unescape(cell[1:end]), cell[end + 1:]
        if not rest:
            return text, XSD_STRING
        if rest[0] == "@":
            return text, RDF_LANG_STRING
        return text, rest[3:-1]  # ^^<datatype>
    if cell.startswith("_:"):
        return cell[2:], ""
    bare = _BARE.fullmatch(cell)
    if bare is None:
        raise QueryError(f"unexpected term in the store's answer: {cell!r}")
    return cell, XSD + bare.lastgroup


def select(store: ox.Store, text: str) -> tuple[list[str], list[list[tuple[str, str | None]]]]:
    """A SELECT query's variables and rows, each cell (text, kind) as term_text and _kind give them.

    The answer is read as SPARQL TSV written by Oxigraph itself: making a Python object per term costs
    more than the query on answers of thousands of rows (measured on the stored queries at 10,000
    documents: 15-25 % of a timeline's CPU, three quarters of a one-column answer's)."""
    lines = store.query(text).serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")
    variables = [v[1:] for v in lines[0].split("\t")] if lines[0] else []
    rows = [[_tsv_term(cell) for cell in line.split("\t")] for line in lines[1:] if line or len(variables) == 1]
    if len(variables) == 1 and rows and lines[-1] == "":
        rows.pop()  # the newline after the last row
    return variables, rows


def run_local(store: ox.Store, q: StoredQuery, params: dict[str, str] | None = None,
              lang: str | None = "en") -> Rows:
    """The query's rows on a store, its names in `lang` (None: as the graph gives them, looked up in
    English, Russian, Kazakh, none transliterated; the layer's names to show, in English)."""
    text = bind(q.text, bindings_for(q, params or {}, lang or "en"))
    variables, cells = select(store, text)
    rows = [{v: c[0] for v, c in zip(variables, row)} for row in cells]
    kinds = [{v: c[1] for v, c in zip(variables, row)} for row in cells]
    return Rows(variables, sort_lists(q, in_language(q, rows, lang)), kinds)


def run_remote(endpoint: str, q: StoredQuery, params: dict[str, str] | None = None,
               timeout: float = DEFAULT_TIMEOUT, lang: str | None = "en") -> Rows:
    """The stored query on a SPARQL 1.1 endpoint (the SPARQL protocol: an HTTP POST, JSON results), its
    names in `lang` as run_local gives them."""
    text = bind(q.text, bindings_for(q, params or {}, lang or "en"))
    variables, bindings = sparql_select(endpoint, text, timeout)
    rows, kinds = [], []
    for b in bindings:
        rows.append({v: b[v]["value"] if v in b else "" for v in variables})
        kinds.append({v: (b[v].get("datatype", XSD_STRING) if b[v]["type"] == "literal" else "") if v in b else None
                      for v in variables})
    return Rows(variables, sort_lists(q, in_language(q, rows, lang)), kinds)


def _reply_text(shown: str) -> str:
    """The endpoint's reply as SPARQLWrapper's error message shows it (a bytes repr), on one line."""
    import ast

    try:
        reply = ast.literal_eval(shown) if shown else b""
    except (ValueError, SyntaxError):
        reply = shown
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return " ".join(str(reply).split())[:200]


def sparql_select(endpoint: str, text: str, timeout: float = DEFAULT_TIMEOUT) -> tuple[list[str], list[dict]]:
    """Run a SELECT on an http(s) endpoint: its variables and bindings (SPARQL 1.1 JSON results), or a
    QueryError of one line naming the endpoint and what went wrong."""
    import socket
    import urllib.error
    import urllib.parse

    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QueryError(f"{endpoint}: not an http(s) URL of a SPARQL endpoint")
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(text)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setTimeout(max(1, int(round(timeout))) if timeout else None)
    try:
        response = sw.query().response  # the reply is read and checked here, whatever it claims to be
        body = response.read()
        ctype = response.headers.get_content_type()
    except SPARQLWrapperException as exc:  # 400, 401, 404, 414, 500: SPARQLWrapper's own error classes
        code = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                "EndPointInternalError": 500}.get(type(exc).__name__)
        detail = _reply_text(str(exc).partition("Response:")[2].strip())
        what = f"HTTP {code}" if code else type(exc).__name__
        raise QueryError(f"{endpoint}: {what}{': ' + detail if detail else ''}") from None
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        raise QueryError(f"{endpoint}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise QueryError(f"{endpoint}: no answer within {timeout:g} s (see --timeout)") from None
        raise QueryError(f"{endpoint}: cannot reach it ({exc.reason})") from None
    except (TimeoutError, socket.timeout):
        raise QueryError(f"{endpoint}: no answer within {timeout:g} s (see --timeout)") from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed reply
        raise QueryError(f"{endpoint}: the request failed ({exc})") from None
    try:
        data = json.loads(body)
    except ValueError:
        raise QueryError(f"{endpoint}: the answer is not SPARQL JSON results (got {ctype})") from None
    try:
        variables, bindings = data["head"]["vars"], data["results"]["bindings"]
        if not (all(isinstance(v, str) for v in variables) and isinstance(bindings, list)
                and all(isinstance(b, dict) and all(isinstance(t, dict) and isinstance(t.get("value"), str)
                                                    and t.get("type") for t in b.values()) for b in bindings)):
            raise TypeError
    except (KeyError, TypeError):
        raise QueryError(f"{endpoint}: the JSON answer is not SPARQL results (no head.vars and "
                         "results.bindings)") from None
    return variables, bindings


# a name column's value that is an address, not a name (a web site, a thing named by its IRI): kept as it is
ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S*|urn:\S*|[a-z0-9-]+(\.[a-z0-9-]+)+")


def in_language(q: StoredQuery, rows: list[dict[str, str]], lang: str | None) -> list[dict[str, str]]:
    """Every name of the query's name columns written in the script of `lang` (None: left as they are),
    transliterated where the graph had no name in that script."""
    if lang is None:
        return rows
    for column in q.names:
        for row in rows:
            value = row.get(column)
            if value and not ADDRESS.fullmatch(value):
                row[column] = in_script_of(value, lang)
    return rows


def sort_lists(q: StoredQuery, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The items of the query's list columns (GROUP_CONCAT) in sorted order: SPARQL leaves their order to
    the engine (Oxigraph's in-memory and on-disk stores differ), the answer should not depend on it."""
    for column, sep in q.lists.items():
        for row in rows:
            if row.get(column):
                row[column] = sep.join(sorted(row[column].split(sep)))
    return rows


# ---------------------------------------------------------------- output --

INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong",
                                   "unsignedInt", "unsignedShort", "unsignedByte")}
REAL_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def json_value(text: str, kind: str | None):
    """A value as JSON: null when unbound, numbers and booleans typed by their datatype, else the text."""
    if kind is None:
        return None
    try:
        if kind in INTEGER_TYPES:
            return int(text)
        if kind in REAL_TYPES:
            value = float(text)
            return value if math.isfinite(value) else text  # JSON has no NaN or infinity
    except ValueError:
        return text  # an ill-typed literal keeps its lexical form
    if kind == XSD + "boolean" and text in ("true", "false", "1", "0"):
        return text in ("true", "1")
    return text


def format_rows(rows: list[dict[str, str]], fmt: str, variables: list[str] | None = None) -> str:
    """Rows as CSV (a header row even when there are no rows) or JSON (a list of objects, typed by
    json_value when the rows are Rows)."""
    variables = variables or getattr(rows, "variables", None) or (list(rows[0]) if rows else [])
    if fmt == "json":
        kinds = getattr(rows, "kinds", None)
        if kinds is not None:
            rows = [{v: json_value(row[v], kind[v]) for v in variables} for row, kind in zip(rows, kinds)]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()
    raise QueryError(f"unknown format {fmt!r}")

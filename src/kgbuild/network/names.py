"""Display names: one short name per thing, in the language a reader chose and in one script per picture.

A name book holds every name each thing has, by language: its full names (schema:name, rdfs:label) and
its short forms (skos:altLabel in the graph, and the gazetteer's aliases). A display name is the full name
when it is short; else an acronym or short form ("UNRCCA"); else the full name with the long names it
contains replaced by their acronyms ("UNRCCA Programme of Action 2009–2011"); else the full name cut at a
word, keeping a closing "(...)". Names that would come out the same are told apart.

The book is read from the graph (queries/network/names.rq) and completed from the gazetteer, so names that
a later stage writes into the graph (canonical nodes with their labels and short forms) are used as they
come.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Mapping

import pyoxigraph as ox

from ..gazetteer import load_gazetteer
from ..queries import load_query, queries_dir
from ..translit import CYRILLIC, LANGS, SAME_SCRIPT, SCRIPT, script_of
from ..vocab import ID

LIMIT = 36  # characters: longer full names are shortened
ACRONYM = re.compile(r"^[^\W\d_][\w.+&-]{1,11}$")


@dataclass
class NameBook:
    """Every known name of each thing (by IRI), by language: full names first-choice first, short forms."""
    full: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    short: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def add(self, node: str, lang: str, name: str, short: bool = False) -> None:
        names = (self.short if short else self.full)[node][lang]
        if name and name not in names:
            names.append(name)

    def languages(self, node: str) -> list[str]:
        return [lang for lang in (*LANGS, *sorted(self.full.get(node, {}))) if self.full.get(node, {}).get(lang)]


def in_script(text: str, script: str) -> bool:
    return script_of(text) in (script, None)


def latin(text: str) -> str:
    """Cyrillic letters (Kazakh and Russian) written in Latin, keeping case: Ерлан Қарин -> Erlan Karin."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in CYRILLIC:
            t = CYRILLIC[low]
            out.append(t[:1].upper() + t[1:] if ch != low else t)
        else:
            out.append(ch)
    return "".join(out)


# ------------------------------------------------------------------ reading --


@cache
def _names_query() -> str:
    return load_query(queries_dir() / "network" / "names.rq").text


def gazetteer_book(book: NameBook | None = None) -> NameBook:
    """The gazetteer's labels (full names) and aliases (short forms) of every entity, added to `book`."""
    book = book or NameBook()
    for e in load_gazetteer().entities.values():
        node = ID + e.id
        for lang, label in sorted(e.labels.items()):
            book.add(node, lang, label)
        for lang, aliases in sorted(e.aliases.items()):
            for alias in aliases:
                book.add(node, lang, alias, short=True)
    return book


def read_names(store: ox.Store) -> NameBook:
    """The names the graph gives (schema:name before rdfs:label; skos:altLabel as short forms), then the
    gazetteer's for the things it knows."""
    rows: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    short = NameBook()
    for s in store.query(_names_query()):
        name, kind = s["name"], s["kind"].value
        lang = (name.language or "").split("-")[0]
        if kind == "alt":
            short.add(s["node"].value, lang, name.value, short=True)
        else:
            rows[(s["node"].value, lang)].append((0 if kind == "name" else 1, name.value))
    book = NameBook()
    for (node, lang), names in sorted(rows.items()):
        for _, name in sorted(names, key=lambda r: (r[0], len(r[1]), r[1])):
            book.add(node, lang, name)
    for node, langs in short.short.items():
        for lang, names in langs.items():
            for name in names:
                book.add(node, lang, name, short=True)
    return gazetteer_book(book)


# ----------------------------------------------------------------- choosing --


def _acronyms(book: NameBook, langs: Iterable[str], script: str) -> list[tuple[str, str]]:
    """(long name, its acronym) of every thing that has both in these languages, longest first."""
    pairs = []
    for node, by_lang in book.short.items():
        for lang in langs:
            acronym = _acronym(by_lang.get(lang, []), script)
            if acronym:
                pairs += [(full, acronym) for full in book.full.get(node, {}).get(lang, []) if len(full) > 2 * len(acronym)]
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p))


def _acronym(forms: Iterable[str], script: str) -> str | None:
    found = [f for f in forms if ACRONYM.match(f) and sum(ch.isupper() for ch in f) >= 2 and in_script(f, script)]
    return min(found, key=lambda f: (len(f), f)) if found else None


def shorten(full: str, short_forms: Iterable[str], script: str,
            acronyms: list[tuple[str, str]] = (), limit: int = LIMIT) -> str:
    """The display form of one name (see the module's docstring)."""
    full = " ".join(full.split())
    if len(full) <= limit:
        return full
    short_forms = [" ".join(f.split()) for f in short_forms if in_script(f, script)]
    acronym = _acronym(short_forms, script)
    if acronym:
        return acronym
    text = full
    for long_name, acr in acronyms:  # whole words only: "Central Asia" is not the start of "Central Asian"
        if long_name in text:
            text = re.sub(rf"(?<!\w){re.escape(long_name)}(?!\w)", lambda _: acr, text)
    if len(text) <= limit:
        return text
    fitting = [f for f in short_forms if len(f) <= limit and len(f.split()) > 1]
    if fitting:
        return min(fitting, key=lambda f: (-len(f), f))  # the fullest short form that fits
    tail = ""
    m = re.search(r"\s*\([^()]{1,24}\)$", text)
    if m:
        text, tail = text[: m.start()], " " + m.group().strip()
    room = max(12, limit + (10 if tail else 0) - len(tail) - 1)  # a closing "(place, date)" may take 10 more
    cut = text[:room].rsplit(" ", 1)[0] if " " in text[:room] else text[:room]
    return cut.rstrip(" ,;:–-") + "…" + tail


@dataclass(frozen=True)
class DisplayNames:
    names: dict[str, str]  # IRI -> display name
    script: str  # the one script every name is written in
    lang: str  # the language asked for
    transliterated: bool = False  # True: some thing had no name in the language's script, all are in Latin


def display_names(nodes: Iterable[str], lang: str, book: NameBook, fallback: Mapping[str, str] | None = None,
                  distinguish: Mapping[str, str] | None = None, limit: int = LIMIT,
                  latin_only: bool = False) -> DisplayNames:
    """Short names of `nodes` in `lang`, all in one script. A thing without a name in that language takes one
    in another language of the same script; when even that is missing (a Russian picture of a person named
    only in English), every name of the picture is given in Latin, transliterated where needed.
    `fallback` names a thing the book does not know; `distinguish` gives each thing a word (a date) that
    tells apart two things whose names come out the same, else a number in their IRIs' order does. `latin_only`
    gives every name in Latin from the start (the other parts of a picture whose script is Latin)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")
    nodes = list(dict.fromkeys(nodes))
    fallback = fallback or {}
    script = SCRIPT[lang]
    chosen = {} if latin_only else _choose(nodes, SAME_SCRIPT[lang], script, book, fallback, limit)
    transliterated = latin_only or any(v is None for v in chosen.values())
    if transliterated:
        script = "Latin"
        chosen = _choose(nodes, ("en",), script, book, fallback, limit, transliterate=True)
    return DisplayNames(_distinct(chosen, distinguish or {}), script, lang, transliterated)


def _choose(nodes, langs, script, book, fallback, limit, transliterate=False) -> dict[str, str | None]:
    acronyms = _acronyms(book, langs, script)
    out: dict[str, str | None] = {}
    for node in nodes:
        full = book.full.get(node, {})
        # the short forms of the first language (in the order asked) that has an acronym, else all of them
        by_lang = [book.short.get(node, {}).get(lang, []) for lang in langs]
        shorts = next((forms for forms in by_lang if _acronym(forms, script)), [s for forms in by_lang for s in forms])
        names = [n for lang in langs for n in full.get(lang, []) if in_script(n, script)]
        if not names and transliterate:  # another language's name, written in Latin
            names = [latin(n) for lang in book.languages(node) for n in full[lang]]
            shorts += [latin(s) for lang in ("ru", "kk") for s in book.short.get(node, {}).get(lang, [])]
        if not names and node in fallback:
            names = [latin(fallback[node]) if transliterate else fallback[node]]
            names = [n for n in names if in_script(n, script)]
        if not names and not full and node not in fallback:
            names = [node.rstrip("/").rsplit("/", 1)[-1]]  # nothing names it: its IRI's last segment
        out[node] = shorten(names[0], shorts, script, acronyms, limit) if names else None
    return out


def _distinct(chosen: dict[str, str], distinguish: Mapping[str, str]) -> dict[str, str]:
    by_name: dict[str, list[str]] = defaultdict(list)
    for node, name in chosen.items():
        by_name[name].append(node)
    out = dict(chosen)
    for name, nodes in by_name.items():
        if len(nodes) < 2:
            continue
        words = {n: distinguish.get(n) or "" for n in nodes}
        if "" in words.values() or len(set(words.values())) < len(nodes):
            # a number in their IRIs' order: any script's, and short (an IRI's last segment may be a hash)
            words = {n: str(i) for i, n in enumerate(sorted(nodes), 1)}
        for n in nodes:
            out[n] = f"{name} ({words[n]})"
    return out


def network_names(G, book: NameBook, lang: str = "en") -> DisplayNames:
    """Display names of a network's nodes: from the book, else the node's own label; two nodes whose names
    come out the same are told apart by the day they were first seen."""
    return display_names(G, lang, book, fallback={n: G.nodes[n].get("label", "") for n in G if G.nodes[n].get("label")},
                         distinguish={n: G.nodes[n].get("first_seen", "") for n in G})

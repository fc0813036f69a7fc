"""The consolidated layer's Turtle written subject block by subject block, byte for byte what
`output.triples_body` (Oxigraph's serialiser over the triples in layer_ntriples' order) writes for the
same triples, without a global list of facts, N-Triples text or parse.

That serialiser writes one block per subject, with no blank line between blocks:

    S P1 O1 , O2 ;
    <TAB>P2 O3 .

the predicates in the order given (rdf:type, as `a`, first, then by IRI), the objects of one predicate in
the order given (their N-Triples text), each term as its Turtle text with output.BODY_PREFIXES. Each term's
text is taken from Oxigraph itself (Terms.add renders the new ones in one call), so the escapes and short
forms (`12`, `true`, `schema:name`, `<…>`) are Oxigraph's own; only the layout above is written here.
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from ..output import BODY_PREFIXES
from .summary import RDF_TYPE, XSD, Fact, Term

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_SUBJECT, _PREDICATE = "urn:x-kgbuild:term:", "urn:x-kgbuild:p"


def nt_term(value: Term) -> str:
    """A term as N-Triples text (what orders a subject's objects); a plain string without its datatype,
    as Oxigraph writes one."""
    if isinstance(value, str):
        return f"<{value}>"
    lexical, datatype, language = value
    quoted = '"' + lexical.translate(_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    return quoted if datatype == XSD + "string" else f"{quoted}^^<{datatype}>"


_NAMESPACES = tuple(BODY_PREFIXES.values())


class Terms:
    """Each term's Turtle text as Oxigraph writes it in a body (output.triples_body), and its N-Triples
    text; filled by `add` in batches."""

    def __init__(self):
        self.turtle: dict[Term, str] = {}
        self.nt: dict[Term, str] = {}

    def add(self, terms: Iterable[Term]) -> None:
        """Render the terms not known yet. An IRI in no prefix's namespace is `<IRI>` (Oxigraph writes an
        IRI as it is); every other term goes, one triple each with a subject of its own, through Oxigraph's
        N-Triples parser and Turtle serialiser, in one call, and each line of the result (its literals never
        hold a line feed: Oxigraph escapes it) is `<subject> <predicate> TERM .`."""
        turtle, nts = self.turtle, self.nt
        new = []
        for t in set(terms):
            if t in turtle:
                continue
            if isinstance(t, str) and not t.startswith(_NAMESPACES):
                turtle[t] = nts[t] = f"<{t}>"
            else:
                new.append(t)
        if not new:
            return
        written = [nt_term(t) for t in new]
        text = "".join(f"<{_SUBJECT}{i}> <{_PREDICATE}> {nt} .\n" for i, nt in enumerate(written))
        out = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                           prefixes=BODY_PREFIXES).decode("utf-8")
        lines = [line for line in out.split("\n") if line and not line.startswith("@prefix ")]
        if len(lines) != len(new):
            raise RuntimeError(f"rendering {len(new)} terms as Turtle gave {len(lines)} lines")
        for i, (t, nt, line) in enumerate(zip(new, written, lines)):
            head = f"<{_SUBJECT}{i}> <{_PREDICATE}> "
            if not (line.startswith(head) and line.endswith(" .")):
                raise RuntimeError(f"unexpected Turtle for term {nt}: {line!r}")
            turtle[t] = line[len(head):-2]
            nts[t] = nt


Grouped = dict[str, dict[str, dict[Term, None]]]  # subject -> predicate -> objects (a dict: each once)


def grouped(facts: Iterable[Fact]) -> Grouped:
    """Facts by subject and predicate, each once however often given."""
    out: Grouped = {}
    for s, p, o in facts:
        out.setdefault(s, {}).setdefault(p, {})[o] = None
    return out


def count(by_subject: Grouped) -> int:
    """How many (distinct) facts."""
    return sum(len(objects) for predicates in by_subject.values() for objects in predicates.values())


def terms_of(by_subject: Grouped) -> set[Term]:
    """Every term of grouped facts (what Terms.add needs before they are written)."""
    out = set(by_subject)
    for predicates in by_subject.values():
        out.update(predicates)
        for objects in predicates.values():
            out.update(objects)
    return out


def subject_blocks(facts: Iterable[Fact] | Grouped, terms: Terms) -> list[tuple[str, str]]:
    """(subject IRI, its Turtle block) for each subject of `facts` (distinct triples, or grouped()), in
    any order; every term must be in `terms` (Terms.add)."""
    by_subject = facts if isinstance(facts, dict) else grouped(facts)
    turtle, nt = terms.turtle, terms.nt
    out = []
    for s, predicates in by_subject.items():
        parts = [turtle[s], " "]
        order = sorted(predicates)
        if RDF_TYPE in predicates:  # rdf:type (`a`) first, then the predicates by IRI
            order.remove(RDF_TYPE)
            order.insert(0, RDF_TYPE)
        for n, p in enumerate(order):
            if n:
                parts.append(" ;\n\t")
            parts.append("a " if p == RDF_TYPE else turtle[p] + " ")
            objects = predicates[p]
            if len(objects) > 1:
                objects = sorted(objects, key=nt.__getitem__)
            parts.append(" , ".join(map(turtle.__getitem__, objects)))
        parts.append(" .\n")
        out.append((s, "".join(parts)))
    return out


def sorted_blocks(blocks: list[tuple[str, str]]) -> list[str]:
    """The blocks' text sorted by subject (each subject has one block): the body, with a line feed after
    its last line."""
    blocks.sort(key=lambda b: b[0])
    for (a, _), (b, _) in zip(blocks, blocks[1:]):
        if a == b:
            raise RuntimeError(f"two blocks of the consolidated layer have the subject {a}")
    return [text for _s, text in blocks]


def join_blocks(blocks: list[tuple[str, str]]) -> str:
    """The body: the blocks sorted by subject, without the last line feed."""
    return "".join(sorted_blocks(blocks)).rstrip("\n")

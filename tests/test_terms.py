"""Plain terms (kgbuild.terms) and the Turtle written from them (output.turtle_lines): the bytes Oxigraph's
serialiser writes for the same triples, and the statement hashes rdflib's terms gave."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD as RDFLIB_XSD

from kgbuild.consolidate.summary import to_oxigraph as _ox
from kgbuild.output import triples_body, turtle_body, turtle_lines
from kgbuild.graph import TripleSet
from kgbuild.terms import (KG, RDF, SDO, WD, XSD, XSD_STRING, from_rdflib, integer, literal, n3, to_rdflib,
                           typed)
from kgbuild.vocab import DATA_NS

TEXTS = ["plain", 'quote " inside', "back \\ slash", "line\nfeed", "carriage\rreturn", "tab\tand\x08\x0c",
         "nul \x00 unit \x1f del \x7f", "next\x85line\u2028sep\u2029par", "Қазақстан — «тест»", "ends with quote\"",
         'triple """ quotes\n', "", " ", "'single'"]


def _triples() -> list[tuple]:
    ex = DATA_NS + "x/"
    objects = [literal(t) for t in TEXTS] + [literal(t, "kk") for t in TEXTS[:4]] + [
        literal("upper", "EN-GB"), typed("2025-12-01", XSD.date), typed("2025-13-45", XSD.date),
        typed("2025-08", XSD.gYearMonth), typed("2020", XSD.gYear), integer(15), integer(0), typed("+5", XSD.integer),
        typed("05", XSD.integer), typed("1.5", XSD.integer), typed("true", XSD.boolean), typed("1", XSD.boolean),
        typed("2.50", XSD.decimal), typed(".5", XSD.decimal), typed("1e3", XSD.double), typed("x", XSD.double),
        typed("a\nb", "http://example.org/dt#t"), ex + "o", ex + "o-1", ex + "o#char=1,5", WD.Q60, WD["Q1."],
        WD["a/b"], WD[""], SDO.Person, RDF.type, RDF["_1"], KG.Meeting, "http://example.org/other#x"]
    subjects = [ex + "a", ex + "a-b", ex + "a/b", ex + "ab", ex + "a#char=1,5", SDO.Person, WD.Q1]
    predicates = [RDF.type, SDO.name, KG.anchorOf, "http://example.org/p", WD["P31"]]
    rng = random.Random(5)
    return [(rng.choice(subjects), rng.choice(predicates), o) for o in objects for _ in range(3)]


def test_turtle_lines_are_the_bytes_oxigraphs_serialiser_writes():
    triples = _triples()
    want = triples_body([ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in set(triples)])
    for seed in range(3):
        order = list(dict.fromkeys(triples))
        random.Random(seed).shuffle(order)
        assert "\n".join(turtle_lines(order)) == want
    g = TripleSet(DATA_NS + "doc/x")
    for t in triples:
        g.add(t)
    assert turtle_body(g) == want
    # an rdflib graph of the same triples, but for those rdflib changes (it writes "+5" and "05" as 5)
    kept = TripleSet(g.identifier)
    for t in triples:
        if all(from_rdflib(to_rdflib(x)) == x for x in t):
            kept.add(t)
    assert 0 < len(kept) < len(g)
    assert turtle_body(kept.graph()) == turtle_body(kept) == triples_body(
        [ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in kept])


def test_plain_terms_round_trip_through_rdflib_and_hash_as_rdflibs_did():
    changed = set()
    for term in _triples():
        for x in term:
            if from_rdflib(to_rdflib(x)) != x:
                changed.add(x)
    # rdflib writes numbers and booleans in their canonical forms (the mappers make only those: integer, TRUE)
    assert changed == {typed("+5", XSD.integer), typed("05", XSD.integer), typed("1", XSD.boolean),
                       typed(".5", XSD.decimal), typed("1e3", XSD.double)}
    rdflib_terms = [Literal(t) for t in TEXTS if t] + [Literal(t, lang="ru") for t in TEXTS if t] + [
        Literal(15), Literal(True), Literal("2025-12-01", datatype=RDFLIB_XSD.date),
        Literal("2025-08", datatype=RDFLIB_XSD.gYearMonth), Literal(3, datatype=RDFLIB_XSD.integer), URIRef(DATA_NS + "meeting/x"), Literal('ends "', lang="en"),
        Literal('x\n"', lang="en"), Literal('a"""b\nc')]
    for term in rdflib_terms:
        assert n3(from_rdflib(term)) == term.n3(), term
    assert to_rdflib(literal("x")) == Literal("x") and to_rdflib(literal("x")).datatype is None
    assert literal("x") == ("x", XSD_STRING, "") and integer(7) == from_rdflib(Literal(7))


def test_a_closed_vocabulary_rejects_a_misspelt_term():
    assert KG.Meeting == "https://w3id.org/kgbuild/ontology#Meeting"
    with pytest.raises(AttributeError):
        KG.Meeeting
    with pytest.raises(TypeError):
        from_rdflib(__import__("rdflib").BNode())

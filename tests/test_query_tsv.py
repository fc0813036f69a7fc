"""queries.select reads Oxigraph's SPARQL TSV answer: every kind of term gives the text and kind that
reading the solutions term by term gives (the runners' old path, kept as queries.term_text / _kind)."""
import pyoxigraph as ox
import pytest

from kgbuild.queries import QueryError, _tsv_term, _kind, select, term_text

XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [
    '<http://example.org/a?q=1&b=%C3%A9#x>',
    '<http://example.org/Астана>',
    '"tab\\there\\nnew line \\"quoted\\" back\\\\slash é \\u0001 \\r end\\\\"',
    '"ends with a quote\\""@kk',
    '"x\\"@kk"@kk-Latn',
    '""',
    '"Алматы"@ru',
    '42', '-7', '1.5', '"1e3"^^<' + XSD + 'double>', 'true', 'false',
    '"2026-04"^^<' + XSD + 'gYearMonth>', '"2026-04-15"^^<' + XSD + 'date>',
    '".5"^^<' + XSD + 'decimal>', '"+3"^^<' + XSD + 'integer>',
]


@pytest.mark.parametrize("term", TERMS)
def test_each_term_reads_as_the_solutions_give_it(term):
    store = ox.Store()
    query = f"SELECT ?x ?y WHERE {{ VALUES (?x ?y) {{ ({term} UNDEF) }} }}"
    variables, rows = select(store, query)
    expected = [[(term_text(s[v]), _kind(s[v])) for v in ("x", "y")] for s in store.query(query)]
    assert variables == ["x", "y"]
    assert rows == expected


def test_one_column_with_unbound_rows_keeps_every_row():
    store = ox.Store()
    variables, rows = select(store, "SELECT ?x WHERE { VALUES ?x { UNDEF 1 UNDEF } }")
    assert variables == ["x"]
    assert rows == [[("", None)], [("1", XSD + "integer")], [("", None)]]


def test_no_rows():
    assert select(ox.Store(), "SELECT ?x ?y WHERE { FILTER (false) }") == (["x", "y"], [])


def test_a_blank_node_reads_as_its_label_with_no_datatype():
    variables, rows = select(ox.Store(), "SELECT ?b WHERE { BIND (BNODE() AS ?b) }")
    assert rows[0][0][1] == "" and rows[0][0][0]


def test_an_unknown_bare_cell_is_an_error_not_a_guess():
    with pytest.raises(QueryError):
        _tsv_term("notaterm")

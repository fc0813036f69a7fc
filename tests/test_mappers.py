"""Mappers on small documents written for the test: every entity they emit is labelled and conforms."""
from __future__ import annotations

from rdflib import RDFS, URIRef

from kgbuild.output import new_dataset
from kgbuild.pipeline import document_graph
from kgbuild.validate import validate_dataset


def test_the_press_service_of_an_organisation_found_by_pattern_is_labelled(tmp_path):
    p = tmp_path / "ps.txt"
    p.write_text(" date 2025-05-02 Talks in Vilnius\nThe ministers of Kazakhstan and Lithuania held talks in Vilnius "
                 "on 2 May 2025, the press service of the Ministry of Foreign Affairs of Lithuania reports.\n",
                 encoding="utf-8")
    g = document_graph(p)
    services = [s for s in set(g.subjects()) if isinstance(s, URIRef) and str(s).endswith("/press-service")]
    assert services, "no press service mapped"
    for s in services:
        labels = {lit.language: str(lit) for lit in g.objects(s, RDFS.label)}
        assert labels.get("en", "").startswith("Press service of the Ministry of Foreign Affairs of Lithuania"), labels
    ds = new_dataset()
    named = ds.graph(g.identifier)
    for t in g:
        named.add(t)
    assert validate_dataset(ds).conforms


def test_every_person_has_each_label_in_lower_case_as_sparql_lowercases_it_for_search():
    """skos:hiddenLabel holds each label of a person lower-cased by Python; official-meetings matches it
    against SPARQL's LCASE of the name given. On the seed and every corpus document, the keys are exactly
    Oxigraph's LCASE of the person's labels, and nothing but persons has them."""
    import pyoxigraph as ox
    from rdflib import RDF, SDO, SKOS

    from conftest import CORPUS, SEED

    paths = [SEED, *sorted(CORPUS.glob("*.txt"))]
    assert len(paths) > 30
    persons = 0
    for path in paths:
        g = document_graph(path)
        store = ox.Store()
        for s, p, o in g:
            if p == RDFS.label or (p == RDF.type and o == SDO.Person):
                obj = ox.Literal(str(o), language=o.language) if p == RDFS.label else ox.NamedNode(str(o))
                store.add(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), obj))
        expected: dict[str, set[str]] = {}
        for row in store.query("SELECT ?p (LCASE(STR(?l)) AS ?k) WHERE { ?p a <https://schema.org/Person> ; "
                               "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"):
            expected.setdefault(row["p"].value, set()).add(row["k"].value)
        got: dict[str, set[str]] = {}
        for s, o in g.subject_objects(SKOS.hiddenLabel):
            assert o.language is None and o.datatype is None, (path.name, s, o)
            got.setdefault(str(s), set()).add(str(o))
        assert got == expected, path.name
        persons += len(got)
    assert persons > 50

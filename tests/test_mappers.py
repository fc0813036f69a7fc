"""Mappers on small documents written for the test: every entity they emit is labelled and conforms."""
from __future__ import annotations

from rdflib import RDFS, URIRef

from kgbuild.build import document_graph
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
    from kgbuild.build import new_dataset

    ds = new_dataset()
    named = ds.graph(g.identifier)
    for t in g:
        named.add(t)
    assert validate_dataset(ds).conforms

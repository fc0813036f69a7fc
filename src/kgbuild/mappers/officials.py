"""Holdings ("position + name") -> org:Post (role + organisation or country) held by the person."""
from __future__ import annotations

from ..graph import DocGraph, iri
from ..facts import Extraction, Holding
from ..terms import ORG, RDF, RDFS, literal


def post_iri(h: Holding) -> str:
    role = (h.role or "role/unknown").split("/", 1)[1]
    aff = h.affiliation.replace("/", "-") if h.affiliation else "unaffiliated"
    return iri(f"post/{role}/{aff}")


def map_post(dg: DocGraph, h: Holding) -> str:
    post = post_iri(h)
    g = dg.g
    g.add((post, RDF.type, ORG.Post))
    if h.role:
        dg.add(post, ORG.role, dg.entity(h.role), h.evidence)
        role = dg.gaz.get(h.role)
        aff = dg.gaz.get(h.affiliation)
        if role is not None:
            for lang in ("en", "ru", "kk"):
                text = role.label(lang) + (f", {aff.label(lang)}" if aff is not None else "")
                g.add((post, RDFS.label, literal(text, lang)))
    if h.affiliation:
        dg.add(post, ORG.postIn, dg.entity(h.affiliation), h.evidence)
    dg.add(dg.entity(h.person), ORG.holds, post, h.evidence)
    return post


def map_officials(dg: DocGraph, ex: Extraction) -> None:
    for h in ex.holdings:
        map_post(dg, h)

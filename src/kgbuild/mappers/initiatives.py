"""Initiatives: name, kind, draft status, proposer, partners, purpose."""
from __future__ import annotations

from ..graph import DocGraph, iri, short_hash
from ..language import normalize_phrase
from ..facts import Extraction, InitiativeFact
from ..terms import KG, RDF, SDO, TRUE, literal
from .common import concept


def initiative_iri(i: InitiativeFact, lang: str) -> str:
    # the same wording (after normalisation) in two documents is one initiative
    return iri(f"initiative/{i.kind}-{short_hash(' '.join(normalize_phrase(i.name, lang)))}")


def map_initiatives(dg: DocGraph, ex: Extraction) -> None:
    lang = ex.doc.language
    for i in ex.initiatives:
        node = initiative_iri(i, lang)
        dg.g.add((node, RDF.type, KG.Initiative))
        dg.add(node, SDO.name, literal(i.name, lang), i.evidence)
        dg.label(node, i.name)
        dg.add(node, KG.initiativeKind, concept(dg, "initiative", i.kind), i.evidence)
        dg.mention(node, i.evidence.sentence, i.evidence.start, i.evidence.end)
        if i.draft:
            dg.add(node, KG.isDraft, TRUE, i.evidence)
        if i.proposer:
            dg.add(node, KG.proposedBy, dg.entity(i.proposer), i.proposer_evidence or i.evidence)
        for partner in i.partners:
            dg.add(node, KG.proposedWith, dg.entity(partner), i.evidence)
        if i.purpose:
            dg.add(node, KG.purpose, literal(i.purpose, lang), i.evidence)

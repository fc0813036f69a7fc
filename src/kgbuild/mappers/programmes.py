"""Programmes: owner, kind, period (OWL-Time interval with gYear bounds) and ranked priorities."""
from __future__ import annotations

from ..graph import DocGraph, iri
from ..facts import Extraction, ProgrammeFact
from ..terms import KG, RDF, RDFS, SDO, TIME, XSD, integer, literal, typed
from .common import concept, kind_label


def programme_iri(p: ProgrammeFact) -> str:
    owner = p.owner.replace("/", "-") + "/" if p.owner else ""
    return iri(f"programme/{owner}{p.kind}/{p.start}-{p.end}")


def map_programmes(dg: DocGraph, ex: Extraction) -> None:
    g = dg.g
    for p in ex.programmes:
        node = programme_iri(p)
        g.add((node, RDF.type, KG.Programme))
        owner = dg.gaz.get(p.owner)
        # an owner found by pattern ("Andijan region") is named as the text names it
        found = ex.person_names.get(p.owner)[0] if owner is None and p.owner in ex.person_names else None
        for lang in ("en", "ru", "kk"):
            name = f"{kind_label('programme', p.kind, lang)} {p.start}–{p.end}"
            label = owner.label(lang) if owner is not None else found
            if label:
                name = f"{label} {name}" if lang == "en" else f"{name} ({label})"
            g.add((node, SDO.name, literal(name, lang)))
        g.add((node, RDFS.label, literal(p.name, ex.doc.language)))
        dg.mention(node, p.evidence.sentence, p.evidence.start, p.evidence.end)
        dg.add(node, KG.programmeKind, concept(dg, "programme", p.kind), p.evidence)
        if p.owner:
            dg.add(node, KG.owner, dg.entity(p.owner), p.evidence)
        period = iri(f"interval/{p.start}-{p.end}")
        begin, end = iri(f"instant/{p.start}"), iri(f"instant/{p.end}")
        g.add((period, RDF.type, TIME.Interval))
        g.add((begin, RDF.type, TIME.Instant))
        g.add((end, RDF.type, TIME.Instant))
        g.add((begin, TIME.inXSDgYear, typed(str(p.start), XSD.gYear)))
        g.add((end, TIME.inXSDgYear, typed(str(p.end), XSD.gYear)))
        g.add((period, TIME.hasBeginning, begin))
        g.add((period, TIME.hasEnd, end))
        dg.add(node, KG.period, period, p.evidence)
        for rank, (text, ev) in enumerate(p.priorities, 1):
            pr = f"{node}/priority/{rank}"
            g.add((pr, RDF.type, KG.Priority))
            dg.add(node, KG.priority, pr, ev)
            dg.add(pr, KG.rank, integer(rank), ev)
            dg.add(pr, SDO.name, literal(text, ex.doc.language), ev)
            dg.mention(pr, ev.sentence, ev.start, ev.end)

"""Every entity mention -> the entity (typed, labelled) with gaf:denotedBy to the mention; press
services of named organisations; organisations' seats."""
from __future__ import annotations

from ..graph import TYPE_CLASSES, DocGraph
from ..terms import ORG, RDF, RDFS, SDO, literal
from ..facts import Evidence, Extraction
from ..translit import romanize

PRESS_SERVICE_NAMES = {"en": "Press service of the {}", "ru": "Пресс-служба: {}", "kk": "{}: баспасөз қызметі"}


def map_entities(dg: DocGraph, ex: Extraction) -> None:
    for m in ex.mentions:
        node = dg.entity(m.entity)
        if m.name:  # an entity found by pattern, not in the gazetteer
            for cls in TYPE_CLASSES[m.type]:
                dg.g.add((node, RDF.type, cls))
            # one label per language (shapes: sh:uniqueLang): the gazetteer's, else the first form the text gives
            if not _labelled(dg, node, dg.doc.language):
                dg.label(node, m.name)
            if m.type == "Person" and romanize(m.name) != m.name and not _labelled(dg, node, "en"):
                dg.label(node, romanize(m.name), "en")  # the canonical Latin form English texts are matched by
            if m.parent:
                dg.add(node, ORG.subOrganizationOf, dg.entity(m.parent), Evidence(m.sentence, m.start, m.end))
        dg.mention(node, m.sentence, m.start, m.end)
    for parent, ev in ex.press_services:
        press_service(dg, parent, ev)
    for org, city, ev in ex.seats:
        dg.add(dg.entity(org), SDO.location, dg.entity(city), ev)


def _labelled(dg: DocGraph, node, lang: str) -> bool:
    return any(label[2] == lang for label in dg.g.objects(node, RDFS.label) if not isinstance(label, str))


def press_service(dg: DocGraph, parent: str, ev: Evidence):
    """The press service of a named organisation: an organisational unit of it."""
    node = dg.entity(parent + "/press-service")
    g = dg.g
    g.add((node, RDF.type, SDO.Organization))
    g.add((node, RDF.type, ORG.OrganizationalUnit))
    dg.add(node, ORG.unitOf, dg.entity(parent), ev)
    p = dg.gaz.get(parent)
    if p is not None:
        for lang, pattern in PRESS_SERVICE_NAMES.items():
            g.add((node, RDFS.label, literal(pattern.format(p.label(lang)), lang)))
    else:  # an organisation found by pattern: named as the document names it (the entities mapper ran first)
        for label in sorted(g.objects(dg.entity(parent), RDFS.label)):
            text, _datatype, lang = label
            if lang in PRESS_SERVICE_NAMES:
                g.add((node, RDFS.label, literal(PRESS_SERVICE_NAMES[lang].format(text), lang)))
    dg.mention(node, ev.sentence, ev.start, ev.end)
    return node

"""Meetings: kind, series, ordinal, date, place, host country, supporters, reporters, topics, and the
participations of persons (with the post held at the time) and groups."""
from __future__ import annotations

from ..graph import DocGraph, iri, short_hash
from ..datafiles import patterns
from ..facts import Extraction, Group, MeetingFact
from ..terms import KG, RDF, RDFS, SDO, SKOS, XSD, integer, literal, typed
from .common import concept, kind_label, ordinal_en, topic
from .entities import press_service
from .officials import map_post

SERIES = {s["id"]: s for s in patterns("series")}


def series_node(dg: DocGraph, key: str) -> str:
    """A meeting series (data/patterns/series.yaml): its IRI, typed and named in every language it has."""
    s = iri("series/" + key)
    dg.g.add((s, RDF.type, KG.MeetingSeries))
    for lang, text in sorted(SERIES[key]["labels"].items()):
        dg.g.add((s, SKOS.prefLabel, literal(text, lang)))
    return s


def meeting_iri(m: MeetingFact) -> str:
    return iri("meeting/" + m.local)


def meeting_names(dg: DocGraph, m: MeetingFact) -> dict[str, str]:
    """Names in en/ru/kk built from the series or kind, the ordinal, place and date."""
    names = {}
    for lang in ("en", "ru", "kk"):
        if m.series:
            base = SERIES[m.series]["labels"][lang]
        else:
            base = kind_label("meeting", m.kind, lang)
        if m.ordinal:
            num = ordinal_en(m.ordinal) if lang == "en" else f"{m.ordinal}-{'я' if lang == 'ru' else 'ші'}"
            base = f"{num} {base}"
        extras = []
        if not m.series or not m.ordinal:
            place = dg.gaz.get(m.place)
            if place is not None:
                extras.append(place.label(lang))
            if m.date:
                extras.append(m.date.iso())
        names[lang] = base + (f" ({', '.join(extras)})" if extras else "")
    if m.proper and not m.series:
        names[dg.doc.language] = m.proper  # the name the text gives it, in its language
    return names


def map_group(dg: DocGraph, grp: Group) -> str:
    node = iri("group/" + grp.key)
    dg.g.add((node, RDF.type, KG.Group))
    dg.label(node, grp.label)
    dg.add(node, SKOS.related, concept(dg, "group", grp.kind), grp.evidence)
    if grp.of:
        dg.add(node, SDO.memberOf, dg.entity(grp.of), grp.evidence)
    dg.mention(node, grp.evidence.sentence, grp.evidence.start, grp.evidence.end)
    return node


def map_meetings(dg: DocGraph, ex: Extraction) -> None:
    groups = {g.key: g for g in ex.groups}
    g = dg.g
    for m in ex.meetings:
        node = meeting_iri(m)
        g.add((node, RDF.type, KG.Meeting))
        for lang, name in meeting_names(dg, m).items():
            g.add((node, SDO.name, literal(name, lang)))
        first = m.evidence[0]
        dg.add(node, KG.meetingKind, concept(dg, "meeting", m.kind), first)
        for ev in m.evidence:
            dg.mention(node, ev.sentence, ev.start, ev.end)
        for text, ev in m.names[:1]:
            g.add((node, RDFS.label, literal(text, ex.doc.language)))
        if m.series:
            dg.add(node, KG.series, series_node(dg, m.series), first)
        if m.ordinal:
            dg.add(node, KG.ordinal, integer(m.ordinal), first)
        if m.date:
            # a month the text gives without a day stays a month; a date the text does not give for the
            # meeting (its document's) is marked inferred, its evidence the sentence reporting the meeting
            day = typed(m.date.iso(), XSD.gYearMonth if m.date.month_only else XSD.date)
            dg.add(node, SDO.startDate, day, m.date_evidence or first, inferred=m.date.inferred)
        if m.place:
            place = dg.entity(m.place)
            dg.add(node, SDO.location, place, m.place_evidence)
            city = dg.gaz.get(m.place)
            if city is not None and city.extra.get("country"):
                dg.add(node, KG.hostCountry, dg.entity(city.extra["country"]), m.place_evidence)
        for org, ev in m.supporters:
            dg.add(node, KG.supportedBy, dg.entity(org), ev)
        for org, ev in m.reporters:
            parent = org.rsplit("/press-service", 1)[0]
            dg.add(node, KG.reportedBy, press_service(dg, parent, ev), ev)
        for key, ev in m.topics:
            dg.add(node, KG.topic, topic(dg, key), ev)
        for p in m.participations:
            agent = map_group(dg, groups[p.agent]) if p.is_group else dg.entity(p.agent)
            part = iri(f"participation/{short_hash(node, agent)}")
            g.add((part, RDF.type, KG.Participation))
            dg.add(node, KG.participation, part, p.evidence)
            dg.add(part, KG.participant, agent, p.evidence)
            dg.add(node, SDO.attendee, agent, p.evidence)
            if p.holding is not None:
                dg.add(part, KG.heldPost, map_post(dg, p.holding), p.holding.evidence)
            if p.role_in_meeting:
                dg.add(part, KG.participantRole, concept(dg, "participant-role", p.role_in_meeting), p.evidence)

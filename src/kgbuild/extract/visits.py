"""Visits and ceremonies: the date and destination of a visit a release reports, its hosts' posts, and the
presentation of credentials; for extract/meetings.py, on its per-document state (`found`: the views, the
language's lexicon and the meetings found so far)."""
from __future__ import annotations

from dataclasses import replace

from ..facts import Evidence, FactDate, Holding, MeetingFact, Participation
from ..gazetteer import load_gazetteer
from .common import SentenceView, evidence, in_quotes, is_possessor, sentence_evidence
from .dates import dateline, dateline_city, find_dates, in_dateline
from .heads import place_near


def credentials(found, held_by: dict[str, Holding]) -> None:
    """The presentation of credentials ("X received credentials from the ambassadors A, B", "послы вручили
    верительные грамоты", "сенім грамотасын табыстады"): one ceremony with the receiver and every
    presenting ambassador, however many sentences name them; its date and place may come from the
    sentence after that names the ceremony ("the ceremony took place on 16 December in Washington")."""
    doc, lex, views = found.doc, found.lex, found.views
    named = [v for v in views if v.has("credential_cues") and v.sentence.kind == "body"]
    if not named or any(v.tokens[t].key in lex.credential_copies for v in named for c in v.cues["credential_cues"]
                        for t in range(max(0, c.start - 3), c.start)):
        return  # "вручил копии своих верительных грамот": handed at a meeting, no ceremony
    first = views.index(named[0])
    after = [w for w in views[first + 1 : first + 2] if w.has("ceremony_cues") and not w.meeting_heads]
    fact = MeetingFact(local=f"{doc.doc_id}/{named[0].sentence.start}", kind="reception", held=True)
    for v in named + after:
        found.claimed.add(v.sentence.index)
        found.of_sentence[v.sentence.index] = fact
        fact.evidence.append(sentence_evidence(v))
        dates = [(t, d) for t, d in find_dates(doc, v, lex) if not in_dateline(v, t)]
        if dates and fact.date is None:
            fact.date, fact.date_evidence = dates[0][1], sentence_evidence(v)
        place = place_near(doc, v, lex, 0)
        if place is not None and fact.place is None:
            fact.place, fact.place_evidence = place.entity, evidence(v, place.t0, place.t1)
        for m in v.mentions:
            if m.type == "Person" and not is_possessor(doc, v, m) and m.entity not in {p.agent for p in fact.participations}:
                fact.participations.append(Participation(m.entity, None, held_by.get(m.entity), evidence(v, m.t0, m.t1)))
    cue = named[0].cues["credential_cues"][0]
    fact.names.append((doc.text[named[0].tokens[cue.start].start : named[0].tokens[cue.end - 1].end], evidence(named[0], cue.start, cue.end)))
    if fact.date is None:
        fact.date = held_date(found)
    if fact.place is None and (city := dateline_city(views)) is not None:
        fact.place, fact.place_evidence = city
    # never the release's main meeting: the persons of its other sentences are not at the ceremony
    found.pairs.append(fact)


def visit_date(found, v: SentenceView, head: int | None = None) -> FactDate | None:
    """The date of the visit a sentence's meetings belong to: a date in this or an earlier body sentence
    that names a visit ("On April 11 ... will pay an official visit"); not a visit the quoted speech of the
    head's own sentence names ('"... his visit on 3 November", he said after the meeting')."""
    for w in reversed(found.views[: found.views.index(v) + 1]):
        if w.sentence.kind == "body" and w.has("visit_cues"):
            dates = [d for t, d in find_dates(found.doc, w, found.lex) if not in_dateline(w, t) and not (
                w is v and head is not None and in_quotes(found.doc, w, t) != in_quotes(found.doc, w, head))]
            if dates:
                return dates[0]
    return None


def dates_of_visit(found) -> None:
    """A meeting with no date of its own, named in or after a sentence that dates a visit ("Блинкеннің
    Қазақстанға сапары 28 ақпанға жоспарланған. ... Президент қабылдайды"): it is held during the visit."""
    for fact in found.meetings:
        if fact.date is not None or not fact.evidence:
            continue
        v = next(w for w in found.views if w.sentence.index == fact.evidence[0].sentence)
        head = next((t for t, tok in enumerate(v.tokens) if tok.start == fact.evidence[0].start), None)
        visit = visit_date(found, v, head)
        if visit is not None:
            fact.date, fact.date_evidence = visit, sentence_evidence(v)


def held_date(found) -> FactDate:
    """A meeting reported as held with no date of its own: the dateline's, else the document's (inferred,
    not stated: the text dates the release, not the meeting)."""
    opening = dateline(found.doc, found.views, found.lex)
    return FactDate.of(opening[0] if opening else found.doc.date, inferred=True)


def visit_destination(found, types: tuple[str, ...] = ("City",)) -> tuple[str, Evidence] | None:
    """The city (or country) a visit goes to, by its case before the visit or the arrival ("Ташкентке
    мемлекеттік сапармен барды", "Астанаға келді"): where the meetings of a release on the visit take place."""
    lex = found.lex
    if not lex.destination_endings:
        return None
    for v in found.views:
        cues = v.cues["visit_cues"] + v.cues["arrival_verbs"]
        for m in v.mentions:
            if m.type in types and v.tokens[m.t1 - 1].text.lower().endswith(lex.destination_endings) \
                    and any(0 <= c.start - m.t1 <= 3 for c in cues):
                return m.entity, evidence(v, m.t0, m.t1)
    return None


_NATIONAL_LEVELS = frozenset({"head-of-government", "minister", "deputy-minister"})


def hosts_of_visit(found) -> None:
    """A visit's hosts: a participant whose ministerial post the text gives with no country ("Сыртқы істер
    министрі орынбасары ... күтіп алды" after "Астанаға келді") holds it in the country the visit goes to."""
    gaz = load_gazetteer()
    where = visit_destination(found, ("City", "Country"))
    if where is None:
        return
    place = gaz.get(where[0])
    country = where[0] if place is not None and place.type == "Country" else place.extra.get("country") if place else None
    if country is None:
        return
    for fact in found.meetings + found.pairs:
        for i, p in enumerate(fact.participations):
            h = p.holding
            role = gaz.get(h.role) if h is not None and h.role else None
            if h is not None and h.affiliation is None and role is not None and role.extra.get("level") in _NATIONAL_LEVELS:
                fact.participations[i] = replace(p, holding=replace(h, affiliation=country))

"""Meetings: their kind, series, ordinal, date and place, named by a head noun ("the 12th annual meeting")
or by a reception verb ("X received Y"); one meeting however often a document names it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..facts import Evidence, FactDate, Group, Holding, InitiativeFact, MeetingFact, Mention, Participation
from ..matcher import Match
from .common import SentenceView, adjacent, evidence, in_quotes, sentence_evidence
from .counterparts import find_encounters
from .dates import dateline, dateline_city, find_dates, in_dateline, is_lead
from .heads import (GENERIC_KINDS, REMOTE_KINDS, head_window, named_by_modifier, nearest, ordinal_of, place_near,
                    plural_name, proper_name, series_of)
from .keys import meeting_keys
from .lexicon import Lexicon
from .participants import attach_participants, posts_held
from .visits import credentials, dates_of_visit, held_date, hosts_of_visit, visit_date, visit_destination

# kinds named by common nouns ("a constructive dialogue"): a meeting only with an ordinal, series, date or capital
@dataclass
class _Meetings:
    """The meetings of one document as they are found, sentence by sentence."""

    doc: Document
    views: list[SentenceView]
    lex: Lexicon
    holdings: list[Holding] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    by_key: dict[str, MeetingFact] = field(default_factory=dict)
    main: MeetingFact | None = None  # the meeting the press release reports
    of_sentence: dict[int, MeetingFact] = field(default_factory=dict)  # the meeting a sentence speaks of
    of_head: dict[tuple[int, int], MeetingFact] = field(default_factory=dict)  # (sentence, head token) -> meeting
    pairs: list[MeetingFact] = field(default_factory=list)  # one per counterpart of a listing sentence
    claimed: set[int] = field(default_factory=set)  # sentences whose persons the pairs took
    recalled: list[MeetingFact] = field(default_factory=list)  # meetings named as earlier or later ones
    # (sentence, head token) of an event the pairs of a sentence took place in -> the pairs' subject and the pairs
    frames: dict[tuple[int, int], tuple[Mention | None, list[MeetingFact]]] = field(default_factory=dict)

    def add(self, fact: MeetingFact, key: str) -> None:
        self.by_key[key] = fact
        self.meetings.append(fact)

    def make_main(self, fact: MeetingFact) -> None:
        self.main = fact
        fact.main = True


@dataclass
class _Naming:
    """What a sentence says of the meeting one head noun names."""

    kind: str
    series: str | None
    ordinal: int | None
    date: FactDate | None
    place: Mention | None
    other: bool  # "the previous meeting", "next year's": not the one the sentence reports
    formatted: bool = False  # named with its format ("С5+1 форматындағы министрлік кездесу"): its own kind of event


def find_meetings(doc: Document, views: list[SentenceView], lex: Lexicon, holdings: list[Holding],
                  initiatives: list[InitiativeFact], groups: list[Group]) -> list[MeetingFact]:
    found = _Meetings(doc, views, lex, holdings)
    held_by = posts_held(holdings)
    body = [m for w in views if w.sentence.kind == "body" for m in w.mentions if m.type == "Person"]
    credentials(found, held_by)
    for v in views:
        if v.sentence.index in found.claimed:
            continue  # a ceremony's sentence: its persons are the ceremony's
        # persons of the sentences before, once the release has a meeting: a new counterpart is another meeting
        # (the lead reports the title's meeting: it is never "another")
        earlier = {m.entity for w in views[: views.index(v)] for m in w.mentions if m.type == "Person"} \
            if found.main and v.sentence.kind == "body" and not is_lead(v, views) else set()
        taken = _pairs(found, v, body[0] if body else None, held_by, earlier)
        if not taken:
            _reception(found, v)
        for head in v.meeting_heads:
            if (head.start, head.end) not in taken:
                _meeting_of_head(found, v, head)
        if found.main is None and found.meetings:
            found.make_main(found.meetings[0])
    _date_and_place_of_main(found)
    dates_of_visit(found)
    _frames(found, held_by)
    _share_with_frames(found)
    attach_participants(doc, views, lex, found.main, found.of_sentence, found.of_head, holdings, initiatives, groups,
                        frozenset(found.claimed))
    hosts_of_visit(found)
    facts = found.meetings + found.pairs
    meeting_keys(doc, facts)  # named by what the text says of them, no longer by where
    return facts


def _pairs(found: _Meetings, v: SentenceView, protagonist: Mention | None, held_by: dict[str, Holding],
           named_before: set[str]) -> set[tuple[int, int]]:
    """One meeting per counterpart a sentence lists ("X held meetings with A, B and C"); the token spans of
    the cues it used."""
    doc, lex = found.doc, found.lex
    encounters = find_encounters(doc, v, lex, protagonist, named_before)
    if not encounters:
        return set()
    found.claimed.add(v.sentence.index)
    for e in encounters:
        c = e.counterpart
        # '"... the summit planned for November," he said after the meeting with Y': the quote's tense is not the meeting's
        future = any(in_quotes(doc, v, f.start) == in_quotes(doc, v, e.cue[0]) for f in v.cues["future_cues"])
        fact = MeetingFact(local=f"{doc.doc_id}/{c.start}", kind=e.kind, held=not future,
                           future=future or (e.date is not None and e.date > doc.date))
        # its name: the cue and this counterpart's own stretch of the list ("meetings with ... A")
        own = doc.text[v.tokens[e.stretch[0]].start : v.tokens[e.stretch[1] - 1].end].strip(" ,–-")
        cue = doc.text[v.tokens[e.cue[0]].start : v.tokens[e.cue[1] - 1].end]
        lo, hi = (e.stretch[0], e.cue[1]) if lex.head_final else (e.cue[0], e.stretch[1])
        fact.names.append((f"{own} {cue}" if lex.head_final else f"{cue} {own}", evidence(v, lo, hi)))
        fact.evidence.append(evidence(v, *e.cue))
        date = e.date or visit_date(found, v, e.cue[0]) or (None if fact.future else held_date(found))
        if date is not None:
            fact.date, fact.date_evidence = date, sentence_evidence(v)
        place = place_near(doc, v, lex, e.cue[0])
        if place is not None and not _owns_place(v, lex, place, e.cue[0], [h.start for h in v.meeting_heads if h.start != e.cue[0]]):
            place = None  # "... telephone conversation ... the summit will be held in Astana": the summit's
        if place is not None:
            fact.place, fact.place_evidence = place.entity, evidence(v, place.t0, place.t1)
        elif not fact.future and e.kind not in REMOTE_KINDS and (city := dateline_city(found.views)) is not None:
            fact.place, fact.place_evidence = city
        for m in (e.subject, c):
            if m is not None:
                # the subject may be the release's protagonist, named in an earlier sentence
                said = evidence(v, m.t0, m.t1) if m.sentence == v.sentence.index else Evidence(m.sentence, m.start, m.end)
                fact.participations.append(Participation(m.entity, None, held_by.get(m.entity), said))
        same = next((p for p in found.pairs + found.meetings if p.kind == fact.kind and _sides(p) == _sides(fact)
                     and (p.date is None or fact.date is None or p.date == fact.date)), None)
        if same is not None:
            # the title's "met with Y" is the lead's: one meeting
            same.evidence += fact.evidence
            same.date = same.date or fact.date
            same.place = same.place or fact.place
            fact = same
        elif len(encounters) == 1 and found.main is None and (v.sentence.kind == "title" or is_lead(v, found.views)):
            # "X met with Y on the sidelines of the session" opening the release: the meeting it reports
            found.add(fact, fact.local)
            found.make_main(fact)
            found.of_sentence.setdefault(v.sentence.index, fact)
        else:
            found.pairs.append(fact)
        for h in v.meeting_heads:
            if (h.start, h.end) not in {x.cue for x in encounters} and _frames_head(v, lex, h):
                found.frames.setdefault((v.sentence.index, h.start), (encounters[0].subject, []))[1].append(fact)
    return {e.cue for e in encounters}


def _share_with_frames(found: _Meetings) -> None:
    """ "The meeting took place on 7 March in Istanbul within the informal session of the Council": the
    event and the meeting inside it share the date and place the sentence gives either of them."""
    for v in found.views:
        i = v.sentence.index
        for h in v.meeting_heads:
            frame = found.of_head.get((i, h.start))
            inner = found.of_sentence.get(i)
            if frame is None or inner is None or inner is frame or not _frames_head(v, found.lex, h):
                continue
            if frame.date is None and inner.date_evidence is not None and inner.date_evidence.sentence == i:
                frame.date, frame.date_evidence = inner.date, inner.date_evidence
            if inner.kind in REMOTE_KINDS or frame.kind in REMOTE_KINDS:
                continue
            if inner.place is None and frame.place_evidence is not None and frame.place_evidence.sentence == i:
                inner.place, inner.place_evidence = frame.place, frame.place_evidence
            if frame.place is None and inner.place_evidence is not None and inner.place_evidence.sentence == i:
                frame.place, frame.place_evidence = inner.place, inner.place_evidence


def _frames_head(v: SentenceView, lex: Lexicon, head: Match) -> bool:
    """Whether a frame cue ties the head to the sentence's meetings: "on the sidelines of the session",
    "в рамках участия ... в работе заседания", "сессиясының ... іс-шаралары аясында"."""
    others = [h.start for h in v.meeting_heads if h is not head]
    if lex.head_final:
        return any(0 <= c.start - head.end <= 3 for c in v.cues["frame_cues"])
    return any(0 <= head.start - c.end <= 12 and not any(c.end <= o < head.start for o in others)
               for c in v.cues["frame_cues"])


def _sides(fact: MeetingFact) -> frozenset[str]:
    return frozenset(p.agent for p in fact.participations)


def _frames(found: _Meetings, held_by: dict[str, Holding]) -> None:
    """An event a sentence's pairs took place in ("on the sidelines of the 74th session"): the pairs'
    subject takes part in it, and a pair with no place of its own has the event's."""
    dateline = dateline_city(found.views)
    for key, (subject, pairs) in found.frames.items():
        frame = found.of_head.get(key)
        if frame is None or frame in pairs:
            continue
        if subject is not None and subject.entity not in {p.agent for p in frame.participations}:
            view = found.views[key[0]]
            frame.participations.append(Participation(subject.entity, None, held_by.get(subject.entity),
                                                      evidence(view, subject.t0, subject.t1)))
        for p in pairs:
            if p.place is None and frame.place is not None and frame.kind not in REMOTE_KINDS:
                p.place, p.place_evidence = frame.place, frame.place_evidence
        # and the event is where the sentence puts its pairs, rather than at the dateline's city ("Бишкек, 31
        # июля. ... в г. Душанбе в рамках участия ... в работе заседания ... состоялась встреча": Dushanbe)
        if frame.kind in REMOTE_KINDS or (frame.place is not None and (frame.place, frame.place_evidence) != dateline):
            continue
        given = [p for p in pairs if p.place_evidence is not None and p.place_evidence.sentence == key[0]
                 and p.kind not in REMOTE_KINDS]
        if given:
            frame.place, frame.place_evidence = given[0].place, given[0].place_evidence


def _owns_place(v: SentenceView, lex: Lexicon, place, head: int, others: list[int]) -> bool:
    """Whether the place is the meeting's at token `head`: the subject's of the verb of occurrence governing
    it, else the nearest head's."""
    owner = _occurrence_subject(v, place)
    if owner is not None:
        # "the sixth consultative meeting ... and the first Summit ... will be held in Astana": coordinated
        # subjects share the verb's place
        return owner == head or head < owner and _coordinated_heads(v, lex, head, owner)
    return nearest(place.t0, head, others)


def _coordinated_heads(v: SentenceView, lex: Lexicon, a: int, b: int) -> bool:
    """Whether the meeting heads at tokens a < b are coordinated: "and" between them, no other head, no
    comma or clause break."""
    between = range(a + 1, b)
    return (lex.coordination is not None and any(lex.coordination.fullmatch(v.tokens[t].text.lower()) for t in between)
            and not any(a < h.start < b for h in v.meeting_heads)
            and not any(v.tokens[t].key in lex.clause_breaks or "," in v.gap_text(t) for t in range(a, b)))


def _occurrence_subject(v: SentenceView, place) -> int | None:
    """The meeting head whose place a verb of occurrence gives: "the meeting took place in Cholpon-Ata on the
    eve of the session", "встреча состоялась в Чолпон-Ате накануне заседания" (the subject before the verb),
    "в г. Душанбе в рамках ... заседания состоялась встреча" (the subject right after it); None where no such
    verb governs the place (no comma between them)."""
    heads = [h.start for h in v.meeting_heads]
    for c in v.cues["occurrence_cues"]:
        lo, hi = (c.end, place.t0) if place.t0 >= c.end else (place.t1, c.start)
        if place.t0 >= c.end and hi - lo > 8 or any(v.tokens[t].text in ",;" for t in range(lo, hi)):
            continue
        after = [h for h in heads if c.end <= h <= c.end + 3 and h < place.t0 or c.end <= h <= c.end + 3 and place.t0 < c.start]
        before = [h for h in heads if h < c.start and (place.t0 >= c.end or h > place.t1)]
        if place.t0 < c.start:  # the place before the verb: the subject follows it ("в Душанбе состоялась встреча")
            if after:
                return after[0]
            continue
        if before:
            return before[-1]
        if after:
            return after[0]
    return None


def _meeting_of_head(found: _Meetings, v: SentenceView, head: Match) -> None:
    doc, lex, main = found.doc, found.lex, found.main
    kind = head.payload
    ordinal = ordinal_of(v, lex, head)
    series = series_of(v, lex, head)
    # a date or place nearer another meeting named in the sentence is that meeting's ("during the
    # meeting ... the 16th meeting, to take place in Dushanbe"); where modifiers precede the head,
    # a participle chain can carry them past a nearer head, so there every head keeps its nearest
    others = [] if lex.head_final else [h.start for h in v.meeting_heads if h is not head]
    # '"... the summit on 3 November ...," he said after the meeting': a date in quoted speech is a quoted head's
    dates = [d for d in find_dates(doc, v, lex) if not in_dateline(v, d[0]) and nearest(d[0], head.start, others)
             and in_quotes(doc, v, d[0]) == in_quotes(doc, v, head.start)]
    date = min(dates, key=lambda d: abs(d[0] - head.start))[1] if dates else None
    place = place_near(doc, v, lex, head.start)
    if place is not None and not _owns_place(v, lex, place, head.start, others):
        place = None
    # "the meeting ... on the sidelines of the session": the event framing another is not that one named again
    framing = len(v.meeting_heads) > 1 and _frames_head(v, lex, head)
    anaphoric = not (ordinal or series or date or place)
    # "the previous meeting", "бұған дейін ... жиында"; Kazakh postpositions follow it: "кездесуден кейін"
    other = framing or any(0 <= head.start - c.end <= 3 or lex.head_final and c.start == head.end
                           for c in v.cues["other_meeting_cues"]) or any(0 <= head.start - c.end <= 3 for c in v.cues["recall_cues"])
    if kind in GENERIC_KINDS and not (ordinal or series or v.tokens[head.start].text[:1].isupper()
                                      or named_by_modifier(doc, v, head)):
        return  # "a constructive dialogue" is no meeting
    last = v.tokens[head.end - 1]
    if lex.grammar.is_plural(last.text, last.key) and not ordinal and not plural_name(kind):
        return  # "regular consultative meetings": the series in general, not one meeting
    if anaphoric and main is not None and not other:
        found.of_sentence.setdefault(v.sentence.index, main)
        main.evidence.append(evidence(v, head.start, head.end))
        return
    local = f"{doc.doc_id}/{v.sentence.start + (head.start and v.tokens[head.start].start - v.sentence.start)}"
    key = _key(series, ordinal, date, local)
    formatted = any(m.type == "Format" and (0 <= head.start - m.t1 <= 2 or 0 <= m.t0 - head.end <= 2) for m in v.mentions)
    fact = _same_meeting(found, v, _Naming(kind, series, ordinal, date, place, other, formatted), key)
    if fact is None:
        fact = MeetingFact(local=key, kind=kind, series=series, ordinal=ordinal)
        found.add(fact, key)
    lo, hi = head_window(v, lex, head)
    fact.names.append((doc.text[v.tokens[lo].start : v.tokens[hi - 1].end], evidence(v, lo, hi)))
    if fact.proper is None and not fact.series and lex.title_case_names:
        fact.proper = proper_name(doc, v, lex, head)
    fact.evidence.append(evidence(v, head.start, head.end))
    if date and (not fact.date or fact.date_evidence is None):
        fact.date, fact.date_evidence = date, sentence_evidence(v)
    if place and not fact.place:
        fact.place, fact.place_evidence = place.entity, evidence(v, place.t0, place.t1)
    past_participle = any(c.end <= head.start + 1 and head.start - c.end < 8 for c in v.cues["past_participle_cues"])
    if v.has("held_cues") and not past_participle:
        fact.held = True
    if date is not None and date < doc.date and not v.has("future_cues"):
        fact.held = True  # "during his telephone conversation with X on August 5": dated before the release
    # a future cue nearer another head of the sentence is that one's ("the meeting held today, and the
    # meeting to be held on 14 April")
    if any(nearest(c.start, head.start, others) for c in v.cues["future_cues"]) or (date is not None and date > doc.date):
        fact.future = True  # announced, not yet held: the document's date is not its date
    if main is None and not other and (fact.held or v.sentence.kind == "title" or is_lead(v, found.views)):
        found.make_main(fact)
        # the event a press release opens with is reported as happening unless it is announced
        fact.held = fact.held or not v.has("future_cues")
    if not past_participle and not other:
        found.of_sentence.setdefault(v.sentence.index, fact)
    elif other and not framing and len(v.meeting_heads) == 1 and not v.cues["reception_verbs"] and v.has("recall_cues"):
        # "A and B had met before at the gathering in Minsk": the persons of a sentence recalling one
        # meeting and reporting no other are that meeting's
        found.of_sentence.setdefault(v.sentence.index, fact)
    if other and not framing:
        found.recalled.append(fact)
    found.of_head[(v.sentence.index, head.start)] = fact
    for c in v.cues["supporter_cues"]:
        org = adjacent(v, c, lex, ("Organization",))
        if org and org.entity not in {o for o, _ in fact.supporters}:
            fact.supporters.append((org.entity, evidence(v, min(c.start, org.t0), max(c.end, org.t1))))


def _key(series: str | None, ordinal: int | None, date: FactDate | None, local: str) -> str:
    """A meeting of a series is known by its number or date across documents; any other by where it is named."""
    if series and ordinal:
        return f"{series}/{ordinal}"
    if series and date:
        return f"{series}/{date.iso()}"
    return local


def _same_meeting(found: _Meetings, v: SentenceView, n: _Naming, key: str) -> MeetingFact | None:
    """The meeting found before that a head noun names again, if any."""
    doc, main, meetings = found.doc, found.main, found.meetings
    fact = found.by_key.get(key)
    if fact is None and n.other and not (n.series or n.ordinal):
        # "A and B met at a gathering in Belarus before. After the meeting in Minsk ...": one recalled meeting
        fact = next((m for m in reversed(found.recalled) if _same_kind(m.kind, n.kind) and not (m.series or m.ordinal)
                     and (m.place is None or n.place is None or m.place == n.place.entity)
                     and (m.date is None or n.date is None or m.date == n.date)), None)
    if fact is None and n.series and not n.ordinal and not n.other:
        # "the consultative meeting" after "the 7th Consultative Meeting": the same one
        same = [m for m in meetings if m.series == n.series and (n.date is None or m.date in (None, n.date))]
        fact = same[0] if same else None
    if fact is None and n.series and n.ordinal:
        # the title's "annual meeting" is the body's "fourteenth annual meeting": number it
        same = [m for m in meetings if m.series == n.series and m.ordinal is None and m.main]
        if same:
            fact = same[0]
            fact.ordinal, fact.local = n.ordinal, key
            found.by_key[key] = fact
    if fact is None and n.ordinal and not n.series:
        # "the 80th session of the UN General Assembly" named twice in one document
        fact = next((m for m in meetings if m.kind == n.kind and m.ordinal == n.ordinal), None)
        if fact is None:
            # the title's "session of the Board" is the body's "second session of the Board"
            fact = next((m for m in meetings if m.kind == n.kind and m.main and not m.series and m.ordinal is None
                         and all(doc.sentences[e.sentence].kind == "title" for e in m.evidence)), None)
            if fact is not None:
                fact.ordinal = n.ordinal
    if fact is None and n.place and not (n.series or n.ordinal or n.date or n.other):
        # "the summit in Astana" after the consultative meeting to be held in Astana (a meeting
        # announced here is not one held there: "the conference to be held in Dushanbe")
        future = v.has("future_cues")
        # (but bilateral talks are not the ministerial meeting held in the same city that day)
        fact = next((m for m in meetings if m.place == n.place.entity and not (future and m.held and not m.future)
                     and (_same_kind(m.kind, n.kind) and not (n.formatted and m.kind != n.kind)
                          or not {m.kind, n.kind} & BILATERAL_ONLY)), None)
    # a date the text did not give (the document's, for "X received Y") does not tell two meetings apart
    main_date = None if main is None or main.date_evidence is None else main.date
    # (but not the main one named by another head of this sentence: "the results of the Fourth Ministerial
    # Meeting held today, and preparations for the ministerial meeting to be held in Samarkand on 14 April")
    if fact is None and main is not None and not n.series and not n.ordinal and not n.other and _same_kind(main.kind, n.kind) \
            and not (n.formatted and main.kind != n.kind) and (
        n.date is None or main_date is None or n.date == main_date
    ) and not (main.ordinal and any(e.sentence == v.sentence.index for e in main.evidence)):
        fact = main  # the same event named again with its place or date ("X received Y. The meeting took place on 7 March")
    if fact is None and main is not None and _only_gathering(found, main) and not (n.series or n.other) \
            and n.kind not in BILATERAL_ONLY and main.future and v.has("future_cues"):
        fact = main  # the title's "international gathering to be held" is the body's dated session to be held
        fact.kind = n.kind
    return fact


def _only_gathering(found: _Meetings, main: MeetingFact) -> bool:
    """The main meeting is the one the title names by the generic noun ("жиын", "meeting"), and no sentence
    has given it a date, place, series or number of its own yet."""
    return (main.kind == "meeting" and main.date_evidence is None and main.place is None and not main.series
            and main.ordinal is None and found.doc.sentences[main.evidence[0].sentence].kind == "title")


BILATERAL_ONLY = {"talks", "phone-call", "reception", "consultations"}  # kinds two sides hold, never a summit


def _same_kind(a: str, b: str) -> bool:
    """ "X received Y ... the meeting": a reception is named again as a meeting."""
    return a == b or {a, b} <= {"meeting", "reception"}


def _date_and_place_of_main(found: _Meetings) -> None:
    """A meeting reported as just held, with no date or place of its own: the dateline's."""
    doc, main = found.doc, found.main
    if main is not None and main.held and main.date is None and not main.future:
        # the dateline's date ("Алматы. 29 ноября. ..."), else the document's: inferred, the text gives none
        opening = dateline(doc, found.views, found.lex)
        main.date, main.date_evidence = (FactDate.of(opening[0], inferred=True), opening[1]) if opening \
            else (FactDate.of(doc.date, inferred=True), None)
    destination = visit_destination(found)
    if main is not None and main.held and main.place is None and main.kind not in REMOTE_KINDS:
        city = destination or dateline_city(found.views)
        if city is not None:
            main.place, main.place_evidence = city
    if destination is not None:
        for fact in found.meetings + found.pairs:
            if fact.place is None and fact.kind not in REMOTE_KINDS:
                fact.place, fact.place_evidence = destination


def _reception(found: _Meetings, v: SentenceView) -> None:
    """ "X received Y", "X met with Y": a bilateral meeting of the persons named (unless the verb's
    object is itself a meeting noun: "held talks", "held a meeting")."""
    doc, lex, main = found.doc, found.lex, found.main
    if not v.cues["reception_verbs"]:
        return
    verbs = [c for c in v.cues["reception_verbs"]
             if not any(p.start <= c.end and c.start <= p.end for p in v.cues["participation_cues"])]
    if not verbs:
        return  # "примут участие" (take part) is not "принял" (received)
    verb = verbs[0]
    if any(0 <= h.start - verb.end <= 2 for h in v.meeting_heads):
        return
    if main is not None and any(c.start <= verb.start < c.end for c in v.cues["signing_verbs"]):
        found.of_sentence.setdefault(v.sentence.index, main)
        return  # "the presidents signed a treaty" within the summit the release reports: its participants
    persons = [m for m in v.mentions if m.type == "Person"]
    subjects = _bare_subjects(found, v, verb.start, {m.entity for m in persons})
    if len(persons) + len(subjects) < 2 and not (persons and any(m.type == "Organization" for m in v.mentions)):
        return
    dates = find_dates(doc, v, lex)
    # "... Президент қабылдайды": a reception announced, dated only by the text (or the visit it belongs to)
    announced = any(c.start <= verb.start < c.end for c in v.cues["future_cues"])
    date = dates[0][1] if dates else None if announced else FactDate.of(doc.date, inferred=True)
    key = f"{doc.doc_id}/{v.tokens[verb.start].start}"
    # "X met with Y" is a meeting, "X received Y" a reception
    kind = next((c.payload for c in lex.counterpart_verbs.find(v.tokens) if c.start <= verb.start < c.end),
                next((h.payload for h in v.meeting_heads if verb.start <= h.start < verb.end), "reception"))  # "held talks"
    place = place_near(doc, v, lex, verb.start)
    # the title's bare "held a meeting with" is the lead sentence's "met with": one event (in one city)
    if main is not None and is_lead(v, found.views) and not (main.series or main.ordinal) and all(
            doc.sentences[e.sentence].kind == "title" for e in main.evidence) and main.place in (None, place and place.entity):
        fact = main
        fact.kind, fact.held = kind, True
        if dates or fact.date is None:
            fact.date = date
    else:
        fact = MeetingFact(local=key, kind=kind, date=date, held=not announced, future=announced)
    if dates:
        fact.date_evidence = sentence_evidence(v)
    fact.evidence.append(evidence(v, verb.start, verb.end))
    fact.names.append((doc.text[v.tokens[verb.start].start : v.tokens[verb.end - 1].end], evidence(v, verb.start, verb.end)))
    if place:
        fact.place, fact.place_evidence = place.entity, evidence(v, place.t0, place.t1)
    for h in subjects:
        if h.person not in {p.agent for p in fact.participations}:
            fact.participations.append(Participation(h.person, None, h, h.evidence))
    if fact is not main:
        found.add(fact, key)
    found.of_sentence.setdefault(v.sentence.index, fact)
    found.of_head[(v.sentence.index, verb.start)] = fact
    if main is None and (v.sentence.kind == "title" or is_lead(v, found.views)):
        found.make_main(fact)


def _bare_subjects(found: _Meetings, v: SentenceView, verb: int, named: set[str]) -> list[Holding]:
    """ "The Head of State received X": the subject is a post without a name, held by the one person the
    document names in it (extract/officials.py); it stands before the verb."""
    persons = {m.t0 for m in v.mentions if m.type == "Person"}
    return [h for h in found.holdings if h.evidence.sentence == v.sentence.index and h.person not in named
            and h.evidence.end <= v.tokens[verb].start
            and not any(h.evidence.start <= v.tokens[t].start < h.evidence.end for t in persons)]

"""Who took part in each meeting (persons with the post they held, groups), and what else a sentence tells
of the meeting it speaks of: its topics and the press services reporting it."""
from __future__ import annotations

import re

from ..document import Document
from ..facts import Group, Holding, InitiativeFact, MeetingFact, Mention, Participation
from .common import SentenceView, evidence, in_quoted_speech, is_possessor
from .entities import press_services
from .lexicon import Lexicon


def attach_participants(doc: Document, views: list[SentenceView], lex: Lexicon, main: MeetingFact | None,
                        of_sentence: dict[int, MeetingFact], of_head: dict[tuple[int, int], MeetingFact],
                        holdings: list[Holding], initiatives: list[InitiativeFact], groups: list[Group],
                        claimed: frozenset[int] = frozenset()) -> None:
    """Each sentence's persons take part in the meeting it speaks of (`of_sentence`, else the `main` one);
    the meeting a head noun names (`of_head`) has the person a participation cue before it names. The
    persons of a `claimed` sentence were given their meetings one by one (a list of counterparts)."""
    proposers = {i.proposer for i in initiatives if i.proposer}
    held_by = posts_held(holdings)
    for v in views:
        target = of_sentence.get(v.sentence.index, main)
        if target is None:
            continue
        role_in_meeting = "opening-remarks" if v.has("opening_cues") else "speaker" if v.has("speech_cues") else None
        # a meeting only announced has the persons the text says will take part, not everyone named beside it
        announced = target is not main and target.future and not (v.has("participation_cues") or v.has("chair_cues"))
        # "X arrived in Astana today" beside a summit announced for November: X is not shown at the summit
        announced = announced or (target.future and not target.held and v.has("arrived_cues") and not v.meeting_heads
                                  and not v.has("participation_cues"))
        # "X cut short his visit to attend a council at home": X takes part in another event, not the release's
        announced = announced or (v.sentence.index not in of_sentence and _takes_part_elsewhere(v, lex))
        # a title naming no meeting ("President X congratulates compatriots on ...") gives no one to a
        # meeting the release only announces
        announced = announced or (v.sentence.kind == "title" and target is main and target.future and not v.meeting_heads
                                  and v.sentence.index not in of_sentence
                                  and not any(v.has(c) for c in ("participation_cues", "visit_cues", "reception_verbs")))
        for m in v.mentions:
            if m.type != "Person" or announced or v.sentence.index in claimed or tells_the_news(v):
                continue
            if m.entity in proposers and any(i.proposer_evidence and i.proposer_evidence.start == m.start for i in initiatives):
                continue
            if is_possessor(doc, v, m):
                continue  # "Тоқаевтың бастамасы", "President Tokayev's initiative": named, not present
            if _leads_a_state(v, lex, m):
                continue  # "Садыр Жапаров бастаған қырғыз елі": the country he leads is named, not he at the meeting
            if (target.future or not target.held) and any(0 <= c.start - m.t1 <= 2 for c in v.cues["invitation_cues"]):
                continue  # "X invited his counterpart to take part in the forum": the host asks, another comes
            if addressed(doc, v, lex, m):
                continue  # "X conveyed greetings to President Y": Y is not there
            if v.sentence.index not in of_sentence and in_quoted_speech(doc, m.start):
                continue  # "“President Y pays attention to ...”, the minister said": spoken of, not there
            holding = held_by.get(m.entity)
            if holding is not None and holding.role in lex.reporting_posts and not v.has("participation_cues"):
                continue  # "the ministry's spokesperson X said": X reports the meeting
            own = _clause_meeting(v, lex, of_head, m.t1) or target
            own.participations.append(Participation(m.entity, role_in_meeting, holding, evidence(v, m.t0, m.t1)))
        if not (announced or v.sentence.index in claimed or tells_the_news(v)):
            for role, h in _bare_posts_of(doc, v, lex, holdings):
                own = _clause_meeting(v, lex, of_head, role.t1) or target
                own.participations.append(Participation(h.person, role_in_meeting, held_by.get(h.person, h),
                                                        evidence(v, role.t0, role.t1)))
        for head in v.meeting_heads:
            # "Kaha Imnadze, who arrived to take part in the 6th Consultative Meeting": he takes part in it too
            cue = next((c for c in v.cues["participation_cues"] if 0 <= head.start - c.end <= 6), None)
            other_meeting = of_head.get((v.sentence.index, head.start))
            if cue is None or other_meeting is None or other_meeting is target:
                continue
            person = next((m for m in sorted(v.mentions, key=lambda m: -m.t0) if m.type == "Person" and m.t1 <= cue.start), None)
            if person is not None and any(person.t1 <= c.start and c.end <= cue.start for c in v.cues["invitation_cues"]):
                person = None  # "X invited his counterpart to take part in ...": X is not the one to come
            if person is not None:
                other_meeting.participations.append(
                    Participation(person.entity, None, held_by.get(person.entity), evidence(v, person.t0, person.t1)))
        for t in v.topics:
            if main is not None and t.payload not in {k for k, _ in main.topics}:
                main.topics.append((t.payload, evidence(v, t.start, t.end)))
        if v.has("reporter_cues"):
            for org, ev in press_services(doc, v, lex):
                target.reporters.append((org + "/press-service", ev))
    for g in groups:
        target = of_sentence.get(g.evidence.sentence, main)
        if target is not None:
            target.participations.append(Participation(g.key, None, None, g.evidence, is_group=True))


def _leads_a_state(v: SentenceView, lex: Lexicon, m: Mention) -> bool:
    """A person followed by a leader cue and then a country (by name or by a noun for a state), not a
    delegation: "X бастаған қырғыз елі" (the Kyrgyz state led by X), unlike "X бастаған делегация"."""
    cue = next((c for c in v.cues["leader_cues"] if c.start == m.t1), None)
    if cue is None:
        return False
    t = cue.end
    country = v.mention_at(t) if t < len(v.tokens) else None
    if country is not None and country.type == "Country":
        t = country.t1
    elif t < len(v.tokens) and v.tokens[t].text.islower() and country is None:
        t += 1  # "қырғыз елі": the nationality adjective before the noun
    if t < len(v.tokens) and v.tokens[t].key in lex.state_nouns:
        return True
    return country is not None and country.type == "Country" and not any(g.start == t for g in lex.group_nouns.find(v.tokens))


def _bare_posts_of(doc: Document, v: SentenceView, lex: Lexicon, holdings: list[Holding]) -> list[tuple[Mention, Holding]]:
    """The posts a sentence names without their holder's name, with the holding they refer to: the one the
    document resolves the post to, else the one person named before in that post ("Бас хатшыны Президент ...
    қабылдайды": the Secretary-General named before); not a person named in the sentence too, nor a post
    in the plural or standing as a possessor."""
    named = {m.entity for m in v.mentions if m.type == "Person"}
    i = v.sentence.index
    out = []
    for role in (m for m in v.mentions if m.type == "Role"):
        last = v.tokens[role.t1 - 1]
        if any(h.evidence.sentence == i and h.evidence.start <= role.start and role.end <= h.evidence.end
               and (h.evidence.start, h.evidence.end) != (role.start, role.end) for h in holdings) \
                or lex.grammar.is_plural(last.text, last.key) or is_possessor(doc, v, role):
            continue  # a post given with its holder's name
        own = [h for h in holdings if h.evidence.sentence == i and (h.evidence.start, h.evidence.end) == (role.start, role.end)]
        before = {h.person: h for h in holdings if h.role == role.entity and h.evidence.sentence < i}
        h = own[0] if own else next(iter(before.values())) if len(before) == 1 else None
        if h is not None and h.person not in named:
            out.append((role, h))
    return out


def _clause_meeting(v: SentenceView, lex: Lexicon, of_head: dict[tuple[int, int], MeetingFact], t: int) -> MeetingFact | None:
    """Where a sentence coordinates clauses that name different meetings ("A B-ны қабылдайды және C келіссөздер
    өткізеді"), a person is in the meeting of the first verb or noun after them (the language puts the
    subject first and the verb last); None in a sentence naming fewer than two meetings."""
    if not lex.head_final:
        return None
    anchors = sorted((h, f) for (i, h), f in of_head.items() if i == v.sentence.index)
    if len({id(f) for _, f in anchors}) < 2:
        return None
    return next((f for h, f in anchors if h >= t), None)


def _takes_part_elsewhere(v: SentenceView, lex: Lexicon) -> bool:
    """A participation cue of purpose with no meeting noun beside it ("кеңеске қатысу үшін Бішкекке аттанды":
    left to attend a council): the sentence's persons go to some other event."""
    cues = [c for c in v.cues["participation_cues"] if c.end < len(v.tokens) and v.tokens[c.end].key in lex.purpose_words]
    return bool(cues) and not any(abs(h.start - c.start) <= 6 for c in cues for h in v.meeting_heads)


def tells_the_news(v: SentenceView) -> bool:
    """A sentence opening with a source cue and naming no meeting ("Бұл туралы X брифингте айтты": X said
    so at a briefing): its persons report the sentences before, they do not take part."""
    return not v.meeting_heads and any(
        not any(ch.isalnum() for t in v.tokens[: c.start] for ch in t.text) for c in v.cues["source_cues"])


def addressed(doc: Document, v: SentenceView, lex: Lexicon, m) -> bool:
    """A person a message is passed to: an addressee cue, then a link word before the person in the same
    clause ("conveyed his best wishes to the President of X, Y, and to Z")."""
    for c in v.cues["addressee_cues"]:
        if c.end > m.t0 or m.t0 - c.end > 25 or re.search(r"[.;!?]", doc.text[v.tokens[c.end - 1].end : m.start]):
            continue
        if any(v.tokens[t].key in lex.addressee_links for t in range(c.end, m.t0)) and not any(
                c.end <= h.start < m.t0 for h in v.cues["held_cues"] + v.cues["reception_verbs"]):
            return True
    return False


def find_groups(doc: Document, v: SentenceView, lex: Lexicon) -> list[Group]:
    """Groups named by a plural noun and whose they are: "representatives of UNRCCA", "Kazakh experts"."""
    out = []
    for g in lex.group_nouns.find(v.tokens):
        last = v.tokens[g.end - 1]
        if not lex.grammar.is_plural(last.text, last.key):
            continue  # "Special Representative" is a post, "representatives" a group
        if lex.head_final:
            owners = [m for m in v.mentions if m.t1 <= g.start and g.start - m.t1 <= 2 and m.type in ("Organization", "Country", "Region")]
            lo = owners[-1].t0 if owners else max(0, g.start - 2)
            hi = g.end
        else:
            owners = [m for m in v.mentions if m.t0 >= g.end and m.t0 - g.end <= 2 and m.type in ("Organization", "Country", "Region")]
            lo = g.start
            hi = owners[0].t1 if owners else min(len(v.tokens), g.end + 3)
        owner = owners[-1 if lex.head_final else 0].entity if owners else None
        label = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
        # one with no owner is its document's, told apart from the others by its words (keys.group_keys)
        key = f"{g.payload}-{owner or doc.doc_id}"
        out.append(Group(key.replace("/", "-"), g.payload, label, owner, evidence(v, lo, hi)))
    return out


def posts_held(holdings: list[Holding]) -> dict[str, Holding]:
    """A person's post in this document: the first one given with its organisation or country."""
    held_by: dict[str, Holding] = {}
    for h in sorted(holdings, key=lambda h: (h.affiliation is None, h.evidence.start)):
        held_by.setdefault(h.person, h)
    return held_by

"""Initiatives (conventions, strategies, declarations, proposals ...), their proposers and aims."""
from __future__ import annotations

import re

from ..document import Document, Sentence
from ..facts import Evidence, Holding, InitiativeFact, Mention
from ..matcher import Match
from .common import SentenceView, evidence, is_possessor
from .lexicon import Lexicon
from .outcomes import WEAK_KINDS, covers, outcome_words
from .programmes import covers_period


AGENT_TYPES = ("Person", "Country", "Organization")
ADOPTED_KINDS = {"resolution", "agreement", "treaty"}
OBLIQUE_CASES = ("genitive", "accusative", "dative", "locative", "ablative", "instrumental")


def find_initiatives(doc: Document, v: SentenceView, lex: Lexicon) -> list[InitiativeFact]:
    """Initiatives named in a sentence, by their kind's head noun and the words around it, with their
    proposer where the sentence names one."""
    out = []
    words = outcome_words(doc.language)
    found = words.find(v.tokens)
    kinds = lex.initiative_kinds.find(v.tokens)
    specific = [k for k in kinds if k.payload != "initiative"]
    for k in kinds:
        if k.payload == "initiative" and any(abs(s.start - k.start) <= 8 for s in specific):
            continue
        last = v.tokens[k.end - 1]
        if lex.grammar.is_plural(last.text, last.key) or (
                k.start > 0 and lex.grammar.is_plural_adjective(v.tokens[k.start - 1].text)):
            continue  # "national water strategies", "международные инициативы": a named initiative is singular
        # a programme kind word ("roadmap 2025-2027") with a period belongs to programmes
        if k.payload in ("roadmap", "programme", "plan") and covers_period(doc, v, lex, k):
            continue
        if _not_a_document(doc, v, lex, found, k):
            continue
        stops = {t for c in v.cues["initiative_stops"] for t in range(c.start, c.end)}
        draft = any(abs(d.start - k.end) <= 1 or abs(k.start - d.end) <= 1 for d in v.cues["draft_words"])
        partners = []
        if lex.head_final:
            lo = k.start
            while lo > 0 and k.start - lo < 12:  # back to its author ("Тоқаевтың"), a stop word or 12 words
                t = lo - 1
                m = v.mention_at(t)
                if re.fullmatch(r"[^\s«“]*[»”]\s+", v.gap(doc.text, t, t + 1)):
                    lo = _opening_quote(doc, v, lo)  # "«Түркі мемлекеттері ұйымы+» форматы": a quoted name
                    break
                if t in stops or not re.fullmatch(r"\s+", v.gap(doc.text, t, t + 1)):
                    break
                if lex.grammar.has_case(v.tokens[t].text, ("instrumental",)):
                    # "Орталық Азия елдерімен ... Декларация": the partners it is proposed with
                    with_ = m or v.mention_at(t - 1)
                    if with_ and with_.type in ("Region", "Country", "Organization"):
                        partners.append(with_.entity)
                        break
                if m and m.type in AGENT_TYPES:
                    break
                if (m is None or m.type == "Role") and lex.grammar.is_plural(v.tokens[t].text, v.tokens[t].key) and \
                        not lex.grammar.has_case(v.tokens[t].text, OBLIQUE_CASES) and \
                        v.tokens[t + 1].key not in words.name_prepositions:
                    break  # "Тараптар бірлескен мәлімдеме қабылдады": a plural subject (nominative), not the name
                lo = m.t0 if m else t
            hi = k.end
            words = [v.tokens[i].text for i in range(lo, hi - 1)] + [lex.grammar.base_word(v.tokens[hi - 1].text)]
            name = " ".join(words)
        else:
            determiners = {t for c in v.cues["determiners"] for t in range(c.start, c.end)}
            lo = k.start
            while (
                lo > 0
                and k.start - lo < 3
                and lo - 1 not in stops
                and lo - 1 not in determiners
                and (v.tokens[lo - 1].text.replace("-", "").isalpha()  # "Counter-Terrorism Strategy"
                     or (v.tokens[lo - 1].text.isalnum() and v.tokens[lo - 1].text[:1].isupper()))
                or (lo > 0 and v.mention_at(lo - 1) is not None and k.start - lo < 3)
            ) and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
                if lex.modifiers_agree:
                    if not lex.grammar.is_adjective(v.tokens[lo - 1].text):
                        break  # only agreeing adjectives precede the head: "Рамочной конвенции"
                elif not v.tokens[lo - 1].text[:1].isupper() and not _lower_modifier(v, lo - 1):
                    break
                if v.tokens[lo - 1].key in lex.prepositions:
                    break  # "support for the concept": a preposition begins another phrase
                if v.tokens[lo - 1].key in lex.articles | words.non_modifiers or _verbal(v.tokens[lo - 1].text):
                    break  # "also approved the agreement", "documents including the agreement": not its name
                lo -= 1
                if re.search(r"['’]s$", v.tokens[lo].text):
                    m = v.mention_at(lo)
                    lo = m.t0 if m is not None else lo
                    break  # "following Kazakhstan's proposal": the possessive opens the name
            hi = k.end
            quoted_end = None
            while hi < len(v.tokens) and hi - k.end < 14 and hi not in stops:
                gap = v.gap(doc.text, hi - 1, hi)
                if quoted_end is None and (hi == k.end or covers(found["title_cues"], hi - 1)) and \
                        re.fullmatch(r"\s*[«“„\"]", gap):
                    if hi == k.end and (m := v.mention_at(hi)) is not None and m.t0 == hi and m.type == "Organization":
                        break  # "информационная программа «Вести»": the quoted name is a body's, the head describes it
                    # a quoted title after the head: «Природа не знает границ…», “Green Agenda”
                    quoted_end, hi = _closing_quote(doc, v, hi)
                    continue
                if not (re.fullmatch(r"\s+", gap) or (quoted_end is not None and re.fullmatch(r"[»”\"]\s+", gap))):
                    break
                if any(c.start == hi for c in v.cues["proposal_cues"]) or v.tokens[hi].key in lex.months or v.tokens[hi].text.isdigit():
                    break
                if hi + 1 < len(v.tokens) and v.tokens[hi + 1].key in lex.months:
                    break  # "on March 4", "4 марта": a date, not part of the name
                if covers(found["aim_participles"], hi):
                    break  # "resolution declaring 2027 ...": the aim clause names it (below)
                if _caseless(v, lex, words, hi):
                    break  # "резолюция ... была принята": a verb ends the name
                hi += 1
            # a name does not end in a connector ("historic agreement for")
            while hi > k.end and (v.tokens[hi - 1].key in lex.organisation_heads | lex.connector_words
                                  or any(c.start <= hi - 1 < c.end for c in v.cues["organisation_connectors"])):
                hi -= 1
            name = lex.grammar.nominative(v.tokens[lo:hi], k.end - lo, doc.text)
            aim = _aim_clause(doc, v, found, k) if hi == k.end else None
            if aim is not None:
                # "a resolution by consensus, declaring 2025 the Year of ...", "the agreement to establish X"
                hi = aim[1]
                name = f"{name} {doc.text[v.tokens[aim[0]].start : _end_with_quote(doc, v.tokens[hi - 1].end)]}"
            if quoted_end is not None:
                end = max(v.tokens[hi - 1].end, quoted_end)
                name = lex.grammar.nominative(v.tokens[lo:k.end], k.end - lo, doc.text) + " " + \
                    doc.text[v.tokens[k.end].start - (1 if doc.text[v.tokens[k.end].start - 1] in "«“„\"" else 0) : end]
        agent = None
        if not lex.head_final and k.payload in ("initiative", "programme", "plan"):
            agent, aim = _author_and_aim(doc, v, lex, k)
            if agent is not None and aim is not None:
                # "the initiative of President X to declare ...": named by its aim, proposed by its author
                head = lex.grammar.nominative(v.tokens[k.start : k.end], k.end - k.start, doc.text)
                lo, hi = k.start, aim[1]
                end = v.tokens[aim[1] - 1].end
                if end < len(doc.text) and doc.text[end] in "»”" and doc.text.count("«", v.tokens[aim[0]].start, end) + \
                        doc.text.count("“", v.tokens[aim[0]].start, end) > 0:
                    end += 1  # the closing quote of a quoted name
                name = f"{head} {doc.text[v.tokens[aim[0]].start : end]}"
        modifiers = [t for t in range(lo, hi) if not (k.start <= t < k.end)
                     and not any(d.start <= t < d.end for d in v.cues["draft_words"])]
        capitalised = any(v.tokens[t].text[:1].isupper() for t in modifiers + list(range(k.start, k.end)) if t > 0)
        signed = any(c.start == hi for c in found["adoption_cues"])  # "the border agreement signed this year"
        # "the final Protocol was signed", "приняли совместное заявление": a document adopted right there
        adopted_here = any(-3 <= c.start - hi <= 2 or 0 <= lo - c.end <= 2 for c in found["adoption_cues"])
        if len(modifiers) < 2 and not capitalised and not (k.payload in ("statement", "protocol", "roadmap") and adopted_here) \
                and not (modifiers and signed):
            continue  # "our strategy", "the agreement": not a named initiative (an adopted joint statement is)
        ev = evidence(v, lo, hi)
        fact = InitiativeFact(name=name, kind=k.payload, draft=draft, evidence=ev, partners=partners)
        if agent is not None and lo <= agent.t0 < hi:
            fact.proposer = agent.entity
            fact.proposer_evidence = Evidence(v.sentence.index, agent.start, agent.end)
        else:
            _proposer(doc, v, lex, fact, lo, hi)
        if fact.proposer is None and not lex.head_final and k.payload not in ADOPTED_KINDS:
            # "the UNRCCA Water Strategy": an organisation or country naming it is its author (a body
            # naming a resolution or a treaty adopted or signed it, which is not proposing it)
            first = v.mention_at(lo)
            if first is not None and first.type in ("Organization", "Country") and first.t1 <= k.start:
                fact.proposer = first.entity
                fact.proposer_evidence = Evidence(v.sentence.index, first.start, first.end)
        out.append(fact)
    return out


def speaker_proposals(doc: Document, views: list[SentenceView], initiatives: list[InitiativeFact],
                      holdings: list[Holding]) -> None:
    """"— ... we could consider a Framework Convention ...": an initiative with no proposer, in quoted
    speech with a proposal cue, is proposed by the speaker."""
    for i in initiatives:
        if i.proposer is None and _quoted(doc, doc.sentences[i.evidence.sentence]) and any(
            w.has("speaker_proposal_cues") for w in _paragraph(doc, views, i.evidence.sentence)
            if i.evidence.sentence - 1 <= w.sentence.index <= i.evidence.sentence
        ):
            speaker = _speaker(doc, views, i.evidence.sentence, holdings)
            if speaker is not None:
                i.proposer, i.proposer_evidence = speaker.entity, Evidence(speaker.sentence, speaker.start, speaker.end)


def _author_and_aim(doc: Document, v: SentenceView, lex: Lexicon, k: Match) -> tuple[Mention | None, tuple[int, int] | None]:
    """After a bare "initiative" head: its author ("of President Sadyr Japarov", "Президента Эмомали
    Рахмона": a Russian genitive needs no preposition) and the token span of its aim ("to declare ...",
    "по проведению ..."), which runs to the end of the clause; (None, None) when the text has not both."""
    t = k.end
    n = len(v.tokens)
    if lex.agent_preps:
        if t >= n or v.tokens[t].key not in lex.agent_preps:
            return None, None
        t += 1
    agent = None
    while t < n and (m := v.mention_at(t)) is not None and m.t0 == t:
        if m.type == "Role":
            t = m.t1  # a title before the name: "President", "Президента"
            continue
        if m.type in AGENT_TYPES:
            agent = m
        break
    if agent is None or agent.t0 - k.end > 4:
        return None, None
    a0 = agent.t1
    if a0 >= n or v.tokens[a0].key not in lex.aim_preps or not re.fullmatch(r"\s+", v.gap(doc.text, a0 - 1, a0)):
        return agent, None
    hi = a0 + 1
    stops = {t for c in v.cues["initiative_stops"] for t in range(c.start, c.end)} - {a0}
    quoted = False  # a quoted name is taken whole: «Вода для устойчивого развития»
    while hi < n and hi - a0 < 16:
        gap = v.gap(doc.text, hi - 1, hi)
        quoted ^= sum(gap.count(q) for q in "«»\"“”") % 2 == 1
        if not quoted and (hi in stops or re.search(r"[,;:.!?()]", gap)):
            break
        hi += 1
    if hi - a0 < 2:
        return agent, None
    return agent, (a0, hi)


def _lower_modifier(v: SentenceView, t: int) -> bool:
    """A lower-case English word that can modify an initiative's head ("border agreement")."""
    return v.tokens[t].text.isalpha() and v.tokens[t].text.islower() and len(v.tokens[t].text) > 2


QUOTE_OPEN = "«“\"„"


def _quoted(doc: Document, s: Sentence) -> bool:
    """Inside direct speech: a paragraph opening with a dash or a quote mark, or an open quote."""
    line_start = doc.text.rfind("\n", 0, s.start) + 1
    para_head = doc.text[line_start : line_start + 3].lstrip()
    if para_head[:1] in "—–-" + QUOTE_OPEN:
        return True
    before = doc.text[line_start : s.start]
    return sum(before.count(c) for c in "«“„") > sum(before.count(c) for c in "»”")


def _paragraph(doc: Document, views: list[SentenceView], index: int) -> list[SentenceView]:
    """The sentences of the paragraph (line) a sentence belongs to."""
    s = doc.sentences[index]
    start = doc.text.rfind("\n", 0, s.start) + 1
    end = doc.text.find("\n", s.end)
    end = len(doc.text) if end < 0 else end
    return [v for v in views if start <= v.sentence.start and v.sentence.end <= end]


def _speaker(doc: Document, views: list[SentenceView], index: int, holdings: list[Holding]) -> Mention | None:
    """Who is speaking at a quoted sentence: the person named (or the position held by a person named
    earlier) in the nearest sentence before it that is not itself a quote."""
    by_role = {h.role: h.person for h in holdings}
    for v in reversed(views[:index]):
        if v.sentence.kind != "body" or _quoted(doc, v.sentence):
            continue
        for m in v.mentions:
            if m.type == "Person" and not is_possessor(doc, v, m):
                return m
            if m.type == "Role" and m.entity in by_role and v.mention_at(m.t1) is None:
                return Mention(v.sentence.index, m.start, m.end, m.text, "Person", by_role[m.entity], m.t0, m.t1)
        break
    return None


def _proposer(doc: Document, v: SentenceView, lex: Lexicon, fact: InitiativeFact, lo: int, hi: int) -> None:
    # a proposal cue outside the name itself ("the UN80 initiative" names no proposer by its own head word),
    # except a Kazakh "бастама" with its author's genitive before it ("Тоқаевтың ... бастамасы")
    authored = lex.head_final and fact.kind == "initiative"
    if not authored and not any(c.end <= lo or c.start >= hi for c in v.cues["proposal_cues"]):
        return
    agents = [m for m in v.mentions if m.type in AGENT_TYPES and not (lo <= m.t0 < hi)]
    if fact.kind in ADOPTED_KINDS:
        # a body adopts a resolution or a treaty ("the General Assembly adopted ... our initiative"): states
        # and people propose them
        agents = [m for m in agents if m.type != "Organization"]
    if not agents:
        return
    if lex.head_final:
        # "<Person>-ның ... бастамасы": a genitive agent before the name
        gen = [m for m in agents if m.t1 <= lo and lex.grammar.has_case(v.tokens[m.t1 - 1].text, ("genitive",))]
        people = [m for m in gen if m.type == "Person"]
        pick = (people or gen)
        chosen = pick[-1] if pick else None
    else:
        by = [m for m in agents if m.t0 > 0 and v.tokens[m.t0 - 1].key in lex.agent_preps]
        people = [m for m in agents if m.type == "Person"]
        chosen = (by or people or agents)[0]
    if chosen is not None:
        fact.proposer = chosen.entity
        fact.proposer_evidence = Evidence(v.sentence.index, chosen.start, chosen.end)
        if lex.purpose is not None and chosen.t1 < lo:
            between = doc.text[chosen.end : v.tokens[lo].start].strip()
            purpose = lex.purpose.sub("", between)
            if purpose != between and purpose:
                fact.purpose = purpose


def _closing_quote(doc: Document, v: SentenceView, t: int) -> tuple[int | None, int]:
    """The end offset (after the closing mark) of a quoted title opening before token t, and the index of
    the first token after it; (None, t) when the quote does not close in the sentence."""
    opening = doc.text[v.tokens[t - 1].end : v.tokens[t].start].strip()[-1:]
    closing = {"«": "»", "“": "”", "„": "“", '"': '"'}[opening]
    at = doc.text.find(closing, v.tokens[t].start, v.sentence.end)
    if at < 0:
        return None, t
    nxt = next((i for i in range(t, len(v.tokens)) if v.tokens[i].start > at), len(v.tokens))
    return at + 1, nxt


def _not_a_document(doc: Document, v: SentenceView, lex: Lexicon, found: dict[str, list[Match]], k: Match) -> bool:
    """A kind word that names no document here: after "this"/"эта"/"бұл" (one named before), "an agreement
    was reached" (an understanding), inside an organisation's name ("Collective Security Treaty
    Organization", "Организации Договора"), or a weak kind ("programme", "protocol") that the sentence
    neither adopts nor signs."""
    before = k.start - 1
    if before >= 0 and lex.grammar.is_adjective(v.tokens[before].text) and not covers(found["anaphora"], before):
        before -= 1  # "this important initiative"
    if before >= 0 and covers(found["anaphora"], before):
        return True
    if any(-2 <= r.start - k.end <= 2 or -2 <= k.start - r.end <= 0 for r in found["reached"]):
        return True
    if any(c.start <= k.start < c.end for c in found["not_documents"]):
        return True  # "peaceful conflict resolution": the common noun
    heads = lex.organisation_heads
    if v.tokens[k.start].text[:1].isupper() and (
            (k.start > 0 and v.tokens[k.start - 1].key in heads and not lex.head_final)
            or (k.end < len(v.tokens) and v.tokens[k.end].key in heads)):
        return True
    return k.payload in WEAK_KINDS and not found["adoption_cues"] and not _authored(v, lex, k)


def _authored(v: SentenceView, lex: Lexicon, k: Match) -> bool:
    """A named author right after the head: "программы президента Касым-Жомарта Токаева по ..."."""
    t = k.end + (1 if k.end < len(v.tokens) and v.tokens[k.end].key in lex.agent_preps else 0)
    while t < len(v.tokens) and (m := v.mention_at(t)) is not None and m.type == "Role":
        t = m.t1
    m = v.mention_at(t) if t < len(v.tokens) else None
    return m is not None and m.t0 == t and m.type in AGENT_TYPES


def _verbal(word: str) -> bool:
    """An English word read as a verb or an adverb by its ending ("approved", "including", "also")."""
    low = word.lower()
    return word.isalpha() and word.islower() and len(low) > 4 and low.endswith(("ed", "ing", "ly"))


def _caseless(v: SentenceView, lex: Lexicon, words, t: int) -> bool:
    """A Russian word with no case (a finite verb, a short participle, an adverb) that is not a
    preposition or a conjunction: a name's complement never runs through it."""
    tok = v.tokens[t]
    tags = getattr(lex.grammar, "case_tags", None)
    if tags is None or not tok.text.isalpha() or not tok.text.islower() or tok.key in words.name_prepositions:
        return False
    return not tags(tok.text)


def _aim_clause(doc: Document, v: SentenceView, found: dict[str, list[Match]], k: Match) -> tuple[int, int] | None:
    """The clause that names a document by what it does: an aim participle soon after the head ("...,
    declaring 2025 ...") or a founding verb right after it ("agreement to establish X"); its token span,
    to the end of the clause or the proposer ("on X's initiative"), quotes taken whole."""
    n = len(v.tokens)
    a0 = next((c.start for c in found["aim_participles"] if 0 <= c.start - k.end <= 4), None)
    if a0 is None and any(c.start == k.end + 1 for c in found["founding_verbs"]) and k.end < n \
            and v.tokens[k.end].key == "to":
        a0 = k.end
    if a0 is None:
        return None
    hi, quoted = a0 + 1, False
    while hi < n and hi - a0 < 16:
        gap = v.gap(doc.text, hi - 1, hi)
        quoted ^= sum(gap.count(q) for q in "«»\"“”") % 2 == 1
        if not quoted and (re.search(r"[,;:.!?()]", gap) or covers(found["proposer_preps"], hi)):
            break
        hi += 1
    return (a0, hi) if hi - a0 >= 2 else None


def _end_with_quote(doc: Document, end: int) -> int:
    """An end offset moved past a closing quote mark right after it."""
    return end + 1 if end < len(doc.text) and doc.text[end] in "»”\"" else end


def _opening_quote(doc: Document, v: SentenceView, t: int) -> int:
    """The first token of a quoted name that closes right before token t (t itself when it opens none)."""
    closing = doc.text.rfind("»", v.tokens[t - 1].end, v.tokens[t].start)
    closing = closing if closing >= 0 else doc.text.rfind("”", v.tokens[t - 1].end, v.tokens[t].start)
    opening = doc.text.rfind("«" if doc.text[closing] == "»" else "“", v.sentence.start, closing)
    if closing < 0 or opening < 0:
        return t
    return next((i for i in range(t) if v.tokens[i].start > opening), t)

"""Programmes with a period ("Programme of Action for 2009-2011", "план ... на 2026 год") and their
priorities."""
from __future__ import annotations

import re

from ..document import Document
from ..facts import Evidence, ProgrammeFact
from ..matcher import Match
from .common import SentenceView, evidence
from .lexicon import Lexicon
from .outcomes import outcome_words

REACH = 20  # tokens from a kind word to its period in one clause ("Program of consultations between ... for 2023-2024")


def periods(v: SentenceView, lex: Lexicon) -> list[tuple[int, int, int, int]]:
    """The periods in years of a sentence: (start year, end year, first token, last token); a single
    year ("for 2020", "на 2026 год") is a period of one year."""
    found = []
    spans = [(m.start(), m.end(), m.group(1), m.group(2)) for m in lex.period.finditer(v.sentence.text)]
    year = outcome_words(lex.lang).year_period
    if year is not None:
        for m in year.finditer(v.sentence.text):
            if not any(a <= m.start(1) < b for a, b, _, _ in spans):
                spans.append((m.start(1), m.end(1), m.group(1), m.group(1)))
    for a, b, y0, y1 in sorted(spans):
        start, end = int(y0), int(y1)
        if end < 100:  # "2015-17"
            end += start - start % 100
        if end < start or end - start > 30:
            continue
        p_char, e_char = v.sentence.start + a, v.sentence.start + b
        p_tok = next((i for i, t in enumerate(v.tokens) if t.end > p_char), None)
        p_end = next((i for i, t in enumerate(v.tokens) if t.end >= e_char), None)
        if p_tok is not None and p_end is not None:
            found.append((start, end, p_tok, p_end))
    return found


def period_kind(doc: Document, v: SentenceView, lex: Lexicon, p_tok: int, p_end: int) -> Match | None:
    """The programme kind word a period belongs to: the nearest one in its clause, before it (after it in
    Kazakhstan's head-final order, or right after it: "the 2024-2028 interstate program")."""
    best = None
    for k in lex.programme_kinds.find(v.tokens):
        if k.end <= p_tok and not lex.head_final:
            between = doc.text[v.tokens[k.end - 1].end : v.tokens[p_tok].start]
            far = p_tok - k.end
            if far > REACH or re.search(r"[.;]", between):
                continue
        elif k.start > p_end:
            far = k.start - p_end
            if far > (8 if lex.head_final else 3):
                continue
        else:
            continue
        if best is None or far < best[0]:
            best = (far, k)
    return best[1] if best else None


def find_programmes(doc: Document, views: list[SentenceView], lex: Lexicon) -> list[ProgrammeFact]:
    out: list[ProgrammeFact] = []
    for idx, v in enumerate(views):
        for start, end, p_tok, p_end in periods(v, lex):
            k = period_kind(doc, v, lex, p_tok, p_end)
            if k is None:
                continue
            lo, hi = min(p_tok, k.start), max(k.end, p_end + 1)
            if lex.head_final:
                words = [v.tokens[i].text for i in range(lo, hi - 1)] + [lex.grammar.base_word(v.tokens[hi - 1].text)]
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 2].end] + " " + words[-1] if hi - lo > 1 else words[-1]
            else:
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
            fact = ProgrammeFact(k.payload, start, end, name, evidence(v, lo, hi), _owner(v, lex, lo, hi))
            shared = _shared_out(doc, v, lex, k, fact)
            if shared:
                out.extend(shared)  # "programmes ... between A and B regions, C and D regions": one each
                continue
            out.append(fact)
            fields = _field_priorities(doc, v, lex, hi)
            if fields:
                fact.priorities = fields
                continue
            # the priorities: "<N> priorities: a, b, ... and e" in this sentence or the next two
            for w in views[idx : idx + 3]:
                pr = _priorities(doc, w, lex)
                if pr:
                    fact.priorities = pr
                    break
    return out


def _owner(v: SentenceView, lex: Lexicon, lo: int, hi: int) -> str | None:
    """The organisation whose programme it is: named in the programme's name ("UNRCCA Programme of
    Action", "Программа действий РЦПДЦА"), right before it ("the Centre's programme"), or the subject
    opening the sentence ("The Council approved the plan ..."); never one named further off ("...,
    according to Kazinform")."""
    orgs = [m for m in v.mentions if m.type == "Organization"]
    if not orgs:
        return None
    if lex.head_final:
        prior = [m for m in orgs if m.t1 <= lo]
        return (prior or orgs)[-1].entity
    inside = [m for m in orgs if lo <= m.t0 < hi]
    if inside:
        return inside[0].entity
    near = [m for m in orgs if m.t1 <= lo and lo - m.t1 <= 3]
    if near:
        return near[-1].entity
    before = [m for m in orgs if m.t1 <= lo]
    if before and lo > 0 and re.search(r"['’]s$", v.tokens[lo - 1].text):
        return before[-1].entity  # "the Centre's Programme": the body named before
    subject = [m for m in before if m.t0 <= 4]  # "The head of UNRCCA briefed on ...", "Глава РЦПДЦА представил ..."
    return subject[0].entity if subject else None


def _shared_out(doc: Document, v: SentenceView, lex: Lexicon, k: Match, fact: ProgrammeFact) -> list[ProgrammeFact]:
    """A plural programme kind with a list of partners after a partner link ("Comprehensive programmes for
    2023-2025 were signed between A and B regions, C and D regions"): one programme per item of the list,
    owned by the place, state or body opening it."""
    last = v.tokens[k.end - 1]
    if lex.head_final or not lex.grammar.is_plural(last.text, last.key):
        return []
    link = next((t for t in range(k.end, len(v.tokens)) if v.tokens[t].key in lex.partner_links), None)
    if link is None or link + 1 >= len(v.tokens):
        return []
    start = v.tokens[link + 1].start
    end = next((v.tokens[t - 1].end for t in range(link + 2, len(v.tokens))
                if re.search(r"[.;:]", v.gap(doc.text, t - 1, t))), v.tokens[-1].end)
    owners = []
    # the items, each a pair of partners with the first of them named: "A and B regions"
    for item in re.finditer(r"[^,;]+", doc.text[start:end]):
        text = lex.coordination.sub("", item.group(), count=1).strip() if lex.coordination and lex.coordination.match(
            item.group().strip()) else item.group().strip()  # ", and C and D regions"
        at = start + item.start() + item.group().find(text)
        m = next((m for m in v.mentions if m.start == at and m.type in OWNER_TYPES), None)
        if m is None or not lex.coordination or not lex.coordination.search(text):
            return []
        owners.append((text, at + len(text), m))
    if len(owners) < 2:
        return []
    kind_text = doc.text[v.tokens[k.start].start : v.tokens[k.end - 1].end]
    link_text = v.tokens[link].text
    return [ProgrammeFact(fact.kind, fact.start, fact.end, f"{kind_text} {link_text} {text} ({fact.start}-{fact.end})",
                          Evidence(v.sentence.index, fact.evidence.start, item_end), m.entity)
            for text, item_end, m in owners]


OWNER_TYPES = ("Region", "City", "Country", "Organization")


def _field_priorities(doc: Document, v: SentenceView, lex: Lexicon, hi: int) -> list[tuple[str, Evidence]]:
    """"The working plan for 2020, including projects in the fields of a, b, c and d, was approved": the
    fields listed in the programme's own sentence after its name are its priorities."""
    fields = [c for c in outcome_words(lex.lang).find(v.tokens)["priority_fields"] if c.start >= hi
              and lex.grammar.is_plural(v.tokens[c.end - 1].text, v.tokens[c.end - 1].key)]
    if not fields:
        return []
    t = fields[0].end
    if t < len(v.tokens) and v.tokens[t].key in lex.prepositions:
        t += 1  # "in the fields of ..."
    if t >= len(v.tokens):
        return []
    stops = {s for c in v.cues["initiative_stops"] for s in range(c.start, c.end)}
    end = next((i for i in range(t, len(v.tokens)) if i in stops and i > t and
                re.search(r",\s*$", doc.text[v.tokens[i - 1].end : v.tokens[i].start])), len(v.tokens))
    body_end = v.tokens[end - 1].end
    return _split_list(doc, v, lex, v.tokens[t].start, body_end, None)


def _priorities(doc: Document, v: SentenceView, lex: Lexicon) -> list[tuple[str, Evidence]]:
    if not v.cues["priority_nouns"]:
        return []
    noun = v.cues["priority_nouns"][0]
    colon = v.sentence.text.find(":")
    if colon < 0 or v.tokens[noun.start].start - v.sentence.start > colon:
        # no colon: "whose priorities include a, b and c", "приоритеты включают a, b и c"
        verb = next((c for c in v.cues["priority_list_verbs"] if 0 <= c.start - noun.end <= 1), None)
        if verb is None:
            return []
        colon = v.tokens[verb.end - 1].end - v.sentence.start
    expected = None
    for t in range(max(0, noun.start - 3), noun.start):
        tok = v.tokens[t]
        if tok.key in lex.number_words:
            expected = lex.number_words[tok.key]
        elif tok.text.isdigit() and int(tok.text) <= 20:  # "5 priorities", not the period's "2025"
            expected = int(tok.text)
    return _split_list(doc, v, lex, v.sentence.start + colon + 1, v.sentence.end, expected)


def _split_list(doc: Document, v: SentenceView, lex: Lexicon, body_start: int, body_end: int,
                expected: int | None) -> list[tuple[str, Evidence]]:
    """The items of "a, b, ... and e" (or "a; b; c") between two offsets of the sentence, in order."""
    body = doc.text[body_start:body_end]
    conj = sorted({doc.text[v.tokens[c.start].start : v.tokens[c.end - 1].end] for c in v.cues["list_conjunctions"]}, key=len, reverse=True)
    pattern = r"\s*[;,]\s*(?:(?:" + "|".join(re.escape(c) for c in conj) + r")\s+)?" if conj else r"\s*[;,]\s*"
    items = []
    pos = 0
    parts = re.split(f"({pattern})", body)
    for part in parts:
        if re.fullmatch(pattern, part or "") or not part:
            pos += len(part or "")
            continue
        text = part.strip().rstrip(".;")
        lead = len(part) - len(part.lstrip())
        if conj:
            for c in conj:
                if text.lower().startswith(c.lower() + " ") and len(items) > 0:
                    text = text[len(c) :].strip()
                    lead = part.find(text)
        if text:
            s = body_start + pos + lead
            items.append((text, Evidence(v.sentence.index, s, s + len(text))))
        pos += len(part)
    if conj and len(items) >= 2 and (len(items) == expected - 1 if expected else True):
        # "a, b and c": the last item holds the final conjunction
        text, ev = items[-1]
        m = re.search(r"\s(?:" + "|".join(re.escape(c) for c in conj) + r")\s", text)
        if m:
            first, second = text[: m.start()], text[m.end() :]
            items[-1:] = [(first, Evidence(ev.sentence, ev.start, ev.start + len(first))),
                          (second, Evidence(ev.sentence, ev.start + m.end(), ev.end))]
    if len(items) < 2 or (expected and len(items) != expected and len(items) < expected):
        return []
    return items


def covers_period(doc: Document, v: SentenceView, lex: Lexicon, k: Match) -> bool:
    """Whether a programme kind word found as an initiative is the kind a period of its sentence belongs
    to: then it is a programme, and not also an initiative."""
    for _, _, p_tok, p_end in periods(v, lex):
        owner = period_kind(doc, v, lex, p_tok, p_end)
        if owner is not None and owner.start < k.end and k.start < owner.end:
            return True
    return False

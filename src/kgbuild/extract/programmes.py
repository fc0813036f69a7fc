"""Programmes with a period ("Programme of Action for 2009-2011") and their priorities."""
from __future__ import annotations

import re

from ..document import Document
from ..facts import Evidence, ProgrammeFact
from .common import SentenceView, evidence
from .lexicon import Lexicon


def find_programmes(doc: Document, views: list[SentenceView], lex: Lexicon) -> list[ProgrammeFact]:
    out: list[ProgrammeFact] = []
    for idx, v in enumerate(views):
        for pm in lex.period.finditer(v.sentence.text):
            start, end = int(pm.group(1)), int(pm.group(2))
            if end < 100:  # "2015-17"
                end += start - start % 100
            if end < start or end - start > 30:
                continue
            p_char = v.sentence.start + pm.start()
            p_tok = next((i for i, t in enumerate(v.tokens) if t.end > p_char), None)
            e_char = v.sentence.start + pm.end()
            p_end = next((i for i, t in enumerate(v.tokens) if t.end >= e_char), None)
            if p_tok is None or p_end is None:
                continue
            # "Program of Action of UNRCCA for the period 2009-2011"
            kinds = [k for k in lex.programme_kinds.find(v.tokens) if abs(k.start - p_tok) <= 8]
            if not kinds:
                continue
            k = min(kinds, key=lambda k: abs(k.start - p_tok))
            lo, hi = min(p_tok, k.start), max(k.end, p_end + 1)
            if lex.head_final:
                words = [v.tokens[i].text for i in range(lo, hi - 1)] + [lex.grammar.base_word(v.tokens[hi - 1].text)]
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 2].end] + " " + words[-1] if hi - lo > 1 else words[-1]
            else:
                name = doc.text[v.tokens[lo].start : v.tokens[hi - 1].end]
            orgs = [m for m in v.mentions if m.type == "Organization"]
            owner = None
            if orgs:
                if lex.head_final:
                    prior = [m for m in orgs if m.t1 <= lo]
                    owner = (prior or orgs)[-1].entity
                else:
                    owner = min(orgs, key=lambda m: abs(m.t0 - k.start)).entity
            fact = ProgrammeFact(k.payload, start, end, name, evidence(v, lo, hi), owner)
            out.append(fact)
            # the priorities: "<N> priorities: a, b, ... and e" in this sentence or the next two
            for w in views[idx : idx + 3]:
                pr = _priorities(doc, w, lex)
                if pr:
                    fact.priorities = pr
                    break
    return out


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
    body_start = v.sentence.start + colon + 1
    body = doc.text[body_start : v.sentence.end]
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

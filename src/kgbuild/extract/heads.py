"""What a meeting noun and the words around it say of its meeting: the heads of a sentence, its kind's
ordinal, series and proper name, and the place nearest it."""
from __future__ import annotations

import re

from ..datafiles import patterns
from ..document import Document
from ..facts import Mention
from ..language import Token
from ..matcher import Match
from .common import SentenceView
from .entities import seats
from .lexicon import Lexicon, lexicon

GENERIC_KINDS = {"dialogue", "forum", "conference", "session"}
REMOTE_KINDS = {"phone-call", "video-conference"}  # no place of their own
FORMAT_NAME_KINDS = {"dialogue"}  # after a format's name, part of it: the "Central Asia + Japan" Dialogue
BODY_KINDS = {"conference", "forum"}  # also the names of bodies that hold sessions ("the General Conference")
ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(IX|IV|V?I{0,3})$")
ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "Ӏ": "I"})  # Cyrillic capitals that read as Roman digits


def meeting_heads(doc: Document, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Match]:
    """The meeting nouns of a sentence, but for a format's name ("the "Central Asia + Japan" Dialogue"),
    an organisation's name ("Conference on Interaction ...") and a body whose session another head names."""
    heads = [h for h in lex.meeting_kinds.find(tokens) if h.payload not in FORMAT_NAME_KINDS or not any(
        m.type == "Format" and (m.t0 <= h.start < m.t1 or m.t1 == h.start and re.fullmatch(
            r"[\s\"'«»“”]*", doc.text[m.end : tokens[h.start].start]))
        for m in mentions)]
    heads = [h for h in heads if not any(m.type == "Organization" and m.t0 <= h.start and h.end <= m.t1 and m.t1 - m.t0 > h.end - h.start
                                         for m in mentions)]
    return [h for h in heads if not names_a_body(tokens, lex, h, heads)]


def names_a_body(tokens: list[Token], lex: Lexicon, head: Match, heads: list[Match]) -> bool:
    """ "the 41st session of the UNESCO General Conference", "Бас конференциясының 41-сессиясы": the
    conference or forum is the body whose session the other head names, not a meeting of its own."""
    if head.payload not in BODY_KINDS:
        return False
    if lex.head_final:
        return lex.grammar.has_case(tokens[head.end - 1].text, ("genitive",)) and any(
            0 <= h.start - head.end <= 3 and h.payload not in BODY_KINDS for h in heads)
    return any(0 <= head.start - h.end <= 5 and h.payload not in BODY_KINDS and (
        lex.modifiers_agree and lex.grammar.has_case(tokens[head.end - 1].text, ("genitive",))
        or any(tokens[t].key in lex.body_links for t in range(h.end, head.start))) for h in heads)


def plural_name(kind: str) -> bool:
    """Kinds whose single meeting is named in the plural ("talks", "консультации")."""
    return bool(patterns("kinds")["meeting"].get(kind, {}).get("plural_name"))


def ordinal_of(v: SentenceView, lex: Lexicon, head: Match) -> int | None:
    # "консультацияларының екінші раунды": the meeting in the genitive, then the number of its round
    after = head.end
    if after + 1 < len(v.tokens) and v.tokens[after + 1].key in lex.round_words \
            and lex.grammar.has_case(v.tokens[head.end - 1].text, ("genitive",)):
        value = _ordinal_token(v, lex, after)
        if value is not None:
            return value
    lo = max(0, head.start - 5)
    for t in range(head.start - 1, lo - 1, -1):
        if v.tokens[t].key in lex.articles:
            return None  # "for the first time the meeting": the number is another noun's
        value = _ordinal_token(v, lex, t)
        if value is not None:
            # "Fourth, a conference will be convened": a comma after it counts the speaker's points
            return None if v.gap_text(t).startswith(",") else value
    return None


def _ordinal_token(v: SentenceView, lex: Lexicon, t: int) -> int | None:
    """The number token `t` gives as an ordinal ("15-ші", "екінші", "он бесінші", "XV"), if any."""
    tok = v.tokens[t]
    m = lex.ordinal_re.match(tok.text)
    if m:
        return int(m.group(1))
    key = tok.key
    if key not in lex.ordinal_words:
        key = next((k for k in lex.grammar.lemmas(tok.text) if k in lex.ordinal_words), key)
    if key in lex.ordinal_words:
        value = lex.ordinal_words[key]
        if t > 0 and v.tokens[t - 1].key in lex.tens_prefix:
            value += lex.tens_prefix[v.tokens[t - 1].key]
        return value
    roman = tok.text.translate(ROMAN_LOOKALIKES)  # "ХІІ саммит": Cyrillic letters typed for the numeral
    if ROMAN.match(roman) and roman:
        return roman_value(roman)
    return None


def roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


def head_window(v: SentenceView, lex: Lexicon, head: Match) -> tuple[int, int]:
    heads = [h.start for h in v.meeting_heads if h is not head]
    if lex.head_final:
        lo = max([0, head.start - 10] + [h + 1 for h in heads if h < head.start])
        return lo, head.end
    hi = min([len(v.tokens), head.end + 12] + [h for h in heads if h > head.start])
    return max(0, head.start - 4), hi


def named_by_modifier(doc: Document, v: SentenceView, head: Match) -> bool:
    """A lower-case head named by what stands beside it: the body whose session it is ("заседание Совета
    министров", "session of the Council of Ministers"); Russian agreeing adjectives before it, the first
    capitalised and not the sentence's first word ("Астанинском международном форуме")."""
    lex = lexicon(doc.language)
    if lex.head_final:
        # "мемлекет басшыларының кезекті отырысы", "Атқарушы комитетінің кеңейтілген отырысы": the body or
        # the posts in the genitive, perhaps a word or two between, name the session
        for t in range(head.start - 1, max(head.start - 4, -1), -1):
            m = v.mention_at(t)
            if m is not None and m.type in ("Organization", "Role") and m.t1 - 1 == t \
                    and lex.grammar.has_case(v.tokens[t].text, ("genitive",)):
                return True
            if m is not None:
                return False
        return False
    t = head.end
    while t < len(v.tokens) and v.tokens[t].key in lex.body_links and t - head.end < 2:
        t += 1
    if t < len(v.tokens) and re.fullmatch(r"\s+", v.gap(doc.text, t - 1, t)) and (
            (m := v.mention_at(t)) is not None and m.type == "Organization" or (m is None and v.tokens[t].text[:1].isupper())):
        return True
    if not lex.modifiers_agree:
        return False
    t = head.start - 1
    while t > 0 and head.start - t <= 3 and v.mention_at(t) is None and len(v.tokens[t].text) > 2 \
            and lex.grammar.can_be_adjective(v.tokens[t].text):
        if v.tokens[t].text[:1].isupper():
            return True  # a proper adjective may read as a surname first ("Астанинском")
        t -= 1
    return False


def proper_name(doc: Document, v: SentenceView, lex: Lexicon, head: Match) -> str | None:
    """English: a capitalised head with capitalised words before it ("the Astana International Forum",
    "Regional Environmental Summit"), not a sentence's first word, a month or an ordinal."""
    if not v.tokens[head.end - 1].text[:1].isupper():
        return None
    lo = head.start
    while lo > 1 and v.tokens[lo - 1].text[:1].isupper() and v.tokens[lo - 1].text.replace("-", "").isalpha() \
            and v.tokens[lo - 1].key not in lex.months and v.tokens[lo - 1].key not in lex.ordinal_words \
            and re.fullmatch(r"\s+", v.gap(doc.text, lo - 1, lo)):
        lo -= 1
    if lo == head.start:
        return None
    return doc.text[v.tokens[lo].start : v.tokens[head.end - 1].end]


def contains_phrase(keys: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(keys[i : i + n]) == phrase for i in range(len(keys) - n + 1)) if n else False


def series_of(v: SentenceView, lex: Lexicon, head: Match) -> str | None:
    lo, hi = head_window(v, lex, head)
    keys = [t.key for t in v.tokens[lo:hi]]
    formats = any(m.type == "Format" and lo <= m.t0 < hi for m in v.mentions)
    for sid, req, exc, kinds, excludes_formats in lex.series:
        if kinds and head.payload not in kinds:
            continue
        if any(contains_phrase(keys, p) for p in exc) or (excludes_formats and formats):
            continue
        if req and all(any(contains_phrase(keys, p) for p in group) for group in req):
            return sid
    return None


def nearest(pos: int, head: int, others: list[int]) -> bool:
    """Whether token `pos` is at least as near the meeting head at `head` as any other head of its sentence."""
    return all(abs(pos - head) <= abs(pos - o) for o in others)


def _before_capital_apposition(v: SentenceView, lex: Lexicon, t0: int) -> int:
    """"в столице Казахстана Астане", "in the capital of Kazakhstan, Astana", "in the Kazakh capital Astana": the
    city stands in apposition to a capital word (with its country); the preposition governs the capital word."""
    if not lex.capital_words:
        return t0
    countries = {m.t1: m.t0 for m in v.mentions if m.type == "Country"}
    t = t0
    if t > 0 and v.tokens[t - 1].text == ",":
        t -= 1
    if t in countries:  # "столице Казахстана Астане", "the capital of Kazakhstan, Astana"
        t = countries[t]
        if t > 0 and v.tokens[t - 1].key in lex.prepositions:
            t -= 1
    if t == 0 or v.tokens[t - 1].key not in lex.capital_words:
        return t0
    t -= 1
    if t in countries:  # "the Kazakh capital"
        t = countries[t]
    while t > 0 and v.tokens[t - 1].key in lex.articles:
        t -= 1
    return t


def place_near(doc: Document, v: SentenceView, lex: Lexicon, near: int) -> Mention | None:
    cities = []
    for m in v.mentions:
        if m.type != "City":
            continue
        if lex.place_by_case:
            ok = lex.grammar.has_case(v.tokens[m.t1 - 1].text, ("locative",))
            if not ok and m.t1 < len(v.tokens) and v.tokens[m.t1].key in lex.city_words:
                ok = lex.grammar.has_case(v.tokens[m.t1].text, ("locative",))  # "Түркістан қаласында": in the city of
            # "Ташкентте өткен", "Алматыда ... өтті"; a dateline city ("АСТАНА.") also counts
        else:
            t0 = m.t0 - 1 if m.t0 > 1 and v.tokens[m.t0 - 1].key in lex.city_abbreviations else m.t0  # "в г. Душанбе"
            t0 = _before_capital_apposition(v, lex, t0)
            ok = t0 > 0 and v.tokens[t0 - 1].key in lex.locative_preps
            # "On 7 December, London hosted the fifth round": the city is the host verb's subject
            ok = ok or any(c.start == m.t1 for c in v.cues["host_cues"])
            # "... to establish the Centre ... in Almaty": the body's seat, not the meeting's place
            if ok and any(city == m.entity for _org, city, _ev in seats(doc, v, lex)):
                ok = False
        if ok:
            cities.append(m)
    if not cities:
        return None
    return min(cities, key=lambda m: abs(m.t0 - near))

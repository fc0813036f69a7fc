"""What every fact family reads: a sentence's view (tokens, mentions, cue matches) and its evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Sentence
from ..facts import Evidence, Mention
from ..language import Token
from ..matcher import Match
from .lexicon import Lexicon, lexicon


@dataclass
class SentenceView:
    """One sentence as extraction reads it; mentions and cue matches are spans of its tokens."""

    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    cues: dict[str, list[Match]]
    meeting_heads: list[Match]
    topics: list[Match]
    nested: list[Mention] = field(default_factory=list)  # names inside longer names, for the record only

    def gap(self, doc_text: str, i: int, j: int) -> str:
        """Raw text between token i's end and token j's start."""
        return doc_text[self.tokens[i].end : self.tokens[j].start]

    def gap_text(self, t: int) -> str:
        """The sentence's raw text between token t's end and the next token's start (or the sentence's end)."""
        end = self.tokens[t + 1].start if t + 1 < len(self.tokens) else self.sentence.end
        return self.sentence.text[self.tokens[t].end - self.sentence.start : end - self.sentence.start]

    def mention_at(self, t: int) -> Mention | None:
        for m in self.mentions:
            if m.t0 <= t < m.t1:
                return m
        return None

    def has(self, cue: str) -> bool:
        return bool(self.cues.get(cue))


def evidence(view: SentenceView, t0: int, t1: int) -> Evidence:
    return Evidence(view.sentence.index, view.tokens[t0].start, view.tokens[t1 - 1].end)


def sentence_evidence(view: SentenceView) -> Evidence:
    return Evidence(view.sentence.index, view.sentence.start, view.sentence.end)


def in_quotes(doc: Document, v: SentenceView, t: int) -> bool:
    """Whether token t stands inside quoted speech of its sentence (an odd number of quotation marks before it)."""
    before = doc.text[v.sentence.start : v.tokens[t].start]
    return sum(before.count(q) for q in "«»\"“”") % 2 == 1


def adjacent(v: SentenceView, cue: Match, lex: Lexicon, types: tuple[str, ...]) -> Mention | None:
    """The entity next to a cue: before it in Kazakh ("<org>-ның қолдауымен"), after it otherwise."""
    if lex.head_final:
        cands = [m for m in v.mentions if m.type in types and m.t1 <= cue.start and cue.start - m.t1 <= 1]
        return cands[-1] if cands else None
    cands = [m for m in v.mentions if m.type in types and m.t0 >= cue.end and m.t0 - cue.end <= 2]
    return cands[0] if cands else None


def is_possessor(doc: Document, v: SentenceView, m: Mention) -> bool:
    """A person named as the possessor or author of something, not as a participant. Each language marks
    it its own way: Kazakh by the genitive ("Тоқаевтың бастамасы"), English by the possessive or a
    preposition ("President Tokayev's initiative", "initiated by X"), Russian by the proposal noun the
    person follows ("инициатива Президента ... Токаева")."""
    lex = lexicon(doc.language)
    last = v.tokens[m.t1 - 1].text
    if doc.language == "kk":
        if any(c.start == m.t1 for c in v.cues["chair_cues"]):
            return False  # "Қазыхановтың төрағалығымен": under X's chairmanship, X chairs it
        return lex.grammar.has_case(last, ("genitive",))
    if doc.language == "en":
        t0 = m.t0
        role = v.mention_at(t0 - 1) if t0 > 0 else None
        if role is not None and role.type == "Role":
            t0 = role.t0  # "initiated by President Kassym-Jomart Tokayev"
        while t0 > 0 and v.tokens[t0 - 1].key in lex.articles:
            t0 -= 1
        before = v.tokens[t0 - 1].key if t0 > 0 else ""
        # "by/of X": an author; "noted that X has stressed": reported speech, not presence
        if before in lex.chair_links and t0 > 1 and any(c.start <= t0 - 2 < c.end for c in v.cues["chair_cues"]):
            return False  # "under the chairmanship of President X": X chairs it
        if before in lex.agent_links and t0 > 1 and any(c.start <= t0 - 2 < c.end for name in (
                "held_cues", "opening_cues", "participation_cues") for c in v.cues[name]):
            return False  # "opened by X", "attended by X": X is there
        return lex.grammar.has_case(last, ("genitive",)) or before in lex.possessor_words
    # Russian: the person follows a proposal noun, perhaps through a position and a country
    # ("инициатива Президента Казахстана Касым-Жомарта Токаева"); case alone is unreliable for surnames
    t0 = m.t0
    while t0 > 0 and (v.mention_at(t0 - 1) is not None and v.mention_at(t0 - 1).type in ("Role", "Country")):
        t0 = v.mention_at(t0 - 1).t0
    return t0 > 0 and any(c.start <= t0 - 1 < c.end for c in v.cues["proposal_cues"])


QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))
SPEECH_WORDS = 8  # a quotation this long is speech, not a name in quotes ("the “Central Asia + Japan” dialogue")


def in_quoted_speech(doc: Document, start: int) -> bool:
    """Whether a character offset lies inside a quotation of speech, which may run over several sentences
    of one paragraph: "“... President X pays special attention to ...”, said the minister"."""
    para_start = doc.text.rfind("\n", 0, start) + 1
    para_end = doc.text.find("\n", start)
    para = doc.text[para_start : para_end if para_end >= 0 else len(doc.text)]
    at = start - para_start
    for opening, closing in QUOTE_PAIRS:
        pos = 0
        while (o := para.find(opening, pos)) >= 0:
            c = para.find(closing, o + 1)
            if c < 0:
                break
            if o < at < c and len(para[o + 1 : c].split()) >= SPEECH_WORDS:
                return True
            pos = c + 1
    return False


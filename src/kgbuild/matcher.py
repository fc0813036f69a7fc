"""Phrase matchers: phrases matched by their normalised words over a sentence's tokens.

The per-language normaliser keys both the phrases and the tokens, so an inflected form meets its base
form. One Aho-Corasick automaton per matcher; overlaps resolve longest-leftmost, no token in two matches.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import ahocorasick

from .datafiles import patterns
from .lang import LANGUAGES
from .language import Token, normalize_phrase


@dataclass(frozen=True)
class Match:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    payload: Any


class PhraseMatcher:
    """Longest-leftmost matching of normalised phrases over normalised tokens."""

    def __init__(self, phrases: Iterable[tuple], lang: str, capitalised: bool = False):
        self.lang = lang
        self.capitalised = capitalised
        self.skippable = skippable_words(lang)
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[Any]] = {}
        for row in phrases:
            phrase, payload = row[0], row[1]
            key = tuple(k for k in normalize_phrase(phrase, lang) if k not in self.skippable)
            if not key:
                continue
            # the source phrase tells whether a capital is expected (names) or not (common words);
            # a third element in the row can switch it off (positions are not names)
            needs_cap = capitalised and (row[2] if len(row) > 2 else True) and any(c.isupper() for c in phrase)
            entries.setdefault(" " + " ".join(key) + " ", []).append((payload, len(key), needs_cap))
        for joined, payloads in entries.items():
            self._automaton.add_word(joined, payloads)
        self.empty = not entries
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, tokens: list[Token], max_tokens: int | None = None, skip: Any = None) -> list[Match]:
        """Longest-leftmost matches; with max_tokens, only phrases shorter than that many tokens;
        `skip` leaves out one payload (to find the names nested inside a name)."""
        if self.empty or not tokens:
            return []
        kept, joined, index_of = _joined(tokens, self.skippable)
        candidates: list[Match] = []
        for end_char, payloads in self._automaton.iter(joined):
            for payload, n, needs_cap in payloads:
                if (max_tokens is not None and n >= max_tokens) or (skip is not None and payload == skip):
                    continue
                # the match covers n tokens ending at end_char (a trailing space)
                last = index_of.get(_token_start_before(joined, end_char))
                if last is None:
                    continue
                first = last - n + 1
                if first < 0:
                    continue
                first, last = kept[first], kept[last]
                if needs_cap and not _looks_like_name(tokens[first].text):
                    continue
                candidates.append(Match(first, last + 1, payload))
        return _longest_leftmost(candidates)


class PhraseMatchers:
    """Several named phrase lists of one language in one automaton, for lists matched without regard to
    capitals (cue words): a sentence's tokens are scanned once for all of them, and each list gets the
    matches its own PhraseMatcher would find (longest-leftmost within the list; tests/test_patterns.py)."""

    def __init__(self, lists: dict[str, Iterable[tuple]], lang: str):
        self.names = list(lists)
        self.skippable = skippable_words(lang)
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple]] = {}
        for name, phrases in lists.items():
            for row in phrases:
                key = tuple(k for k in normalize_phrase(row[0], lang) if k not in self.skippable)
                if key:
                    entries.setdefault(" " + " ".join(key) + " ", []).append((name, row[1], len(key)))
        for joined, payloads in entries.items():
            self._automaton.add_word(joined, payloads)
        self.empty = not entries
        if not self.empty:
            self._automaton.make_automaton()

    def find_each(self, tokens: list[Token]) -> dict[str, list[Match]]:
        found: dict[str, list[Match]] = {name: [] for name in self.names}
        if self.empty or not tokens:
            return found
        kept, joined, index_of = _joined(tokens, self.skippable)
        for end_char, payloads in self._automaton.iter(joined):
            last = index_of.get(_token_start_before(joined, end_char))
            if last is None:
                continue
            for name, payload, n in payloads:
                first = last - n + 1
                if first >= 0:
                    found[name].append(Match(kept[first], kept[last] + 1, payload))
        return {name: _longest_leftmost(candidates) if candidates else [] for name, candidates in found.items()}


_last_joined: tuple = (None, None, 0, None)  # (tokens, skippable, len(tokens), what _joined made of them)


def _joined(tokens: list[Token], skippable: frozenset[str]) -> tuple[list[int], str, dict[int, int]]:
    """The token keys as one string for the automata (" k1 k2 ... "), without the skippable words (articles,
    "the": "Minister of Foreign Affairs of the Kyrgyz Republic"): the kept token positions, the string, and
    char offset -> position in the kept list. A sentence goes through some 35 matchers (cue words, kinds,
    topics) in a row: the last one made is reused for the same token list."""
    global _last_joined
    last = _last_joined
    if last[0] is tokens and last[1] is skippable and last[2] == len(tokens):
        return last[3]
    kept = [i for i, t in enumerate(tokens) if t.key not in skippable]
    index_of: dict[int, int] = {}  # char offset in the joined string -> position in `kept`
    parts = []
    pos = 0
    for n, i in enumerate(kept):
        index_of[pos + 1] = n
        parts.append(tokens[i].key)
        pos += 1 + len(tokens[i].key)
    made = (kept, " " + " ".join(parts) + " ", index_of)
    _last_joined = (tokens, skippable, len(tokens), made)
    return made


@lru_cache(maxsize=None)
def skippable_words(lang: str) -> frozenset[str]:
    """Words the matcher ignores on both sides: the articles of data/patterns/<lang>.yaml."""
    if lang not in LANGUAGES:
        return frozenset()
    return frozenset(w.casefold() for w in patterns(lang).get("articles") or [])


def _token_start_before(joined: str, end_char: int) -> int:
    # end_char is the index of the trailing space; the last token starts after the previous space
    return joined.rfind(" ", 0, end_char) + 1


def _looks_like_name(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


def _longest_leftmost(candidates: list[Match]) -> list[Match]:
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    chosen.sort(key=lambda m: m.start)
    # one match per span: of entries sharing a name, the first candidate (data order) is kept
    return chosen

"""Language detection (lingua, limited to kk/ru/en) and tokens, each keyed by its language's normaliser.

One normaliser per language is applied both to gazetteer entries and to document tokens, so an inflected
form in the text meets its base form in the data (see lang/kk.py, lang/ru.py, lang/en.py).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .datafiles import data_words
from .lang import grammar

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# counted with regexes (one pass in C over the sample instead of a Python test per character)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_KAZAKH = re.compile("[" + "".join(sorted(KAZAKH_LETTERS)) + "]")
# a word character that is no digit, no underscore and in neither the Latin nor the Cyrillic letters'
# blocks: without one, a text has no letter of another script (every letter of U+00C0-U+024F is named
# LATIN, of U+0400-U+052F CYRILLIC)
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0400-\u052f]")
# words (with inner hyphens/apostrophes), and "+" which is part of names such as "Central Asia+" / "C5+1"
TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*|\+", re.UNICODE)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH
    ).build()


def detect_language(text: str) -> str:
    """kk, ru or en. Kazakh-only letters decide quickly; lingua decides the rest."""
    sample = text[:3000]
    cyr = len(_CYRILLIC.findall(sample))
    latin = len(_ASCII_LETTER.findall(sample))
    if cyr and len(_KAZAKH.findall(sample)) / cyr > 0.01:
        return "kk"
    if latin > 3 * cyr:
        return "en"
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return "en" if latin >= cyr else "ru"
    return {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}[lang.name]


def foreign_script(text: str) -> str | None:
    """The script most of the text's letters are in when it is neither Cyrillic nor Latin (Chinese,
    Arabic, Hebrew, ...): kgbuild reads only Kazakh, Russian and English, so such a text is refused by name
    rather than read as English."""
    if not _OTHER_LETTER.search(text, 0, 3000):
        return None  # Latin and Cyrillic letters only (or none): what the count below would find
    scripts: Counter[str] = Counter()
    for c in text[:3000]:
        if c.isalpha():
            scripts[unicodedata.name(c, "UNKNOWN").split()[0]] += 1
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    ours = scripts["CYRILLIC"] + scripts["LATIN"]
    return None if ours >= count or script in ("CYRILLIC", "LATIN") else script.title()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # normalised form used for matching


def normaliser(lang: str) -> Callable[[str], str]:
    return grammar(lang).normalize


def tokenize(text: str, lang: str, offset: int = 0) -> list[Token]:
    norm = normaliser(lang)
    tokens = []
    for m in TOKEN.finditer(text):
        for s, e in _split_compound(m.group()):
            word = m.group()[s:e]
            tokens.append(Token(offset + m.start() + s, offset + m.start() + e, word, norm(word)))
    return tokens


def _split_compound(word: str) -> list[tuple[int, int]]:
    """Spans of a word; a hyphenated pair of known words that is not itself known is two words
    ("Minister-Minister" in "Deputy Prime Minister-Minister of Foreign Affairs"), while compounds the
    data knows stay whole ("Қасым-Жомарт", "су-энергетикалық", "Nur-Sultan")."""
    if "-" not in word:
        return [(0, len(word))]
    known = data_words()
    parts = word.split("-")
    if word.lower() in known or not all(len(p) > 2 and p.lower() in known and p[:1].isupper() for p in parts):
        return [(0, len(word))]
    spans, pos = [], 0
    for p in parts:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 1
    return spans


@lru_cache(maxsize=32768)
def normalize_phrase(phrase: str, lang: str) -> tuple[str, ...]:
    """The phrase's token keys. Cached: the extractor compares a sentence's words with the same gazetteer
    and pattern phrases again and again (about 250 calls a document, 2,000 distinct phrases over 300)."""
    norm = normaliser(lang)
    return tuple(norm(m.group()) for m in TOKEN.finditer(phrase))


_ABBREVIATIONS = {
    "en": ["mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "no.", "u.s.", "u.n.", "e.g.", "i.e.", "jan.", "feb.",
           "aug.", "sept.", "oct.", "nov.", "dec.", "gen.", "amb.", "h.e."],
    "ru": ["г.", "гг.", "т.е.", "т.к.", "т.д.", "т.п.", "др.", "им.", "ул.", "млн.", "млрд.", "тыс.", "см.",
           "руб.", "долл."],
    "kk": ["ж.", "жж.", "т.б.", "т.с.с.", "млн.", "млрд.", "мың."],
}


def abbreviations(lang: str) -> frozenset[str]:
    return frozenset(_ABBREVIATIONS.get(lang, []))

"""English: case-folding, possessive and plural stripping."""
from __future__ import annotations

import re
from functools import lru_cache

from .invariable import can_be_adjective, is_adjective, is_plural_adjective  # noqa: F401 (the grammar's names)

_KEEP_S = ("ss", "us", "is", "os", "as", "ys")

POSSESSIVE = re.compile(r"['’]s?$")

# British and American spellings of the same word meet
SPELLINGS = {"center": "centre", "organization": "organisation", "program": "programme", "defense": "defence",
             "counselor": "counsellor", "dialog": "dialogue"}


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    w = _normalize(word)
    return SPELLINGS.get(w, w)


def _normalize(word: str) -> str:
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("s") and not w.endswith(_KEEP_S) and w.isalpha():
        return w[:-1]
    return w


def lemmas(word: str) -> frozenset[str]:
    return frozenset({normalize(word)})


def is_plural(word: str, key: str) -> bool:
    """The key lost a plural ending ("talks" -> "talk"); a possessive's is not one."""
    low = word.lower()
    return low != key and not low.endswith(("'s", "’s"))


def is_future(word: str) -> bool:
    """English writes the future with its own words ("will", "to be held"): the cue lists hold them."""
    return False


def is_past(word: str) -> bool:
    """English cue words are written in the forms that carry their tense: no lemma loses it."""
    return False


def has_case(word: str, cases: tuple[str, ...]) -> bool:
    """English keeps one case ending, the possessive ("Tokayev's"), read as the genitive."""
    return "genitive" in cases and POSSESSIVE.search(word) is not None


def is_genitive_attribute(word: str) -> bool:
    """English joins a name's parts with "of", not by case: no word form continues one."""
    return False


def base_word(word: str) -> str:
    return word.replace("’s", "").replace("'s", "")


def base_name(words: list[str]) -> list[str]:
    return [base_word(w) for w in words]


def nominative(tokens, head_end: int, text: str) -> str:
    """A name phrase as written (tokens: anything with start and end offsets into `text`)."""
    return text[tokens[0].start : tokens[-1].end]


def name_words_agree(given: str, surname: str) -> bool:
    """English names do not inflect: any capitalised word before a surname can be a given name."""
    return True


def is_name_word(word: str) -> bool:
    """English has no dictionary of names here: any capitalised word may be part of one."""
    return True

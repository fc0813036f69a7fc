"""English: case-folding, possessive and plural stripping."""
from __future__ import annotations

from functools import lru_cache

_KEEP_S = ("ss", "us", "is", "os", "as", "ys")


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

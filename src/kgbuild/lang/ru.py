"""Russian: lemmas from pymorphy3 (its dictionaries ship with pymorphy3-dicts-ru; nothing is fetched)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    w = word.replace("ё", "е").replace("Ё", "Е")
    if len(w) >= 2 and w.isupper():  # ООН, МИД, РЦПДЦА: acronyms are not inflected
        return w.lower()
    if not any("\u0400" <= c <= "\u04ff" for c in w):
        return w.lower()
    parses = _morph().parse(w.lower())
    if w[0].isupper():
        # prefer a proper-noun reading for capitalised words ("Ташкенте" -> "ташкент"); of several,
        # the shortest lemma is the masculine base ("Токаева" -> "токаев", not the feminine "токаева")
        proper = [p.normal_form for p in parses if {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(p.tag.grammemes)]
        if proper:
            return min(proper, key=len).replace("ё", "е")
    return parses[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def cases(word: str) -> frozenset[str]:
    """The grammatical cases pymorphy3 allows for a word form (nomn, gent, datv, accs, ablt, loct)."""
    return frozenset(p.tag.case for p in _morph().parse(word.lower()) if p.tag.case)

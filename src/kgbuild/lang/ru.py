"""Russian: lemmas from pymorphy3 (its dictionaries ship with pymorphy3-dicts-ru; nothing is fetched)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return _SafeAnalyzer(pymorphy3.MorphAnalyzer(lang="ru"))


class _SafeAnalyzer:
    """pymorphy3's analyzer, except that a word it cannot analyse gets one unknown-word reading instead
    of an exception: pymorphy3 looks up the Unicode name of every letter, and letters without one
    (Tangut, U+17000...) raise ValueError, which would stop the whole build on one odd character."""

    def __init__(self, morph):
        self._morph = morph

    def parse(self, word: str):
        try:
            return self._morph.parse(word)
        except ValueError:
            from pymorphy3.analyzer import Parse

            return [Parse(word, self._morph.TagClass("UNKN"), word, 1.0, ())]

    def __getattr__(self, name):
        return getattr(self._morph, name)


SURNAME_ENDINGS = ("ов", "ев", "ин", "ын")


@lru_cache(maxsize=200_000)
def _parses(word: str) -> tuple:
    """pymorphy3's readings of a lower-case word form, once per form (its dictionary walk is pure Python)."""
    return tuple(_morph().parse(word))


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    """The lemma. Of several readings, a lemma that is a word of kgbuild's data wins (the data is written
    in base forms); for other capitalised words a surname or masculine name reading is preferred, so
    "Токаева" -> "токаев" (not the feminine "токаева") and "Ташкенте" -> "ташкент"."""
    if len(word) >= 2 and word.isupper():  # ООН, МИД, РЦПДЦА: acronyms are not inflected
        return word.lower().replace("ё", "е")
    if not any("\u0400" <= c <= "\u04ff" for c in word):
        return word.lower()
    parses = _parses(word.lower())
    lemmas = [p.normal_form.replace("ё", "е") for p in parses]
    known = [lemma for lemma in lemmas if lemma in vocabulary()]
    if known:  # the data may hold an inflected form too ("спасения Арала"): the shortest is the lemma
        return min(known, key=lambda k: (len(k), lemmas.index(k)))
    low = word.lower().replace("ё", "е")
    if word[0].isupper() and low.endswith(SURNAME_ENDINGS) and low in vocabulary():
        return low  # a surname as the data writes it ("Токаев", which pymorphy3 takes for "токай")
    if word[0].isupper():
        def rank(p) -> int:
            g = set(p.tag.grammemes)
            if "Surn" in g:
                return 0 if "masc" in g else 1
            if {"Name", "Patr"} & g:
                return 2 if "masc" in g else 3
            if {"Geox", "Orgn"} & g:
                return 4
            return 9

        best = min(parses, key=rank)
        if rank(best) < 9:
            return best.normal_form.replace("ё", "е")
    return lemmas[0]


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    from ..datafiles import data_words

    return frozenset(w.replace("ё", "е") for w in data_words())


@lru_cache(maxsize=200_000)
def case_tags(word: str) -> frozenset[str]:
    """The grammatical cases pymorphy3 allows for a word form (nomn, gent, datv, accs, ablt, loct)."""
    return frozenset(p.tag.case for p in _parses(word.lower()) if p.tag.case)


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma pymorphy3 allows for a word form ("второе" -> второй, второе)."""
    return frozenset(p.normal_form.replace("ё", "е") for p in _parses(word.lower()))


@lru_cache(maxsize=50_000)
def is_future(word: str) -> bool:
    """A finite verb form in the future tense ("пройдет", "состоится", "примут")."""
    parses = _parses(word.lower())
    return bool(parses) and "futr" in parses[0].tag and "VERB" in parses[0].tag


def is_past(word: str) -> bool:
    """A verb form in the past tense ("был", "прошла"): a future cue's lemma ("будет") shares it."""
    parses = _parses(word.lower())
    return bool(parses) and "past" in parses[0].tag and "VERB" in parses[0].tag


# the case names extraction asks about, as pymorphy3 tags them
CASE_TAGS = {"nominative": "nomn", "genitive": "gent", "dative": "datv", "accusative": "accs",
             "instrumental": "ablt", "locative": "loct"}


def has_case(word: str, cases: tuple[str, ...]) -> bool:
    """Whether pymorphy3 allows the word form one of the named cases."""
    return any(CASE_TAGS[c] in case_tags(word) for c in cases)


def is_plural(word: str, key: str) -> bool:
    return "plur" in _parses(word.lower())[0].tag


def is_genitive_attribute(word: str) -> bool:
    """A lower-case noun, adjective or participle read first in the genitive: it continues a name
    ("Службы водных ресурсов")."""
    p = _parses(word.lower())[0]
    return word.islower() and len(word) > 2 and p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF")


def is_adjective(word: str) -> bool:
    """Read first as an adjective or participle ("Исполнительного"), which agrees with the head after it."""
    return len(word) > 2 and _parses(word.lower())[0].tag.POS in ("ADJF", "PRTF")


def can_be_adjective(word: str) -> bool:
    """Any reading an adjective or participle: a proper adjective may read as a surname first ("Астанинском")."""
    return any(p.tag.POS in ("ADJF", "PRTF") for p in _parses(word.lower()))


def is_plural_adjective(word: str) -> bool:
    """An adjective that can only be plural ("международные"): it tells an ambiguous head's number."""
    parses = [p for p in _parses(word.lower()) if "ADJF" in p.tag]
    return bool(parses) and all("plur" in p.tag for p in parses)


def base_word(word: str) -> str:
    """A name word in the nominative, capitalised."""
    base = normalize(word)
    return base[:1].upper() + base[1:] if base else word


def base_name(words: list[str]) -> list[str]:
    """A name in the nominative: lemmatised only when the given name is clearly inflected
    ("Шавката Мирзиёева" -> "Шавкат Мирзиёев"); unknown names already in the nominative stay as written
    ("Сулаймон Зиезода", "Чарыяр Четиев")."""
    parses = [p for p in _parses(words[0].lower()) if {"Name", "Surn"} & set(p.tag.grammemes)]
    if parses and not any(p.tag.case == "nomn" for p in parses):
        return [base_word(w) for w in words]
    return words


def nominative(tokens, head_end: int, text: str) -> str:
    """"Рамочной конвенции Центральной Азии" -> "Рамочная конвенция Центральной Азии": the first `head_end`
    words (the head and the words before it) go to the nominative, the dependent tail stays as written
    (tokens: anything with the text of each)."""
    words = []
    for i, tok in enumerate(tokens):
        if i < head_end and tok.text.isalpha():
            p = _parses(tok.text)[0]
            form = p.inflect({"nomn", "sing"}) if "NOUN" in p.tag or "ADJF" in p.tag else None
            w = form.word if form else tok.text
            words.append(w[:1].upper() + w[1:] if tok.text[:1].isupper() else w)
        else:
            words.append(tok.text)
    return " ".join(words)


def name_words_agree(given: str, surname: str) -> bool:
    """A capitalised word and a surname can be one person's name: they share a case ("Давлатом Саидовым",
    not "Давосе Саидов")."""
    return bool(case_tags(given) & case_tags(surname))


def is_name_word(word: str) -> bool:
    """A capitalised word can be part of a person's name: not one the dictionary reads as a place
    ("Гватемалы") or as an adjective ("Экваториальной"), unless it may be a given name or surname; a word
    the dictionary does not know (a foreign name, "Стево") may be."""
    parses = _parses(word.lower())
    if not parses[0].is_known or any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses):
        return True
    first = parses[0].tag
    return "Geox" not in first and "ADJF" not in first

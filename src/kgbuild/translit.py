"""Transliteration keys: one Latin key for a name in Kazakh or Russian Cyrillic, Kazakh Latin or English.

Ашықбаев, Ашикбаев, Ashikbayev, Ashykbayev -> "ashikbaev". The key folds the usual spelling variants
(y/i, kh/h, dzh/j, doubled letters) so that persons not in the gazetteer still merge across scripts.

Names in one script: the languages a name is wanted in (`LANGS`), the script each is written in, the order
in which a name in another language stands in for a missing one (`name_languages`), and the canonical
transliteration of a name into a language's script (`in_script_of`: `romanize` into Latin, `cyrillize`
into Cyrillic), shared by the networks' and the stored queries' names.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
# Kazakh Latin (2017-2021 alphabets) letters folded to plain ASCII
LATIN_FOLD = {"á": "a", "ǵ": "g", "ń": "n", "ó": "o", "ú": "u", "ý": "y", "ı": "i", "ş": "sh", "ç": "ch",
              "ğ": "g", "ö": "o", "ü": "u", "ä": "a", "ñ": "n", "q": "k"}


def to_latin(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch in LATIN_FOLD:
            out.append(LATIN_FOLD[ch])
        else:
            out.append(ch)
    s = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in s if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """A spelling-tolerant key: Kaha/Kakha, Ashikbayev/Ashykbayev/Ашықбаев all meet."""
    s = to_latin(text)
    s = re.sub(r"[^a-z ]+", " ", s)
    s = s.replace("kh", "h").replace("dzh", "j").replace("zh", "j").replace("ay", "ai").replace("ey", "ei")
    s = s.replace("y", "i").replace("yu", "iu").replace("ya", "ia").replace("ie", "e")
    s = re.sub(r"(.)\1+", r"\1", s)
    s = re.sub(r"iev\b", "ev", s).replace("aiev", "aev")
    s = re.sub(r"ai(?=ev\b)", "a", s)
    return re.sub(r"\s+", " ", s).strip()


def person_key(name: str) -> str:
    """IRI-safe spelling-folded key (organisations found by pattern; persons take `slug`)."""
    return name_key(name).replace(" ", "-") or "unnamed"


# Kazakh letters the Russian alphabet lacks, as Kazakh names are written in Russian (and romanised from it)
KAZAKH_IN_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def romanize(name: str) -> str:
    """A name in its canonical Latin form, by one rule for every document: Kazakh and Russian Cyrillic by
    the Wikipedia scheme ("Шухрат Ганиев" -> "Shukhrat Ganiyev", "Ержан Ашықбаев" -> "Yerzhan Ashykbayev");
    a name in Latin letters stays as written."""
    if not re.search(r"[\u0400-\u04ff]", name):
        return name
    return iuliia.WIKIPEDIA.translate(name.translate(KAZAKH_IN_RUSSIAN))


def slug(name: str) -> str:
    """IRI-safe, readable and lossless up to letter case and accents: the canonical Latin form's words."""
    s = unicodedata.normalize("NFKD", romanize(name).lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "unnamed"


# ------------------------------------------------------------ one script --

LANGS = ("en", "ru", "kk")  # the languages names are given in
SCRIPT = {"en": "Latin", "ru": "Cyrillic", "kk": "Cyrillic"}
# where to look when a thing has no name in the chosen language: languages written in the same script
SAME_SCRIPT = {"en": ("en",), "ru": ("ru", "kk"), "kk": ("kk", "ru")}


def name_languages(lang: str) -> tuple[str, ...]:
    """The languages whose name stands for a thing in `lang`, most wanted first: `lang`, the languages of
    its script, then the others (whose names are transliterated): en -> en ru kk, ru -> ru kk en."""
    return (*SAME_SCRIPT[lang], *(other for other in LANGS if other not in SAME_SCRIPT[lang]))


CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")  # ASCII letters and the Latin-1 to Latin Extended-B block


def script_of(text: str) -> str | None:
    """"Cyrillic", "Latin", "mixed", or None for a text without letters."""
    cyr = CYRILLIC_LETTER.search(text) is not None
    lat = LATIN_LETTER.search(text) is not None
    return "mixed" if cyr and lat else "Cyrillic" if cyr else "Latin" if lat else None


def in_script_of(name: str, lang: str) -> str:
    """`name` written wholly in the script of `lang`: as it is when it already is, else transliterated
    (Cyrillic letters by `romanize`, Latin ones by `cyrillize`)."""
    if script_of(name) in (SCRIPT[lang], None):
        return name
    return romanize(name) if SCRIPT[lang] == "Latin" else cyrillize(name, lang)


# Latin -> Cyrillic: the Wikipedia scheme of `romanize` read backwards (digraphs first), with the letters
# English and the Kazakh Latin alphabets add; a name romanised from Russian comes back as it was written
# ("Yerzhan Ashikbayev" -> "Ержан Ашикбаев", "Dostoyevsky" -> "Достоевский")
LATIN_DIGRAPHS = {"shch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ya": "я",
                  "yo": "ё", "ph": "ф", "th": "т", "ck": "к"}
LATIN_LETTERS = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
                 "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
                 "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з"}
# the Kazakh Latin letters (2017-2021 alphabets): their Kazakh Cyrillic letters, and in Russian the letters
# Kazakh names are written with there (KAZAKH_IN_RUSSIAN)
KAZAKH_LATIN = {"á": "ә", "ä": "ә", "ǵ": "ғ", "ğ": "ғ", "ı": "ы", "ń": "ң", "ñ": "ң", "ó": "ө", "ö": "ө",
                "ú": "ұ", "ü": "ү", "ý": "у", "ş": "ш", "ç": "ч", "q": "қ"}
VOWELS = set("aeiouy")
LATIN_WORD = re.compile(r"[^\W\d_]+")


def cyrillize(name: str, lang: str = "ru") -> str:
    """A name in Latin letters written in Cyrillic (`lang` ru or kk: Kazakh Latin letters become Kazakh
    letters in kk, their Russian counterparts in ru); Cyrillic letters and everything else stay."""
    return LATIN_WORD.sub(lambda m: _cyrillic_word(m.group(), lang), name)


@lru_cache(maxsize=1 << 16)  # the words of names repeat (a layer shows 15,000 names, a query's rows many more)
def _cyrillic_word(word: str, lang: str) -> str:
    if not any(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word):
        return word  # a Cyrillic word
    if len(word) > 1 and word.isupper():  # an acronym, letter by letter: UNRCCA -> УНРККА
        return "".join(_cyrillic_letter(ch.lower(), lang) for ch in word).upper()
    out, i, low = [], 0, word.lower()
    while i < len(low):
        ch, prev, after = low[i], low[i - 1] if i else "", low[i + 1] if i + 1 < len(low) else ""
        digraph = next((d for d in LATIN_DIGRAPHS if low.startswith(d, i)), None)
        step = len(digraph) if digraph else 1
        if digraph:
            text = LATIN_DIGRAPHS[digraph]
        elif low.startswith("ye", i):  # е at a word's start and after a vowel, ье after a consonant
            step, text = 2, "е" if not prev or prev in VOWELS else "ье"
        elif ch == "y" and not after and prev and prev not in VOWELS and lang == "ru":
            text = "ий"  # Dmitry, Dostoyevsky: the scheme writes a closing -ий as -y
        elif ch == "y" and (prev in VOWELS or after in VOWELS):
            text = "й"  # Nikolay, Aybek, Maya
        elif ch == "e" and not prev:
            text = "э"  # Erlan: the scheme writes a word's first Е as Ye
        elif ch == "c" and after in ("e", "i", "y"):
            text = "с"
        else:
            text = _cyrillic_letter(ch, lang)
        out.append(text.capitalize() if word[i].isupper() else text)
        i += step
    return "".join(out)


def _cyrillic_letter(ch: str, lang: str) -> str:
    if ch in KAZAKH_LATIN and (lang == "kk" or ch not in LATIN_LETTERS):
        cyr = KAZAKH_LATIN[ch]
        return cyr if lang == "kk" else cyr.translate(KAZAKH_IN_RUSSIAN)
    if ch in LATIN_LETTERS:
        return LATIN_LETTERS[ch]
    plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return LATIN_LETTERS.get(plain, ch)

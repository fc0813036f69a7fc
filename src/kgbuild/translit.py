"""Transliteration keys: one Latin key for a name in Kazakh or Russian Cyrillic, Kazakh Latin or English.

Ашықбаев, Ашикбаев, Ashikbayev, Ashykbayev -> "ashikbaev". The key folds the usual spelling variants
(y/i, kh/h, dzh/j, doubled letters) so that persons not in the gazetteer still merge across scripts.
"""
from __future__ import annotations

import re
import unicodedata

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

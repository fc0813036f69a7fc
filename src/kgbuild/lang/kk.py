"""Kazakh suffix rules: reduce a word form to a stem by stripping inflectional suffixes.

Kazakh is agglutinative: Алматыда, Ташкентте, Ауғанстандағы, Тоқаевтың, министрінің. Suffix variants
follow vowel harmony (back а/ы/ұ/о vs front е/і/ү/ө/ә) and final-sound assimilation (д/т/л/н, ғ/қ/г/к):
rather than generate every form, we strip any variant of the case, possessive and plural suffixes, from
the outside in, on both the gazetteer side and the text side, so both reduce to the same stem.
"""
from __future__ import annotations

from functools import lru_cache

from .invariable import can_be_adjective, is_adjective, is_plural_adjective  # noqa: F401 (the grammar's names)
from .names import SURNAME

# Each suffix variant with the classes of sound it may follow (vowel harmony and final-sound
# assimilation): V vowel, S voiced consonant or sonorant, N nasal м/н/ң, K voiceless consonant,
# P right after a 3rd-person possessive ending.
# Checking the class keeps stripping consistent: "мақсаты" is мақсат + ы (possessive), never
# *мақса + ты (the accusative -ты cannot follow a vowel), so base and inflected forms meet.
RULES: dict[str, str] = {
    # genitive
    "ның": "VN", "нің": "VN", "дың": "S", "дің": "S", "тың": "K", "тің": "K",
    # accusative (-н after a possessive)
    "ны": "V", "ні": "V", "ды": "SN", "ді": "SN", "ты": "K", "ті": "K", "н": "P",
    # dative (-на/-не after a possessive)
    "ға": "VSN", "ге": "VSN", "қа": "K", "ке": "K", "на": "P", "не": "P",
    # locative (-нда/-нде after a possessive), and locative + relative -ғы
    "да": "VSN", "де": "VSN", "та": "K", "те": "K", "нда": "P", "нде": "P",
    "дағы": "VSN", "дегі": "VSN", "тағы": "K", "тегі": "K", "ндағы": "P", "ндегі": "P",
    # ablative
    "дан": "VS", "ден": "VS", "нан": "VN", "нен": "VN", "тан": "K", "тен": "K",
    # instrumental
    "мен": "VSN", "бен": "SN", "пен": "K",
    # relative
    "ғы": "VSN", "гі": "VSN", "қы": "K", "кі": "K",
    # possessive (3rd person, 1st plural)
    "ы": "SNK", "і": "SNK", "сы": "V", "сі": "V", "ымыз": "SNK", "іміз": "SNK", "мыз": "V", "міз": "V",
    # plural
    "лар": "VS", "лер": "VS", "дар": "SN", "дер": "SN", "тар": "K", "тер": "K",
}
POSSESSIVE = ("ы", "і", "сы", "сі", "ымыз", "іміз", "мыз", "міз")
PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
VOWELS = set("аәеёиоөұүыіэюя")  # у is a semivowel here: кездесу-і, кездесу-дің
NASALS = set("мнң")
VOICELESS = set("кқпстфхцчшщһв")  # final в of Russian surnames takes т-forms: Тоқаевтың
CASE = [s for s in RULES if s not in POSSESSIVE + PLURAL]
ORDINAL = ["ыншы", "інші", "ншы", "нші", "шы", "ші"]
SUFFIXES = sorted(RULES, key=len, reverse=True)
MIN_STEM = 3
VOICED_FINAL = {"г": "к", "ғ": "қ", "б": "п"}
DEVOICED = set("бгджз")  # voiced finals of loanwords, which take the suffixes of voiceless ones too


def sound_class(ch: str) -> str:
    if ch in VOWELS:
        return "V"
    if ch in NASALS:
        return "N"
    if ch in VOICELESS:
        return "K"
    return "S"


def _may_follow(stem: str, suffix: str) -> bool:
    if not stem:
        return False
    allowed = RULES[suffix]
    if "P" in allowed:  # only after a 3rd-person possessive (-ы/-і/-сы/-сі)
        return stem[-1] in "ыі"
    last = stem[-1]
    if last in "ьъ" and len(stem) > 1:
        # a soft sign is written both ways: Беларусь-тің after its с, Астрахань-дың as after a sonorant
        return sound_class(stem[-2]) in allowed or "S" in allowed
    if last in DEVOICED and "K" in allowed:
        return True  # loanwords end devoiced: Гамбург-те, Минск-іде, Париж-де
    if last == "и" and "S" in allowed:
        return True  # a final и is read [ій] as well: Тбилиси-дің, Сочи-ді
    return sound_class(last) in allowed


def _surface(word: str) -> tuple[str, bool]:
    """(lower-cased word with a hyphen-attached suffix removed, whether further stripping is allowed)."""
    w = word.replace("’", "'").replace("‐", "-")
    if "-" in w:
        head, _, tail = w.rpartition("-")
        if tail.lower() in ORDINAL or _strips_fully(tail.lower()):
            w = head
    # "БҰҰның" (an acronym glued to its suffix)
    i = len(w)
    while i > 0 and w[i - 1].islower():
        i -= 1
    if i >= 2 and w[:i].isupper() and _strips_fully(w[i:].lower()):
        return w[:i].lower(), False
    if len(w) >= 2 and w.isupper():
        return w.lower(), False
    low = w.lower()
    # a hyphenated name inflects in its last part: Нью-Йорк-те, Чолпон-Ата-да
    return low, low.replace("-", "").isalpha() and not low.startswith("-") and not low.endswith("-")


def candidates(word: str) -> set[str]:
    """Every stem the word can have under the suffix rules (the word itself included)."""
    w, strippable = _surface(word)
    out = {w}
    if not strippable:
        return out
    frontier = [w]
    for _ in range(4):
        nxt = []
        for form in frontier:
            for suf in SUFFIXES:
                if form.endswith(suf) and len(form) - len(suf) >= MIN_STEM and _may_follow(form[: -len(suf)], suf):
                    base = form[: -len(suf)]
                    bases = [base]
                    # final к/қ/п voice to г/ғ/б before a vowel: министрлік + і -> министрлігі
                    if suf[0] in VOWELS and base[-1] in VOICED_FINAL:
                        bases.append(base[:-1] + VOICED_FINAL[base[-1]])
                    for b in bases:
                        if b not in out:
                            out.add(b)
                            nxt.append(b)
        frontier = nxt
    return out


def greedy_stem(word: str) -> str:
    w, strippable = _surface(word)
    if not strippable:
        return w
    for _ in range(4):
        for suf in SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= MIN_STEM and _may_follow(w[: -len(suf)], suf):
                w = w[: -len(suf)]
                break
        else:
            break
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The word's stem: of all stems the suffix rules allow, the shortest that is a word of kgbuild's
    data (gazetteers and cue words, which are written in base form); otherwise the greedy stem.
    Suffix stripping alone is ambiguous (интеллекті = интеллект + і, or *интеллек + ті): the data's
    vocabulary decides, the same way on both sides."""
    known = candidates(word) & vocabulary()
    if known:
        return min(known, key=lambda c: (len(c), c))
    return greedy_stem(word)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    from ..datafiles import data_words

    return frozenset(w for w in data_words() if len(w) >= MIN_STEM)


def _strips_fully(tail: str) -> bool:
    """True when the whole tail is a chain of suffixes (e.g. "ның", "сының")."""
    if not tail:
        return True
    return any(tail.endswith(s) and _strips_fully(tail[: -len(s)]) for s in SUFFIXES if len(s) <= len(tail))


CASE_ONLY = sorted(set(CASE), key=len, reverse=True)


def strip_case(word: str) -> str:
    """Drop one case ending and keep the rest as written (case preserved): "Тоқаевтың" -> "Тоқаев",
    "бағдарламасына" -> "бағдарламасы", "жобасын" -> "жобасы". For names and head nouns, where the full
    stemmer would cut too deep ("Каха" must stay "Каха")."""
    low = word.lower()
    if "-" in word:
        head, _, tail = word.rpartition("-")
        if _strips_fully(tail.lower()):
            return head
    for suf in CASE_ONLY:
        if low.endswith(suf) and len(low) - len(suf) >= 4 and _may_follow(low[: -len(suf)], suf):
            return word[: -len(suf)]
    return word


def normalize(word: str) -> str:
    return stem(word)


def has_case(word: str, cases: tuple[str, ...]) -> bool:
    """True when the word form ends in one of the given case suffix families (e.g. ("genitive",))."""
    w = word.lower().replace("’", "'")
    if "-" in w:
        w = w.rpartition("-")[2] or w
    return any(w.endswith(s) for c in cases for s in CASE_FAMILIES[c])


CASE_FAMILIES = {
    "genitive": ("ның", "нің", "дың", "дің", "тың", "тің"),
    "locative": ("нда", "нде", "да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),
    "instrumental": ("мен", "бен", "пен"),
    "dative": ("ға", "ге", "қа", "ке", "на", "не"),
    "accusative": ("ны", "ні", "ды", "ді", "ты", "ті", "ын", "ін"),
    "ablative": ("нан", "нен", "дан", "ден", "тан", "тен"),
}


def lemmas(word: str) -> frozenset[str]:
    """The stem the data's vocabulary chose: suffix stripping alone would allow several."""
    return frozenset({normalize(word)})


def is_plural(word: str, key: str) -> bool:
    """A plural suffix right after the stem ("өкілдері": өкіл + дер + і)."""
    low = word.lower()
    rest = low[len(key):] if low.startswith(key) else ""
    return rest.startswith(PLURAL)


def is_future(word: str) -> bool:
    """Kazakh cue words are written in the forms that carry their tense (өтті, өтеді): no stem loses it."""
    return False


def is_past(word: str) -> bool:
    """Kazakh cue words are written in the forms that carry their tense: no stem loses it."""
    return False


def is_genitive_attribute(word: str) -> bool:
    return word.islower() and has_case(word, ("genitive",))


def base_word(word: str) -> str:
    """A name word without its case ending; a surname of the region as written ("Шарифзода",
    "Ашықбаев") carries none to strip."""
    return word if SURNAME.search(word.lower()) else strip_case(word)


def base_name(words: list[str]) -> list[str]:
    return [base_word(w) for w in words]


def nominative(tokens, head_end: int, text: str) -> str:
    """A name phrase as written, its last word without its case ending: a Kazakh phrase inflects only
    there (tokens: anything with start and end offsets into `text`, and the text of each)."""
    return text[tokens[0].start : tokens[-1].start] + strip_case(tokens[-1].text)


def name_words_agree(given: str, surname: str) -> bool:
    """A capitalised word and a surname can be one person's name: only the last word takes the case
    ("Дәулет Саидовпен"); a word in the locative or ablative is a place ("Давоста Саидов")."""
    return not has_case(given, ("locative", "ablative"))


def is_name_word(word: str) -> bool:
    """Kazakh has no dictionary of names here: any capitalised word may be part of one."""
    return True

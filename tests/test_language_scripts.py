"""The script and language tests read a text's letters with regexes; they give what counting the letters
one by one (by their Unicode names, and by code point ranges) gives."""
from __future__ import annotations

import random
import re
import unicodedata

from kgbuild.language import KAZAKH_LETTERS, foreign_script

# letters and non-letters of many scripts, edge cases of the Latin-1 block among them (ª µ º are letters
# whose names are not LATIN), combining marks, digits of other scripts, punctuation
ALPHABET = ("abcXYZ éßĸŉǅ ªµº АяЁёҚқӘәҺһ ԀԯᲀꙀ 王毅哈 التقى שלום Ωω ﬁ ١٢٣ ²½ \u0301\u0483 -–—.,;:!?()«»\n\t"
            "0123456789 _ \u00d7\u00f7 ᠠ ꓐ 𝐀")


def reference(text: str) -> str | None:
    """foreign_script without its shortcut: every letter of the first 3,000 characters counted by the first
    word of its Unicode name."""
    from kgbuild import language

    shortcut = language._OTHER_LETTER
    language._OTHER_LETTER = re.compile("")  # matches anything: the count always runs
    try:
        return foreign_script(text)
    finally:
        language._OTHER_LETTER = shortcut


def test_foreign_script_is_the_letter_by_letter_count_on_random_texts():
    rng = random.Random(7)
    for _ in range(3000):
        pool = rng.sample(ALPHABET, rng.randint(1, 12))
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        assert foreign_script(text) == reference(text), text
    # past the 3,000 characters looked at, another script does not count
    assert foreign_script("a" * 3000 + "王" * 10) is None and reference("a" * 3000 + "王" * 10) is None
    assert foreign_script("王" * 5 + "a" * 3) == "Cjk"


def test_every_letter_of_the_blocks_taken_as_latin_or_cyrillic_is_named_so():
    for lo, hi in ((0xC0, 0x250), (0x400, 0x530)):
        for code in range(lo, hi):
            c = chr(code)
            if c.isalpha():
                assert unicodedata.name(c).split()[0] in ("LATIN", "CYRILLIC"), hex(code)


def test_the_kazakh_letters_are_cyrillic():
    assert all("\u0400" <= c <= "\u04ff" for c in KAZAKH_LETTERS)

"""The Kazakh suffix-aware matcher on its own: inflected forms meet their base forms."""
from __future__ import annotations

import pytest

from kgbuild.lang import kk
from kgbuild.language import tokenize
from kgbuild.matcher import PhraseMatcher

# (text form, base form): case, possessive and plural suffixes under vowel harmony and assimilation
FORMS = [
    ("Алматыда", "Алматы"),  # locative after a vowel
    ("Ташкентте", "Ташкент"),  # locative -те after a voiceless consonant
    ("Ауғанстандағы", "Ауғанстан"),  # locative + relative -дағы
    ("Тоқаевтың", "Тоқаев"),  # genitive -тың after final в
    ("Қазақстанның", "Қазақстан"),  # genitive -ның after н
    ("министрінің", "министр"),  # possessive + genitive
    ("орынбасарларының", "орынбасар"),  # plural + possessive + genitive
    ("кездесуінің", "кездесу"),  # у takes -і, not -ы/-ны
    ("конвенцияны", "конвенция"),  # accusative after a vowel
    ("бағдарламасына", "бағдарлама"),  # possessive -сы + dative -на
    ("басымдыққа", "басымдық"),  # dative -қа after қ
    ("жылғы", "жыл"),  # relative -ғы
    ("БҰҰ-ның", "БҰҰ"),  # acronym with a hyphenated suffix
    ("Имнадзені", "Имнадзе"),
    ("интеллектіні", "интеллект"),  # ambiguous (интеллек+ті?): the vocabulary decides
]


@pytest.mark.parametrize("form,base", FORMS)
def test_inflected_form_has_the_stem_of_its_base_form(form, base):
    assert kk.stem(form) == kk.stem(base)


@pytest.mark.parametrize("word", ["мақса", "Алма", "Ташкентте"])
def test_suffixes_follow_the_sound_before_them(word):
    # -ты (accusative) cannot follow a vowel; -те (locative) follows a voiceless consonant
    assert "мақс" not in kk.candidates("мақсаты")
    assert "ташкент" in kk.candidates("Ташкентте")
    assert kk.sound_class("а") == "V" and kk.sound_class("т") == "K" and kk.sound_class("н") == "N"


@pytest.mark.parametrize("word,expected", [("Тоқаевтың", "Тоқаев"), ("Каха", "Каха"), ("Оразбайдың", "Оразбай"),
                                          ("бағдарламасына", "бағдарламасы"), ("жобасын", "жобасы")])
def test_strip_case_keeps_names_whole(word, expected):
    assert kk.strip_case(word) == expected


def test_matcher_finds_inflected_multiword_names_with_offsets():
    text = "Ержан Ашықбаев Ташкентте өткен кездесуде Қазақстан Республикасы Сыртқы істер министрлігінің ұстанымын айтты."
    tokens = tokenize(text, "kk")
    m = PhraseMatcher(
        [("Ташкент", "city"), ("Қазақстан Республикасы Сыртқы істер министрлігі", "mfa"), ("Қазақстан", "country")],
        "kk",
        capitalised=True,
    )
    found = [(text[tokens[x.start].start : tokens[x.end - 1].end], x.payload) for x in m.find(tokens)]
    # longest-leftmost: the ministry wins over the country inside it
    assert found == [("Ташкентте", "city"), ("Қазақстан Республикасы Сыртқы істер министрлігінің", "mfa")]


def test_matcher_does_not_match_inside_a_longer_word():
    tokens = tokenize("Алматылықтар мен ташкенттіктер", "kk")
    m = PhraseMatcher([("Алматы", "city")], "kk", capitalised=True)
    assert m.find(tokens) == []


def test_capitalised_names_do_not_match_common_words():
    # "алма" (apple) is not the city Алматы, and a lower-case word is not a name
    tokens = tokenize("алматы базары", "kk")
    m = PhraseMatcher([("Алматы", "city")], "kk", capitalised=True)
    assert m.find(tokens) == []

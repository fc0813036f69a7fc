"""Display names: short, in the chosen language, one script per picture, never two alike. Names here are
invented for the test, except the gazetteer's own entries."""
from __future__ import annotations

import pytest

from kgbuild.network import NameBook, display_names
from kgbuild.network.names import LIMIT, gazetteer_book, latin, script_of, shorten
from kgbuild.vocab import ID

UNRCCA = ID + "org/unrcca"


def book_of(rows: dict[str, dict[str, list[str]]], short: dict[str, dict[str, list[str]]] | None = None) -> NameBook:
    book = NameBook()
    for node, by_lang in rows.items():
        for lang, names in by_lang.items():
            for name in names:
                book.add(node, lang, name)
    for node, by_lang in (short or {}).items():
        for lang, names in by_lang.items():
            for name in names:
                book.add(node, lang, name, short=True)
    return book


@pytest.mark.parametrize("lang, expected", [("en", "UNRCCA"), ("ru", "РЦПДЦА")])
def test_a_long_gazetteer_name_shows_as_its_acronym_in_the_chosen_language(lang, expected):
    names = display_names([UNRCCA], lang, gazetteer_book())
    assert names.names == {UNRCCA: expected}
    assert not names.transliterated


def test_a_long_name_containing_a_known_long_name_uses_its_acronym_there():
    book = gazetteer_book()
    programme = ID + "programme/x"
    book.add(programme, "en", "United Nations Regional Centre for Preventive Diplomacy for Central Asia Programme "
                              "of Action 2031–2033")
    assert display_names([programme], "en", book).names[programme] == "UNRCCA Programme of Action 2031–2033"


def test_an_acronym_replaces_whole_words_only():
    acronyms = [("Central Asia", "CA")]
    text = "3rd annual meeting of deputy foreign ministers of Central Asian states of Central Asia"
    assert shorten(text, [], "Latin", acronyms, limit=80) == \
        "3rd annual meeting of deputy foreign ministers of Central Asian states of CA"
    assert shorten("Water and energy forum of Central Asia", [], "Latin", acronyms) == "Water and energy forum of CA"


def test_a_long_name_without_short_form_is_cut_at_a_word_keeping_its_closing_parenthesis():
    name = "extraordinary meeting of the joint commission on border questions (Oskemen, 2031-05-02)"
    short = shorten(name, [], "Latin")
    assert short.endswith("… (Oskemen, 2031-05-02)") and len(short) <= LIMIT + 10
    assert short.startswith("extraordinary meeting")
    assert not short.split("…")[0].endswith(" ")


def test_names_that_come_out_the_same_are_told_apart():
    a, b, c = ID + "meeting/a", ID + "meeting/b", ID + "meeting/c"
    book = book_of({n: {"en": ["working meeting of the joint commission on water and energy questions"]}
                    for n in (a, b, c)})
    names = display_names([a, b, c], "en", book, distinguish={a: "2031-01-01", b: "2031-02-01", c: "2031-02-01"}).names
    assert len(set(names.values())) == 3
    # b and c share their day: a number in the IRIs' order tells them apart
    assert (names[a][-3:], names[b][-3:], names[c][-3:]) == ("(1)", "(2)", "(3)")


def test_kazakh_falls_back_to_russian_before_leaving_cyrillic():
    p = ID + "person/aigerim-test"
    book = book_of({p: {"ru": ["Айгерим Тестова"]}})
    names = display_names([p], "kk", book)
    assert names.names[p] == "Айгерим Тестова" and names.script == "Cyrillic"


def test_a_picture_with_a_thing_named_only_in_latin_is_given_wholly_in_latin():
    p, q = ID + "person/one", ID + "person/two"
    book = book_of({p: {"ru": ["Ерлан Тестов"], "en": ["Erlan Testov"]}, q: {"en": ["Mary Example"]}})
    names = display_names([p, q], "ru", book)
    assert names.transliterated and names.script == "Latin"
    assert names.names == {p: "Erlan Testov", q: "Mary Example"}
    assert {script_of(n) for n in names.names.values()} == {"Latin"}
    only_cyrillic = book_of({p: {"kk": ["Әсел Құрманова"]}})
    assert display_names([p], "en", only_cyrillic).names[p] == "Asel Kurmanova"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_gazetteer_entity_gets_a_short_name_in_one_script(lang):
    book = gazetteer_book()
    # all but the few whose name is Latin in every language (a newspaper's title): those turn a Cyrillic
    # picture Latin, as the test above shows
    nodes = sorted(n for n in book.full if script_of(book.full[n][lang][0]) != ("Latin" if lang != "en" else "Cyrillic"))
    names = display_names(nodes, lang, book)
    assert not names.transliterated
    assert {script_of(n) for n in names.names.values()} <= {names.script, None}
    assert all(len(n) <= LIMIT + 1 for n in names.names.values() if "(" not in n)
    assert len(set(names.names.values())) == len(nodes)


def test_latin_keeps_case():
    assert latin("Қасым-Жомарт Тоқаев") == "Kasym-Zhomart Tokaev"

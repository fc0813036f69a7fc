"""`kgbuild query --lang en|ru|kk`: every name column of every stored query in one language, a name the
graph lacks in it transliterated into its script (Latin for en, Cyrillic for ru and kk), never two scripts
in one answer; the rows otherwise the same in every language. On the four-document fixture with its layer
(made at test time) and on the seed build; locally, through the CLI and on an Oxigraph server."""
from __future__ import annotations

import json
import re
from collections import Counter

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from conftest import MULTI, with_layer
from kgbuild.cli import app
from kgbuild.queries import get_query, load_store, run_local, stored_queries
from kgbuild.translit import cyrillize, in_script_of, name_languages, romanize, script_of
from kgbuild.vocab import ID

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S*|urn:\S*|[a-z0-9-]+(\.[a-z0-9-]+)+")
C = ID + "consolidated/"
M15 = "meeting/ca-deputy-foreign-ministers/15"
NAMED = sorted(name for name, q in stored_queries().items() if q.names)


@pytest.fixture(scope="module")
def fixture_store():
    return with_layer(load_store(MULTI))


@pytest.fixture(scope="module")
def seed_store(seed_build):
    return load_store(seed_build)


def params_for(store, name: str) -> dict[str, str]:
    """The query's required parameters, set to values its graph has."""
    q = get_query(name)
    required = {p.name for p in q.params if p.required}
    meeting = run_local(store, get_query("timeline"), {})[0]["meeting"]
    person = run_local(store, get_query("participants"), {}, lang=None)[0]["name"]
    given = {"meeting": meeting, "subject": meeting, "official": person}
    return {k: v for k, v in given.items() if k in required}


def answers(store, name: str) -> dict[str, list[dict[str, str]]]:
    params = params_for(store, name)
    return {lang: run_local(store, get_query(name), params, lang) for lang in ("en", "ru", "kk")}


def names_of(name: str, rows) -> list[str]:
    return [row[c] for row in rows for c in get_query(name).names if row[c] and not ADDRESS.fullmatch(row[c])]


# ------------------------------------------------------------------ one script --


@pytest.mark.parametrize("graph", ["fixture", "seed"])
@pytest.mark.parametrize("name", NAMED)
def test_every_name_column_is_in_the_script_of_the_language_asked_for(request, graph, name):
    store = request.getfixturevalue(f"{graph}_store")
    found = answers(store, name)
    assert found["en"] or (graph, name) == ("seed", "conflicting-facts"), name  # one document disagrees with none
    for lang, rows in found.items():
        names = names_of(name, rows)
        if lang == "en":
            assert not [n for n in names if CYRILLIC.search(n)], (name, lang)
        else:
            assert not [n for n in names if LATIN.search(n)], (name, lang)


@pytest.mark.parametrize("graph", ["fixture", "seed"])
@pytest.mark.parametrize("name", NAMED)
def test_the_rows_are_the_same_in_every_language_but_for_their_names(request, graph, name):
    """Same number of rows, same IRIs, dates and counts: only the name columns differ (and the order of
    rows a query sorts by name)."""
    store = request.getfixturevalue(f"{graph}_store")
    found = answers(store, name)
    others = [c for c in found["en"].variables if c not in get_query(name).names]
    en = Counter(tuple(r[c] for c in others) for r in found["en"])
    for lang in ("ru", "kk"):
        assert len(found[lang]) == len(found["en"]), (name, lang)
        assert Counter(tuple(r[c] for c in others) for r in found[lang]) == en, (name, lang)


def test_every_query_that_names_things_declares_its_name_columns():
    for name, q in stored_queries().items():
        assert set(q.names) <= set(re.findall(r"\?(\w+)", q.text.split("WHERE", 1)[0])), name
    assert {"timeline", "attendance", "entities", "meetings", "participants", "organisation-heads"} <= set(NAMED)
    # the queries without names: counts, files, provenance
    assert set(stored_queries()) - set(NAMED) == {"documents-per-language", "fact-provenance", "provenance"}


# ------------------------------------------------------ the graph's own names --


def test_russian_and_kazakh_names_where_the_graph_has_them(fixture_store):
    def timeline(lang):
        return {r["meeting"]: r for r in run_local(fixture_store, get_query("timeline"), {}, lang)}

    en, ru, kk = timeline("en")[C + M15], timeline("ru")[C + M15], timeline("kk")[C + M15]
    assert (en["kind"], en["place"], en["host"]) == ("meeting", "Almaty", "Kazakhstan")
    assert (ru["kind"], ru["place"], ru["host"]) == ("встреча", "Алматы", "Казахстан")
    assert (kk["kind"], kk["place"], kk["host"]) == ("кездесу", "Алматы", "Қазақстан")
    assert kk["name"].startswith("15-ші") and ru["name"].startswith("15-я")
    assert {r["name"] for r in run_local(fixture_store, get_query("attendance"), {"meeting": C + M15}, "ru")} >= {
        "Ержан Ашикбаев", "Каха Имнадзе"}
    kk_person = {r["name"] for r in run_local(fixture_store, get_query("attendance"), {"meeting": C + M15}, "kk")}
    assert "Ержан Ашықбаев" in kk_person  # the Kazakh spelling, not the Russian one


def test_a_name_missing_in_the_language_is_its_transliteration(fixture_store):
    """The declaration is named in Kazakh only, the convention in English only: each is written in the
    other script by transliteration, and a Kazakh name stands for a missing Russian one (same script)."""
    declaration, convention = C + "initiative/declaration-f1c50d43719d", C + "initiative/convention-8bad423f41da"
    layer = ox.NamedNode(ID + "graph/consolidated")
    given = {node: {q.object.language: q.object.value
                    for q in fixture_store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode("https://schema.org/name"), None, layer)}
             for node in (declaration, convention)}
    assert set(given[declaration]) == {"kk"} and set(given[convention]) == {"en"}
    rows = {declaration: given[declaration]["kk"], convention: given[convention]["en"]}

    def named(lang):
        return {r["initiative"]: r["name"] for r in run_local(fixture_store, get_query("initiative-history"), {}, lang)}

    assert named("en") == {declaration: romanize(rows[declaration]), convention: rows[convention]}
    assert named("kk") == {declaration: rows[declaration], convention: cyrillize(rows[convention], "kk")}
    assert named("ru") == {declaration: rows[declaration], convention: cyrillize(rows[convention], "ru")}
    assert named("ru")[convention].startswith("Фрамеворк Конвентион")


def test_the_seeds_kazakh_only_names_in_every_language(seed_store):
    """The seed's initiatives and priorities are named in Kazakh only."""
    kk = run_local(seed_store, get_query("initiatives"), {}, "kk")
    en = run_local(seed_store, get_query("initiatives"), {}, "en")
    ru = run_local(seed_store, get_query("initiatives"), {}, "ru")
    assert kk and all(script_of(r["name"]) == "Cyrillic" for r in kk)
    assert [r["name"] for r in en] == [romanize(r["name"]) for r in kk]
    assert [r["name"] for r in ru] == [r["name"] for r in kk]  # Kazakh stands for Russian: one script


# ------------------------------------------------------------------ the CLI --


def test_cli_lang_ru_csv_on_the_seed_build(seed_build):
    out = CliRunner().invoke(app, ["query", "timeline", "--graph", str(seed_build), "--lang", "ru", "--format", "csv"])
    assert out.exit_code == 0, out.output
    header, *rows = out.output.splitlines()
    assert header.startswith("date,meeting,name,kind")
    assert rows and all(CYRILLIC.search(row.split(",")[2]) for row in rows)
    default = CliRunner().invoke(app, ["query", "timeline", "--graph", str(seed_build), "--format", "csv"])
    assert default.exit_code == 0 and not CYRILLIC.search(default.output)  # en by default: no Cyrillic at all


def test_cli_unknown_lang_is_one_line_and_exit_2(seed_build):
    out = CliRunner().invoke(app, ["query", "timeline", "--graph", str(seed_build), "--lang", "de"])
    assert out.exit_code == 2
    assert out.output.strip().count("\n") == 0 and "unknown --lang 'de'" in out.output and "en, ru, kk" in out.output


def test_an_endpoints_answer_is_named_the_same_way(multi_layer):
    """--endpoint: the same bound languages and the same transliteration as locally."""
    from kgbuild.server import OxigraphServer, free_port

    srv = OxigraphServer(free_port(), writable=True)
    srv.start()
    try:
        published = CliRunner().invoke(app, ["publish", "--graph", str(multi_layer), "--endpoint", srv.base_url])
        assert published.exit_code == 0, published.output
        for lang in ("en", "ru", "kk"):
            for name in ("timeline", "initiative-history", "initiatives"):
                args = ["query", name, "--format", "json", "--lang", lang]
                there = CliRunner().invoke(app, [*args, "--endpoint", srv.query_endpoint])
                here = CliRunner().invoke(app, [*args, "--graph", str(multi_layer)])
                assert there.exit_code == 0 and here.exit_code == 0, (there.output, here.output)
                key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
                assert sorted(json.loads(there.output), key=key) == sorted(json.loads(here.output), key=key), (name, lang)
    finally:
        srv.stop()


# ----------------------------------------------------------- transliteration --


def test_name_languages_and_scripts():
    assert name_languages("en") == ("en", "ru", "kk")
    assert name_languages("ru") == ("ru", "kk", "en")
    assert name_languages("kk") == ("kk", "ru", "en")
    assert in_script_of("Ержан Ашықбаев", "en") == "Yerzhan Ashykbayev"
    assert in_script_of("Ержан Ашықбаев", "kk") == "Ержан Ашықбаев"
    assert in_script_of("UNRCCA бағдарламасы", "en") == "UNRCCA bagdarlamasy"
    assert in_script_of("2025", "ru") == "2025"


@pytest.mark.parametrize("latin, ru", [
    ("Yerzhan Ashikbayev", "Ержан Ашикбаев"), ("Shukhrat Ganiyev", "Шухрат Ганиев"), ("Kaha Imnadze", "Каха Имнадзе"),
    ("Nikolay Vasilyev", "Николай Васильев"), ("Dostoyevsky", "Достоевский"), ("Antonio Guterres", "Антонио Гутеррес"),
    ("UNRCCA", "УНРККА"), ("Programme 2021–2025", "Программе 2021–2025"),
])
def test_latin_names_in_cyrillic(latin, ru):
    assert cyrillize(latin, "ru") == ru
    assert script_of(cyrillize(latin, "kk")) == "Cyrillic"


def test_kazakh_latin_letters_in_kazakh_and_in_russian():
    assert cyrillize("Qazaqstan", "kk") == "Қазақстан"
    assert cyrillize("Qazaqstan", "ru") == "Казакстан"
    assert cyrillize("Respublikasy", "kk") == "Республикасы"


def test_names_romanised_from_russian_come_back():
    for name in ("Ержан Ашикбаев", "Шухрат Ганиев", "Николай Васильев", "Юрий Токаев"):
        assert cyrillize(romanize(name), "ru") == name

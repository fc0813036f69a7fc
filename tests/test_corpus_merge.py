"""One entity across documents and languages: the corpus built together, asked through the contract queries."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT

ID = "https://w3id.org/kgbuild/id/"


@pytest.fixture(scope="module")
def corpus_query(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the corpus lives in ../shared/corpus beside the project")
    from kgbuild.cli import app
    from kgbuild.queries import get_query, load_store, run_local

    out = tmp_path_factory.mktemp("corpus-build")
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), str(CORPUS), "--out", str(out), "--workers", "2"])
    assert r.exit_code == 0, r.output
    store = load_store(out)
    return lambda name, **p: run_local(store, get_query(name), p)


def languages(rows, key, value):
    from kgbuild.document import read_document

    files = {r["file"] for r in rows if r[key] == value}
    paths = {p.name: p for p in list(CORPUS.glob("*.txt")) + list((ROOT / "seeds").glob("*.txt"))}
    return {read_document(paths[f]).language for f in files}, files


def test_the_15th_meeting_is_one_iri_across_kk_ru_en(corpus_query):
    rows = corpus_query("meetings")
    langs, files = languages(rows, "meeting", ID + "meeting/ca-deputy-foreign-ministers/15")
    assert langs == {"kk", "ru", "en"}
    assert len(files) >= 5  # the seed, its ru and en versions, UNRCCA's release and the Turkmen report


def test_one_person_across_scripts(corpus_query):
    rows = corpus_query("entities", type="Person")
    langs, files = languages(rows, "entity", ID + "person/yerzhan-ashikbayev")
    assert langs == {"kk", "ru", "en"}
    langs, _ = languages(rows, "entity", ID + "person/kaha-imnadze")
    assert {"kk", "ru", "en"} <= langs


def test_one_organisation_across_acronyms(corpus_query):
    rows = corpus_query("entities", type="Organization")
    langs, _ = languages(rows, "entity", ID + "org/un")  # ООН, БҰҰ, UN
    assert langs == {"kk", "ru", "en"}


def test_every_corpus_document_yields_facts(corpus_query):
    rows = corpus_query("entities")
    files = {r["file"] for r in rows}
    assert {p.name for p in CORPUS.glob("*.txt")} <= files


def test_regions_are_not_places_or_countries(corpus_query):
    rows = corpus_query("entities")
    central_asia = {r["type"] for r in rows if r["entity"] == ID + "region/central-asia"}
    assert central_asia == {"Region"}


def test_the_7th_consultative_meeting_merges_kk_and_ru_reports(corpus_query):
    rows = corpus_query("meetings")
    langs, _ = languages(rows, "meeting", ID + "meeting/ca-heads-of-state-consultative/7")
    assert {"kk", "ru", "en"} <= langs

"""`kgbuild eval`: the name matcher (tables across scripts and inflections), the scoring on tiny hand-made
gold/system pairs with known P/R/F1, and the measured floors on the corpus."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from kgbuild.evaluate import Evaluation, evaluate
from kgbuild.evaluate.facts import EvalError, Facts, Initiative, Meeting, Participant, Programme
from kgbuild.evaluate.gold import gold_facts, load_gold
from kgbuild.evaluate.names import assign, name_score, names_match, normalise, phrases_match
from kgbuild.evaluate.score import Score, score_document
from kgbuild.evaluate.system import system_facts

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
GOLD_NEW = ROOT / "tests" / "gold-new"  # the documents numbered 100 and up: the better predictor of unseen ones
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


# ------------------------------------------------------------------ matcher --

NAME_MATCHES = [
    # (system name, gold aliases, expected): proper names, one inside the other after normalising
    ("Almaty", ["Алматыда"], True),  # kk locative, other script
    ("Алматы", ["Almaty", "Alma-Ata"], True),
    ("Almaty", ["Алматы қаласында"], True),  # "in the city of Almaty"
    ("Ашикбаева", ["Ержан Ашикбаев"], True),  # ru genitive surname inside the full name
    ("Yerzhan Ashikbayev", ["Ержан Ашықбаев"], True),  # Kazakh Cyrillic vs English spelling
    ("Yerzhan Ashykbayev", ["Yerzhan Ashikbayev"], True),
    ("Kassym-Jomart Tokayev", ["Тоқаевтың"], True),  # kk genitive surname alone
    ("Kakha Imnadze", ["Каха Имнадзе"], True),
    ("Kazakhstan", ["Казахстан"], True),
    ("Kazakhstan", ["Қазақстанның"], True),  # kk х/қ spellings meet, genitive ending absorbed
    ("Tashkent", ["Ташкентте"], True),
    ("«Kazinform»", ["KAZINFORM"], True),  # quotes and case
    ("Ministry of Foreign Affairs of Kazakhstan", ["Ministry of Foreign Affairs"], True),
    ("United Nations", ["UN", "ООН"], False),  # acronyms are gold aliases, never guessed
    ("UN", ["UNAMA"], False),  # no prefix match on short tokens
    ("UN", ["UN Regional Centre for the SDGs"], False),  # a lone short word says too little
    ("United Nations", ["United Nations Assistance Mission in Afghanistan"], True),  # contained: the
    # one-to-one pairing gives it to "United Nations" when the gold has both
    ("Murat Nurtleu", ["Murat Ibrayev"], False),  # a shared first name is not the person
    ("Kazakhstan", ["Kyrgyzstan"], False),
    ("Afghanistan", ["United Nations Assistance Mission in Afghanistan"], False),  # a country is not its mission
    ("Uzbekistan", ["Turkmenistan"], False),
    ("Ministry of Foreign Affairs of Kazakhstan", ["Ministry of Foreign Affairs of Afghanistan"], False),
]

PHRASE_MATCHES = [
    # (system text, gold aliases, expected): descriptions, most words shared
    ("Head", ["Head of UNRCCA"], True),
    ("First Deputy Foreign Minister", ["First Deputy Minister of Foreign Affairs"], True),
    ("Deputy Prime Minister – Minister of Foreign Affairs", ["Deputy Prime Minister and Foreign Minister"], True),
    ("15th annual meeting of deputy foreign ministers", ["сыртқы істер министрлері", "meeting"], True),
    ("пятнадцатая ежегодная встреча заместителей министров", ["ежегодной встречи заместителей министров"], True),
    ("summit (Astana)", ["Regional Environmental Summit"], True),  # the qualifier is not the name
    ("негіздемелік конвенциясы", ["Негіздемелік конвенция"], True),
    ("conflict monitoring and early warning", ["advancing preventive diplomacy"], False),
    ("Minister of Agriculture", ["Minister of Foreign Affairs"], False),
]


@pytest.mark.parametrize("system, aliases, expected", NAME_MATCHES)
def test_name_matcher(system, aliases, expected):
    assert names_match([system], aliases) is expected, (system, aliases)


@pytest.mark.parametrize("system, aliases, expected", PHRASE_MATCHES)
def test_phrase_matcher(system, aliases, expected):
    assert phrases_match([system], aliases) is expected, (system, aliases)


def test_normalise_drops_case_quotes_punctuation_and_ordinal_suffixes():
    assert normalise("«Қазақстан», ҚР!") == "қазақстан қр"
    assert normalise("15-ші кездесуі") == normalise("15th meeting").replace("meeting", "кездесуі")
    assert normalise("summit (Astana)") == "summit"


def test_exact_beats_transliteration_beats_overlap():
    exact = name_score("Almaty", "Almaty")
    translit = name_score("Almaty", "Алматы")
    overlap = name_score("Almaty", "Алматы қаласында")
    assert exact == 1.0 and 0 < overlap < translit < exact


def test_assign_is_one_to_one_and_prefers_the_total():
    # greedy would pair a-X (3) and leave b alone; the best total pairs a-Y and b-X
    scores = {("a", "X"): 3.0, ("a", "Y"): 2.0, ("b", "X"): 2.5}
    pairs = assign(["a", "b"], ["X", "Y"], lambda s, g: scores.get((s, g), 0.0))
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert assign(["a"], ["X"], lambda s, g: 0.0) == []


# ------------------------------------------------------------------ scoring --


def _gold(**families) -> Facts:
    return gold_facts({"document": "x.txt", "language": "en", **families})


def test_entity_scores_per_type():
    gold = _gold(entities={
        "Person": [["Kaha Imnadze", "Каха Имнадзе"], ["Yerzhan Ashikbayev"]],
        "Country": [["Kazakhstan"]],
        "Place": [["Almaty"]],
    })
    system = Facts("x.txt", entities={
        "Person": [["Каха Имнадзе"], ["Askhat Orazbay"]],  # one right, one wrong
        "Country": [["Kazakhstan"], ["Kazakhstan"]],  # a duplicate counts once, the other is false
        "Place": [["Almaty"]],
    })
    ev = score_document(gold, system)
    assert ev.scores["Person"] == Score(tp=1, fp=1, fn=1)
    assert ev.scores["Country"] == Score(tp=1, fp=1, fn=0)
    assert ev.scores["Place"] == Score(tp=1, fp=0, fn=0)
    assert ev.scores["Person"].precision == 0.5 and ev.scores["Person"].recall == 0.5
    assert ev.scores["Country"].f1 == pytest.approx(2 / 3)
    assert {(f.family, f.item) for f in ev.misses} == {("Person", "Yerzhan Ashikbayev")}


def test_meeting_relations_count_only_on_the_matched_meeting():
    gold = _gold(meetings=[
        {"name": ["15th annual meeting of deputy foreign ministers", "meeting"], "date": "2025-12-01",
         "place": ["Almaty"], "ordinal": 15,
         "participants": [{"person": ["Kaha Imnadze"], "position": ["Head of UNRCCA"], "affiliation": ["UNRCCA"]},
                          {"person": ["Yerzhan Ashikbayev"], "position": ["First Deputy Minister"],
                           "affiliation": ["Kazakhstan"]}]},
        {"name": ["7th Consultative Meeting of the Heads of State"], "place": ["Tashkent"], "ordinal": 7},
    ])
    system = Facts("x.txt", meetings=[
        Meeting(["15th annual meeting of deputy foreign ministers"], "2025-11-30", ["Almaty"], 15, [
            Participant(["Каха Имнадзе"], ["Head"], ["UNRCCA"]),
            Participant(["Ержан Ашықбаев"], [], ["Uzbekistan"]),
        ]),
        Meeting(["reception"], "2025-12-02", [], None, [Participant(["Murat Nurtleu"])]),
    ])
    ev = score_document(gold, system)
    s = ev.scores
    assert s["meeting"] == Score(tp=1, fp=1, fn=1)
    assert s["meeting date"] == Score(tp=0, fp=2, fn=1)  # wrong date on the matched one; the reception's
    assert s["meeting place"] == Score(tp=1, fp=0, fn=1)  # Tashkent belongs to the missed meeting
    assert s["meeting ordinal"] == Score(tp=1, fp=0, fn=1)
    assert s["participant"] == Score(tp=2, fp=1, fn=0)  # Nurtleu is at an unmatched meeting
    assert s["position"] == Score(tp=1, fp=0, fn=1)
    assert s["affiliation"] == Score(tp=1, fp=1, fn=1)


def test_meetings_pair_by_ordinal_date_and_never_across_ordinals():
    gold = _gold(meetings=[{"name": ["meeting"], "ordinal": 15}, {"name": ["talks"], "date": "2024-02-20"}])
    system = Facts("x.txt", meetings=[Meeting(["meeting"], ordinal=14), Meeting(["reception"], "2024-02-20")])
    s = score_document(gold, system).scores
    assert s["meeting"] == Score(tp=1, fp=1, fn=1)  # the 14th is not the 15th; the reception is the talks


def test_initiative_and_proposer():
    gold = _gold(
        entities={"Person": [["Kassym-Jomart Tokayev", "Тоқаев"]]},
        initiatives=[{"name": ["Framework Convention on water use", "Негіздемелік конвенция"], "proposer": ["Тоқаев"]},
                     {"name": ["Declaration on AI"], "proposer": ["Kazakhstan"]}],
    )
    system = Facts("x.txt", initiatives=[Initiative(["негіздемелік конвенциясы"], ["Kassym-Jomart Tokayev"]),
                                         Initiative(["Water Strategy"], ["UNRCCA"])])
    s = score_document(gold, system).scores
    assert s["initiative"] == Score(tp=1, fp=1, fn=1)
    assert s["proposer"] == Score(tp=1, fp=1, fn=1)


def test_programme_owner_period_and_ranked_priorities():
    gold = _gold(
        entities={"Organization": [
            ["UNRCCA", "United Nations Regional Centre for Preventive Diplomacy for Central Asia"]]},
        programmes=[{"name": ["UNRCCA Programme of Action 2026-2030"], "owner": ["UNRCCA"], "start": 2026, "end": 2030,
                     "priorities": [["preventive diplomacy"], ["early warning"], ["partnership"]]}],
    )
    system = Facts("x.txt", programmes=[Programme(
        ["United Nations Regional Centre for Preventive Diplomacy for Central Asia Programme of Action 2026–2030"],
        ["United Nations Regional Centre for Preventive Diplomacy for Central Asia"],  # the gold's acronym, spelt out
        2026, 2030, [(1, ["preventive diplomacy"]), (2, ["partnership"])],  # rank 2 is the gold's third
    )])
    s = score_document(gold, system).scores
    assert s["programme"] == Score(tp=1)
    assert s["programme owner"] == Score(tp=1)
    assert s["programme period"] == Score(tp=1)
    assert s["priority"] == Score(tp=1, fp=1, fn=2)


def test_groups_micro_average_and_languages():
    kk = score_document(gold_facts({"document": "a.txt", "language": "kk", "entities": {"Place": [["Almaty"]]}}),
                        Facts("a.txt", entities={"Place": [["Алматыда"]]}))
    en = score_document(gold_facts({"document": "b.txt", "language": "en", "entities": {"Country": [["Kazakhstan"]]}}),
                        Facts("b.txt", entities={"Country": [["Kyrgyzstan"]]}))
    ev = Evaluation([kk, en])
    assert ev.score("entities", "kk") == Score(tp=1)
    assert ev.score("entities", "en") == Score(fp=1, fn=1)
    assert ev.score("entities") == Score(tp=1, fp=1, fn=1)
    assert ev.score("relations", "ru").f1 is None  # nothing to measure is not zero


def test_system_facts_from_query_rows():
    rows = {
        "entities": [{"file": "a.txt", "entity": "e:1", "type": "City", "name": "Almaty"},
                     {"file": "a.txt", "entity": "e:2", "type": "Region", "name": "Central Asia"}],
        "meetings": [{"file": "a.txt", "meeting": "m:1", "name": "15th meeting", "series": "meeting series",
                      "date": "2025-12-01", "place": "Almaty", "ordinal": "15"}],
        "participants": [{"file": "a.txt", "meeting": "m:1", "person": "p:1", "name": "Kaha Imnadze",
                          "position": "Head", "affiliation": ""}],
        "initiatives": [{"file": "a.txt", "initiative": "i:1", "name": "Convention", "proposer": ""}],
        "programme-priorities": [
            {"file": "a.txt", "programme": "p:1", "name": "Programme", "owner": "UNRCCA", "start": "2026",
             "end": "2030", "priority": "second", "rank": "2"},
            {"file": "a.txt", "programme": "p:1", "name": "Programme", "owner": "UNRCCA", "start": "2026",
             "end": "2030", "priority": "first", "rank": "1"},
        ],
    }
    facts = system_facts(rows)["a.txt"]
    assert facts.entities == {"Place": [["Almaty"]]}  # City scores as Place; Region is not scored
    m = facts.meetings[0]
    assert (m.names, m.date, m.place, m.ordinal) == (["15th meeting", "meeting series"], "2025-12-01", ["Almaty"], 15)
    assert m.participants == [Participant(["Kaha Imnadze"], ["Head"], [])]
    assert facts.initiatives == [Initiative(["Convention"], [])]
    assert facts.programmes[0].priorities == [(1, ["first"]), (2, ["second"])]


def test_bad_gold_files_are_named(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvalError, match="no gold files"):
        load_gold(tmp_path / "empty")
    (tmp_path / "a.yaml").write_text("document: a.txt\nlanguage: de\n", encoding="utf-8")
    with pytest.raises(EvalError, match="a.yaml.*language"):
        load_gold(tmp_path)
    (tmp_path / "a.yaml").write_text("document: a.txt\nlanguage: en\nmeetings: [name]\n", encoding="utf-8")
    with pytest.raises(EvalError, match="GUIDELINES"):
        load_gold(tmp_path)


def test_every_gold_file_loads():
    golds = load_gold(GOLD)
    assert len(golds) == len(list(GOLD.glob("*.yaml")))
    assert {g.language for g in golds} <= {"kk", "ru", "en"}


# --------------------------------------------------------------------- CLI --


def test_eval_cli_json_on_the_seed():
    from kgbuild.cli import app

    seed_gold = [p for p in GOLD.glob("000_*.yaml")]
    assert seed_gold, "the seed's gold file tests/gold/000_*.yaml is missing"
    result = CliRunner().invoke(app, ["eval", str(GOLD), str(SEEDS), "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"]["all"] == 1 and data["documents"]["kk"] == 1
    assert set(data["scores"]) >= {"entities", "relations", "Person", "meeting date", "priority"}
    assert data["scores"]["entities"]["kk"]["f1"] is not None
    assert [d["document"] for d in data["per_document"]] == [yaml.safe_load(seed_gold[0].read_text())["document"]]


def test_eval_cli_text_prints_the_table_and_warns_of_gold_without_document():
    from kgbuild.cli import app

    result = CliRunner().invoke(app, ["eval", str(GOLD), str(SEEDS), "--workers", "1"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "kk (1 docs)" in text and "entities" in text and "relations" in text and "programme period" in text
    # the corpus documents' gold files name documents that are not in seeds/
    assert "in none of the DOCS folders" in text


def test_eval_cli_rejects_a_missing_gold_folder(tmp_path):
    from kgbuild.cli import app

    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope"), str(SEEDS)])
    assert result.exit_code == 2
    assert "no such gold folder" in " ".join(result.output.split())


# ------------------------------------------------------------------ corpus --

# Measured on the seed + corpus and rounded down to 0.05; raise them as extraction improves.
# Measured on the seed + 33 corpus documents: entities kk 1.00, ru 0.96, en 0.98; relations kk 0.97,
# ru 0.94, en 0.92 (issue 8's targets: entity F1 >= 0.95 and relation F1 >= 0.90 in each language).
FLOORS = {
    ("entities", "kk"): 0.95, ("entities", "ru"): 0.95, ("entities", "en"): 0.95, ("entities", "all"): 0.95,
    ("relations", "kk"): 0.95, ("relations", "ru"): 0.90, ("relations", "en"): 0.90, ("relations", "all"): 0.90,
}


@pytest.fixture(scope="module")
def corpus_evaluation() -> Evaluation:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (the shared corpus of real press releases); not measured")
    return evaluate(GOLD, [SEEDS, CORPUS], workers=2)


def assert_floors(evaluation: Evaluation, gold: Path, floors: dict, capsys) -> None:
    """Print the evaluation's table, then fail on any F1 under its floor."""
    from kgbuild.cli.eval import score_table

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(score_table(evaluation))
    with capsys.disabled():
        print("\n" + console.export_text())
    assert not evaluation.unlocated, evaluation.unlocated
    assert evaluation.document_counts()["all"] == len(list(gold.glob("*.yaml")))
    below = {}
    for (row, lang), floor in floors.items():
        f1 = evaluation.score(row, lang).f1 or 0.0
        if f1 + 1e-9 < floor:  # a value equal to its floor passes despite float rounding
            below[f"{row}/{lang}"] = (round(f1, 3), floor)
    assert not below, f"F1 on {gold.name} fell below its floor: {below}"


def test_corpus_f1_floors(corpus_evaluation, capsys):
    assert_floors(corpus_evaluation, GOLD, FLOORS, capsys)


# measured on the new documents before any rule was written for them (F1 0.85-0.88 entities, 0.45-0.54
# relations): a guard against losing ground while the rules grow, raised as they do (the English session:
# en entities 0.96, relations 0.91; all relations 0.88)
FLOORS_NEW = {
    ("entities", "kk"): 0.95, ("entities", "ru"): 0.95, ("entities", "en"): 0.95,
    ("relations", "kk"): 0.90, ("relations", "ru"): 0.85, ("relations", "en"): 0.90, ("relations", "all"): 0.85,
}


def test_new_documents_f1_floors(capsys):
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}; not measured")
    assert_floors(evaluate(GOLD_NEW, [CORPUS], workers=2), GOLD_NEW, FLOORS_NEW, capsys)


def test_floors_are_multiples_of_005():
    assert all(math.isclose(f * 20, round(f * 20)) for f in list(FLOORS.values()) + list(FLOORS_NEW.values()))

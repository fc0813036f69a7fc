"""The stored queries on a multi-document fixture: four documents (ru, kk, en, en) in the shape kgbuild
emits. The 15th deputy-FM meeting is reported by two of them (kk and en); the water convention is first
reported in 2024 and named again in 2025; officials hold different posts at different meetings.

Each query's exact answer is stated here, with and without its parameters, and hostile parameter values
are shown to stay RDF terms."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDFS
from typer.testing import CliRunner

from kgbuild.translit import in_script_of
from kgbuild.queries import (BIND_MARK, PARAM_TYPES, PRIVATE_MARK, QueryError, bind, bindings_for, get_query, load_query, load_store,
                             parse_header, queries_dir, run_local, stored_queries, to_term)
from kgbuild.vocab import ID, KG, PREFIXES

from conftest import with_layer

FIXTURE = Path(__file__).parent / "fixtures" / "multi.trig"
M14, M15 = "meeting/ca-deputy-foreign-ministers/14", "meeting/ca-deputy-foreign-ministers/15"
H6 = "meeting/ca-heads-of-state-consultative/6"
C = "consolidated/"  # the consolidated layer's nodes: C + M15 is the one 15th meeting all documents report
UNRCCA = "United Nations Regional Centre for Preventive Diplomacy for Central Asia"
IFAS_EC = "Executive Committee of the International Fund for Saving the Aral Sea"
FX1, FX2, FX3, FX4 = "fx1_ru_2024.txt", "fx2_kk_2025.txt", "fx3_en_2025.txt", "fx4_en_2024.txt"
HOSTILE = 'x" } ; DROP ALL ; #'
QUOTED = "O'Brien \"the \\ Elder\""

# a value for each required parameter, so every query can run
REQUIRED = {"official": "Kaha Imnadze", "subject": ID + M15, "meeting": ID + M15}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The fixture's documents with their consolidated layer, made here (the fixture file has none)."""
    return with_layer(load_store(FIXTURE))


@pytest.fixture(scope="module")
def ask(store):
    """Rows of a stored query as tuples, in the query's order, data IRIs shortened to their local part."""

    def run(name: str, lang: str | None = "en", **params) -> list[tuple[str, ...]]:
        return [tuple(short(v) for v in row.values()) for row in run_local(store, get_query(name), params, lang)]

    return run


def short(value: str) -> str:
    return value[len(ID):] if value.startswith(ID) else value


def column(ask, name: str, col: int, **params) -> list[str]:
    return [row[col] for row in ask(name, **params)]


# ------------------------------------------------------------- the library --


def test_at_least_fifteen_stored_queries_including_the_contract_ones():
    names = set(stored_queries())
    assert len(names) >= 15
    assert {"entities", "meetings", "participants", "initiatives", "programme-priorities"} <= names


@pytest.mark.parametrize("path", sorted(queries_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_every_stored_query_describes_itself_and_parses(path):
    header = parse_header(path.read_text(encoding="utf-8"), path)
    assert header["summary"].strip() and header["description"].strip()
    assert str(header["example"]).startswith(f"kgbuild query {path.stem}")
    q = get_query(path.stem)
    for p in q.params:
        assert p.type in PARAM_TYPES and p.description, p
    sample = {"iri": ID + "x", "integer": "1", "year": "2025", "date": "2025-01-01"}
    every = {p.name: sample.get(p.type, "x") for p in q.params}
    for params in ({k: v for k, v in every.items() if k in REQUIRED}, every):
        ox.Store().query(bind(q.text, bindings_for(q, params)))  # raises SyntaxError if it does not parse


@pytest.mark.parametrize("path", sorted([*queries_dir().glob("*.rq"), *queries_dir().glob("network/*.rq")]),
                         ids=lambda p: p.stem)
def test_no_stored_query_takes_the_least_or_greatest_of_iris(path):
    """MIN and MAX of IRIs (the first document graph, say) are defined by SPARQL's ORDER BY ordering, but
    Comunica reads them as an error and leaves the column unbound; the queries compare IRIs as strings."""
    text = "\n".join(line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    graph_vars = set(re.findall(r"GRAPH\s+(\?\w+)", text))
    aggregated = set(re.findall(r"\b(?:MIN|MAX)\s*\(\s*(?:DISTINCT\s+)?(\?\w+)\s*\)", text, re.I))
    assert not graph_vars & aggregated, f"MIN/MAX over graph names {sorted(graph_vars & aggregated)}"


def test_kgbuild_queries_lists_every_query_with_its_title():
    from kgbuild.cli import app

    result = CliRunner().invoke(app, ["queries"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    for name, q in stored_queries().items():
        assert name in result.output and q.summary in result.output


NETWORK_QUERIES = sorted((queries_dir() / "network").glob("*.rq"))
REPORT_QUERIES = sorted((queries_dir() / "report").glob("*.rq"))


@pytest.mark.parametrize("path", NETWORK_QUERIES + REPORT_QUERIES, ids=lambda p: p.relative_to(queries_dir()).as_posix())
def test_every_network_query_describes_itself_and_parses(path):
    q = load_query(path)
    assert q.summary.strip() and q.description.strip()
    ox.Store().query(q.text)  # raises SyntaxError if it does not parse


def test_the_network_queries_are_not_stored_queries_to_run_by_name():
    assert NETWORK_QUERIES and REPORT_QUERIES
    assert set(stored_queries()) == {p.stem for p in queries_dir().glob("*.rq")}
    with pytest.raises(QueryError, match="no stored query"):
        get_query("officials-meetings")


@pytest.mark.parametrize("path", sorted(queries_dir().glob("*.rq")) + NETWORK_QUERIES + REPORT_QUERIES,
                         ids=lambda p: p.relative_to(queries_dir()).as_posix())
def test_every_query_binds_its_prefixes_as_kgbuild_does(path):
    declared = re.findall(r"(?m)^PREFIX (\w+): <([^>]+)>", path.read_text(encoding="utf-8"))
    assert declared
    for prefix, namespace in declared:
        if prefix in PREFIXES:
            assert namespace == str(PREFIXES[prefix]), prefix
        else:  # a folder of kgbuild's data namespace, such as role:
            assert namespace.startswith(ID) and namespace.endswith("/"), prefix


# ------------------------------------------------------- contract queries --


def test_meetings_per_document(ask):
    assert [(r[0], r[1], r[5], r[6], r[8], r[9]) for r in ask("meetings")] == [
        (FX1, M14, "2024-11-26", "Tashkent", "14", "Uzbekistan"),
        (FX2, M15, "2025-12-01", "Almaty", "15", "Kazakhstan"),
        (FX3, M15, "2025-11-28", "Almaty", "15", "Kazakhstan"),
        (FX4, H6, "2024-08-09", "Astana", "6", "Kazakhstan"),
    ]
    assert ask("meetings", file=FX3)[0][2:5] == (
        "15th annual meeting of deputy foreign ministers of Central Asian states", "meeting",
        "annual meeting of deputy foreign ministers of Central Asian states")
    assert column(ask, "meetings", 10) == [UNRCCA, UNRCCA, UNRCCA, ""]


def test_participants_per_document(ask):
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in ask("participants")] == [
        (FX1, M14, "person/kaha-imnadze", "Head", UNRCCA, ""),
        (FX1, M14, "person/yerzhan-ashikbayev", "Deputy Minister of Foreign Affairs", "Kazakhstan", ""),
        (FX2, M15, "person/askhat-orazbay", "Chairman", IFAS_EC, "speaker"),
        (FX2, M15, "person/kaha-imnadze", "Head", UNRCCA, "speaker"),
        (FX2, M15, "person/yerzhan-ashikbayev", "First Deputy Minister of Foreign Affairs", "Kazakhstan",
         "gave the opening remarks"),
        (FX3, M15, "person/erines-otorbaev", "Deputy Minister of Foreign Affairs", "Kyrgyzstan", ""),
        (FX3, M15, "person/kaha-imnadze", "Head", UNRCCA, ""),
        (FX4, H6, "person/kassym-jomart-tokayev", "President", "Kazakhstan", ""),
        (FX4, H6, "person/shavkat-mirziyoyev", "President", "Uzbekistan", ""),
    ]


def test_initiatives_per_document(ask):
    convention = "initiative/convention-8bad423f41da"
    # (the declaration is named in Kazakh only: in English, that name in Latin letters)
    assert ask("initiatives") == [
        (FX2, "initiative/declaration-f1c50d43719d", "zhasandy intellektini zhauapkershilikpen paydalanu turaly Deklaratsiya",
         "declaration", "true", "Kazakhstan", "country/kz", ""),
        (FX3, convention, "Framework Convention on Water Use in Central Asia", "convention", "",
         "Kassym-Jomart Tokayev", "person/kassym-jomart-tokayev", ""),
        (FX4, convention, "Framework Convention on Water Use in Central Asia", "convention", "",
         "Kassym-Jomart Tokayev", "person/kassym-jomart-tokayev", ""),
    ]


def test_programme_priorities_per_document(ask):
    p21, p26 = "programme/org-unrcca/programme-of-action/2021-2025", "programme/org-unrcca/programme-of-action/2026-2030"
    # (the priorities as the documents name them: in their languages only)
    assert [(r[0], r[1], r[4], r[5], r[6], r[7]) for r in ask("programme-priorities", lang=None)] == [
        (FX1, p21, "2021", "2025", "раннее предупреждение конфликтов", "1"),
        (FX1, p21, "2021", "2025", "водная дипломатия", "2"),
        (FX2, p26, "2026", "2030", "превентивтік дипломатияны ілгерілету", "1"),
        (FX2, p26, "2026", "2030", "су дипломатиясы", "2"),
        (FX2, p26, "2026", "2030", "өңірлік ұйымдармен серіктестік", "3"),
        (FX3, p26, "2026", "2030", "", ""),  # named without its priorities
    ]
    # in English, in Latin letters
    assert [r[6] for r in ask("programme-priorities", file=FX1)] == [
        "rannee preduprezhdeniye konfliktov", "vodnaya diplomatiya"]
    assert set(column(ask, "programme-priorities", 3)) == {UNRCCA}
    # with a file, the owner and priorities are still that document's own (the OPTIONALs name the
    # document so that Oxigraph reads one document, not every one): FX3 lists none of FX2's priorities
    everything = ask("programme-priorities")
    for fx in (FX1, FX2, FX3):
        assert ask("programme-priorities", file=fx) == [r for r in everything if r[0] == fx]
    assert [(r[3], r[6]) for r in ask("programme-priorities", file=FX3)] == [(UNRCCA, "")]


def test_entities_per_document(ask):
    rows = ask("entities")
    assert len(rows) == 39
    assert [(r[1], r[3]) for r in rows if r[0] == FX4] == [
        ("city/astana", "Astana"), ("country/kz", "Kazakhstan"), ("country/uz", "Uzbekistan"),
        ("initiative/convention-8bad423f41da", "Framework Convention on Water Use in Central Asia"),
        (H6, "6th Consultative Meeting of the Heads of State of Central Asia"),
        ("person/kassym-jomart-tokayev", "Kassym-Jomart Tokayev"), ("person/shavkat-mirziyoyev", "Shavkat Mirziyoyev"),
        ("region/central-asia", "Central Asia"),
    ]
    assert [r[2] for r in rows if r[0] == FX4] == [
        "City", "Country", "Country", "Initiative", "Meeting", "Person", "Person", "Region"]
    # a programme is named by its canonical name, not by the phrase a document used for it
    assert {r[3] for r in rows if r[2] == "Programme" and r[0] in (FX2, FX3)} == {
        f"{UNRCCA} Programme of Action 2026–2030"}
    assert [r[1] for r in ask("entities", type="Person", file=FX2)] == [
        "person/askhat-orazbay", "person/kaha-imnadze", "person/yerzhan-ashikbayev"]


# -------------------------------------------------- questions across documents --


def test_timeline_merges_the_documents_of_each_meeting(ask):
    """One row per meeting of the consolidated layer, with its preferred values and its support."""
    series = "annual meeting of deputy foreign ministers of Central Asian states"
    assert ask("timeline") == [
        ("2024-08-09", C + H6, "6th Consultative Meeting of the Heads of State of Central Asia", "meeting",
         "Consultative Meeting of the Heads of State of Central Asia", "6", "Astana", "Kazakhstan", "", "1", "false"),
        ("2024-11-26", C + M14, "14th annual meeting of deputy foreign ministers of Central Asian states", "meeting",
         series, "14", "Tashkent", "Uzbekistan", UNRCCA, "1", "false"),
        # the layer's preferred date: the kk document (2025-12-01) is the Kazakh MFA press service's, the
        # en one (2025-11-28) no official's, and the cascade prefers an official source's date
        # (earliest-official) over the earliest date, which the timeline gave when it merged at query time
        ("2025-12-01", C + M15, "15th annual meeting of deputy foreign ministers of Central Asian states", "meeting",
         series, "15", "Almaty", "Kazakhstan", UNRCCA, "2", "false"),
    ]


@pytest.mark.parametrize("params, meetings", [
    ({"series": "ca-deputy-foreign-ministers"}, [M14, M15]),
    ({"series": ID + "series/ca-heads-of-state-consultative"}, [H6]),
    ({"series": "ЕЖЕГОДНАЯ встреча заместителей министров иностранных дел государств Центральной Азии"}, [M14, M15]),
    ({"year": "2024"}, [H6, M14]),
    ({"year": "2025", "series": "ca-deputy-foreign-ministers"}, [M15]),
    ({"year": "2024", "series": "ca-heads-of-state-consultative"}, [H6]),
    ({"year": "2023"}, []),
    ({"series": "deputy"}, []),  # a whole id or name, not a fragment
])
def test_timeline_of_one_series_or_one_year(ask, params, meetings):
    assert column(ask, "timeline", 1, **params) == [C + m for m in meetings]


def test_attendance_with_the_position_held_at_the_time(ask):
    assert [(r[0], r[1], r[3], r[5], r[6], r[7]) for r in ask("attendance")] == [
        ("2024-08-09", C + H6, C + "person/kassym-jomart-tokayev", "President", "Kazakhstan", "1"),
        ("2024-08-09", C + H6, C + "person/shavkat-mirziyoyev", "President", "Uzbekistan", "1"),
        ("2024-11-26", C + M14, C + "person/kaha-imnadze", "Head", UNRCCA, "1"),
        ("2024-11-26", C + M14, C + "person/yerzhan-ashikbayev", "Deputy Minister of Foreign Affairs", "Kazakhstan", "1"),
        # M15's preferred date (see the timeline)
        ("2025-12-01", C + M15, C + "person/askhat-orazbay", "Chairman", IFAS_EC, "1"),
        ("2025-12-01", C + M15, C + "person/erines-otorbaev", "Deputy Minister of Foreign Affairs", "Kyrgyzstan", "1"),
        ("2025-12-01", C + M15, C + "person/kaha-imnadze", "Head", UNRCCA, "2"),
        ("2025-12-01", C + M15, C + "person/yerzhan-ashikbayev", "First Deputy Minister of Foreign Affairs", "Kazakhstan", "1"),
    ]
    # the meeting by a document's IRI (the column gives it back) or by the layer's
    assert [(r[1], r[4]) for r in ask("attendance", meeting=ID + M14)] == [
        (M14, "Kaha Imnadze"), (M14, "Yerzhan Ashikbayev")]
    assert [(r[1], r[4]) for r in ask("attendance", meeting=ID + C + M14)] == [
        (C + M14, "Kaha Imnadze"), (C + M14, "Yerzhan Ashikbayev")]
    assert ask("attendance", meeting=ID + "meeting/none") == []


@pytest.mark.parametrize("query, file, entity, column", [
    ("participants", FX1, "org/unrcca", "affiliation"),
    ("meetings", FX1, "city/tashkent", "place"),
    ("initiatives", FX2, "country/kz", "proposer"),
])
def test_a_thing_with_no_english_label_is_named_in_another_language(store, query, file, entity, column):
    """A gazetteer entity has an English label; one kgbuild found by a pattern has a label in its
    document's language only. Here the entity's English label is taken out of one document: the
    per-document answer names it by the document's Russian name, else its Kazakh one, instead of leaving it
    blank, written in Latin letters (the graph's name itself when no language is asked for)."""
    graph = ox.NamedNode(ID + "doc/" + file.removesuffix(".txt"))
    node, label = ox.NamedNode(ID + entity), ox.NamedNode(str(RDFS.label))
    names = {q.object.language: q.object.value for q in store.quads_for_pattern(node, label, None, graph)}
    expected = names.get("ru") or names["kk"]
    thin = ox.Store()
    thin.extend(q for q in store if not (q.subject == node and q.predicate == label and q.graph_name == graph
                                         and q.object.language == "en"))
    assert len(thin) == len(store) - 1
    assert in_script_of(expected, "en") in [row[column] for row in run_local(thin, get_query(query), {"file": file})]
    assert expected in [row[column] for row in run_local(thin, get_query(query), {"file": file}, lang=None)]
    if query == "participants":
        # the answers from the consolidated layer about M14 (reported by FX1 alone) name it in English all
        # the same: the layer's organisation is one over every document, and the others name it in English
        with_layer(thin)
        for merged, params in (("attendance", {}), ("official-meetings", {"official": "Kaha Imnadze"})):
            rows = [r for r in run_local(thin, get_query(merged), params)
                    if r["meeting"] == ID + C + M14 and r["person"] == ID + C + "person/kaha-imnadze"]
            assert [r["affiliation"] for r in rows] == [UNRCCA], merged


SCHEMA = str(PREFIXES["schema"])  # not SDO at module level: pytest's fixture scan makes rdflib warn on it
# what a document may say about a meeting, and M15's date in each of the two documents that report it
MEETING_FACTS = [SCHEMA + "startDate", SCHEMA + "name", SCHEMA + "location"] + [
    str(p) for p in (KG.hostCountry, KG.ordinal, KG.series, KG.meetingKind, KG.supportedBy)]
M15_DATES = {"doc/fx2_kk_2025": "2025-12-01", "doc/fx3_en_2025": "2025-11-28"}


@pytest.mark.parametrize("predicate", MEETING_FACTS, ids=lambda p: p.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
@pytest.mark.parametrize("doc", sorted(M15_DATES))
def test_a_document_that_leaves_a_fact_out_does_not_blank_the_merged_answers(store, doc, predicate):
    """M15 is reported by two documents; with one fact of M15 taken out of one of them, the merged rows
    keep the other document's value (Oxigraph's MIN over a group with an unbound row is unbound, which
    blanked the timeline's date, place, host, ... and the meeting name of attendance and official-meetings)."""
    graph, meeting, pred = ox.NamedNode(ID + doc), ox.NamedNode(ID + M15), ox.NamedNode(predicate)
    thin = ox.Store()
    thin.extend(q for q in store if not (q.subject == meeting and q.predicate == pred and q.graph_name == graph))
    assert len(thin) < len(store)
    with_layer(thin)  # the layer made again from the thinner documents

    def m15(st, name):
        q = get_query(name)
        params = {p.name: REQUIRED[p.name] for p in q.params if p.name in REQUIRED}
        # (attendance asked for a document's M15 gives that IRI back)
        return [row for row in run_local(st, q, params) if row["meeting"] in (ID + C + M15, ID + M15)]

    full, kept = m15(store, "timeline"), m15(thin, "timeline")
    if predicate == SCHEMA + "startDate":
        (other,) = set(M15_DATES.values()) - {M15_DATES[doc]}
        full[0]["date"] = other
    assert kept == full and all(full[0].values())
    for name in ("attendance", "official-meetings"):
        full, kept = m15(store, name), m15(thin, name)
        assert [r["meeting_name"] for r in kept] == [r["meeting_name"] for r in full]
        assert full and all(r["meeting_name"] for r in full)


@pytest.mark.parametrize("predicate", [str(KG.proposedBy), str(KG.initiativeKind)],
                         ids=lambda p: p.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
@pytest.mark.parametrize("doc", ["doc/fx3_en_2025", "doc/fx4_en_2024"])
def test_an_initiative_keeps_its_proposer_and_kind_when_one_document_leaves_them_out(store, doc, predicate):
    """The water convention is named by two documents, each with its kind and proposer; with one of them
    taken out of one document, initiative-history still gives it (it gave none before)."""
    convention = ox.NamedNode(ID + "initiative/convention-8bad423f41da")
    graph, pred = ox.NamedNode(ID + doc), ox.NamedNode(predicate)
    thin = ox.Store()
    thin.extend(q for q in store if not (q.subject == convention and q.predicate == pred and q.graph_name == graph))
    assert len(thin) < len(store)
    with_layer(thin)  # the layer made again from the thinner documents
    layer_iri = ID + C + "initiative/convention-8bad423f41da"
    full = [r for r in run_local(store, get_query("initiative-history")) if r["initiative"] == layer_iri]
    kept = [r for r in run_local(thin, get_query("initiative-history")) if r["initiative"] == layer_iri]
    assert kept == full and full[0]["proposer"] == "Kassym-Jomart Tokayev" and full[0]["kind"] == "convention"


@pytest.mark.parametrize("official", [
    "Yerzhan Ashikbayev", "Ержан Ашықбаев", "ержан ашикбаев", "YERZHAN ASHIKBAYEV", ID + "person/yerzhan-ashikbayev",
    ID + C + "person/yerzhan-ashikbayev",
])
def test_all_meetings_of_one_official_by_any_name_or_iri(ask, official):
    assert [(r[0], r[1], r[3], r[5], r[6], r[7]) for r in ask("official-meetings", official=official)] == [
        ("2024-11-26", C + M14, C + "person/yerzhan-ashikbayev", "Deputy Minister of Foreign Affairs", "Kazakhstan", "1"),
        # M15's preferred date (see the timeline)
        ("2025-12-01", C + M15, C + "person/yerzhan-ashikbayev", "First Deputy Minister of Foreign Affairs", "Kazakhstan", "1"),
    ]


def test_official_meetings_needs_a_whole_name_and_a_parameter(ask):
    assert ask("official-meetings", official="Ашықбаев") == []
    assert column(ask, "official-meetings", 1, official="каха имнадзе") == [C + M14, C + M15]
    with pytest.raises(QueryError, match="official"):
        ask("official-meetings")


def test_co_participation_pairs_across_documents(ask):
    p = C + "person/"
    assert [(r[0], r[2], r[4]) for r in ask("co-participation")] == [
        (p + "kaha-imnadze", p + "yerzhan-ashikbayev", "2"),
        (p + "askhat-orazbay", p + "erines-otorbaev", "1"),  # named by different documents of one meeting
        (p + "askhat-orazbay", p + "kaha-imnadze", "1"),
        (p + "askhat-orazbay", p + "yerzhan-ashikbayev", "1"),
        (p + "erines-otorbaev", p + "kaha-imnadze", "1"),
        (p + "erines-otorbaev", p + "yerzhan-ashikbayev", "1"),
        (p + "kassym-jomart-tokayev", p + "shavkat-mirziyoyev", "1"),
    ]
    assert ask("co-participation", min_meetings="2") == [
        (p + "kaha-imnadze", "Kaha Imnadze", p + "yerzhan-ashikbayev", "Yerzhan Ashikbayev", "2")]
    assert ask("co-participation", min_meetings="3") == []


def test_initiative_history_first_report_and_later_mentions(ask):
    assert ask("initiative-history") == [
        (C + "initiative/convention-8bad423f41da", "Framework Convention on Water Use in Central Asia", "convention",
         "Kassym-Jomart Tokayev", "2024-08-10", FX4, "2025-11-28", FX3),
        (C + "initiative/declaration-f1c50d43719d", "zhasandy intellektini zhauapkershilikpen paydalanu turaly Deklaratsiya",
         "declaration", "Kazakhstan", "2025-12-01", FX2, "", ""),
    ]


def test_programmes_and_those_in_force_in_a_year(ask):
    p21 = (C + "programme/org-unrcca/programme-of-action/2021-2025", f"{UNRCCA} Programme of Action 2021–2025", UNRCCA,
           "2021", "2025", "2", "1")
    p26 = (C + "programme/org-unrcca/programme-of-action/2026-2030", f"{UNRCCA} Programme of Action 2026–2030", UNRCCA,
           "2026", "2030", "3", "2")
    assert ask("programmes-in-force") == [p21, p26]
    assert ask("programmes-in-force", year="2021") == [p21]
    assert ask("programmes-in-force", year="2025") == [p21]
    assert ask("programmes-in-force", year="2026") == [p26]
    assert ask("programmes-in-force", year="2030") == [p26]
    assert ask("programmes-in-force", year="2031") == []


def test_topics_by_frequency_over_time(ask):
    t = "concept/topic/"
    assert ask("topics-over-time") == [
        ("2024", t + "water-resources", "water resources", "2", "2"),
        ("2024", t + "regional-security", "regional security", "1", "1"),
        ("2024", t + "trade-transport", "trade, transport and logistics", "1", "1"),
        # one meeting (M15), reported by two documents: the documents are those reporting the meeting (the
        # layer's kg:source), though only one of them names the topic
        ("2025", t + "artificial-intelligence", "artificial intelligence", "1", "2"),
        ("2025", t + "preventive-diplomacy", "preventive diplomacy", "1", "2"),
        ("2025", t + "regional-security", "regional security", "1", "2"),
        ("2025", t + "water-resources", "water resources", "1", "2"),
    ]
    assert ask("topics-over-time", topic="water-resources") == [
        ("2024", t + "water-resources", "water resources", "2", "2"),
        ("2025", t + "water-resources", "water resources", "1", "2")]
    assert column(ask, "topics-over-time", 1, year="2024", topic="региональная безопасность") == [
        t + "regional-security"]


def test_countries_whose_officials_discussed_a_topic(ask):
    rows = ask("topic-countries")
    assert len(rows) == 11
    assert [(r[2], r[4], r[5]) for r in rows if r[0] == "concept/topic/water-resources"] == [
        (C + "country/kz", "2", "3"), (C + "country/kg", "1", "1"), (C + "country/uz", "1", "1")]
    # the topic from one document of the meeting, the Kyrgyz participant from the other
    assert [(r[3], r[4], r[5]) for r in ask("topic-countries", topic="regional-security")] == [
        ("Kazakhstan", "1", "2"), ("Kyrgyzstan", "1", "1")]
    for name in ("водные ресурсы", "су ресурстары", "WATER RESOURCES", ID + "concept/topic/water-resources"):
        assert column(ask, "topic-countries", 2, topic=name) == [C + "country/kz", C + "country/kg", C + "country/uz"]
    assert column(ask, "topic-countries", 2, topic="trade-transport") == [C + "country/kz", C + "country/uz"]


def test_organisations_and_their_heads_as_reported(ask):
    # the layer's post holdings: the documents reporting each person in each post, counted once
    assert ask("organisation-heads") == [
        (C + "org/ifas-ec", IFAS_EC, C + "person/askhat-orazbay", "Askhat Orazbay", "Chairman", "2025-12-01",
         "2025-12-01", "1"),
        (C + "org/unrcca", UNRCCA, C + "person/kaha-imnadze", "Kaha Imnadze", "Head", "2024-11-27", "2025-12-01", "3"),
    ]
    assert [r[1::2] for r in ask("organisation-heads", lang="ru")] == [
        ("Исполнительный комитет Международного фонда спасения Арала", "Асхат Оразбай", "2025-12-01", "1"),
        ("Региональный центр ООН по превентивной дипломатии для Центральной Азии", "Каха Имнадзе", "2024-11-27", "3")]
    # by the layer's IRI or a document's, by any name in any language, case aside
    for name in ("Региональный центр ООН по превентивной дипломатии для Центральной Азии", "unrcca",
                 UNRCCA.upper(), ID + "org/unrcca", ID + C + "org/unrcca"):
        assert column(ask, "organisation-heads", 3, organisation=name) == ["Kaha Imnadze"], name
    for name in ("United Nations", ID + "org/un", ID + "person/kaha-imnadze", HOSTILE):
        assert ask("organisation-heads", organisation=name) == [], name


def test_documents_per_language_and_per_source(ask):
    assert ask("documents-per-language") == [
        ("en", "2", "2024-08-10", "2025-11-28"), ("kk", "1", "2025-12-01", "2025-12-01"),
        ("ru", "1", "2024-11-27", "2024-11-27")]
    assert ask("documents-per-source") == [  # (no source recorded: empty)
        ("", "en", "2"), ("", "ru", "1"),
        ("Press service of the Ministry of Foreign Affairs of the Republic of Kazakhstan", "kk", "1")]


def test_provenance_of_a_fact_document_sentence_and_offsets(ask, store):
    rows = ask("provenance", subject=ID + M15, predicate=str(KG.ordinal))
    assert [r[:9] for r in rows] == [
        (M15, str(KG.ordinal), "15", FX2, "doc/fx2_kk_2025#char=88,372", "88", "372", "254", "280"),
        (M15, str(KG.ordinal), "15", FX3, "doc/fx3_en_2025#char=95,282", "95", "282", "200", "219"),
    ]
    # the offsets point into the document text the sentence is quoted from
    en = rows[1]
    assert en[9].startswith("On 28 November") and en[9][200 - 95:219 - 95] == "15th annual meeting"
    everything = ask("provenance", subject=ID + M15)
    assert len(everything) == 32 and {r[3] for r in everything} == {FX2, FX3}
    assert {short(r[1]) for r in everything} >= {str(KG.topic), str(KG.supportedBy), SCHEMA + "startDate"}
    assert ask("provenance", subject=ID + "meeting/none") == []
    with pytest.raises(QueryError, match="subject"):
        ask("provenance")


# ---------------------------------------------------------- hostile values --


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_hostile_values_stay_terms_and_find_nothing(store, name):
    """A string parameter holding query syntax or quotes is one literal: no rows, the store untouched;
    any other type rejects it with a QueryError."""
    q = get_query(name)
    before = len(store)
    for p in q.params:
        for value in (HOSTILE, QUOTED):
            params = {**{k: v for k, v in REQUIRED.items() if k in {x.name for x in q.params}}, p.name: value}
            if p.type in ("string", "literal", "lang"):
                text = bind(q.text, bindings_for(q, params))
                values = text.splitlines()[_values_line(text)]
                # the query itself is unchanged: the VALUES line at the top, and at each `#@bind` mark (at
                # each `#@bind_` mark, the same with each variable named with a trailing underscore)
                head, terms = values.strip().split(") {", 1)
                private = re.sub(r"\?(\w+)", r"?\1_", head) + ") {" + terms
                marked = BIND_MARK.sub(lambda m: m.group(1) + values.strip(), q.text)
                marked = PRIVATE_MARK.sub(lambda m: m.group(1) + private, marked)
                assert text.replace("\n" + values + "\n", "", 1) == marked
                assert run_local(store, q, params) == []
            else:
                with pytest.raises(QueryError):
                    run_local(store, q, params)
    assert len(store) == before


def _values_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if line.lstrip().startswith("VALUES ("))


@pytest.mark.parametrize("value", [HOSTILE, "http://example.org/a b", "http://example.org/a>b", "<http://x>",
                                   "http://example.org/\"q\"", "not an iri"])
def test_bad_iris_are_rejected_with_a_clear_error(value):
    with pytest.raises(QueryError, match="not an IRI"):
        to_term(value, "iri")


def test_hostile_literal_is_escaped_in_the_values_block():
    q = get_query("official-meetings")
    text = bind(q.text, bindings_for(q, {"official": HOSTILE}))
    assert 'VALUES (?lang1 ?lang2 ?lang3 ?official) { ("en" "ru" "kk" "x\\" } ; DROP ALL ; #") }' in text


def test_unknown_parameters_are_refused(ask):
    with pytest.raises(QueryError, match="no parameter"):
        ask("timeline", country="kz")



def test_list_columns_are_the_same_on_every_store_and_in_any_insertion_order(tmp_path):
    """GROUP_CONCAT's order is the engine's (Oxigraph's in-memory and on-disk stores gave different orders on
    the bench graph): the query's `lists` header makes the runners sort the items, so the answer is the
    same on every store, whatever order the data was loaded in."""
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import RDF, SDO

    q = get_query("meetings")
    assert q.lists == {"supporter": " | "}
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    g = ds.graph(URIRef(ID + "doc/fx1_ru_2024"))
    meeting = URIRef(ID + M14)
    orgs = [(URIRef(ID + f"organization/test-{i}"), name) for i, name in enumerate(["Zeta Fund", "Alpha Council", "Mu Office"])]
    answers = set()
    for order in (orgs, orgs[::-1]):
        for org, name in order:
            g.add((org, RDF.type, SDO.Organization))
            g.add((org, RDFS.label, Literal(name, lang="en")))
            g.add((meeting, KG.supportedBy, org))
        for i, store in enumerate((ox.Store(), ox.Store(str(tmp_path / f"disk-{len(answers)}-{order[0][1][:1]}")))):
            store.load(ds.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
            rows = run_local(store, q, {"file": FX1})
            answers.add(rows[0]["supporter"])
        for org, _name in order:
            g.remove((meeting, KG.supportedBy, org))
    assert answers == {f"Alpha Council | Mu Office | {UNRCCA} | Zeta Fund"}


def test_a_list_column_needs_a_separator(tmp_path):
    from kgbuild.queries import load_query

    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: x\n#+ lists:\n#+   supporter: 3\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="lists must map column names to their separators"):
        load_query(bad)

"""The seed press release: the graph holds every fact the pipeline issue lists, asked through the
stored queries (never by peeking into Python objects)."""
from __future__ import annotations

from kgbuild.queries import load_store
from kgbuild.translit import name_key
from kgbuild.vocab import DATA_NS, KG_NS

SEED = "000_90a708093f919ed1.txt"
ID = DATA_NS


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def meeting(seed_query, ordinal: str) -> dict:
    rows = [r for r in seed_query("meetings", file=SEED) if r["ordinal"] == ordinal]
    assert len(rows) == 1, rows
    return rows[0]


def test_seed_meeting_is_the_15th_deputy_fm_meeting_in_almaty_on_2025_12_01(seed_query):
    m = meeting(seed_query, "15")
    assert m["date"] == "2025-12-01"
    assert m["place"] == "Almaty"
    assert m["host"] == "Kazakhstan"
    assert "deputy foreign ministers" in m["name"].lower() and "15th" in m["name"]
    assert "deputy foreign ministers" in m["series"]


def test_seed_meeting_supported_by_unrcca(seed_query):
    m = meeting(seed_query, "15")
    assert "Preventive Diplomacy" in m["supporter"]


def test_seed_meeting_reported_by_the_mfa_press_service(seed_build):
    store = load_store(seed_build)
    rows = list(store.query(
        "PREFIX kg: <" + KG_NS + "> PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT ?ps ?parent WHERE { GRAPH ?g { ?g a kg:PressRelease . ?m kg:reportedBy ?ps . ?ps org:unitOf ?parent } }"
    ))
    assert [str(r["parent"].value) for r in rows] == [ID + "org/mfa-kz"]


def test_seed_meeting_topics(seed_build):
    store = load_store(seed_build)
    rows = store.query(
        "PREFIX kg: <" + KG_NS + "> "
        "SELECT ?t WHERE { GRAPH ?g { <" + DATA_NS + "meeting/ca-deputy-foreign-ministers/15> kg:topic ?t } }"
    )
    topics = {r["t"].value.rsplit("/", 1)[1] for r in rows}
    assert {"regional-security", "afghanistan", "water-energy", "artificial-intelligence", "data-security",
            "climate", "transboundary-basins"} <= topics


def test_seed_second_meeting_is_the_7th_consultative_meeting_in_tashkent(seed_query):
    m = meeting(seed_query, "7")
    assert m["place"] == "Tashkent"
    assert "Consultative" in m["name"]
    assert m["date"] == ""  # the text gives no date for it


def test_seed_participants_with_positions(seed_query):
    rows = seed_query("participants", file=SEED)
    by_name = {}
    for r in rows:
        by_name.setdefault(name_key(r["name"]), r)
    ashikbayev = by_name[name_key("Yerzhan Ashikbayev")]
    assert ashikbayev["position"] == "First Deputy Minister of Foreign Affairs"
    assert ashikbayev["affiliation"] in ("Kazakhstan", "Ministry of Foreign Affairs of Kazakhstan")
    assert ashikbayev["role"] == "gave the opening remarks"
    imnadze = by_name[name_key("Kaha Imnadze")]
    assert imnadze["position"] == "Head"
    assert "Preventive Diplomacy" in imnadze["affiliation"]
    orazbay = by_name[name_key("Askhat Orazbay")]
    # "Chairman" of the "Executive Committee of IFAS" (or "Chairman of the Executive Committee" of IFAS)
    assert "Chairman" in orazbay["position"]
    assert "Executive Committee" in orazbay["position"] + orazbay["affiliation"]
    assert "Aral" in orazbay["affiliation"]
    assert all(r["meeting"] == ID + "meeting/ca-deputy-foreign-ministers/15" for r in rows)
    # Tokayev proposed an initiative; he did not take part
    assert name_key("Kassym-Jomart Tokayev") not in by_name


def test_seed_groups_take_part(seed_build):
    store = load_store(seed_build)
    rows = store.query(
        "PREFIX kg: <" + KG_NS + "> PREFIX schema: <https://schema.org/> "
        "SELECT ?grp ?of WHERE { GRAPH ?g { ?m kg:participation/kg:participant ?grp . ?grp a kg:Group . "
        "OPTIONAL { ?grp schema:memberOf ?of } } }"
    )
    groups = {(r["grp"].value.rsplit("/", 1)[1].split("-")[0], r["of"].value if r["of"] else None) for r in rows}
    assert ("students", ID + "org/preventive-diplomacy-academy") in groups or any(
        g == "students" and o and "academy" in o for g, o in groups)
    assert any(g == "representatives" for g, _ in groups)


def test_seed_entities_include_places_and_organisations(seed_query):
    rows = seed_query("entities", file=SEED)
    names = {(r["type"], r["name"]) for r in rows}
    assert ("City", "Almaty") in names and ("City", "Tashkent") in names
    assert ("Country", "Kazakhstan") in names and ("Country", "Afghanistan") in names
    orgs = {n for t, n in names if t == "Organization"}
    assert any("Preventive Diplomacy for Central Asia" in n for n in orgs)
    assert any("SDG" in n or "Sustainable Development" in n for n in orgs)
    assert any("Aral" in n for n in orgs)
    assert ("Region", "Central Asia") in names
    formats = {n for t, n in names if t == "Format"}
    assert any("Central Asia" in n and "plus" in n.lower() for n in formats)


def test_seed_sdg_centre_set_up_in_almaty(seed_build):
    store = load_store(seed_build)
    rows = list(store.query(
        "PREFIX schema: <https://schema.org/> SELECT ?org WHERE { GRAPH ?g { ?org schema:location <"
        + ID + "city/almaty> . ?org a schema:Organization } }"
    ))
    assert any("sdg" in r["org"].value.lower() for r in rows)


def test_seed_initiatives_and_proposers(seed_query):
    rows = seed_query("initiatives", file=SEED)
    assert len(rows) == 2, rows
    convention = next(r for r in rows if r["kind"] == "convention")
    assert "су пайдалану" in convention["name"] and "Негіздемелік конвенция" in convention["name"]
    assert same_name(convention["proposer"], "Kassym-Jomart Tokayev")
    assert "стратегия" in convention["purpose"]  # to coordinate national water strategies
    declaration = next(r for r in rows if r["kind"] == "declaration")
    assert "жасанды интеллект" in declaration["name"]
    assert declaration["draft"] == "true"
    assert declaration["proposer"] == "Kazakhstan"


def test_seed_declaration_is_proposed_with_the_central_asian_states(seed_build):
    store = load_store(seed_build)
    rows = list(store.query(
        "PREFIX kg: <" + KG_NS + "> SELECT ?w WHERE { GRAPH ?g { ?g a kg:PressRelease . ?i kg:proposedWith ?w } }"
    ))
    assert [r["w"].value for r in rows] == [ID + "region/central-asia"]


def test_seed_programme_of_action_2026_2030_with_five_ordered_priorities(seed_query):
    rows = seed_query("programme-priorities", file=SEED)
    assert {r["programme"] for r in rows} == {ID + "programme/org-unrcca/programme-of-action/2026-2030"}
    assert {(r["start"], r["end"]) for r in rows} == {("2026", "2030")}
    assert all("Preventive Diplomacy" in r["owner"] for r in rows)
    priorities = [r["priority"] for r in sorted(rows, key=lambda r: int(r["rank"]))]
    assert [r["rank"] for r in sorted(rows, key=lambda r: int(r["rank"]))] == ["1", "2", "3", "4", "5"]
    expected_starts = ["алдын алу дипломатиясын ілгерілету", "қақтығыстарды бақылау", "өңірлік ұйымдармен серіктестік",
                       "БҰҰ алдын алу дипломатиясын нығайту", "Орталық Азия елдерінің Ауғанстанға"]
    for got, want in zip(priorities, expected_starts):
        assert got.startswith(want), (got, want)


def test_every_fact_of_the_seed_has_provenance(seed_build):
    """Each reified statement points at a sentence of the seed whose offsets hold its text."""
    store = load_store(seed_build)
    text = (seed_build.parent / "x").parent  # unused; the sentence text is in the graph itself
    del text
    rows = list(store.query(
        "PREFIX kg: <" + KG_NS + "> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "SELECT ?st ?s ?b ?e ?txt WHERE { GRAPH ?g { ?st a rdf:Statement ; kg:evidence ?s . "
        "?s kg:beginIndex ?b ; kg:endIndex ?e ; kg:anchorOf ?txt } }"
    ))
    assert len(rows) > 50
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[1] / "seeds" / SEED).read_text(encoding="utf-8")
    for r in rows:
        assert seed[int(r["b"].value) : int(r["e"].value)] == r["txt"].value


def test_seed_conforms_to_the_shapes(seed_build):
    import json

    summary = json.loads((seed_build / "build.json").read_text())
    assert summary["conforms"] is True, (seed_build / "validation.txt").read_text()
    assert summary["documents"] == 1

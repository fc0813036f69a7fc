"""`kgbuild report` on the seed + corpus build: the page's figures are the stored queries' answers, names
are short and in one script per picture, every text is escaped, and the page loads in headless Chromium
with no network request and no console error (a screenshot is taken)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from kgbuild.cli import app
from kgbuild.network.names import LIMIT, SCRIPT, script_of
from kgbuild.queries import get_query, load_store, run_local
from kgbuild.report import ReportData, collect, render

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the corpus lives in ../shared/corpus beside the project")
    out = tmp_path_factory.mktemp("report-build")
    r = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), str(CORPUS), "--out", str(out), "--workers", "2",
                                 "--shacl-engine", "turbo"])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def store(build):
    return load_store(build)


@pytest.fixture(scope="module")
def data(build, store) -> ReportData:
    return collect(build, "en", store)


def ask(store, name, **params):
    return run_local(store, get_query(name), params)


# The report merges the documents' meetings at query time (queries/report/*.rq: one row per document IRI,
# the earliest date), while the stored queries across documents read the consolidated layer (one row per
# real meeting, its preferred date, kg:support): the report's figures are compared with those answers
# through the layer's kg:consolidatedAs links.
LAYER = "<https://w3id.org/kgbuild/id/graph/consolidated>"
KG = "PREFIX kg: <https://w3id.org/kgbuild/ontology#> PREFIX schema: <https://schema.org/> "


def layer_of(store) -> dict[str, str]:
    """A document's IRI -> the layer's IRI it is consolidated as."""
    return {r["d"].value: r["c"].value for r in store.query(
        KG + f"SELECT ?d ?c WHERE {{ GRAPH {LAYER} {{ ?d kg:consolidatedAs ?c }} }}")}


def layer_people(store, meeting: str) -> set[str]:
    """The layer's persons that the documents have take part in a document's meeting."""
    return {r["c"].value for r in store.query(
        KG + f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ <{meeting}> kg:participation/kg:participant ?p . ?p a schema:Person }} "
             f"GRAPH {LAYER} {{ ?p kg:consolidatedAs ?c }} }}")}


def layer_meetings(store, person: str) -> set[str]:
    """The layer's meetings of the persons that a document's person is consolidated as."""
    return {r["c"].value for r in store.query(
        KG + f"SELECT DISTINCT ?c WHERE {{ GRAPH {LAYER} {{ <{person}> kg:consolidatedAs ?lp . ?p kg:consolidatedAs ?lp }} "
             f"GRAPH ?g {{ ?m kg:participation/kg:participant ?p }} GRAPH {LAYER} {{ ?m kg:consolidatedAs ?c . ?c a kg:Meeting }} }}")}


# ----------------------------------------------------------------- figures --


def test_counts_are_the_stored_queries_and_the_builds(data, store, build):
    build_json = json.loads((build / "build.json").read_text(encoding="utf-8"))
    per_language = ask(store, "documents-per-language")
    assert data.counts["documents"] == build_json["documents"] == sum(int(r["documents"]) for r in per_language)
    timeline = ask(store, "timeline")
    assert data.counts["meetings"] == len(data.meetings) >= len(timeline)
    layer = layer_of(store)
    assert {layer[m.iri] for m in data.meetings} == {r["meeting"] for r in timeline}
    assert data.counts["programmes"] == len({r["programme"] for r in ask(store, "programme-priorities")})
    assert data.counts["initiatives"] >= len({r["initiative"] for r in ask(store, "initiative-history")}) > 0
    assert data.validation == json.loads((build / "validation.json").read_text(encoding="utf-8"))


def test_documents_over_time_add_up_to_the_stored_counts(data, store):
    periods, by_language = data.per_period("language")
    assert periods == sorted(periods)
    stored = {r["language"]: int(r["documents"]) for r in ask(store, "documents-per-language")}
    assert {lang: sum(counts) for lang, counts in by_language.items()} == stored
    _, by_source = data.per_period("source")
    per_source: dict[str, int] = {}
    for r in ask(store, "documents-per-source"):  # (no source recorded: empty, and "(not recorded)" on the page)
        source = r["source"] or "(not recorded)"
        per_source[source] = per_source.get(source, 0) + int(r["documents"])
    assert {source: sum(counts) for source, counts in by_source.items()} == per_source


def test_timeline_dates_and_documents_are_the_timeline_querys(data, store):
    stored = {r["meeting"]: (r["date"], int(r["documents"])) for r in ask(store, "timeline")}
    layer = layer_of(store)
    members: dict[str, list] = {}
    for m in data.meetings:
        members.setdefault(layer[m.iri], []).append(m)
    for node, ms in members.items():
        date, documents = stored[node]
        # the layer's meeting is reported by every document of its members' (a document rarely reports two)
        assert max(m.documents for m in ms) <= documents <= sum(m.documents for m in ms), node
        # its preferred date is one a document gives: not before the earliest any gives
        dates = [m.date for m in ms if m.date]
        assert bool(date) == bool(dates) and (not date or min(dates) <= date), node
    dated = [m.date for m in data.meetings if m.date]
    assert dated == sorted(dated)


def test_the_busiest_officials_meetings_are_those_official_meetings_finds(data, store):
    assert len(data.officials) == 15
    assert [o.meetings for o in data.officials] == sorted((o.meetings for o in data.officials), reverse=True)
    for o in data.officials[:5]:
        rows = ask(store, "official-meetings", official=o.iri)
        # the report counts the documents' meetings of the person's IRI, official-meetings the layer's
        assert {r["meeting"] for r in rows} == layer_meetings(store, o.iri), o
        assert 0 < len({r["meeting"] for r in rows}), o


def test_the_busiest_meetings_have_the_participants_attendance_lists(data, store):
    for m in data.busiest_meetings[:5]:
        people = {r["person"] for r in ask(store, "attendance", meeting=m.iri)}
        # the report counts the persons of the documents' meeting, attendance those of the layer's meeting
        # (which also has the persons that its other documents' meetings name)
        assert layer_people(store, m.iri) <= people and people, m


def test_networks_are_the_projections_most_connected_part(data, store):
    from kgbuild.network import project
    from kgbuild.report.data import NETWORK_NODES

    for net in data.networks:
        G = project(store, net.kind)
        assert (net.nodes, net.edges) == (G.number_of_nodes(), G.number_of_edges())
        assert len(net.graph) <= NETWORK_NODES and set(net.graph) <= set(G)
        assert all(G.has_edge(u, v) for u, v in net.graph.edges)


# ------------------------------------------------------------------- names --


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_each_picture_has_short_distinct_names_in_one_script(build, store, lang):
    data = collect(build, lang, store)
    for net in data.networks:
        names = [net.names[n] for n in net.graph]
        assert len(set(names)) == len(names), net.kind
        script = "Latin" if net.transliterated else SCRIPT[lang]
        assert {script_of(n) for n in names} <= {script, None}, (net.kind, names)
        assert all(len(n) <= LIMIT + 24 for n in names), names
    assert len({script_of(o.name) for o in data.officials} - {None}) == 1  # the busiest-officials chart


def test_unrcca_is_named_by_its_acronym(data):
    named = {n for net in data.networks for n in net.names.values()}
    assert "UNRCCA" in named
    assert not any(n.startswith("United Nations Regional Centre for Preve") for n in named)


def test_meetings_named_in_russian_in_a_russian_report(build, store):
    data = collect(build, "ru", store)
    countries = next(net for net in data.networks if net.kind == "countries-meetings")
    if not countries.transliterated:
        assert all(script_of(n) in ("Cyrillic", None) for n in countries.names.values())
        assert "Казахстан" in countries.names.values()


# ------------------------------------------------------------------- page --


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not executable:
        pytest.fail("no Chromium: install it with `apt-get install -y chromium`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, errors


def cells(page, table: str) -> list[list[str]]:
    return page.eval_on_selector_all(f"table.{table} tbody tr",
                                     "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def test_the_page_loads_offline_without_errors_and_shows_the_stored_figures(build, store, data, browser, tmp_path):
    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["report", "--graph", str(build), "--out", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "src=" not in text and "@import" not in text and "url(http" not in text
    page, requests, errors = open_page(browser, out)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert requests == [out.as_uri()] and errors == []

    for what, n in data.counts.items():
        assert page.get_attribute(f"#count-{what}", "data-count") == str(n)
    assert cells(page, "languages") == [[r["language"], r["documents"], r["first_issued"], r["last_issued"]]
                                        for r in ask(store, "documents-per-language")]
    assert cells(page, "sources") == [[r["source"] or "(not recorded)", r["language"], r["documents"]]
                                      for r in ask(store, "documents-per-source")]
    timeline = {r["meeting"]: r for r in ask(store, "timeline")}
    layer = layer_of(store)
    shown = cells(page, "timeline")
    assert [row[0] for row in shown] == [m.date for m in data.meetings]
    assert [int(row[6]) for row in shown] == [m.documents for m in data.meetings]
    assert all(m.documents <= int(timeline[layer[m.iri]]["documents"]) for m in data.meetings)
    assert [(row[0], int(row[1])) for row in cells(page, "officials")] == [(o.name, o.meetings) for o in data.officials]
    assert page.get_attribute("#verdict", "data-conforms") == str(data.validation["conforms"]).lower()
    assert page.locator(".figure svg").count() == 4 + len(data.networks)
    for net in data.networks:
        assert page.get_attribute(f"#network-{net.kind}", "data-nodes") == str(net.nodes)
    page.close()


def test_every_text_is_escaped(data, browser, tmp_path):
    from dataclasses import replace

    from kgbuild.report import Meeting, Official

    hostile = '<img src=x onerror="window.pwned=1"></table><script>window.pwned=2</script>'
    bad = replace(
        data,
        folder=hostile,
        meetings=[Meeting("urn:x", "2031-01-01", hostile, hostile, hostile, hostile, 1, 1)],
        officials=[Official("urn:y", hostile, 2, 2)],
        sources=[{"source": hostile, "language": "en", "documents": "1"}],
        networks=[],
    )
    out = tmp_path / "hostile.html"
    out.write_text(render(bad), encoding="utf-8")
    page, requests, errors = open_page(browser, out)
    assert page.evaluate("window.pwned") is None and page.locator("img").count() == 0
    assert page.locator("table.timeline tbody tr").first.locator("td").nth(1).text_content() == hostile
    assert hostile in page.locator("h1").text_content()
    assert requests == [out.as_uri()] and errors == []
    page.close()


def test_cli_report_errors_exit_2(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["report", "--graph", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert r.exit_code == 2 and "not a build folder" in r.output
    r = runner.invoke(app, ["report", "--graph", str(tmp_path), "--out", str(tmp_path / "r.html"), "--lang", "de"])
    assert r.exit_code == 2 and "unknown language" in r.output
    assert not (tmp_path / "r.html").exists()


def test_the_network_page_of_the_corpus_shows_short_labels_that_do_not_overlap(build, browser, tmp_path):
    """The dense cluster of who met whom: labels are display names, none cut to a shared prefix, and no two
    drawn labels overlap in the browser."""
    for kind in ("co-participation", "organisations-initiatives", "countries-meetings"):
        out = tmp_path / f"{kind}.html"
        r = CliRunner().invoke(app, ["network", kind, "--graph", str(build), "--out", str(out)])
        assert r.exit_code == 0, r.output
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(out.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=10_000)
        boxes = page.eval_on_selector_all("g.node text", """els => els.map(e => {
            const b = e.getBoundingClientRect(); return [e.textContent, b.left, b.top, b.right, b.bottom]; })""")
        assert len(boxes) >= 10, kind
        texts = [b[0] for b in boxes]
        assert len(set(texts)) == len(texts)
        assert not any(t.startswith("United Nations Regional Centre for Preve") for t in texts)
        overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                    if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1]
        assert overlaps == [], (kind, overlaps[:5])
        page.close()

"""Networks: on a hand-written build of four documents (fixtures/network.trig) each projection has exactly
the nodes and edges a reader of those documents expects; exports re-read equal the projection; pictures
are written, not blank, and their labels do not overlap on the seed; the HTML page works in a real
headless Chromium; the CLI takes `kgbuild network KIND ...` and `kgbuild network stats`."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kgbuild.cli import app
from kgbuild.network import (
    KINDS, Filters, NetworkError, figure, label_overlaps, metrics, project, scalar_graph, write_network,
)
from kgbuild.queries import load_store
from kgbuild.vocab import ID

FIXTURE = Path(__file__).parent / "fixtures" / "network.trig"

SARSENOVA, RAKHIMOV = ID + "person/dana-sarsenova", ID + "person/timur-rakhimov"
PETROVA, ABENOV = ID + "person/elena-petrova", ID + "person/nurlan-abenov"
DEPUTIES_9 = ID + "meeting/ca-deputy-foreign-ministers/9"  # Tashkent, 2024-03-09; documents a, b, d
MINISTERS_3 = ID + "meeting/ca-foreign-ministers/3"  # Astana, 2024-06-19; document c
DELTA_MEETING = ID + "meeting/n04_delta/95"  # undated: dated by its press release, 2024-09-05
KZ, UZ, CENTRAL_ASIA = ID + "country/kz", ID + "country/uz", ID + "region/central-asia"
DECLARATION, CONVENTION = ID + "initiative/declaration-6b0d2e9f41a7", ID + "initiative/convention-d85f1a3c6e20"
PROGRAMME, UNRCCA = ID + "programme/org-unrcca/programme-of-action/2024-2026", ID + "org/unrcca"
A, B, C, D = "n01_alpha.txt", "n02_bravo.txt", "n03_charlie.txt", "n04_delta.txt"


@pytest.fixture(scope="module")
def store():
    return load_store(FIXTURE)


def weights(G: nx.Graph) -> dict[frozenset, int]:
    return {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}


def edge(G: nx.Graph, u: str, v: str) -> dict:
    return G.edges[u, v]


# ------------------------------------------------------------- projections --


def test_officials_meetings_links_persons_to_the_meetings_they_took_part_in(store):
    G = project(store, "officials-meetings")
    assert set(G) == {SARSENOVA, RAKHIMOV, PETROVA, ABENOV, DEPUTIES_9, MINISTERS_3, DELTA_MEETING}
    assert weights(G) == {
        frozenset((SARSENOVA, DEPUTIES_9)): 1,
        frozenset((RAKHIMOV, DEPUTIES_9)): 2,  # documents a and b both say so
        frozenset((PETROVA, DEPUTIES_9)): 1,
        frozenset((SARSENOVA, MINISTERS_3)): 1,
        frozenset((ABENOV, MINISTERS_3)): 1,
        frozenset((SARSENOVA, DELTA_MEETING)): 1,
        frozenset((PETROVA, DELTA_MEETING)): 1,
    }
    assert edge(G, RAKHIMOV, DEPUTIES_9)["documents"] == [A, B]
    assert edge(G, RAKHIMOV, DEPUTIES_9)["dates"] == ["2024-03-09"]
    assert nx.is_bipartite(G)
    assert {n for n, d in G.nodes(data=True) if d["bipartite"] == 0} == {SARSENOVA, RAKHIMOV, PETROVA, ABENOV}


def test_co_participation_joins_persons_at_one_meeting_even_when_different_documents_name_them(store):
    G = project(store, "co-participation")
    assert set(G) == {SARSENOVA, RAKHIMOV, PETROVA, ABENOV}
    assert weights(G) == {
        frozenset((SARSENOVA, RAKHIMOV)): 1,
        frozenset((SARSENOVA, PETROVA)): 2,  # the 9th meeting (a names her, b names Petrova) and delta's
        frozenset((RAKHIMOV, PETROVA)): 1,
        frozenset((SARSENOVA, ABENOV)): 1,
    }
    met = edge(G, SARSENOVA, PETROVA)
    assert met["meetings"] == [DEPUTIES_9, DELTA_MEETING]
    assert met["dates"] == ["2024-03-09", "2024-09-05"]
    assert met["documents"] == [A, B, D]
    # a node's documents are those that name it, not every document of its edges
    assert G.nodes[SARSENOVA]["documents"] == [A, C, D]
    assert G.nodes[PETROVA]["documents"] == [B, D]


def test_organisations_initiatives_links_proposals_owners_and_proposers_posts(store):
    G = project(store, "organisations-initiatives")
    assert set(G) == {DECLARATION, UZ, CENTRAL_ASIA, CONVENTION, SARSENOVA, KZ, PROGRAMME, UNRCCA}
    relations = {frozenset((u, v)): d["relations"] for u, v, d in G.edges(data=True)}
    assert relations == {
        frozenset((DECLARATION, UZ)): ["proposed by"],
        frozenset((DECLARATION, CENTRAL_ASIA)): ["proposed with"],
        frozenset((CONVENTION, SARSENOVA)): ["proposed by"],
        frozenset((SARSENOVA, KZ)): ["holds a post in"],
        frozenset((PROGRAMME, UNRCCA)): ["owned by"],
    }
    assert set(weights(G).values()) == {1}
    assert edge(G, PROGRAMME, UNRCCA)["meetings"] == []
    assert edge(G, PROGRAMME, UNRCCA)["dates"] == ["2024-03-12"]  # no meeting: the press release's date


def test_countries_meetings_links_hosts_and_countries_of_participants(store):
    G = project(store, "countries-meetings")
    # the delta meeting has no host and Sarsenova's post is not given there: it has no country
    assert set(G) == {KZ, UZ, DEPUTIES_9, MINISTERS_3}
    assert weights(G) == {
        frozenset((UZ, DEPUTIES_9)): 3,  # host in a, b, d; Rakhimov's country in a, b
        frozenset((KZ, DEPUTIES_9)): 1,  # Sarsenova's country, in a
        frozenset((KZ, MINISTERS_3)): 1,
    }
    assert edge(G, UZ, DEPUTIES_9)["relations"] == ["hosted", "sent an official to"]
    assert edge(G, KZ, DEPUTIES_9)["relations"] == ["sent an official to"]
    assert nx.is_bipartite(G)


def test_nodes_carry_label_type_country_first_and_last_seen_and_documents(store):
    G = project(store, "officials-meetings")
    assert G.nodes[SARSENOVA] == {
        "label": "Dana Sarsenova", "type": "person", "country": ["Kazakhstan"], "first_seen": "2024-03-09",
        "last_seen": "2024-09-05", "documents": [A, C, D], "bipartite": 0,
    }
    assert G.nodes[ABENOV]["label"] == "Нурлан Абенов"  # only a Russian label: kept in Cyrillic
    assert G.nodes[ABENOV]["country"] == []  # his post is in an organisation
    assert G.nodes[DEPUTIES_9]["label"] == "9th annual meeting of deputy foreign ministers of Central Asian states"
    assert G.nodes[DEPUTIES_9]["country"] == ["Uzbekistan"]
    assert G.nodes[DELTA_MEETING]["first_seen"] == "2024-09-05"
    assert project(store, "organisations-initiatives").nodes[CONVENTION]["country"] == ["Kazakhstan"]


@pytest.mark.parametrize("kind, filters, expected", [
    ("officials-meetings", Filters(since=date(2024, 6, 1)),
     {(SARSENOVA, MINISTERS_3), (ABENOV, MINISTERS_3), (SARSENOVA, DELTA_MEETING), (PETROVA, DELTA_MEETING)}),
    ("officials-meetings", Filters(until=date(2024, 3, 31)),
     {(SARSENOVA, DEPUTIES_9), (RAKHIMOV, DEPUTIES_9), (PETROVA, DEPUTIES_9)}),
    ("co-participation", Filters(min_weight=2), {(SARSENOVA, PETROVA)}),
    ("co-participation", Filters(country="kz"),
     {(SARSENOVA, RAKHIMOV), (SARSENOVA, PETROVA), (SARSENOVA, ABENOV)}),
    ("co-participation", Filters(country="Казахстан"),
     {(SARSENOVA, RAKHIMOV), (SARSENOVA, PETROVA), (SARSENOVA, ABENOV)}),
    ("co-participation", Filters(country=UZ), {(SARSENOVA, RAKHIMOV), (RAKHIMOV, PETROVA)}),
    ("countries-meetings", Filters(country="Uzbekistan", min_weight=2), {(UZ, DEPUTIES_9)}),
])
def test_filters_keep_the_expected_edges(store, kind, filters, expected):
    G = project(store, kind, filters)
    assert set(weights(G)) == {frozenset(e) for e in expected}
    assert set(G) == {n for e in expected for n in e}  # no node is left without an edge


def test_date_filter_recounts_weights_and_dates(store):
    G = project(store, "co-participation", Filters(since=date(2024, 6, 1)))
    assert weights(G) == {frozenset((SARSENOVA, PETROVA)): 1, frozenset((SARSENOVA, ABENOV)): 1}
    assert G.nodes[SARSENOVA]["first_seen"] == "2024-06-19"


def test_unknown_country_or_kind_is_an_error(store):
    with pytest.raises(NetworkError, match="no country 'Narnia'"):
        project(store, "co-participation", Filters(country="Narnia"))
    with pytest.raises(NetworkError, match="unknown network kind"):
        project(store, "who-knows")


def test_fixture_uses_only_terms_a_real_build_emits(seed_build):
    """The fixture stays in the shape kgbuild writes: every predicate and class it uses occurs in the
    seed's build (a renamed term in the mappers makes this fail, and the fixture must follow)."""
    used = """SELECT DISTINCT ?term WHERE { GRAPH ?g { { ?s ?term ?o } UNION { ?s a ?term } } }"""
    fixture_terms = {s["term"].value for s in load_store(FIXTURE).query(used)}
    seed_terms = {s["term"].value for s in load_store(seed_build).query(used)}
    assert fixture_terms - seed_terms == set()


# ----------------------------------------------------------------- metrics --


def test_metrics_use_networkx_centralities_and_seeded_communities(store):
    G = project(store, "co-participation")
    summary, rows = metrics(G)
    assert (summary.kind, summary.nodes, summary.edges, summary.components) == ("co-participation", 4, 4, 1)
    top = rows[0]
    assert (top.node, top.degree, top.strength) == (SARSENOVA, 3, 4)
    assert top.betweenness == pytest.approx(nx.betweenness_centrality(G)[SARSENOVA], abs=1e-4)
    assert top.degree_centrality == pytest.approx(1.0)
    assert metrics(G) == (summary, rows)  # seeded: the same communities every time
    assert {r.community for r in rows} <= set(range(1, summary.communities + 1))


# ----------------------------------------------------------------- exports --


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("ending, read", [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_equal_the_projection(store, tmp_path, kind, ending, read):
    G = project(store, kind)
    path = tmp_path / f"{kind}{ending}"
    write_network(G, path)
    H = read(path)
    expected = scalar_graph(G)
    assert dict(H.nodes(data=True)) == dict(expected.nodes(data=True))
    got_edges = {}
    for u, v, d in H.edges(data=True):
        d = {k: val for k, val in d.items() if k != "id"}  # GEXF numbers its edges
        got_edges[frozenset((u, v))] = d
    assert got_edges == {frozenset((u, v)): d for u, v, d in expected.edges(data=True)}
    assert all(isinstance(v, (str, int, float)) for _, d in H.nodes(data=True) for v in d.values())


def test_node_link_json_keeps_lists(store, tmp_path):
    G = project(store, "co-participation")
    write_network(G, tmp_path / "g.json")
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges")
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert {frozenset((u, v)): d for u, v, d in H.edges(data=True)} == \
           {frozenset((u, v)): d for u, v, d in G.edges(data=True)}


def test_png_and_svg_are_written_and_not_blank(store, tmp_path):
    from matplotlib.image import imread

    G = project(store, "officials-meetings")
    write_network(G, tmp_path / "g.png")
    write_network(G, tmp_path / "g.svg")
    assert (tmp_path / "g.png").stat().st_size > 20_000
    pixels = imread(tmp_path / "g.png")
    assert pixels.shape[0] > 600 and pixels.shape[1] > 900
    inked = (pixels[..., :3].min(axis=2) < 0.9).mean()
    assert 0.01 < inked < 0.5  # drawn on, but not a filled rectangle
    assert len({tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).tolist()}) > 20  # several colours
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


@pytest.mark.parametrize("kind", list(KINDS))
def test_seed_pictures_label_every_node_and_no_two_labels_overlap(seed_build, kind):
    G = project(load_store(seed_build), kind)
    fig = figure(G)
    assert len(fig.axes[0].texts) == len(G)
    assert label_overlaps(fig) == []


def test_label_overlaps_does_detect_overlap():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "Қазақстан")
    ax.text(0.51, 0.5, "Kazakhstan")
    assert label_overlaps(fig) == [("Қазақстан", "Kazakhstan")]


# -------------------------------------------------------------------- HTML --

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
INSTALL = ("install them with `apt-get install -y chromium` and `pip install playwright==1.65.2` "
           "(do not run `playwright install`: the test drives Debian's chromium)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the HTML test needs Playwright and Chromium: {INSTALL}")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not executable:
        pytest.fail(f"no Chromium at {CHROMIUM} or on PATH; {INSTALL}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=10_000)
    return page, requests, errors


def test_html_page_shows_every_node_and_a_tooltip_on_hover_offline(store, browser, tmp_path):
    G = project(store, "officials-meetings")
    path = tmp_path / "officials.html"
    write_network(G, path)
    text = path.read_text(encoding="utf-8")
    assert "src=" not in text and "href=" not in text and "@import" not in text  # nothing fetched
    page, requests, errors = open_page(browser, path)
    ids = page.eval_on_selector_all("g.node", "els => els.map(e => e.dataset.id)")
    assert sorted(ids) == sorted(G)
    assert page.locator("line.edge").count() == G.number_of_edges()
    assert page.locator("#tooltip").is_hidden()

    page.hover(f'g.node[data-id="{ABENOV}"] circle')
    tooltip = page.locator("#tooltip")
    assert tooltip.is_visible()
    shown = tooltip.inner_text()
    assert "Нурлан Абенов" in shown and "type: person" in shown and C in shown
    page.mouse.move(5, 5)
    assert tooltip.is_hidden()

    page.hover(f'g.node[data-id="{DEPUTIES_9}"] circle')
    shown = tooltip.inner_text()
    assert "9th annual meeting" in shown and "type: meeting" in shown and all(f in shown for f in (A, B))

    before = page.get_attribute("#viewport", "transform")
    page.mouse.move(640, 500)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"document.getElementById('viewport').getAttribute('transform') !== {before!r}")
    zoomed = page.get_attribute("#viewport", "transform")
    page.mouse.move(40, 880)
    page.mouse.down()
    page.mouse.move(140, 820, steps=4)
    page.mouse.up()
    assert page.get_attribute("#viewport", "transform") not in (before, zoomed)  # panned
    assert errors == []
    assert all(url.startswith("file:") for url in requests), requests
    page.close()


def test_html_page_shows_hostile_labels_as_text(browser, tmp_path):
    from kgbuild.network import html_bytes

    G = nx.Graph(kind="test")
    hostile = '</script><img src=x onerror="window.pwned=1">'
    for n in ("a", "b"):
        G.add_node(n, label=hostile, type="person", country=[], first_seen="2024-01-01", last_seen="2024-01-01",
                   documents=["x.txt"])
    G.add_edge("a", "b", weight=1, relations=["met at"], meetings=[], dates=["2024-01-01"], documents=["x.txt"])
    path = tmp_path / "hostile.html"
    path.write_bytes(html_bytes(G))
    page, requests, errors = open_page(browser, path)
    page.hover('g.node[data-id="a"] circle')
    assert hostile in page.locator("#tooltip").inner_text()
    assert page.evaluate("window.pwned") is None and page.locator("img").count() == 0
    assert errors == [] and all(url.startswith("file:") for url in requests)
    page.close()


# --------------------------------------------------------------------- CLI --


@pytest.mark.parametrize("ending", [".graphml", ".gexf", ".json", ".png", ".svg", ".html"])
def test_cli_network_kind_writes_the_format_of_the_file_ending(tmp_path, ending):
    target = tmp_path / f"net{ending}"
    result = CliRunner().invoke(app, ["network", "co-participation", "--graph", str(FIXTURE), "--out", str(target),
                                      "--since", "2024-01-01", "--min-weight", "1"])
    assert result.exit_code == 0, result.output
    assert "co-participation: 4 nodes, 4 edges" in result.output
    assert target.stat().st_size > 500


def test_cli_network_filters(tmp_path):
    target = tmp_path / "kz.json"
    result = CliRunner().invoke(app, ["network", "co-participation", "-g", str(FIXTURE), "-o", str(target),
                                      "--country", "Kazakhstan", "--until", "2024-12-31"])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["edges"]) == 3 and len(data["nodes"]) == 4


def test_cli_network_stats_for_one_kind_and_for_all():
    runner = CliRunner()
    one = runner.invoke(app, ["network", "stats", "--graph", str(FIXTURE), "--kind", "co-participation"],
                        env={"COLUMNS": "160"})
    assert one.exit_code == 0, one.output
    assert "co-participation" in one.output and "Dana Sarsenova" in one.output and "betweenness" in one.output
    assert "officials-meetings" not in one.output
    every = runner.invoke(app, ["network", "stats", "-g", str(FIXTURE)], env={"COLUMNS": "160"})
    assert every.exit_code == 0, every.output
    assert all(kind in every.output for kind in KINDS)
    assert "Нурлан Абенов" in every.output


@pytest.mark.parametrize("args, message", [
    (["network", "co-participation", "-g", str(FIXTURE), "-o", "net.docx"], "unknown file ending"),
    (["network", "co-participation", "-g", str(FIXTURE), "-o", "net.png", "--since", "March"], "want a date"),
    (["network", "co-participation", "-g", str(FIXTURE), "-o", "net.png", "--country", "Narnia"], "no country"),
    (["network", "co-participation", "-g", "no/such/build", "-o", "net.png"], "no graph found"),
    (["network", "stats", "-g", str(FIXTURE), "--kind", "who-knows"], "unknown network kind"),
    (["network", "who-knows", "-o", "net.png"], "No such command"),
])
def test_cli_network_bad_input_exits_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert message in result.output
    assert not list(tmp_path.iterdir())  # nothing written

"""The report as one self-contained HTML page: its CSS inline, its pictures inline SVG, no script, no font
or file fetched. Every text from the graph or the build goes through html.escape."""
from __future__ import annotations

import html
from typing import Iterable, Sequence

from . import charts
from .data import ReportData

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
TIMELINE_ROWS = 300  # the timeline table lists at most this many meetings (the picture shows them all)

_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222; background: #f6f6f4; }
header, section { max-width: 1180px; margin: 0 auto; padding: 14px 22px; }
header { padding-top: 22px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 10px; border-bottom: 2px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 14px 0 6px; }
.muted { color: #666; }
nav a { margin-right: 14px; color: #0b5394; text-decoration: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid #e2e2e2; border-radius: 8px; padding: 10px 14px; }
.card .n { font-size: 26px; font-weight: bold; }
.card .what { color: #555; }
.ok { color: #1a7f37; font-weight: bold; }
.bad { color: #b42318; font-weight: bold; }
table { border-collapse: collapse; background: #fff; margin: 6px 0 10px; font-size: 14px; }
th, td { border: 1px solid #e2e2e2; padding: 3px 9px; text-align: left; vertical-align: top; }
th { background: #f0f0ee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
.figure { background: #fff; border: 1px solid #e2e2e2; border-radius: 8px; padding: 8px; margin: 8px 0; overflow-x: auto; }
.figure svg { max-width: 100%; height: auto; display: block; }
.columns { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _table(cls: str, head: Sequence[str], rows: Iterable[Sequence], numeric: Sequence[int] = ()) -> str:
    out = [f'<table class="{_e(cls)}"><thead><tr>', *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    kinds = ["num" if i in numeric else "date" if h == "date" else "" for i, h in enumerate(head)]
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="{k}">{_e(v)}</td>' if k else f"<td>{_e(v)}</td>"
                                    for k, v in zip(kinds, row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _figure(svg: str, label: str) -> str:
    return f'<div class="figure" role="img" aria-label="{_e(label)}">{svg}</div>'


def render(data: ReportData) -> str:
    """The whole page."""
    language = LANGUAGE_NAMES[data.lang]
    parts = [
        _header(data, language),
        _overview(data),
        _validation(data),
        _documents(data),
        _busiest(data),
        _timeline(data),
        _networks(data),
    ]
    title = f"kgbuild report: {data.folder}"
    return f"""<!DOCTYPE html>
<html lang="{_e(data.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
{''.join(parts)}
</body>
</html>
"""


def _header(data: ReportData, language: str) -> str:
    return (f'<header><h1>kgbuild report: {_e(data.folder)}</h1>'
            f'<p class="muted">Names in {_e(language)}, shortened to an acronym or short form where the '
            f'gazetteer or the graph has one; a picture whose things are not all named in {_e(language)} '
            f'gives every name in Latin transliteration.</p>'
            '<nav><a href="#overview">overview</a><a href="#validation">validation</a>'
            '<a href="#documents">documents</a><a href="#busiest">busiest</a><a href="#timeline">timeline</a>'
            '<a href="#networks">networks</a></nav></header>')


def _overview(data: ReportData) -> str:
    order = ("documents", "meetings", "officials", "initiatives", "programmes", "organisations", "countries")
    cards = "".join(f'<div class="card" id="count-{_e(k)}" data-count="{data.counts[k]}"><div class="n">'
                    f'{data.counts[k]:,}</div><div class="what">{_e(k)}</div></div>' for k in order)
    build = data.build
    rejected = len(build.get("rejected", []))
    line = (f'<p class="muted">{_e(build.get("triples", "?"))} triples; {rejected} file(s) rejected by the '
            f'build.</p>') if build else '<p class="muted">No build.json in the folder.</p>'
    return f'<section id="overview"><h2>Overview</h2><div class="cards">{cards}</div>{line}</section>'


def _validation(data: ReportData) -> str:
    v = data.validation
    if not v:
        return '<section id="validation"><h2>Validation</h2><p>No validation.json in the folder.</p></section>'
    violations = v.get("violations", [])
    verdict = ('<span class="ok">conforms</span>' if v.get("conforms") else '<span class="bad">does not conform</span>')
    documents = len({x.get("document") for x in violations})
    text = (f'<p id="verdict" data-conforms="{str(bool(v.get("conforms"))).lower()}">The graph {verdict} to the '
            f'shapes: {len(violations)} violation(s) in {documents} of {_e(v.get("graphs", "?"))} document graph(s).</p>')
    table = _table("violations", ("shape", "violations"), data.violations_by_shape, numeric=(1,)) if violations else ""
    return f'<section id="validation"><h2>Validation</h2>{text}{table}</section>'


def _documents(data: ReportData) -> str:
    periods, by_language = data.per_period("language")
    _, by_source = data.per_period("source")
    langs = _table("languages", ("language", "documents", "first issued", "last issued"),
                   [(r["language"], r["documents"], r["first_issued"], r["last_issued"]) for r in data.languages],
                   numeric=(1,))
    sources = _table("sources", ("source", "language", "documents"),
                     [(r["source"] or "(not recorded)", r["language"], r["documents"]) for r in data.sources],
                     numeric=(2,))
    figures = ""
    if periods:
        figures = (_figure(charts.stacked_bars(periods, by_language, "Documents per language", "lang"),
                           "documents per language over time")
                   + _figure(charts.stacked_bars(periods, by_source, "Documents per source", "source"),
                             "documents per source over time"))
    return (f'<section id="documents"><h2>Documents</h2>{figures}<div class="columns"><div><h3>Per language</h3>'
            f'{langs}</div><div><h3>Per source</h3>{sources}</div></div></section>')


def _busiest(data: ReportData) -> str:
    officials = _table("officials", ("official", "meetings", "documents"),
                       [(o.name, o.meetings, o.documents) for o in data.officials], numeric=(1, 2))
    meetings = _table("busiest-meetings", ("meeting", "date", "participants", "documents"),
                      [(m.name, m.date, m.participants, m.documents) for m in data.busiest_meetings], numeric=(2, 3))
    chart = _figure(charts.busiest(data.officials, "busy"), "the busiest officials") if data.officials else ""
    return (f'<section id="busiest"><h2>The busiest officials and meetings</h2>{chart}<div class="columns"><div>'
            f'<h3>Officials</h3>{officials}</div><div><h3>Meetings (most participants)</h3>{meetings}</div></div>'
            '</section>')


def _timeline(data: ReportData) -> str:
    shown = data.meetings[:TIMELINE_ROWS]
    note = f'<p class="muted">The first {len(shown)} of {len(data.meetings)} meetings.</p>' \
        if len(shown) < len(data.meetings) else ""
    table = _table("timeline", ("date", "meeting", "kind", "place", "host", "participants", "documents"),
                   [(m.date, m.name, m.kind, m.place, m.host, m.participants, m.documents) for m in shown],
                   numeric=(5, 6))
    chart = _figure(charts.timeline(data.meetings, "time"), "timeline of meetings") if data.meetings else ""
    return f'<section id="timeline"><h2>Timeline of meetings</h2>{chart}{note}{table}</section>'


def _networks(data: ReportData) -> str:
    parts = ['<section id="networks"><h2>Networks</h2><p class="muted">The most connected nodes of each network '
             '(<code>kgbuild network KIND --out FILE.html</code> gives the whole network, with pan, zoom and '
             'details); labels that would overlap are left out.</p>']
    for i, net in enumerate(data.networks):
        note = ("" if not net.transliterated else " (names without an English form transliterated)"
                if data.lang == "en" else f" (in Latin transliteration: not every node has a name in {LANGUAGE_NAMES[data.lang]})")
        parts.append(f'<h3 id="network-{_e(net.kind)}" data-nodes="{net.nodes}" data-edges="{net.edges}">'
                     f'{_e(net.heading)}{_e(note)}</h3>')
        if len(net.graph):
            parts.append(_figure(charts.network(net, f"net{i}"), net.heading))
        else:
            parts.append('<p>No links of this kind in the build.</p>')
    parts.append("</section>")
    return "".join(parts)

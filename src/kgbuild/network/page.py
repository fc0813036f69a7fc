"""A self-contained interactive page for a network: one HTML file with its own CSS and JavaScript, no CDN,
no fonts or scripts fetched, so it works offline and from a file:// address.

The layout is computed in Python (kgbuild.network.positions) and embedded as JSON; the script draws an SVG
from it: drag to pan, wheel (or the buttons) to zoom, hover a node or an edge for its label, type,
country, dates and source documents. The JSON sits in a `<script type="application/json">` with `<`
escaped, and the script writes every text with textContent, so no label can inject markup.
"""
from __future__ import annotations

import html
import json
import math

import networkx as nx

from .draw import short_labels
from .labels import Box, Label, clear, place

WIDTH, HEIGHT = 1200, 800  # the SVG's viewBox

_CSS = """
:root { --ink: #222; --muted: #666; --line: #9a9a9a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fafafa; }
header { padding: 10px 16px 4px; }
h1 { font-size: 18px; margin: 0 0 4px; }
header p { margin: 0; color: var(--muted); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 14px; padding: 0; margin: 6px 0 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
.controls { position: absolute; right: 16px; top: 12px; display: flex; gap: 4px; }
.controls button { font: inherit; min-width: 32px; padding: 2px 8px; border: 1px solid #bbb; background: #fff;
  border-radius: 4px; cursor: pointer; }
#network { display: block; width: 100%; height: calc(100vh - 96px); min-height: 420px; background: #fff;
  border-top: 1px solid #ddd; cursor: grab; touch-action: none; user-select: none; }
#network.panning { cursor: grabbing; }
.edge { stroke: var(--line); stroke-opacity: 0.75; stroke-linecap: round; }
.edge:hover { stroke: #333; stroke-opacity: 1; }
.node circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
.node text { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px;
  stroke-linejoin: round; pointer-events: none; }
.dim { opacity: 0.15; }
.focus circle { stroke: #222; stroke-width: 2.5; }
#tooltip { position: fixed; z-index: 10; max-width: 380px; padding: 8px 10px; background: #fff; border: 1px solid #ccc;
  border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.18); pointer-events: none; font-size: 13px; }
#tooltip[hidden] { display: none; }
#tooltip .title { font-weight: bold; margin-bottom: 2px; }
#tooltip .meta { color: var(--muted); }
#tooltip ul { margin: 4px 0 0; padding-left: 18px; }
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("network");
  var viewport = document.getElementById("viewport");
  var tooltip = document.getElementById("tooltip");
  var view = { x: 0, y: 0, k: 1 };

  function make(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    parent.appendChild(node);
    return node;
  }
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
  }
  function tail(iri) { var parts = iri.split("/id/"); return parts[parts.length - 1]; }

  // ---- tooltip: built from text nodes only
  function line(parent, cls, text) {
    var div = document.createElement("div");
    if (cls) div.className = cls;
    div.textContent = text;
    parent.appendChild(div);
  }
  function list(parent, title, items) {
    if (!items.length) return;
    line(parent, "meta", title);
    var ul = document.createElement("ul");
    items.forEach(function (item) { var li = document.createElement("li"); li.textContent = item; ul.appendChild(li); });
    parent.appendChild(ul);
  }
  function showNode(n) {
    tooltip.replaceChildren();
    line(tooltip, "title", n.label);
    if (n.name !== n.label) line(tooltip, "meta", "shown as: " + n.name);
    line(tooltip, "meta", "type: " + n.type + (n.country.length ? " · country: " + n.country.join(", ") : ""));
    line(tooltip, "meta", "seen: " + (n.first_seen === n.last_seen ? n.first_seen : n.first_seen + " – " + n.last_seen) +
      " · links: " + n.degree);
    list(tooltip, "source documents:", n.documents);
  }
  function showEdge(e) {
    tooltip.replaceChildren();
    line(tooltip, "title", data.nodes[e.source].label + " — " + data.nodes[e.target].label);
    line(tooltip, "meta", e.relations.join(", ") + " · weight " + e.weight);
    line(tooltip, "meta", "dates: " + e.dates.join(", "));
    list(tooltip, "meetings:", e.meetings.map(tail));
    list(tooltip, "source documents:", e.documents);
  }
  function place(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 14;
    var box = tooltip.getBoundingClientRect();
    if (x + box.width > window.innerWidth - 4) x = ev.clientX - box.width - 14;
    if (y + box.height > window.innerHeight - 4) y = ev.clientY - box.height - 14;
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }
  function hide() { tooltip.hidden = true; clearFocus(); }

  // ---- drawing
  var edgeLayer = make("g", { id: "edges" }, viewport);
  var nodeLayer = make("g", { id: "nodes" }, viewport);
  var neighbours = data.nodes.map(function () { return {}; });
  var edgeEls = data.edges.map(function (e) {
    var a = data.nodes[e.source], b = data.nodes[e.target];
    neighbours[e.source][e.target] = true;
    neighbours[e.target][e.source] = true;
    var el = make("line", { "class": "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                            "stroke-width": 1.5 + 1.5 * Math.log2(e.weight) }, edgeLayer);
    el.addEventListener("mouseenter", function (ev) { showEdge(e); tooltip.hidden = false; place(ev); });
    el.addEventListener("mousemove", place);
    el.addEventListener("mouseleave", hide);
    return el;
  });
  var nodeEls = data.nodes.map(function (n, i) {
    var g = make("g", { "class": "node", "data-id": n.id, "data-type": n.type,
                        transform: "translate(" + n.x + " " + n.y + ")" }, nodeLayer);
    make("circle", { r: n.r, fill: n.colour }, g);
    if (n.label_at) {  // placed in Python clear of other labels and nodes; the others are in the tooltip
      var text = make("text", { x: n.label_at[0], y: n.label_at[1], "text-anchor": "middle",
                                "dominant-baseline": "central" }, g);
      text.textContent = n.name;
    }
    g.addEventListener("mouseenter", function (ev) { showNode(n); tooltip.hidden = false; place(ev); focus(i); });
    g.addEventListener("mousemove", place);
    g.addEventListener("mouseleave", hide);
    return g;
  });
  function focus(i) {
    nodeEls.forEach(function (g, j) {
      g.classList.toggle("dim", j !== i && !neighbours[i][j]);
      g.classList.toggle("focus", j === i);
    });
    edgeEls.forEach(function (el, j) {
      var e = data.edges[j];
      el.classList.toggle("dim", e.source !== i && e.target !== i);
    });
  }
  function clearFocus() {
    nodeEls.forEach(function (g) { g.classList.remove("dim", "focus"); });
    edgeEls.forEach(function (el) { el.classList.remove("dim"); });
  }

  // ---- legend
  var legend = document.getElementById("legend");
  data.types.forEach(function (t) {
    var li = document.createElement("li");
    var sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = t[1];
    li.appendChild(sw);
    li.appendChild(document.createTextNode(t[0] + " (" + t[2] + ")"));
    legend.appendChild(li);
  });

  // ---- pan and zoom
  function toView(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoomAt(p, factor) {
    var k = Math.min(12, Math.max(0.2, view.k * factor));
    view.x = p.x - (p.x - view.x) * (k / view.k);
    view.y = p.y - (p.y - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoomAt(toView(ev), Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest(".node")) return;
    drag = { p: toView(ev), x: view.x, y: view.y };
    svg.classList.add("panning");
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var p = toView(ev);
    view.x = drag.x + (p.x - drag.p.x);
    view.y = drag.y + (p.y - drag.p.y);
    drag.p = p; drag.x = view.x; drag.y = view.y;
    apply();
  });
  function stop() { drag = null; svg.classList.remove("panning"); }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  function centre() { return { x: data.width / 2, y: data.height / 2 }; }
  function reset() { view = { x: 0, y: 0, k: 1 }; apply(); }
  svg.addEventListener("dblclick", reset);
  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(centre(), 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(centre(), 1 / 1.4); });
  document.getElementById("zoom-reset").addEventListener("click", reset);
  apply();
  document.body.dataset.ready = "true";
})();
"""


FONT_SIZE = 11  # the labels' size in the SVG's units (.node text in the CSS)


def label_places(view: dict[str, tuple[float, float, float]], names: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Where each label goes (offset from its node, in SVG units) when it can be set clear of every other
    label and node; the widths are DejaVu Sans's (the page's first font), measured by matplotlib."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family="DejaVu Sans", size=FONT_SIZE)
    measure = TextToPath()
    items = []
    for n in sorted(view, key=lambda n: (-view[n][2], names[n], n)):  # the largest nodes first
        w, _, _ = measure.get_text_width_height_descent(names[n], prop, ismath=False)
        x, y, r = view[n]
        items.append(Label(n, x, y, r, w + 6, FONT_SIZE + 4))
    placed = clear(place(items, Box(0, 0, WIDTH, HEIGHT), rings=2))
    return {n: (round(p.dx, 2), round(p.dy, 2)) for n, p in placed.items()}


def page_data(G: nx.Graph, positions: dict, sizes: dict, colours: dict[str, str],
              names: dict[str, str] | None = None) -> dict:
    """What the script draws: nodes with view coordinates, radii, display names and their labels' places,
    edges by node index, the legend."""
    margin = 70
    index = {n: i for i, n in enumerate(G)}
    names = names or short_labels(G)
    view = {
        n: (round(margin + (positions[n][0] + 1) / 2 * (WIDTH - 2 * margin), 2),
            round(margin + (1 - positions[n][1]) / 2 * (HEIGHT - 2 * margin), 2),
            round(max(5.0, math.sqrt(sizes[n]) / 2.2), 2))
        for n in G
    }
    at = label_places(view, names)
    nodes = []
    for n, d in G.nodes(data=True):
        x, y, r = view[n]
        nodes.append({
            "id": n,
            "label": d.get("label", n),
            "name": names[n],
            "label_at": list(at[n]) if n in at else None,
            "type": d.get("type", "other"),
            "colour": colours.get(d.get("type", "other"), "#666666"),
            "x": x,
            "y": y,
            "r": r,
            "country": list(d.get("country", [])),
            "first_seen": d.get("first_seen", ""),
            "last_seen": d.get("last_seen", ""),
            "documents": list(d.get("documents", [])),
            "degree": G.degree(n),
        })
    edges = [
        {"source": index[u], "target": index[v], "weight": d.get("weight", 1),
         "relations": list(d.get("relations", [])), "meetings": list(d.get("meetings", [])),
         "dates": list(d.get("dates", [])), "documents": list(d.get("documents", []))}
        for u, v, d in G.edges(data=True)
    ]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [[t, colours.get(t, "#666666"), counts[t]] for t in colours if t in counts]
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges, "types": types}


def html_page(G: nx.Graph, positions: dict, sizes: dict, colours: dict[str, str], title: str | None = None,
              names: dict[str, str] | None = None) -> str:
    kind = G.graph.get("kind", "network")
    title = title or f"kgbuild network: {kind}"
    data = json.dumps(page_data(G, positions, sizes, colours, names), ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c")  # nothing in the JSON can close the script element
    summary = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges. Drag to pan, scroll to zoom, " \
              f"double-click to reset, hover a node or an edge for details (labels that would overlap are in the tooltips)."
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p>{html.escape(summary)}</p>
<ul class="legend" id="legend"></ul>
<div class="controls"><button id="zoom-in" type="button" title="zoom in">+</button><button id="zoom-out" type="button" title="zoom out">−</button><button id="zoom-reset" type="button" title="reset the view">reset</button></div>
</header>
<svg id="network" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{html.escape(title)}"><g id="viewport"></g></svg>
<div id="tooltip" role="tooltip" hidden></div>
<noscript><p>This page draws the network with JavaScript; the same data is in the JSON below.</p></noscript>
<script type="application/json" id="network-data">{data}</script>
<script>{_JS}</script>
</body>
</html>
"""

"""The page of a 300-article corpus in Chromium: fast, readable, and true to its evidence.

The corpus is :func:`corpus_fixture.corpus_network` (the shape of 300 BBC politics articles,
made without spaCy). Screenshots go to ``output/browser/`` at the top of the checkout
(``output/`` is ignored by git), or to ``$GRAPHBUILD_SCREENSHOTS``, for review.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from graphbuild.network import add_metrics
from graphbuild.outputs import write_html

from .corpus_fixture import corpus_network

SCREENSHOTS = Path(os.environ.get("GRAPHBUILD_SCREENSHOTS")
                   or Path(__file__).resolve().parents[2] / "output" / "browser")


@pytest.fixture(scope="module")
def corpus():
    return add_metrics(corpus_network())


@pytest.fixture(scope="module")
def corpus_page(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.html"
    write_html(corpus, path)
    return path


def screenshot(view, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    view.page.screenshot(path=str(path))
    return path


def relations_of(network):
    return [(u, v, d) for u, v, d in network.edges(data=True) if d["kind"] == "relation"]


# Each drawn label, measured again from vis-network's node positions and the canvas's font
# metrics, independently of the page's own bookkeeping.
MEASURE_LABELS = """() => {
  const g = graphbuild, net = g.network, ctx = document.createElement("canvas").getContext("2d");
  ctx.font = g.labelFont;
  const box = document.querySelector("#graph canvas").getBoundingClientRect();
  return g.labels.filter((l) => l.id.startsWith("n")).map((l) => {
    const node = net.body.nodes[l.id], p = net.canvasToDOM({x: node.x, y: node.y});
    const w = ctx.measureText(l.text).width + 2 * g.labelPad;
    return {id: l.id, text: l.text, drawn: [l.x, l.y, l.w, l.h],
            centre: p.x, top: p.y + node.options.size * net.getScale(), width: w,
            canvas: [box.width, box.height]};
  });
}"""


def test_first_draw_under_2_seconds(open_page, corpus, corpus_page):
    view = open_page(corpus_page)
    first_draw = view.js("() => graphbuild.firstDrawMs")
    assert first_draw < 2000, f"first frame after {first_draw:.0f} ms"
    drawn = view.js("() => graphbuild.drawn()")
    assert drawn["nodes"] == 150  # the most connected, not all 2,000
    relation_degree = {n: 0 for n in corpus}
    for u, v, _ in relations_of(corpus):
        relation_degree[u] += 1
        relation_degree[v] += 1
    shown = view.js("() => graphbuild.network.body.nodeIndices.map((id) => "
                    "graphbuild.data.nodes.find((n) => n.id === id).degree)")
    assert min(shown) >= sorted(relation_degree.values(), reverse=True)[149]
    screenshot(view, "corpus-300-initial")


def test_no_two_labels_overlap_in_the_initial_view(open_page, corpus_page):
    view = open_page(corpus_page)
    labels = view.js(MEASURE_LABELS)
    # enough labels to read the graph: most of the shown entities, the top ten all
    assert len(labels) >= 100, len(labels)
    top = view.js("() => graphbuild.state.order.slice(0, 10)")
    assert set(top) <= {label["id"] for label in labels}
    for label in labels:
        x, y, w, h = label["drawn"]
        assert w == pytest.approx(label["width"], abs=0.5)
        assert y == pytest.approx(label["top"] + 1, abs=0.5) or y in (0, label["canvas"][1] - h)
        assert x == pytest.approx(label["centre"] - w / 2, abs=0.5) or x in (
            0, pytest.approx(label["canvas"][0] - w, abs=0.5))
    for a, b in itertools.combinations(labels, 2):
        ax, ay, aw, ah = a["drawn"]
        bx, by, bw, bh = b["drawn"]
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    # zooming in makes room for the labels of less important entities
    on_screen = """() => { const net = graphbuild.network;
        const box = document.getElementById("graph").getBoundingClientRect();
        return net.body.nodeIndices.filter((id) => { const p = net.canvasToDOM(net.getPosition(id));
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }); }"""
    shown_before, labelled_before = view.js(on_screen), {label["id"] for label in labels}
    view.js("() => graphbuild.network.moveTo({scale: graphbuild.network.getScale() * 2.5})")
    view.page.wait_for_timeout(150)
    shown_after = view.js(on_screen)
    labelled_after = set(view.js("() => graphbuild.labels.map((l) => l.id)"))
    assert len(labelled_after & set(shown_after)) / len(shown_after) > \
        len(labelled_before) / len(shown_before)
    assert labelled_after - labelled_before
    screenshot(view, "corpus-300-zoomed")


def curve_point(view, edge_id: str):
    """A point of the drawn edge (curved or not) where it is the only thing under the mouse."""
    return view.js("""(id) => {
        const net = graphbuild.network, e = net.body.edges[id];
        const box = document.getElementById("graph").getBoundingClientRect();
        for (let k = 0; k <= 40; k += 1) {
          const t = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) / 100;
          const p = net.canvasToDOM(e.edgeType.getPoint(t));
          if (net.getEdgeAt(p) === id && net.getNodeAt(p) === undefined) {
            return [box.left + p.x, box.top + p.y];
          }
        }
        return null; }""", edge_id)


def test_clicking_each_of_two_opposite_edges_shows_its_own_evidence(open_page, corpus,
                                                                    corpus_page):
    view = open_page(corpus_page)
    kerry, lavrov = view.node_id("John Kerry"), view.node_id("Sergei Lavrov")
    edges = view.js("""([a, b]) => graphbuild.data.edges.filter((e) => e.kind === "relation" &&
        ((e.from === a && e.to === b) || (e.from === b && e.to === a)))
        .map((e) => [e.id, e.from === a ? "out" : "in", e.predicate, e.curve])""",
                    [kerry, lavrov])
    assert {("in", "talk"), ("out", "meet")} <= {(d, p) for _, d, p, _ in edges}
    # each bent its own way: seen from Kerry, no two edges bend alike
    sides = {curve if direction == "out" else -curve for _, direction, _, curve in edges}
    assert len(sides) == len(edges)
    view.js("""([a, b]) => { const net = graphbuild.network, p = net.getPosition(a),
               q = net.getPosition(b);
               net.moveTo({position: {x: (p.x + q.x) / 2, y: (p.y + q.y) / 2}, scale: 2}); }""",
            [kerry, lavrov])
    view.page.wait_for_timeout(100)
    names = {"out": ("John Kerry", "Sergei Lavrov"), "in": ("Sergei Lavrov", "John Kerry")}
    for edge_id, direction, predicate, _ in edges:
        point = curve_point(view, edge_id)
        assert point, f"no clear point on {predicate}"
        view.page.mouse.click(*point)
        subject, obj = names[direction]
        assert view.page.inner_text("#panel h2") == f"{subject} {predicate} {obj}"
        want = next(d for a, b, d in relations_of(corpus) if d["predicate"] == predicate
                    and corpus.nodes[a]["label"] == subject and corpus.nodes[b]["label"] == obj)
        sentences = view.page.locator("#panel li .sentence").all_inner_texts()
        assert sentences == [ev["sentence"] for ev in want["evidence"]]
        assert all(subject in s and obj in s for s in sentences)
        assert view.js("() => graphbuild.highlight.edges") == [edge_id]
    screenshot(view, "corpus-300-opposite-edges")


SPAN = """() => {
  const net = graphbuild.network, box = document.getElementById("graph").getBoundingClientRect();
  const xs = [], ys = [];
  net.body.nodeIndices.forEach((id) => {
    const p = net.canvasToDOM(net.getPosition(id)); xs.push(p.x); ys.push(p.y); });
  return {nodes: xs.length, x: (Math.max(...xs) - Math.min(...xs)) / box.width,
          y: (Math.max(...ys) - Math.min(...ys)) / box.height};
}"""


@pytest.mark.parametrize("keep", ["material conflict", "PERSON"])
def test_after_filter_and_fit_the_nodes_fill_the_canvas(open_page, corpus, corpus_page, keep):
    view = open_page(corpus_page)
    layouts = view.js("() => graphbuild.layouts")
    if keep == "PERSON":  # every type but one off
        for row in view.page.locator("#types label").all():
            if not row.inner_text().startswith("PERSON"):
                row.click()
        types = {"PERSON"}
        passes = lambda u, v, d: {corpus.nodes[u]["type"], corpus.nodes[v]["type"]} <= types  # noqa: E731
    else:
        for row in view.page.locator("#actions label").all():
            if not row.inner_text().startswith(keep):
                row.click()
        passes = lambda u, v, d: d["action_class"] == keep  # noqa: E731
    expected = {x for u, v, d in relations_of(corpus) if u != v and passes(u, v, d)
                for x in (u, v)}
    expected_count = min(150, len(expected))
    view.page.wait_for_function(f"() => graphbuild.drawn().nodes === {expected_count}")
    assert view.js("() => graphbuild.layouts") > layouts  # laid out again
    view.page.click("#fit")
    view.page.wait_for_timeout(500)  # the fit animation
    span = view.js(SPAN)
    assert span["nodes"] == expected_count
    assert span["x"] >= 0.7 and span["y"] >= 0.7, span
    screenshot(view, f"corpus-300-filtered-{keep.replace(' ', '-')}")


def test_entities_without_relations_are_listed_not_drawn(open_page, corpus, corpus_page):
    view = open_page(corpus_page)
    linked = {x for u, v, _ in relations_of(corpus) for x in (u, v)}
    alone = corpus.number_of_nodes() - len(linked)
    assert view.page.inner_text("#alone-count") == f"{alone:,}"
    assert view.js("() => graphbuild.network.body.nodeIndices.every((id) => "
                   "graphbuild.data.nodes.find((n) => n.id === id).degree > 0)")
    name = next(corpus.nodes[n]["label"] for n in corpus if n not in linked
                and len(corpus.nodes[n]["label"]) > 8)
    view.page.fill("#alone-filter", name)
    view.page.locator("#alone-list button", has_text=name).first.click()
    assert view.page.inner_text("#panel h2").startswith(name[:8])
    assert view.js("() => graphbuild.drawn().nodes") == 151  # drawn now, found


def test_co_mentions_toggle_and_explain(open_page, corpus, corpus_page):
    view = open_page(corpus_page)
    edges = view.js("() => graphbuild.drawn().edges")
    view.page.locator("#kinds label", has_text="Same sentence").click()
    view.page.wait_for_function(f"() => graphbuild.settled() && graphbuild.drawn().edges > {edges}")
    co = view.js("""() => graphbuild.network.body.edgeIndices.map((id) =>
        graphbuild.data.edges.find((e) => e.id === id)).filter((e) => e.kind === "co-mention")
        .sort((a, b) => b.documents - a.documents)[0]""")
    assert co and co["documents"] >= 2
    view.js("(id) => graphbuild.showEdge(id)", co["id"])
    assert "named together in one sentence in " in view.panel()
    assert len(view.page.locator("#panel li").all()) == co["documents"]
    screenshot(view, "corpus-300-co-mentions")


def test_timeline_quotes_communities_and_png(open_page, corpus, corpus_page):
    view = open_page(corpus_page)
    assert view.page.is_visible("#timeline")
    before = view.js("() => graphbuild.drawn().edges")
    view.page.focus("#time-to")
    for _ in range(200):
        view.page.keyboard.press("ArrowLeft")
    # every key press queues a redraw; wait for the last one, not the first that drops an edge
    view.page.wait_for_function(f"() => graphbuild.settled() && graphbuild.drawn().edges < {before}")
    window = view.js("() => [graphbuild.state.from, graphbuild.state.to]")
    assert window[1] < "2005"
    dates = view.js("""() => graphbuild.network.body.edgeIndices.map((id) =>
        graphbuild.data.edges.find((e) => e.id === id).dates)""")
    assert all(any(window[0] <= d <= window[1] for d in ds) for ds in dates)

    view.js("() => graphbuild.search('John Kerry')")
    panel = view.panel()
    assert "quotes (2)" in panel.lower() and "We will keep talking to Moscow." in panel

    view.page.select_option("#colour-by", "community")
    colours = view.js("() => new Set(graphbuild.network.body.nodeIndices.map((id) => "
                      "graphbuild.nodes.get(id).color)).size")
    assert colours > 3
    with view.page.expect_download() as download:
        url = view.js("() => graphbuild.savePng()")
    assert url.startswith("data:image/png;base64,") and len(url) > 20_000
    assert download.value.suggested_filename.endswith(".png")
    screenshot(view, "corpus-300-timeline-communities")

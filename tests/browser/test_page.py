"""The graph page in Chromium: it draws, it searches, it filters, it explains, it stays safe.

Every page opened here is also checked (by the ``open_page`` fixture) for console errors,
network requests and dialogs.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graphbuild import read_graph, to_networkx
from graphbuild.outputs.page import write_html

from .browser_support import HOSTILE, synthetic_network


@pytest.fixture(scope="module")
def sample(sample_output):
    """The example build's page and its relations, as networkx sees them."""
    return sample_output / "graph.html", to_networkx(read_graph(sample_output / "graph.ttl"),
                                                     co_mentions=False)


def linked(network: nx.MultiDiGraph) -> set:
    """The entities with a relation: those the page draws (the others are listed)."""
    return {x for u, v in network.edges() if u != v for x in (u, v)}


def label_of(network: nx.MultiDiGraph, name: str):
    return next(n for n, d in network.nodes(data=True) if d["label"] == name)


def test_sample_page_draws_every_entity_and_relation(open_page, sample):
    path, network = sample
    view = open_page(path)
    assert view.js("() => graphbuild.drawn()") == {
        "nodes": len(linked(network)), "edges": network.number_of_edges()}
    # the entities without relations are listed beside the graph, not drawn
    alone = network.number_of_nodes() - len(linked(network))
    assert view.page.inner_text("#alone-count") == str(alone)
    assert len(view.page.locator("#alone-list li").all()) == alone
    summary = view.page.inner_text("#summary")
    assert summary.startswith(f"{network.graph['documents']} documents · "
                              f"{network.number_of_nodes()} entities · "
                              f"{network.number_of_edges()} relations")
    types = Counter(d["type"] for _, d in network.nodes(data=True))
    rows = view.page.locator("#types label").all_inner_texts()
    assert [r.split()[0] for r in rows] == [t for t, _ in sorted(
        types.items(), key=lambda kv: (-kv[1], kv[0]))]
    assert view.page.is_hidden("#limit-bar")
    assert view.page.title() == "graphbuild knowledge graph"
    # The overview lists the most connected entity first.
    top = max(network.nodes, key=lambda n: network.degree(n))
    assert view.page.locator("#panel ol.top li").first.inner_text().startswith(
        network.nodes[top]["label"])


def test_search_by_alias_centres_on_the_entity(open_page, sample):
    path, network = sample
    view = open_page(path)
    view.page.fill("#search", "kerry")  # an alias, in lower case
    view.page.press("#search", "Enter")
    assert view.page.inner_text("#panel h2") == "John Kerry"
    kerry = view.node_id("John Kerry")
    view.page.wait_for_function("""(id) => {
        const net = graphbuild.network, p = net.getPosition(id), c = net.getViewPosition();
        return Math.hypot(p.x - c.x, p.y - c.y) < 1 && net.getScale() >= 1; }""", arg=kerry)
    assert view.js("() => graphbuild.network.getSelectedNodes()") == [kerry]
    panel = view.panel()
    assert "also known as\nkerry" in panel.lower() and "Secretary of State" in panel
    assert "Sergei Lavrov" in panel
    # every evidence sentence of Kerry's relations is there, with its article's title
    node = label_of(network, "John Kerry")
    for _, _, data in network.edges(node, data=True):
        for ev in data["evidence"][:4]:
            assert ev["sentence"] in panel and ev["title"] in panel

    view.page.fill("#search", "no such entity xyz")
    view.page.press("#search", "Enter")
    assert view.page.inner_text("#search-status") == "No entity matches “no such entity xyz”"
    assert view.page.inner_text("#panel h2") == "John Kerry"


def test_click_on_a_node_highlights_its_neighbourhood(open_page, sample):
    path, network = sample
    view = open_page(path)
    kerry = label_of(network, "John Kerry")
    neighbours = {network.nodes[n]["label"] for n in nx.all_neighbors(network, kerry)}
    # someone unrelated but on screen (the page draws the entities that have relations)

    stranger = next(n for n in network.nodes if n != kerry and n in linked(network)
                    and network.nodes[n]["label"] not in neighbours)

    def pixel(node_id):  # the colour at the centre of a node, as drawn on the canvas
        x, y = view.node_xy(node_id)
        return view.js("""([x, y]) => {
            const canvas = document.querySelector("#graph canvas"), r = window.devicePixelRatio;
            const box = canvas.getBoundingClientRect();
            return Array.from(canvas.getContext("2d")
                .getImageData((x - box.left) * r, (y - box.top) * r, 1, 1).data); }""", [x, y])

    far = view.node_id(network.nodes[stranger]["label"])
    before = pixel(far)
    view.page.mouse.click(*view.node_xy(view.node_id("John Kerry")))
    assert view.page.inner_text("#panel h2") == "John Kerry"
    highlighted = view.js("() => graphbuild.highlight.nodes.map((id) => "
                          "graphbuild.data.nodes.find((n) => n.id === id).name)")
    assert set(highlighted) == neighbours | {"John Kerry"}
    view.page.wait_for_timeout(100)  # the next frame
    after = pixel(far)
    assert sum(after[:3]) > sum(before[:3]) + 150, (before, after)  # veiled: much paler
    # clicking the background clears the highlight and returns to the overview
    box = view.page.locator("#graph").bounding_box()
    view.page.mouse.click(box["x"] + 5, box["y"] + 5)
    assert view.js("() => graphbuild.highlight") is None
    assert view.page.inner_text("#panel h2") == "Explore the graph"


def test_click_on_an_edge_lists_every_supporting_sentence(open_page, sample):
    path, network = sample
    view = open_page(path)
    u, v, data = next((u, v, d) for u, v, d in network.edges(data=True)
                      if network.nodes[u]["label"] == "John Kerry"
                      and network.nodes[v]["label"] == "Sergei Lavrov" and d["predicate"] == "meet")
    assert len(data["evidence"]) >= 2
    kerry, lavrov = view.node_id("John Kerry"), view.node_id("Sergei Lavrov")
    edge = view.js("""([a, b]) => graphbuild.data.edges.find((e) => e.from === a && e.to === b
                      && e.predicate === "meet").id""", [kerry, lavrov])
    # zoom in on the edge, then find a point on it that is clear of every node and label
    view.js("""(id) => { const net = graphbuild.network, e = graphbuild.data.edges.find(
                 (x) => x.id === id), p = net.getPosition(e.from), q = net.getPosition(e.to);
               net.moveTo({position: {x: (p.x + q.x) / 2, y: (p.y + q.y) / 2}, scale: 2.5}); }""",
            edge)
    point = view.edge_xy(edge)
    assert point, "no clear point on the edge"
    view.page.mouse.click(*point)
    assert view.page.inner_text("#panel h2") == "John Kerry meet Sergei Lavrov"
    sentences = view.page.locator("#panel li .sentence").all_inner_texts()
    assert sentences == [ev["sentence"] for ev in data["evidence"]]
    sources = view.page.locator("#panel li .src").all_inner_texts()
    assert all(ev["title"] in src for ev, src in zip(data["evidence"], sources, strict=True))
    assert view.page.locator("#panel mark").first.inner_text() == data["evidence"][0]["verb"]
    assert view.js("() => graphbuild.highlight.edges") == [edge]


def test_filters_by_type_relation_and_mentions(open_page, sample):
    path, network = sample
    view = open_page(path)
    n, m = len(linked(network)), network.number_of_edges()
    drawn = "() => graphbuild.drawn()"
    persons = {u for u, d in network.nodes(data=True) if d["type"] == "PERSON"}

    def expect(edges):  # what the page draws: these relations and the entities they link
        edges = [(u, v) for u, v in edges if u != v]
        return {"nodes": len({x for e in edges for x in e}), "edges": len(edges)}

    view.page.locator("#types label", has_text="PERSON").click()
    left = [(u, v) for u, v in network.edges() if u not in persons and v not in persons]
    view.page.wait_for_function(f"() => graphbuild.drawn().nodes === {expect(left)['nodes']}")
    assert view.js(drawn) == expect(left)
    assert f"Showing {expect(left)['nodes']} of {network.number_of_nodes()} entities" in \
        view.page.inner_text("#counts")
    view.page.locator("#types label", has_text="PERSON").click()
    view.page.wait_for_function(f"() => graphbuild.drawn().nodes === {n}")

    view.page.click("#relations-none")
    view.page.wait_for_function("() => graphbuild.drawn().edges === 0")
    assert view.js(drawn)["nodes"] == 0
    view.page.locator("#relations label").filter(has_text="meet").first.click()
    meets = [(u, v) for u, v, d in network.edges(data=True) if d["predicate"] == "meet"]
    view.page.wait_for_function(f"() => graphbuild.drawn().edges === {len(meets)}")
    assert view.js(drawn) == expect(meets)
    view.page.click("#relations-all")
    view.page.wait_for_function(f"() => graphbuild.drawn().edges === {m}")

    top = max(d["mentions"] for _, d in network.nodes(data=True))
    view.page.focus("#min-mentions")
    view.page.keyboard.press("End")
    most = {u for u, d in network.nodes(data=True) if d["mentions"] >= top}
    among = [(u, v) for u, v in network.edges() if u in most and v in most]
    view.page.wait_for_function(
        f"() => graphbuild.state.minMentions === {top} && graphbuild.drawn().edges === "
        f"{expect(among)['edges']}")
    assert view.js(drawn) == expect(among)
    assert view.page.inner_text("#min-mentions-value").startswith(f"at least {top} mentions")


@pytest.fixture(scope="module")
def capped_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("capped") / "page.html"
    write_html(synthetic_network(400), path, max_nodes=150)
    return path


def test_big_graphs_open_on_their_most_connected_nodes(open_page, capped_page):
    view = open_page(capped_page)
    assert view.js("() => graphbuild.drawn().nodes") == 150
    degrees = view.js("() => graphbuild.data.nodes.map((n) => n.degree)")
    shown = view.js("() => graphbuild.network.body.nodeIndices.map((id) => "
                    "graphbuild.data.nodes.find((n) => n.id === id).degree)")
    assert min(shown) >= sorted(degrees, reverse=True)[149]
    assert view.page.is_visible("#limit-bar")
    assert "showing the 150 most connected of 400 connected entities" in \
        view.page.inner_text("#limit-note").lower()

    # search finds an entity that is not drawn yet, and draws it
    view.page.fill("#search", "Entity 399")
    view.page.press("#search", "Enter")
    assert view.page.inner_text("#panel h2") == "Entity 399"
    assert view.js("() => graphbuild.drawn().nodes") == 151

    view.page.click("#show-more")
    view.page.wait_for_function("() => graphbuild.drawn().nodes >= 300")
    view.page.click("#show-all")
    view.page.wait_for_function("() => graphbuild.drawn().nodes === 400")
    assert view.page.is_hidden("#limit-bar")


def test_5000_nodes_draw_within_3_seconds(open_page, tmp_path):
    path = tmp_path / "big.html"
    network = synthetic_network(5000)
    write_html(network, path, max_nodes=5000)
    view = open_page(path)
    assert view.js("() => graphbuild.drawn()") == {"nodes": 5000,
                                                  "edges": network.number_of_edges()}
    first_draw = view.js("() => graphbuild.firstDrawMs")
    assert first_draw < 3000, f"first frame after {first_draw:.0f} ms"
    # and it is usable: a search answers within a frame or two
    took = view.js("""() => { const t = performance.now(); graphbuild.search("Entity 4321");
                              return performance.now() - t; }""")
    assert view.page.inner_text("#panel h2") == "Entity 4321"
    assert took < 250


def hostile_network() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(documents=1)
    g.add_node("h", label=HOSTILE, type="PERSON", mentions=3, documents=1,
               aliases=[HOSTILE, "<b>bold</b>"], titles=[HOSTILE])
    g.add_node("p", label="plain", type=HOSTILE, mentions=1, documents=1, aliases=[], titles=[])
    g.add_edge("h", "p", key="e0", predicate=HOSTILE, weight=2, confidence=0.5, evidence=[
        {"document": HOSTILE, "title": HOSTILE, "sentence": HOSTILE, "verb": "<img",
         "start": 0, "end": 1, "confidence": 0.5},
        {"document": "d2", "title": "fine", "sentence": "plain " + HOSTILE, "verb": HOSTILE,
         "start": 0, "end": 1, "confidence": 0.4}])
    return g


def test_hostile_text_neither_runs_nor_breaks_the_page(open_page, tmp_path):
    path = tmp_path / "hostile.html"
    write_html(hostile_network(), path, title=HOSTILE)
    view = open_page(path)
    shown = HOSTILE
    assert view.js("() => graphbuild.drawn()") == {"nodes": 2, "edges": 1}
    hostile_id = view.node_id(HOSTILE)
    view.page.mouse.click(*view.node_xy(hostile_id))
    assert view.js("() => document.querySelector('#panel h2').textContent") == shown
    assert "<b>bold</b>" in view.panel()
    view.js("() => graphbuild.showEdge('e0')")
    assert view.js("() => document.querySelector('#panel h2').textContent") == (
        f"{shown} {shown} plain")
    view.page.fill("#search", "<b>bold</b>")
    view.page.press("#search", "Enter")
    assert view.js("() => document.querySelector('#panel h2').textContent") == shown
    view.page.mouse.move(*view.node_xy(hostile_id))  # the tooltip
    view.page.wait_for_timeout(400)
    # nothing from the data became markup: no new elements, no handlers, no links
    assert view.markup_from_data() == {"injected": 0, "scripts": 3, "handlers": 0}
    assert view.page.title().startswith("</script><script>alert(1)</script>")
    assert any(row.startswith("</script><script>alert(1)</script>")
               for row in view.page.locator("#types label").all_inner_texts())
    view.page.wait_for_timeout(200)  # give a would-be dialog the time to open
    assert view.dialogs == []


@pytest.mark.parametrize("nodes", [0, 1])
def test_empty_and_single_entity_graphs_open(open_page, tmp_path, nodes):
    g = nx.MultiDiGraph(documents=0)
    g.add_nodes_from([("x", {"label": "Only one"})][:nodes])
    write_html(g, tmp_path / "page.html")
    view = open_page(tmp_path / "page.html")
    assert view.js("() => graphbuild.drawn()") == {"nodes": 0, "edges": 0}  # none related
    assert view.page.inner_text("#alone-count") == str(nodes)
    assert view.page.inner_text("#summary").startswith(f"0 documents · {nodes} entit")

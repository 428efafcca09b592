"""What the browser tests share: the hostile text, a synthetic graph, a page wrapper."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
VIEWPORT = {"width": 1400, "height": 850}
LOCAL = ("file:", "data:", "about:")

# Everything that has broken HTML pages: markup, attribute and script breakouts, a javascript:
# link, template syntax, control characters and JavaScript's line separators.
HOSTILE = ('</script><script>alert(1)</script> <img src=x onerror=alert(2)> "q" \'s\' '
           '<a href="javascript:alert(3)">link</a> <!-- ]]> ${alert(4)} {{7*7}} &amp; '
           '\x00\x07\x1b\u2028\u2029 end')


@dataclass
class Page:
    """An open page and what it did."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate a JavaScript function expression, e.g. ``"() => graphbuild.drawn()"``."""
        return self.page.evaluate(expression, arg)

    def markup_from_data(self) -> dict[str, int]:
        """What data could have turned into: tags a name might inject, scripts, handlers."""
        return self.js("""() => ({
            injected: document.querySelectorAll("img, a, b, iframe, object, embed").length,
            scripts: document.scripts.length,
            handlers: Array.from(document.querySelectorAll("*")).filter((e) =>
                Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length})""")

    def node_xy(self, node_id: str) -> tuple[float, float]:
        """Where node ``node_id`` is on the screen, in page pixels."""
        point = self.js("""(id) => {
            const net = graphbuild.network, p = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById("graph").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", node_id)
        return point[0], point[1]

    def edge_xy(self, edge_id: str) -> tuple[float, float] | None:
        """A point of edge ``edge_id`` on the screen where no node or label is in the way."""
        point = self.js("""(id) => {
            const net = graphbuild.network, e = graphbuild.data.edges.find((x) => x.id === id);
            const p = net.canvasToDOM(net.getPosition(e.from));
            const q = net.canvasToDOM(net.getPosition(e.to));
            const box = document.getElementById("graph").getBoundingClientRect();
            const len = Math.hypot(q.x - p.x, q.y - p.y);
            const across = {x: (p.y - q.y) / len, y: (q.x - p.x) / len};  // for curved edges
            for (const off of [0, 4, -4, 8, -8, 12, -12, 16, -16, 20, -20, 24, -24]) {
              for (let k = 0; k <= 40; k += 1) {
                const t = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) / 100;
                const d = {x: p.x + t * (q.x - p.x) + off * across.x,
                           y: p.y + t * (q.y - p.y) + off * across.y};
                if (net.getEdgeAt(d) === id && net.getNodeAt(d) === undefined) {
                  return [box.left + d.x, box.top + d.y];
                }
              }
            }
            return null; }""", edge_id)
        return None if point is None else (point[0], point[1])

    def node_id(self, name: str) -> str:
        return self.js("(name) => graphbuild.data.nodes.find((n) => n.name === name).id", name)

    def panel(self) -> str:
        return self.page.inner_text("#panel")


def synthetic_network(nodes: int, *, seed: int = 3) -> nx.MultiDiGraph:
    """A graph with hubs (preferential attachment, about two edges per node) and the
    attributes :func:`graphbuild.to_networkx` gives."""
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    types = ("PERSON", "ORG", "GPE", "NORP")
    verbs = ("back", "meet", "criticize", "visit", "urge")
    g = nx.MultiDiGraph(documents=5)
    for node in shape.nodes:
        g.add_node(f"urn:e{node}", label=f"Entity {node}", type=types[node % len(types)],
                   mentions=1 + shape.degree(node) + node % 3, documents=1,
                   aliases=[f"E{node}"], titles=[])
    for k, (u, v) in enumerate(shape.edges):
        verb = verbs[k % len(verbs)]
        g.add_edge(f"urn:e{u}", f"urn:e{v}", key=f"e{k}", predicate=verb, weight=1,
                   confidence=0.8, evidence=[{
                       "document": f"d{k % 5}", "title": f"Article {k % 5}",
                       "sentence": f"Entity {u} said it would {verb} Entity {v}.", "verb": verb,
                       "start": 0, "end": 10, "confidence": round(rng.uniform(0.5, 0.9), 2)}])
    return g

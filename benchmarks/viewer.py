"""How fast the graph page opens and moves, against plain pyvis, in headless Chromium.

Usage::

    python benchmarks/viewer.py [--sizes 50 1000 5000] [--cap 120] [--out output/bench]

For each size it builds a synthetic graph (about two edges per node, hubs included, with the
attributes :func:`graphbuild.to_networkx` gives), writes graphbuild's page and a plain pyvis
page (``Network`` with its default physics, ``cdn_resources="in_line"``, bootstrap's CDN tags
removed so it loads offline), opens each in Debian's Chromium through Playwright and measures

- **first draw**: time from navigation start to the first frame vis-network draws (pyvis
  draws only after its stabilisation; the wait is capped at ``--cap`` seconds, 120 by
  default, and reported as ">120 s");
- **frame time**: requestAnimationFrame intervals while the mouse pans (drags) and zooms
  (wheel), median and 95th percentile;
- for graphbuild also the Python time to lay out and render the page, and the time a search
  takes to centre on an entity and fill the side panel.

Screenshots go to ``--out`` (``output/`` is gitignored); the table goes to stdout.
Needs ``pip install playwright pyvis`` and ``/usr/bin/chromium`` (``apt-get install chromium``);
never ``playwright install``.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild.outputs.page import render_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
VIEWPORT = {"width": 1400, "height": 850}
TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
VERBS = ("back", "meet", "criticize", "call on", "talk", "visit", "attack", "say in", "urge",
         "accuse", "support", "warn", "sign", "join", "lead", "condemn", "host", "fund",
         "sanction", "praise")
SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "to", "sa", "vi", "den", "mar", "ko", "li", "tan",
             "bor", "el", "us", "ri", "an", "go", "shi")

# Records requestAnimationFrame intervals until window.__frames.stop() is called.
FRAME_RECORDER = """() => {
  const times = [];
  let running = true;
  function tick(t) { times.push(t); if (running) { requestAnimationFrame(tick); } }
  requestAnimationFrame(tick);
  window.__frames = {stop: () => { running = false; return times; }};
}"""
# Inserted into the pyvis page right after it creates its network: when did it first draw?
PYVIS_HOOK = ("network.once('afterDrawing', function () { window.__firstDraw = performance.now(); "
              "});\nnetwork.once('stabilizationIterationsDone', function () { "
              "window.__settled = performance.now(); });\n")


def synthetic_network(nodes: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A news-like graph: preferential attachment (about 2 edges per node), typed entities
    with mentions, aliases and roles, edges with predicates and evidence sentences."""
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(nodes, 2, seed=seed) if nodes > 2 else nx.path_graph(nodes)
    documents = [(f"doc{k:04d}", f"Report {k}: talks resume as tensions rise")
                 for k in range(max(3, nodes // 10))]
    g = nx.MultiDiGraph(documents=len(documents))
    for node in shape.nodes:
        name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                        for _ in range(rng.randint(1, 2)))
        entity_type = rng.choice(TYPES)
        g.add_node(f"https://example.org/graphbuild/entity/e{node}",
                   label=f"{name} {node}", type=entity_type,
                   mentions=shape.degree(node) + int(rng.paretovariate(1.6)),
                   documents=rng.randint(1, 5),
                   aliases=[name.split()[0]] if rng.random() < 0.3 else [],
                   titles=["Minister"] if entity_type == "PERSON" and rng.random() < 0.2 else [])
    for k, (u, v) in enumerate(shape.edges):
        if rng.random() < 0.5:
            u, v = v, u
        subject = g.nodes[f"https://example.org/graphbuild/entity/e{u}"]["label"]
        obj = g.nodes[f"https://example.org/graphbuild/entity/e{v}"]["label"]
        verb = rng.choice(VERBS)
        evidence: list[dict[str, Any]] = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            doc, title = rng.choice(documents)
            start = rng.randint(0, 5000)
            sentence = f"{subject} said to {verb} {obj} after talks on Tuesday, officials said."
            evidence.append({"document": doc, "title": title, "sentence": sentence, "verb": verb,
                             "start": start, "end": start + len(sentence),
                             "confidence": round(rng.uniform(0.5, 0.95), 3)})
        g.add_edge(f"https://example.org/graphbuild/entity/e{u}",
                   f"https://example.org/graphbuild/entity/e{v}", key=f"e{k}", predicate=verb,
                   weight=len(evidence), confidence=max(e["confidence"] for e in evidence),
                   evidence=evidence)
    return g


def pyvis_page(network: nx.MultiDiGraph) -> str:
    """Plain pyvis: default options and physics, vis-network inlined, no CDN tags."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for node, attrs in network.nodes(data=True):
        net.add_node(node, label=attrs["label"], title=f"{attrs['label']} ({attrs['type']})")
    for u, v, attrs in network.edges(data=True):
        net.add_edge(u, v, title=attrs["predicate"])
    page = net.generate_html()
    # bootstrap comes from jsdelivr even in in_line mode; the network does not need it.
    page = re.sub(r"<link[^>]*?href=\"https://cdn[^>]*>", "", page, flags=re.S)
    page = re.sub(r"<script[^>]*?src=\"https://cdn[^>]*>\s*</script>", "", page, flags=re.S)
    marker = "network = new vis.Network(container, data, options);"
    if marker not in page:
        raise SystemExit("pyvis template changed: cannot find where it creates the network")
    return page.replace(marker, marker + "\n" + PYVIS_HOOK, 1)


@dataclass
class Result:
    viewer: str
    nodes: int
    edges: int
    page_mb: float
    render_s: float | None = None
    first_draw_s: float | None = None
    frame_median_ms: float | None = None
    frame_p95_ms: float | None = None
    search_ms: float | None = None
    waited_s: float | None = None  # set when the page did not draw within the cap
    note: str = ""


def measure(browser, path: Path, *, first_draw_js: str, cap_s: float, shot: Path,
            result: Result) -> Result:
    """Open ``path``, wait for its first draw (at most ``cap_s``), then pan and zoom."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.resolve().as_uri(), wait_until="commit")
    try:
        page.wait_for_function(f"() => Boolean({first_draw_js})", timeout=cap_s * 1000,
                               polling=100)
    except Exception as err:  # playwright's TimeoutError
        print(f"{path.name}: {err}", file=sys.stderr)
        result.waited_s = cap_s
        result.note = f"not drawn after {cap_s:.0f} s"
        try:  # a page busy stabilising may not even answer a screenshot
            page.screenshot(path=str(shot), timeout=10_000)
        except Exception:
            result.note += ", no screenshot (page busy)"
        context.close()
        return result
    result.first_draw_s = page.evaluate(first_draw_js) / 1000
    page.wait_for_timeout(300)
    page.screenshot(path=str(shot))

    page.evaluate(FRAME_RECORDER)
    box = page.locator("canvas").first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for turn in range(3):  # pan: drag across the canvas and back
        page.mouse.move(cx, cy)
        page.mouse.down()
        for step in range(1, 16):
            page.mouse.move(cx + step * 12 * (-1) ** turn, cy + step * 6)
        page.mouse.up()
    for step in range(16):  # zoom in, then out
        page.mouse.move(cx + 40, cy - 30)
        page.mouse.wheel(0, -120 if step < 8 else 120)
        page.wait_for_timeout(30)
    times = page.evaluate("window.__frames.stop()")
    gaps = sorted(b - a for a, b in zip(times, times[1:], strict=False))
    if gaps:
        result.frame_median_ms = statistics.median(gaps)
        result.frame_p95_ms = gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]
    if result.viewer == "graphbuild":
        name = page.evaluate("graphbuild.data.nodes[graphbuild.data.nodes.length >> 1].name")
        result.search_ms = page.evaluate("""(name) => {
            const t = performance.now(); graphbuild.search(name);
            document.getElementById('panel').getBoundingClientRect();
            return performance.now() - t; }""", name)
    if outside:
        result.note = f"{len(outside)} network requests"
    context.close()
    return result


def run(sizes: list[int], *, cap_s: float, out: Path, with_pyvis: bool) -> list[Result]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            network = synthetic_network(n)
            edges = network.number_of_edges()
            start = time.perf_counter()
            page = render_html(network, title=f"synthetic graph, {n} nodes", max_nodes=n)
            render_s = time.perf_counter() - start
            path = out / f"graphbuild_{n}.html"
            path.write_text(page, encoding="utf-8")
            r = Result("graphbuild", n, edges, len(page.encode()) / 1e6, render_s=render_s)
            results.append(measure(browser, path, first_draw_js="window.graphbuild && "
                                   "window.graphbuild.firstDrawMs", cap_s=cap_s,
                                   shot=out / f"graphbuild_{n}.png", result=r))
            print(_row(results[-1]), file=sys.stderr, flush=True)
            if with_pyvis:
                start = time.perf_counter()
                page = pyvis_page(network)
                render_s = time.perf_counter() - start
                path = out / f"pyvis_{n}.html"
                path.write_text(page, encoding="utf-8")
                r = Result("pyvis defaults", n, edges, len(page.encode()) / 1e6,
                           render_s=render_s)
                results.append(measure(browser, path, first_draw_js="window.__firstDraw",
                                       cap_s=cap_s, shot=out / f"pyvis_{n}.png", result=r))
                print(_row(results[-1]), file=sys.stderr, flush=True)
        browser.close()
    return results


HEADER = ("| nodes | edges | viewer | page MB | Python s | first draw s | frame ms median / p95 "
          "| search ms | note |\n|---:|---:|---|---:|---:|---:|---:|---:|---|")


def _row(r: Result) -> str:
    def num(value: float | None, spec: str, missing: str = "n/a") -> str:
        return missing if value is None else format(value, spec)

    draw = num(r.first_draw_s, ".2f",
               missing=f">{r.waited_s:.0f} s" if r.waited_s is not None else "n/a")
    frames = ("n/a" if r.frame_median_ms is None
              else f"{r.frame_median_ms:.1f} / {r.frame_p95_ms:.1f}")
    return (f"| {r.nodes:,} | {r.edges:,} | {r.viewer} | {r.page_mb:.1f} | "
            f"{num(r.render_s, '.2f')} | {draw} | {frames} | {num(r.search_ms, '.0f', '')} | "
            f"{r.note} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 1000, 5000])
    parser.add_argument("--cap", type=float, default=120.0,
                        help="seconds to wait for a first draw (default: 120)")
    parser.add_argument("--out", type=Path, default=Path("output/bench"))
    parser.add_argument("--no-pyvis", action="store_true", help="measure graphbuild only")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium")
    results = run(args.sizes, cap_s=args.cap, out=args.out, with_pyvis=not args.no_pyvis)
    print(f"Chromium headless, viewport {VIEWPORT['width']}x{VIEWPORT['height']}; "
          f"screenshots and pages in {args.out}/")
    print(HEADER)
    for r in results:
        print(_row(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())

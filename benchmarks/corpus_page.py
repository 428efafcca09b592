"""What a user sees when a corpus's page opens: timings, labels, fill, and screenshots.

Usage::

    python benchmarks/corpus_page.py output/graph.html [--out output/corpus-page]

Opens the page in Debian's Chromium (Playwright, headless, 1400x850) and reports

- **first draw**: milliseconds from navigation start to vis-network's first frame;
- **drawn**: entities and edges on the canvas, and entities listed without relations;
- **labels**: how many the first view shows, and how many pairs of them overlap (should be 0);
- **fill**: the shown entities' extent over the canvas's width and height, at the start and
  after keeping only the most common entity type (the page lays out again) and *Fit*;

and saves screenshots of the first view, the sentence co-mention layer and the filtered view
in ``--out``. Build a page first, e.g. from 300 BBC politics articles::

    graphbuild build bbc300/ -o output/bbc300 --processes 1
    python benchmarks/corpus_page.py output/bbc300/graph.html --out output/bbc300-page

Needs ``pip install playwright`` and ``/usr/bin/chromium``; never ``playwright install``.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
VIEWPORT = {"width": 1400, "height": 850}
SPAN = """() => {
  const net = graphbuild.network, box = document.getElementById("graph").getBoundingClientRect();
  const xs = [], ys = [];
  net.body.nodeIndices.forEach((id) => {
    const p = net.canvasToDOM(net.getPosition(id)); xs.push(p.x); ys.push(p.y); });
  return xs.length ? [(Math.max(...xs) - Math.min(...xs)) / box.width,
                      (Math.max(...ys) - Math.min(...ys)) / box.height] : [0, 0];
}"""


def overlaps(labels: list[dict]) -> int:
    return sum(1 for a, b in itertools.combinations(labels, 2)
               if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
               and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--out", type=Path, default=Path("output/corpus-page"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("() => window.graphbuild && window.graphbuild.ready",
                               timeout=60_000)
        page.wait_for_timeout(200)
        js = page.evaluate
        print(f"first draw: {js('() => graphbuild.firstDrawMs'):.0f} ms")
        drawn = js("() => graphbuild.drawn()")
        print(f"drawn: {drawn['nodes']} entities, {drawn['edges']} edges; "
              f"{js('() => graphbuild.state.alone.length')} listed without relations")
        labels = js("() => graphbuild.labels")
        print(f"labels: {len(labels)}, overlapping pairs: {overlaps(labels)}")
        print("fill at the start: {:.0%} x {:.0%}".format(*js(SPAN)))
        page.screenshot(path=str(args.out / "initial.png"))

        page.locator("#kinds label", has_text="Same sentence").click()
        page.wait_for_timeout(600)
        drawn = js("() => graphbuild.drawn()")
        print(f"with sentence co-mentions: {drawn['nodes']} entities, {drawn['edges']} edges")
        page.screenshot(path=str(args.out / "co-mentions.png"))
        page.locator("#kinds label", has_text="Same sentence").click()
        page.wait_for_timeout(600)

        rows = page.locator("#types label").all()
        kept = rows[0].inner_text().split()[0]
        for row in rows[1:]:
            row.click()
        page.wait_for_timeout(600)
        page.click("#fit")
        page.wait_for_timeout(600)
        print(f"only {kept}: {js('() => graphbuild.drawn().nodes')} entities; fill after "
              "filter and fit: {:.0%} x {:.0%}".format(*js(SPAN)))
        page.screenshot(path=str(args.out / f"only-{kept}.png"))
        browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()

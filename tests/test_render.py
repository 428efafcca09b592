"""The HTML page: self-contained, and article text is only ever data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import networkx as nx

from graphbuild.render import _vis_assets, page_data, render_html

HOSTILE = ('</script><script>alert(1)</script> <img src=x onerror=alert(2)> "q" \'s\' '
           '<a href="javascript:alert(3)">x</a> \x07\x1b end')


def hostile_network():
    g = nx.MultiDiGraph(documents=1)
    g.add_node("n", label=HOSTILE, type="PERSON", mentions=2, documents=1, aliases=[HOSTILE],
               titles=[HOSTILE])
    g.add_node("m", label="plain", type="ORG", mentions=1, documents=1, aliases=[], titles=[])
    g.add_edge("n", "m", key="e0", predicate=HOSTILE, weight=1, confidence=0.5,
               evidence=[{"document": HOSTILE, "title": HOSTILE, "sentence": HOSTILE,
                          "confidence": 0.5}])
    return g


def test_no_external_resources():
    page = render_html(hostile_network())
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "@import" not in page
    assert "vis.Network" in page  # vis-network is inlined, not fetched


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _ in attrs)))


def test_hostile_text_stays_data():
    page = render_html(hostile_network(), title=HOSTILE).replace(_vis_assets()[0], "VIS")
    parser = _Tags()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert tags == {"html", "head", "meta", "title", "style", "body", "div", "h1", "span", "input",
                    "datalist", "i", "script", "p"}
    assert not any(name.startswith("on") for _, names in parser.tags for name in names)
    assert sum(1 for tag, _ in parser.tags if tag == "script") == 3
    assert "\x07" not in page and "\x1b" not in page


def test_page_uses_surrogate_ids():
    data = page_data(hostile_network())
    assert [n["id"] for n in data["nodes"]] == ["n0", "n1"]
    assert data["edges"][0]["from"] == "n0"

"""The HTML page: self-contained, laid out in Python, and article text is only ever data.

What the page does in a browser is tested in ``tests/browser/``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import networkx as nx
import pytest

from graphbuild import cli
from graphbuild.errors import GraphbuildError
from graphbuild.outputs.page import (
    DEFAULT_MAX_NODES,
    _assets,
    page_data,
    page_positions,
    ranked_nodes,
    render_html,
    summary_line,
    write_html,
)

HOSTILE = ('</script><script>alert(1)</script> <img src=x onerror=alert(2)> "q" \'s\' '
           '<a href="javascript:alert(3)">x</a> <!-- ]]> \x00\x07\x1b\u2028 end')


def hostile_network(text: str = HOSTILE) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(documents=1)
    g.add_node("n", label=text, type="PERSON", mentions=2, documents=1, aliases=[text],
               titles=[text])
    g.add_node("m", label="plain", type="ORG", mentions=1, documents=1, aliases=[], titles=[])
    g.add_edge("n", "m", key="e0", predicate=text, weight=1, confidence=0.5,
               evidence=[{"document": text, "title": text, "sentence": text, "verb": text,
                          "confidence": 0.5}])
    return g


def star(spokes: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(documents=2)
    g.add_node("hub", label="Hub", type="GPE", mentions=9)
    for k in range(spokes):
        g.add_edge(f"s{k}", "hub", predicate="visit", weight=1, evidence=[])
        g.nodes[f"s{k}"].update(label=f"Spoke {k}", type="PERSON", mentions=1)
    g.add_node("alone", label="Alone", type="ORG", mentions=4)
    return g


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _ in attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _data_block(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page,
                      re.S)
    assert block
    return json.loads(block.group(1))


def test_no_external_resources():
    page = render_html(hostile_network())
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "@import" not in page
    assert '<link rel="icon" href="data:,">' in page  # or the browser asks for /favicon.ico
    assert ("Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
            "style-src 'unsafe-inline'; img-src data:\"") in page
    assert "vis.Network" in page and "graphbuild.drawn" not in page  # inlined, not fetched


def test_hostile_text_stays_data():
    plain = render_html(hostile_network("plain text"), title="plain")
    page = render_html(hostile_network(), title=HOSTILE)
    hostile_tags, plain_tags = _parse(page).tags, _parse(plain).tags
    # the same elements, attributes and scripts as a page of harmless text
    assert hostile_tags == plain_tags
    assert sum(1 for tag, _ in hostile_tags if tag == "script") == 3
    assert page.count("</script") == 3
    assert not any("<!--" in script for script in _parse(page).scripts)
    assert not any(name.startswith("on") for _, names in hostile_tags for name in names)
    assert "\x07" not in page and "\x1b" not in page and "\x00" not in page
    assert "<title></script><script>" not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)" in page
    # and the data block gives back exactly the text that went in
    data = _data_block(page)
    assert data["nodes"][0]["name"] == HOSTILE
    assert data["edges"][0]["evidence"][0]["sentence"] == HOSTILE
    assert data["documents"] == [{"id": HOSTILE, "title": HOSTILE, "date": ""}]


def test_own_script_and_style_cannot_close_their_tags():
    for name, text in _assets().items():
        assert "</script" not in text.lower(), name
    assert "innerHTML" not in _assets()["app_js"]
    assert "insertAdjacentHTML" not in _assets()["app_js"]


def test_lone_surrogates_do_not_stop_the_page(tmp_path):
    write_html(hostile_network("broken \ud800 text"), tmp_path / "page.html")
    data = _data_block((tmp_path / "page.html").read_text(encoding="utf-8"))
    assert data["nodes"][0]["name"] == "broken \ud800 text"


def test_the_page_is_written_in_parts_as_one_dump_of_its_data(tmp_path):
    """write_html streams the data's JSON a list item at a time: the same bytes as the one
    ``json.dumps`` of the whole data it replaces."""
    from graphbuild.outputs.page import _json_parts

    network = hostile_network()
    data = page_data(network)
    assert "".join(_json_parts(data)) == json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    write_html(network, tmp_path / "page.html", title=HOSTILE)
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page == render_html(network, title=HOSTILE)
    assert _data_block(page) == json.loads(json.dumps(data))


def test_nodes_come_most_connected_first_with_surrogate_ids():
    g = star(3)
    assert ranked_nodes(g)[:1] == ["hub"]
    data = page_data(g)
    assert [(n["id"], n["name"]) for n in data["nodes"]] == [
        ("n0", "Hub"), ("n1", "Spoke 0"), ("n2", "Spoke 1"), ("n3", "Spoke 2"), ("n4", "Alone")]
    assert [n["degree"] for n in data["nodes"]] == [3, 1, 1, 1, 0]
    assert {e["to"] for e in data["edges"]} == {"n0"}
    assert data["limit"] == DEFAULT_MAX_NODES
    assert data["types"][0] == {"type": "PERSON", "colour": "#e4572e", "count": 3}
    assert data["predicates"] == [{"predicate": "visit", "count": 3}]
    assert summary_line(data) == "2 documents · 5 entities · 3 relations (0 sentences)"


def test_positions_are_deterministic_and_keep_lone_entities_apart():
    g = star(6)
    first, second = page_positions(g), page_positions(g)
    assert first == second
    assert len(set(first.values())) == g.number_of_nodes()
    assert first["alone"][1] > max(y for node, (_, y) in first.items() if node != "alone")
    data = page_data(g)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_the_page_does_not_depend_on_the_hash_seed(tmp_path):
    script = ("import hashlib, networkx as nx\n"
              "from graphbuild.outputs.page import render_html\n"
              "g = nx.MultiDiGraph(documents=1)\n"
              "g.add_nodes_from(f'lonely {k}' for k in range(12))\n"
              "g.add_edges_from([('a', 'b'), ('b', 'c'), ('c', 'a'), ('c', 'd')], predicate='p')\n"
              "print(hashlib.sha1(render_html(g).encode()).hexdigest())\n")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1


def test_parallel_edges_are_bent_apart():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", predicate="meet")
    g.add_edge("a", "b", predicate="back")
    g.add_edge("b", "a", predicate="criticize")
    # the first stays straight; the others bend to opposite sides of it: b -> a bending
    # clockwise from b is a -> b bending anticlockwise
    assert [e["curve"] for e in page_data(g)["edges"]] == [0.0, 0.25, 0.25]
    # two opposite edges both bend, apart: each clockwise along its own direction
    g.remove_edge("a", "b", key=1)
    g.remove_edge("a", "b", key=0)
    g.add_edge("a", "b", predicate="meet")
    assert [e["curve"] for e in page_data(g)["edges"]] == [0.25, 0.25]
    # a co-mention of the pair takes the next place after the relations: three edges, three
    # ways (straight, one side, the other)
    g.add_edge("a", "b", kind="co-mention", documents=3)
    edges = page_data(g)["edges"]
    first = edges[0]["from"]
    sides = {e["kind"]: [] for e in edges}
    for e in edges:  # the bend seen from one end of the pair, whichever way the edge points
        sides[e["kind"]].append(e["curve"] if e["from"] == first else -e["curve"])
    assert sorted(sides["relation"] + sides["co-mention"]) == [-0.25, 0.0, 0.25]
    assert sides["co-mention"] != [0.0]  # the relations come first, the straight place


def test_max_nodes_is_in_the_page_and_checked():
    page = render_html(star(4), max_nodes=2)
    assert _data_block(page)["limit"] == 2
    for bad in (0, -1, 2.5, True):
        with pytest.raises(GraphbuildError, match="max_nodes must be a whole number of 1 or more"):
            page_data(star(1), max_nodes=bad)


def test_render_command_passes_max_nodes(sample_output, tmp_path, capsys):
    page = tmp_path / "page.html"
    ttl = str(sample_output / "graph.ttl")
    assert cli.main(["render", ttl, "-o", str(page), "--max-nodes", "7", "-q"]) == 0
    data = _data_block(page.read_text(encoding="utf-8"))
    assert data["limit"] == 7 and len(data["nodes"]) > 7
    assert cli.main(["render", ttl, "-o", str(page), "--max-nodes", "0"]) == 1
    assert "max_nodes must be a whole number" in capsys.readouterr().err

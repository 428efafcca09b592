"""Exports checked with independent readers: lxml RelaxNG, networkx, csv."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from lxml import etree

from graphbuild.export import write_gexf, write_graphml, write_triples_csv

from conftest import DATA

HOSTILE = 'Ali "The Lion" <script>alert(1)</script> & \x07 ctrl \u202e ナルト 🦁'


@pytest.fixture(scope="module")
def relaxng():
    return etree.RelaxNG(etree.parse(str(DATA / "gexf" / "gexf.rng")))


def network():
    g = nx.MultiDiGraph(documents=1)
    g.add_node("urn:a", label=HOSTILE, type="PERSON", mentions=3, documents=1,
               aliases=["A", "B"], titles=["Envoy"])
    g.add_node("urn:b", label="Bob", type="ORG", mentions=1, documents=1, aliases=[], titles=[])
    evidence = [{"document": "d1", "title": HOSTILE, "sentence": HOSTILE, "verb": "met",
                 "start": 0, "end": 5, "confidence": 0.9}]
    g.add_edge("urn:a", "urn:b", key="e0", predicate="meet", weight=1, confidence=0.9,
               evidence=evidence)
    g.add_edge("urn:a", "urn:b", key="e1", predicate="back", weight=2, confidence=0.5,
               evidence=evidence * 2)
    return g


def test_gexf_validates_and_keeps_parallel_edges(tmp_path, relaxng):
    path = tmp_path / "g.gexf"
    write_gexf(network(), path)
    doc = etree.parse(str(path))
    relaxng.assertValid(doc)
    ns = {"g": "http://gexf.net/1.3"}
    kinds = sorted(e.get("kind") for e in doc.iterfind(".//g:edge", ns))
    assert kinds == ["back", "meet"]
    assert doc.find(".//g:node", ns).get("label").startswith('Ali "The Lion" <script>')


def test_sample_gexf_validates(sample_output, relaxng):
    relaxng.assertValid(etree.parse(str(sample_output / "graph.gexf")))


def test_graphml_reads_back_with_unique_edge_ids(tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(network(), path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_edges() == 2
    ids = [e.get("id") for e in etree.parse(str(path)).iter("{*}edge")]
    assert len(set(ids)) == len(ids) == 2
    assert back.nodes["urn:a"]["aliases"] == "A; B"
    assert "\x07" not in back.nodes["urn:a"]["label"]


def test_triples_csv_has_one_row_per_occurrence(tmp_path):
    path = tmp_path / "t.csv"
    write_triples_csv(network(), path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["predicate"] for r in rows) == ["back", "back", "meet"]
    assert rows[0]["sentence"] == HOSTILE

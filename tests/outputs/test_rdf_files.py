"""The RDF files: the same graph gives the same bytes, and independent readers agree."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from graphbuild.outputs.rdf_files import (
    sorted_triples,
    write_jsonld,
    write_ntriples,
    write_turtle,
)
from graphbuild.rdf import read_graph
from graphbuild.vocab import JSONLD_CONTEXT


def rdflib_jsonld(graph: Graph) -> str:
    """rdflib's own compact JSON-LD, sorted as graphbuild sorts it: the reference."""
    document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT,
                                          auto_compact=True))
    nodes = document.pop("@graph")
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
    nodes.sort(key=lambda node: str(node.get("@id", "")))
    return json.dumps({"@context": JSONLD_CONTEXT, "@graph": nodes}, ensure_ascii=False,
                      indent=1) + "\n"


def test_jsonld_is_what_rdflib_writes_byte_for_byte(sample_output, tmp_path):
    graph = read_graph(str(sample_output / "graph.ttl"))
    write_jsonld(graph, tmp_path / "g.jsonld")
    assert (tmp_path / "g.jsonld").read_text(encoding="utf-8") == rdflib_jsonld(graph)


def test_turtle_and_ntriples_read_back_strictly_to_the_same_graph(sample_output, tmp_path):
    graph = read_graph(str(sample_output / "graph.ttl"))
    triples = sorted_triples(graph)
    write_turtle(graph, tmp_path / "g.ttl", triples=triples)
    write_ntriples(graph, tmp_path / "g.nt")
    strict = list(ox.parse(path=str(tmp_path / "g.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(strict) == len(graph) == len(triples)
    assert isomorphic(Graph().parse(tmp_path / "g.ttl", format="turtle"), graph)
    lines = (tmp_path / "g.nt").read_bytes().splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)
    assert "@prefix gb: <https://w3id.org/graphbuild/vocab#> .\n" in (tmp_path / "g.ttl").read_text(
        encoding="utf-8")


def test_the_order_of_additions_does_not_change_the_bytes(sample_output, tmp_path):
    graph = read_graph(str(sample_output / "graph.ttl"))
    backwards = Graph()
    for triple in sorted(graph, reverse=True):
        backwards.add(triple)
    for name, write in (("ttl", write_turtle), ("jsonld", write_jsonld)):
        write(graph, tmp_path / f"a.{name}")
        write(backwards, tmp_path / f"b.{name}")
        assert (tmp_path / f"a.{name}").read_bytes() == (tmp_path / f"b.{name}").read_bytes()


def test_the_json_ld_indentation_is_json_dumps_own():
    """Nodes are indented by rdf_files._indented, not json.dumps: the same text, for any
    JSON-LD value (random nodes of tricky strings, numbers, booleans, nesting)."""
    import random

    from graphbuild.outputs.rdf_files import _indented

    rng = random.Random(7)
    words = ["", "é", "a\"b", "back\\slash", "tab\t", "line\nbreak", "\x00", "😀", "@id", "1"]

    def value(depth: int) -> object:
        kind = rng.randrange(7 if depth < 3 else 4)
        if kind == 0:
            return rng.choice(words) + rng.choice(words)
        if kind == 1:
            return rng.randrange(-10**6, 10**6)
        if kind == 2:
            return rng.choice([True, False, None])
        if kind == 3:
            return rng.random() * 10 ** rng.randrange(-5, 20)
        if kind in (4, 5):
            return {rng.choice(words) + str(k): value(depth + 1) for k in range(rng.randrange(4))}
        return [value(depth + 1) for _ in range(rng.randrange(4))]

    for _ in range(2000):
        node = value(0)
        assert _indented(node) == json.dumps(node, ensure_ascii=False, indent=1)

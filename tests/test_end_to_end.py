"""The sample articles, end to end: the user's two facts, and every output readable."""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import EXAMPLES
from rdflib import Graph

from graphbuild.cli import main

PREFIXES = """PREFIX rel: <https://w3id.org/graphbuild/rel/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def graph(sample_output):
    return Graph().parse(sample_output / "graph.ttl", format="turtle")


def labelled(graph, a, predicate, b):
    return list(graph.query(PREFIXES + f"""
        SELECT ?x ?y WHERE {{ ?x {predicate} ?y . ?x rdfs:label "{a}" . ?y rdfs:label ?yl .
                             FILTER(?yl IN ({", ".join(f'"{n}"' for n in b)})) }}"""))


def test_kerry_meets_lavrov_between_merged_nodes(graph):
    assert labelled(graph, "John Kerry", "rel:meet", ["Sergei Lavrov"])
    # one node each: no separate "Kerry" or "Lavrov" entity
    names = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("rdfs:label"))}
    assert "Kerry" not in names and "Lavrov" not in names


def test_russia_backs_assad(graph):
    assert labelled(graph, "Russia", "rel:back", ["Bashar al-Assad", "Syria"])


def test_no_pronoun_nodes(graph):
    rows = graph.query(PREFIXES + """SELECT ?l WHERE { ?e <https://w3id.org/graphbuild/vocab#mentionCount> ?n ; rdfs:label ?l .
        FILTER(LCASE(?l) IN ("he", "she", "it", "they", "him", "her", "we", "i")) }""")
    assert not list(rows)


def test_outputs_are_deterministic(sample_output, tmp_path):
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path), "--quiet"]) == 0
    for name in ("graph.ttl", "graph.gexf", "graph.graphml", "triples.csv", "graph.html"):
        assert (tmp_path / name).read_bytes() == (sample_output / name).read_bytes(), name


def test_graphml_and_html(sample_output):
    network = nx.read_graphml(sample_output / "graph.graphml", force_multigraph=True)
    assert network.number_of_nodes() > 20
    page = (sample_output / "graph.html").read_text(encoding="utf-8")
    assert "John Kerry" in page and "https://cdn" not in page


def test_triples_csv_has_evidence(sample_output):
    import csv
    with open(sample_output / "triples.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kerry = [r for r in rows if (r["subject"], r["predicate"], r["object"])
             == ("John Kerry", "meet", "Sergei Lavrov")]
    assert kerry and all("Lavrov" in r["sentence"] for r in kerry)

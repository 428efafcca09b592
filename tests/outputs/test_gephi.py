"""Exports read back by independent readers: lxml RelaxNG, networkx, igraph, csv, rdflib.

The graphs hold hostile names (quotes, angle brackets, ampersands, control characters,
bidirectional overrides, non-Latin scripts and emoji): every writer must produce a file its
target reads, with the names intact apart from what the format cannot hold.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal

import igraph
import networkx as nx
import pytest
from conftest import DATA
from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal
from rdflib import namespace as ns
from rdflib.compare import isomorphic, to_isomorphic

from graphbuild.network import add_metrics, to_networkx, type_colour
from graphbuild.outputs.gephi import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    write_edges_csv,
    write_gexf,
    write_graphml,
    write_nodes_csv,
)
from graphbuild.outputs.rdf_files import write_jsonld, write_turtle
from graphbuild.outputs.tables import write_triples_csv
from graphbuild.vocab import (
    GB,
    JSONLD_CONTEXT,
    NER,
    REL,
    SCHEMA,
    mint,
    new_graph,
    predicate_iri,
)

HOSTILE = 'Ali "The Lion" <script>alert(1)</script> & \x07 ctrl \u202e ナルト 🦁'
NAMES = [
    HOSTILE,
    "Башар Асад </graph> ]]> --> <!-- &amp;",
    "بشار الأسد \x00\x1b\x0b\x0c end",
    "习近平 'single' \"double\" \t tab\r\nnewline",
    "Ελλάδα & <nodes count=\"0\"/>",
]
BASE = "https://example.org/kg/"
GEXF = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}


def clean(text: str) -> str:
    """What a one-line XML/CSV field can hold of ``text``: no control characters, single
    spaces (the exporters' contract)."""
    kept = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    return " ".join(kept.split())


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


def rdf_graph(*, dated: bool) -> Graph:
    """A graphbuild-shaped RDF graph of the hostile names: entity i relates to entity i+1 in
    article i (dated 2016-07-0<i+1> when ``dated``), and entity 0 meets entity 2 in articles
    0 and 2. Entities are mentioned in the articles of their relations."""
    graph = new_graph()
    entities = [mint(BASE, "entity", name) for name in NAMES]
    kinds = ["PERSON", "PERSON", "PERSON", "PERSON", "GPE"]
    for node, name, kind in zip(entities, NAMES, kinds, strict=True):
        graph.add((node, RDF.type, NER[kind]))
        graph.add((node, RDFS.label, Literal(name)))
        graph.add((node, GB.mentionCount, Literal(3 if kind == "PERSON" else 1)))
        graph.add((node, GB.documentCount, Literal(1)))
    documents = []
    for k in range(4):
        doc = mint(BASE, "document", f"doc{k}")
        documents.append(doc)
        graph.add((doc, RDF.type, SCHEMA.NewsArticle))
        graph.add((doc, SCHEMA.identifier, Literal(f"doc{k}")))
        graph.add((doc, SCHEMA.headline, Literal(f"{NAMES[k]} headline")))
        if dated:
            graph.add((doc, SCHEMA.datePublished,
                       Literal(f"2016-07-0{k + 1}", datatype=ns.XSD.date)))
    relations = [(k, "back" if k % 2 else "meet", k + 1, k) for k in range(4)]
    relations += [(0, "meet", 2, 2)]
    for n, (s, name, o, k) in enumerate(relations):
        predicate = predicate_iri(name)
        graph.add((predicate, RDF.type, RDF.Property))
        graph.add((predicate, RDFS.label, Literal(name)))
        graph.add((entities[s], predicate, entities[o]))
        statement = mint(BASE, "statement", str(n))
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, entities[s]))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, entities[o]))
        graph.add((statement, GB.document, documents[k]))
        graph.add((statement, GB.sentence, Literal(f"{NAMES[s]} {name} {NAMES[o]}.")))
        graph.add((statement, GB.start, Literal(0)))
        graph.add((statement, GB.end, Literal(10)))
        graph.add((statement, GB.confidence,
                   Literal(Decimal("0.800"), datatype=ns.XSD.decimal)))
        for node in (entities[s], entities[o]):
            graph.add((documents[k], SCHEMA.mentions, node))
    return graph


# --- metrics ------------------------------------------------------------------------------

def test_add_metrics_degree_communities_positions_and_keeps_attributes():
    g = nx.MultiDiGraph()
    for a, b in [("a1", "a2"), ("a2", "a3"), ("a3", "a1"), ("b1", "b2"), ("b2", "b3"),
                 ("b3", "b1"), ("b1", "b2")]:
        g.add_edge(a, b, weight=1)
    g.add_node("a1", label="A one")
    m = add_metrics(g)
    assert m.nodes["a1"]["label"] == "A one" and "degree" not in g.nodes["a1"]  # a copy
    assert m.nodes["b1"]["degree"] == 3 and m.nodes["a1"]["degree"] == 2
    groups = {frozenset(n for n in m if m.nodes[n]["community"] == c) for c in (0, 1)}
    assert groups == {frozenset({"a1", "a2", "a3"}), frozenset({"b1", "b2", "b3"})}
    assert all(isinstance(m.nodes[n]["x"], float) for n in m)
    assert m.graph["dated"] is False
    again = add_metrics(g)
    assert [again.nodes[n] for n in again] == [m.nodes[n] for n in m]  # seeded: same result


def test_add_metrics_dates_from_the_articles():
    graph = rdf_graph(dated=True)
    m = add_metrics(to_networkx(graph), graph)
    assert m.graph["dated"] is True
    seen = {m.nodes[n]["label"]: (m.nodes[n]["first_seen"], m.nodes[n]["last_seen"]) for n in m}
    assert seen[NAMES[0]] == ("2016-07-01", "2016-07-03")  # articles 0 and 2
    assert seen[NAMES[4]] == ("2016-07-04", "2016-07-04")
    spans = sorted((m.nodes[u]["label"][:3], d["first_seen"], d["last_seen"])
                   for u, v, d in m.edges(data=True) if m.nodes[v]["label"] == NAMES[2])
    assert spans == [("Ali", "2016-07-03", "2016-07-03"), ("Баш", "2016-07-02", "2016-07-02")]
    plain = add_metrics(to_networkx(rdf_graph(dated=False)), rdf_graph(dated=False))
    assert plain.graph["dated"] is False
    assert not any("first_seen" in d for _, d in plain.nodes(data=True))


# --- GEXF ---------------------------------------------------------------------------------

def test_gexf_validates_and_keeps_parallel_edges(tmp_path, relaxng):
    path = tmp_path / "g.gexf"
    write_gexf(network(), path)
    doc = etree.parse(str(path))
    relaxng.assertValid(doc)
    kinds = sorted(e.get("kind") for e in doc.iterfind(".//g:edge", GEXF))
    assert kinds == ["back", "meet"]
    assert doc.find(".//g:node", GEXF).get("label") == clean(HOSTILE)


def test_gexf_static_graph_is_styled_laid_out_and_has_metrics(tmp_path, relaxng):
    path = tmp_path / "g.gexf"
    write_gexf(network(), path)
    doc = etree.parse(str(path))
    relaxng.assertValid(doc)
    graph = doc.find("g:graph", GEXF)
    assert graph.get("mode") is None and graph.get("timeformat") is None
    assert doc.find(".//g:spells", GEXF) is None
    declared = {(a.getparent().get("class"), a.get("title")): a.get("type")
                for a in doc.iterfind(".//g:attribute", GEXF)}
    assert declared == {
        **{("node", k): v for k, v in {
            "type": "string", "mentions": "integer", "documents": "integer",
            "degree": "integer", "community": "integer", "aliases": "string",
            "titles": "string", "iri": "string"}.items()},
        **{("edge", k): v for k, v in {
            "kind": "string", "predicate": "string", "relation_class": "string",
            "action_class": "string", "documents": "integer", "confidence": "double"}.items()}}
    nodes = {n.get("label"): n for n in doc.iterfind(".//g:node", GEXF)}
    a = nodes[clean(HOSTILE)]
    values = {v.get("for"): v.get("value") for v in a.iterfind(".//g:attvalue", GEXF)}
    assert values["degree"] == "2" and values["type"] == "PERSON" and values["mentions"] == "3"
    assert values["community"] == "0" and values["aliases"] == "A; B"
    colour = a.find("viz:color", GEXF)
    assert "#{:02x}{:02x}{:02x}".format(*(int(colour.get(c)) for c in "rgb")) == \
        type_colour("PERSON")
    sizes = {label: float(n.find("viz:size", GEXF).get("value")) for label, n in nodes.items()}
    assert sizes[clean(HOSTILE)] > sizes["Bob"]  # 3 mentions against 1
    for n in nodes.values():
        position = n.find("viz:position", GEXF)
        assert position.get("z") == "0.0"
        assert all(abs(float(position.get(c))) <= 1000.0 for c in "xy")
    assert "None" not in path.read_text(encoding="utf-8")
    edges = {e.get("kind"): e for e in doc.iterfind(".//g:edge", GEXF)}
    assert edges["back"].get("weight") == "2" and edges["back"].get("label") == "back"
    confidence = edges["back"].find(".//g:attvalue[@for='confidence']", GEXF)
    assert confidence.get("value") == "0.500"


def test_gexf_dynamic_when_articles_have_dates(tmp_path, relaxng):
    graph = rdf_graph(dated=True)
    path = tmp_path / "g.gexf"
    write_gexf(add_metrics(to_networkx(graph), graph), path)
    doc = etree.parse(str(path))
    relaxng.assertValid(doc)
    root = doc.find("g:graph", GEXF)
    assert (root.get("mode"), root.get("timeformat")) == ("dynamic", "date")
    spells = {n.get("label"): [(s.get("start"), s.get("end"))
                               for s in n.iterfind("g:spells/g:spell", GEXF)]
              for n in doc.iterfind(".//g:node", GEXF)}
    assert spells[clean(NAMES[0])] == [("2016-07-01", "2016-07-03")]
    assert spells[clean(NAMES[3])] == [("2016-07-03", "2016-07-04")]
    edge_spells = sorted((s.get("start"), s.get("end"))
                         for s in doc.iterfind(".//g:edge/g:spells/g:spell", GEXF))
    assert edge_spells == [("2016-07-01", "2016-07-01"), ("2016-07-02", "2016-07-02"),
                           ("2016-07-03", "2016-07-03"), ("2016-07-03", "2016-07-03"),
                           ("2016-07-04", "2016-07-04")]


def test_gexf_reads_back_with_networkx(tmp_path):
    graph = rdf_graph(dated=False)
    path = tmp_path / "g.gexf"
    write_gexf(to_networkx(graph), path)
    back = nx.read_gexf(path)
    assert sorted(d["label"] for _, d in back.nodes(data=True)) == sorted(map(clean, NAMES))
    assert back.number_of_edges() == 5
    assert {d["viz"]["position"]["z"] for _, d in back.nodes(data=True)} == {0.0}


# --- GraphML ------------------------------------------------------------------------------

def test_graphml_reads_back_with_unique_edge_ids(tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(network(), path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_edges() == 2
    ids = [e.get("id") for e in etree.parse(str(path)).iter("{*}edge")]
    assert len(set(ids)) == len(ids) == 2
    assert back.nodes["urn:a"]["aliases"] == "A; B"
    assert back.nodes["urn:a"]["label"] == clean(HOSTILE)


def test_graphml_round_trips_through_networkx_and_igraph(tmp_path):
    graph = rdf_graph(dated=True)
    net = add_metrics(to_networkx(graph), graph)
    path = tmp_path / "g.graphml"
    write_graphml(net, path)
    expected_nodes = {node: clean(data["label"]) for node, data in net.nodes(data=True)}
    expected_edges = sorted((u, v, d["predicate"], float(d["weight"]))
                            for u, v, d in net.edges(data=True))

    back = nx.read_graphml(path, force_multigraph=True)
    assert {n: d["label"] for n, d in back.nodes(data=True)} == expected_nodes
    assert sorted((u, v, d["label"], d["weight"]) for u, v, d in back.edges(data=True)) == \
        expected_edges
    first = back.nodes[next(iter(net))]
    assert first["community"] == net.nodes[next(iter(net))]["community"]
    assert first["first_seen"] == "2016-07-01" and isinstance(first["x"], float)

    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.is_directed()
    assert dict(zip(ig.vs["id"], ig.vs["label"], strict=True)) == expected_nodes
    names = ig.vs["id"]
    assert sorted((names[e.source], names[e.target], e["label"], e["weight"])
                  for e in ig.es) == expected_edges
    assert ig.vs["degree"] == [float(net.nodes[n]["degree"]) for n in names]


def test_graphml_keys_are_where_gephi_looks(tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(network(), path)
    keys = [(k.get("for"), k.get("attr.name"), k.get("id"))
            for k in etree.parse(str(path)).iter("{*}key")]
    names = {(scope, name) for scope, name, _ in keys}
    assert {("node", "label"), ("node", "x"), ("node", "y"), ("node", "size"), ("node", "r"),
            ("edge", "label"), ("edge", "weight")} <= names
    # Gephi reads key ids "d3" (node) and "d7" (edge) as labels whatever their names say.
    assert not {key_id for _, _, key_id in keys} & {"d3", "d7"}


# --- CSV for Gephi's spreadsheet import ---------------------------------------------------

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def test_nodes_and_edges_csv_have_gephis_layout(tmp_path):
    graph = rdf_graph(dated=False)
    net = to_networkx(graph)
    write_nodes_csv(net, tmp_path / "nodes.csv")
    write_edges_csv(net, tmp_path / "edges.csv")
    node_columns, nodes = read_csv(tmp_path / "nodes.csv")
    edge_columns, edges = read_csv(tmp_path / "edges.csv")
    assert node_columns[:2] == ["Id", "Label"] and node_columns == list(NODE_COLUMNS)
    assert edge_columns[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert edge_columns == list(EDGE_COLUMNS)
    assert sorted(r["Label"] for r in nodes) == sorted(map(clean, NAMES))
    label = {r["Id"]: r["Label"] for r in nodes}
    assert {r["Type"] for r in edges} == {"Directed"}
    assert sorted((label[r["Source"]], r["Label"], label[r["Target"]], r["Weight"])
                  for r in edges) == sorted(
        (clean(net.nodes[u]["label"]), d["predicate"], clean(net.nodes[v]["label"]),
         str(d["weight"])) for u, v, d in net.edges(data=True))
    by_label = {r["Label"]: r for r in nodes}
    assert by_label[clean(NAMES[0])]["degree"] == "2"
    assert by_label[clean(NAMES[0])]["iri"] == str(mint(BASE, "entity", NAMES[0]))
    text = (tmp_path / "nodes.csv").read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(NAMES) + 1  # one line per row: no raw newlines


def test_csv_timeset_when_dated(tmp_path):
    graph = rdf_graph(dated=True)
    net = add_metrics(to_networkx(graph), graph)
    write_nodes_csv(net, tmp_path / "nodes.csv")
    write_edges_csv(net, tmp_path / "edges.csv")
    node_columns, nodes = read_csv(tmp_path / "nodes.csv")
    edge_columns, edges = read_csv(tmp_path / "edges.csv")
    assert node_columns[-1] == edge_columns[-1] == "Timeset"
    row = next(r for r in nodes if r["Label"] == clean(NAMES[0]))
    assert (row["first_seen"], row["last_seen"], row["Timeset"]) == (
        "2016-07-01", "2016-07-03", "<[2016-07-01, 2016-07-03]>")
    assert all(r["Timeset"].startswith("<[2016-07-0") for r in edges)


# --- JSON-LD ------------------------------------------------------------------------------

def test_jsonld_round_trips_to_the_turtle_graph(tmp_path):
    graph = rdf_graph(dated=True)
    write_turtle(graph, tmp_path / "g.ttl")
    write_jsonld(graph, tmp_path / "g.jsonld")
    from_turtle = Graph().parse(tmp_path / "g.ttl", format="turtle")
    from_jsonld = Graph().parse(tmp_path / "g.jsonld", format="json-ld")
    assert len(from_jsonld) == len(graph)
    assert isomorphic(from_turtle, from_jsonld)
    assert to_isomorphic(from_jsonld) == to_isomorphic(graph)
    labels = {str(o) for o in from_jsonld.objects(None, RDFS.label)}
    assert set(NAMES) <= labels  # control characters and all: JSON escapes them
    document = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert set(document["@context"]) >= {"gb", "rel", "ner", "schema", "rdfs", "skos", "xsd"}
    assert document["@context"] == JSONLD_CONTEXT
    keys = {key for node in document["@graph"] for key in node}
    assert {"rdfs:label", "gb:mentionCount", "rel:meet", "schema:datePublished"} <= keys
    assert str(REL) not in json.dumps(document["@graph"])  # compacted, not full IRIs


def test_jsonld_is_deterministic(tmp_path):
    write_jsonld(rdf_graph(dated=True), tmp_path / "a.jsonld")
    write_jsonld(rdf_graph(dated=True), tmp_path / "b.jsonld")
    assert (tmp_path / "a.jsonld").read_bytes() == (tmp_path / "b.jsonld").read_bytes()


# --- the sample build ---------------------------------------------------------------------

def test_sample_gexf_validates(sample_output, relaxng):
    doc = etree.parse(str(sample_output / "graph.gexf"))
    relaxng.assertValid(doc)
    assert doc.find("g:graph", GEXF).get("mode") is None  # the sample articles have no dates
    assert all(p.get("x") not in (None, "None") for p in doc.iterfind(".//viz:position", GEXF))


def test_sample_outputs_agree(sample_output, relaxng):
    # networkx reads no GEXF with both directed relations and undirected co-mentions: lxml does
    gexf = etree.parse(str(sample_output / "graph.gexf"))
    relaxng.assertValid(gexf)
    _, nodes = read_csv(sample_output / "nodes.csv")
    _, edges = read_csv(sample_output / "edges.csv")
    ig = igraph.Graph.Read_GraphML(str(sample_output / "graph.graphml"))
    gexf_nodes, gexf_edges = gexf.findall(".//g:node", GEXF), gexf.findall(".//g:edge", GEXF)
    assert len(nodes) == len(gexf_nodes) == ig.vcount() > 20
    assert len(edges) == len(gexf_edges) == ig.ecount() > 10
    kinds = Counter(r["edge_kind"] for r in edges)
    assert kinds["relation"] > 10 and kinds["co-mention"] > 10
    assert Counter(e.find("g:attvalues/g:attvalue[@for='kind']", GEXF).get("value")
                   for e in gexf_edges) == kinds
    assert Counter(ig.es["kind"]) == kinds
    assert "John Kerry" in {r["Label"] for r in nodes}
    kerry = [r for r in edges if r["Label"] == "meet"
             and {r["Source"], r["Target"]} <= {n["Id"] for n in nodes
                                                if n["Label"] in ("John Kerry", "Sergei Lavrov")}]
    assert kerry and int(kerry[0]["Weight"]) >= 1


def test_sample_jsonld_is_the_turtle_graph(sample_output):
    turtle = Graph().parse(sample_output / "graph.ttl", format="turtle")
    jsonld = Graph().parse(sample_output / "graph.jsonld", format="json-ld")
    assert len(turtle) > 500
    assert isomorphic(turtle, jsonld)


# --- triples ------------------------------------------------------------------------------

def test_triples_csv_has_one_row_per_occurrence(tmp_path):
    path = tmp_path / "t.csv"
    write_triples_csv(network(), path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["predicate"] for r in rows) == ["back", "back", "meet"]
    assert rows[0]["sentence"] == HOSTILE


def test_every_attribute_the_gephi_readme_names_is_in_the_files(sample_output, relaxng):
    """The README's "Open it in Gephi" names attributes to partition and filter on: each is
    declared in graph.gexf or articles.gexf (or is a value, a column or a file it names)."""
    import re

    from graphbuild.network import ACTION_CLASSES, EDGE_KINDS
    from graphbuild.outputs.gephi import EDGE_COLUMNS, NODE_COLUMNS

    readme = (DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Open it in Gephi"):]
    section = section[:section.index("\n## ", 3)]
    declared = set()
    for name in ("graph.gexf", "articles.gexf"):
        doc = etree.parse(str(sample_output / name))
        relaxng.assertValid(doc)
        declared |= {a.get("title") for a in doc.iterfind(".//g:attribute", GEXF)}
    values = set(EDGE_KINDS) | set(ACTION_CLASSES) | {"article", "entity", "worksFor",
                                                      "memberOf"}
    columns = set(EDGE_COLUMNS) | set(NODE_COLUMNS) | {"Timeset", "weight", "date",
                                                       "schema:datePublished"}
    named = set(re.findall(r"`([^`\s]+)`", section))
    files = {n for n in named if "." in n}  # graph.gexf, output/graph.gexf, ...
    unknown = named - declared - values - columns - files
    assert not unknown, f"the README names attributes the files do not have: {unknown}"
    assert {"kind", "action_class", "relation_class", "community", "type", "part"} <= declared

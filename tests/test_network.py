"""RDF -> networkx: relation and action classes, quotes, co-mentions, and where they go next.

The RDF here is made by hand in the shape CONTRACT.md gives issue 13's relations and quotes
(gb:relationClass, gb:actionClass, schema:Quotation), so these tests do not wait for it.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from conftest import DATA
from lxml import etree
from rdflib import RDF, RDFS, XSD, Graph, Literal

from graphbuild.network import add_metrics, ranked_nodes, to_networkx
from graphbuild.outputs.gephi import write_bipartite_gexf, write_edges_csv, write_gexf
from graphbuild.outputs.page import page_data
from graphbuild.sparql.query import query
from graphbuild.sparql.questions import question
from graphbuild.vocab import GB, NER, SCHEMA, mint, new_graph, predicate_iri

BASE = "https://example.org/kg/"
GEXF = {"g": "http://gexf.net/1.3"}
# (subject, verb, object, article, relation class, action class)
STATEMENTS = [
    ("Kerry", "meet", "Lavrov", 0, None, "VerbalCooperation"),
    ("Kerry", "meet", "Lavrov", 1, None, "VerbalCooperation"),
    ("Lavrov", "criticise", "Kerry", 1, None, "VerbalConflict"),
    ("Russia", "bomb", "Aleppo", 2, None, "MaterialConflict"),
    ("Russia", "sign", "Syria", 2, None, "MaterialCooperation"),
    ("Kerry", "work for", "State Department", 0, "worksFor", None),
    ("Lavrov", "lead", "Foreign Ministry", 1, "worksFor", None),
    ("Russia", "bomb", "Homs", 2, None, "MaterialConflict"),
]


def classed_graph(*, negate_bombing: bool = False):
    graph = new_graph()
    names = sorted({n for s, _, o, *_ in STATEMENTS for n in (s, o)})
    entity = {n: mint(BASE, "entity", n) for n in names}
    for n, node in entity.items():
        graph.add((node, RDF.type, NER["PERSON" if n in ("Kerry", "Lavrov") else "ORG"]))
        graph.add((node, RDFS.label, Literal(n)))
        graph.add((node, GB.mentionCount, Literal(2)))
        graph.add((node, GB.documentCount, Literal(1)))
    docs = []
    for k in range(3):
        doc = mint(BASE, "document", f"d{k}")
        docs.append(doc)
        graph.add((doc, RDF.type, SCHEMA.NewsArticle))
        graph.add((doc, SCHEMA.identifier, Literal(f"d{k}")))
        graph.add((doc, SCHEMA.headline, Literal(f"Headline {k}")))
        graph.add((doc, SCHEMA.datePublished, Literal(f"2016-07-0{k + 1}", datatype=XSD.date)))
    for n, (s, verb, o, k, relation_class, action_class) in enumerate(STATEMENTS):
        p = predicate_iri(verb)
        graph.add((p, RDFS.label, Literal(verb)))
        graph.add((entity[s], p, entity[o]))
        st = mint(BASE, "statement", str(n))
        for prop, value in ((RDF.type, RDF.Statement), (RDF.subject, entity[s]),
                            (RDF.predicate, p), (RDF.object, entity[o]), (GB.document, docs[k]),
                            (GB.sentence, Literal(f"{s} {verb} {o}.")), (GB.verb, Literal(verb)),
                            (GB.start, Literal(0)), (GB.end, Literal(9)),
                            (GB.confidence, Literal(Decimal("0.800"), datatype=XSD.decimal))):
            graph.add((st, prop, value))
        if relation_class:
            graph.add((st, GB.relationClass, SCHEMA[relation_class]))
        if action_class:
            graph.add((st, GB.actionClass, GB[action_class]))
        if negate_bombing and verb == "bomb" and o == "Homs":
            graph.add((st, GB.negated, Literal(True)))
        for node in (entity[s], entity[o]):
            graph.add((docs[k], SCHEMA.mentions, node))
    quote = mint(BASE, "quote", "q1")
    for prop, value in ((RDF.type, SCHEMA.Quotation), (SCHEMA.creator, entity["Kerry"]),
                        (SCHEMA.text, Literal("We will keep talking.")), (GB.document, docs[0]),
                        (GB.start, Literal(10)), (GB.end, Literal(31)),
                        (SCHEMA.mentions, entity["Lavrov"])):
        graph.add((quote, prop, value))
    return graph


@pytest.fixture(scope="module")
def network():
    return to_networkx(classed_graph(), article_min_documents=2)


def by_names(network):
    label = lambda n: network.nodes[n]["label"]  # noqa: E731
    return {(label(u), d["predicate"], label(v)): d for u, v, d in network.edges(data=True)
            if d["kind"] == "relation"}


def test_classes_become_edge_attributes(network):
    edges = by_names(network)
    assert edges[("Kerry", "meet", "Lavrov")]["action_class"] == "verbal cooperation"
    assert edges[("Kerry", "meet", "Lavrov")]["documents"] == 2
    assert edges[("Lavrov", "criticise", "Kerry")]["action_class"] == "verbal conflict"
    assert edges[("Russia", "bomb", "Aleppo")]["action_class"] == "material conflict"
    assert edges[("Kerry", "work for", "State Department")]["relation_class"] == "worksFor"
    assert edges[("Kerry", "work for", "State Department")]["action_class"] == ""
    assert edges[("Russia", "sign", "Syria")]["relation_class"] == ""
    # evidence carries the article's date, for the page's timeline
    assert edges[("Russia", "sign", "Syria")]["evidence"][0]["date"] == "2016-07-03"


def test_quotes_are_read(network):
    (quote,) = network.graph["quotes"]
    kerry = next(n for n in network if network.nodes[n]["label"] == "Kerry")
    lavrov = next(n for n in network if network.nodes[n]["label"] == "Lavrov")
    assert quote == {"speaker": kerry, "text": "We will keep talking.", "document": "d0",
                     "title": "Headline 0", "date": "2016-07-01", "start": 10, "end": 31,
                     "mentions": [lavrov]}
    data = page_data(network)
    (shown,) = data["quotes"]
    ids = {n["name"]: n["id"] for n in data["nodes"]}
    assert shown["speaker"] == ids["Kerry"] and shown["mentions"] == [ids["Lavrov"]]
    assert data["documents"][shown["doc"]]["title"] == "Headline 0"


def test_co_mentions_do_not_rank_or_count_as_relations(network):
    # the article co-mentions (pairs in two articles) are there, but do not make degree
    kinds = Counter(d["kind"] for *_, d in network.edges(data=True))
    assert kinds == {"relation": 7, "co-mention-article": 1}  # Kerry-Lavrov, in d0 and d1
    metrics = add_metrics(network)
    degree = {metrics.nodes[n]["label"]: metrics.nodes[n]["degree"] for n in metrics}
    assert degree["Kerry"] == 3 and degree["Homs"] == 1
    assert metrics.nodes[ranked_nodes(network)[0]]["label"] in ("Kerry", "Lavrov", "Russia")


def test_gephi_files_carry_kind_and_classes(network, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(add_metrics(network), path)
    doc = etree.parse(str(path))
    etree.RelaxNG(etree.parse(str(DATA / "gexf" / "gexf.rng"))).assertValid(doc)
    rows = []
    for edge in doc.iterfind(".//g:edge", GEXF):
        values = {v.get("for"): v.get("value") for v in edge.iterfind(".//g:attvalue", GEXF)}
        rows.append((values["kind"], values["action_class"], values["relation_class"],
                     edge.get("type")))
    assert Counter(r[1] for r in rows if r[0] == "relation") == {
        "verbal cooperation": 1, "verbal conflict": 1, "material conflict": 2,
        "material cooperation": 1, "": 2}
    assert Counter(r[2] for r in rows)["worksFor"] == 2
    assert {r[3] for r in rows if r[0] == "co-mention-article"} == {"undirected"}
    assert {r[3] for r in rows if r[0] == "relation"} == {None}  # the default: directed

    import csv

    write_edges_csv(add_metrics(network), tmp_path / "edges.csv")
    with open(tmp_path / "edges.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert Counter(r["edge_kind"] for r in table) == {"relation": 7, "co-mention-article": 1}
    assert {r["Type"] for r in table if r["edge_kind"] != "relation"} == {"Undirected"}
    assert Counter(r["action_class"] for r in table)["material conflict"] == 2


def test_bipartite_gexf(tmp_path):
    graph = classed_graph()
    path = tmp_path / "articles.gexf"
    write_bipartite_gexf(graph, path)
    doc = etree.parse(str(path))
    etree.RelaxNG(etree.parse(str(DATA / "gexf" / "gexf.rng"))).assertValid(doc)
    parts = Counter(v.get("value") for v in doc.iterfind(".//g:attvalue[@for='part']", GEXF))
    assert parts == {"article": 3, "entity": 8}
    articles = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    mentions = sum(1 for doc, _ in graph.subject_objects(SCHEMA.mentions) if doc in articles)
    assert mentions == 10  # and not the quote's
    assert len(doc.findall(".//g:edge", GEXF)) == mentions
    assert doc.find("g:graph", GEXF).get("mode") == "dynamic"  # dated articles: a timeline
    import networkx as nx

    back = nx.read_gexf(path)
    assert nx.is_bipartite(back) and back.number_of_edges() == mentions


def rows(graph, name):
    return [{str(k): str(v) for k, v in row.asdict().items()}
            for row in query(graph, question(name).text)]


def test_conflict_and_cooperation_networks():
    graph = classed_graph()
    conflict = rows(graph, "conflict-network")
    assert {(r["source"], r["target"], r["class"]) for r in conflict} == {
        ("Lavrov", "Kerry", "verbal conflict"), ("Russia", "Aleppo", "material conflict"),
        ("Russia", "Homs", "material conflict")}
    cooperation = rows(graph, "cooperation-network")
    assert {(r["source"], r["target"], r["class"], r["sentences"], r["articles"])
            for r in cooperation} == {
        ("Kerry", "Lavrov", "verbal cooperation", "2", "2"),
        ("Russia", "Syria", "material cooperation", "1", "1")}
    # a denied bombing is no conflict
    negated = rows(classed_graph(negate_bombing=True), "conflict-network")
    assert ("Russia", "Homs") not in {(r["source"], r["target"]) for r in negated}


def test_who_works_for_whom():
    graph = classed_graph()
    found = {(r["person"], r["organisation"]) for r in rows(graph, "who-works-for-whom")}
    assert found == {("Kerry", "State Department"), ("Lavrov", "Foreign Ministry")}
    # affiliations from roles ("Labour leader X") count too
    graph.add((mint(BASE, "entity", "Kerry"), SCHEMA.affiliation, mint(BASE, "entity", "Syria")))
    found = {(r["person"], r["organisation"], r["how"])
             for r in rows(graph, "who-works-for-whom")}
    assert ("Kerry", "Syria", "role") in found


def test_a_predicate_named_two_ways_gets_the_same_name_in_any_store():
    """Two relation names that mint one IRI ("win in", "win % in") give the edge one name,
    whichever label the graph's store lists first."""
    from rdflib import URIRef

    from graphbuild.vocab import GB, predicate_iri

    names = []
    for labels in (["win in", "win % in"], ["win % in", "win in"]):
        g = Graph()
        a, b, st = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:st")
        p = predicate_iri("win in")
        for label in labels:
            g.add((p, RDFS.label, Literal(label)))
        for node in (a, b):
            g.add((node, GB.mentionCount, Literal(1)))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, a))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, b))
        names.append([d["predicate"] for *_, d in to_networkx(g).edges(data=True)])
    assert names == [["win in"], ["win in"]]


def test_the_network_and_the_article_gexf_read_a_store_a_predicate_at_a_time(tmp_path):
    """On a store every lookup is a query: the network and the article GEXF read each
    predicate once (a few dozen queries), not each node's properties (thousands)."""
    from graphbuild.store import open_store

    def lookups(copies: int) -> tuple[int, int, int]:
        graph = classed_graph()
        original = list(graph)
        for k in range(copies):  # more entities, articles and statements of the same shape
            for s, p, o in original:
                rename = lambda t: type(t)(f"{t}-{k}") if str(t).startswith(BASE) else t  # noqa: E731
                graph.add((rename(s), p, rename(o)))
        with open_store(None) as store:
            for triple in graph:
                store.graph.add(triple)
            calls = 0
            real = store.graph.store.triples

            def counted(*args, **kwargs):
                nonlocal calls
                calls += 1
                return real(*args, **kwargs)

            store.graph.store.triples = counted
            network = add_metrics(to_networkx(store.graph), store.graph)
            reading = calls
            write_bipartite_gexf(store.graph, tmp_path / f"articles{copies}.gexf")
            return len(network), reading, calls - reading

    small, large = lookups(0), lookups(20)
    assert large[0] > 15 * small[0]  # twenty times the nodes ...
    assert large[1:] == small[1:]  # ... and as many lookups
    assert large[1] < 60 and large[2] < 30

"""store: builds into an on-disk Oxigraph store, incremental runs, and query/render from it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from graphbuild.cli import main
from graphbuild.errors import GraphFormatError, InputError
from graphbuild.pipeline import build_graph
from graphbuild.rdf import read_graph
from graphbuild.sparql.query import query
from graphbuild.store import (
    STORE_GRAPH,
    content_hash,
    is_store,
    known_entities,
    open_store,
    store_counts,
)
from graphbuild.types import Document
from graphbuild.vocab import GB, NER, SCHEMA, mint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "syria"

BASE = "https://example.org/graphbuild/"
RUN_1 = "U.S. Secretary of State John Kerry met Sergei Lavrov in Geneva."
RUN_2 = "Kerry met Lavrov again. Lavrov said Russia backs Assad."


def _normal(graph: Graph) -> set[tuple]:
    """Triples with literals compared by value (Oxigraph writes 0.800 as 0.8)."""
    def term(t):
        return (t.datatype, t.toPython()) if isinstance(t, Literal) else t
    return {(term(s), term(p), term(o)) for s, p, o in graph}


def _one(graph: Graph, subject: URIRef, predicate: URIRef):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def test_one_run_into_a_store_is_the_plain_graph(tmp_path):
    plain = build_graph([str(EXAMPLES)])
    with build_graph([str(EXAMPLES)], store=tmp_path / "kg") as kg:
        assert kg.store is not None and kg.already_stored == 0
        assert _normal(kg.graph) == _normal(plain.graph)
        assert kg.stats.relations == plain.stats.relations
        assert store_counts(kg.store) == {"documents": 3, "entities": plain.stats.entities,
                                          "statements": plain.stats.relations, "copies": 0}
        # the bookkeeping lives in its own named graph, out of the knowledge graph
        assert not list(kg.graph.triples((None, GB.key, None)))
        keys = list(kg.store.oxigraph.quads_for_pattern(None, None, None, _ox(STORE_GRAPH)))
        # keys, content hashes, MinHash signatures (to find later copies), base
        assert len(keys) == plain.stats.entities + 3 + 3 + 1
    assert is_store(tmp_path / "kg")


def test_entities_keep_their_node_across_runs(tmp_path):
    folder = tmp_path / "kg"
    with build_graph([RUN_1], store=folder) as first:
        kerry = mint(BASE, "entity", "john kerry")
        assert _one(first.graph, kerry, RDFS.label) == Literal("John Kerry")
        assert _one(first.graph, kerry, GB.mentionCount) == Literal(1)
    with build_graph([RUN_2], store=folder) as second:
        graph = second.graph
        # "Kerry" in run 2 is the John Kerry of run 1: same IRI, counts added, alias kept,
        # the old description replaced (one label, one count), the title kept.
        assert _one(graph, kerry, RDFS.label) == Literal("John Kerry")
        assert _one(graph, kerry, GB.mentionCount) == Literal(2)
        assert _one(graph, kerry, GB.documentCount) == Literal(2)
        assert Literal("Kerry") in set(graph.objects(kerry, SKOS.altLabel))
        assert _one(graph, kerry, SCHEMA.jobTitle) == Literal("Secretary of State")
        assert set(graph.objects(kerry, RDF.type)) == {SCHEMA.Person, NER.PERSON}
        lavrov = mint(BASE, "entity", "sergei lavrov")
        assert _one(graph, lavrov, GB.mentionCount) == Literal(3)
        assert (kerry, URIRef("https://w3id.org/graphbuild/rel/meet"), lavrov) in graph
        # both runs' texts had the id "text-1": the second is stored as "text-1~2"
        ids = {str(o) for o in graph.objects(None, SCHEMA.identifier)}
        assert ids == {"text-1", "text-1~2"}
        people = {str(e.name) for e in known_entities(second.store).entities
                  if e.label == "PERSON"}
        assert {"John Kerry", "Sergei Lavrov", "Assad"} <= people
        assert len(list(graph.subjects(GB.mentionCount, None))) == store_counts(
            second.store)["entities"]


def test_documents_already_stored_are_skipped(tmp_path):
    folder = tmp_path / "kg"
    with build_graph([str(EXAMPLES)], store=folder) as first:
        size = len(first.graph)
    seen = []
    with build_graph([str(EXAMPLES), RUN_1], store=folder, progress=seen.append) as second:
        assert (seen[-1].documents, seen[-1].already_stored) == (1, 3)
        assert second.already_stored == 3
        assert second.stats.documents == 1
        assert len(second.graph) > size
    with build_graph([str(EXAMPLES), RUN_1], store=folder) as third:
        assert third.already_stored == 4 and third.stats.documents == 0
        assert store_counts(third.store)["documents"] == 4


def test_a_document_is_stored_once_per_text(tmp_path):
    texts = [Document(id="a", text=RUN_1), Document(id="b", text=RUN_1)]
    with build_graph(texts, store=tmp_path / "kg") as kg:
        assert kg.stats.documents == 1 and kg.already_stored == 1
    assert len(content_hash(texts[0])) == 64


def test_the_base_iri_of_a_store_cannot_change(tmp_path):
    build_graph([RUN_1], store=tmp_path / "kg").close()
    with pytest.raises(InputError, match="built with base IRI"):
        build_graph([RUN_2], store=tmp_path / "kg", base="https://example.com/other/")
    # the failed run changed nothing and released the store
    with open_store(tmp_path / "kg") as store:
        assert store_counts(store)["documents"] == 1


def test_open_store_errors(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a graphbuild store"):
        open_store(tmp_path)
    with pytest.raises(InputError, match="is a file"):
        open_store(tmp_path / "notes.txt")
    with pytest.raises(GraphFormatError, match="no graphbuild store"):
        open_store(tmp_path / "missing", read_only=True)


def test_sparql_on_a_store(tmp_path):
    with build_graph([str(EXAMPLES)], store=tmp_path / "kg") as kg:
        rows = list(query(kg.graph, "SELECT ?name WHERE { ?e a ner:PERSON ; rdfs:label ?name }"))
        assert Literal("John Kerry") in {row[0] for row in rows}
        # a bound variable the SELECT does not project (Oxigraph cannot; rdflib's engine does)
        rows = list(query(kg.graph, "SELECT ?m WHERE { ?e rdfs:label ?name ; "
                                    "gb:mentionCount ?m }", bindings={"name": "John Kerry"}))
        assert rows and all(int(row[0]) > 1 for row in rows)
        assert query(kg.graph, "ASK { ?s rel:meet ?o }").askAnswer
        confidences = {o.toPython() for o in kg.graph.objects(None, GB.confidence)}
        assert all(isinstance(c, Decimal) for c in confidences)


def test_cli_build_query_render_from_a_store(tmp_path, capsys):
    folder = tmp_path / "kg"
    assert main(["build", str(EXAMPLES), "--store", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 documents" in out and "0 already in the store" in out
    assert f"store {folder}: 3 documents" in out
    assert not (tmp_path / "output").exists()  # with --store, outputs only with -o

    assert main(["build", str(EXAMPLES), "--store", str(folder), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "0 documents" in out and "3 already in the store" in out
    written = read_graph(str(tmp_path / "out" / "graph.ttl"))
    assert (None, RDFS.label, Literal("John Kerry")) in written
    assert "xsd:string" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")

    assert main(["query", "--store", str(folder), "--format", "csv",
                 "SELECT ?name WHERE { ?e a ner:PERSON ; rdfs:label ?name } ORDER BY ?name"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("name\r\n") and "John Kerry" in out and "Sergei Lavrov" in out

    page = tmp_path / "page.html"
    assert main(["render", "--store", str(folder), "-o", str(page)]) == 0
    assert "entities" in capsys.readouterr().out
    assert "John Kerry" in page.read_text(encoding="utf-8")

    assert main(["render", "-o", str(page)]) == 2  # usage: no graph, no store
    assert "give a graph file (graph.ttl) or --store DIR" in capsys.readouterr().err
    assert main(["query", "--store", str(tmp_path / "nothing"), "SELECT * { ?s ?p ?o }"]) == 1
    assert "no graphbuild store" in capsys.readouterr().err


def _ox(term):
    import pyoxigraph

    return pyoxigraph.NamedNode(str(term))


def test_a_long_run_commits_in_parts(tmp_path, monkeypatch):
    from graphbuild import pipeline

    monkeypatch.setattr(pipeline, "STORE_COMMIT", 2)
    texts = [RUN_1, RUN_2, "Kerry visited Moscow.", "Lavrov met Kerry in Moscow."]
    with build_graph(texts, store=tmp_path / "kg") as kg:
        assert kg.stats.documents == 4 and kg.already_stored == 0
        kerry = mint(BASE, "entity", "john kerry")
        # the later parts resolved with what the first part committed: "Kerry" of run 2
        # (met Lavrov) is John Kerry; "Kerry visited Moscow" gives no evidence of which Kerry
        assert _one(kg.graph, kerry, GB.mentionCount) == Literal(2)
        assert _one(kg.graph, kerry, GB.documentCount) == Literal(2)
        assert store_counts(kg.store)["documents"] == 4
        assert kg.stats.entities == store_counts(kg.store)["entities"]
        # and the store holds what one build of the four texts makes
        assert _normal(kg.graph) == _normal(build_graph(texts, base=BASE).graph)


def test_incremental_builds_equal_one_build(tmp_path):
    """The same articles give the same graph whether built at once or in several runs."""
    texts = [Document(id=f"a{n}", text=text) for n, text in enumerate([
        RUN_1, "Kerry met Lavrov in Moscow. Lavrov said Russia backs Assad.",
        "Mrs Howard met Michael Howard. Mr Howard spoke.", "Howard visited Moscow."])]
    one = build_graph(texts, base=BASE)
    folder = tmp_path / "kg"
    for part in (texts[:1], texts[1:3], texts[3:]):
        with build_graph(part, store=folder, base=BASE):
            pass
    with open_store(folder, read_only=True) as store:
        assert _normal(store.graph) == _normal(one.graph)


def test_co_mention_weights_add_up_across_runs(tmp_path):
    """Kerry and Lavrov are named in one sentence in each run: one gb:CoMention node, with
    both articles, as a single build would have it."""
    from graphbuild.comention import read_co_mentions

    folder = tmp_path / "kg"
    with build_graph([RUN_1], store=folder):
        pass
    with build_graph([RUN_2], store=folder) as second:
        pairs = {tuple(sorted(str(second.graph.value(e, RDFS.label)) for e in (a, b))): len(d)
                 for a, b, d in read_co_mentions(second.graph)}
    plain = build_graph([RUN_1, RUN_2])
    assert pairs[("John Kerry", "Sergei Lavrov")] == 2
    assert pairs == {tuple(sorted(str(plain.graph.value(e, RDFS.label)) for e in (a, b))): len(d)
                     for a, b, d in read_co_mentions(plain.graph)}


def _statistics_hold(store) -> None:
    """The store's statistics graph says what counting the knowledge graph says."""
    from graphbuild.store import STATISTICS_GRAPH, VOID

    def rows(text: str) -> set[tuple]:
        return {tuple(term.value for term in row) for row in store.oxigraph.query(text)}

    stats = f"GRAPH <{STATISTICS_GRAPH}>"
    assert rows(f"SELECT ?n {{ {stats} {{ <{STATISTICS_GRAPH}> <{VOID}triples> ?n }} }}") == {
        (str(len(store.graph)),)}
    assert rows(f"SELECT ?p ?n {{ {stats} {{ ?x <{VOID}property> ?p ; <{VOID}triples> ?n }} }}"
                ) == rows("SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p")
    assert rows(f"SELECT ?c ?n {{ {stats} {{ ?x <{VOID}class> ?c ; <{VOID}entities> ?n }} }}"
                ) == rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c } GROUP BY ?c")
    counted = rows(
        f"SELECT ?e (COUNT(DISTINCT ?o) AS ?p) (COUNT(DISTINCT ?st) AS ?n) {{ "
        f"{{ ?st <{RDF.subject}> ?e ; <{RDF.object}> ?o }} UNION "
        f"{{ ?st <{RDF.object}> ?e ; <{RDF.subject}> ?o }} ?st a <{RDF.Statement}> }} GROUP BY ?e")
    assert counted and rows(f"SELECT ?e ?p ?n {{ {stats} {{ ?e <{GB.partners}> ?p ; "
                            f"<{GB.relationSentences}> ?n }} }}") == counted
    # the ranks follow most-connected's order: most partners, most sentences, then the IRI
    ranked = [row[0].value for row in store.oxigraph.query(
        f"SELECT ?e {{ {stats} {{ ?e <{GB.connectivityRank}> ?rank }} }} ORDER BY ?rank")]
    expected = sorted(counted, key=lambda row: (-int(row[1]), -int(row[2]), row[0]))
    assert ranked == [row[0] for row in expected]


def test_the_statistics_follow_every_change_to_the_store(tmp_path):
    folder = tmp_path / "kg"
    with build_graph([str(EXAMPLES)], store=folder) as kg:  # a new store: the bulk loader
        _statistics_hold(kg.store)
        before = len(kg.graph)
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    copy = tmp_path / "copy.txt"
    copy.write_text(article.read_text(encoding="utf-8").replace(" the ", " The ", 1),
                    encoding="utf-8")
    with build_graph([str(copy)], store=folder) as kg:  # a copy: its link is added
        assert kg.already_stored == 0 and len(kg.graph) > before
        _statistics_hold(kg.store)
    with build_graph([RUN_2], store=folder) as kg:  # new text: the graph is replaced
        _statistics_hold(kg.store)


def test_the_length_of_a_stored_graph_counts_its_own_triples(tmp_path):
    import pyoxigraph as ox

    store = open_store(tmp_path / "store")
    try:
        ours = [ox.Quad(ox.NamedNode(f"urn:s{k}"), ox.NamedNode("urn:p"), ox.Literal(str(k)))
                for k in range(5)]
        # the same triples and one more in another graph: not the store graph's
        other = ox.NamedNode("urn:other")
        store.oxigraph.extend([*ours, *(ox.Quad(q.subject, q.predicate, q.object, other)
                                        for q in ours),
                               ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"),
                                       ox.Literal("x"), other)])
        assert len(store.graph) == len(list(store.graph)) == 5
        store.graph.add((URIRef("urn:s9"), URIRef("urn:p"), Literal("9")))
        assert len(store.graph) == 6
    finally:
        store.close()

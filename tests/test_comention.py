"""Co-mentions: from resolved mentions to gb:CoMention nodes and co-mention edges."""

from __future__ import annotations

import pytest
from rdflib import RDF

from graphbuild.comention import article_co_mentions, read_co_mentions, sentence_co_mentions
from graphbuild.network import to_networkx
from graphbuild.rdf import to_rdf
from graphbuild.resolve import resolve
from graphbuild.types import Document, Extraction, Mention, Sentence
from graphbuild.vocab import GB, SCHEMA


def article(doc_id: str, *sentences: list[str]) -> Extraction:
    """An article of ``sentences``, each a list of the names it mentions (as PERSONs)."""
    mentions, texts, at = [], [], 0
    for k, names in enumerate(sentences):
        text = " and ".join(names) + " spoke."
        texts.append(Sentence(text, at, at + len(text)))
        for name in names:
            mentions.append(Mention(name, name, "PERSON", at, at + len(name), k))
        at += len(text) + 1
    return Extraction(Document(doc_id, " ".join(s.text for s in texts)), tuple(texts),
                      tuple(mentions), (), (), 0)


def pairs_by_name(network, kind):
    label = lambda n: network.nodes[n]["label"]  # noqa: E731
    return {tuple(sorted((label(u), label(v)))): d["documents"]
            for u, v, d in network.edges(data=True) if d["kind"] == kind}


@pytest.mark.parametrize("sentences, expected", [
    ([["Kerry", "Lavrov"]], {("Kerry", "Lavrov"): 1}),
    ([["Kerry", "Lavrov", "Assad"]],
     {("Assad", "Kerry"): 1, ("Assad", "Lavrov"): 1, ("Kerry", "Lavrov"): 1}),
    ([["Kerry"], ["Lavrov"]], {}),                      # two sentences: no sentence pair
    ([["Kerry", "Kerry"]], {}),                         # never paired with itself
])
def test_sentence_pairs(sentences, expected):
    x = article("d1", *sentences)
    resolution = resolve([x])
    key_name = {e.key: e.name for e in resolution.entities}
    found = {tuple(sorted((key_name[a], key_name[b]))): len(docs)
             for (a, b), docs in sentence_co_mentions([x], resolution).items()}
    assert found == expected


def test_weights_are_distinct_documents_in_rdf_and_networkx():
    xs = [article("d1", ["Kerry", "Lavrov"], ["Kerry", "Lavrov"]),  # twice in one article: 1
          article("d2", ["Kerry", "Lavrov"], ["Assad"]),
          article("d3", ["Assad", "Kerry"], ["Lavrov"])]
    graph = to_rdf(xs, resolve(xs))
    nodes = set(graph.subjects(RDF.type, GB.CoMention))
    assert len(nodes) == 2  # Kerry-Lavrov, Assad-Kerry
    assert sorted(len(docs) for _, _, docs in read_co_mentions(graph)) == [1, 2]
    network = to_networkx(graph, article_min_documents=2)
    assert pairs_by_name(network, "co-mention") == {("Kerry", "Lavrov"): 2, ("Assad", "Kerry"): 1}
    # in one article: Kerry-Lavrov in d1, d2, d3; Assad-Kerry and Assad-Lavrov in d2 and d3
    assert pairs_by_name(network, "co-mention-article") == {
        ("Kerry", "Lavrov"): 3, ("Assad", "Kerry"): 2, ("Assad", "Lavrov"): 2}
    # co-mentions are not relations: no degree, no rows of evidence sentences
    edge = next(d for _, _, d in network.edges(data=True)
                if d["kind"] == "co-mention" and d["documents"] == 2)
    assert edge["weight"] == edge["documents"] == len(edge["evidence"])
    assert {e["document"] for e in edge["evidence"]} == {"d1", "d2"}
    assert not to_networkx(graph, co_mentions=False).number_of_edges()


def test_batches_add_up():
    """Built in two parts (as a store does), the weights are those of one build."""
    xs = [article("d1", ["Kerry", "Lavrov"]), article("d2", ["Kerry", "Lavrov"])]
    one = to_rdf(xs, resolve(xs))
    parts = to_rdf(xs[:1], resolve(xs[:1])) + to_rdf(xs[1:], resolve(xs[1:]))
    assert [len(d) for *_, d in read_co_mentions(parts)] == [2]
    assert read_co_mentions(parts) == read_co_mentions(one)


def test_article_pairs_threshold():
    xs = [article("d1", ["A", "B", "C"]), article("d2", ["A", "B"])]
    graph = to_rdf(xs, resolve(xs))
    assert len(list(article_co_mentions(graph, min_documents=1))) == 3
    assert len(list(article_co_mentions(graph, min_documents=2))) == 1  # A-B, in two articles
    assert len(list(article_co_mentions(graph))) == 0  # the default asks for three
    assert len(pairs_by_name(to_networkx(graph, article_min_documents=2),
                             "co-mention-article")) == 1


def test_article_pairs_in_order_with_their_articles():
    """Every pair once, in order, with the articles (in order) that name both."""
    names = [["A", "B", "C"], ["B", "C", "D"], ["A", "C"], ["C", "B", "A", "D"]]
    xs = [article(f"d{k}", n) for k, n in enumerate(names)]
    graph = to_rdf(xs, resolve(xs))
    found = list(article_co_mentions(graph, min_documents=2))
    named = {}
    for doc, entity in graph.subject_objects(SCHEMA.mentions):
        named.setdefault(doc, set()).add(entity)
    expected = sorted(
        (a, b, sorted(d for d, es in named.items() if a in es and b in es))
        for a in {e for es in named.values() for e in es}
        for b in {e for es in named.values() for e in es} if str(a) < str(b))
    assert found == [t for t in expected if len(t[2]) >= 2]
    assert len(found) == 5  # every pair but A-D (named together once)

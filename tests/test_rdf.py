"""The RDF model: IRIs, determinism, provenance reachable with SPARQL."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from graphbuild.errors import InputError
from graphbuild.rdf import to_rdf
from graphbuild.resolve import Resolution, resolve
from graphbuild.types import Document, Entity, Extraction, Mention, Relation, Sentence
from graphbuild.vocab import check_base, mint, predicate_iri

HOSTILE = ['Ali "The Lion" <b>', "new\nline\ttab", "ctrl\x00\x07\x1b", "emoji 🦁 ✓",
           "back\\slash {x} |y| ^z `q`", "ナルト", "", "   ", "a" * 500]


@pytest.mark.parametrize("name", HOSTILE)
def test_minted_iris_are_valid_and_round_trip(name):
    iri = mint("https://example.org/kg/", "entity", name)
    assert iri == mint("https://example.org/kg/", "entity", name)
    graph = Graph()
    graph.add((iri, iri, iri))
    back = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert set(back) == {(iri, iri, iri)}
    assert all(c.isascii() and c.isprintable() and c not in ' <>"{}|\\^`' for c in str(iri))


def test_different_names_get_different_iris():
    assert mint("urn:x:", "entity", "Kerry!") != mint("urn:x:", "entity", "Kerry?")


@pytest.mark.parametrize("base", ["example.org", "https://example.org", "https://ex ample.org/",
                                  "ftp://example.org/"])
def test_bad_base_iri(base):
    with pytest.raises(InputError, match="invalid base IRI"):
        check_base(base)


def test_predicate_iri():
    assert str(predicate_iri("call on")).endswith("/rel/call_on")


def _toy(names):
    """A one-relation extraction whose names and sentence are ``names``."""
    a, b, sentence = names
    doc = Document(id=f"doc {a}", text=sentence, title=b)
    mentions = (Mention(a, a, "PERSON", 0, 1, 0), Mention(b, b, "ORG", 1, 2, 0))
    x = Extraction(doc, (Sentence(sentence, 0, len(sentence)),), mentions,
                   (Relation(0, "meet", 1, "met", 0, 0.9, "svo"),), (), 3)
    return x


def test_hostile_names_give_turtle_that_parses():
    xs = [_toy((HOSTILE[k], HOSTILE[(k + 1) % 5], HOSTILE[(k + 2) % 5] or "s")) for k in range(5)]
    xs = [x for x in xs if x.mentions[0].name.strip() and x.mentions[1].name.strip()]
    graph = to_rdf(xs, resolve(xs))
    turtle = graph.serialize(format="turtle")
    back = Graph().parse(data=turtle, format="turtle")
    assert len(back) == len(graph)


def test_provenance_is_reachable_from_the_direct_triple(extract_text):
    x = extract_text("Russia backs Assad.")
    graph = to_rdf([x], resolve([x]))
    rows = list(graph.query("""
        SELECT ?doc ?sentence ?start ?end ?confidence WHERE {
          ?a rel:back ?b .
          ?st rdf:subject ?a ; rdf:predicate rel:back ; rdf:object ?b ;
              gb:document ?doc ; gb:sentence ?sentence ; gb:start ?start ; gb:end ?end ;
              gb:confidence ?confidence .
        }""", initNs={"rel": "https://w3id.org/graphbuild/rel/",
                      "gb": "https://w3id.org/graphbuild/vocab#"}))
    assert len(rows) == 1
    doc, sentence, start, end, confidence = rows[0]
    assert (str(sentence), int(start), int(end)) == ("Russia backs Assad.", 0, 19)
    assert 0 < float(confidence) <= 1
    assert isinstance(doc, URIRef)


def test_entity_types_labels_and_aliases(extract_text):
    x = extract_text("John Kerry arrived. Kerry met Lavrov.")
    graph = to_rdf([x], resolve([x]))
    (row,) = graph.query("""
        SELECT ?label ?alias WHERE { ?e a schema:Person, ner:PERSON ; rdfs:label ?label ;
                                      skos:altLabel ?alias }""",
                         initNs={"schema": "https://schema.org/",
                                 "ner": "https://w3id.org/graphbuild/ner#",
                                 "skos": "http://www.w3.org/2004/02/skos/core#"})
    assert (str(row[0]), str(row[1])) == ("John Kerry", "Kerry")


def test_negated_relation_is_not_asserted(extract_text):
    x = extract_text("Russia does not support Turkey.")
    graph = to_rdf([x], resolve([x]))
    predicates = {str(p).rsplit("/", 1)[-1] for _, p, _ in graph
                  if str(p).startswith("https://w3id.org/graphbuild/rel/")}
    assert predicates == {"not_back"}


def test_empty_resolution():
    assert len(to_rdf([], Resolution((), {}, ()))) == 0
    assert Entity  # the record type is part of the public model


@pytest.mark.parametrize("text", ['\n\\"', 'two\nlines "quoted"', 'a\n""', 'x\n"""y"""\\'])
def test_multiline_literals_give_strict_turtle(tmp_path, text):
    """rdflib alone writes '\\n\\\\"' as a long string no strict parser accepts (found by
    hypothesis in tests/robustness)."""
    import pyoxigraph

    from graphbuild.outputs.rdf_files import write_turtle

    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal(text)))
    write_turtle(graph, tmp_path / "g.ttl")
    data = (tmp_path / "g.ttl").read_bytes()
    (triple,) = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert triple.object.value == text
    assert set(Graph().parse(data=data, format="turtle")) == set(graph)


_NS = {"rel": "https://w3id.org/graphbuild/rel/", "gb": "https://w3id.org/graphbuild/vocab#",
       "schema": "https://schema.org/"}


def test_qualified_statements_and_classes(extract_text):
    x = extract_text("Microsoft tried to buy Yahoo. Russia attacked Ukraine on Monday. "
                     "Brazil coach Mario Costa resigned. Barack Obama met Vladimir Putin in Paris.")
    graph = to_rdf([x], resolve([x]))
    # an attempt is a statement with its modality, and no direct triple asserts it
    assert not list(graph.query("ASK { ?a rel:buy ?b }", initNs=_NS))[0]
    (modality,), = graph.query("SELECT ?m WHERE { ?st rdf:predicate rel:buy ; gb:modality ?m }",
                               initNs=_NS)
    assert str(modality) == "attempt"
    (action, time, documents), = graph.query("""
        SELECT ?c ?t ?n WHERE { ?st rdf:predicate rel:attack ; gb:actionClass ?c ; gb:time ?t ;
                                    gb:documents ?n }""", initNs=_NS)
    assert (str(action), str(time), int(documents)) == (_NS["gb"] + "MaterialConflict",
                                                         "Monday", 1)
    (cls,), = graph.query("SELECT ?c WHERE { ?st rdf:predicate rel:coach_of ; "
                          "gb:relationClass ?c }", initNs=_NS)
    assert str(cls) == _NS["schema"] + "worksFor"
    (place,), = graph.query("SELECT ?l WHERE { ?st rdf:predicate rel:meet ; gb:place ?p . "
                            "?p rdfs:label ?l }", initNs=_NS)
    assert str(place) == "Paris"


def test_quotations(extract_text):
    x = extract_text('"We will win," Tony Blair said. Gordon Brown said France backs Russia.')
    graph = to_rdf([x], resolve([x]))
    rows = {(str(t), str(s), bool(d)) for t, s, d in graph.query("""
        SELECT ?text ?speaker ?direct WHERE {
          ?q a schema:Quotation ; schema:text ?text ; schema:creator ?e ; gb:direct ?direct ;
             gb:document ?doc ; gb:start ?start ; gb:end ?end .
          ?e rdfs:label ?speaker }""", initNs=_NS)}
    assert rows == {("We will win", "Tony Blair", True),
                    ("France backs Russia", "Gordon Brown", False)}
    mentioned = {str(n) for n, in graph.query("""
        SELECT ?n WHERE { ?q a schema:Quotation ; gb:direct false ; schema:mentions ?m .
                          ?m rdfs:label ?n }""", initNs=_NS)}
    assert mentioned == {"France", "Russia"}

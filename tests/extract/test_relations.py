"""Relation patterns as tables: sentence in, (subject, predicate, object) names out."""

from __future__ import annotations

import pytest

from graphbuild.extract import normalise_predicate


def triples(extraction):
    names = [m.name for m in extraction.mentions]
    return {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


@pytest.mark.parametrize("text, expected", [
    # active subject-verb-object
    ("Russia backs Assad.", ("Russia", "back", "Assad")),
    ("Germany supports France in the dispute.", ("Germany", "back", "France")),
    # conjoined subjects of a symmetric verb
    ("John Kerry and Sergei Lavrov have met.", ("John Kerry", "meet", "Sergei Lavrov")),
    ("Angela Merkel and Emmanuel Macron talked on Friday.",
     ("Angela Merkel", "talk", "Emmanuel Macron")),
    # prepositional objects; "meet with" is meet
    ("Barack Obama met with Vladimir Putin in Paris.", ("Barack Obama", "meet", "Vladimir Putin")),
    ("Barack Obama met with Vladimir Putin in Paris.", ("Barack Obama", "meet in", "Paris")),
    ("The United Nations called on Iran to stop.", ("United Nations", "call on", "Iran")),
    # passive with agent
    ("Assad was backed by Iran.", ("Iran", "back", "Assad")),
    # relative clause
    ("Moscow, which supports Damascus, was silent.", ("Moscow", "back", "Damascus")),
    # nominal relations
    ("Lavrov spoke after talks with John Kerry.", ("Lavrov", "talk", "John Kerry")),
    ("Kerry's visit to Moscow ended on Monday.", ("Kerry", "visit", "Moscow")),
    ("Iran's intervention in support of Assad changed the war.", ("Iran", "back", "Assad")),
    # a pronoun stands for the last person named, and never becomes a node itself
    ("Boris Johnson arrived in Berlin, where he met Angela Merkel.",
     ("Boris Johnson", "meet", "Angela Merkel")),
    # light verbs, from the clause extractor
    ("Russia launched a large-scale attack on Ukraine.", ("Russia", "attack", "Ukraine")),
    ("Israel conducted air strikes in Syria.", ("Israel", "conduct strike in", "Syria")),
    # "the company" is the last organisation named
    ("Ryanair expanded in Spain. Later the company bought Aer Lingus.",
     ("Ryanair", "buy", "Aer Lingus")),
    # unnamed actors become concepts when they take part in a relation
    ("Lavrov criticized the Syrian opposition.", ("Lavrov", "criticize", "Syrian opposition")),
    ("The rebels attacked Aleppo.", ("rebels", "attack", "Aleppo")),
    # "Assad's government" acts for Assad
    ("Iran backs President Bashar al-Assad's government.", ("Iran", "back", "Bashar al-Assad")),
])
def test_relation(extract_text, text, expected):
    assert expected in triples(extract_text(text))


@pytest.mark.parametrize("text, unexpected", [
    # what a reporting verb introduces is content, not a party
    ("Kerry said the United Nations was not consulted.", ("Kerry", "say", "United Nations")),
    # a symmetric verb with an object does not pair its subjects with each other
    ("Kerry and Lavrov met Putin.", ("Kerry", "meet", "Lavrov")),
])
def test_no_relation(extract_text, text, unexpected):
    assert unexpected not in triples(extract_text(text))


def test_negation_is_flagged(extract_text):
    x = extract_text("Russia does not support Turkey.")
    (relation,) = [r for r in x.relations if r.predicate == "back"]
    assert relation.negated


def test_reported_statement_keeps_its_source(extract_text):
    x = extract_text("Lavrov said that Russia backs Assad.")
    names = [m.name for m in x.mentions]
    (relation,) = [r for r in x.relations if r.predicate == "back"]
    assert names[relation.source] == "Lavrov"


def test_concepts_without_relations_are_dropped(extract_text):
    x = extract_text("The rebels were tired. Russia backs Assad.")
    assert {m.label for m in x.mentions} == {"GPE", "PERSON"}


def test_no_pronoun_mentions(extract_text):
    x = extract_text("He met her in Paris. They said it was good.")
    assert all(m.name.lower() not in {"he", "her", "they", "it"} for m in x.mentions)
    assert not x.relations


def test_evidence_offsets_point_at_the_sentence(extract_text):
    text = "A first sentence here. Russia backs Assad."
    x = extract_text(text)
    (relation,) = x.relations
    sentence = x.sentences[relation.sentence]
    assert text[sentence.start:sentence.end] == sentence.text == "Russia backs Assad."


@pytest.mark.parametrize("args, expected", [
    (("meet", "", "with"), "meet"),
    (("call", "", "on"), "call on"),
    (("support", "", ""), "back"),
    (("hammer", "out", ""), "hammer out"),
    (("talk", "", "to"), "talk"),
])
def test_normalise_predicate(args, expected):
    assert normalise_predicate(*args) == expected

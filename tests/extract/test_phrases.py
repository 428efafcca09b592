"""Relations stated inside noun phrases, as tables."""

from __future__ import annotations

import pytest


def triples(extraction):
    names = [m.name for m in extraction.mentions]
    return {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


@pytest.mark.parametrize("text, expected", [
    # a place in front of the kind of organisation
    ("Shares in UK pharmaceutical firm Phytopharm closed down.",
     ("Phytopharm", "be based in", "UK")),
    ("According to Russian newspaper Vedomosti, the credits would be used.",
     ("Vedomosti", "be based in", "Russian")),
    # "-based"
    ("The Paris-based IEA watchdog said the revision was due to demand.",
     ("IEA", "be based in", "Paris")),
    ("Shares in Ireland-based Elan lost 70%.", ("Elan", "be based in", "Ireland")),
    ("A fund will be managed by a Madrid-based charity, the Salvador Allende Foundation.",
     ("Salvador Allende Foundation", "be based in", "Madrid")),
    # an apposition with a possessive place
    ("Allied Irish Banks, Ireland's biggest company by capitalisation, touched a peak.",
     ("Allied Irish Banks", "be based in", "Ireland")),
    # where a place lies
    ("People were stopped from boarding flights from Prague, the Czech capital.",
     ("Prague", "be in", "Czech")),
    ("Prices rose after attacks in Riyadh, the capital of Saudi Arabia, renewed fears.",
     ("Riyadh", "be in", "Saudi Arabia")),
    ("A bus service linking the Pakistani city of Lahore with India was announced.",
     ("Lahore", "be in", "Pakistani")),
    ("Brown visited Kenya's biggest shantytown, Kibera.", ("Kibera", "be in", "Kenya")),
    ("The waste is stored at Sellafield, in Cumbria, in the form of glass bricks.",
     ("Sellafield", "be in", "Cumbria")),
    ("We are investigating a problem in the Mowden area of Darlington.",
     ("Mowden", "be in", "Darlington")),
    # a unit
    ("In recent months News Corp's News International unit announced investments.",
     ("News International", "part of", "News Corp")),
    ("Meanwhile, United's budget airline, Kingfisher Airlines, is to buy 10 aircraft.",
     ("Kingfisher Airlines", "part of", "United")),
    # an event between two
    ("He hopes to revive talks between Israel and the Palestinians.",
     ("Israel", "talk", "Palestinians")),
    # a country's state
    ("Officials in Germany's state of Saxony have spoken out.", ("Saxony", "be in", "Germany")),
])
def test_phrase_relations(extract_text, text, expected):
    assert expected in triples(extract_text(text))


@pytest.mark.parametrize("text, unexpected", [
    # the part is in front: "the Mowden area of Darlington" is not Darlington in Mowden
    ("We are investigating a problem in the Mowden area of Darlington.",
     ("Darlington", "be in", "Mowden")),
    # a place with a "-based" firm after it is not where the firm is
    ("The Jacksonville, Florida-based firm has total debts of $1.87bn.",
     ("Jacksonville", "be based in", "Florida")),
    # a possessive place before a party that qualifies a title
    ("The prime minister spoke as London's Labour mayor Ken Livingstone remains in a row.",
     ("Labour", "be based in", "London")),
    # a city's state is where the city lies, not a state in the city
    ("Officials in Leipzig's state of Saxony have spoken out.", ("Saxony", "be in", "Leipzig")),
    # a kind of organisation describes no person the parse puts it beside
    ('"It is a fine idea," said Anna Meyer of the Delft Forum, a Brussels-based think tank '
     "group.", ("Anna Meyer", "be based in", "Brussels")),
])
def test_no_phrase_relation(extract_text, text, unexpected):
    assert unexpected not in triples(extract_text(text))


def test_a_hypothetical_event_keeps_its_modal(extract_text):
    x = extract_text("A merger between MCI and Qwest would be the fifth telecoms deal.")
    (merge,) = [r for r in x.relations if r.predicate == "merge"]
    assert merge.modality == "possible"

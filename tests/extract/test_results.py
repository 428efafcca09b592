"""Sports results lines as tables: line in, (subject, predicate, object) names out."""

from __future__ import annotations

import pytest


def triples(extraction):
    names = [m.name for m in extraction.mentions]
    return {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


@pytest.mark.parametrize("text, expected", [
    # a score line: more points beat fewer, in either order
    ("Kingsford 6 RIVERTON 1", ("Kingsford", "beat", "RIVERTON")),
    ("Kingsford 2 Riverton 5", ("Riverton", "beat", "Kingsford")),
    ("Kingsford 2 Riverton 2 ( halftime 1-1 )", ("Kingsford", "draw with", "Riverton")),
    # a fixture
    ("PORT ELLIS AT KINGSFORD", ("PORT ELLIS", "play", "KINGSFORD")),
    ("Harwood v Millbrook", ("Harwood", "play", "Millbrook")),
    # a scorecard: the venue, the sides, their batsmen and the bowlers against them
    ("Dunmore : Harwood 210 and 150-4 ( J. Pell 88 , K. Varley 61 not out ; T. Oakes 5-40 ) , "
     "Millbrook 301 .", ("Harwood", "play at", "Dunmore")),
    ("Dunmore : Harwood 210 and 150-4 ( J. Pell 88 , K. Varley 61 not out ; T. Oakes 5-40 ) , "
     "Millbrook 301 .", ("K. Varley", "play for", "Harwood")),
    ("Dunmore : Harwood 210 and 150-4 ( J. Pell 88 , K. Varley 61 not out ; T. Oakes 5-40 ) , "
     "Millbrook 301 .", ("T. Oakes", "play against", "Harwood")),
    ("Dunmore : Harwood 210 and 150-4 ( J. Pell 88 , K. Varley 61 not out ; T. Oakes 5-40 ) , "
     "Millbrook 301 .", ("Harwood", "play", "Millbrook")),
    # head to head, with the players' countries in brackets
    ("3 - Tomas Rell ( Sweden ) beat Ian Marsh ( Canada ) 6-3 6-4",
     ("Tomas Rell", "beat", "Ian Marsh")),
    ("3 - Tomas Rell ( Sweden ) beat Ian Marsh ( Canada ) 6-3 6-4",
     ("Ian Marsh", "be from", "Canada")),
    # a side's scorers and their minutes
    ("Kingsford - Tomas Rell ( 31st ) , Ian Marsh ( 75th )",
     ("Ian Marsh", "play for", "Kingsford")),
    # a venue and its city, in a fixture list
    ("June 5-9 Second test ( at Elmfield Park , Dunmore )", ("Elmfield Park", "be in", "Dunmore")),
])
def test_results_line(extract_text, text, expected):
    assert expected in triples(extract_text(text))


@pytest.mark.parametrize("text, unexpected", [
    # goal scorers and their minutes are no scorecard
    ("Goals: Pell 35, Varley 69.", ("Pell", "play", "Varley")),
    # tickers in brackets are no countries, and there is no score
    ("Acme Corp ( ACMC ) beat Beta Inc ( BETI ) on earnings", ("Acme Corp", "play for", "ACMC")),
    # a version is no score
    ("Windows 7 Office 2010", ("Windows", "beat", "Office")),
    # a headline with "at" is no fixture; only a line of capitals is
    ("Blair at Westminster", ("Blair", "play", "Westminster")),
    # a bracketed country is never the winner
    ("Tomas Rell ( Sweden ) beat Ian Marsh ( Canada ) 6-3 6-4", ("Sweden", "beat", "Ian Marsh")),
])
def test_no_results_relation(extract_text, text, unexpected):
    assert unexpected not in triples(extract_text(text))


def test_prose_keeps_its_other_names(extract_text):
    names = {m.name for m in extract_text(
        "Anna Pell of Harwood Bank spoke at the opening ( at Elmfield Park , Dunmore ).").mentions}
    assert "Anna Pell" in names

"""Named contests as event mentions, and who took part in them: tables of sentences."""

from __future__ import annotations

import pytest


def pairs(extraction):
    names = [m.name for m in extraction.mentions]
    return {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


def events(extraction):
    return {m.name for m in extraction.mentions if m.label == "EVENT"}


@pytest.mark.parametrize("text, expected", [
    ("He won the 1997 Canadian federal election.", {"1997 Canadian federal election"}),
    ("She was elected in the Hartlepool by-election.", {"Hartlepool by-election"}),
    ("Turnout in the EU referendum fell.", {"EU referendum"}),
    ("Turnout in the European Parliament election fell.", {"European Parliament election"}),
    ("He stood in October 1974 United Kingdom general election.",
     {"October 1974 United Kingdom general election"}),
    # no year and no name: no particular contest
    ("Labour won the election.", set()),
    ("The party's leadership election was close.", set()),
    ("Milburn planned for a February election.", set()),
    # a party's campaign is not a contest named after the party
    ("The Liberal Democrats general election campaign began.", set()),
])
def test_contest_mentions(extract_text, text, expected):
    assert events(extract_text(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("John Smith stood for Labour in the 2005 general election.",
     ("John Smith", "stand in", "2005 general election")),
    ("Shaw ran for the CCF in the 1945 Canadian federal election.",
     ("Shaw", "run in", "1945 Canadian federal election")),
    ("Howard was the Conservative candidate in the 2001 general election.",
     ("Howard", "candidate in", "2001 general election")),
    ("Labour's victory in the 1997 general election was huge.",
     ("Labour", "victory in", "1997 general election")),
    ("Tony Blair won the 1997 general election.", ("Tony Blair", "win", "1997 general election")),
    # a contest after which the clause happens is its occasion too
    ("Following the 2015 general election, the Liberal Democrats were reduced to eight seats.",
     ("Liberal Democrats", "reduce following", "2015 general election")),
])
def test_contest_relations(extract_text, text, expected):
    assert expected in pairs(extract_text(text))


def test_no_contest_relation_for_an_owner_of_a_person(extract_text):
    found = pairs(extract_text("Campbell was Tony Blair's right-hand man at the 2001 election."))
    assert not any(s == "Tony Blair" and o == "2001 election" for s, _, o in found)



@pytest.mark.parametrize("text, expected", [
    ("Smith was the Liberal Party candidate in the 2006 Canadian federal election.",
     ("Liberal Party", "field candidate in", "2006 Canadian federal election")),
    # a party a contestant stood for in a contest fielded the contestant
    ("Tom Reid stood for the Green Party in the 1997 general election.",
     ("Green Party", "field candidate in", "1997 general election")),
    ("Smith sought the Ontario Liberal Party nomination for the 1987 Ontario general election.",
     ("Ontario Liberal Party", "field candidate for", "1987 Ontario general election")),
    ("Jones lost in the 2001 general election to Peter Brown.",
     ("Peter Brown", "win in", "2001 general election")),
    ("Smith ran for Labour in the 1997 general election and finished third against Liberal "
     "candidate Peter Brown.", ("Peter Brown", "contest in", "1997 general election")),
    ("During the 2005 German federal election campaign, Angela Merkel announced a plan.",
     ("Angela Merkel", "announce during", "2005 German federal election")),
])
def test_fielding_parties_and_opponents(extract_text, text, expected):
    assert expected in pairs(extract_text(text))


def test_owner_of_what_a_contest_qualifies(extract_text):
    assert ("Labour", "victory in", "1997 election") in pairs(
        extract_text("Labour's 1997 election victory was huge."))
    assert not any(s == "Tony Blair" for s, _, _ in pairs(
        extract_text("Tony Blair's 2005 election agent was Smith.")))


def test_no_contest_relation_for_the_subject_of_hearsay(extract_text):
    found = pairs(extract_text("Gordon Brown led. During the 1997 election campaign, he is "
                               "said to have worked 18 hours a day."))
    assert not any(o == "1997 election" for _, _, o in found)

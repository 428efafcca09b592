"""Name variants that resolution links, and the near misses it keeps apart.

The extractions are written by hand (no parser): each case says exactly which mentions the
NER gave, so that a rule is tested on its own.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphbuild.resolve import link_key, name_key, resolve
from graphbuild.types import Document, Extraction, Mention


def article(doc_id: str, *mentions: tuple[str, str]) -> Extraction:
    """An article whose text is its mentions, one a sentence, tagged as given."""
    text, found = "", []
    for n, (name, label) in enumerate(mentions):
        start = len(text)
        text += f"{name} spoke. "
        found.append(Mention(name, name, label, start, start + len(name), n))
    return Extraction(Document(doc_id, text), (), tuple(found), (), (), len(text.split()))


def entities(*articles: Extraction) -> dict[str, set[str]]:
    """Entity name -> the names it holds (its own and its aliases)."""
    return {e.name: {e.name, *e.aliases} for e in resolve(list(articles)).entities}


def holder(found: dict[str, set[str]], name: str) -> str:
    return next(entity for entity, names in found.items() if name in names)


@pytest.mark.parametrize("short, full", [
    ("Fred LaRue", "Frederick LaRue"),   # hypocorism
    ("Mo Cheeks", "Maurice Cheeks"),
    ("Ted Heath", "Edward Heath"),
    ("Betty Page", "Bettie Page"),       # -y ~ -ie
])
def test_short_first_names_join_the_full_name_across_articles(short, full):
    found = entities(article("a", (short, "PERSON")), article("b", (full, "PERSON")))
    assert holder(found, short) == holder(found, full)


def test_a_short_first_name_that_could_be_two_full_names_stays_apart():
    # "Mo" is short for Maurice and for Maureen: with both in the corpus, it is neither.
    found = entities(article("a", ("Mo Smith", "PERSON")),
                     article("b", ("Maurice Smith", "PERSON")),
                     article("c", ("Maureen Smith", "PERSON")))
    assert len({holder(found, n) for n in ("Mo Smith", "Maurice Smith", "Maureen Smith")}) == 3


def test_middle_initial_and_middle_name_agree():
    found = entities(article("a", ("Frederick C. LaRue", "PERSON")),
                     article("b", ("Frederick Cheney LaRue", "PERSON")),
                     article("c", ("Fred LaRue", "PERSON")))
    assert len({holder(found, n) for n in ("Frederick C. LaRue", "Frederick Cheney LaRue",
                                           "Fred LaRue")}) == 1


def test_two_different_middle_names_keep_the_bare_name_apart():
    found = entities(article("a", ("George W. Bush", "PERSON")),
                     article("b", ("George H. Bush", "PERSON")),
                     article("c", ("George Bush", "PERSON")))
    assert len({holder(found, n) for n in ("George W. Bush", "George H. Bush",
                                           "George Bush")}) == 3


def test_a_nickname_in_quotes_links_the_nickname_and_surname():
    found = entities(article("a", ('Luis Gerardo "Jerry" Ortiz', "PERSON"),
                             ("Jerry Ortiz", "PERSON"), ("Ortiz", "PERSON")),
                     article("b", ("Jerry Ortiz", "PERSON")))
    assert len({holder(found, n) for n in ('Luis Gerardo "Jerry" Ortiz', "Jerry Ortiz",
                                           "Ortiz")}) == 1


def test_a_given_name_and_the_articles_surname_are_a_person_whatever_the_tag():
    found = resolve([article("a", ("Maurice Cheeks", "GPE"), ("Cheeks", "PERSON"),
                             ("Cheeks", "FAC"))]).entities
    assert [(e.name, e.label) for e in found] == [("Maurice Cheeks", "PERSON")]


def test_a_surname_particle_is_part_of_the_surname():
    found = entities(article("a", ("Gaetano Lo Presti", "PERSON"), ("Lo Presti", "PERSON")))
    assert list(found) == ["Gaetano Lo Presti"]


@pytest.mark.parametrize("a, b", [
    ("Malibu Promises Treatment Center", "Promises Treatment Center"),  # a place in front
    ("Aoraki Mount Cook", "Mount Cook"),  # a place's other name
    ("Morningside Recovery Center", "Morningside Recovery"),  # without its generic head
])
def test_qualified_and_bare_names_are_one_entity(a, b):
    label = "LOC" if "Mount" in a else "ORG"
    found = entities(article("a", (a, label), ("Malibu", "GPE"), ("US", "GPE")),
                     article("b", (b, label)))
    assert holder(found, a) == holder(found, b)


@pytest.mark.parametrize("a, label, b, label_b", [
    ("Yosemite National Park", "LOC", "National Park", "LOC"),  # no name left
    ("Betty Ford Center", "ORG", "Betty Ford", "PERSON"),  # a person is not her clinic
    ("Malibu Treatment Center", "ORG", "Treatment Center", "ORG"),  # too generic
])
def test_qualified_names_that_leave_no_name_stay_apart(a, label, b, label_b):
    found = entities(article("a", (a, label), ("Malibu", "GPE")), article("b", (b, label_b)))
    assert holder(found, a) != holder(found, b)


def test_a_website_names_its_owner():
    found = entities(article("a", ("People.com", "ORG")), article("b", ("People", "ORG")))
    assert holder(found, "People.com") == holder(found, "People")


@pytest.mark.parametrize("names", [
    ("staunton police department", "staunton police", "staunton police force"),
    ("academy of motion pictures arts and sciences",
     "academy of motion picture arts and sciences"),
])
def test_organisation_variants_share_a_link_key(names):
    assert len({link_key(n, "ORG") for n in names}) == 1


def test_a_department_is_not_its_city():
    assert link_key("state department", "ORG") != link_key("state", "ORG")


@pytest.mark.parametrize("name, key", [
    ("Vincent 'Chin' Gigante", "vincent gigante"),
    ('Chin" Gigante', "gigante"),  # what the NER left of 'Vincent "Chin" Gigante'
    ("Conan O'Brien", "conan o'brien"),
])
def test_nicknames_leave_the_key(name, key):
    assert name_key(name) == key


def test_a_surname_goes_to_the_subject_of_the_story_not_the_relative():
    story = [("Kimani Gray", "PERSON"), ("NYPD", "ORG"), ("East Flatbush", "GPE"),
             ("Brooklyn", "GPE"), ("Jumaane Williams", "PERSON")]
    articles = [article(f"s{n}", *story) for n in range(6)]
    articles.append(article("family", *story, ("Mahnefah Gray", "PERSON")))
    articles.append(article("later", ("Gray", "PERSON"), *story[1:]))
    found = entities(*articles)
    assert "Gray" in found["Kimani Gray"]


def test_a_surname_of_an_article_that_names_both_relatives_stays_apart():
    story = [("NYPD", "ORG"), ("East Flatbush", "GPE"), ("Brooklyn", "GPE")]
    articles = [article(f"s{n}", ("Kimani Gray", "PERSON"), *story) for n in range(6)]
    articles.append(article("family", ("Kimani Gray", "PERSON"), ("Mahnefah Gray", "PERSON"),
                            ("Gray", "PERSON"), *story))
    found = entities(*articles)
    assert "Gray" in found


def test_a_team_the_tagger_mostly_calls_a_product_is_linked_on_evidence():
    # "Chargers" tagged PRODUCT more often than ORG: still the team's short name, linked to
    # "San Diego Chargers" on the names its article shares with the team's article...
    team = article("a", ("San Diego", "GPE"), ("San Diego Chargers", "ORG"),
                   ("Philip Rivers", "PERSON"), ("Norv Turner", "PERSON"))
    short = article("b", ("Chargers", "PRODUCT"), ("Chargers", "ORG"), ("Chargers", "PRODUCT"),
                    ("Philip Rivers", "PERSON"), ("Norv Turner", "PERSON"))
    # ... and not without that evidence, nor when no mention is tagged an organisation.
    alone = article("c", ("Chargers", "PRODUCT"), ("Chargers", "ORG"), ("Ann Lee", "PERSON"))
    products = article("d", ("Chargers", "PRODUCT"), ("Philip Rivers", "PERSON"),
                       ("Norv Turner", "PERSON"))
    for other, joined in ((short, True), (alone, False), (products, False)):
        found = entities(team, other)
        assert (holder(found, "Chargers") == holder(found, "San Diego Chargers")) is joined


def test_a_singular_name_joins_the_plural_organisation_of_its_article():
    found = entities(article("a", ("Colt", "PRODUCT"), ("Colts", "ORG"), ("Broncos", "ORG"),
                             ("Bronco", "PERSON")))
    assert holder(found, "Colt") == holder(found, "Colts")
    assert holder(found, "Bronco") != holder(found, "Broncos")  # a person's name stays apart
    found = entities(article("a", ("Colt", "PRODUCT")), article("b", ("Colts", "ORG")))
    assert holder(found, "Colt") != holder(found, "Colts")  # within one article only


@pytest.mark.parametrize("place, institution", [
    ("Scotland", "Scottish Parliament"),
    ("Wales", "Welsh Assembly"),
])
def test_a_bare_parliament_is_not_the_parliament_of_a_place(place, institution):
    # a team is linked on the names its articles share ("Chargers", above); "Parliament" is
    # every country's, whatever else the two articles share
    shared = [("Jack McConnell", "PERSON"), ("Tony Blair", "PERSON"), ("Edinburgh", "GPE")]
    home = article("a", (place, "GPE"), (institution, "ORG"), *shared)
    bare = article("b", (institution.split()[-1], "ORG"), *shared)
    found = entities(home, bare)
    assert holder(found, institution.split()[-1]) != holder(found, institution)


def test_a_team_is_still_linked_to_the_place_it_is_named_after():
    shared = [("Philip Rivers", "PERSON"), ("Norv Turner", "PERSON")]
    found = entities(article("a", ("San Diego", "GPE"), ("San Diego Chargers", "ORG"), *shared),
                     article("b", ("Chargers", "ORG"), *shared))
    assert holder(found, "Chargers") == holder(found, "San Diego Chargers")


def test_an_organisations_short_name_is_not_a_persons_surname():
    # "Walt Disney" and "Disney" tagged ORG, "Roy Disney" a person: "Disney" is the company;
    # "Mr Hale", tagged ORG but with an honorific, is still the person
    found = entities(article("d1", ("Walt Disney", "ORG"), ("Disney", "ORG"), ("Disney", "ORG"),
                             ("Roy Disney", "PERSON")))
    assert holder(found, "Disney") == "Walt Disney", found
    hale = article("d2", ("Acme Hale", "ORG"), ("Tom Hale", "PERSON"), ("Hale", "ORG"))
    mentions = (*hale.mentions[:2], replace(hale.mentions[2], text="Mr Hale", gender="m"))
    found = entities(replace(hale, mentions=mentions))
    assert holder(found, "Hale") == "Tom Hale", found

"""Entity resolution: one node per real-world entity for the easy cases."""

from __future__ import annotations

import pytest

from graphbuild.resolve import acronym, name_key, resolve


@pytest.fixture(scope="module")
def entities(extract_text):
    text = ("U.S. Secretary of State John Kerry met President Bashar al-Assad in Geneva. "
            "Kerry said Assad's forces had advanced. The United States and the U.S. Treasury "
            "disagreed. US officials and Russian diplomats met. Russia was silent. "
            "He said nothing.")
    resolution = resolve([extract_text(text)])
    return {e.name: e for e in resolution.entities}, resolution


def test_surname_and_full_name_are_one_node(entities):
    by_name, _ = entities
    assert "Kerry" in by_name["John Kerry"].aliases
    assert "Kerry" not in by_name


def test_possessive_and_leading_title_are_one_node(entities):
    by_name, _ = entities
    assert "Bashar al-Assad" in by_name
    assert "Assad" in by_name["Bashar al-Assad"].aliases
    assert not any(name.startswith("President") or name.endswith("'s") for name in by_name)


def test_united_states_variants_are_one_node(entities):
    by_name, _ = entities
    us = by_name["United States"]
    assert {"U.S.", "US"} <= set(us.aliases)


def test_demonym_is_the_country(entities):
    by_name, resolution = entities
    assert "Russian" in by_name["Russia"].aliases
    assert ("Russian", "Russia", "demonym") in {(m.alias, m.entity, m.reason)
                                                for m in resolution.merges}


def test_titles_reach_the_entity(entities):
    by_name, _ = entities
    assert by_name["John Kerry"].titles == ("Secretary of State",)
    assert by_name["John Kerry"].label == "PERSON"


def test_pronouns_never_become_entities(entities):
    by_name, _ = entities
    assert not {"He", "he", "him", "She", "they"} & set(by_name)


def test_surname_with_two_candidates_is_not_merged(extract_text):
    resolution = resolve([extract_text("John Smith met Anna Smith. Smith left.")])
    names = {e.name for e in resolution.entities}
    assert {"John Smith", "Anna Smith"} <= names


@pytest.mark.parametrize("name, key", [("the U.S.", "us"), ("De  Mistura", "de mistura"),
                                       ("The Hague", "hague")])
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("name, initials", [("United States", "us"), ("European Union", "eu"),
                                            ("Kerry", "")])
def test_acronym(name, initials):
    assert acronym(name) == initials


def test_known_entities_keep_their_keys_and_absorb_new_mentions(extract_text):
    first = resolve([extract_text("U.S. Secretary of State John Kerry arrived in Moscow.")])
    second = resolve([extract_text("John Kerry met Lavrov in Moscow. Kerry said the US agreed.")],
                     known=first.entities)
    before = {e.key: e for e in first.entities}
    after = {e.key: e for e in second.entities}
    assert set(before) <= set(after)
    kerry = after[next(k for k, e in before.items() if e.name == "John Kerry")]
    assert kerry.mentions == 3 and "Kerry" in kerry.aliases
    assert kerry.titles == ("Secretary of State",)
    assert after[next(k for k, e in before.items() if e.name == "Moscow")].mentions == 2
    us = after[next(k for k, e in before.items() if e.name == "U.S.")]
    assert "US" in us.aliases or us.name == "US"


def test_parenthesised_acronym_is_an_alias(extract_text):
    text = ("Dr. Tawfik Chamaa, of the Union of Syrian Medical Relief Organisations (UOSSM), "
            "spoke. UOSSM runs clinics.")
    by_name = {e.name: e for e in resolve([extract_text(text)]).entities}
    assert "UOSSM" in by_name["Union of Syrian Medical Relief Organisations"].aliases
    assert "UOSSM" not in by_name


def test_surname_tagged_as_a_place_joins_the_person_of_the_same_article(extract_text):
    x = extract_text("Dr. Tawfik Chamaa spoke on Monday. Chamaa, referring to the plan, said "
                     "it was good. North Devon voted. Devon is rainy.")
    names = {e.name: e for e in resolve([x]).entities}
    assert "Chamaa" not in names or names["Chamaa"].label == "PERSON"
    assert "Devon" in names or "Devon" not in {a for e in names.values() for a in e.aliases}

"""Entity resolution: one node per real-world entity for the easy cases."""

from __future__ import annotations

import pytest

from graphbuild.errors import InputError
from graphbuild.resolve import acronym, link_key, name_key, read_aliases, resolve


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


@pytest.mark.parametrize("text, name, short", [
    # the initials in another language's order (Partito Liberale Italiano)
    ("The party was the successor of the Italian Liberal Party (PLI) in Rome.",
     "Italian Liberal Party", "PLI"),
    # a name the NER cuts at "and", whole again by its acronym
    ("The Social Democratic and Labour Party (SDLP) contested the seat.",
     "Social Democratic and Labour Party", "SDLP"),
    # ... and at "of" before a country's name
    ("The Socialist Party of the United States (SPUS) was founded by defectors.",
     "Socialist Party of the United States", "SPUS"),
])
def test_bracketed_acronym_in_another_order_is_an_alias(extract_text, text, name, short):
    by_name = {e.name: e for e in resolve([extract_text(text)]).entities}
    assert short in by_name[name].aliases
    assert short not in by_name


@pytest.mark.parametrize("text, name, short", [
    # a party's acronym in its own language, whatever its letters (Kommounistiko Komma)
    ("Members of the Communist Party of Ruritania (KKR) marched in the capital.",
     "Communist Party of Ruritania", "KKR"),
    ("The Social Democratic Party of Freedonia (SPÖ; a centre-left party) won seats.",
     "Social Democratic Party of Freedonia", "SPÖ"),
])
def test_bracketed_acronym_of_a_party_in_its_own_language_is_an_alias(extract_text, text, name,
                                                                     short):
    by_name = {e.name: e for e in resolve([extract_text(text)]).entities}
    assert short in by_name[name].aliases


@pytest.mark.parametrize("text, name, short", [
    # a government's bracket names the party in power
    ("The Welsh Government (SNP) rejected the plan on Monday.", "Welsh Government", "SNP"),
    # the acronym spells another name of the article: it is that one's
    ("The Green Alliance of Ruritania (NLP) and the National Liberal Party met.",
     "Green Alliance of Ruritania", "NLP"),
])
def test_bracketed_acronym_of_another_body_is_no_alias(extract_text, text, name, short):
    by_name = {e.name: e for e in resolve([extract_text(text)]).entities}
    assert short not in by_name[name].aliases


def test_bracketed_country_code_is_no_acronym(extract_text):
    by_name = {e.name: e for e in resolve([extract_text(
        "Leaders of the Labour Party (UK) met in Brussels.")]).entities}
    assert "UK" not in by_name.get("Labour Party", by_name.get("the Labour Party")).aliases


def test_surname_tagged_as_a_place_joins_the_person_of_the_same_article(extract_text):
    x = extract_text("Dr. Tawfik Chamaa spoke on Monday. Chamaa, referring to the plan, said "
                     "it was good. North Devon voted. Devon is rainy.")
    names = {e.name: e for e in resolve([x]).entities}
    assert "Chamaa" not in names or names["Chamaa"].label == "PERSON"
    assert "Devon" in names or "Devon" not in {a for e in names.values() for a in e.aliases}


def _names(extract_text, *texts, **options):
    resolution = resolve([extract_text(t) for t in texts], **options)
    return {e.name: e for e in resolution.entities}, resolution


def test_honorifics_carry_gender(extract_text):
    by_name, _ = _names(extract_text, "Michael Howard spoke. Mr Howard and Mrs Howard left.")
    assert "Howard" in by_name["Michael Howard"].aliases
    assert "Mrs Howard" in by_name  # his wife is not Michael Howard
    assert "Mrs Howard" not in by_name["Michael Howard"].aliases


@pytest.mark.parametrize("honorific", ["Madam", "Mme"])
def test_every_listed_honorific_carries_gender(extract_text, honorific):
    # The lexicon once defined its honorifics twice, and the second, shorter list lost these.
    by_name, _ = _names(extract_text, f"Michael Howard spoke. Mr Howard and {honorific} Howard "
                        "left.")
    assert "Howard" in by_name["Michael Howard"].aliases
    assert f"{honorific} Howard" not in by_name["Michael Howard"].aliases


def test_a_surname_links_across_articles_only_on_evidence(extract_text):
    by_name, _ = _names(extract_text, "Tony Blair met Gordon Brown in London.",
                        "Cherie Blair visited a school in Leeds.",
                        "Blair said Brown would stay.", "Blair said it was cold in Leeds.")
    assert by_name["Tony Blair"].mentions == 2  # "Blair" with "Brown" is Tony Blair
    assert by_name["Cherie Blair"].mentions == 2  # "Blair" in Leeds is Cherie Blair


def test_surname_alone_is_not_linked_because_the_corpus_has_one_such_person(extract_text):
    by_name, _ = _names(extract_text, "John Kerry arrived in Geneva.", "Kerry won the race.")
    assert "Kerry" in by_name and by_name["John Kerry"].mentions == 1


@pytest.mark.parametrize("names, label", [
    (("Tories", "Conservative Party", "Tory"), "NORP"),
    (("Acme Corp.", "Acme", "Acme Motor Co."), "ORG"),
    (("House of Commons", "Commons"), "ORG"),
    (("United States", "USA", "America"), "GPE"),
    (("Russian Federation", "Russia"), "GPE"),
])
def test_name_variants_share_a_link_key(names, label):
    keys = {link_key(name_key(n), label) for n in names}
    assert len(keys) == 1, keys


def test_different_names_keep_different_link_keys():
    assert link_key("house of fraser", "ORG") != link_key("fraser", "ORG")
    assert link_key("red sea", "LOC") != link_key("red", "ORG")
    assert link_key("george w bush", "PERSON") != link_key("george h w bush", "PERSON")


def test_middle_initial_and_transliteration_across_articles(extract_text):
    by_name, _ = _names(extract_text, "Richard M. Nixon resigned.", "Richard Nixon spoke.",
                        "Mr Aleksandr Petrov won.", "Mr Alexander Petrov lost.")
    assert "Richard Nixon" in by_name["Richard M. Nixon"].aliases
    assert len([n for n in by_name if n.endswith("Petrov")]) == 1


def test_user_aliases_merge_forbid_and_rename(extract_text, tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,entity,action\nWidgets Ltd,Acme,merge\n"
                    "Kerry,John Kerry,forbid\nGeneva,Genève,rename\n", encoding="utf-8")
    aliases = read_aliases(str(path))
    by_name, resolution = _names(
        extract_text, "John Kerry met Acme in Geneva. Kerry left. Widgets Ltd said no.",
        aliases=aliases)
    assert "Widgets Ltd" in by_name["Acme"].aliases
    assert ("Widgets Ltd", "Acme", "user", "t") in {
        (m.alias, m.entity, m.reason, m.document) for m in resolution.merges}
    assert "Kerry" in by_name and "Kerry" not in by_name["John Kerry"].aliases
    assert "Genève" in by_name and "Geneva" not in by_name


def test_bad_aliases_file(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,entity,action\nA,B,swap\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown action 'swap'"):
        read_aliases(str(path))
    with pytest.raises(InputError, match="cannot read the aliases file"):
        read_aliases(str(tmp_path / "missing.csv"))


def test_two_letters_join_a_name_of_other_articles_only_where_one_is_written_with_them(
        extract_text):
    # "DJ" in one article is not the "Dow Jones" of another: two letters stand for too
    # much; an article that writes the two together makes it the name's
    def aliases(*texts):
        by_name, _ = _names(extract_text, *texts)
        return {a for e in by_name.values() if e.name.endswith("Dow Jones") for a in e.aliases}

    assert "DJ" not in aliases("The Dow Jones index fell in New York.",
                               "Shares in DJ rose 5% in Toronto.")
    assert "DJ" in aliases("The Dow Jones index fell in New York.",
                           "Shares in DJ rose 5% in Toronto.",
                           "Dow Jones (DJ) said profits rose in Chicago.")


def test_a_long_name_is_shown_with_the_head_its_of_phrase_follows(extract_text):
    # "the Bank" said three times and "Bank of England" once: the entity is shown by its name
    by_name, _ = _names(extract_text, "The Bank of England raised rates. The Bank said prices "
                        "rose. The Bank will meet again. The Bank is in London.")
    bank = next(e for e in by_name.values() if "Bank" in e.name)
    assert bank.name == "Bank of England", [(e.name, e.aliases) for e in by_name.values()]


def test_a_company_named_after_a_place_is_not_the_place(extract_text):
    # its organisation suffixes stripped, "London International Group" leaves "London"
    by_name, _ = _names(extract_text, "Tourists flocked to London on Monday.",
                        "Shares in London International Group rose in Paris.")
    names = [{e.name, *e.aliases} for e in by_name.values()]
    assert not [n for n in names if {"London", "London International Group"} <= n]


def test_a_party_is_shown_by_its_name_as_a_party(extract_text):
    by_name, _ = _names(extract_text, "The Tories won. The Tories said so. The Tories left.",
                        "The Conservative Party met in Leeds.")
    assert "Conservative Party" in by_name and "Tories" in by_name["Conservative Party"].aliases


def test_an_acronym_links_by_its_initials_only_on_evidence(extract_text):
    # one article names the Harbour Bank of Malta; another writes "HBM" for something else:
    # no article writes both, and the long name is in one article only
    by_name, _ = _names(extract_text, "The Harbour Bank of Malta lent money to the firm.",
                        "Mr Hale said HBM rules would change.")
    assert "HBM" not in by_name["Harbour Bank of Malta"].aliases
    # an article writing both is the evidence ("WTO" in one article, "World Trade
    # Organisation" and "WTO" in another)
    by_name, _ = _names(extract_text, "The World Trade Organisation ruled on Monday.",
                        "Officials said the WTO was slow, and the World Trade Organisation "
                        "agreed.", "The WTO met again.")
    assert "WTO" in by_name["World Trade Organisation"].aliases


@pytest.mark.parametrize("text, short, long", [
    # a party's local branch is no long name of the party
    ("Mr Hale, agent for Arundel and South Downs Tories, said the Tories would win.",
     "Tories", "Arundel and South Downs Tories"),
    # the complement of an "of" name is no short name of it
    ("The Institute for the Study of Labour said pay rose. Labour said so too.", "Labour",
     "Institute for the Study of Labour"),
])
def test_a_branch_or_a_complement_is_no_short_name(extract_text, text, short, long):
    _, resolution = _names(extract_text, text)
    assert (short, long) not in {(m.alias, m.entity) for m in resolution.merges}


def test_a_place_relation_never_ends_at_a_person():
    # "Barnard's Retail Group": the NER took the surname for a place, the article's
    # Kurt Barnard is a person; a relation of another class, or at a place, holds
    from graphbuild.resolve import Resolution
    from graphbuild.types import Entity, Relation

    def entity(key, label):
        return Entity(key=key, name=key, label=label, aliases=(), mentions=1, documents=("d",))

    resolution = Resolution(
        entities=(entity("group", "ORG"), entity("barnard", "PERSON"), entity("leeds", "GPE")),
        assignment={(0, 0): "group", (0, 1): "barnard", (0, 2): "leeds", (0, 3): "group"},
        merges=())

    def relation(obj, predicate, relation_class, subject=0):
        return Relation(subject=subject, predicate=predicate, object=obj, verb=predicate,
                        sentence=0, confidence=0.75, pattern="of",
                        relation_class=relation_class)

    assert not resolution.holds(0, relation(1, "be based in", "location"))
    assert resolution.holds(0, relation(2, "be based in", "location"))
    assert resolution.holds(0, relation(1, "hire", ""))
    assert not resolution.holds(0, relation(3, "hire", ""))  # one entity at both ends


@pytest.mark.parametrize("text, joined", [
    # after "Mr" a name is a surname: not the first name of a person the article calls
    # "Mr" by another surname
    ("Sacked MP Howard Flight will not stand. Mr Flight was sacked on Friday. At a news "
     "conference, Mr Howard insisted he had played by the party's rules.", False),
    ("Sacked MP Howard Flight will not stand. Later, Howard said he was sad.", True),
])
def test_a_name_after_mr_is_no_first_name(extract_text, text, joined):
    resolution = resolve([extract_text(text)])
    flight = next(e for e in resolution.entities if e.name == "Howard Flight")
    assert ("Howard" in flight.aliases) is joined


def test_a_surname_written_first_joins_after_mr(extract_text):
    text = ("\"Demand is weak,\" said Kim Yungmin, an equity strategist at Dongwon. Mr Kim "
            "expects a recovery next year.")
    resolution = resolve([extract_text(text)])
    assert "Kim" in next(e for e in resolution.entities if e.name == "Kim Yungmin").aliases

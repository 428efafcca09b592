"""Corpus-wide re-tagging (graphbuild.retag): names tagged in other articles, found again."""

from dataclasses import replace

import pytest

from graphbuild.resolve import resolve
from graphbuild.retag import corpus_names, retag
from graphbuild.types import Document, Extraction, Mention, Sentence


def _x(doc_id: str, text: str, *tagged: tuple[str, str]) -> Extraction:
    """An extraction of ``text`` (one sentence a line) whose mentions are the first
    occurrence of each (name, label) of ``tagged``."""
    sentences, start = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(line, start, start + len(line)))
        start += len(line) + 1
    mentions = []
    for name, label in tagged:
        at = text.index(name)
        sentence = next(k for k, s in enumerate(sentences) if s.start <= at < s.end)
        mentions.append(Mention(name, name, label, at, at + len(name), sentence))
    return Extraction(Document(doc_id, text), tuple(sentences), tuple(mentions), (), (), 10)


_TAGGED = [
    _x("a", "Fans cheered as the Bluejays won and Tar Heels lost.",
       ("Bluejays", "ORG"), ("Tar Heels", "ORG")),
    _x("b", "Later the Bluejays beat the Tar Heels again.",
       ("Bluejays", "ORG"), ("Tar Heels", "ORG")),
    _x("c", "Reporters said the urban vote went to Urban and the Live show was live.",
       ("Urban", "PERSON"), ("Live", "ORG")),
    _x("d", "Critics said Urban spoke and the Live team was live again.",
       ("Urban", "PERSON"), ("Live", "ORG")),
]


@pytest.mark.parametrize(("text", "expected"), [
    ("Coaches said the Bluejays were tired.", ["Bluejays"]),
    ("Coaches said the Bluejays' guard was tired.", ["Bluejays"]),
    # A one-word name as the first word of a sentence or in a headline: capitals say nothing.
    ("Bluejays were tired, coaches said.", []),
    ("Bluejays Beat Hawks In Overtime Thriller\nCoaches were tired.", []),
    # A name of two words is capitalised on its second word: the first word of a sentence too.
    ("Tar Heels fans were tired.", ["Tar Heels"]),
    # Part of a longer name the NER did not tag either.
    ("Coaches said the Creighton Bluejays were tired.", []),
    ("Coaches said the Friends of Bluejays were tired.", []),
    # A word the corpus writes in lower case too is no name ("Urban", "Live").
    ("Voters said Urban spoke at the Live event.", []),
    # Only on word boundaries.
    ("Coaches said the Bluejaysfans were tired.", []),
])
def test_retag_finds_names_of_other_articles(text: str, expected: list[str]) -> None:
    names = corpus_names(_TAGGED)
    x = _x("new", text)
    found = retag(x, names).mentions
    assert [m.name for m in found] == expected
    for m in found:  # honest offsets and sentences
        assert text[m.start:m.end] == m.name
        assert x.sentences[m.sentence].start <= m.start < x.sentences[m.sentence].end


def test_retag_appends_after_the_extraction_mentions() -> None:
    x = _x("new", "Later Ann Lee saw the Bluejays win.", ("Ann Lee", "PERSON"))
    out = retag(x, corpus_names(_TAGGED))
    assert out.mentions[0] == x.mentions[0]
    assert [m.name for m in out.mentions[1:]] == ["Bluejays"]
    assert retag(x, corpus_names(_TAGGED[:1])) is x  # tagged in one article only: nothing


def test_corpus_names_do_not_depend_on_order() -> None:
    assert corpus_names(_TAGGED).known() == corpus_names(_TAGGED[::-1]).known()


def test_resolve_counts_the_retagged_mentions() -> None:
    new = _x("e", "Coaches said the Bluejays were tired.")
    resolution = resolve([*_TAGGED, new])
    assert [m.name for m in resolution.retagged[4]] == ["Bluejays"]
    key = resolution.assignment[(4, 0)]
    assert key == resolution.assignment[(0, 0)]
    entity = next(e for e in resolution.entities if e.key == key)
    assert "e" in entity.documents and entity.mentions == 3
    plain = resolve([*_TAGGED, new], retagging=False)
    assert (4, 0) not in plain.assignment and not plain.retagged


def test_a_name_the_article_tags_keeps_the_article_label() -> None:
    x = _x("new", "Coaches saw Bluejays. Then the Bluejays won.", ("Bluejays", "PERSON"))
    x = replace(x, mentions=x.mentions)
    added = retag(x, corpus_names(_TAGGED)).mentions[1:]
    assert [(m.name, m.label) for m in added] == [("Bluejays", "PERSON")]


def test_a_descriptor_the_corpus_writes_in_lower_case_leaves_a_person_name() -> None:
    corpus = [_x(d, "The coroner said Gary Hargrove spoke to the coroner.",
                 ("Gary Hargrove", "PERSON")) for d in "ab"]
    x = _x("new", "Then Coroner Gary Hargrove spoke.", ("Coroner Gary Hargrove", "PERSON"))
    out = retag(x, corpus_names([*corpus, x]))
    assert [(m.name, x.document.text[m.start:m.end]) for m in out.mentions] == [
        ("Gary Hargrove", "Gary Hargrove")]
    # Not when the rest is no name the corpus tags as a person.
    y = _x("new", "Then Coroner Bob Smith spoke.", ("Coroner Bob Smith", "PERSON"))
    assert retag(y, corpus_names([*corpus, y])) is y


def test_retagged_names_count_in_sentence_co_mentions() -> None:
    from graphbuild.comention import sentence_co_mentions

    new = _x("e", "Coaches said Ann Lee and the Bluejays were tired.", ("Ann Lee", "PERSON"))
    extractions = [*_TAGGED, new]
    resolution = resolve(extractions)
    pairs = sentence_co_mentions(extractions, resolution)
    ann, bluejays = resolution.assignment[(4, 0)], resolution.assignment[(4, 1)]
    assert pairs[tuple(sorted((ann, bluejays)))] == {"e"}


def test_a_mention_cut_short_of_a_known_name_is_made_that_name_in_place() -> None:
    corpus = [_x(k, f"{k}: the Indianapolis Colts won.", ("Indianapolis Colts", "ORG"))
              for k in "ab"]
    x = _x("c", "Manning carried the Indianapolis Colts over Jacksonville.",
           ("Manning", "PERSON"), ("Indianapolis", "GPE"), ("Jacksonville", "GPE"))
    out = retag(x, corpus_names([*corpus, x])).mentions
    assert [(m.name, m.label) for m in out] == [
        ("Manning", "PERSON"), ("Indianapolis Colts", "ORG"), ("Jacksonville", "GPE")]
    assert x.document.text[out[1].start:out[1].end] == "Indianapolis Colts"
    # Not when a capitalised word goes on after the name (a longer name: "Indianapolis
    # Colts Foundation"), nor when another mention holds the words after.
    y = _x("d", "He gave to the Indianapolis Colts Foundation today.", ("Indianapolis", "GPE"))
    z = _x("e", "In Indianapolis Colts fans met.", ("Indianapolis", "GPE"), ("Colts", "ORG"))
    for other in (y, z):
        assert retag(other, corpus_names([*corpus, other])).mentions == other.mentions

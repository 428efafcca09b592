"""Named-entity mentions from spaCy's NER, cleaned for matching.

A mention keeps its text as written; its ``name`` drops what is not part of the name:
determiners ("the United States"), a trailing possessive ("Assad's"), and for people the
titles and honorifics in front ("President Bashar al-Assad", "Mr De Mistura").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    CONCEPT_NOUNS,
    ENTITY_LABELS,
    HONORIFICS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLES_IN_NAMES,
)

_DETERMINERS = frozenset({"the", "a", "an"})
_NAME_PARTICLES = frozenset({"de", "da", "del", "van", "von", "al", "bin", "ibn", "le", "la"})
_TITLE_WORDS = (HONORIFICS | TITLE_HEADS | TITLE_MODIFIERS) - TITLES_IN_NAMES
# NER labels that the small model often gives a person's name after a title ("UN mediator
# Staffan de Mistura" tagged ORG): a title in front is stronger evidence than the tag.
_RELABEL_AFTER_TITLE = frozenset({"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"})


class EntitySpan(NamedTuple):
    """A cleaned entity mention in token coordinates of one parsed Doc."""

    start: int  # first token of the name
    end: int  # one past its last token
    span_start: int  # the NER span, titles and possessive included
    span_end: int
    label: str
    name: str
    text: str


def entity_spans(doc: Doc) -> list[EntitySpan]:
    """The entity mentions of ``doc`` that can become nodes, in text order.

    Names the NER tagged somewhere in the text are found again where it missed them (the small
    model tags "De Mistura" in one sentence and not in the next).
    """
    tagged = list(_tagged(doc))
    found = tagged + list(_untagged_repeats(doc, tagged))
    found += list(_parenthesised_acronyms(doc, found))
    return sorted(found + list(_concepts(doc, found)))


def _tagged(doc: Doc) -> Iterator[EntitySpan]:
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        tokens = _trim(ent)
        if not tokens:
            continue
        label = ent.label_
        if label in _RELABEL_AFTER_TITLE and _looks_like_person(ent, tokens):
            label = "PERSON"
        if label == "PERSON":
            while len(tokens) > 1 and tokens[0].lower_ in _TITLE_WORDS:
                tokens = tokens[1:]
            before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
            if before is not None and before.lower_ in TITLES_IN_NAMES and before.is_title:
                tokens = [before, *tokens]  # the NER leaves "Lord" out of "Lord Coe"
        if len(tokens) == 1 and tokens[0].lower_ in _TITLE_WORDS | TITLES_IN_NAMES:
            continue  # "State" in "Secretary of State", tagged ORG by the small model
        first, last = tokens[0], tokens[-1]
        name = " ".join(doc[first.i:last.i + 1].text.split())  # doc.text is rebuilt per call
        yield EntitySpan(first.i, last.i + 1, min(first.i, ent.start), ent.end, label, name,
                         " ".join(ent.text.split()))


def _untagged_repeats(doc: Doc, tagged: list[EntitySpan]) -> Iterator[EntitySpan]:
    known: dict[str, str] = {}
    for span in tagged:
        words = span.name.lower().split()
        known.setdefault(" ".join(words), span.label)
        if span.label == "PERSON":
            for k in range(1, len(words)):  # "De Mistura", "Mistura" for "Staffan de Mistura"
                known.setdefault(" ".join(words[k:]), "PERSON")
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and (
                doc[j].pos_ == "PROPN" or doc[j].lower_ in _NAME_PARTICLES and j + 1 < len(doc)
                and doc[j + 1].pos_ == "PROPN"):
            j += 1
        if j > i:
            text = doc[i:j].text
            label = known.get(" ".join(text.lower().split()))
            if label is not None:
                yield EntitySpan(i, j, i, j, label, " ".join(text.split()), text)
        i = j + 1


def _parenthesised_acronyms(doc: Doc, spans: list[EntitySpan]) -> Iterator[EntitySpan]:
    """"Union of Syrian Medical Relief Organisations (UOSSM)": the acronym is a mention too."""
    covered = {i for s in spans for i in range(s.span_start, s.span_end)}
    for span in spans:
        k = span.span_end
        if span.label == "PERSON" or k + 2 >= len(doc) or k + 1 in covered:
            continue
        opening, short, closing = doc[k], doc[k + 1], doc[k + 2]
        if (opening.text == "(" and closing.text == ")" and short.is_upper
                and 2 <= len(short.text) <= 10 and short.text.isalnum()):
            yield EntitySpan(k + 1, k + 2, k + 1, k + 2, span.label, short.text, short.text)


def _concepts(doc: Doc, spans: list[EntitySpan]) -> Iterator[EntitySpan]:
    """Unnamed actors ("the rebels", "the Syrian opposition"): the noun with its modifiers.

    Only the head noun stands for the concept when it is an argument; a concept that is never
    an argument is dropped later.
    """
    covered = {i for s in spans for i in range(s.span_start, s.span_end)}
    for token in doc:
        if token.pos_ != "NOUN" or token.i in covered or token.lemma_.lower() not in CONCEPT_NOUNS:
            continue
        left = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.i < token.i]
        first = min([token, *left], key=lambda t: t.i)
        words = [t for t in doc[first.i:token.i + 1] if t.dep_ not in ("det", "poss", "punct")]
        name = " ".join(t.text.lower() if t.i == token.i else t.text for t in words)
        yield EntitySpan(token.i, token.i + 1, token.i, token.i + 1, "CONCEPT", name,
                         doc[first.i:token.i + 1].text)


def _trim(ent: Span) -> list[Token]:
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].lower_ in ("'s", "'", "’s")
                      or (tokens[-1].is_punct and tokens[-1].text != ".")):
        tokens = tokens[:-1]
    return tokens


def _looks_like_person(ent: Span, tokens: list[Token]) -> bool:
    """A multi-word proper name right after a title word, or that starts with an honorific."""
    if len(tokens) < 2 or not all(t.pos_ == "PROPN" or t.is_title for t in tokens):
        return False
    if tokens[0].lower_ in HONORIFICS:
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ in TITLE_HEADS and before.dep_ == "compound"

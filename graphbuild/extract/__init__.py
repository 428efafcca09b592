"""From parsed Docs to records: entity mentions, relations and roles.

This is where spaCy objects stop: :func:`extract` returns an :class:`Extraction` of plain
strings and character offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from ..lexicon import (
    COUNTRY_NAMES,
    COUNTRY_WORDS,
    DEMONYMS,
    ELECTED_ROLES,
    FORMER_MODIFIERS,
    MEMBER_ROLES,
    PARTY_NAME_WORDS,
    PUBLIC_ROLES,
    RANK_MODIFIERS,
    ROLE_WORDS,
    TITLE_HEADS,
    TITLE_ONLY_WORDS,
)
from ..types import Document, Extraction, Mention, Quotation, Relation, Role, Sentence
from .clauses import forget_children, sentence_spans, span_text
from .entities import EntitySpan, entity_spans
from .events import with_events
from .phrases import phrase_relations
from .relations import RelationSpan, classify, normalise_predicate, relations_and_quotes
from .results import relation_spans, results
from .roles import RoleSpan, roles, singular_title_word

_ROLE_HEADS = TITLE_HEADS | ROLE_WORDS
# Offices of a government, whose holder named with a party is a member of the party.
_OFFICES = frozenset({"minister", "secretary", "chancellor", "undersecretary"})
# The labels a schema.org relation class does not admit for its object: one works for,
# belongs to or owns an organisation, a party or a country (whatever label the NER gave
# it), not "the opposition" or a person ("Blunkett was joined by Tony Blair").
_NOT_PARTIES = frozenset({"PERSON", "CONCEPT"})
_KIN_EXCLUDES = frozenset({"CONCEPT", "ORG", "GPE", "NORP", "LOC", "FAC"})
_CLASS_EXCLUDES = {"spouse": _KIN_EXCLUDES, "relatedTo": _KIN_EXCLUDES}

__all__ = ["extract", "normalise_predicate"]


def extract(document: Document, parts: Sequence[tuple[int, Doc]]) -> Extraction:
    """Turn one document's parsed parts into an :class:`Extraction`.

    Args:
        document: the document record.
        parts: ``(character offset, parsed Doc)`` for each part of its text, as yielded by
            :func:`graphbuild.nlp.parse`.
    """
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    found_relations: list[Relation] = []
    found_roles: list[Role] = []
    found_quotes: list[Quotation] = []
    words = 0
    for offset, doc in parts:
        forget_children()  # what is cached of a Doc whose parse may have changed since
        sentence_of: list[int] = []  # token index -> sentence number (not token.sent: a walk)
        for sent in sentence_spans(doc):
            sentence_of.extend([len(sentences)] * len(sent))
            # spaCy keeps the whitespace after a sentence
            text = span_text(doc, sent.start, sent.end).rstrip()
            start = offset + sent.start_char
            sentences.append(Sentence(text, start, start + len(text)))
        flags = doc.to_array([IS_PUNCT, IS_SPACE]).reshape(-1, 2)  # no Token per word
        words += int((flags.sum(axis=1) == 0).sum())
        spans, table_relations = results(doc, with_events(doc, entity_spans(doc)))
        mention_at: dict[int, int] = {}
        for k, span in enumerate(spans):
            mention_at.update((i, k) for i in range(span.span_start, span.span_end))
        labels = [s.label for s in spans]
        local_relations, local_quotes = relations_and_quotes(doc, mention_at, labels)
        local_relations = _unrelated(relation_spans(doc, table_relations), local_relations)
        local_roles = list(roles(doc, spans, mention_at))
        local_relations += _role_relations(doc, local_roles, local_relations, spans)
        local_relations = _unrelated(local_relations,
                                     list(phrase_relations(doc, spans, mention_at)))

        # Concepts ("the rebels") are kept only where they take part in a relation.
        used = {i for r in local_relations for i in (r.subject, r.object, r.source, r.place)}
        used.update(q.speaker for q in local_quotes)
        keep = [k for k, span in enumerate(spans) if span.label != "CONCEPT" or k in used]
        index = {k: len(mentions) + n for n, k in enumerate(keep)}
        for k in keep:
            span = spans[k]
            first, last = doc[span.start], doc[span.end - 1]
            mentions.append(Mention(
                text=span.text, name=span.name, label=span.label,
                start=offset + first.idx, end=offset + last.idx + len(last.text),
                sentence=sentence_of[span.start], gender=span.gender,
            ))
        for r in local_relations:
            if _same_party(spans[r.subject], spans[r.object]):
                continue  # "Turkey must issue ... but gives Turkey more time": one party
            relation_class, action_class = classify(r.predicate)
            if relation_class and not _fits(relation_class, spans[r.subject], spans[r.object]):
                relation_class = ""
            if r.negated:
                action_class = ""  # "does not attack" is no attack
            found_relations.append(Relation(
                subject=index[r.subject], predicate=r.predicate, object=index[r.object],
                verb=r.verb, sentence=sentence_of[r.token],
                confidence=r.confidence, pattern=r.pattern, negated=r.negated,
                source=None if r.source is None else index[r.source],
                modality=r.modality, relation_class=relation_class,
                action_class=action_class, time=r.time,
                place=None if r.place is None else index[r.place],
            ))
        for q in local_quotes:
            first, last = doc[q.start], doc[q.end - 1]
            named = sorted({index[mention_at[i]] for i in range(q.start, q.end)
                            if i in mention_at and mention_at[i] in index})
            found_quotes.append(Quotation(
                speaker=index[q.speaker], text=doc[q.start:q.end].text,
                start=offset + first.idx, end=offset + last.idx + len(last.text),
                sentence=sentence_of[q.start], direct=q.direct,
                mentions=tuple(m for m in named if m != index[q.speaker]),
            ))
        for role in local_roles:
            found_roles.append(Role(
                mention=index[role.mention], title=role.title,
                sentence=mentions[index[role.mention]].sentence,
                affiliation=None if role.affiliation is None else index.get(role.affiliation),
            ))
    return Extraction(document, tuple(sentences), tuple(mentions),
                      tuple(dict.fromkeys(found_relations)), tuple(dict.fromkeys(found_roles)),
                      words, tuple(dict.fromkeys(found_quotes)))


def _fits(relation_class: str, subject: EntitySpan, obj: EntitySpan) -> bool:
    """Whether a relation's two ends fit its schema.org class: no employer in "lead the
    party's opposition" (:data:`_CLASS_EXCLUDES`), no employee in "Fairmont, which will manage
    the Savoy" (worksFor needs a person), no nation in "Tony Martin, of Burnley"."""
    if obj.label in _CLASS_EXCLUDES.get(relation_class, _NOT_PARTIES):
        return False
    if relation_class == "worksFor":
        return subject.label == "PERSON"
    if relation_class == "nationality":
        return obj.name.lower().removeprefix("the ") in COUNTRY_WORDS
    return True


def _same_party(a: object, b: object) -> bool:
    """Whether two mentions name one party: the same name, or one person's full name and
    surname ("he [Tony Blair] still trusted Mr Blair" relates no one to anyone)."""
    first, second = a.name.lower(), b.name.lower()  # type: ignore[attr-defined]
    if first == second:
        return True
    short, full = sorted((first.split(), second.split()), key=len)
    return a.label == b.label == "PERSON" and len(short) == 1 and (  # type: ignore[attr-defined]
        short[0] == full[-1])  # (not "David Miliband" and "Ed Miliband")


def _unrelated(first: Sequence[RelationSpan], rest: Sequence[RelationSpan]
               ) -> list[RelationSpan]:
    """``first``, then the relations of ``rest`` between pairs ``first`` does not relate."""
    related = {frozenset((r.subject, r.object)) for r in first}
    return [*first, *(r for r in rest if frozenset((r.subject, r.object)) not in related)]


def _role_relations(doc: Doc, found_roles: Sequence[RoleSpan],
                    found: Sequence[RelationSpan], spans: Sequence[object]
                    ) -> list[RelationSpan]:
    """A title with an affiliation is a relation too: "Brazil coach Mario Costa" ->
    Mario Costa ``coach of`` Brazil (schema:worksFor), "LDP candidate X" -> ``member of``
    (schema:memberOf); unless the patterns already related the two."""
    related = {frozenset((r.subject, r.object)) for r in found}
    out = []
    for role in found_roles:
        if role.affiliation is None or role.affiliation == role.mention or \
                frozenset((role.mention, role.affiliation)) in related:
            continue
        words = [w.lower() for w in role.title.split()]
        words = [singular_title_word(w) for w in words]  # "party leaders X and Y": each a leader
        heads = [k for k, w in enumerate(words) if w in _ROLE_HEADS]
        k = heads[-1] if heads else len(words) - 1
        general = bool(words) and words[k] == "general" and k > 0 and (
            words[k - 1] in _ROLE_HEADS)
        if general:
            k -= 1  # "director general", "secretary general", "attorney general"
        head = words[k] if words else ""
        affiliation = spans[role.affiliation]
        label, name = affiliation.label, affiliation.name  # type: ignore[attr-defined]
        words_of_name = name.lower().split()
        # the words of rank right before the head, over the affiliation's words ("assistant
        # US attorney general"; "deputy prime minister" is no prime minister)
        before = [w for w in words[:k] if w not in words_of_name]
        ranks = len(before)
        while ranks and before[ranks - 1] in RANK_MODIFIERS:
            ranks -= 1
        rank = "".join(f"{w} " for w in before[ranks:])
        party = all(w in PARTY_NAME_WORDS for w in words_of_name) or (
            label == "ORG" and words_of_name[-1] == "party")  # "Scottish National Party"
        person = spans[role.mention]
        start, end = person.start, person.end  # type: ignore[attr-defined]
        if not words and party and person.name[:1].isupper() and not (  # type: ignore[attr-defined]
                end - start == 1 and end < len(doc) and doc[end].lower_ in _ROLE_HEADS):
            # "Tory Liam Fox", "Liberal Democrat Paul Tyler": the party word in front of a
            # name says what the person is a member of (not in "Lib Dem Home Affairs
            # spokesman X", where the NER took "Affairs" for the person, nor in "the Lib
            # Dem's Citizen's Pension" or "the Tory-Labour debate")
            related.add(frozenset((role.mention, role.affiliation)))
            out.append(RelationSpan(role.mention, "member of", role.affiliation, name, start,
                                    0.8, "title", False, None))
            continue
        public = head in PUBLIC_ROLES | ELECTED_ROLES or general and label in ("GPE", "ORG")
        if not public and label != "ORG" and not (party and head) and not _employer_at(
                role.title, name, label):
            # "Australian store manager X" is from Australia, not its manager (but a party
            # the NER calls a nationality is one: "Liberal Democrat chairman X")
            continue
        if words_of_name[-1] in TITLE_HEADS or not party and all(
                w in TITLE_ONLY_WORDS for w in words_of_name):
            continue  # "Solicitor General Harriet Harman", "New Home Secretary Charles
            # Clarke": words of the title tagged as a name (but "Labour chairman X": the party)
        # "Labour minister X" is a minister of the government and a member of the party
        in_party = party and head in _OFFICES
        office = f"{head} general" if general else head
        predicate = "member of" if head in MEMBER_ROLES or in_party else f"{rank}{office} of"
        if label == "NORP" and name.lower() in DEMONYMS:
            predicate = "be from"  # "Italian Prime Minister X": from Italy, not "of Italian"
        elif head in ELECTED_ROLES and label in ("GPE", "LOC"):
            predicate = "represent"  # "New York Senator Charles Schumer"
        elif (FORMER_MODIFIERS & set(words[:k]) or _former_in_front(
                doc, affiliation.start)) and not in_party:  # type: ignore[attr-defined]
            # "former Tory leader X" no longer leads; "Former Tory chancellor X" is still a
            # Tory; "Former WorldCom boss X": the word before the affiliation
            predicate = f"former {predicate}"  # no schema class
        token = spans[role.mention].start  # type: ignore[attr-defined]
        related.add(frozenset((role.mention, role.affiliation)))
        out.append(RelationSpan(role.mention, predicate, role.affiliation, role.title, token,
                                0.8, "title", False, None))
    return out


def _employer_at(title: str, name: str, label: str) -> bool:
    """Whether a title ends in "at" and a name that is no person, people or country ("an
    economist at Natexis Banques Populaires", "chief economist at Gerrard"): one works at an
    employer, whatever label the NER gave its name."""
    return (title.endswith(f" at {name}") and label not in _NOT_EMPLOYERS
            and name.lower() not in COUNTRY_NAMES)


_NOT_EMPLOYERS = frozenset({"PERSON", "NORP", "LOC", "DATE", "CONCEPT"})


def _former_in_front(doc: Doc, start: int) -> bool:
    """Whether "former" or "ex-" stands right before token ``start`` (the affiliation of a
    title in front of a name: "former Worldcom boss", "ex-Yukos boss")."""
    k = start - 1
    if k >= 0 and doc[k].text in ("-", "–"):
        k -= 1
    return k >= 0 and doc[k].lower_ in FORMER_MODIFIERS

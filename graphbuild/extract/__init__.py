"""From parsed Docs to records: entity mentions, relations and roles.

This is where spaCy objects stop: :func:`extract` returns an :class:`Extraction` of plain
strings and character offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..types import Document, Extraction, Mention, Relation, Role, Sentence
from .entities import entity_spans
from .relations import normalise_predicate, relations
from .roles import roles

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
    words = 0
    for offset, doc in parts:
        sentence_of: dict[int, int] = {}
        for sent in doc.sents:
            sentence_of[sent.start] = len(sentences)
            text = sent.text.rstrip()  # spaCy keeps the whitespace after a sentence
            start = offset + sent.start_char
            sentences.append(Sentence(text, start, start + len(text)))
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
        spans = entity_spans(doc)
        mention_at: dict[int, int] = {}
        for k, span in enumerate(spans):
            mention_at.update((i, k) for i in range(span.span_start, span.span_end))
        labels = [s.label for s in spans]
        local_relations = list(relations(doc, mention_at, labels))
        local_roles = list(roles(doc, spans, mention_at))

        # Concepts ("the rebels") are kept only where they take part in a relation.
        used = {i for r in local_relations for i in (r.subject, r.object, r.source)}
        keep = [k for k, span in enumerate(spans) if span.label != "CONCEPT" or k in used]
        index = {k: len(mentions) + n for n, k in enumerate(keep)}
        for k in keep:
            span = spans[k]
            first, last = doc[span.start], doc[span.end - 1]
            mentions.append(Mention(
                text=span.text, name=span.name, label=span.label,
                start=offset + first.idx, end=offset + last.idx + len(last.text),
                sentence=sentence_of[first.sent.start], gender=span.gender,
            ))
        for r in local_relations:
            found_relations.append(Relation(
                subject=index[r.subject], predicate=r.predicate, object=index[r.object],
                verb=r.verb, sentence=sentence_of[doc[r.token].sent.start],
                confidence=r.confidence, pattern=r.pattern, negated=r.negated,
                source=None if r.source is None else index[r.source],
            ))
        for role in local_roles:
            found_roles.append(Role(
                mention=index[role.mention], title=role.title,
                sentence=mentions[index[role.mention]].sentence,
                affiliation=None if role.affiliation is None else index.get(role.affiliation),
            ))
    return Extraction(document, tuple(sentences), tuple(mentions),
                      tuple(dict.fromkeys(found_relations)), tuple(dict.fromkeys(found_roles)),
                      words)

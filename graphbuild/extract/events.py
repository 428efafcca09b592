"""Named contests as event mentions: elections, by-elections, referendums, primaries.

spaCy's small model reads "the 1997 Canadian federal election" as a date and a demonym
(or as nothing), so the contest, a node of its own for the parties and candidates that
stood in it, is lost. A contest is named when a head noun of
:data:`~graphbuild.lexicon.CONTEST_EVENT_HEADS` has, in the words right before it, a year
or a capitalised word ("the 2005 general election", "the Hartlepool by-election", "the EU
referendum", "October 1974 United Kingdom general election"); "the election", "the
party's leadership election" or "a February election" name no particular contest and stay
words. The mention covers the year, month, names and the lower-case words of
:data:`~graphbuild.lexicon.CONTEST_EVENT_MODIFIERS` before the head, and replaces the
mentions spaCy found inside it (the "Canadian" of "the 1997 Canadian federal election").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..lexicon import CONTEST_EVENT_HEADS, CONTEST_EVENT_MODIFIERS, PARTY_NAME_WORDS
from .clauses import sentence_starts, span_text
from .entities import EntitySpan

_PARTY_WORDS = PARTY_NAME_WORDS | {"party", "parties"}


def with_events(doc: Doc, spans: Sequence[EntitySpan]) -> list[EntitySpan]:
    """``spans`` with the named contests of ``doc`` as EVENT mentions, in text order; a
    mention inside a contest's name gives way to it, one that reaches outside it keeps its
    place (and the contest is not a mention)."""
    out = list(spans)
    for start, end in _contests(doc):
        inside = [s for s in out if s.span_start < end and start < s.span_end]
        if any(s.span_start < start or s.span_end > end for s in inside):
            continue
        first = start + (doc[start].lower_ == "the")
        out = [s for s in out if s not in inside]
        out.append(EntitySpan(first, end, start, end, "EVENT", span_text(doc, first, end),
                              span_text(doc, start, end)))
    return sorted(out)


def _contests(doc: Doc) -> Iterator[tuple[int, int]]:
    """``(start, end)`` token bounds of each named contest, "the" in front included."""
    heads = {doc.vocab.strings[word] for word in CONTEST_EVENT_HEADS}
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):  # few Tokens made
        token = doc[i] if lower in heads else None
        if token is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        start = token.i
        first = sentence_starts(doc)[token.i]  # (token.sent walks the Doc on every call)
        while start > first:
            before = doc[start - 1]
            if before.text == "-" and not before.whitespace_ and start - 2 >= first \
                    and not doc[start - 2].whitespace_:
                start -= 2  # "by-election", "mid-term": one word the tokenizer splits
            elif _name_word(before):
                start -= 1
            else:
                break
        words = doc[start:token.i]
        if not any(_year(t) or (t.is_title and t.i > first) or t.is_upper for t in words):
            continue
        if start > first and doc[start - 1].lower_ in ("a", "an"):
            continue  # "a February election", "a 2005 referendum": one yet to be named
        if start > first and doc[start - 1].lower_ == "the":
            start -= 1
        yield start, token.i + 1


def _name_word(token: Token) -> bool:
    """Whether ``token`` can be a word of a contest's name, before its head noun."""
    if token.lower_ in CONTEST_EVENT_MODIFIERS or _year(token):
        return True
    if not (token.is_title or token.is_upper) or token.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return False
    if token.ent_type_ in ("ORG", "NORP"):  # "the Labour election campaign" is no contest
        start, end = token.i, token.i
        while token.doc[start].ent_iob_ == "I":
            start -= 1
        while end + 1 < len(token.doc) and token.doc[end + 1].ent_iob_ == "I":
            end += 1
        return not any(t.lower_ in _PARTY_WORDS for t in token.doc[start:end + 1])
    return token.ent_type_ not in ("PERSON", "CARDINAL", "WORK_OF_ART", "LAW", "FAC")


def _year(token: Token) -> bool:
    return token.shape_ == "dddd" and 1800 <= int(token.text) <= 2100

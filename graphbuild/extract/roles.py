"""Titles and roles of people: "U.S. Secretary of State John Kerry" holds "Secretary of State".

Two patterns: a title compound in front of the name (with an optional affiliation such as
"U.S." or "Russian" before the title), and an apposition ("Basma Kodmani, a member of the
High Negotiations Committee").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..lexicon import (
    DESCRIPTOR_ROLES,
    HONORIFICS,
    NOT_AFFILIATION_PREFIXES,
    PARTY_NAME_WORDS,
    ROLE_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLES_AFTER_NAMES,
)
from .clauses import hyphened_before, sentence_at
from .entities import EntitySpan

_HEADS = TITLE_HEADS | ROLE_WORDS
_TITLE_START = _HEADS | TITLE_MODIFIERS
_LINKS = frozenset({"of", "for", "-"})
_COMPLEMENT_LINKS = frozenset({"of", "for", "at", "in"})
# Affiliations may sit in front of a title ("U.S.", "Russian", "UN"); a person may not.
_AFFILIATION_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
_MAX_TITLE_TOKENS = 12
_HONORIFIC_WORDS = frozenset(h.lower().rstrip(".") for h in HONORIFICS)
_MAX_COMPLEMENTS = 3  # "head [of strategy] [for markets] [for Barclays]"
# Title heads after which a party's name is a ministry's ("Labour Secretary").
_MINISTRY_HEADS = frozenset({"secretary", "ministry", "department"})


class RoleSpan(NamedTuple):
    """A title held by the entity mention ``mention``; ``affiliation`` is another mention."""

    mention: int
    title: str
    affiliation: int | None


def roles(doc: Doc, spans: list[EntitySpan], mention_at: Mapping[int, int]) -> Iterator[RoleSpan]:
    """Yield the titles of the PERSON mentions in ``doc``.

    Args:
        doc: the parsed text.
        spans: its entity mentions, as from :func:`entity_spans`.
        mention_at: token index -> index into ``spans``.
    """
    for index, span in enumerate(spans):
        if span.label != "PERSON":
            continue
        found = _title_in_front(doc, span, spans, mention_at) or \
            _title_before_apposition(doc, span, spans, mention_at)
        if found:
            yield RoleSpan(index, *found)
            if _plural(found[0]):
                # "Labour leaders Jane Roe, John Doe and Mary Smith": a plural title is
                # held by each name of the list
                # ("Labour leaders A, B and C": B parsed as A's apposition, C as B's conjunct)
                for conj in _listed(doc[span.end - 1]):
                    other = mention_at.get(conj.i)
                    if conj.i > span.end and other is not None and \
                            spans[other].label == "PERSON" and other != index:
                        yield RoleSpan(other, *found)
        else:
            yield from _listed_after_plural_title(doc, span, spans, mention_at, index)
        yield from _descriptors(doc, index, spans, found is not None)
        head = doc[span.end - 1]
        for child in head.children:
            if child.dep_ == "appos" and child.i >= span.end:
                title = _appositive_title(child, mention_at)
                if title:
                    yield RoleSpan(index, title, _appositive_affiliation(child, spans,
                                                                         mention_at))


def _descriptors(doc: Doc, index: int, spans: list[EntitySpan], titled: bool
                 ) -> Iterator[RoleSpan]:
    """What the NER took into a person's span and the name left out: a party in front is
    the person's affiliation ("Tory Liam Fox", "Lib Dem Norman Baker", "Ontario Liberal
    Party Joe Dickson"), a role noun in front ("Backbencher Stephen Pound") and a title after
    ("Paul Boateng MP") are titles."""
    span = spans[index]
    party = next((k for k, other in enumerate(spans) if other.end == span.span_start
                  and other.label in ("NORP", "ORG") and other.start < span.start
                  and (all(w.lower() in PARTY_NAME_WORDS for w in other.name.split())
                       or other.label == "ORG" and other.name.lower().endswith(" party"))),
                 None)
    if party is not None:
        yield RoleSpan(index, "", party)
        # "Tories Ken Clarke and Sir George Young": the names after it with nothing in
        # front of their own but an honorific are the party's too
        end = span.end
        for conj in doc[span.end - 1].conjuncts:
            other = next((k for k, s in enumerate(spans) if s.start <= conj.i < s.end), None)
            if conj.i < end or other is None or spans[other].label != "PERSON" or not all(
                    t.lower_ in (",", "and") or t.is_title and t.lower_.rstrip(".") in HONORIFICS
                    for t in doc[end:spans[other].start]):
                break
            yield RoleSpan(other, "", party)
            end = spans[other].end
    if not titled:
        words = [t for t in doc[span.span_start:span.start] if t.lower_ in DESCRIPTOR_ROLES]
        if words:
            yield RoleSpan(index, words[-1].text, None)
    # After the name, inside the NER span or just outside it, in capitals ("Ann Smith MP").
    after = [t for t in doc[span.end:span.span_end] if not t.is_punct]
    k = span.span_end
    while k < len(doc) and k - span.span_end < 2 and doc[k].is_upper \
            and doc[k].text.rstrip(".").lower() in TITLES_AFTER_NAMES:
        after.append(doc[k])
        k += 1
    if after and all(t.lower_.rstrip(".") in TITLES_AFTER_NAMES for t in after):
        yield RoleSpan(index, _join(after), None)


def _listed(name: Token) -> list[Token]:
    """The names listed with ``name``: its conjuncts, and its appositions with theirs."""
    appositions = [c for c in name.children if c.dep_ == "appos"]
    return [*name.conjuncts, *(t for a in appositions for t in (a, *a.conjuncts))]


def _title_in_front(doc: Doc, span: EntitySpan, spans: list[EntitySpan],
                    mention_at: Mapping[int, int]) -> tuple[str, int | None] | None:
    # Walk left from the name over the words of its noun phrase that can belong to a title
    # ("Russian Foreign Minister", "Secretary of State", "UN Special Envoy for Syria").
    start = span.start
    while (start > 0 and span.start - start < _MAX_TITLE_TOKENS and not doc[start].is_sent_start
           and _in_title_phrase(doc[start - 1], spans, mention_at, span.end)):
        start -= 1
    words = [t for t in doc[start:span.start] if t.tag_ != "POS"]
    # The title starts at its first title word that is not part of an affiliation's name;
    # an ORG's words may be title words ("Defence" tagged ORG in "Defence Minister").
    first = next((k for k, t in enumerate(words) if _word(t) in _TITLE_START and (
        t.i not in mention_at or spans[mention_at[t.i]].label == "ORG")
        and not _party_before_role(t, words[-1], spans, mention_at)), None)
    if first is None:
        return None
    # ... unless the organisation's name has words no title has ("Home Office minister X":
    # the Home Office is the affiliation, "minister" the title).
    for k in range(len(words) - 1, first - 1, -1):
        m = mention_at.get(words[k].i)
        if m is not None and spans[m].label == "ORG" and k + 1 < len(words) and \
                words[k + 1].i not in mention_at and any(
                    _word(t) not in _TITLE_START for t in doc[spans[m].start:spans[m].end]):
            first = next((j for j in range(k + 1, len(words))
                          if _word(words[j]) in _TITLE_START), len(words))
            break
    title_tokens = words[first:]
    while len(title_tokens) > 1 and title_tokens[-1].lower_.rstrip(".") in _HONORIFIC_WORDS \
            and _word(title_tokens[-1]) not in _HEADS:
        title_tokens.pop()  # "CBI director-general Sir Digby Jones": "Sir" is how he is named
    if not any(_word(t) in _HEADS for t in title_tokens):
        return None
    ending = [t for t in title_tokens if t.lower_.rstrip(".") not in _HONORIFIC_WORDS]
    if ending and ending[-1].pos_ == "ADP":
        return None  # "a spokesman for Michael Howard", "over the head of Mr Brown": the name
        # is the object of the role's preposition, not who holds it
    affiliation = _affiliation_in_front(doc, words[:first], spans, mention_at)
    its = words[first - 1] if first else doc[start - 1] if start > 0 else None
    if affiliation is None and its is not None and its.lower_ == "its":
        affiliation = _antecedent_of_its(doc, its, spans, mention_at)
    if affiliation is not None and spans[affiliation].label == "LOC":
        # a region is the title's portfolio: "Europe minister X" is no minister of Europe
        region = [t for t in words[:first] if t.i >= spans[affiliation].start]
        return _join(region + title_tokens), None
    if affiliation is not None and _prefixed(doc, spans[affiliation]):
        return _join(title_tokens), None  # "ex-Downing Street media chief X"
    if affiliation is None and not words[:first]:
        affiliation = _bracketed_before(doc, start, spans, mention_at)
    if affiliation is None:
        # "former Conservative leader X": a party or a country inside the title, after a
        # word that dates or qualifies the role (not "Defence" in "Defence Minister")
        affiliation = next((mention_at[t.i] for t in title_tokens if t.i in mention_at
                            and spans[mention_at[t.i]].label in _AFFILIATION_LABELS
                            and any(_word(w) not in _TITLE_START or
                                    _party_before_role(w, words[-1], spans, mention_at)
                                    for w in doc[spans[mention_at[t.i]].start:
                                                 spans[mention_at[t.i]].end])
                            and not _prefixed(doc, spans[mention_at[t.i]])), None)
    return _join(title_tokens), affiliation


def _affiliation_in_front(doc: Doc, words: list[Token], spans: list[EntitySpan],
                          mention_at: Mapping[int, int]) -> int | None:
    """The name in front of a title that the title is of: a possessor ("London's Labour
    mayor X", "the SNP's Holyrood leader X"), else the organisation nearest the title ("UK
    Independence Party leader X": the NER cuts "UK" off; "US Federal Reserve chairman X";
    "GM Europe president X"), else the first country ("US Syria envoy X": Syria is the
    portfolio); a region alone is the title's portfolio ("Europe minister X")."""
    names = list(dict.fromkeys(mention_at[t.i] for t in words if t.i in mention_at))
    owner = next((m for m in names if spans[m].end < len(doc)
                  and doc[spans[m].end].tag_ == "POS"), None)
    if owner is not None or not names:
        return owner
    bodies = [m for m in names if spans[m].label == "ORG"]
    named = [m for m in names if spans[m].label != "LOC"]
    return bodies[-1] if bodies else named[0] if named else names[-1]


def _antecedent_of_its(doc: Doc, its: Token, spans: list[EntitySpan],
                       mention_at: Mapping[int, int]) -> int | None:
    """The organisation or country "its" stands for in "its chief executive X": the nearest
    one named before it in the sentence ("proceedings against Vivendi, its chief executive
    Jean-Rene Fourtou and ..."), or None."""
    for t in reversed(doc[sentence_at(doc)[its.i].start:its.i]):
        m = mention_at.get(t.i)
        if m is not None and spans[m].label in ("ORG", "GPE"):
            return m
    return None


def _bracketed_before(doc: Doc, start: int, spans: list[EntitySpan],
                      mention_at: Mapping[int, int]) -> int | None:
    """The organisation named before a bracketed short name that ends right before a
    title: "the Welsh National Farmers' Union (NFU) chairman X" works for the union."""
    if start < 4 or doc[start - 1].text != ")" or doc[start - 3].text != "(":
        return None
    short, name = mention_at.get(start - 2), mention_at.get(start - 4)
    if short is None or name is None or spans[name].label != "ORG" or \
            spans[short].end != start - 1 or spans[name].end != start - 3:
        return None
    return name


def _prefixed(doc: Doc, span: EntitySpan) -> bool:
    """Whether a name is written after a prefix that denies or dates an affiliation with it
    ("pro-Iraq war Labour MP", "ex-Downing Street media chief"), in its span or before it."""
    before = "".join(t.text for t in doc[max(0, span.start - 2):span.start]).lower()
    inside = doc[span.start:min(span.start + 2, span.end)].text.lower().replace(" ", "")
    return before.endswith(NOT_AFFILIATION_PREFIXES) or inside.startswith(
        NOT_AFFILIATION_PREFIXES)


def _party_before_role(token: Token, head: Token, spans: list[EntitySpan],
                       mention_at: Mapping[int, int]) -> bool:
    """Whether ``token`` is a party's name in front of a party role ("Labour chairman X":
    the chairman of the Labour party), not a word of a ministry's title ("Labour
    Secretary")."""
    m = mention_at.get(token.i)
    return m is not None and head.lower_ not in _MINISTRY_HEADS and all(
        w.lower() in PARTY_NAME_WORDS for w in spans[m].name.split())


def _title_before_apposition(doc: Doc, span: EntitySpan, spans: list[EntitySpan],
                             mention_at: Mapping[int, int]
                             ) -> tuple[str, int | None] | None:
    """A title noun the name is in apposition to: "EEF chief economist, Steve Radley",
    "Merck's head of research Peter Kim", "Yukos's former boss, Mikhail Khodorkovsky"."""
    name = doc[span.end - 1]
    noun = name.head
    if name.dep_ == "appos" and noun.i in mention_at and noun.i < span.start:
        return _title_of_before_apposition(name, spans, mention_at)
    if name.dep_ != "appos" or noun.i >= span.start or noun.i in mention_at or \
            _word(noun) not in _HEADS or noun.pos_ not in ("NOUN", "PROPN"):
        return None  # ("Plaid Cymru's former President, Dafydd Wigley")
    left = [t for t in noun.subtree if t.i < span.start]
    if any(t.i in mention_at and spans[mention_at[t.i]].label == "PERSON" for t in left):
        return None  # "Blair's chief of staff Jonathan Powell": someone else's role
    while left and left[-1].is_punct:
        left.pop()
    # the title starts after its determiner, its owner and the words of an affiliation
    start = max((k + 1 for k, t in enumerate(left) if t.i < noun.i and (
        t.dep_ in ("det", "poss", "case") or t.tag_ == "POS" or t.i in mention_at)), default=0)
    if start >= len(left) or any(t.is_punct for t in left[start:]):
        return None
    return _join(left[start:]), _appositive_affiliation(noun, spans, mention_at)


def _title_of_before_apposition(name: Token, spans: list[EntitySpan],
                                mention_at: Mapping[int, int]
                                ) -> tuple[str, int | None] | None:
    """"The chief executive of Tesco, Terry Leahy, said": the parse hangs the name on the
    organisation, not on the title the organisation's "of" ("at", "for") phrase is of."""
    owner = name.head
    prep = owner.head
    noun = prep.head
    if owner.dep_ != "pobj" or prep.lower_ not in ("of", "at", "for") or noun.i in mention_at or \
            _word(noun) not in _HEADS or noun.pos_ != "NOUN" or \
            spans[mention_at[owner.i]].label != "ORG":
        return None
    title = _with_hyphened_start([t for t in noun.lefts if t.dep_ in ("amod", "compound")
                                  and t.i not in mention_at] + [noun])  # "the co-chairman"
    if any(t.i in mention_at and spans[mention_at[t.i]].label == "PERSON"
           for t in noun.subtree if t.i < owner.i):
        return None  # "the chief of staff of Mr Blair's office": someone else's
    return _join(title), mention_at[owner.i]


def _listed_after_plural_title(doc: Doc, span: EntitySpan, spans: list[EntitySpan],
                               mention_at: Mapping[int, int], index: int
                               ) -> Iterator[RoleSpan]:
    """A name listed after a plural title with an affiliation holds the title there: "Labour
    MPs, including Jane Roe and John Doe", "Tory MPs such as Jane Roe", "six Republican
    senators - Jane Roe, John Doe and ..." (the names in apposition, or the objects of
    "including" or "such as", with their conjuncts)."""
    name = doc[span.end - 1]
    top = name
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head  # the list's first name
    if top.i not in mention_at or spans[mention_at[top.i]].label != "PERSON":
        return  # "officials, a QC, Jane Roe and ...": a list of other things
    noun, link = top.head, top
    if top.dep_ == "pobj" and (top.head.lower_ == "including" or (
            top.head.lower_ == "as" and any(c.lower_ == "such" for c in top.head.head.children)
            or any(c.lower_ == "such" for c in top.head.children))):
        link, noun = top.head, top.head.head  # "MPs such as X": "such" on the noun or on "as"
    elif top.dep_ != "appos":
        return
    first = min(t.i for t in link.subtree)
    if any(not t.is_punct for t in doc[noun.i + 1:first]):
        return  # "three Foreign Office officials, a QC, Jane Roe": the list's next item
    if (link.dep_ not in ("appos", "prep") or noun.i >= span.start
            or noun.tag_ not in ("NNS", "NNPS") or singular_title_word(_word(noun)) not in _HEADS):
        return
    affiliation = _appositive_affiliation(noun, spans, mention_at)
    # (the title may be a concept of its own, "MPs", or in the party's span: "Labour MPs"
    # tagged one name)
    own = mention_at.get(noun.i)
    if affiliation is not None and affiliation != index and (
            own is None or own == affiliation or spans[own].label == "CONCEPT") and \
            not _prefixed(doc, spans[affiliation]):
        yield RoleSpan(index, noun.text, affiliation)


def _in_title_phrase(token: Token, spans: list[EntitySpan],
                     mention_at: Mapping[int, int], end: int) -> bool:
    """A word that can sit inside a title or its affiliation, in front of a name that
    ends before token ``end``."""
    if token.i in mention_at:
        return spans[mention_at[token.i]].label in _AFFILIATION_LABELS
    if token.lower_ in _LINKS or token.tag_ == "POS":
        return True
    if not token.whitespace_ and token.nbor().text == "-":
        return True  # "Under-Secretary": a word hyphened to the next
    if token.lower_ == "and" and token.i and _word(token.nbor(-1)) in _TITLE_START and \
            _word(token.nbor()) in _TITLE_START:
        return True  # "EBay president and chief executive Meg Whitman"
    if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    # (lower-case words modify a word of the title: "BBC home affairs correspondent",
    # "Norway's peace negotiator")
    return token.is_title or token.is_upper or _word(token) in _TITLE_START or (
        token.pos_ != "PROPN" and token.dep_ in ("compound", "amod", "nmod")
        and token.i < token.head.i < end)


def _word(token: Token) -> str:
    """A title word in the singular ("leaders" -> "leader")."""
    if token.tag_ == "NNS" and token.lower_ not in _TITLE_START:
        return token.lemma_.lower()
    return token.lower_


def singular_title_word(word: str) -> str:
    """A plural title word in the singular ("leaders" -> "leader"), other words as they are
    ("news", "boss")."""
    return word[:-1] if word.endswith("s") and word not in _HEADS and word[:-1] in _HEADS \
        else word


def _plural(title: str) -> bool:
    """Whether a title's last word is a plural title word ("party leaders")."""
    last = title.split()[-1].lower()
    return singular_title_word(last) != last


def _with_hyphened_start(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the words hyphened to the first one put in front: in "vice-president"
    the parse hangs the words of a hyphened title side by side."""
    while tokens and (hyphened := hyphened_before(tokens[0])) is not None:
        tokens[:0] = [hyphened, hyphened.nbor()]
    return tokens


def _appositive_title(appos: Token, mention_at: Mapping[int, int]) -> str | None:
    """The apposition's words when its head is a title ("a member of ..."), else None."""
    if appos.i in mention_at or appos.lower_ not in _HEADS:
        return None
    # (a participle or relative clause after the title is no part of it: "an official from
    # the Commission quoted in the China Daily newspaper")
    clause = [c for c in appos.children if c.dep_ in ("acl", "relcl") and c.i > appos.i]
    cut = min((min(t.i for t in c.subtree) for c in clause), default=len(appos.doc))
    tokens = [t for t in appos.subtree if t.i < cut and (
        t.dep_ not in ("det", "punct") or t.i > appos.i)]
    tokens = _with_hyphened_start(tokens)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) > _MAX_TITLE_TOKENS:
        return None
    return _join(tokens)


def _appositive_affiliation(appos: Token, spans: list[EntitySpan],
                            mention_at: Mapping[int, int]) -> int | None:
    """The organisation or place a title apposition is of ("general secretary of the
    Transport Union", "the Democratic Governor of New York", "Leeds striker", "an official
    from the Beijing Municipal Commission")."""
    for child in appos.children:
        if child.i in mention_at and (
                child.dep_ in ("compound", "poss", "nmod") and
                spans[mention_at[child.i]].label in _AFFILIATION_LABELS or
                child.dep_ == "amod" and spans[mention_at[child.i]].label in ("ORG", "NORP")):
            return mention_at[child.i]  # (a party parsed as an adjective: "Tory spokesman")
    for prep in appos.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "from"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i in mention_at and \
                    spans[mention_at[pobj.i]].label in _AFFILIATION_LABELS:
                return mention_at[pobj.i]
            # "director of the Conference Board's consumer research centre", "leader of the
            # Labour group on Newham Council"
            owner = next((c for c in pobj.children if c.dep_ in ("poss", "compound")
                          and c.i in mention_at and spans[mention_at[c.i]].label == "ORG"),
                         None) \
                if pobj is not None and pobj.i not in mention_at else None
            if owner is not None:
                return mention_at[owner.i]
    return _employer_down_the_title(appos, spans, mention_at)


def _employer_down_the_title(appos: Token, spans: list[EntitySpan],
                             mention_at: Mapping[int, int]) -> int | None:
    """The organisation down a title's chain of complements, after "for" or "at": "head
    of UK equities for Standard Life", "head of strategy for emerging markets for Barclays
    Capital" (the title's field first, then whom the holder works for)."""
    level = [appos]
    for depth in range(_MAX_COMPLEMENTS):
        objects = [(prep, p) for t in level for prep in t.children
                   if prep.dep_ == "prep" and prep.lower_ in _COMPLEMENT_LINKS
                   for p in prep.children if p.dep_ == "pobj"]
        for prep, pobj in objects:
            if depth and prep.lower_ in ("for", "at") and pobj.i in mention_at and \
                    spans[mention_at[pobj.i]].label == "ORG":
                return mention_at[pobj.i]
        level = [p for _, p in objects if p.i not in mention_at]
    return None


def _join(tokens: list[Token]) -> str:
    """Tokens as written, with the document's own spacing."""
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i:tokens[-1].i + 1].text.split())  # not doc.text: O(len(doc))

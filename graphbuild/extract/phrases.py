"""Relations stated inside noun phrases, between names next to each other.

- where an organisation is based: a place in front of the kind of organisation it is
  ("UK pharmaceutical firm Phytopharm", "Russian newspaper Vedomosti", "US giant UPS"),
  a "-based" phrase ("the Paris-based IEA watchdog", "Titan, a California-based company");
- where a place lies: an apposition that names the country's place ("Prague, the Czech
  capital"), "the Pakistani city of Lahore", "Pakistan's Sindh province";
- which organisation a unit belongs to, or owns another: "News Corp's News International
  unit", "American Airlines' parent AMR";
- the parties of an event "between" two: "talks between Israel and the Palestinians".

Each pattern reads a few tokens around the names; none relates names that merely stand in
one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..lexicon import (
    COUNTRY_FORMS,
    DEMONYMS,
    LAW_HEADS,
    MODAL_AUXILIARIES,
    NOMINAL_PREDICATES,
    ORGANISATION_KINDS,
    PART_NOUNS,
    PLACE_KINDS,
)
from .entities import EntitySpan
from .relations import RelationSpan, likened, normalise_predicate

_PLACES = frozenset({"GPE", "LOC"})
# Kinds of place that are the first division of a country, and the countries' names.
_COUNTRY_DIVISIONS = frozenset({"state", "province"})
_CONFIDENCE = 0.75
# Words between a place and the kind of organisation: "UK mobile phone operator", "US
# state-owned oil giant", "Aberdeen-based oil and gas consultancy".
_MAX_MODIFIERS = 4
# Events "between" two parties that each takes part in with the other.
_BETWEEN_PREDICATES = frozenset({"talk", "meet", "negotiate", "cooperate", "agree", "ally",
                                 "fight", "partner", "merge", "dispute"})


def phrase_relations(doc: Doc, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]
                     ) -> Iterator[RelationSpan]:
    """Yield the relations stated by the noun phrases of ``doc``.

    Args:
        doc: the parsed text.
        spans: its entity mentions, as from :func:`entity_spans`.
        mention_at: token index -> index into ``spans``.
    """
    for m, span in enumerate(spans):
        if span.label == "ORG":
            yield from _unit(doc, m, spans, mention_at)
        if span.label in _PLACES | {"FAC"}:
            yield from _lies_in(doc, m, spans, mention_at)
        if span.label not in ("CONCEPT", "NORP") and not (
                span.start and doc[span.start - 1].text == "-"):
            # (the kind of organisation says what the name is: "drug companies Merck and
            # Pfizer", "Solidere, the Lebanese company", whatever the NER made of it; not
            # a nationality, nor half of "US-German carmaker")
            yield from _based(doc, m, spans, mention_at)
    between = doc.vocab.strings["between"]
    for i in (doc.to_array(LOWER) == between).nonzero()[0].tolist():  # few Tokens made
        noun = doc[i].head
        if noun.pos_ == "NOUN" and noun.lower_ in NOMINAL_PREDICATES:
            yield from _between(noun, mention_at)


def _relation(subject: int, predicate: str, obj: int, token: Token, negated: bool = False,
              modality: str = "") -> RelationSpan:
    return RelationSpan(subject, predicate, obj, token.text, token.i, _CONFIDENCE, "phrase",
                        negated, None, modality)


def _qualifiers(noun: Token) -> tuple[bool, str]:
    """Whether the clause an event noun is an argument of is negated, and its modal ("a
    merger between X and Y would be the fifth deal": possible); "no" in front of the noun
    negates it too ("there was no treaty between X and Y")."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True, ""
    token = noun
    for _ in range(3):
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "attr"):
            return False, ""
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            negated = any(c.dep_ == "neg" for c in token.children)
            modal = next((MODAL_AUXILIARIES[c.lower_] for c in token.children
                          if c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES), "")
            return negated, modal
    return False, ""


def _place(k: int, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]) -> int | None:
    """The mention at token ``k`` when it names a place or a nationality ("Russian")."""
    m = mention_at.get(k)
    if m is None:
        return None
    span = spans[m]
    if span.label in _PLACES or (span.label == "NORP" and span.name.lower() in DEMONYMS):
        return m
    return None


def _based(doc: Doc, m: int, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]
           ) -> Iterator[RelationSpan]:
    """"UK pharmaceutical firm Phytopharm", "the Paris-based IEA watchdog", "Titan, a
    California-based company", "a Madrid-based charity, the Salvador Allende Foundation"."""
    span = spans[m]
    if doc[span.end - 1].lower_ in LAW_HEADS:
        return  # "the UK's Human Rights Act": a law is not based anywhere
    # the kind of organisation: the noun before the name, the noun the name qualifies, or
    # an apposition of either
    kinds = []
    before = _skip_comma(doc, span.start - 1)
    if before >= 0 and doc[before].lower_ in ORGANISATION_KINDS:
        kinds.append(doc[before])  # "a Madrid-based charity, the Salvador Allende Foundation"
    if span.end < len(doc) and doc[span.end].lower_ in ORGANISATION_KINDS and \
            doc[span.end - 1].head.i == span.end:
        kinds.append(doc[span.end])  # "the IEA watchdog"
    last = doc[span.start:span.end].root  # (not "Africa" of "United Bank of Africa")
    if span.label != "PERSON":  # ("Paul Hofheinz of the Lisbon Council, a Brussels-based
        # group": the parse puts the group beside the man)
        kinds += [t for t in (*last.children, last.head) if t.lower_ in ORGANISATION_KINDS
                  and t.i not in mention_at and not _name_between(t, span, spans, mention_at)
                  and (t.dep_ == "appos" and t.head.i == last.i
                       or last.dep_ == "appos" and last.head.i == t.i)]
    if not kinds and span.label != "ORG":
        return
    for kind in kinds:
        start = span.start if kind.i == span.end else kind.i
        place = _place_in_front(doc, start, spans, mention_at)
        if place is None:  # "Allied Irish Banks, Ireland's biggest company"
            place = _owner(kind, spans, mention_at)
        if span.label in _PLACES and kind.i > span.start and not any(
                c.dep_ == "det" for c in kind.children):
            continue  # "the Jacksonville, Florida-based firm": a place, not the firm
        if place is not None and place != m:
            yield _relation(m, "be based in", place, kind)
            if kind.tag_ == "NNS":  # "Nigerian banks United Bank and Standard Trust"
                for conj in last.conjuncts:
                    other = mention_at.get(conj.i)
                    if conj.i > last.i and other is not None and other not in (m, place):
                        yield _relation(other, "be based in", place, kind)
            return
    if kinds or span.start < 2:
        return
    if doc[span.start - 1].lower_ == "based":
        place = _place_in_front(doc, span.start, spans, mention_at)  # "Ireland-based Elan"
        if place is not None and place != m:
            yield _relation(m, "be based in", place, doc[span.start - 1])
    elif doc[span.start - 1].tag_ == "POS" and span.label == "ORG" and not (
            last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i) and \
            not likened(last):  # ("was seen as Europe's Enron")
        # (not "London's Labour mayor", "Britain's EU commissioners")
        # "France's Dassault Aviation, Sweden's Saab and Russia's Mikoyan-Gurevich" (the
        # parser loses the possessives of a list)
        place = _place(span.start - 2, spans, mention_at)
        if place is not None and place != m and spans[place].label != "NORP":
            yield _relation(m, "be based in", place, doc[span.start - 1])


def _name_between(token: Token, span: EntitySpan, spans: Sequence[EntitySpan],
                  mention_at: Mapping[int, int]) -> bool:
    """Whether another name, not a place, stands between a word and a name: in "US carmaker
    General Motors and retailer KarstadtQuelle" the carmaker is General Motors only."""
    between = range(token.i + 1, span.start) if token.i < span.start else range(span.end, token.i)
    return any(k in mention_at and _place(k, spans, mention_at) is None for k in between)


def _place_in_front(doc: Doc, start: int, spans: Sequence[EntitySpan],
                    mention_at: Mapping[int, int]) -> int | None:
    """The place at the front of the noun phrase whose words before token ``start`` are
    modifiers: "UK | mobile phone", "Aberdeen-based | oil and gas", "US | state-owned"."""
    k = start - 1
    modifiers = 0
    while k >= 0 and modifiers <= _MAX_MODIFIERS:
        token = doc[k]
        if k in mention_at:
            place = _place(k, spans, mention_at)
            # (the place modifies a word of the phrase: not "in Britain firms such as")
            return place if place is not None and token.head.i >= k else None
        if token.lower_ == "based" and k >= 2 and doc[k - 1].text == "-" and \
                not doc[k - 1].whitespace_:
            return _place(k - 2, spans, mention_at)  # "Paris-based"
        if not (token.is_lower and token.pos_ in ("NOUN", "ADJ", "VERB")
                or token.text in ("-", "and", "&")):
            return None
        k -= 1
        modifiers += 1
    return None


def _owner(kind: Token, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]
           ) -> int | None:
    """The place a kind noun is "of" or belongs to: "the capital of Saudi Arabia",
    "Ireland's biggest company"."""
    for child in kind.children:
        if child.dep_ == "poss" and _place(child.i, spans, mention_at) is not None:
            return mention_at[child.i]
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _place(pobj.i, spans, mention_at) is not None:
                    return mention_at[pobj.i]
    return None


def _place_of(doc: Doc, kind: Token, spans: Sequence[EntitySpan],
              mention_at: Mapping[int, int]) -> int | None:
    """The place in front of a kind noun ("the Czech capital") or its owner."""
    found = _place_in_front(doc, kind.i, spans, mention_at)
    return found if found is not None else _owner(kind, spans, mention_at)


def _lies_in(doc: Doc, m: int, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]
             ) -> Iterator[RelationSpan]:
    """"Prague, the Czech capital", "the Pakistani city of Lahore", "Pakistan's Sindh
    province", "Kenya's biggest shantytown, Kibera"."""
    span = spans[m]
    last = doc[span.end - 1]
    # "Prague, the Czech capital", "Riyadh, the capital of Saudi Arabia": an apposition
    # that is a kind of place of a country; "the Mowden area of Darlington"
    kinds = [c for c in last.children if c.dep_ == "appos"]
    if last.dep_ == "compound" and last.head.i == span.end:
        kinds.append(last.head)
    for kind in kinds:
        if kind.lower_ in PLACE_KINDS and kind.i not in mention_at:
            country = _owner(kind, spans, mention_at) if kind.i == span.end else \
                _place_of(doc, kind, spans, mention_at)
            if country is not None and country != m:
                yield _relation(m, "be in", country, kind)
                return
    # "Sellafield, in Cumbria,": a place after a comma and "in", closed by punctuation
    k = span.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "in":
        inner = k + 3 if doc[k + 2].lower_ == "the" else k + 2
        place = _place(inner, spans, mention_at)
        if place is not None and spans[place].label != "NORP" and spans[place].start == inner \
                and place != m and (spans[place].end == len(doc) or
                                    doc[spans[place].end].text in (",", ".", ";", ")")):
            yield _relation(m, "be in", place, doc[k + 1])
            return
    # "the Pakistani city of Lahore"
    if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lower_ in PLACE_KINDS \
            and span.start == last.head.i + 1:
        kind = last.head.head
        # (a nationality in front: "the Mowden area of Darlington" is the other way round)
        country = _place_in_front(doc, kind.i, spans, mention_at)
        if country is not None and spans[country].label != "NORP":
            country = None
        if country is None:
            country = next((mention_at[c.i] for c in kind.children if c.dep_ == "poss"
                            and _place(c.i, spans, mention_at) is not None), None)
        if country is not None and country != m and _holds(kind, spans[country]):
            yield _relation(m, "be in", country, kind)
            return
    # "Pakistan's Sindh province", "Kenya's biggest shantytown Kibera": a possessive place
    # in front and a kind of place ("China's Baoshan" is as often a firm as a town)
    k = _skip_comma(doc, span.start - 1)
    named_kind = None
    if k >= 0 and doc[k].lower_ in PLACE_KINDS:
        named_kind = doc[k]
        k -= 1
    elif span.end < len(doc) and doc[span.end].lower_ in PLACE_KINDS:
        named_kind = doc[span.end]  # "Thailand's Phuket island"
    while k >= 1 and doc[k].is_lower and doc[k].pos_ == "ADJ":
        k -= 1
    if named_kind is not None and k >= 1 and doc[k].tag_ == "POS":
        country = _place(k - 1, spans, mention_at)
        if country is not None and country != m and spans[country].label != "NORP" and \
                _holds(named_kind, spans[country]):
            yield _relation(m, "be in", country, doc[k])


def _holds(kind: Token, owner: EntitySpan) -> bool:
    """Whether a place can hold a place of this kind: a state or a province is a country's
    (in "Frankfurt's state of Hessen" the city lies in the state, not the state in it)."""
    return kind.lower_ not in _COUNTRY_DIVISIONS or owner.name.lower() in COUNTRY_FORMS


def _skip_comma(doc: Doc, k: int) -> int:
    """The token before ``k``'s ", the" or "," when token ``k`` ends one ("shantytown,
    Kibera"), else ``k``."""
    if k >= 1 and doc[k].lower_ == "the" and doc[k - 1].text == ",":
        return k - 2
    return k - 1 if k >= 1 and doc[k].text == "," else k


def _unit(doc: Doc, m: int, spans: Sequence[EntitySpan], mention_at: Mapping[int, int]
          ) -> Iterator[RelationSpan]:
    """"News Corp's News International unit", "Nestle's unit Acme": an organisation named
    as the unit of another's; "American Airlines' parent AMR", "the club's owner X": as its
    owner."""
    span = spans[m]
    for k in (span.end, span.start - 1):
        if not 0 <= k < len(doc) or doc[k].lower_ not in PART_NOUNS or k in mention_at:
            continue
        predicate, _, _ = PART_NOUNS[doc[k].lower_]
        if predicate not in ("part of", "own") or (predicate == "own" and k == span.end):
            continue
        owner_end = (span.start if k == span.end else k) - 1
        if owner_end >= 1 and doc[owner_end].tag_ == "POS" and owner_end - 1 in mention_at:
            other = mention_at[owner_end - 1]
            if spans[other].label == "ORG" and other != m:
                # (and "American Airlines' parent AMR": AMR owns American Airlines)
                yield _relation(m, predicate, other, doc[k])
                return
    # "United's budget airline, Kingfisher Airlines", "Kingfisher, United's airline": a kind
    # of organisation owned by a named one, in apposition (not "the EU's biggest bank, X":
    # the biggest of a market)
    last = doc[span.end - 1]
    kinds = [c for c in last.children if c.dep_ == "appos" and c.i >= span.end]
    if last.dep_ == "appos" and last.head.i < span.start:
        kinds.append(last.head)
    for kind in kinds:
        if kind.lower_ not in ORGANISATION_KINDS or kind.i in mention_at or any(
                c.tag_ in ("JJS", "RBS") or c.lower_ in ("first", "second", "third")
                for c in kind.children):
            continue
        owner = next((mention_at[c.i] for c in kind.children if c.dep_ == "poss"
                      and c.i in mention_at), None)
        # ("Yukos' parent company, the Menatep Group": Menatep owns Yukos)
        part = next((c.lower_ for c in kind.children if c.dep_ in ("compound", "amod")
                     and c.lower_ in PART_NOUNS), "")
        predicate = PART_NOUNS[part][0] if part else "part of"
        if owner is not None and owner != m and spans[owner].label == "ORG" and \
                predicate in ("part of", "own"):
            yield _relation(m, predicate, owner, kind)
            return


def _between(noun: Token, mention_at: Mapping[int, int]) -> Iterator[RelationSpan]:
    """"talks between Israel and the Palestinians": each party with the other."""
    predicate, _ = NOMINAL_PREDICATES[noun.lower_]
    predicate = normalise_predicate(predicate)
    if predicate not in _BETWEEN_PREDICATES:
        return
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "between":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.i not in mention_at:
                continue
            for conj in pobj.conjuncts:
                if conj.i in mention_at and mention_at[conj.i] != mention_at[pobj.i]:
                    yield _relation(mention_at[pobj.i], predicate, mention_at[conj.i], noun,
                                    *_qualifiers(noun))

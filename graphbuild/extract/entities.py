"""Named-entity mentions from spaCy's NER, cleaned for matching.

A mention keeps its text as written; its ``name`` drops what is not part of the name:

- determiners ("the United States"), a trailing possessive ("Assad's");
- words at the edges that are not names: prepositions, conjunctions, adverbs, verbs ("Like
  the Tories", "rang Lucy", "Both Mr Brown and Mr Blair"), and a function word glued on by a
  missing space ("ofNew Labour");
- for people, the titles and honorifics in front ("President Bashar al-Assad", "Mr De
  Mistura"; the honorific gives the mention its gender), descriptors in front ("Tory Liam
  Fox", "Backbencher Stephen Pound": a party becomes a mention of its own) and titles after
  ("Paul Boateng MP").

Coordinated names are split ("Mr Brown and Mr Blair", "Lopez and Carrasquillo" when both
are people of the article). A span in a headline-case sentence is re-read from the body: it
keeps the longest part of it that the body writes ("X Found Guilty" -> "X"). One-word names
made of a title word stay names when they are not a title there ("Labour", "Treasury").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
from spacy.attrs import (
    ENT_IOB,
    ENT_TYPE,
    IS_ALPHA,
    IS_LOWER,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
)
from spacy.strings import hash_string
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    COMMON_ABBREVIATIONS,
    CONCEPT_NOUNS,
    DEMONYMS,
    DESCRIPTOR_NOUNS,
    DETERMINERS,
    EDGE_WORDS,
    ELECTED_ROLES,
    ENTITY_LABELS,
    GENDERED_HONORIFICS,
    GENERIC_HEADS,
    GIVEN_NAMES,
    HONORIFICS,
    LAW_HEADS,
    MEMBER_ROLES,
    NAME_PARTICLE_WORDS,
    NEWS_OUTLET_WORDS,
    ORGANISATION_CUE_NOUNS,
    ORGANISATION_SUFFIXES,
    PARTY_NAME_PAIRS,
    PARTY_NAME_WORDS,
    PARTY_NAMES_ALONE,
    PERSON_NOUNS,
    PERSON_SUBJECT_VERBS,
    PORTFOLIO_HEADS,
    PUBLICATION_HEADS,
    ROLE_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_ONLY_WORDS,
    TITLES_AFTER_NAMES,
    TITLES_IN_NAMES,
)
from .clauses import hyphened_before, sentence_spans, span_text
from .clauses import sentence_at as clause_sentences

_TITLE_WORDS = (HONORIFICS | TITLE_HEADS | TITLE_MODIFIERS) - TITLES_IN_NAMES
_TITLE_WORD_IDS = np.array(sorted(hash_string(w) for w in _TITLE_WORDS), dtype=np.uint64)
# Parts of speech that are never the first or last word of a name.
_EDGE_POS = frozenset({"ADP", "ADV", "CCONJ", "SCONJ", "DET", "PRON", "PART", "INTJ", "VERB",
                       "AUX"})
_COORDINATORS = frozenset({"and", "&", ","})
# Lower-case words inside an organisation's name ("Rock the Vote", "League of Women Voters").
_NAME_LINKS = frozenset({"the", "of", "for", "against", "de", "du", "des"})
# Labels the small model gives a surname alone that the clause shows is a person's
# ("Hanni served as leader" tagged NORP), and the words of such a clause that no organisation
# or country is or does (a country is elected to a council, and may be a member or partner).
_RELABEL_SURNAME = frozenset({"ORG", "NORP", "GPE"})
_ONLY_PERSON_VERBS = PERSON_SUBJECT_VERBS - {"elect", "re-elect", "reelect", "serve"}
_ONLY_PERSON_NOUNS = PERSON_NOUNS - MEMBER_ROLES - {"partner", "founder", "supporter"}
_COUNTRY_WORDS = frozenset(c.lower() for c in DEMONYMS.values())
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
    gender: str = ""  # "m" or "f" from an honorific in front ("Mrs Howard")


def entity_spans(doc: Doc) -> list[EntitySpan]:
    """The entity mentions of ``doc`` that can become nodes, in text order.

    Names the NER tagged somewhere in the text are found again where it missed them (the small
    model tags "De Mistura" in one sentence and not in the next).
    """
    headlines: dict[int, bool] = {}  # sentence start -> headline case (once per sentence)
    lower = _lower_case_forms(doc)
    tagged = _without_common_words(
        doc, _compound_names(doc, _rejoined(doc, list(_tagged(doc, headlines, lower))),
                             headlines),
        headlines)
    found = tagged + list(_untagged_repeats(doc, tagged, headlines))
    found += list(_parenthesised_acronyms(doc, found))
    found += list(_untagged_surnames(doc, found, lower))
    found += list(_untagged_conjuncts(doc, found, lower))
    found += list(_untagged_affiliations(doc, found, lower))
    return sorted(_organisations_by_use(doc, found) + list(_concepts(doc, found)))


def _organisations_by_use(doc: Doc, spans: list[EntitySpan]) -> list[EntitySpan]:
    """``spans``, with the names the NER called people that the article writes in front of a
    noun only an organisation's name is (:data:`~graphbuild.lexicon.ORGANISATION_CUE_NOUNS`:
    "Yukos boss", "Manchester United striker"), a publication's name ("Manager Magazin":
    :data:`~graphbuild.lexicon.PUBLICATION_HEADS`), and a party's name alone
    (:data:`~graphbuild.lexicon.PARTY_NAMES_ALONE`: "Labour's Paul Flynn") or of party
    words only ("Lib Dem spokesman X"), made organisations at every mention; not a name with
    a given name first ("Charles Schwab") nor one an honorific marks a person."""
    cued: set[str] = set()
    for span in spans:
        words = span.name.lower().split()
        if span.label == "PERSON" and (span.name.lower() in PARTY_NAMES_ALONE or (
                len(words) > 1 and all(w in PARTY_NAME_WORDS for w in words)) or (
                words[-1] in PUBLICATION_HEADS) or (
                span.end < len(doc) and doc[span.end - 1].dep_ == "compound"
                and doc[span.end].tag_ in ("NN", "NNS")
                and doc[span.end].lower_ in ORGANISATION_CUE_NOUNS)):
            cued.add(span.name.lower())
    if not cued:
        return spans
    people = {span.name.lower() for span in spans if span.label == "PERSON" and (
        span.gender or span.name.split()[0].lower() in GIVEN_NAMES)}
    organisations = cued - people
    return [span._replace(label="ORG") if span.label == "PERSON" and
            span.name.lower() in organisations else span for span in spans]


def _capitalised_proper_nouns(doc: Doc) -> list[tuple[int, str]]:
    """``(index, lower-case form)`` of each capitalised proper noun, read off token arrays."""
    pos, title, lowers = doc.to_array([POS, IS_TITLE, LOWER]).reshape(-1, 3).T
    strings = doc.vocab.strings
    return [(i, strings[lowers[i]]) for i in ((pos == PROPN) & (title == 1)).nonzero()[0].tolist()]


def _covered(doc: Doc, spans: list[EntitySpan]) -> set[int]:
    """The indices of the tokens inside ``spans`` or the NER's entities (these read off the
    IOB array: building ``doc.ents`` makes a Span each, walking every token)."""
    iob = doc.to_array(ENT_IOB)
    return {i for s in spans for i in range(s.span_start, s.span_end)} | set(
        ((iob == 1) | (iob == 3)).nonzero()[0].tolist())


def _lower_case_forms(doc: Doc) -> set[str]:
    """The words the text writes in lower case, read off an array of string ids (no Token
    per word)."""
    forms = doc.to_array([IS_LOWER, LOWER]).reshape(-1, 2)
    strings = doc.vocab.strings
    return {strings[i] for i in set(forms[forms[:, 0] == 1][:, 1].tolist())}


def _tagged(doc: Doc, headlines: dict[int, bool], lower: set[str]) -> Iterator[EntitySpan]:
    # Forms the article writes in lower case (``lower``, and their lemmas), to cut
    # headline-case spans with (read off an array of string ids: no Token per word).
    forms = doc.to_array([IS_LOWER, LEMMA]).reshape(-1, 2)
    strings = doc.vocab.strings
    common = lower | {strings[i].lower() for i in set(forms[forms[:, 0] == 1][:, 1].tolist())}
    ents = doc.ents
    names = {span_text(doc, e.start, e.end).lower() for e in ents}
    sentence_at = clause_sentences(doc)
    bodies: dict[int, set[str]] = {}  # sentence start -> the names written outside it
    # The names and capitalised proper nouns of the whole Doc, gathered once (at the first
    # headline-case sentence): a sentence's "bodies" are those outside it.
    written: tuple[list[tuple[int, str]], list[tuple[int, str]]] | None = None
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        trimmed = _trim(ent)
        end = ent.end if not trimmed or "(" not in doc[trimmed[-1].i:ent.end].text \
            else trimmed[-1].i + 1  # (not the bracket _trim cut off)
        sent = sentence_at[ent.start]
        if sent.start not in headlines:
            headlines[sent.start] = _headline_case(sent)
        pieces = _reread_headline(trimmed, common) if headlines[sent.start] else [trimmed]
        if headlines[sent.start]:
            if written is None:
                written = ([(sentence_at[e.start].start, span_text(doc, e.start, e.end).lower())
                            for e in ents],
                           _capitalised_proper_nouns(doc))
            if sent.start not in bodies:  # once per sentence: a run-on list was quadratic
                bodies[sent.start] = {
                    text for start, text in written[0] if start != sent.start} | {
                    text for i, text in written[1] if not sent.start <= i < sent.end}
            pieces = [p for piece in pieces for p in _between_names(piece, bodies[sent.start])]
        tokens = pieces[0] if len(pieces) == 1 else trimmed
        parts = _coordinated(tokens, ent.label_,
                             names - {span_text(doc, ent.start, ent.end).lower()}) \
            if len(pieces) == 1 else pieces
        for part in parts:
            # The NER span (titles in front included) belongs to the mention, but not the
            # words trimmed at its edges, the other names of a coordination or the words of a
            # headline cut off.
            part = _trim_edges(part)
            whole = len(parts) == 1 and part and part[-1].i == trimmed[-1].i
            if part:
                yield from _cleaned(ent, part, lower, (
                    part[0].i, end if whole else part[-1].i + 1))


def _abbreviates_words(token: Token) -> bool:
    """Whether a token in brackets is the abbreviation of the common words before the
    bracket: its capitals, in order, begin those words or lie in the one word ("gross
    domestic product (GDP)", "megawatts (MW)"); not after a name ("the Monetary Policy
    Committee (MPC)"), nor letters the words do not hold ("the mining firm (CVRD)")."""
    doc, i = token.doc, token.i
    letters = token.text.removesuffix("s")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) or i < 2 or (
            i + 1 >= len(doc) or doc[i - 1].text != "(" or doc[i + 1].text != ")"):
        return False
    words = []
    for word in reversed(doc[max(0, i - 1 - len(letters)):i - 1]):
        if not (word.is_alpha and word.is_lower):
            break
        words.insert(0, word.text)
    if not words:
        return False
    initials = "".join(w[0] for w in words[-len(letters):])
    return initials.endswith(letters.lower()) or _in_order(letters.lower(), words[-1])


def _in_order(letters: str, word: str) -> bool:
    """Whether ``letters`` lie in ``word`` in order, the first one first ("mw", "megawatts")."""
    if not word.startswith(letters[:1]):
        return False
    found = iter(word)
    return all(c in found for c in letters)


def _cleaned(ent: Span, tokens: list[Token], lower: set[str], bounds: tuple[int, int]
             ) -> Iterator[EntitySpan]:
    doc = ent.doc
    span_start, span_end = bounds
    if not tokens:
        return
    label = ent.label_
    if label in _RELABEL_AFTER_TITLE and _looks_like_person(ent, tokens):
        label = "PERSON"
    elif label in _RELABEL_SURNAME and len(tokens) == 1 and _mislabelled_surname(tokens[0],
                                                                              lower):
        label = "PERSON"
    gender = ""
    if label == "PERSON":
        before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and before.is_title:
            gender = GENDERED_HONORIFICS.get(before.lower_, "")
        party: list[Token] = []
        # Only in front of a name: "Lib Dems" tagged PERSON is the party, not "Dems".
        while len(tokens) > 1 and _descriptor(tokens[0], tokens[1], lower) and any(
                t.lower_ not in PARTY_NAME_WORDS for t in tokens[1:]):
            gender = GENDERED_HONORIFICS.get(tokens[0].lower_, gender)
            if tokens[0].lower_ in PARTY_NAME_WORDS and (not party or party[-1].i
                                                         == tokens[0].i - 1):
                party.append(tokens[0])
            tokens = tokens[1:]
        if party:  # "Tory Liam Fox": the party is a mention of its own
            yield EntitySpan(party[0].i, party[-1].i + 1, party[0].i, party[-1].i + 1, "NORP",
                             _text(party), _text(party))
            span_start = max(span_start, party[-1].i + 1)
        while len(tokens) > 1 and tokens[-1].lower_.rstrip(".") in TITLES_AFTER_NAMES:
            tokens = tokens[:-1]  # "Paul Boateng MP"
        before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and before.lower_ in TITLES_IN_NAMES and before.is_title:
            tokens = [before, *tokens]  # the NER leaves "Lord" out of "Lord Coe"
    if len(tokens) == 1 and _title_not_name(tokens[0]):
        return  # "State" in "Secretary of State", tagged ORG by the small model
    if len(tokens) == 1 and _abbreviates_words(tokens[0]):
        return  # "440,700 megawatts (MW)", "gross domestic product (GDP)": no name
    if not any(c.isupper() for t in tokens for c in t.text):
        return  # "can" tagged PERSON: a name has a capital
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.is_title and (
            before.lower_, tokens[0].lower_) in PARTY_NAME_PAIRS:
        tokens = [before, *tokens]  # "Liberal Democrat", where the NER tags "Democrat"
    if _AMOUNT.match(_text(tokens)):
        return  # "£8.1bn", "$193bn" with the currency cut off, tagged ORG or PERSON
    name = _text(tokens)
    glued = _GLUED.match(name)
    if glued:
        name = name[glued.end(1):]  # "ofNew Labour": a space missing in the source
    span_start, span_end = min(span_start, tokens[0].i), max(span_end, tokens[-1].i + 1)
    written = " ".join(span_text(doc, span_start, span_end).split())
    yield EntitySpan(tokens[0].i, tokens[-1].i + 1, span_start, span_end, label, name, written,
                     gender)


# A number or an amount of money without its currency sign: never a name ("8.1bn", "193bn";
# "3M" and "7-Eleven" stay names).
_AMOUNT = re.compile(r"^[\d.,]+\s*(?:bn|m|k|tn|%)?$", re.IGNORECASE)
_GLUED = re.compile(r"^((?:of|the|in|and|to|for|at|on|by|from))(?=[A-Z])")


def _text(tokens: list[Token]) -> str:
    first, last = tokens[0], tokens[-1]
    return " ".join(span_text(first.doc, first.i, last.i + 1).split())


def _descriptor(token: Token, following: Token, lower: set[str]) -> bool:
    """A word before a person's name that is not part of it: a title, an honorific, a party,
    a nationality, or a noun the article writes in lower case ("Backbencher")."""
    word = token.lower_
    return (word in _TITLE_WORDS or word in PARTY_NAME_WORDS or word in DESCRIPTOR_NOUNS
            or word in DEMONYMS
            or (word in lower and token.pos_ in ("NOUN", "ADJ") and following.is_title))


def _title_not_name(token: Token) -> bool:
    """A one-word span that is a title word used as a title, not a name: "President", or
    "State" in "Secretary of State", an elected member ("the Edinburgh MSP", "an MEP"); but
    "Labour" and "the Treasury" are names."""
    word = token.lower_
    if word in TITLE_HEADS | HONORIFICS | TITLES_IN_NAMES | ELECTED_ROLES:
        return True
    if word not in _TITLE_WORDS or word in PARTY_NAME_WORDS:
        return False
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i > 0 else None
    return ((following is not None and following.lower_ in TITLE_HEADS)
            or (previous is not None and previous.lower_ == "of" and previous.i > 0
                and doc[previous.i - 1].lower_ in TITLE_HEADS))


def _trim_edges(tokens: list[Token]) -> list[Token]:
    """Without the words at either edge that are never part of a name."""
    def edge(t: Token) -> bool:
        return t.lower_ in EDGE_WORDS or t.pos_ in _EDGE_POS or t.is_punct and t.text != "."

    while len(tokens) > 1 and edge(tokens[0]) and tokens[0].lower_ not in NAME_PARTICLE_WORDS:
        tokens = tokens[1:]
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    # "Independent the Tories": a determiner inside starts the name, unless a name goes
    # through it ("Prince of the Netherlands").
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ == "the" and tokens[k - 1].lower_ not in ("of", "for", "&", "and"):
            tokens = tokens[k + 1:]
            break
    while len(tokens) > 1 and edge(tokens[-1]):
        tokens = tokens[:-1]
    # A score after a team ("Evansville 91-73").
    while len(tokens) > 1 and re.fullmatch(r"\d+([-–]\d+)?|[-–]", tokens[-1].text) and (
            len(tokens) > 2 and tokens[-2].text in _DASHES or "-" in tokens[-1].text[1:]):
        tokens = tokens[:-1]
    if len(tokens) == 1 and (tokens[0].lower_ in EDGE_WORDS or tokens[0].is_punct):
        return []
    return tokens


def _coordinated(tokens: list[Token], label: str, names: set[str]) -> list[list[Token]]:
    """A span naming several entities, split: "Mr Brown and Mr Blair", "Jaguars at
    Jacksonville Municipal Stadium", "Computerworld - Microsoft". People's names are split at
    "and" and commas; other names only when a part is a name of its own in the article
    ("Philly and Cheeks") or starts with an honorific: "Bosnia and Herzegovina" and "Procter &
    Gamble" are one name, and so is a name joined by "&" unless each part is a name of its own
    ("Marsh & McLennan" where the article also names "Marsh": a firm's name is often its
    founders')."""
    def cut(k: int, t: Token) -> bool:
        if not 0 < k < len(tokens) - 1:
            return False
        if t.text in _DASHES:  # a dash between spaces, not "Rolls-Royce"
            return bool(t.whitespace_) and bool(tokens[k - 1].whitespace_)
        return t.lower_ in _COORDINATORS or (t.lower_ in _PLACE_LINKS and label in _SPLIT_AT)

    cuts = [k for k, t in enumerate(tokens) if cut(k, t)]
    if not cuts:
        return [tokens]
    parts, start = [], 0
    for k in cuts:
        parts.append(tokens[start:k])
        start = k + 1
    parts.append(tokens[start:])
    parts = [p for p in parts if p]
    if label == "PERSON" or any(t.text in _DASHES or t.lower_ in _PLACE_LINKS
                                for t in (tokens[k] for k in cuts)) or any(
            p[0].lower_ in HONORIFICS for p in parts):
        return parts
    texts = [_text(p).lower() for p in parts]
    named = [text in names for text in texts]
    if all(tokens[k].text == "&" for k in cuts) and not all(named) or \
            len(set(texts)) < len(texts):
        return [tokens]  # (nor does a list name one party twice: "Johnson & Johnson")
    return parts if any(named) else [tokens]


_DASHES = frozenset({"-", "–", "—"})
_PLACE_LINKS = frozenset({"at", "in"})  # "X at Y", "X in Y": a name and where it is
_SPLIT_AT = frozenset({"PERSON", "ORG", "NORP"})


_headline_arrays: list[object] = [None, None]  # [the Doc, its arrays], for the Doc being read


def _headline_words(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Per token of ``doc``: whether :func:`_headline_case` counts it (a word of three letters
    or more, no title, no proper noun in a name), and whether it is capitalised; read off
    the token arrays once per Doc (a Token per word cost a tenth of extraction)."""
    if _headline_arrays[0] is not doc:
        alpha, length, title_case, ent_type, pos, lower = doc.to_array(
            [IS_ALPHA, LENGTH, IS_TITLE, ENT_TYPE, POS, LOWER]).T
        counted = (alpha == 1) & (length > 2) & ((ent_type == 0) | (pos != PROPN)) & ~np.isin(
            lower, _TITLE_WORD_IDS)
        _headline_arrays[:] = [doc, (counted, title_case == 1)]
    return _headline_arrays[1]  # type: ignore[return-value]


def _headline_case(sent: Span) -> bool:
    """Most words outside names (or tagged inside one but not proper nouns) are capitalised,
    not only the first; or the text's first line, without a full stop."""
    counted, title_case = _headline_words(sent.doc)
    words = counted[sent.start + 1:sent.end]  # (the first word is capitalised anyway)
    capitalised = int(title_case[sent.start + 1:sent.end][words].sum())
    count = int(words.sum())
    # (spaCy keeps the paragraph break after a sentence in it: the last word decides)
    last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
    title = sent.start == 0 and last.text not in (".", "!", "?", '"', "'")
    return title or bool(capitalised and capitalised / count > 0.6 and (
        capitalised >= 2 or last.text not in (".", "!", "?", '"')))


def _reread_headline(tokens: list[Token], common: set[str]) -> list[list[Token]]:
    """A span of a headline-case sentence, cut at the words that the article writes in lower
    case ("Minister Found Guilty" -> "Minister", "Colts Beat Chiefs" -> "Colts", "Chiefs"): in
    a headline every word is capitalised, names or not."""
    if len(tokens) < 2:
        return [tokens]
    pieces: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        if ((token.lower_ in common or token.lemma_.lower() in common
             or (k > 0 and _inflected(token.lower_, common)))
                and token.lower_ not in NAME_PARTICLE_WORDS | {"of", "and", "&"}):
            pieces.append([])
        else:
            pieces[-1].append(token)
    pieces = [p for p in pieces if p]
    return pieces or [tokens[:1]]


def _between_names(tokens: list[Token], body: set[str]) -> list[list[Token]]:
    """A headline span that is two names of the body with one word between them ("Colts
    Beat Chiefs", "Obama Reverses Bush"), when the body never writes the span: the two
    names. ``body``: the names and proper nouns of the other sentences, in lower case."""
    if len(tokens) < 3 or " ".join(t.text for t in tokens).lower() in body:
        return [tokens]
    for k in range(1, len(tokens) - 1):
        before = " ".join(t.text for t in tokens[:k]).lower()
        after = " ".join(t.text for t in tokens[k + 1:]).lower()
        if (before in body and after in body and tokens[k].is_alpha
                and tokens[k].lower_ not in _NAME_JOINS):
            return [tokens[:k], tokens[k + 1:]]
    return [tokens]


def _inflected(word: str, common: set[str]) -> bool:
    """A headline verb in its third person ("Checks", "Dies", "Reverses") whose stem the
    article writes in lower case; not a word that ends names ("Times", "Motors")."""
    if word in _NAME_ENDINGS or not word.endswith("s") or len(word) < 4:
        return False
    return word[:-1] in common or (word.endswith("es") and word[:-2] in common)


_NAME_ENDINGS = NEWS_OUTLET_WORDS | ORGANISATION_SUFFIXES | GENERIC_HEADS
_NAME_JOINS = NAME_PARTICLE_WORDS | {"of", "and"}  # words inside one name ("Duke of X")


def _untagged_repeats(doc: Doc, tagged: list[EntitySpan], headlines: dict[int, bool]
                      ) -> Iterator[EntitySpan]:
    known: dict[str, str] = {}
    for span in tagged:
        words = span.name.lower().split()
        known.setdefault(" ".join(words), span.label)
        if span.label == "PERSON":
            for k in range(1, len(words)):  # "De Mistura", "Mistura" for "Staffan de Mistura"
                known.setdefault(" ".join(words[k:]), "PERSON")
    covered = _covered(doc, [])

    # Per token, read off arrays (no Token per word): a proper noun, or a capitalised word
    # inside a sentence that the tagger read as something else ("Judge sentences Orozco to
    # death": "Orozco" tagged ADJ); and a name particle ("de").
    pos, title, alpha, starts, lowers = doc.to_array(
        [POS, IS_TITLE, IS_ALPHA, SENT_START, LOWER]).reshape(-1, 5).T
    name_like = ((pos == PROPN) | ((title == 1) & (alpha == 1) & (starts != 1))).tolist()
    particles = {doc.vocab.strings[w] for w in NAME_PARTICLE_WORDS}
    particle = [x in particles for x in lowers.tolist()]
    sentence_at = clause_sentences(doc)

    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and (
                name_like[j] or particle[j] and j + 1 < len(doc) and name_like[j + 1]):
            j += 1
        # The whole run; in a headline, the longest known names in it, left to right
        # ("Hansbrough Sets Scoring Record" holds "Hansbrough"), but not a part of a longer
        # name in the body ("Explorer" of "Internet Explorer") or of a hyphenated one.
        k = i
        # A title or "the" in front is not part of the name ("Mr Ebbers", "The Bravery").
        while k < j - 1 and (doc[k].lower_ in DETERMINERS or doc[k].lower_.rstrip(".")
                             in _TITLE_WORDS):
            k += 1
        start = k
        whole = j > i and not (i > 0 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
                               ) and not (j < len(doc) and doc[j].text == "-"
                                          and not doc[j - 1].whitespace_)
        inside = False
        if whole:
            sent = sentence_at[i]
            if sent.start not in headlines:
                headlines[sent.start] = _headline_case(sent)
            inside = headlines[sent.start]
        while whole and k < j:
            end = next((e for e in (range(j, k, -1) if inside else [j] if k == start else [])
                        if " ".join(span_text(doc, k, e).lower().split()) in known), None)
            if end is None:
                k += 1
                continue
            text = span_text(doc, k, end)
            yield EntitySpan(k, end, k, end, known[" ".join(text.lower().split())],
                             " ".join(text.split()), text)
            k = end
        i = j + 1


def _without_common_words(doc: Doc, spans: list[EntitySpan], headlines: dict[int, bool]
                          ) -> list[EntitySpan]:
    """Without the spans that are no names: a single letter ("I.") and a one-word span
    capitalised only where any word may be (the first word of a sentence, a headline-case or
    all-capitals line) whose word the article writes in lower case and never capitalised
    elsewhere ("Coal output fell", "Law firms say"): the case of a word is evidence of a name
    only where the writer chose it. A plural title ("Labour MPs") is a concept.
    """
    single = [s for s in spans if s.end - s.start == 1]
    if not single:
        return spans
    alpha, is_lower, is_upper, lowers, lemmas, pos = doc.to_array(
        [IS_ALPHA, IS_LOWER, IS_UPPER, LOWER, LEMMA, POS]).T.tolist()  # no Token per word
    strings = doc.vocab.strings
    # (a word in lower case that the tagger still reads as a name is no evidence: "Mehdi
    # iran-Nejad")
    common = [k for k in range(len(doc)) if is_lower[k] and pos[k] != PROPN]
    lower = {strings[lowers[k]] for k in common} | {strings[lemmas[k]].lower() for k in common}
    chosen: set[int] = set()  # tokens whose case is the writer's choice
    for sent in sentence_spans(doc):
        if sent.start not in headlines:
            headlines[sent.start] = _headline_case(sent)
        words = [k for k in range(sent.start, sent.end) if alpha[k]]
        shouted = len(words) >= 3 and sum(is_upper[k] for k in words) > 0.6 * len(words)
        if headlines[sent.start] or shouted:
            continue
        chosen.update(words[1:])
    named = {lowers[k] for k in chosen if not is_lower[k]}  # capitalised by choice
    out = []
    for span in spans:
        if len(span.name.replace(".", "").strip()) == 1:
            continue
        k = span.start
        word = span.name.lower()
        if span.name.endswith("s") and word[:-1] in TITLES_AFTER_NAMES:
            # "MPs", "MEPs": people, but no one person or body; an unnamed actor, as "the
            # rebels" is (but "the Chiefs" may be a team)
            out.append(span._replace(label="CONCEPT"))
            continue
        if (span.end - k == 1 and alpha[k] and k not in chosen and lowers[k] not in named
                and strings[lowers[k]] in lower and strings[lowers[k]] not in PARTY_NAME_WORDS):
            continue
        if span.end - k == 1 and (is_upper[k] and span.label == "ORG" or
                                  span.label == "NORP" or word in DEMONYMS) and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in doc[k].children):
            # "who was a GP in Leeds": an abbreviated common noun, no name; "handing back an
            # Israeli": one person of a nation, not the nation
            continue
        out.append(span)
    return out


def _rejoined(doc: Doc, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Names the NER cut at "and" or "of" that the acronym in brackets after them spells
    whole: "the Social Democratic and Labour Party (SDLP)" is one party, not "Social
    Democratic" and the "Labour Party"; so is "the Communist Party of the Netherlands
    (CPN)", not a party and a country."""
    out: list[EntitySpan] = []
    spelled = 0  # the end of the last name spelled whole through "of"
    for span in spans:
        if span.span_start < spelled:
            continue  # a name inside it ("the Netherlands")
        last = out[-1] if out else None
        k = span.span_end
        whole = _spelled_through_of(doc, span)
        if whole is not None:
            out.append(EntitySpan(span.start, whole, span.span_start, whole, span.label,
                                  span_text(doc, span.start, whole),
                                  span_text(doc, span.span_start, whole)))
            spelled = whole
            continue
        if (last is not None and last.label != "PERSON" and span.label != "PERSON"
                and last.span_end + 1 == span.span_start and doc[last.span_end].lower_ == "and"
                and k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")"):
            capitals = [c for c in doc[k + 1].text if c.isupper()]
            words = doc[last.start:span.end]
            if len(capitals) > 2 and capitals == [t.text[0] for t in words if t.is_title]:
                text = span_text(doc, last.span_start, span.span_end)
                out[-1] = EntitySpan(last.start, span.end, last.span_start, span.span_end,
                                     span.label, span_text(doc, last.start, span.end), text)
                continue
        out.append(span)
    return out


_NAME_LINKS = frozenset({"of", "the", "and", "for", "&"})


def _spelled_through_of(doc: Doc, span: EntitySpan) -> int | None:
    """Where an organisation's name ends that the NER cut before "of" ("the Socialist Party
    | of the United States (SPUS)"): the bracket after the capitalised words that follow,
    when the acronym in it spells the initials of the whole."""
    k = span.span_end
    if span.label != "ORG" or k >= len(doc) or doc[k].lower_ != "of":
        return None
    j = k
    while j < len(doc) and j - k <= 6 and doc[j].text != "(":
        if not (doc[j].lower_ in _NAME_LINKS or doc[j].is_title or doc[j].is_upper):
            return None
        j += 1
    if j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")" or \
            doc[j - 1].lower_ in _NAME_LINKS:
        return None
    capitals = [c for c in doc[j + 1].text if c.isupper()]
    initials = [t.text[0] for t in doc[span.start:j] if t.is_title or t.is_upper]
    return j if len(capitals) > 2 and capitals == initials else None


def _compound_names(doc: Doc, spans: list[EntitySpan], headlines: dict[int, bool]
                    ) -> list[EntitySpan]:
    """Organisations' names the NER cut short of a capitalised word in front that the
    parser makes part of the name: a word it left untagged ("the UK Independence Party"
    tagged "Independence Party") or tagged as a name of its own before a one-word name
    ("Lockheed" ORG and "Martin" PERSON of "sued by Lockheed Martin"). Not a title or an
    honorific ("Mr", "Chancellor"), a party's word ("Tory Liam Fox": a party and a person),
    nor in a headline, where every word is capitalised."""
    out: list[EntitySpan] = []
    sentence_at = clause_sentences(doc)
    for span in spans:
        last = out[-1] if out else None
        k = span.span_start - 1
        if k < 0 or doc[span.start].is_sent_start or \
                headlines.get(sentence_at[span.start].start, False):
            out.append(span)
            continue
        word, head = doc[k], doc[span.end - 1]
        joined = word.dep_ == "compound" and span.start <= word.head.i < span.end and \
            word.pos_ == "PROPN" and (word.is_title or word.is_upper) and \
            word.lower_ not in _TITLE_WORDS and word.lower_ not in PARTY_NAME_WORDS
        if joined and span.label == "ORG" and span.start == span.span_start and (
                last is None or last.span_end <= k):
            out.append(EntitySpan(k, span.end, k, span.span_end, span.label,
                                  f"{word.text} {span.name}",
                                  " ".join(span_text(doc, k, span.span_end).split())))
            continue
        if joined and last is not None and last.span_end == span.span_start and \
                last.end - 1 == k and last.label == "ORG" and span.end - span.start == 1 and \
                span.label in ("PERSON", "ORG") and head.pos_ == "PROPN" and \
                not any(t.lower_ in PARTY_NAME_WORDS for t in doc[last.start:last.end]):
            out[-1] = EntitySpan(last.start, span.end, last.span_start, span.span_end, "ORG",
                                 f"{last.name} {span.name}",
                                 " ".join(span_text(doc, last.span_start, span.span_end).split()))
            continue
        out.append(span)
    return out


def _parenthesised_acronyms(doc: Doc, spans: list[EntitySpan]) -> Iterator[EntitySpan]:
    """"Union of Syrian Medical Relief Organisations (UOSSM)": the acronym is a mention too."""
    covered = {i for s in spans for i in range(s.span_start, s.span_end)}
    for span in spans:
        k = span.span_end
        if span.label == "PERSON" or k + 2 >= len(doc) or k + 1 in covered:
            continue
        opening, short, closing = doc[k], doc[k + 1], doc[k + 2]
        if (opening.text == "(" and closing.text == ")" and short.text[:1].isupper()
                and sum(c.isupper() for c in short.text) >= 2  # "PLI", "MpS"
                and 2 <= len(short.text) <= 10 and short.text.isalnum()):
            yield EntitySpan(k + 1, k + 2, k + 1, k + 2, span.label, short.text, short.text)


def _untagged_surnames(doc: Doc, spans: list[EntitySpan], lower: set[str]
                       ) -> Iterator[EntitySpan]:
    """A capitalised word alone that the NER left untagged, as the subject of a clause only
    a person is the subject of, is a person's surname: "Molloy was re-elected in 1925",
    "Paulley was a Liberal candidate", "Hanni served as leader of the party" (a verb of
    :data:`~graphbuild.lexicon.PERSON_SUBJECT_VERBS`, or a person noun as what the subject
    is, becomes or serves as). Not a word the text also writes in lower case, a title or a
    person noun itself ("Candidates were elected"), nor a party's name ("Ukip")."""
    covered = _covered(doc, spans)
    # (a sentence's first word may be tagged a noun: "Hollinrake was elected")
    pos, starts = doc.to_array([POS, SENT_START]).reshape(-1, 2).T
    for i in ((pos == PROPN) | ((pos == NOUN) & (starts == 1))).nonzero()[0].tolist():
        token = doc[i]
        text = token.text
        if (i in covered or token.dep_ not in ("nsubj", "nsubjpass") or len(text) < 3
                or token.tag_ not in ("NNP", "NN")
                or not text[0].isupper() or text.isupper()
                or not text.replace("-", "").replace("'", "").isalpha()
                or token.lower_ in lower or token.lower_ in PERSON_NOUNS
                or token.lower_ in PARTY_NAME_WORDS or token.lower_ in DEMONYMS):
            continue
        if any(c.dep_ in ("compound", "flat", "det", "poss", "amod", "nmod")
               for c in token.children):
            continue  # "the Commission", "Labour's Smith": not a surname alone
        if any(0 <= k < len(doc) and doc[k].pos_ == "PROPN" for k in (i - 1, i + 1)):
            continue  # part of a longer name the NER missed
        verb = token.head  # and the verbs it is the subject of too ("joined and was elected")
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in (
            "VERB", "AUX") and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))]
        if any(_person_clause(v) for v in verbs):
            yield EntitySpan(i, i + 1, i, i + 1, "PERSON", text, text)


def _untagged_conjuncts(doc: Doc, spans: list[EntitySpan], lower: set[str]
                        ) -> Iterator[EntitySpan]:
    """A name the NER left untagged as an item of a list of organisations is one too: "the
    PvdA, the Catholic People's Party and the Anti-Revolutionary Party", "the League of Women
    Voters, Rock the Vote and Vote.org". The item is read by its form, as the parse often
    mangles such lists: capitalised words (with the lower-case words names have inside,
    "the", "of") right before or after the comma, "and" or "or" that joins them to an
    organisation's name; not a title or an honorific in front ("Mr Page"), nor one word
    the text writes in lower case."""
    covered = _covered(doc, spans)
    found: dict[int, int] = {}

    def word(k: int) -> bool:
        return 0 <= k < len(doc) and k not in covered and doc[k].text[:1].isupper() and (
            doc[k].is_alpha or "." in doc[k].text or "-" in doc[k].text) and \
            doc[k].pos_ in ("PROPN", "NOUN") and not doc[k].is_sent_start

    starting = {s.span_start: s for s in spans}
    starting.update({s.span_start - 1: s for s in spans if s.span_start
                     and doc[s.span_start - 1].lower_ == "the"})
    ending = {s.span_end: s for s in spans}

    def organisations(start: int, end: int) -> int:
        """How many organisations' names the list of the item [start, end) holds."""
        count, k = 0, end
        while k < len(doc) and doc[k].lower_ in (",", "and", "or"):
            k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ in ("and", "or"))
            span = starting.get(k)
            if span is None or span.label != "ORG":
                break
            count, k = count + 1, span.span_end
        k = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
        while k >= 0 and doc[k].lower_ in (",", "and", "or"):
            k -= 1 + (k > 0 and doc[k - 1].text == "," and doc[k].lower_ != ",")
            span = ending.get(k + 1)
            if span is None or span.label != "ORG":
                break
            count, k = count + 1, span.span_start - 1
            k -= k >= 0 and doc[k].lower_ == "the"
        return count

    def separator(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].lower_ in (",", "and", "or")

    for span in spans:
        if span.label != "ORG":
            continue
        # after it: ", [and] [the] Name" ending at a separator or the end of the list
        k = span.span_end
        if separator(k):
            k += 1 + (doc[k].text == "," and separator(k + 1))
            k += k < len(doc) and doc[k].lower_ == "the"
            end = k
            while word(end) or (end < len(doc) and doc[end].lower_ in _NAME_LINKS
                                and word(end + 1)):
                end += 1
            if end > k and (end == len(doc) or doc[end].is_punct or separator(end)):
                found.setdefault(k, end)
        # before it: "Name, [and] [the] <span>"
        k = span.span_start - 1
        k -= k >= 0 and doc[k].lower_ == "the"
        if separator(k):
            k -= separator(k - 1) and doc[k].text != ","
            end = k
            start = end
            while word(start - 1) or (start - 1 >= 0 and doc[start - 1].lower_ in _NAME_LINKS
                                      and word(start - 2)):
                start -= 1
            while start < end and doc[start].lower_ in _NAME_LINKS:
                start += 1
            if start < end:
                found.setdefault(start, end)
    for start, end in sorted(found.items()):
        run = doc[start:end]
        if run[0].lower_.rstrip(".") in _TITLE_WORDS or run[-1].lower_ in _NAME_LINKS or (
                len(run) == 1 and (run[0].lower_ in lower or run[0].lower_ in DEMONYMS)) or \
                organisations(start, end) < 2:
            continue  # (two names of a list of two may be one: "Shearman and Sterling")
        text = span_text(doc, start, end)
        yield EntitySpan(start, end, start, end, "ORG", text, text)


_AFFILIATED_TITLE_WORDS = TITLE_HEADS | ROLE_WORDS | TITLE_MODIFIERS
_NOT_AFFILIATION_WORDS = _TITLE_WORDS | TITLE_ONLY_WORDS | TITLES_IN_NAMES | HONORIFICS


def _untagged_affiliations(doc: Doc, spans: list[EntitySpan], lower: set[str]
                           ) -> Iterator[EntitySpan]:
    """Proper nouns the NER left untagged right in front of a person's title (in the
    person's noun phrase) are the name of the title's organisation: "BT chief executive
    Jane Roe", "Arsenal vice-chairman John Doe", "Labour MP Jane Roe" (roles.py reads the
    affiliation off the mention). Not in front of a title whose capitalised words name a
    brief ("Culture Minister", "Labour Minister": see
    :data:`~graphbuild.lexicon.PORTFOLIO_HEADS`), not part of a longer name ("Commission for
    Racial Equality chairman"), nor one word the text writes in lower case."""
    covered = _covered(doc, spans)
    for span in spans:
        if span.label != "PERSON" or span.name.lower() in LAW_HEADS:
            continue  # ("the Criminal Justice Bill": no person)
        k = span.span_start - 1
        heads = []
        while k >= 0 and k not in covered and not (
                doc[k].is_title and doc[k].lower_ in PARTY_NAME_WORDS) and (
                doc[k].lower_ in _AFFILIATED_TITLE_WORDS or doc[k].lemma_ in TITLE_HEADS
                or doc[k].text == "-" and heads):
            heads.append(doc[k])
            k -= 1
        words = [t.lemma_ if t.tag_ == "NNS" else t.lower_ for t in heads]
        if not any(w in TITLE_HEADS or w in ROLE_WORDS for w in words):
            continue
        end = k + 1
        while k >= 0 and k not in covered and _affiliation_word(doc[k]):
            k -= 1
        start = k + 1
        if start == end or (k >= 0 and doc[k].pos_ == "PROPN") or (
                k > 0 and doc[k].lower_ in _NAME_LINKS and doc[k - 1].is_title) or \
                doc[end - 1].head.i < end or doc[end - 1].head.i >= span.end:
            continue  # (a longer name cut by a title word, or another phrase's word)
        if words[0] in PORTFOLIO_HEADS or (
                end - start == 1 and doc[start].lower_ in lower):
            continue
        text = span_text(doc, start, end)
        yield EntitySpan(start, end, start, end, "ORG", text, text)


def _affiliation_word(token: Token) -> bool:
    """A word of an organisation's name in front of a title: a capitalised proper noun, not
    a title word or an honorific unless a party's ("Labour MP", not "Lord Justice X"), not a
    demonym nor a common abbreviation ("PR executive X")."""
    if not (token.is_title or token.is_upper) or token.lower_ in DEMONYMS:
        return False
    if token.lower_ in PARTY_NAME_WORDS:
        return True  # (whatever its part of speech: "Conservative" is an adjective too)
    return token.pos_ == "PROPN" and token.lower_ not in _NOT_AFFILIATION_WORDS and \
        token.lower_ not in COMMON_ABBREVIATIONS


def _person_clause(verb: Token, *, verbs: frozenset[str] = PERSON_SUBJECT_VERBS,
                   nouns: frozenset[str] = PERSON_NOUNS) -> bool:
    """Whether a verb's subject can only be a person: a verb people do ("was elected",
    "served"), or a person noun as what the subject is or becomes ("was a candidate",
    "became leader") or acts as ("ran as the Liberal candidate")."""
    lemma = verb.lemma_.lower()
    if lemma in verbs:
        return True
    roles = [c for c in verb.children if c.dep_ in ("attr", "oprd") and lemma in (
        "be", "become", "remain")]
    roles += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for p in c.children if p.dep_ == "pobj"]
    return any(r.lemma_.lower() in nouns for r in roles)


def _mislabelled_surname(token: Token, lower: set[str]) -> bool:
    """Whether a one-word name the NER tagged an organisation, a group or a place is a
    person's surname: the subject of a person noun that no organisation or country is
    ("Hanni served as leader of the party", "Timbrell campaigned as the Conservative
    candidate"; not "Britain remained a member") or of a verb only people do ("resigned",
    "died"; not "was elected", which a country is to a council)."""
    word = token.lower_
    if (token.dep_ not in ("nsubj", "nsubjpass") or token.tag_ not in ("NNP", "NN")
            or token.text.isupper() or word in lower
            or word in PARTY_NAME_WORDS or word in DEMONYMS or word in _COUNTRY_WORDS):
        return False
    return _person_clause(token.head, verbs=_ONLY_PERSON_VERBS, nouns=_ONLY_PERSON_NOUNS)


def _concepts(doc: Doc, spans: list[EntitySpan]) -> Iterator[EntitySpan]:
    """Unnamed actors ("the rebels", "the Syrian opposition"): the noun with its modifiers.

    Only the head noun stands for the concept when it is an argument; a concept that is never
    an argument is dropped later.
    """
    covered = {i for s in spans for i in range(s.span_start, s.span_end)}
    nouns = (doc.to_array(POS) == NOUN).nonzero()[0].tolist()  # no Token per other word
    for token in (doc[i] for i in nouns):
        if token.i in covered or token.lemma_.lower() not in CONCEPT_NOUNS:
            continue
        left = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.i < token.i]
        first = min([token, *left], key=lambda t: t.i)
        while (hyphened := hyphened_before(first)) is not None:
            first = hyphened  # "the Labour-led coalition", not "led coalition"
        words = [t for t in doc[first.i:token.i + 1] if t.i == token.i or (  # ("voters'
                 t.dep_ not in ("det", "poss", "case") and (t.text == "-" or not t.is_punct))]
        # trust": the noun itself is a possessor)
        name = "".join((t.text.lower() if t.i == token.i else t.text) + t.whitespace_
                       for t in words).strip()
        yield EntitySpan(token.i, token.i + 1, token.i, token.i + 1, "CONCEPT", name,
                         span_text(doc, first.i, token.i + 1))


def _trim(ent: Span) -> list[Token]:
    tokens = list(ent)
    # "Civics and Innovators (CI": the NER ran into the acronym after the name; the name
    # stops at the bracket (and the acronym is a mention of its own)
    opened = [k for k, t in enumerate(tokens) if t.text == "("]
    if opened and not any(t.text == ")" for t in tokens[opened[-1]:]):
        tokens = tokens[:opened[-1]]
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
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

"""Relations between entity mentions, read off the dependency parse.

Patterns (each yields the subject, the normalised predicate and the object):

- active clauses: "Russia backs Assad" (nsubj + dobj), with the objects of prepositions
  ("met with Putin", "called on Russia") and particles ("call off");
- passives with an agent: "Assad is backed by Russia" -> Russia back Assad;
- relative clauses and participles: "Moscow, which supports ...", "with Moscow backing ...";
- subjects shared by conjoined and controlled verbs: "Kerry hopes to work with Russia";
- symmetric verbs with conjoined subjects: "Kerry and Lavrov have met" -> Kerry meet Lavrov;
- nominal relations: "Kerry's visit to Moscow", "after talks with Kerry", "in support of Assad".

An argument counts when its head token is inside an entity mention; "he"/"she" count for the
last person named before them, and "Assad's government" for Assad. Statements under a reporting
verb ("X said Y") are kept with X as their source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import wraps
from itertools import accumulate
from typing import NamedTuple, TypeVar

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_QUOTE, LEMMA, LOWER, ORTH, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    ACTION_CLASSES,
    AT_VERBS,
    BODY_LEAVING_VERBS,
    BODY_NOUNS,
    BODY_VERBS,
    CANDIDACY_NOUNS,
    CHAMBER_WORDS,
    CLAIM_ADVERBS,
    CLAIM_NOUNS,
    COALITION_NOUNS,
    CONDITION_MARKERS,
    CONTENT_OBJECT_VERBS,
    CONTEST_EVENT_HEADS,
    CONTEST_NOUNS,
    CONTEST_VERBS,
    CONTESTANT_VERBS,
    COUNTRIES,
    COUNTRY_NOUNS,
    DEMONYMS,
    DENYING_VERBS,
    DESCRIPTION_KINDS,
    DOUBLE_OBJECT_VERBS,
    ELECTED_ROLES,
    ENDORSING_VERBS,
    FEMALE_NAMES,
    FORMER_MODIFIERS,
    GENDERED_HONORIFICS,
    GENERIC_HEADS,
    GIVEN_NAMES,
    HEARSAY_VERBS,
    IMAGINING_VERBS,
    JUDGING_ADJECTIVES,
    KIN_NOUNS,
    KIND_WORDS,
    LAW_HEADS,
    LIGHT_VERBS,
    LIKELIHOOD_ADJECTIVES,
    LIKENING_VERBS,
    LOOSE_PREPOSITIONS,
    MALE_NAMES,
    MEMBER_ROLES,
    MEMBERSHIP_BODY_HEADS,
    MEMBERSHIP_VERBS,
    MODAL_AUXILIARIES,
    MODALITY_VERBS,
    NAMING_VERBS,
    NEGATING_VERBS,
    NEWS_OUTLET_WORDS,
    NOMINAL_COREFERENCE,
    NOMINAL_PREDICATES,
    NOT_AFFILIATION_PREFIXES,
    OBJECT_CONTROL_VERBS,
    OFFICE_WORDS,
    ORGANISATION_KINDS,
    OUTLET_NOUNS,
    PART_NOUNS,
    PARTNER_OBJECT_VERBS,
    PARTY_NAME_WORDS,
    PERSON_NOUNS,
    PREDICATE_SPELLINGS,
    PREDICATE_SYNONYMS,
    PRONOUN_GENDER,
    PROXY_NOUNS,
    PUBLIC_ROLES,
    QUANTITY_NOUNS,
    RANK_MODIFIERS,
    REALISED_MODIFIERS,
    RELATION_CLASSES,
    REPORTING_VERBS,
    ROLE_WORDS,
    STANDING_VERBS,
    SURNAME_HONORIFICS,
    SYMMETRIC_VERBS,
    TITLE_HEADS,
    TITLES_IN_NAMES,
    VERB_IDIOMS,
)
from .clauses import (
    Clause,
    children,
    clauses,
    denied_conjunct,
    for_subject,
    hyphened_before,
    joined,
    lemma_of,
    own_subjects,
    relative_antecedent,
    sentence_at,
    sentence_spans,
    sentence_starts,
    span_text,
    subject_of_next,
)

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_BARE_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady",
                              "baroness", "prof"})
# "it" and "they" stand for a deal, a plan or people as often as for an organisation: they are
# not resolved.
_NEUTER: frozenset[str] = frozenset()
# Verbs whose partner may be the channel of a statement ("told BBC News", "speaking to the
# BBC's Westminster Hour").
_CHANNEL_VERBS = frozenset({"tell", "speak", "talk", "say", "write"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
# Verbs whose "if"/"whether" clause is a question, not a condition ("asked if he would").
_ASKING_VERBS = frozenset({"ask", "wonder", "question", "query", "enquire", "inquire"})
# Dashes that end a verb's phrase: what follows a spaced dash is said or added (a colon may
# start the verb's own list: "re-elected at the next elections: for Galway East in 1961").
_BREAKS = frozenset({"-", "–", "—", "--"})
_MAX_CLIMB = 6
# How far back (in tokens before the sentence) "he" or "the company" may find its antecedent.
_COREFERENCE_WINDOW = 60
# Confidence by pattern: direct syntactic links are surer than inherited subjects or nouns.
_CONFIDENCE = {
    "svo": 0.9, "prep": 0.8, "passive": 0.8, "symmetric": 0.85, "relcl": 0.75,
    "inherited": 0.65, "nominal": 0.6, "bracket": 0.8, "of": 0.75, "role": 0.8,
    "contest": 0.7, "coalition": 0.7,
}
# The order in which qualifiers win when a clause has several ("if he will try to buy").
_MODALITIES = ("condition", "attempt", "hope", "plan", "claim", "possible", "future")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words heading a role in a copula or an apposition ("X is general secretary of Y").
_ROLE_HEADS = TITLE_HEADS | ROLE_WORDS
_RECIPROCALS = frozenset({"other", "another", "themselves", "each"})  # "met each other"
# The prepositions of the party a role is held in ("chairman of Y", "MP for Y", "head at Y").
_ROLE_PREPOSITIONS = ("of", "for", "at", "with")
# Clauses the clause extractor ranks lower than this are mostly misparses ("win critic in
# Commons"); the graph does without them (CaRB still reads them, ranked).
_MIN_CLAUSE_CONFIDENCE = 0.5
_VIA_PENALTY = {"name": 1.0, "proxy": 0.85, "pronoun": 0.75}
# Verbal clauses of the clause extractor that relate two parties (not descriptions).
_CLAUSE_KINDS = frozenset({"svo", "passive", "relcl", "light-verb"})


# Prepositions of the setting of an event ("in London", "at the summit", "during the war"):
# with a verb that has a complement of its own, or a verb of speaking, what they introduce
# is where or when the event happened, not a party to it.
_SETTING_PREPOSITIONS = frozenset({"in", "at", "during", "outside", "inside"})
# Verbs whose setting is their partner ("visited the tomb of Arafat in Ramallah").
_SETTING_VERBS = frozenset({"visit", "tour"})
_SETTINGS = frozenset({"GPE", "LOC", "FAC", "EVENT", "CONCEPT"})
_COMPLEMENTS = frozenset({"dobj", "acomp", "oprd", "attr"})
# Prepositions that make a named contest the occasion of a clause ("stood in the 2005
# election", "elected at the by-election", "the candidate for the 2004 election", "were
# reduced to eight seats following the 2015 election").
_CONTEST_PREPOSITIONS = frozenset({"in", "at", "during", "for", "since", "following", "after",
                                   "before"})
_CONTEST_SETTINGS = _PLACE_LABELS | {"EVENT"}
# Nouns a party fields a contestant as ("the Liberal candidate", "the Labour nomination").
_FIELDED = _ROLE_HEADS | CANDIDACY_NOUNS


# Patterns whose arguments are arguments of a clause or a noun, which every item of a list in
# their place shares ("X contested E against A, B and C"); not those that read a name's own
# modifiers ("Britain's Tim Henman and Greg Rusedski", "Li Wei (China)").
_LISTED_PATTERNS = frozenset({"svo", "prep", "passive", "relcl", "inherited", "nominal",
                              "contest"})
# A relation read for a list's other items is a little less sure than for the one the parse
# attaches.
_LISTED_PENALTY = 0.9
# The longest bracket after a list's item ("(Partido Liberal Democrático, observer Liberal
# International)"), in tokens.
_MAX_BRACKET = 12


# Heads of the names of buildings and sites, which a possessive in front places rather than
# owns ("Edinburgh's Napier University", "London's Heathrow Airport").
_FACILITY_HEADS = GENERIC_HEADS - {"institute", "foundation", "club", "party"}
# ... and of what an organisation makes or decides ("the EU's Common Agricultural Policy").
_NOT_PART_HEADS = LAW_HEADS | {"policy", "pact", "programme", "plan", "strategy", "index"}


# Lowercase words inside a long name ("Commission for Latin America and the Caribbean").
_NAME_LINKS = frozenset({"of", "for", "and", "the", "&", "on", "de"})


class RelationSpan(NamedTuple):
    """A relation in token coordinates; subject/object/source index the document's mentions."""

    subject: int
    predicate: str
    object: int
    verb: str
    token: int
    confidence: float
    pattern: str
    negated: bool
    source: int | None
    modality: str = ""
    time: str = ""
    place: int | None = None


class QuoteSpan(NamedTuple):
    """What a speaker said, in token coordinates: ``[start, end)`` of the quoted text."""

    speaker: int
    start: int
    end: int
    direct: bool


class _Arg(NamedTuple):
    mention: int
    via: str


def relations(doc: Doc, mention_at: Mapping[int, int],
              labels: Sequence[str]) -> Iterator[RelationSpan]:
    """Yield the relations between the entity mentions of ``doc``.

    Args:
        doc: the parsed text.
        mention_at: token index -> mention index, for every token of every mention.
        labels: the NER label of each mention, by mention index.
    """
    finder = _Finder(doc, mention_at, labels)
    yield from finder.all_relations()


def relations_and_quotes(doc: Doc, mention_at: Mapping[int, int], labels: Sequence[str]
                         ) -> tuple[list[RelationSpan], list[QuoteSpan]]:
    """The relations (as :func:`relations`) and the quotes of ``doc``: what the mentioned
    speakers said, quoted next to a reporting verb (direct) or in the clause a reporting verb
    introduces (indirect)."""
    finder = _Finder(doc, mention_at, labels)
    return list(finder.all_relations()), list(finder.quotes())


def normalise_predicate(lemma: str, particle: str = "", preposition: str = "") -> str:
    """The predicate's name: lemma, particle and preposition, with synonyms folded.

    >>> normalise_predicate("meet", preposition="with"), normalise_predicate("call", "", "on")
    ('meet', 'call on')
    """
    return normalise_phrase(" ".join(w for w in (lemma, particle, preposition) if w))


def normalise_phrase(phrase: str) -> str:
    """Fold a lemmatised relation phrase: "meet with" is "meet", "support" is "back".

    >>> normalise_phrase("support"), normalise_phrase("talk to"), normalise_phrase("back by")
    ('back', 'talk', 'back by')
    """
    words = phrase.lower().split()
    if not words:
        return ""
    words[0] = PREDICATE_SPELLINGS.get(words[0], words[0])
    if words[0] in SYMMETRIC_VERBS and len(words) == 2 and words[1] in ("with", "to"):
        words = words[:1]
    joined = " ".join(words)
    joined = PREDICATE_SYNONYMS.get(joined, joined)
    head, _, rest = joined.partition(" ")
    return f"{PREDICATE_SYNONYMS.get(head, head)} {rest}".strip()


def classify(predicate: str) -> tuple[str, str]:
    """The schema.org relation class and the PLOVER/CAMEO action class of a predicate.

    >>> classify("criticize"), classify("own"), classify("meet in")
    (('', 'verbal conflict'), ('owns', ''), ('', ''))
    """
    negated = predicate.startswith("not ")
    words = predicate.removeprefix("not ")
    head = words.split(" ")[0]
    while head in RANK_MODIFIERS and " " in words:
        # "vice president of" is classed as "president of", "deputy prime minister of" too
        words = words.partition(" ")[2]
        head = words.split(" ")[0]
    # "meet in London", "sign a deal in Buenos Aires": the place is the setting of the act,
    # not a party that cooperates or conflicts
    setting = words.split(" ")[-1] in _SETTING_PREPOSITIONS and " " in words
    action = "" if negated or setting else ACTION_CLASSES.get(head, "")
    relation_class = RELATION_CLASSES.get(words, "")
    if not relation_class and words.endswith(" of") and head in _ROLE_HEADS:
        relation_class = "memberOf" if head in MEMBER_ROLES else "worksFor"
    return relation_class, action


_R = TypeVar("_R")


def _once_per_token(method: Callable[[_Finder, Token], _R]) -> Callable[[_Finder, Token], _R]:
    """A :class:`_Finder` method that answers once per token: the patterns ask about the
    same verbs and heads many times, and the answer reads only the Doc and the lookups made
    in ``__init__`` (the answer must not be changed by its callers)."""
    name = method.__name__

    @wraps(method)
    def once(self: _Finder, token: Token) -> _R:
        key = (name, token.i)
        memo = self._memo
        if key not in memo:
            memo[key] = method(self, token)
        return memo[key]  # type: ignore[return-value]

    return once


class _Finder:
    """Pattern matching over one parsed Doc; holds the lookups every pattern needs."""

    def __init__(self, doc: Doc, mention_at: Mapping[int, int], labels: Sequence[str]):
        self.doc = doc
        self.mention_at = mention_at
        self.labels = labels
        self._memo: dict[tuple[str, int], object] = {}  # for @_once_per_token
        # First and last token of each mention; mentions by label in text order, for
        # "he"/"she" and "the company".
        self.first: dict[int, int] = {}
        self.last: dict[int, int] = {}
        for i, m in mention_at.items():
            self.first[m] = min(self.first.get(m, i), i)
            self.last[m] = max(self.last.get(m, i), i)
        self.people = self._people()
        self.by_label: dict[str, list[tuple[int, int]]] = {}
        for m, end in sorted(self.last.items(), key=lambda kv: kv[1]):
            label = "PERSON" if m in self.people else (
                "ORG" if labels[m] == "PERSON" else labels[m])  # "Labour" tagged PERSON
            self.by_label.setdefault(label, []).append((end, m))
        self.host = self._bracket_hosts()
        self.lists = self._lists()
        self.gender = self._genders()
        # The tokens a question mark depends on (for :func:`_interrogative`), found once.
        self.questions: set[int] = set()
        for i in (doc.to_array(ORTH) == doc.vocab.strings["?"]).nonzero()[0].tolist():
            if doc[i].head.i != i:
                self.questions.add(doc[i].head.i)
            asked = _question_before(doc, i)
            if asked is not None:
                self.questions.add(asked.i)

    def _bracket_hosts(self) -> dict[int, int]:
        """Mentions in brackets right after a name -> that name ("Li Wei (China)"; a team
        with its scorers, "Surrey 429-7 (C. Lewis 80, M. Butcher 70)").

        The bracket says where the name is from, or who belongs to it; it is never an
        argument of the clause itself (a bracket after a word that is not a mention maps
        to -1: no argument). An acronym of an organisation ("Free Patriotic Movement
        (FPM)") is another name of it, not a relation, and is left alone.
        """
        doc, hosts = self.doc, {}
        close: dict[int, int] = {}
        stack: list[int] = []
        orth = doc.to_array(ORTH)
        brackets = ((orth == doc.vocab.strings["("]) | (orth == doc.vocab.strings[")"])
                    ).nonzero()[0].tolist()  # (not doc.text, rebuilt per call)
        for token in (doc[i] for i in brackets):
            if token.text == "(":
                stack.append(token.i)
            elif token.text == ")" and stack:
                close[stack.pop()] = token.i
        for opening, closing in close.items():
            inside = {self.mention_at[i] for i in range(opening + 1, closing)
                      if i in self.mention_at}
            k = opening - 1
            while k >= 0 and k not in self.mention_at and opening - k <= 4 and (
                    doc[k].like_num or doc[k].pos_ == "NUM" or doc[k].lower_ == "and"):
                k -= 1  # "Surrey 429-7 (": the score between the team and its players
            host = self.mention_at.get(k, -1) if k >= 0 else -1
            short = doc[opening + 1:closing].text
            if host >= 0 and (_acronym_of(short, doc[self.first[host]:self.last[host] + 1].text)
                              or _acronym_of(short, _phrase_before(doc[k]))
                              or self._name(host).lower().startswith(short.lower())):
                continue  # "the Ministry of Economy, Trade and Industry (METI)"; "the
                # Economic Commission for Latin America and the Caribbean (ECLAC)"; a name
                # cut short: "Yuganskneftegas (Yugansk)"
            for m in inside:
                alone = self.first[m] == opening + 1 and self.last[m] == closing - 1
                label = self.labels[m]
                if host == m or (label == "ORG" and host >= 0 and self.labels[host] != "PERSON"):
                    continue
                if label == "PERSON" and not (host >= 0 and self.labels[host] == "ORG"
                                              and k < opening - 1):
                    continue  # people in brackets are members only in a score table
                if label != "PERSON" and not alone:
                    continue
                if host < 0 and not (k == opening - 1 and doc[k].pos_ == "PROPN"):
                    continue
                hosts[m] = host
        return hosts

    def _lists(self) -> dict[int, tuple[int, ...]]:
        """Mentions listed as the items of one coordination -> the list, in text order:
        names of one kind separated by commas and ended by "and"/"or" ("the PvdA, the
        Anti-Revolutionary Party and Democrats 66"), each item a bare name, with at most
        its acronym or another name in brackets after it ("the Afar National Democratic
        Party (ANDP), the Amhara Democratic Party (ADP) and ..."). The parser often makes
        such a list a chain of appositions and loose dependents, so its items are found
        by their form, not by the parse.

        A list may end in an item that is no name ("A, B and independent candidates"),
        not in a name that modifies a noun ("Blair and Brown supporters"), nor in one that
        is the subject of a clause of its own ("criticised Gordon Brown, and John Prescott
        backed him").
        """
        doc, out = self.doc, {}
        starting = {first: m for m, first in self.first.items()}
        for m in sorted(self.first, key=self.first.__getitem__):
            if m in out or self.first[m] in self._bracketed:
                continue
            items, joined = [m], False
            while not joined:
                k = self._after_bracket(self.last[items[-1]] + 1)
                separated = k < len(doc) and doc[k].text == ","
                k += separated
                if k < len(doc) and doc[k].lower_ in ("and", "or"):
                    joined = separated = True
                    k += 1
                following = starting.get(k)
                if following is None and k < len(doc) and doc[k].lower_ == "the":
                    k += 1  # (a mention's span takes its "the" in, or not)
                    following = starting.get(k)
                if not separated or following is None or not self._same_kind(m, following):
                    # "A, B and independent candidates": the list ends in other words
                    joined = joined and (following is None and k < len(doc)
                                         and doc[k].pos_ not in ("VERB", "AUX"))
                    break
                items.append(following)
            if len(items) < 2 or not joined or not self._list_ends(items):
                continue
            out.update((item, tuple(items)) for item in items)
        return out

    @property
    def _bracketed(self) -> set[int]:
        """The tokens inside brackets (computed once)."""
        if not hasattr(self, "_inside_brackets"):
            doc, inside = self.doc, set()
            orth = doc.to_array(ORTH)
            opening, closing = doc.vocab.strings["("], doc.vocab.strings[")"]
            depth = start = 0
            for i in ((orth == opening) | (orth == closing)).nonzero()[0].tolist():
                if orth[i] == closing:  # (a stray ")" closes nothing)
                    if depth == 1:
                        inside.update(range(start, i))  # (an outermost bracket's tokens)
                    depth = max(0, depth - 1)
                else:
                    start = i + 1 if depth == 0 else start
                    depth += 1
            if depth:
                inside.update(range(start, len(doc)))  # (a bracket never closed)
            self._inside_brackets = inside
        return self._inside_brackets

    def _after_bracket(self, k: int, longest: int = _MAX_BRACKET) -> int:
        """The token after a bracket of at most ``longest`` tokens that opens at token
        ``k`` ("(ANDP)"), else ``k``."""
        doc = self.doc
        if k >= len(doc) or doc[k].text != "(":
            return k
        for j in range(k + 1, min(k + longest, len(doc))):
            if doc[j].text == ")":
                return j + 1
            if doc[j].text == "(":
                break
        return k

    def _same_kind(self, a: int, b: int) -> bool:
        """Whether two mentions can be items of one list: the same label (places with
        places; a party the NER calls a nationality with organisations)."""
        kinds = []
        for m in (a, b):
            label = self.labels[m]
            if label == "LOC":
                label = "GPE"
            elif label == "NORP" and self._name(m).lower() not in DEMONYMS:
                label = "ORG"
            kinds.append(label)
        return kinds[0] == kinds[1] and kinds[0] != "CONCEPT"

    def _list_ends(self, items: Sequence[int]) -> bool:
        """Whether the names ``items`` make a list: the last is not the first word of a
        noun phrase ("Blair and Brown supporters", "Deutsche Telekom's T-Mobile"), no item
        after the first is the subject of a clause of its own when the first is not, and a
        word and a name joined by a bare "and" are conjuncts in the parse too (not the
        halves of one name the NER cut: "the Operating and Financial Review")."""
        doc = self.doc
        end = self._after_bracket(self.last[items[-1]] + 1)
        if doc[self.last[items[-1]]].tag_ == "POS" or end < len(doc) and (
                doc[end].tag_ == "POS" or doc[end].is_lower and doc[end].pos_ in (
                    "NOUN", "ADJ", "NUM")):
            return False  # (a capitalised word after it is more of a name the NER cut)
        heads = [self._head(m) for m in items]
        if len(items) == 2 and self.first[items[0]] == self.last[items[0]] and \
                heads[1] not in heads[0].conjuncts:
            return False
        return heads[0].dep_ in ("nsubj", "nsubjpass") or not any(
            h.dep_ in ("nsubj", "nsubjpass") for h in heads[1:])

    def _head(self, mention: int) -> Token:
        """A mention's head word: its last, as in most names, when the parse takes that out
        of the name ("Financial Review" of "the Operating and Financial Review", whose
        "Financial" hangs on "Operating"), else the word whose head is outside it."""
        last = self.doc[self.last[mention]]
        if not self.first[mention] <= last.head.i <= self.last[mention]:
            return last
        return _phrase_head(self.doc, range(self.first[mention], self.last[mention] + 1))

    def listed(self, relation: RelationSpan) -> Iterator[RelationSpan]:
        """``relation`` for the other items of a list its subject or object is an item of
        ("the party merged with A (ANDP), B (ADP) and C to form D": B and C form D too),
        when the list stands in the relation's sentence and neither the other party nor the
        word that relates them is inside the list (an item's own bracket: "A (the German
        chancellor), B and C (President of the Abgeordnetenhaus)")."""
        if relation.pattern not in _LISTED_PATTERNS and \
                not relation.pattern.startswith("clause-"):
            return
        starts = sentence_starts(self.doc)
        sentence = starts[relation.token]
        for k, mention in enumerate((relation.subject, relation.object)):
            other = relation.object if k == 0 else relation.subject
            items = self.lists.get(mention, ())
            if not items or starts[self.first[items[0]]] != sentence:
                continue
            extent = range(self.first[items[0]],
                           self._after_bracket(self.last[items[-1]] + 1, len(self.doc)))
            if relation.token in extent or self.first[other] in extent:
                continue
            # the item is an argument by its name, in the word's own phrase or clause
            # (not "him" for the last of "allies of Mr Blair and Mr Brown")
            head = self._head(mention)
            word = self.doc[relation.token]
            if word.dep_ in ("aux", "auxpass"):
                word = word.head  # a clause's first word: "has had headquarters in A and B"
            if not (word.is_ancestor(head) or head.is_ancestor(word) or head == word):
                continue
            for item in items:
                if item != mention:
                    yield relation._replace(
                        subject=item if k == 0 else relation.subject,
                        object=item if k == 1 else relation.object,
                        confidence=round(relation.confidence * _LISTED_PENALTY, 3))

    def _people(self) -> set[int]:
        """The mentions that name a person, for "he"/"she": those tagged PERSON (not a
        party: "Labour" tagged PERSON), and those the NER tagged otherwise after a gendered
        honorific ("Mr Clarke" tagged ORG) or with the surname of a full name tagged PERSON
        ("Clarke" after "Charles Clarke")."""
        labels, doc = self.labels, self.doc
        surnames = {doc[self.last[m]].lower_ for m in self.last
                    if labels[m] == "PERSON" and self.first[m] != self.last[m]}
        return {m for m, first in self.first.items() if not self._party(m) and (
            labels[m] == "PERSON" or (labels[m] != "CONCEPT" and (
                (first == self.last[m] and doc[first].lower_ in surnames)
                or doc[first].lower_ in SURNAME_HONORIFICS
                or (first > 0 and doc[first - 1].lower_ in SURNAME_HONORIFICS))))}

    def _genders(self) -> dict[int, str]:
        """"m" or "f" for the people whose name follows a gendered honorific ("Mr Blair") or
        starts with a common given name ("Betty Boothroyd"), and for every other mention of
        the same surname in the text."""
        by_surname: dict[str, str] = {}
        for m, first in self.first.items():
            if m not in self.people:
                continue
            for i in (first - 1, first):
                if i >= 0 and self.doc[i].lower_ in GENDERED_HONORIFICS:
                    surname = self.doc[self.last[m]].lower_
                    by_surname.setdefault(surname, GENDERED_HONORIFICS[self.doc[i].lower_])
        for m, first in self.first.items():
            given = self.doc[first].lower_
            if self.labels[m] == "PERSON" and first != self.last[m] and (
                    given in FEMALE_NAMES or given in MALE_NAMES):
                by_surname.setdefault(self.doc[self.last[m]].lower_,
                                      "f" if given in FEMALE_NAMES else "m")
        return {m: by_surname.get(self.doc[last].lower_, "") for m, last in self.last.items()
                if m in self.people}

    def last_before(self, token: Token, wanted: Sequence[str], gender: str = "",
                    before: int | None = None, skip: set[str] | None = None,
                    party: bool | None = None) -> int | None:
        """The last mention with one of the ``wanted`` labels that ends before ``token``
        (or before token index ``before``), within the sentence or the one before (further
        back is a guess); for a gendered pronoun, the last one of no other gender; with
        ``party``, the last one that is (True) or is not (False) a political party."""
        limit = token.i if before is None else before
        starts = sentence_starts(self.doc)  # (token.sent walks the Doc on every call)
        sentence = starts[token.i]
        # Binding (principle C): "at a dinner hosted by Prescott, he told Brown" - a name
        # inside the pronoun's own clause is not what the pronoun stands for.
        clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else None
        best: tuple[int, int] | None = None
        for label in wanted:
            found = self.by_label.get(label, [])
            k = bisect_left(found, (limit, -1))
            while k and (
                    (gender and self.gender.get(found[k - 1][1], "") not in ("", gender))
                    or (gender and _place_object(self.doc[found[k - 1][0]]))
                    or found[k - 1][1] in self.host
                    or (skip and self.doc[found[k - 1][0]].lower_ in skip)
                    or (party is not None and self._party(found[k - 1][1]) != party)
                    or (clause is not None and clause.is_ancestor(self.doc[found[k - 1][0]]))):
                k -= 1
            if k and gender and not self.gender.get(found[k - 1][1]):
                # a name of unknown gender is passed over for one of the right gender in
                # the same sentence ("Mr Kennedy is speeding up Lib Dem plans as he ...")
                j = k - 1
                while j and found[j - 1][0] >= sentence:
                    j -= 1
                    if self.gender.get(found[j][1]) == gender and not (
                            clause is not None and clause.is_ancestor(self.doc[found[j][0]])):
                        k = j + 1
                        break
            if k and gender and found[k - 1][0] < sentence:
                # Centering: across sentences the subject of the last sentence that names a
                # candidate is the likelier antecedent ("Mr Blair told the chancellor at a
                # dinner hosted by John Prescott ... he saw Gordon Brown": Blair); the agent
                # of a passive main clause is its subject in all but form ("That charge
                # was denied by Mr Mandelson, who said X feared Mr Campbell. He warned").
                start = starts[found[k - 1][0]]
                j = k - 1
                while j >= 0 and found[j][0] >= start:
                    end, m = found[j]
                    if (self.doc[end].dep_ in ("nsubj", "nsubjpass") or _main_agent(
                            self.doc[end])) and \
                            self.gender.get(m, "") in ("", gender) and m not in self.host:
                        k = j + 1
                    j -= 1
            if k and (best is None or found[k - 1][0] > best[0]):
                best = found[k - 1]
        if gender and (best is None or best[0] < sentence) and _subject_like(token) and \
                self._unnamed_subject_before(token):
            return None  # "A Labour spokesman criticised Michael Howard's record. He said":
            # the subject "he" continues the spokesman, whom no name stands for
        if gender and (best is None or best[0] < sentence) and _subject_like(token):
            # Centering: a subject "he" continues the last sentence's subject "he" (or "his
            # attempt"), not a name that sentence gave as an object ("His first attempt was
            # thwarted by Michael Ancram. But in 1983, he took Dunfermline East").
            pronoun = self._pronoun_subject_before(token, gender)
            if pronoun is not None:
                chained = self.last_before(pronoun, wanted, gender)
                if chained is not None:
                    return chained
        if best is None or sentence - best[0] >= _COREFERENCE_WINDOW:
            return None
        if wanted != ("PERSON",) and not gender and self._rivals(token, wanted, best, skip,
                                                                  party):
            return None  # "the company" after two companies: no clear antecedent
        return best[1]

    def _subject_before(self, token: Token) -> tuple[Token | None, Token | None]:
        """The root of the sentence before ``token``'s and its subject (None where there is
        no such sentence or subject)."""
        start = sentence_starts(self.doc)[token.i]
        if start == 0:
            return None, None
        root = sentence_at(self.doc)[start - 1].root
        return root, next((c for c in children(root) if c.dep_ in ("nsubj", "nsubjpass")),
                          None)

    def _pronoun_subject_before(self, token: Token, gender: str) -> Token | None:
        """The "he"/"his" (of ``gender``) that is or opens the subject of the sentence before
        ``token``'s, if that sentence names no one as its subject."""
        subject = self._subject_before(token)[1]
        if subject is None or subject.i in self.mention_at:
            return None
        # "his first attempt", "one of his fellow pupils"
        pronoun = next((t for t in subject.subtree if t.lower_ in PRONOUN_GENDER
                        and t.i not in self.mention_at), None)
        return pronoun if pronoun is not None and PRONOUN_GENDER[pronoun.lower_] == gender \
            else None

    def _unnamed_subject_before(self, token: Token) -> bool:
        """Whether the subject of the sentence before ``token``'s is a person noun that
        names no one ("a Labour Party spokesman", "the official"): no name in apposition,
        in front or as its possessor, nor as what it is ("the winner was X"), and no person
        named before with it as a title."""
        root, subject = self._subject_before(token)
        if root is None or subject is None:
            return False
        named = any(c.dep_ == "attr" and c.i in self.mention_at for c in children(root))
        return subject.i not in self.mention_at and not named and \
            subject.pos_ == "NOUN" and lemma_of(subject) in PERSON_NOUNS and not any(
                c.dep_ in ("appos", "compound", "poss") and c.i in self.mention_at
                and self.mention_at[c.i] in self.people
                for c in children(subject)) and self._titled(subject) < 0

    def _same_anaphor_before(self, token: Token) -> Token | None:
        """The subject of the sentence before ``token``'s, when both are "the" and the same
        noun ("the firm") and ``token`` is a subject too."""
        if not _subject_like(token):
            return None
        subject = self._subject_before(token)[1]
        if subject is None or subject.i in self.mention_at or \
                lemma_of(subject) != lemma_of(token) or not any(
                    c.lower_ == "the" and c.dep_ == "det" for c in children(subject)):
            return None
        return subject

    def _salient_subject(self, token: Token, wanted: Sequence[str], bound: set[int],
                         skip: set[str], party: bool) -> int | None:
        """The antecedent of a definite description ("the company") by salience (centering):
        of the mentions of the ``wanted`` labels in ``token``'s sentence and the one before,
        the last that is the subject of a main clause (or its possessor, "Merck's shares");
        through a sentence whose subject is "it", the sentence before too ("Umbro makes
        kits. It signed a deal with Chelsea. The firm said": Umbro). None when there is no
        such subject (then the last mention is the guess)."""
        starts = sentence_starts(self.doc)
        sentences = sentence_at(self.doc)
        paragraph = self._paragraph_start(token.i)
        window = starts[token.i]
        candidates = sorted(
            ((end, m) for label in wanted
             for end, m in self.by_label.get(label, []) if paragraph <= end < token.i
             and m not in self.host and self.doc[end].lower_ not in skip
             and self._party(m) == party), reverse=True)
        while True:
            if window > paragraph:
                window = starts[window - 1]
            for end, m in candidates:
                if end < window:
                    break
                head = _phrase_head(self.doc, range(self.first[m], end + 1))
                subject = head.head if head.dep_ == "poss" else head
                if subject.dep_ not in ("nsubj", "nsubjpass") or subject.i in bound:
                    continue
                verb = subject.head
                if verb == _governing_verb(token):
                    return None  # "Baikal gave control of the company": the subject of
                    # the description's own verb is no antecedent (nor always not: "Laura
                    # Ashley thanked her for her services to the company")
                while verb.dep_ == "conj":
                    verb = verb.head
                if verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"):
                    return m
            root = sentences[window].root
            if window <= paragraph or not any(c.dep_ in ("nsubj", "nsubjpass")
                                              and c.lower_ == "it" for c in children(root)):
                return None

    def _clause_subjects(self, token: Token) -> set[int]:
        """The subjects of the verb ``token`` is an object of ("Russia, which borders the
        country": Russia; "Unilever will help the firm develop": Unilever): by binding,
        not what a description in that place stands for."""
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ in ("prep", "dative"):
            verb = verb.head
        elif token.dep_ == "nsubj" and verb.dep_ in ("ccomp", "xcomp") and verb.tag_ == "VB" \
                and not any(c.dep_ in ("aux", "mark") for c in children(verb)):
            verb = verb.head  # the subject of a bare infinitive is the object of its head
        elif token.dep_ not in ("dobj", "dative"):
            return set()
        if verb.pos_ not in ("VERB", "AUX"):
            return set()
        return {t.i for t in self.subjects(verb)[0]}

    def _paragraph_start(self, i: int) -> int:
        """The index of the first token of token ``i``'s paragraph (after a line break)."""
        if not hasattr(self, "_paragraphs"):
            # a token starts a paragraph when a line break lies between the start of the
            # token before and its own (in that token or in the space after it)
            starts = self.doc.to_array(IDX).tolist()
            opening = [0] * len(starts)
            for found in re.finditer("\n", self.doc.text):
                k = bisect_right(starts, found.start())
                if 0 < k < len(starts):
                    opening[k] = k
            self._paragraphs: list[int] = list(accumulate(opening, max))
        return self._paragraphs[i]

    def _rivals(self, token: Token, wanted: Sequence[str], best: tuple[int, int],
                skip: set[str] | None, party: bool | None) -> bool:
        """Whether another entity of the ``wanted`` labels, by another name, is named in the
        antecedent's sentence, when that is not ``token``'s own: then which of them "the
        company" is, is a guess ("Fiat" and "Fiat Auto" are one name)."""
        starts = sentence_starts(self.doc)
        if best[0] >= starts[token.i]:
            return False  # "the Falic Group said the firm had ...": the one in its sentence
        start = starts[best[0]]
        first = self._name(best[1]).lower().split()[0]
        for label in wanted:
            for end, m in self.by_label.get(label, []):
                if start <= end < token.i and m not in self.host and \
                        self._name(m).lower().split()[0] != first and not (
                            skip and self.doc[end].lower_ in skip) and (
                            party is None or self._party(m) == party):
                    return True
        return False

    def _sentences_with_two_parties(self) -> set[int]:
        """The starts of the sentences that name two parties to a relation, a mention or a word
        that refers back ("he", "the company") each: a pattern needs two (the others are not
        read)."""
        doc = self.doc
        starts = sentence_starts(doc)
        parties: dict[int, set[int]] = {}
        for i, m in self.mention_at.items():
            parties.setdefault(starts[i], set()).add(m)
        words = doc.to_array([LOWER, LEMMA]).tolist()
        strings = doc.vocab.strings
        refers: dict[tuple[int, int], bool] = {}
        for i, (lower, lemma) in enumerate(words):
            key = (lower, lemma)
            if key not in refers:
                refers[key] = _refers_back(strings[lower], strings[lemma])
            if refers[key]:
                parties.setdefault(starts[i], set()).add(-1 - i)
        return {start for start, found in parties.items() if len(found) >= 2}

    def may_relate(self, sent: Span) -> bool:
        """Whether a sentence can hold a relation: two mentions, or one and a word that
        refers back ("he", "the company")."""
        named = {self.mention_at[i] for i in range(sent.start, sent.end) if i in self.mention_at}
        if len(named) >= 2:
            return True
        return bool(named) and any(_refers_back(t.lower_, lemma_of(t)) for t in sent)

    # -- arguments ------------------------------------------------------------------------

    @_once_per_token
    def entity(self, token: Token) -> _Arg | None:
        """The mention an argument's head token stands for, if any."""
        if token.i in self.mention_at:
            m = self.mention_at[token.i]
            if self.labels[m] == "CONCEPT":
                named = self._apposed(token)
                if named is not None:
                    return named  # "its major shareholder, Patrick Corporation": the name
            host = self.host.get(m, m)
            if self.labels[m] == "PERSON" and m in self.host:
                host = m  # a player in a score table acts for himself
            return None if host < 0 else _Arg(host, "name")
        if token.lower_ in _PERSONAL and token.pos_ == "PRON":
            governor = self._governing_subject(token)
            if governor is not None:
                return None if governor < 0 else _Arg(governor, "pronoun")
            self._quoted: set[str] = set()
            found = self.last_before(token, ("PERSON",), PRONOUN_GENDER.get(token.lower_, ""),
                                     self._speaker_limit(token), self._quoted)
            speaker = self._quoted_by(token) if found is not None else None
            if speaker is not None and self.doc[self.last[speaker]].lower_ == \
                    self.doc[self.last[found]].lower_:  # (by surname: "John Hale", "Mr Hale")
                return None  # '"He is a strong member," Mr Hale said': not Hale himself
            return None if found is None else _Arg(found, "pronoun")
        if token.dep_ == "appos" and token.head.i in self.mention_at:
            return _Arg(self.mention_at[token.head.i], "name")  # "Gazprom, the company that"
        if token.lower_ in _NEUTER and token.pos_ == "PRON" and token.dep_ in (
                "nsubj", "nsubjpass") and lemma_of(token.head) != "be":
            # "the company said it would buy X", "when they beat Wales": an organisation
            found = self.last_before(token, ("ORG",))
            return None if found is None else _Arg(found, "pronoun")
        named_after = self._apposed(token)
        if named_after is not None:
            return named_after  # "the largest US telephone company Verizon": not an anaphor
        lemma = lemma_of(token)
        wanted = NOMINAL_COREFERENCE.get(lemma)
        kids = children(token)
        # ("any US carrier": a country in front of "carrier" says where, not which)
        named = [c for c in kids if c.dep_ == "compound" and c.i in self.mention_at
                 and self.labels[self.mention_at[c.i]] in ("ORG", "GPE")
                 and self.labels[self.mention_at[c.i]] in (wanted or ())]
        named += [p for c in kids if c.dep_ == "prep" and c.lower_ == "of"
                  for p in children(c) if p.dep_ == "pobj" and p.i in self.mention_at
                  and self.labels[self.mention_at[p.i]] in ("GPE",)]  # "the city of X"
        if wanted and token.pos_ == "NOUN" and named:
            return _Arg(self.mention_at[named[-1].i], "name")  # "the Interfax news agency"
        if wanted and token.pos_ == "NOUN" and token.tag_ != "NNS" and any(
                c.lower_ == "the" and c.dep_ == "det" for c in kids) and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in kids):
            # (a plural, "the main political parties", is not the one party named before;
            # nor is a noun with a complement of its own, "the state of the US economy")
            # "the company", "the club" is not the outlet that reports on it ("told
            # Reuters ... The company has grown"); "the party" is a party, and "the
            # company" is not one
            earlier = self._same_anaphor_before(token)
            if earlier is not None:
                return self.entity(earlier)  # "The firm, which ... . The firm said ...": as
                # for "he", the subject continues the last sentence's subject
            employer = self._employer_of_subject(token) if wanted == ("ORG",) else None
            if employer is not None:
                return _Arg(employer, "pronoun")  # "Disney directors have left the company"
            fit, misfit = self._by_kind(lemma)
            skip = self._outlet_words() - fit | misfit
            found = self.last_before(token, wanted, skip=skip, party=lemma == "party")
            if found is not None:
                # before its sentence, of the candidates the salient one ("the Falic Group
                # said the firm had": the one in its sentence; where there is no candidate
                # but a salient subject further back, that is a guess too)
                bound = self._clause_subjects(token)
                salient = None if self.last[found] >= sentence_starts(self.doc)[token.i] \
                    else self._salient_subject(token, wanted, bound, skip, lemma == "party")
                found = found if salient is None else salient
                if _phrase_head(self.doc, range(self.first[found],
                                                self.last[found] + 1)).i in bound:
                    found = None  # "Unilever will help the firm": the firm is another
            if found is not None and lemma in COUNTRY_NOUNS and \
                    self._name(found) not in COUNTRIES:
                found = None  # "the country" is not London
            if found is not None and token.dep_ == "nsubj" and lemma_of(token.head) == "quote" \
                    and not self.outlet(found):
                found = None  # "the agency quoted Peoplesoft worker X as saying": only news
                # outlets quote people, and the firm named before is none
            return None if found is None else _Arg(found, "pronoun")
        if lemma in PROXY_NOUNS:
            for child in kids:
                if child.dep_ in ("poss", "amod", "compound") and child.i in self.mention_at:
                    return _Arg(self.mention_at[child.i], "proxy")
        return None

    def _apposed(self, token: Token) -> _Arg | None:
        """The name in apposition to a noun ("the company, Gazprom"), if any."""
        # After a dash the name is an aside ("has one agenda - the UK"), unless the noun
        # says what kind of thing the name is ("four companies - Gazprom, ...").
        kind = token.tag_ in ("NNS", "NNPS") or lemma_of(token) in NOMINAL_COREFERENCE or \
            lemma_of(token) in PERSON_NOUNS
        for child in children(token):
            if (child.dep_ == "appos" and child.i in self.mention_at
                    and self.mention_at[child.i] not in self.host and (kind or not any(
                        _is_break(self.doc[k]) for k in range(token.i + 1, child.i)))):
                return _Arg(self.mention_at[child.i], "name")
        return None

    def _quoted_by(self, token: Token) -> int | None:
        """The speaker of the direct quote ``token`` is in, if any: in what one says, "he"
        and "she" are someone else."""
        if not hasattr(self, "_direct_quotes"):
            self._direct_quotes: list[tuple[int, int, int]] = []  # (quotes() asks for the
            # speakers, "he" of '"...," he said' among them: they stand outside the quote)
            self._direct_quotes = [(q.start, q.end, q.speaker) for q in self.quotes()
                                   if q.direct]
        return next((speaker for start, end, speaker in self._direct_quotes
                     if start <= token.i < end), None)

    def _governing_subject(self, pronoun: Token) -> int | None:
        """The antecedent of a "he"/"she" that is the subject of a clause reported or known
        by a person: that person ("The home secretary has admitted he was wrong": he is the
        home secretary, not the last name before).

        Returns the governing subject's mention, -1 when the subject is a person named only
        by a role or kind ("the home secretary", "the minister") - then the pronoun stands
        for no known entity - and None when the rule does not apply."""
        gender = PRONOUN_GENDER.get(pronoun.lower_, "")
        if not gender or pronoun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None
        verb = pronoun.head
        if pronoun.dep_ == "dobj" and not self._impersonal_subject(verb):
            return None  # ("Brown said Blair had undermined him": him may be either)
        while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        if verb.dep_ != "ccomp" or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return None
        if any(t.is_quote for t in self.doc[min(pronoun.i, verb.head.i):
                                            max(pronoun.i, verb.head.i)]):
            return None  # '"He is a strong member," Mr Prescott said': not the speaker
        if subject.i in self.mention_at:
            m = self.mention_at[subject.i]
            if self.labels[m] != "PERSON" or self.gender.get(m, "") not in ("", gender):
                return None
            return m
        if subject.pos_ == "NOUN" and lemma_of(subject) in PERSON_NOUNS and not any(
                c.dep_ in ("appos", "compound", "poss") and c.i in self.mention_at
                for c in subject.children):
            return self._titled(subject)
        return None

    def _impersonal_subject(self, verb: Token) -> bool:
        """Whether a verb's subject is no person: an object "him" of such a reported verb
        is the reporter ("the prime minister felt the Iraq war had undermined him")."""
        subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return False
        if subject.i in self.mention_at:
            return self.mention_at[subject.i] not in self.people
        return subject.pos_ == "NOUN" and lemma_of(subject) not in PERSON_NOUNS

    def _titled(self, noun: Token) -> int:
        """The last person named before ``noun`` with ``noun`` (and its modifiers) as the
        title in front of the name: "the home secretary" after "Home Secretary David
        Blunkett"; -1 if there is none."""
        words = [c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")
                 and c.i < noun.i] + [noun.lower_]
        found = -1
        for m, first in self.first.items():
            if self.labels[m] != "PERSON" or first >= noun.i or first < len(words):
                continue
            if [t.lower_ for t in self.doc[first - len(words):first]] == words and (
                    found < 0 or first > self.first[found]):
                found = m
        return found

    def _outlet_words(self) -> set[str]:
        """The last words of the news outlets the Doc names (computed once)."""
        if not hasattr(self, "_outlets"):
            self._outlets = {self.doc[self.last[m]].lower_ for m in self.last
                             if self.labels[m] == "ORG" and self.outlet(m)}
        return self._outlets

    def _party(self, mention: int) -> bool:
        """Whether a mention names a political party ("Labour", "the Tories", "Respect
        party")."""
        last = self.last[mention]
        words = [t.lower_ for t in self.doc[self.first[mention]:last + 1]]
        after = self.doc[last + 1].lower_ if last + 1 < len(self.doc) else ""  # "Respect party"
        return "party" in (words[-1], after) or "parties" in (words[-1], after) or any(
            w in PARTY_NAME_WORDS for w in words)

    def _employer_of_subject(self, token: Token) -> int | None:
        """The organisation named in front of the role noun of the subject of the verb
        "the company" is the object of ("the three Disney directors ... have left the
        company", "Yukos executives quit the firm"): the company they work for, whatever
        organisation was named last ("the SEC's investigation")."""
        verb = token.head
        if token.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
            return None
        # (every subject child: the parse may give the verb both "directors" and the names
        # in apposition to them, "The three Disney directors - A, B and C - have left")
        subjects = self.subjects(verb)[0] + [c for c in children(verb) if c.dep_ == "nsubj"]
        for subject in subjects:
            if subject.pos_ != "NOUN" or not (
                    subject.lower_ in _ROLE_HEADS or lemma_of(subject) in _ROLE_HEADS):
                continue
            named = [c for c in children(subject) if c.dep_ in ("compound", "poss")
                     and c.i in self.mention_at and self.labels[self.mention_at[c.i]] == "ORG"]
            if named:
                return self.mention_at[named[-1].i]
        return None

    def _by_kind(self, description: str) -> tuple[set[str], set[str]]:
        """The last words (lower case) of the names the article calls by a specific
        description's kind, and of those it calls by another kind: "the agency" may be "AP
        news agency", an outlet though it is; "the club" is not "JP Morgan, the US
        investment bank". Both empty for a general description ("the company")."""
        may = DESCRIPTION_KINDS.get(description)
        fit: set[str] = set()
        misfit: set[str] = set()
        if may is not None:
            for name, kinds in self._kinds().items():
                (fit if kinds & may else misfit).add(name.rsplit(" ", 1)[-1])
        return fit, misfit

    def _kinds(self) -> dict[str, set[str]]:
        """The kinds of organisation the article calls each name by (lower case): the word
        in front ("US carmaker General Motors"), the head behind ("the IEA watchdog", "AP
        news agency") or in apposition ("JP Morgan, the US investment bank")."""
        if not hasattr(self, "_kind_of"):
            doc = self.doc
            kinds: dict[str, set[str]] = {}
            for m, first in self.first.items():
                last = self.last[m]
                head = _phrase_head(doc, range(first, last + 1))
                words = [doc[first - 1]] if first and doc[first - 1].is_lower else []
                if head.dep_ == "compound" and head.head.i - last <= 2:
                    words.append(head.head)
                words += [c for c in head.children if c.dep_ == "appos"]
                if head.dep_ == "appos":
                    words.append(head.head)
                found = {lemma_of(t) for t in words if t.pos_ == "NOUN"} & KIND_WORDS
                if found:
                    kinds.setdefault(self._name(m).lower(), set()).update(found)
            self._kind_of = kinds
        return self._kind_of

    def _name(self, mention: int) -> str:
        """A mention's text, without a leading "the"."""
        words = self.doc[self.first[mention]:self.last[mention] + 1].text
        return words[4:] if words.lower().startswith("the ") else words

    def _speaker_limit(self, pronoun: Token) -> int | None:
        """Where the antecedent of a reporting verb's pronoun subject must end.

        In "... Mr Blair will have to defend, he said, urging ..." the speaker is not a
        person named in what he says: "he" of an inserted "he said" looks back from the
        start of the sentence."""
        verb = pronoun.head
        if pronoun.dep_ != "nsubj" or lemma_of(verb) not in REPORTING_VERBS:
            return None
        # '"...," he said': before the quote's opening mark
        sent = sentence_at(self.doc)[pronoun.i]
        marks = [t.i for t in sent if t.is_quote and t.i < pronoun.i]
        if len(marks) >= 2:
            # nor anyone the quote names ('"I wasn't advised by Scott Sullivan," he told
            # the court': not Sullivan, even where Sullivan was named before)
            self._quoted.update(self.doc[self.last[self.mention_at[i]]].lower_
                                for i in range(marks[-2], marks[-1]) if i in self.mention_at)
            return marks[-2]
        # "..., he argued": a reported clause before its verb, as a parenthetical one
        fronted = any(c.dep_ == "ccomp" and c.i < pronoun.i for c in children(verb))
        return sent.start if verb.dep_ == "parataxis" or fronted else None

    def all_relations(self) -> Iterator[RelationSpan]:
        """Every relation of the Doc: dependency patterns, then entities inside phrases,
        then the clause extractor's clauses for the pairs still unrelated."""
        doc = self.doc
        seen: set[tuple[int, int, int]] = set()
        sentence_at = sentence_starts(doc)  # token index -> its sentence's start

        def new(relation: RelationSpan) -> bool:
            key = (relation.subject, relation.object, sentence_at[relation.token])
            if key in seen or (key[1], key[0], key[2]) in seen:
                return False
            seen.add(key)
            return True

        direct: list[RelationSpan] = []
        pos = doc.to_array(POS)  # only the verbs and nouns become Tokens
        holding = self._sentences_with_two_parties()
        for token in (doc[i] for i in ((pos == VERB) | (pos == AUX) | (pos == NOUN)
                                       ).nonzero()[0].tolist() if sentence_at[i] in holding):
            if token.pos_ in ("VERB", "AUX"):
                found = self.clause(token) if token.pos_ == "VERB" else iter(())
                found = _chain(found, self.roles_of(token))
            elif token.pos_ == "NOUN" and token.lower_ in NOMINAL_PREDICATES:
                found = self.nominal(token)
            else:
                continue
            for relation in found:
                seen.add((relation.subject, relation.object, sentence_at[relation.token]))
                direct.append(relation)
                yield relation
        for relation in _chain(self.brackets(), self.of_phrases(), self.appositions(), self.kin(),
                               self.origins(), self.owned_names(), self.places(),
                               self.contests(), self.coalitions(), self.parties_of(),
                               self.bodies()):
            if new(relation):
                direct.append(relation)
                yield relation
        # The clause extractor reads more constructions ("conducted air strikes in Syria");
        # it adds the entity pairs the patterns above did not relate.
        for sent in sentence_spans(doc):
            if not self.may_relate(sent):
                continue
            for clause in clauses(sent, verbal_only=True, keep=self._names_subject):
                for relation in self.from_clause(clause):
                    if new(relation):
                        direct.append(relation)
                        yield relation
        # Last, what a list's item takes part in, for the list's other items (where no
        # pattern related them to the other party).
        for relation in direct:
            for copy in self.listed(relation):
                if new(copy):
                    yield copy

    # -- entities inside phrases ----------------------------------------------------------

    def brackets(self) -> Iterator[RelationSpan]:
        """"Li Wei (China)" -> Li Wei is from China; "Acme (Japan)" is based in Japan;
        "Jane Roe (Labour)" is a member of Labour."""
        for m, host in self.host.items():
            if host < 0:
                continue
            label, host_label = self.labels[m], self.labels[host]
            if label == "PERSON":
                yield self._relation(m, "member of", host, self.first[m], "bracket")
                continue
            if label == "ORG":
                predicate = "member of"
            elif host_label == "PERSON":
                predicate = "be from"
            elif label in _PLACE_LABELS and host_label in _PLACE_LABELS:
                if self._name(m) not in COUNTRIES:
                    continue  # "Mumbai (Bombay)": another name of the place, not where it is
                predicate = "be in"  # "Karachi (Pakistan)"
            elif label in _PLACE_LABELS:
                predicate = "be based in"
            else:
                continue
            yield self._relation(host, predicate, m, self.first[m], "bracket")

    def of_phrases(self) -> Iterator[RelationSpan]:
        """"Robert Bradford of the Vanguard Party", "striker Tom Hale of Leeds": a person
        "of" an organisation belongs to it; "of" a place is from it; one right "for" a party
        or a place stands for it ("William Craig for the UUP", "Giacomo Montalto for the
        province of Trapani")."""
        for m, last in self.last.items():
            if self.labels[m] != "PERSON" or m in self.host or \
                    self.doc[self.first[m]].lower_ in TITLES_IN_NAMES:
                continue  # "Baron Kinnock of Bedwellty": a peer's title, not his party
            head = self.doc[last]
            preps = list(head.children)
            if head.dep_ == "nsubj" and head.head.i < head.i and \
                    lemma_of(head.head) in REPORTING_VERBS:
                preps += head.head.children  # "..., said Anthony Pratt from JD Power"
            # "chose teacher Helen Carroll, from Portsmouth": the parser hangs the person's
            # home town on the verb
            preps += [c for c in head.head.children if c.dep_ == "prep"
                      and self._origin_after_name(c) == m]
            after = self.doc[last + 1] if last + 1 < len(self.doc) else head
            if after.lower_ == "for" and after.dep_ == "prep" and after.head.i != head.i and (
                    head.dep_ in ("appos", "conj") or any(c.dep_ == "conj" for c in preps)):
                preps.append(after)  # "between X of the DUP, Y for the UUP and Z for the
                # Alliance": in a list, the parser hangs "for" on the list's noun
            for prep in preps:
                # "Ken Mayland at Clearview", "Simon Sweetman, from the FSB,", "John
                # Moore-Gillon, of the British Lung Foundation,", "Peter Monkhouse, 50, of
                # Headingley"
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "from", "for") or \
                        prep.i <= last or prep.i - last > 4 or any(
                            t.text != "," and not t.like_num for t in self.doc[last + 1:prep.i]) \
                        or (prep.lower_ in ("at", "for") and prep.i != last + 1):
                    continue
                for pobj in _with_conjuncts([c for c in prep.children if c.dep_ == "pobj"]):
                    kind = self._kind_named(pobj)  # "of JPMorgan Chase bank"
                    if pobj.i not in self.mention_at and kind is None:
                        continue
                    target = self.mention_at[pobj.i] if kind is None else kind
                    label = self.labels[target]
                    # "Ken Mayland at Clearview Economics", "Moazzam Begg, from Birmingham"
                    predicate = {("of", "ORG"): "member of", ("at", "ORG"): "work at",
                                 ("of", "GPE"): "be from", ("of", "NORP"): "be from",
                                 ("from", "GPE"): "be from",
                                 ("from", "ORG"): "member of", ("for", "ORG"): "represent",
                                 ("for", "GPE"): "represent"}.get((prep.lower_, label), "")
                    if label == "ORG" and prep.i > last + 2:
                        continue  # "Leslie Gray, 43, of Tuxford": a home town, mistagged
                    if predicate == "member of" and prep.lower_ == "of" and \
                            prep.i == last + 2 and self._home_town(target, pobj):
                        predicate = "be from"
                    role = self._role_before(m)
                    if role and label in ("ORG", "GPE") and prep.lower_ != "from":
                        predicate = f"{role} of"  # "striker Tom Hale of Leeds"
                    if predicate and target != m:
                        yield self._relation(m, predicate, target, prep.i, "of")

    def _origin_after_name(self, prep: Token) -> int | None:
        """The person whose name a "from" or "of" phrase follows after a comma ("Helen
        Carroll, from Portsmouth"): where the person is from, or whom the person is with,
        whatever the parser attached it to; else None."""
        doc, k = self.doc, prep.i - 2
        m = self.mention_at.get(k) if k >= 0 and doc[prep.i - 1].text == "," else None
        if m is None or prep.lower_ not in ("from", "of") or self.labels[m] != "PERSON" or \
                self.last[m] != k:
            return None
        return m

    def _employer_of_department(self, department: Token) -> list[Token]:
        """The names "at" or "with" a department noun ("[head of] research at Merck")."""
        return [c for prep in children(department) if prep.dep_ == "prep"
                and prep.lower_ in ("at", "with") for c in children(prep)
                if c.dep_ == "pobj" and c.i in self.mention_at]

    def _kind_named(self, noun: Token) -> int | None:
        """The organisation a noun of its kind names by the name in front ("JPMorgan Chase
        bank", "the Lopes Filho consultancy"), if the noun is no mention itself."""
        if noun.i in self.mention_at or noun.pos_ != "NOUN" or \
                lemma_of(noun) not in ORGANISATION_KINDS:
            return None
        named = [c for c in children(noun) if c.dep_ == "compound" and c.i < noun.i
                 and c.i in self.mention_at and self.labels[self.mention_at[c.i]] == "ORG"]
        return self.mention_at[named[-1].i] if named and named[-1].i == noun.i - 1 else None

    def _home_town(self, mention: int, pobj: Token) -> bool:
        """Whether the name in "Tony Martin, of Burnley, said" is where the speaker lives:
        the vox-pop form, one word with no article and a comma or a verb after it (an
        organisation there takes "the" or a longer name: "of the British Lung Foundation",
        "of Investec Securities"). The NER often tags such a town ORG."""
        end = self.last[mention] + 1
        return self.first[mention] == self.last[mention] == pobj.i and \
            not any(c.dep_ == "det" for c in pobj.children) and end < len(self.doc) and (
                self.doc[end].is_punct or self.doc[end].pos_ == "VERB")  # (",", ":")

    def origins(self) -> Iterator[RelationSpan]:
        """"Britain's Tim Henman", "Australian Tom Moody", "Mexican boxer Ariel Cruz": a
        country or a nationality in front of a person's name says where the person is from
        (a possessive place in front of an organisation, where it is based)."""
        doc = self.doc
        for m, last in self.last.items():
            label = self.labels[m]
            if label not in ("PERSON", "ORG") or m in self.host:
                continue
            head = doc[last]
            modifiers = [c for c in head.children if c.i < self.first[m]]
            # "Mexican boxer Ariel Cruz": the nationality modifies the role noun
            modifiers += [g for c in modifiers if c.pos_ == "NOUN" and c.lower_ in _ROLE_HEADS
                          for g in c.children if g.i < c.i]
            # "South Africa's leading retail bank Absa", "Japanese subsidiary Fuso": a kind
            # of organisation in front says the name is one, whatever the NER tagged it
            firm = label == "ORG" or any(c.pos_ == "NOUN" and (
                c.lower_ in ORGANISATION_KINDS or c.lower_.endswith("maker"))  # "drugmaker"
                for c in modifiers)
            for child in modifiers:
                if child.i not in self.mention_at or self.mention_at[child.i] == m:
                    continue
                place = self.mention_at[child.i]
                place_label = self.labels[place]
                if child.dep_ == "poss" and place_label in ("GPE", "LOC"):
                    if label == "ORG" and head.lower_ in LAW_HEADS:
                        continue  # "Germany's Securities Trading Act": a law, not based
                    if likened(head):
                        continue  # "seen as Europe's Enron": what it is likened to
                    predicate = "be based in" if firm else "be from"
                elif child.dep_ == "poss" and place_label == "ORG" and label == "PERSON":
                    predicate = "member of"  # "Labour's Alan Milburn"
                    if not self._owner_of_name(place, m):
                        continue  # a title or another noun between: see the method
                elif (label == "PERSON" and place_label == "NORP" and child.dep_ in (
                        "amod", "compound", "nmod") and child.lower_ in DEMONYMS):
                    if child.i == self.first[m] - 1 and self.first[m] == last:
                        continue  # "Swiss Re", "the British Library": one name, cut short
                    predicate = "be based in" if firm else "be from"
                else:
                    continue
                yield self._relation(m, predicate, place, child.i, "of")
                if label == "PERSON":
                    for other in self._bare_conjuncts(m):
                        yield self._relation(other, predicate, place, child.i, "of",
                                             confidence=_CONFIDENCE["of"] * _LISTED_PENALTY)

    def _bare_conjuncts(self, mention: int) -> Iterator[int]:
        """The people coordinated after a person's name with nothing in front of their own
        but an honorific ("Labour's Robin Roe and Tom Doe", "Britain's Ann Roe and Mrs Joan
        Doe"): what stands in front of the first name is theirs too."""
        doc = self.doc
        head = doc[self.last[mention]]
        conjuncts = [c for c in head.conjuncts if c.i > head.i]
        if not any(g.dep_ == "cc" and g.lower_ == "and" for c in (head, *conjuncts)
                   for g in c.children):
            return  # ("A or B", "A, B": no list of two names of one kind)
        end = self.last[mention]
        for conj in conjuncts:
            other = self.mention_at.get(conj.i)
            if other is None or self.labels[other] != "PERSON" or other == mention:
                break
            if not all(t.lower_ in (",", "and") or t.lower_.rstrip(".") in _BARE_HONORIFICS
                       for t in doc[end + 1:self.first[other]]):
                break  # ("and Tory Ian Lang": a name with its own affiliation, and after)
            yield other
            end = self.last[other]

    def parties_of(self) -> Iterator[RelationSpan]:
        """"Joseph Lyons' United Australia Party", "Mr Blair's Labour": the party a person's
        possessive names is one the person is a ``member of`` (a party, movement or other
        body of members, :data:`~graphbuild.lexicon.MEMBERSHIP_BODY_HEADS`; not "Mr Musk's
        Tesla")."""
        doc = self.doc
        for m, last in self.last.items():
            if self.labels[m] not in ("ORG", "NORP") or m in self.host:
                continue
            words = self._name(m).lower().split()
            if not (any(w in MEMBERSHIP_BODY_HEADS for w in words)
                    or all(w in PARTY_NAME_WORDS for w in words)):
                continue
            for child in doc[last].children:
                owner = self.mention_at.get(child.i)
                if child.dep_ == "poss" and child.i < self.first[m] and owner is not None \
                        and owner != m and self.labels[owner] == "PERSON":
                    yield self._relation(owner, "member of", m, child.i, "of")

    def owned_names(self) -> Iterator[RelationSpan]:
        """"Altria's Philip Morris", "the FDA's Office of Drug Safety", "Labour's NEC": an
        organisation's name right after another's possessive is a part of it. Not a
        programme of an outlet ("the BBC's Newsnight": the channel of what is said on it),
        a law or a policy ("the EU's Stability Pact"), a building, nor a person the NER
        tagged ORG."""
        doc = self.doc
        for m, last in self.last.items():
            first = self.first[m]
            if self.labels[m] != "ORG" or m in self.host or first < 2 or \
                    doc[first - 1].tag_ != "POS" or doc[last].lower_ in _NOT_PART_HEADS:
                continue
            owner = self.mention_at.get(first - 2)
            if owner is None or owner == m or self.labels[owner] != "ORG" or \
                    doc[first - 2].head.i != last or doc[first - 2].dep_ != "poss":
                continue
            if self.outlet(m) or self.outlet(owner) or self._negated_name(owner):
                continue
            if doc[last].lower_ in _FACILITY_HEADS or doc[first].lower_ in GIVEN_NAMES or \
                    m in self.people or any(self.labels[k] == "PERSON" and doc[self.last[
                        k]].lower_ == doc[last].lower_ for k in self.last):
                continue  # "Edinburgh's Napier University": where it is (the NER tags many
                # towns ORG); "the SNP's Nicola Sturgeon" tagged ORG (and "Ms Sturgeon"
                # PERSON): a person
            yield self._relation(m, "part of", owner, first - 2, "of")

    def _owner_of_name(self, owner: int, mention: int) -> bool:
        """Whether a possessor in front of a person's name ("Labour's Alan Milburn") owns the
        name itself: only modifiers between ("the BBC's own Paul Reynolds"), no title and
        no other noun. Before a title ("United's chief executive David Gill", "UKIP's
        chairman X") the possessor is the title's affiliation, which the roles read with
        the title (:func:`graphbuild.extract.roles.roles`); in "an attack on Labour's
        record and party leader X" it owns another noun."""
        between = self.doc[self.last[owner] + 1:self.first[mention]]
        return not any(t.lower_ in _ROLE_HEADS or lemma_of(t) in _ROLE_HEADS or
                       t.pos_ in ("NOUN", "CCONJ", "ADP", "VERB") or t.text == ","
                       for t in between if t.tag_ != "POS")

    def places(self) -> Iterator[RelationSpan]:
        """"The Oval, London", "Atlantic City, New Jersey": a place in apposition to a
        place or a building is where it lies; "Siemens in Germany": an organisation "in" a
        place is based there, and a building ("Belmarsh Prison in London") lies there."""
        doc = self.doc
        for m, last in self.last.items():
            if self.labels[m] in ("ORG", "FAC") and m not in self.host:
                for prep in doc[last].children:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep.lower_ == "in" and prep.i == last + 1 and pobj is not None and \
                            pobj.i in self.mention_at and \
                            self.labels[self.mention_at[pobj.i]] in ("GPE", "LOC"):
                        yield self._relation(m, "be based in" if self.labels[m] == "ORG"
                                             else "be in", self.mention_at[pobj.i], prep.i,
                                             "of")
            if self.labels[m] not in ("GPE", "LOC", "FAC") or last + 2 >= len(doc):
                continue
            if doc[last + 1].text != "," or last + 2 not in self.mention_at:
                continue
            place = self.mention_at[last + 2]
            end = self.last[place]
            if self.labels[place] != "GPE" or place == m or self.doc[end].dep_ != "appos":
                continue
            after = doc[end + 1] if end + 1 < len(doc) else None
            if after is not None and after.text not in (",", ")", ".", ";", ":"):
                continue
            if after is not None and after.text == "," and end + 2 < len(doc) and (
                    end + 2 in self.mention_at or doc[end + 2].lower_ in ("and", "or")):
                continue  # "in Australia, South Africa, Spain": a list, not a location
            if any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)
                   for t in (doc[last], doc[end])):
                continue
            yield self._relation(m, "be in", place, last + 1, "of")

    def contests(self) -> Iterator[RelationSpan]:
        """Who took part in a named contest (:mod:`graphbuild.extract.events`): the subjects
        of the clause it is the occasion of, and the opponents that clause beats or loses to.
        "X stood for Labour in the 2005 election" -> X ``stand in`` the election; "X won two
        seats at the by-election" -> ``win at``; "the seat was won by X in E" -> X ``win in``;
        "X was the Liberal candidate in E" -> ``candidate in``, and the Liberals ``field
        candidate in`` E (so do they for "sought the Liberal nomination for E"); "Labour's
        victory in E" and "Labour's 1997 election victory" -> ``victory in``; "X was elected
        in E, defeating Y" -> Y ``lose in``; "X lost in E to Y" -> Y ``win in``. (A contest
        as the object, "X won the 1997 election", is a clause.)"""
        for m, end in self.last.items():
            token = self.doc[end]
            if self.labels[m] != "EVENT" or token.lower_ not in CONTEST_EVENT_HEADS:
                continue
            while token.dep_ in ("conj", "appos") and token.head.i != token.i:
                token = token.head  # "in the 1997 and 2001 elections", "in E1, E2 and E3"
            prep = token.head
            if token.dep_ in ("compound", "nmod") and prep.pos_ == "NOUN":
                if lemma_of(prep) not in CONTEST_NOUNS:
                    continue  # (not "Blair's election agent")
                owners = [c for c in children(prep) if c.dep_ == "poss"]
                if owners:  # "Labour's 1997 election victory": the owner of what it qualifies
                    yield from self._took_part(owners, f"{lemma_of(prep)} in", m, prep, False,
                                               "")
                    continue
                token, prep = prep, prep.head  # "during the 2005 election campaign, X ..."
            if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.dep_ == "pobj" and \
                    prep.head.lower_ in CONTEST_EVENT_HEADS:
                token = prep.head  # "in the provincial elections of E1 and E2"
                prep = token.head
            if token.dep_ != "pobj" or prep.lower_ not in _CONTEST_PREPOSITIONS:
                continue
            occasion = self._occasion(prep.head)
            if occasion is None:
                continue
            verb, noun, subjects, roles = occasion
            negated, modality = self.qualifiers(verb)
            parties = [(s, f"{noun or lemma_of(verb)} {prep.lower_}") for s in subjects]
            if subjects:  # "X was the Liberal candidate in E": the Liberals fielded X
                fielding = [p for r in roles for p in self._fielding(r)]
                if prep.head == verb or prep.head in roles:
                    fielding += self._stood_for(verb)  # "stood for Labour in E"
                parties += [(p, f"field candidate {prep.lower_}") for p in fielding]
            parties += [(o, f"{outcome} {prep.lower_}") for o, outcome in self._opponents(verb)]
            parties += [(p, f"ally {prep.lower_}") for p in self._partners(verb)]
            parties += [(p, f"candidate {prep.lower_}") for p in self._endorsed(verb)]
            for party, predicate in parties:
                yield from self._took_part([party], predicate, m, verb, negated, modality)

    def _endorsed(self, verb: Token) -> list[Token]:
        """The contestants a contest's clause backs ("in E, the SPD supported Hindenburg",
        "Republicans endorsed A and B in the primaries"): the objects of a verb of
        :data:`~graphbuild.lexicon.ENDORSING_VERBS`."""
        if lemma_of(verb) not in ENDORSING_VERBS:
            return []
        return _with_conjuncts([c for c in children(verb) if c.dep_ == "dobj"])

    def _partners(self, verb: Token) -> list[Token]:
        """The partners a contest's clause names in a coalition ("for E, the party formed
        an alliance with A, B and C", "X ran in E as a partner in a coalition with A and
        B"): the names after the "with" of a coalition noun of the clause."""
        found, frontier = [], list(children(verb))
        for _ in range(_MAX_CLIMB):
            nouns = [t for t in frontier if t.dep_ in ("dobj", "pobj", "attr")
                     and lemma_of(t) in COALITION_NOUNS]
            found += [g for n in nouns for c in children(n) if c.dep_ == "prep"
                      and c.lower_ == "with" for g in children(c) if g.dep_ == "pobj"]
            frontier = [c for t in frontier if t.dep_ in ("prep", "pobj", "dobj")
                        for c in children(t)]
        partners = []
        for token in _with_conjuncts(found):
            partners.append(token)
            m = self.mention_at.get(token.i)
            partners += [self.doc[self.last[k]] for k in self.lists.get(m, ()) if k != m]
        return list(dict.fromkeys(partners))

    def _took_part(self, parties: Sequence[Token], predicate: str, contest: int, verb: Token,
                   negated: bool, modality: str) -> Iterator[RelationSpan]:
        """``party predicate contest`` for each party token that stands for an entity: not
        a place, which is where a contest is held (unless the verb's subject can only be a
        contestant), nor another contest. A coalition with no name of its own stands for
        its members ("stood against a coalition of A, B and C in E": A, B and C contested
        E)."""
        settings = {"EVENT"} if lemma_of(verb) in CONTESTANT_VERBS else _CONTEST_SETTINGS
        args = []
        for party in parties:
            members = [] if self._coalition_name(party) is not None else self.members(party)
            args += [_Arg(m, "proxy") for m in members] or self.entities([party])
        for arg in args:
            if self.labels[arg.mention] not in settings:
                yield RelationSpan(arg.mention, normalise_phrase(predicate), contest,
                                   verb.text, verb.i, round(_confidence(
                                       _CONFIDENCE["contest"], arg), 3), "contest",
                                   negated, self.source(verb), modality)

    def _occasion(self, head: Token) -> tuple[Token, str, list[Token], list[Token]] | None:
        """The clause a contest phrase attached to ``head`` is the occasion of: its verb (or
        noun), the role noun it names ("candidate in"), its subjects, and the role nouns
        its subjects hold there ("the Liberal candidate", "as a candidate of Labour")."""
        owners = [c for c in children(head) if c.dep_ == "poss"]
        if head.pos_ == "NOUN" and self.entities(owners):
            if lemma_of(head) in PERSON_NOUNS:
                return None  # "Blair's right-hand man at the 2001 election" is not Blair
            return head, lemma_of(head), _with_conjuncts(owners), []  # "Labour's victory in E"
        noun, roles = "", []
        for _ in range(_MAX_CLIMB):  # "was the candidate in E", "won seats in E", "ran as
            # a Liberal candidate in E"
            if head.pos_ != "NOUN" or head.dep_ not in ("attr", "oprd", "dobj", "pobj"):
                break
            noun = noun or (lemma_of(head) if head.dep_ in ("attr", "oprd") else "")
            roles.append(head)
            head = head.head.head if head.dep_ == "pobj" else head.head
        if head.pos_ not in ("VERB", "AUX") or _interrogative(head, self.questions) or (
                lemma_of(head) in REPORTING_VERBS
                and any(c.dep_ == "auxpass" for c in children(head))):
            return None  # "he is said to have worked during E": hearsay, not his words
        # "the seat was won by X in E": the agent; "X was elected in E": the patient
        subjects = [p for c in children(head) if c.dep_ == "agent"
                    for p in children(c) if p.dep_ == "pobj"] or \
            self.subjects(head)[0] or [c for c in children(head) if c.dep_ == "nsubjpass"]
        roles += [c for c in children(head) if c.dep_ in ("attr", "oprd", "dobj")]
        roles += [p for c in children(head) if c.dep_ == "prep" and c.lower_ == "as"
                  for p in children(c) if p.dep_ == "pobj"]
        roles = [r for r in dict.fromkeys(roles) if lemma_of(r) in _FIELDED]
        return head, noun, _with_conjuncts(subjects), roles

    def _stood_for(self, verb: Token) -> list[Token]:
        """The party a verb of standing names with "for" ("stood for the Green Party"), not
        the office or the house ("ran for the Senate")."""
        if lemma_of(verb) not in STANDING_VERBS:
            return []
        return [p for c in children(verb) if c.dep_ == "prep" and c.lower_ == "for"
                for p in _with_conjuncts([g for g in children(c) if g.dep_ == "pobj"])
                if p.i in self.mention_at and p.lower_ not in OFFICE_WORDS
                and self.doc[self.last[self.mention_at[p.i]]].lower_ not in OFFICE_WORDS]

    def members(self, noun: Token) -> list[int]:
        """The mentions a coalition noun names as its members, in text order: "a coalition
        of A, B and C", "the coalition government of A and B", "a coalition consisting of
        A and B", "an alliance comprising A and B"."""
        if noun.pos_ not in ("NOUN", "PROPN") or not (lemma_of(noun) in COALITION_NOUNS or any(
                c.dep_ == "compound" and lemma_of(c) in COALITION_NOUNS for c in children(noun))):
            return []
        participles = [c for c in children(noun) if c.dep_ == "acl"
                       and lemma_of(c) in MEMBERSHIP_VERBS]
        preps = [c for c in children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "between")]
        preps += [c for p in participles for c in children(p)
                  if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [g for c in preps for g in children(c) if g.dep_ == "pobj"]
        objects += [c for p in participles for c in children(p) if c.dep_ == "dobj"]
        found: list[int] = []
        for token in _with_conjuncts(objects):
            m = self.mention_at.get(token.i)
            if m is not None and self.labels[m] in ("ORG", "NORP", "PERSON") and (
                    self._name(m).lower() not in DEMONYMS):
                found += [m, *self.lists.get(m, ())]
        return sorted(set(found), key=self.first.__getitem__)

    def _coalition_name(self, noun: Token) -> int | None:
        """The name of a coalition noun: the mention it is in ("the Grand Democratic
        Alliance", "the Win Without War coalition") or in apposition to ("the Sunflower, a
        coalition of ..."); None for "a coalition" or "the ruling coalition" (which the NER
        may tag a concept)."""
        m = self.mention_at.get(noun.i)
        if m is not None and (self.labels[m] != "CONCEPT" or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in children(noun))):
            return m
        named = [noun.head] if noun.dep_ == "appos" else []
        named += [c for c in children(noun) if c.dep_ == "appos"]
        return next((self.mention_at[t.i] for t in named if t.i in self.mention_at
                     and self.labels[self.mention_at[t.i]] == "ORG"), None)

    def coalitions(self) -> Iterator[RelationSpan]:
        """The members of a coalition: of a named one, each is a ``member of`` it ("the
        Service and Reform List, a coalition of A and B"); of one with no name, the first
        named ``ally`` each other ("a coalition government consisting of the PvdA, the KVP
        and the ARP": the PvdA with the KVP and with the ARP, which connects them all)."""
        doc = self.doc
        strings = doc.vocab.strings
        pos, lemma, dep, head = doc.to_array([POS, LEMMA, DEP, HEAD]).T
        heads = np.arange(len(doc)) + head.astype(np.int64)  # (HEAD is an offset)
        # (only the nouns that are or have a coalition word: not a Token per noun)
        named = [i for i, h in enumerate(lemma.tolist()) if strings[h].lower() in COALITION_NOUNS]
        nouns = sorted({i for i in named if pos[i] == NOUN} | {
            int(heads[i]) for i in named if dep[i] == strings["compound"]
            and pos[heads[i]] == NOUN})
        for i in nouns:
            noun = doc[i]
            members = self.members(noun)
            if not members:
                continue
            verb = _governing_verb(noun)
            negated, modality = (False, "") if verb is None else self.qualifiers(verb)
            coalition = self._coalition_name(noun)
            if coalition is not None:
                pairs = [(m, "member of", coalition) for m in members if m != coalition]
            else:
                pairs = [(members[0], "ally", m) for m in members[1:]]
            for subject, predicate, obj in pairs:
                yield self._relation(subject, predicate, obj, noun.i, "coalition",
                                     negated=negated, modality=modality)

    def _fielding(self, role: Token) -> Iterator[Token]:
        """The parties a role noun is held for: "the Liberal candidate", "a Labour MP", "a
        candidate of the Reform Party"."""
        for child in children(role):
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in self.mention_at:
                yield child
            elif child.dep_ == "prep" and child.lower_ == "of":  # ("for" the seat)
                yield from _with_conjuncts([c for c in children(child) if c.dep_ == "pobj"
                                            and c.i in self.mention_at])

    def _opponents(self, verb: Token) -> Iterator[tuple[Token, str]]:
        """Who a contest's clause beats ("lose"), loses to ("win") or stands against
        ("contest"): the objects of a verb of defeat, the "to" of "lose", the "against" of
        any verb, in the clause or in a participle without a subject of its own ("elected in
        E, defeating Y", "finishing fourth against Y")."""
        clauses = [verb, *(c for c in children(verb) if c.dep_ in ("advcl", "xcomp", "conj")
                           and c.pos_ == "VERB" and not any(
                               g.dep_ in _SUBJECTS for g in children(c)))]
        for clause in clauses:
            lemma = lemma_of(clause)
            for child in children(clause):
                if lemma in CONTEST_VERBS and child.dep_ == "dobj":
                    yield from ((o, "lose") for o in _with_conjuncts([child]))
                elif lemma == "lose" and child.dep_ == "prep" and child.lower_ == "to":
                    yield from ((o, "win") for o in _with_conjuncts(
                        [c for c in children(child) if c.dep_ == "pobj"]))
                elif child.dep_ == "prep" and child.lower_ == "against":
                    yield from ((o, "contest") for o in _with_conjuncts(
                        [c for c in children(child) if c.dep_ == "pobj"]))

    def _negated_name(self, mention: int) -> bool:
        """A name written with a prefix that denies or dates the affiliation ("non-Nato",
        "ex-England"), in one token or three."""
        first = self.first[mention]
        text = self.doc[first:min(first + 2, self.last[mention] + 1)].text.lower()
        return text.replace(" ", "").startswith(NOT_AFFILIATION_PREFIXES)

    def _role_before(self, mention: int) -> str:
        """The role word right before a person's name ("striker Tom Hale"), if any."""
        first = self.first[mention]
        word = self.doc[first - 1] if first > 0 else None
        if word is None or word.pos_ != "NOUN" or word.lower_ not in _ROLE_HEADS:
            return ""
        return lemma_of(word)

    def kin(self) -> Iterator[RelationSpan]:
        """"Mr Blair's wife Cherie", "Otis Ferry, the son of rock star Bryan Ferry": a noun of
        kin (:data:`~graphbuild.lexicon.KIN_NOUNS`) between two people's names: right in
        front of one, with the other its possessor, or in apposition to one, with the other
        after its "of". (Not "his wife Sarah": whose "his" is, the patterns here do not
        guess.)"""
        doc = self.doc
        for m, last in self.last.items():
            if self.labels[m] != "PERSON" or m in self.host:
                continue
            first = self.first[m]
            relatives: list[tuple[Token, int]] = []
            before = doc[first - 1] if first > 0 else None
            if before is not None and lemma_of(before) in KIN_NOUNS:
                relatives += [(before, self.mention_at[c.i]) for c in children(before)
                              if c.dep_ == "poss" and c.i in self.mention_at]
            for noun in children(doc[last]):
                if noun.dep_ != "appos" or noun.i < last or lemma_of(noun) not in KIN_NOUNS:
                    continue
                of = next((c for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of"),
                          None)
                named = [] if of is None else [
                    self.mention_at[i] for i in range(of.i + 1, noun.right_edge.i + 1)
                    if i in self.mention_at and self.last[self.mention_at[i]] == i]
                relatives += [(noun, named[0])] if named else []
            for noun, other in relatives:
                if other != m and self.labels[other] == "PERSON" and other not in self.host:
                    yield self._relation(m, f"{lemma_of(noun)} of", other, noun.i, "role")

    def appositions(self) -> Iterator[RelationSpan]:
        """"Jane Roe, general secretary of the Transport Union", "Gamma Oil, a unit of
        Delta Gas": an apposition that names a role or a part, and the party it is of."""
        for m, last in self.last.items():
            for child in self.doc[last].children:
                if child.dep_ == "appos" and child.i not in self.mention_at:
                    yield from self.role_noun(_Arg(m, "name"), child)

    def roles_of(self, verb: Token) -> Iterator[RelationSpan]:
        """Copulas and naming verbs with a role or part noun: "X is a 30% shareholder in
        Y", "X became chairman of Y", "X was named coach of Y"."""
        complements = [c for c in children(verb) if c.dep_ in ("attr", "oprd")]
        # "ran as the Reform Party candidate", "served as chairman of Y", "was elected as a
        # Labour MP": the role an "as" phrase gives the subject
        roles_as = [p for c in children(verb) if c.dep_ == "prep" and c.lower_ == "as"
                    for p in children(c) if p.dep_ == "pobj" and p.i not in self.mention_at
                    and (p.lower_ in _ROLE_HEADS or lemma_of(p) in _ROLE_HEADS)]
        if not complements and not roles_as:
            return
        if complements and lemma_of(verb) != "be" and not any(
                c.dep_ == "oprd" for c in complements) and \
                lemma_of(verb) not in ("become", "remain", "stay"):
            complements = []
        complements += roles_as
        if not complements:
            return
        subjects, _ = self.subjects(verb)
        if roles_as and not subjects:
            subjects = [c for c in children(verb) if c.dep_ == "nsubjpass"]
        if not subjects and verb.dep_ == "acl":
            subjects = [verb.head]
        for subject in self.entities(subjects):
            for complement in _with_conjuncts(complements):
                yield from self.role_noun(subject, complement, verb)

    def bodies(self) -> Iterator[RelationSpan]:
        """A person on an organisation's board or committee is a member of it: "X sits on
        the board of Y", "X joined Y's board", "X was appointed to the Y committee"; "X
        resigned from the board of Y": X leaves Y (:data:`~graphbuild.lexicon.BODY_NOUNS`).
        After the clauses: "X joined the Y board" already relates X to Y."""
        for verb in self.doc:
            if verb.pos_ in ("VERB", "AUX") and lemma_of(verb) in BODY_VERBS:
                yield from self._bodies_of(verb)

    def _bodies_of(self, verb: Token) -> Iterator[RelationSpan]:
        lemma = lemma_of(verb)
        where = BODY_VERBS[lemma]
        bodies = [c for c in children(verb) if c.dep_ == "dobj"] if where == ("dobj",) else [
            p for c in children(verb) if c.dep_ == "prep" and c.lower_ in where
            for p in children(c) if p.dep_ == "pobj"]
        bodies = [b for b in _with_conjuncts(bodies) if lemma_of(b) in BODY_NOUNS
                  and b.i not in self.mention_at]
        if not bodies:
            return
        subjects, _ = self.subjects(verb)
        if not subjects:  # "was appointed to the board of Y"
            subjects = _with_conjuncts([c for c in children(verb) if c.dep_ == "nsubjpass"])
        holders = [h for h in self.entities(subjects) if self.labels[h.mention] == "PERSON"]
        predicate = "leave" if lemma in BODY_LEAVING_VERBS else "member of"
        negated, modality = self.qualifiers(verb)
        for body in bodies:
            # the organisation: "the board of Y", "the board at Y", "Y's board", "the Y board"
            owners = [p for prep in _noun_preps(body) if prep.lower_ in ("of", "at")
                      for p in _with_conjuncts([c for c in children(prep) if c.dep_ == "pobj"])
                      ] + [c for c in children(body) if c.dep_ in ("poss", "compound")]
            for owner in owners:
                target = self.entity(owner)
                if target is None or target.via != "name" or \
                        self.labels[target.mention] != "ORG":
                    continue
                for holder in holders:
                    if holder.mention != target.mention:
                        yield self._relation(holder.mention, predicate, target.mention, body.i,
                                             "role", negated=negated, modality=modality,
                                             confidence=_confidence(_CONFIDENCE["role"],
                                                                    holder))

    def role_noun(self, holder: _Arg, noun: Token,
                  verb: Token | None = None) -> Iterator[RelationSpan]:
        """A role or part noun of ``holder`` ("general secretary of Y", "unit of Y",
        "Omega Air deputy chief executive") and the party it relates the holder to."""
        lemma = lemma_of(noun)
        targets: list[tuple[str, Token]] = []
        if lemma in PART_NOUNS:
            predicate, _, preps = PART_NOUNS[lemma]
        elif NOMINAL_COREFERENCE.get(lemma) == ("ORG",) and \
                self.labels[holder.mention] == "ORG":
            # "Beck-Crespel is a specialist steel firm in Armentieres": where it is based
            targets = [("be based in", p) for prep in children(noun)
                       if prep.dep_ == "prep" and prep.lower_ == "in"
                       for p in children(prep) if p.dep_ == "pobj" and p.i in self.mention_at
                       and self.labels[self.mention_at[p.i]] in ("GPE", "LOC")]
            preps = ()
            predicate = "be based in"
            lemma = ""
        elif noun.lower_ in _ROLE_HEADS or lemma in _ROLE_HEADS:
            if self.labels[holder.mention] != "PERSON":
                return
            if noun.tag_ in ("NNS", "NNPS") and not self.doc[self.last[holder.mention]].conjuncts:
                return  # "Mr Finnie, representatives of the Royal Society and ...": a list
            if lemma == "general":  # "director general", "secretary general"
                lemma = next((lemma_of(c) for c in children(noun) if c.dep_ == "compound"
                              and c.lower_ in _ROLE_HEADS), lemma)
            rank = next((c.lower_ + " " for c in children(noun) if c.i < noun.i
                         and c.dep_ in ("compound", "amod") and c.lower_ in RANK_MODIFIERS), "")
            hyphened = hyphened_before(noun)
            if hyphened is not None and hyphened.lower_ in RANK_MODIFIERS:
                rank = hyphened.lower_ + "-"  # "vice-president", its words side by side
            predicate, preps = ("member of" if lemma in MEMBER_ROLES
                                else f"{rank}{lemma} of"), _ROLE_PREPOSITIONS
            # "Omega Air deputy chief executive", "the union's general secretary"; an
            # organisation before a country ("E&Y's UK head of tax")
            # (a party's name parsed as an adjective: "the Labour candidate")
            named = [c for c in children(noun)
                     if c.i in self.mention_at and (c.dep_ in ("compound", "poss", "nmod") or (
                         c.dep_ == "amod" and self.labels[self.mention_at[c.i]] == "ORG"))
                     and not self._negated_name(self.mention_at[c.i])]
            if any(self.labels[self.mention_at[c.i]] == "ORG" for c in named):
                named = [c for c in named if self.labels[self.mention_at[c.i]] == "ORG"]
            targets += [(predicate, c) for c in named]
        else:
            return
        of_targets = [(predicate, p) for prep in _noun_preps(noun, verb)
                      if prep.lower_ in preps
                      for p in _with_conjuncts([c for c in children(prep) if c.dep_ == "pobj"])]
        if lemma in _ROLE_HEADS:
            # "head of policy at the Terrence Higgins Trust": a department, then the employer
            of_targets += [(predicate, e) for _, p in of_targets if p.i not in self.mention_at
                           and p.pos_ == "NOUN" for e in self._employer_of_department(p)]
        if any(t.i in self.mention_at for _, t in of_targets):
            targets = of_targets  # "chief UK economist at Capital Economics": not the UK
        else:
            targets += of_targets
        qualifiers = self.qualifiers(verb) if verb is not None else (False, "")
        if any(c.dep_ in ("amod", "advmod") and c.lower_ in FORMER_MODIFIERS
               for c in children(noun)):
            # "Gazpromneft, a former unit of Gazprom", "X, a former chairman of Y"
            targets = [(f"former {name}", token) for name, token in targets]
        for name, token in targets:
            governor = token
            while governor.dep_ == "conj" and governor.head.i != governor.i:
                governor = governor.head  # "the MP for Grantham and Stamford"
            if governor.head.dep_ == "prep" and governor.head.lower_ == "for" and \
                    token.i in self.mention_at and lemma in ELECTED_ROLES and \
                    self.labels[self.mention_at[token.i]] in _PLACE_LABELS | {"ORG"}:
                name = "represent"  # "the MP for Stamford" (the NER tags many seats ORG)
            target = self.entity(token)
            if target is None or target.mention == holder.mention or target.via != "name":
                continue
            if self.labels[target.mention] not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                continue
            if self.labels[target.mention] != "ORG" and lemma not in PUBLIC_ROLES and \
                    name not in ("represent", "be based in"):
                continue  # "Australia's youngest store manager" works in Australia
            yield self._relation(holder.mention, name, target.mention, noun.i, "role",
                                 confidence=_confidence(_CONFIDENCE["role"], holder),
                                 negated=qualifiers[0], modality=qualifiers[1])

    def _relation(self, subject: int, predicate: str, obj: int, token: int, pattern: str,
                  *, confidence: float | None = None, negated: bool = False,
                  modality: str = "") -> RelationSpan:
        score = _CONFIDENCE[pattern] if confidence is None else confidence
        return RelationSpan(subject, normalise_phrase(predicate), obj, self.doc[token].text,
                            token, round(score, 3), pattern, negated,
                            self.source(self.doc[token]), modality)

    # -- negation, modality, time and place -----------------------------------------------

    @_once_per_token
    def qualifiers(self, verb: Token) -> tuple[bool, str]:
        """Whether a clause is negated, and its modality, from the verb and the verbs that
        govern it: "did not back" is negated, "tried to buy" an attempt, "if he left" a
        condition, "would meet" possible, "allegedly bribed" a claim. "failed to buy" and
        "do not need to attack" are negated."""
        negated, found = False, set()
        token = verb
        means = False  # whether the climb passed a means or purpose ("by raising the case")
        for _ in range(_MAX_CLIMB):
            kids = list(children(token))
            if token.dep_ == "conj" and not any(c.dep_ in ("aux", "neg") for c in kids):
                kids += [c for c in children(token.head) if c.dep_ in ("aux", "neg")]
            negated ^= any(c.dep_ == "neg" or (c.lower_ == "never" and c.dep_ == "advmod")
                           or (c.lower_ == "longer" and any(
                g.lower_ == "no" for g in children(c))) or (c.dep_ == "dobj" and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in children(c)))
                for c in kids)  # "has no jurisdiction over"
            for child in kids:
                if child.dep_ == "aux" and child.lower_ == "would" and token.dep_ == "ccomp" \
                        and token.head.tag_ == "VBD" and lemma_of(token.head) in REPORTING_VERBS \
                        and not any(c.dep_ == "aux" and c.lower_ == "have" for c in kids):
                    # "said he would consult police": the "will" he said (but "admitted he
                    # would have given": what he would have done, had he been free to)
                    found.add("future")
                elif child.dep_ == "aux" and child.lower_ in MODAL_AUXILIARIES:
                    found.add(MODAL_AUXILIARIES[child.lower_])
                elif child.dep_ == "advmod" and child.lower_ in CLAIM_ADVERBS:
                    found.add("claim")
                elif child.dep_ == "mark" and child.lower_ in CONDITION_MARKERS:
                    found.add("condition")
            head = token.head
            if head.i == token.i:
                break
            if _infinitive(token) and token.dep_ in ("advcl", "relcl", "xcomp") and (
                    head.lower_ == "nothing" or any(c.dep_ == "dobj" and c.lower_ == "nothing"
                                                    for c in children(head))):
                negated = not negated  # "would do nothing to help Labour", "did nothing to
                # stop it": what nothing was done for was not done
            if token.dep_ in ("xcomp", "advcl") and _infinitive(token) and _hearsay(head):
                found.add("claim")  # "is said to have bought X", "was reported to have met"
            if token.dep_ in ("ccomp", "advcl", "xcomp") and lemma_of(head) in IMAGINING_VERBS \
                    and head.tag_ != "VBN":
                # "could picture X walking up Downing Street" (but "was pictured shaking
                # hands with": photographed doing it)
                found.add("possible")
            denied = _likelihood(token) if token.dep_ == "ccomp" else None
            if denied is not None:
                found.add("possible")  # "it is highly unlikely he would give"
                negated ^= denied
            # "hopes to remain MP and start a family": the parser joins the second
            # infinitive to "hopes"; it is what is hoped for, like the first
            second_infinitive = token.dep_ == "conj" and token.tag_ == "VB" and \
                head.tag_ != "VB" and any(c.dep_ == "xcomp" and c.i < token.i
                                          and _infinitive(c) for c in children(head))
            # "called for him to go": an infinitive with its subject after "for"
            for_infinitive = token.dep_ == "advcl" and _infinitive(token) and (any(
                c.dep_ == "mark" and c.lower_ == "for" for c in children(token))
                or for_subject(token) is not None)
            # "would prefer to see X return $500m": a bare infinitive after a verb of seeing or
            # causing is as real as that verb ("saw X buy Y" saw it done)
            bare = token.dep_ == "ccomp" and token.tag_ == "VB" and \
                lemma_of(head) in _BARE_INFINITIVE_VERBS
            if token.dep_ == "xcomp" or (token.dep_ == "pcomp" and head.dep_ == "prep") or (
                    token.dep_ == "ccomp" and _infinitive(token)) or second_infinitive or \
                    for_infinitive or bare:
                # "want Deutsche to return", "whether to allow X to fly": an infinitive
                # with its own subject, parsed as a complement clause, as an xcomp
                governor = head if token.dep_ in ("xcomp", "ccomp", "conj", "advcl") \
                    else head.head
                if token.dep_ == "pcomp" and head.lower_ == "without":
                    negated = not negated  # "without managing to make inroads in Europe"
                lemma = lemma_of(governor)
                judged = lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in
                                               JUDGING_ADJECTIVES for c in children(governor))
                if lemma in NEGATING_VERBS:
                    negated = not negated
                elif _hearsay(governor) or judged or (lemma in ("seem", "appear") and means):
                    pass  # "was expected to win": a claim, not a hope; "was wrong to give": done;
                    # "appears to have done the trick, with X joining Y": the hedge is the trick's
                elif lemma in MODALITY_VERBS and (lemma != "be" or token.dep_ == "xcomp"):
                    found.add(MODALITY_VERBS[lemma])  # "is to visit", not "is back after"
                elif _infinitive(token) and _progressive(governor):
                    found.add("plan")  # "is campaigning hard to take Britain forward": the
                    # purpose of an act under way is not yet done (a modal is read above)
                means |= token.dep_ in ("pcomp", "advcl")
                token = governor
            elif token.dep_ == "conj":
                token = head
            elif token.dep_ == "advcl" and _infinitive(token) and (_progressive(head) or any(
                    c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES for c in children(head))):
                found.add("plan")  # "is drawing up a list to replace X", "to recoup profit,
                # Multiplex will have to win": the purpose of an act under way or to come
                break
            elif token.dep_ == "advcl" and _infinitive(token) and token.i > head.i:
                # "called for X to hold a meeting to discuss the bid": the purpose of an act
                # that is itself hoped for, planned or possible is no more real than the act
                found.update(m for m in (self.qualifiers(head)[1],) if m)
                break
            elif token.dep_ in ("ccomp", "parataxis") and lemma_of(head) in ("claim",
                                                                                  "allege"):
                found.add("claim")
                break
            elif token.dep_ in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and \
                    lemma_of(head) in CLAIM_NOUNS:
                found.add("claim")  # "allegations he pressured Sullivan"
                if head.dep_ == "dobj" and self._denies(head.head):
                    negated = not negated  # "rejected allegations he pressured Sullivan"
                break
            elif token.dep_ == "ccomp" and not means and self._denies(head):
                negated = not negated  # "denied that he had met X" (but "denied playing
                break  # politics by raising the case of X" raised it)
            elif token.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and \
                    _infinitive(token) and (lemma_of(head) in MODALITY_VERBS or not any(
                        c.lower_ in REALISED_MODIFIERS or c.tag_ == "JJS"
                        for c in children(head) if c.dep_ in ("amod", "advmod")) and not any(
                        c.dep_ in _SUBJECTS for c in children(token))):
                # "a bid to buy Y", "a call for him to go": what the noun asks for; "drawing
                # up a list to replace X": what it is for (but "the first woman to lead X"
                # led it, and "paved the way for Major to move in" says nothing of a plan)
                found.add(MODALITY_VERBS.get(lemma_of(head), "plan"))
                break
            else:
                break
        reporter = _reporting_verb(verb, relatives=False)
        if not found and reporter is not None and self.source(verb) is None and \
                lemma_of(reporter) not in _ADMITTING_VERBS:
            found.add("claim")  # "critics said Acme had bribed X": a report whose speaker
            # is no one named is somebody's claim, not a fact
        modality = next((m for m in _MODALITIES if m in found), "")
        return negated, modality

    def _denies(self, verb: Token) -> bool:
        """Whether a verb denies what it governs (:data:`~graphbuild.lexicon.DENYING_VERBS`)
        and is not itself denied ("failed to deny claims that ...")."""
        return lemma_of(verb) in DENYING_VERBS and not self.qualifiers(verb)[0]

    def setting(self, verb: Token) -> tuple[str, int | None]:
        """The time phrase (as written) and the place mention of a verb's clause."""
        time, place = "", None
        for child in children(verb):
            if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ in ("DATE", "TIME"):
                time = time or _ent_text(child)
            elif child.dep_ == "prep" and child.lower_ in ("on", "in", "at", "during"):
                pobj = next((c for c in children(child) if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if pobj.ent_type_ in ("DATE", "TIME"):
                    time = time or _ent_text(pobj)
                elif child.lower_ in ("in", "at") and pobj.i in self.mention_at and \
                        self.labels[self.mention_at[pobj.i]] in _PLACE_LABELS:
                    place = place if place is not None else self.mention_at[pobj.i]
        return time, place

    # -- who said what --------------------------------------------------------------------

    def quotes(self) -> Iterator[QuoteSpan]:
        """Direct quotes ("'We will win,' Blair said") and reported statements ("Blair said
        the party would win"), each with its speaker."""
        doc = self.doc
        quote, pos = doc.to_array([IS_QUOTE, POS]).T.tolist()  # (no Token per word)
        for sent in sentence_spans(doc):
            marks = [i for i in range(sent.start, sent.end) if quote[i]]
            spans = list(zip(marks[::2], marks[1::2], strict=False))
            reporters = [doc[i] for i in range(sent.start, sent.end) if pos[i] == VERB
                         and lemma_of(doc[i]) in REPORTING_VERBS]
            for verb in reporters:
                subjects, how = self.subjects(verb)
                if how != "own":
                    continue
                speakers = self.entities(subjects)
                if not speakers:
                    continue
                speaker = speakers[0].mention
                quoted = [(a, b) for a, b in spans if b - a > 2 and not (a < verb.i < b)]
                if quoted:
                    for a, b in quoted:
                        yield QuoteSpan(speaker, *_trim_punctuation(doc, a + 1, b), True)
                    continue
                content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
                if content is None:
                    continue
                inside = sorted(t.i for t in content.subtree)
                start, end = inside[0], inside[-1] + 1
                while start < end and (doc[start].is_punct or doc[start].lower_ == "that"):
                    start += 1
                if end - start > 2:
                    yield QuoteSpan(speaker, *_trim_punctuation(doc, start, end), False)

    def entities(self, tokens: Sequence[Token]) -> list[_Arg]:
        found = (self.entity(t) for t in tokens)
        return [a for a in found if a is not None]

    # -- clauses --------------------------------------------------------------------------

    def subjects(self, verb: Token, depth: int = 0) -> tuple[list[Token], str]:
        """The subject tokens of ``verb`` (conjuncts included) and how they were found."""
        own = own_subjects(verb, _SUBJECTS)
        if own:
            if own[0].tag_ in _RELATIVE and verb.dep_ == "relcl":
                return [relative_antecedent(verb)], "relcl"
            return _with_conjuncts(own), "own"
        if depth >= _MAX_CLIMB or verb.head.i == verb.i:
            return [], "none"
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return [verb.head], "relcl"
        controller = for_subject(verb)
        if controller is not None:
            return _with_conjuncts([controller]), "inherited"  # "called for X to hold"
        if verb.dep_ == "xcomp":
            # "called on Mr Brown to open up the books": the object of "on" acts
            objects = [c for c in children(verb.head) if c.dep_ in ("dobj", "dative")] or [
                p for c in children(verb.head) if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                and c.i < verb.i for p in children(c) if p.dep_ == "pobj"]
            if objects and lemma_of(verb.head) in OBJECT_CONTROL_VERBS:
                return objects, "inherited"
        if verb.dep_ == "conj" and not joined(verb):
            return [], "none"  # "says he will not let gossip distract him": a verb the
            # parse makes a conjunct with no "and" or comma joins nothing
        if verb.dep_ in ("conj", "xcomp", "advcl"):
            found, _ = self.subjects(verb.head, depth + 1)
            return found, "inherited"
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            # "accused Germany of using the EU", "stopped X from leaving": the object acts
            controller = [c for c in children(verb.head.head) if c.dep_ == "dobj"]
            if controller and verb.head.lower_ in ("of", "from", "for", "into"):
                return controller, "inherited"
            found, _ = self.subjects(verb.head.head, depth + 1)
            return found, "inherited"
        return [], "none"

    def clause(self, verb: Token) -> Iterator[RelationSpan]:
        if _inside_name(self.doc, verb.i):
            return  # "include Stop Stansted Expansion": a campaign's name, no act of stopping
        subjects, how = self.subjects(verb)
        passive = [c for c in children(verb) if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            passive, subjects = [verb.head], []
        elif passive and passive[0].tag_ in _RELATIVE and verb.dep_ == "relcl" and not (
                verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of"):
            # "the Khmer Rouge, who were led by Pol Pot" (but in "the owners of Rover, who
            # have been accused by unions" who is who the parse cannot tell)
            passive = [relative_antecedent(verb)]
        participle = how == "inherited" and _passive_participle(verb)
        if not passive and not self.entities(_with_conjuncts(subjects)):
            return  # no subject stands for a mention: every pattern below relates one
        if participle and verb.dep_ == "advcl" and verb.i > verb.head.i and not any(
                c.dep_ == "mark" for c in children(verb)):
            return  # "accused its predecessor, led by Kuchma": a participle after the
            # object may be the object's, and whose it is the parse does not say
        particle = " ".join(c.text for c in children(verb) if c.dep_ == "prt")
        negated, modality = self.qualifiers(verb)
        time, place = self.setting(verb)
        source = self.source(verb)
        lemma = lemma_of(verb)
        verb_text = _verb_phrase(verb)

        light = noun = ""  # the object noun of a light verb, and of any verb, set below
        idiom = _idiom(verb)  # "took the UK to war": take to war
        if _interrogative(verb, self.questions):
            return  # "What has Labour done for the North East?" asserts nothing
        # A verb with its own complement ("avoided news conferences", "proved controversial")
        # takes a place in "in"/"at" as the setting of the event, not as a party.
        complemented = (lemma not in _SETTING_VERBS or self._visits_place(verb)) and any(
            c.dep_ in _COMPLEMENTS for c in children(verb))
        if lemma in NAMING_VERBS and any(c.dep_ == "oprd" or (
                c.dep_ == "dobj" and any(g.dep_ in ("oprd", "attr") for g in children(c)))
                for c in children(verb)):
            lemma = "describe"  # "called Camp Delta a scandal"

        def emit(subj: _Arg, obj: _Arg, prep: str, pattern: str) -> Iterator[RelationSpan]:
            if subj.mention == obj.mention or self._spoken_to_channel(lemma, prep, verb,
                                                                      obj.mention):
                return
            if (prep and lemma in CONTENT_OBJECT_VERBS) or (
                    prep in ("in", "on", "at", "during") and self.labels[obj.mention] == "EVENT"):
                return  # "say in London"; "renew it in the New Year" is a time
            if prep == "by" or (prep == "at" and lemma not in AT_VERBS and not idiom
                                and self.labels[obj.mention] not in _PLACE_LABELS):
                return  # "rose by 5%", "attacked the decision by the court"; "called at Ahold"
            if prep in _SETTING_PREPOSITIONS and (lemma in _CHANNEL_VERBS or (
                    complemented and not light and self.labels[obj.mention] in _SETTINGS)):
                return  # "speaking in court", "avoided news conferences in London": where
                # (a light verb's noun is the act: "conducted air strikes in Syria")
            confidence = _confidence(_CONFIDENCE[pattern], subj, obj) * (
                0.9 if source is not None else 1.0)
            name = " ".join(w for w in (lemma, particle, idiom or (
                (light or noun) if prep else ""), prep) if w)
            if self._sits_for(verb, prep, obj.mention):
                name = "represent"  # "entered Parliament for Sheffield Brightside"
            yield RelationSpan(subj.mention, normalise_phrase(name),
                               obj.mention, verb_text, verb.i, round(confidence, 3), pattern,
                               negated, source, modality, time,
                               None if place in (subj.mention, obj.mention) else place)

        if passive or participle:
            # (a bare participle's inherited subject is its patient: "Founded by Bill Gates,
            # Microsoft ..."; "if put into Downing Street" - below, with the places it
            # names, as for a passive: "he put into Downing Street")
            agents = [p for c in children(verb) if c.dep_ == "agent"
                      for p in _with_conjuncts([c for c in children(c) if c.dep_ == "pobj"])]
            for agent in self.entities(agents):
                for patient in self.entities(_with_conjuncts(passive or subjects)):
                    yield from emit(agent, patient, "", "passive")
            if passive:
                return
        pattern = {"own": "svo", "relcl": "relcl"}.get(how, "inherited")
        subject_args = self.entities(subjects)
        # ("as one activist put it - Tory leader Michael Howard": after a dash, an aside)
        direct = [] if lemma in CONTENT_OBJECT_VERBS or participle else [
            c for c in children(verb) if c.dep_ in _OBJECTS and not _subject_of_clause(c)
            and not any(_is_break(self.doc[k]) for k in range(verb.i + 1, c.i))]
        # "sold GM a stake": the first of two objects is the recipient (sell stake to GM)
        objects = [("to" if lemma in DOUBLE_OBJECT_VERBS and _recipient(d) else "", o)
                   for d in direct for o in _with_conjuncts([d]) if not _modifies_next(o)]
        # "rejected Howard's claims", "criticised the decision of the Bank of England": the
        # name that owns the object is what the act is aimed at (reject claim of)
        objects += [("of", owner) for p, o in objects if not p
                    for owner in self._object_owners(o)]
        if not direct and lemma in CONTEST_VERBS:
            # "X (China) beat 7 - Y (Sweden) 6-3": the name after the verb is the loser
            after = verb.i + 1
            while after < len(self.doc) and after - verb.i <= 3 and (
                    self.doc[after].like_num or self.doc[after].text == "-"):
                after += 1
            if after in self.mention_at and self.first[self.mention_at[after]] == after:
                objects.append(("", self.doc[self.last[self.mention_at[after]]]))
        first_subject = min((t.i for t in subjects if t.i < verb.i), default=verb.i)
        for prep in children(verb):
            # "With X in deficit, Y wants ...": a fronted phrase sets the scene
            if prep.dep_ == "prep" and prep.lower_ not in LOOSE_PREPOSITIONS and \
                    prep.i > first_subject and not any(
                        _is_break(self.doc[k]) for k in range(verb.i + 1, prep.i)) and \
                    self._origin_after_name(prep) is None and not _aside(prep) and \
                    not _role_complement_prep(prep):
                # ("told us - from the Baltic to the Adriatic ...": after a dash the phrase
                # belongs to what is said)
                pobjs = _with_conjuncts([c for c in children(prep) if c.dep_ == "pobj"])
                objects.extend((prep.lower_, o) for o in pobjs)
        # "with Moscow backing Assad and Washington saying ...": a conjunct that has a
        # clause of its own is the subject of that clause, not a second object.
        objects = [(p, o) for p, o in objects if o.dep_ != "conj" or not subject_of_next(o)]
        # "conducted air strikes in Syria": a light verb takes its meaning from its object.
        light = next((n for p, o in objects if not p and (n := _object_noun(
            o, self.mention_at))), "") if lemma in LIGHT_VERBS else ""
        # "rejected a higher offer from Qwest", "chose candidates for Bow": the object noun
        # names what the preposition's partner relates to (reject offer from), as for a
        # light verb, but it is no reason to read a place as a party
        noun = next((n for p, o in objects if not p and o.i > verb.i and (
            n := _object_noun(o, self.mention_at))), "")
        if not noun and not direct and verb.dep_ == "relcl" and how == "own" and \
                not _infinitive(verb) and verb.head.i < verb.i:
            # "a speech he made in Burnley", "the deal it signed with X": the noun the
            # relative clause hangs on is the verb's object (make speech in)
            noun = _object_noun(verb.head, self.mention_at)
        has_partner = False
        for prep, obj_token in objects:
            obj = self.entity(obj_token)
            if obj is None:
                # an unnamed partner: "Kerry and Lavrov met supporters", "... talked with
                # officials" (not "each other"; "agreed a deal" is the thing agreed)
                has_partner |= (prep == "with" or not prep and lemma in PARTNER_OBJECT_VERBS
                                ) and obj_token.lower_ not in _RECIPROCALS and \
                    obj_token.i not in self.mention_at
                continue
            has_partner |= prep in ("", "with")
            for subj in subject_args:
                yield from emit(subj, obj, prep, pattern if not prep or pattern != "svo"
                                else "prep")
        # "Kerry and Lavrov have met": each met the other (not "Kerry or Lavrov", "neither
        # Kerry nor Lavrov", nor with a partner above).
        if lemma in SYMMETRIC_VERBS and not has_partner and len(subject_args) > 1 and all(
                c.lower_ in ("and", "&", "both") for t in subjects for c in children(t)
                if c.dep_ in ("cc", "preconj")):
            for k, a in enumerate(subject_args):
                for b in subject_args[k + 1:]:
                    yield from emit(a, b, "", "symmetric")

    def _sits_for(self, verb: Token, prep: str, mention: int) -> bool:
        """Whether ``mention`` is the seat a verb's subject sits for in a legislature: the
        "for" of a verb whose object is a house ("entered Parliament for Sheffield
        Brightside", "was elected to the Assembly for Glasgow"), a place or a seat the NER
        calls an organisation, not a party ("entered Parliament for Labour")."""
        if prep != "for" or self._party(mention) or \
                self.labels[mention] not in _PLACE_LABELS | {"ORG"}:
            return False
        houses = [c for c in children(verb) if c.dep_ == "dobj"] + [
            p for c in children(verb) if c.dep_ == "prep" and c.lower_ == "to"
            for p in children(c) if p.dep_ == "pobj"]
        return any(h.lower_ in CHAMBER_WORDS for h in houses)

    def _object_owners(self, noun: Token) -> list[Token]:
        """The names that own an object noun: its possessor ("Howard's claims") or its "of"
        ("the decision of the Bank of England"). Not of a person noun ("met Blair's
        spokesman" met no Blair), a role, a quantity ("40% of Yukos") or an event noun,
        whose owner the nominal patterns relate (:data:`NOMINAL_PREDICATES`)."""
        lemma = lemma_of(noun)
        if noun.pos_ != "NOUN" or noun.i in self.mention_at or lemma in PERSON_NOUNS or \
                lemma in _ROLE_HEADS or lemma in NOMINAL_PREDICATES or \
                not _object_noun(noun, self.mention_at):
            return []
        owners = [c for c in children(noun) if c.dep_ == "poss"]
        owners += [p for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of"
                   for p in children(c) if p.dep_ == "pobj"]
        return [t for t in owners if t.i in self.mention_at]

    def _visits_place(self, verb: Token) -> bool:
        """Whether a verb of visiting has a place for its object: then a place after it
        locates that place ("visit Aceh in Indonesia"), as for any verb with an object;
        without one it is where the visit was ("visited troops in Iraq": visit in Iraq)."""
        return any(c.dep_ == "dobj" and c.i in self.mention_at
                   and self.labels[self.mention_at[c.i]] in _PLACE_LABELS for c in children(verb))

    def outlet(self, mention: int) -> bool:
        """Whether a mention names a news outlet or programme ("BBC News", "the Times",
        "the BBC's Westminster Hour")."""
        words = list(self.doc[self.first[mention]:self.last[mention] + 1])
        # "BBC's Breakfast with Frost programme": the noun the name qualifies, and its owner
        head = words[-1].head
        if words[-1].dep_ in ("compound", "nmod", "poss") and head.i > words[-1].i and \
                head.lower_ in NEWS_OUTLET_WORDS:
            words.append(head)
        elif words[-1].dep_ == "pobj" and head.head.pos_ == "PROPN" and \
                any(c.lower_ in NEWS_OUTLET_WORDS for c in head.head.head.children) or \
                head.head.head.lower_ in NEWS_OUTLET_WORDS:
            words.append(head.head)
        # the owner with its own modifiers: "BBC Radio 4's Woman's Hour", "BBC One's
        # Breakfast", "BBC Radio Five Live" (the NER's "BBC Radio" and "Five Live")
        first = words[0].i
        owners = [g for t in words for c in t.children if c.dep_ == "poss" or (
            c.dep_ in ("compound", "nmod") and c.i < first) for g in c.subtree]
        # (an outlet's programme may be tagged a place: "BBC One's Breakfast" LOC)
        return any(t.lower_ in NEWS_OUTLET_WORDS for t in owners) or (
            self.labels[mention] not in _PLACE_LABELS
            and any(t.lower_ in NEWS_OUTLET_WORDS for t in words))

    def channel(self, mention: int) -> bool:
        """Whether a mention, as the partner of a verb of speaking, is a news outlet: an
        :meth:`outlet`, a name of outlet words whatever label the NER gave it ("told
        Bloomberg" tagged GPE), or a name the Doc writes next to a noun of outlets
        (:data:`~graphbuild.lexicon.OUTLET_NOUNS`) anywhere ("the Kommersant newspaper" ...
        "Mr Gref told Kommersant", whatever its label there)."""
        words = [t.lower_ for t in self.doc[self.first[mention]:self.last[mention] + 1]
                 if t.lower_ != "the" and not t.is_punct]
        return self.outlet(mention) or bool(words) and all(
            w in NEWS_OUTLET_WORDS for w in words) or \
            self._name(mention).lower() in self._named_outlets()

    def _spoken_to_channel(self, lemma: str, preposition: str, verb: Token | None,
                           mention: int) -> bool:
        """Whether a mention, as the partner of a verb of speaking (``lemma``), is the
        channel of the statement, not a party to it: a news outlet ("X told the BBC"), or
        the host of an outlet's programme ("told Sky News' Sunday with Adam Boulton")."""
        return lemma in _CHANNEL_VERBS and (self.channel(mention) or (
            preposition == "with" and verb is not None and self._told_outlet(verb)))

    def _told_outlet(self, verb: Token) -> bool:
        """Whether a verb of speaking has an outlet for its object ("told Sky News")."""
        return any(c.dep_ in ("dobj", "dative") and (a := self.entity(c)) is not None
                   and self.channel(a.mention) for c in children(verb))

    def _named_outlets(self) -> set[str]:
        """The names (lower case, without "the") of the mentions the Doc writes right
        before or after a noun of outlets ("the Kommersant newspaper", "the Argentine
        newspaper Clarin"), computed once."""
        if not hasattr(self, "_outlet_names"):
            doc = self.doc
            self._outlet_names = {
                self._name(m).lower() for m, last in self.last.items()
                if self.labels[m] != "PERSON" or self.first[m] == last  # (a one-word name
                # the NER took for a person: "the Kommersant newspaper" PERSON)
                if (last + 1 < len(doc) and doc[last + 1].lower_ in OUTLET_NOUNS) or (
                    self.first[m] > 0 and doc[self.first[m] - 1].lower_ in OUTLET_NOUNS)}
        return self._outlet_names

    @_once_per_token
    def source(self, verb: Token) -> int | None:
        """The mention a reported clause is attributed to ("X said ..."), if any."""
        reporting = _reporting_verb(verb)
        while reporting is not None:
            subjects, _ = self.subjects(reporting)
            args = self.entities(subjects)
            if args:
                return args[0].mention
            if not any(s.lower_ in ("i", "we") for s in subjects):
                return None
            # "'I think Labour will win,' Mr Balls told Today": a speaker's own "I think"
            # inside what he is reported to say
            reporting = _reporting_verb(reporting)
        return None

    # -- clauses of the clause extractor --------------------------------------------------

    def from_clause(self, clause: Clause) -> Iterator[RelationSpan]:
        """Entity relations in one clause: its subject and each argument that is an entity."""
        if clause.kind not in _CLAUSE_KINDS or not clause.relation or \
                clause.confidence < _MIN_CLAUSE_CONFIDENCE:
            return
        words = (_light_verb_words(self.doc, clause) if clause.kind == "light-verb"
                 else _verb_words(self.doc, clause))
        if not words or words[0] in CONTENT_OBJECT_VERBS:
            return  # "say in", "add to": what was said is not a relation
        if any(_interrogative(self.doc[i], self.questions) or _inside_name(self.doc, i)
               for i in clause.relation if self.doc[i].pos_ == "VERB"):
            return  # (a verb in a name: "include Stop Stansted Expansion" stops nothing)
        subject_token = _phrase_head(self.doc, clause.subject)
        subject = self.entity(subject_token)
        if subject is None:
            return
        if any(c.dep_ == "expl" for i in clause.relation for c in children(self.doc[i])):
            return  # "X said there was no treaty between A and B": "there is" has no agent,
            # whatever subject the clause takes from the reporting verb
        if clause.attributed_to and tuple(clause.subject) == tuple(clause.attributed_to):
            return  # a reported clause whose subject is its speaker's very words took it from
            # the reporting verb ("X said that after being abused at Y, the men ..."): what
            # one says of oneself has its own "I" or "he" ("X said he would visit Y")
        source_args = self.entities([_phrase_head(self.doc, clause.attributed_to)]
                                    if clause.attributed_to else [])
        source = source_args[0].mention if source_args else None
        verb = " ".join(self.doc[i].text for i in clause.relation)
        head_verb = next((self.doc[i] for i in reversed(clause.relation)
                          if self.doc[i].pos_ in ("VERB", "AUX")
                          and self.doc[i].dep_ not in ("aux", "auxpass")), None)
        if head_verb is not None and self._reported_without_subject(head_verb):
            return  # "X said that after being abused at Y, the men's arrest was unfair"
            # parsed with no subject for "was": the clause extractor's guess is the speaker
        if head_verb is not None and subject_token.head.i != head_verb.i and \
                clause.kind != "passive" and _passive_participle(head_verb) and \
                any(c.dep_ == "dobj" for c in children(head_verb)):
            return  # "as will newly elected leader X": a bare participle's inherited
            # subject is its patient, and its object is no object (as in clause())
        if head_verb is not None and subject_token.head.i != head_verb.i:
            # an inherited subject agrees with the one the patterns find ("called on Mr
            # Brown to open up the books": Brown opens them, not the caller)
            inherited, how = self.subjects(head_verb)
            agreed = {a.mention for a in self.entities(inherited)} if how == "inherited" \
                else set()
            if agreed and subject.mention not in agreed:
                return
        negated, modality = (clause.negated, "") if head_verb is None else \
            self.qualifiers(head_verb)
        time, place = ("", None) if head_verb is None else self.setting(head_verb)
        # the words of the predicate for a partner with its own preposition: the verb's
        # particles, an idiom's complement or the object noun, and that preposition
        # ("travelling to London from Belfast": travel from; "sent a letter to MCI": send
        # letter to), as in clause()
        base = words if clause.kind == "light-verb" else _verb_words(self.doc, clause, True)
        idiom = "" if head_verb is None else _idiom(head_verb)
        object_noun = next((_object_noun(h, self.mention_at) for h in (
            _phrase_head(self.doc, a) for a in clause.arguments) if h.dep_ == "dobj"), "") \
            if clause.kind != "light-verb" else ""
        for k, argument in enumerate(clause.arguments):
            head = _phrase_head(self.doc, argument)
            preposition = "to" if words[0] in DOUBLE_OBJECT_VERBS and _recipient(
                head.head if head.dep_ == "conj" else head) else ""
            if head.pos_ == "ADP":
                if self._origin_after_name(head) is not None:
                    continue  # "met Jacques Chirac, from France,": where Chirac is from
                preposition = head.lower_
                head = next((c for c in head.children if c.dep_ == "pobj"), head)
            elif head_verb is not None and head_verb.dep_ == "relcl" and \
                    head.i == head_verb.head.i and \
                    any(c.lower_ == "where" for c in children(head_verb)):
                preposition = "in"  # "Houston, where Yukos filed for protection": file in
            elif head_verb is not None and head_verb.dep_ == "relcl" and \
                    head.i == head_verb.head.i and \
                    any(c.lower_ == "when" for c in children(head_verb)):
                continue  # "the Winter of Discontent, when unions carried out strikes": a
                # time, not what was carried out
            if preposition in LOOSE_PREPOSITIONS or set(words) & LOOSE_PREPOSITIONS or (
                    head.i < clause.relation[0] and preposition):
                continue
            if any(_is_break(self.doc[i]) for i in range(clause.relation[-1] + 1, head.i)):
                continue  # "told us - from the Baltic to the Adriatic ...", as in clause()
            if (preposition == "by" or "by" in words) and clause.kind != "passive":
                continue  # "bought by BOA" on another noun than the clause's subject
            obj = self.entity(head)
            if obj is None or obj.mention == subject.mention or self._spoken_to_channel(
                    words[0], preposition, head_verb, obj.mention):
                continue
            if (preposition in _SETTING_PREPOSITIONS or set(words) & _SETTING_PREPOSITIONS) \
                    and (words[0] in _CHANNEL_VERBS or (
                        (words[0] not in _SETTING_VERBS or head_verb is not None
                         and self._visits_place(head_verb)) and clause.kind != "light-verb"
                        and self.labels[obj.mention] in _SETTINGS and (
                            any(self.doc[i].dep_ in _COMPLEMENTS for i in clause.relation)
                            or (k and not self._has_preposition(clause.arguments[0]))))):
                continue  # "ran operations in Asia": Asia is where, not what; "told
                # activists in Blackburn": where he spoke
            if _subject_of_clause(head) or (not preposition and _modifies_next(head)):
                continue  # "maintained Mr Brown would have a role"; "give the UK public"
            if head.dep_ == "conj" and _compared(head):
                continue  # "knows it as well as Tony Blair"
            if "at" in (preposition, words[-1]) and words[0] not in AT_VERBS and \
                    self.labels[obj.mention] not in _PLACE_LABELS:
                continue  # "win students' votes at the LSE": where, as in clause()
            phrase = [*base, idiom or object_noun] if preposition else \
                [*base, idiom, *words[len(base):]] if idiom else words
            first, second = subject, obj
            if clause.kind == "passive" and k == 0 and words[-1] == "by":
                first, second, phrase = obj, subject, words[:-1]  # "was backed by X": X backs
            elif clause.kind == "passive" and preposition == "by":
                first, second, phrase, preposition = obj, subject, base, ""  # "was joined in
                # the venture by X": X joins
            confidence = _confidence(clause.confidence, first, second)
            if confidence < _MIN_CLAUSE_CONFIDENCE - 0.05:
                continue
            if head_verb is not None and self._sits_for(head_verb, preposition, second.mention):
                phrase, preposition = ["represent"], ""  # as in clause()
            yield RelationSpan(first.mention,
                               normalise_phrase(" ".join(w for w in (*phrase, preposition) if w)),
                               second.mention, verb, clause.relation[0], round(confidence, 3),
                               f"clause-{clause.kind}", negated or clause.negated, source,
                               modality, time,
                               None if place in (first.mention, second.mention) else place)

    @_once_per_token
    def _reported_without_subject(self, verb: Token) -> bool:
        """Whether ``verb`` is, or hangs on, a clause reported by a verb of saying that has
        no subject of its own: the parse lost it, and a subject taken from further up (the
        speaker) is a guess."""
        token = verb
        for _ in range(_MAX_CLIMB):
            head = token.head
            if head.i == token.i:
                return False
            if token.dep_ == "ccomp" and lemma_of(head) in REPORTING_VERBS:
                return token.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in children(token))
            token = head
        return False

    def _names_subject(self, subject: Sequence[int]) -> bool:
        """Whether a clause's subject phrase stands for a mention: :meth:`from_clause`
        relates nothing else."""
        return self.entity(_phrase_head(self.doc, subject)) is not None

    def _has_preposition(self, argument: Sequence[int]) -> bool:
        return _phrase_head(self.doc, argument).pos_ == "ADP"

    # -- nominal relations ----------------------------------------------------------------

    def nominal(self, noun: Token) -> Iterator[RelationSpan]:
        predicate, preps = NOMINAL_PREDICATES[noun.lower_]
        if predicate == "back" and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            yield from self._backed_by(noun)
            return
        targets = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                   for p in _with_conjuncts([c for c in c.children if c.dep_ == "pobj"])]
        if not targets:
            return
        agent = self.agent_of(noun)
        if agent is None:
            return
        source = self.source(noun)
        # "wants to agree a deal with X", "accused Y of signing a deal with X": the verb the
        # noun depends on says whether the act happened
        verb = _governing_verb(noun)
        negated, modality = (False, "") if verb is None else self.qualifiers(verb)
        if verb is not None and not modality:
            modality = _object_modality(noun, verb)
        for target in self.entities(targets):
            if target.mention == agent.mention:
                continue
            confidence = _confidence(_CONFIDENCE["nominal"], agent, target)
            yield RelationSpan(agent.mention, normalise_predicate(predicate), target.mention,
                               noun.text, noun.i, round(confidence, 3), "nominal", negated,
                               source, modality)

    def _backed_by(self, noun: Token) -> Iterator[RelationSpan]:
        """"X won the seat with the support of Y", "X, with backing from Y, ...": Y backs the
        subject of the clause (not the other way round, as in "X's support for Y")."""
        backers = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in (
            "of", "from", "by") for p in _with_conjuncts([g for g in c.children
                                                          if g.dep_ == "pobj"])]
        verb = noun.head.head
        if not backers or verb.pos_ not in ("VERB", "AUX"):
            return
        negated, modality = self.qualifiers(verb)
        # (of a passive, its agent: "the seat was won by X with backing by Y")
        supported = [p for c in children(verb) if c.dep_ == "agent" for p in children(c)
                     if p.dep_ == "pobj"] or self.subjects(verb)[0]
        for backed in self.entities(supported):
            for backer in self.entities(backers):
                if backer.mention != backed.mention:
                    confidence = _confidence(_CONFIDENCE["nominal"], backer, backed)
                    yield RelationSpan(backer.mention, "back", backed.mention, noun.text,
                                       noun.i, round(confidence, 3), "nominal", negated,
                                       self.source(noun), modality)

    def agent_of(self, noun: Token) -> _Arg | None:
        """Who does what a noun names: its possessor, or the subject of the clause it is in
        ("Lavrov said after talks with ...", "Russia's intervention in support of ...")."""
        token = noun
        # "to discuss the bid for LSE": a definite act is one told of before, whose agent
        # need not be the clause's subject
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        for _ in range(3):
            for child in token.children:
                if child.dep_ == "poss":
                    return self.entity(child)
            head = token.head
            if token.dep_ == "pobj":
                head = head.head
            if head.i == token.i or token.dep_ not in ("pobj", "dobj", "nsubj") or definite:
                break
            if head.pos_ in ("VERB", "AUX"):
                subjects, _ = self.subjects(head)
                args = self.entities(subjects)
                return args[0] if args else None
            token = head
        return None


def likened(name: Token) -> bool:
    """Whether a name is what something is likened to, not itself: "was seen as Europe's
    Enron", "dubbed Britain's Bill Gates" (:data:`~graphbuild.lexicon.LIKENING_VERBS`)."""
    if name.dep_ == "oprd":
        return lemma_of(name.head) in LIKENING_VERBS
    if name.dep_ != "pobj" or name.head.lower_ != "as":
        return False
    verb = next((a for a in name.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and lemma_of(verb) in LIKENING_VERBS


def _hearsay(verb: Token) -> bool:
    """Whether a verb is the passive of a verb of hearsay ("is said to", "was expected to"):
    its infinitive is somebody's claim (:data:`~graphbuild.lexicon.HEARSAY_VERBS`)."""
    return verb.tag_ == "VBN" and lemma_of(verb) in HEARSAY_VERBS and any(
        c.dep_ == "auxpass" for c in children(verb))


def _refers_back(lower: str, lemma: str) -> bool:
    """Whether a word may refer back to a mention ("he", "the company")."""
    return lower in _PERSONAL or lower in _NEUTER or lemma in NOMINAL_COREFERENCE or \
        lemma in PROXY_NOUNS


def _acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is an acronym of ``name``: its capitals are initials of the name's
    capitalised words, in order ("METI", "Ministry of Economy, Trade and Industry"), or it
    ends with the initials of a name the NER cut at the front ("CVRD" after "Vale Do Rio
    Dolce", tagged "Rio Dolce").

    >>> _acronym_of("CVRD", "Rio Dolce"), _acronym_of("SNP", "Tom Hale")
    (True, False)
    """
    letters = [c for c in short if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    capitalised = [w[0] for w in name.replace("-", " ").split() if w[:1].isupper()]
    if len(capitalised) >= 2 and "".join(letters).endswith("".join(capitalised)):
        return True
    initials = iter(capitalised)
    return all(any(c == i for i in initials) for c in letters)


def _phrase_before(token: Token) -> str:
    """The noun phrase that ends at ``token``, from its first word ("the Economic
    Commission for Latin America and the Caribbean" for "Caribbean")."""
    doc, start = token.doc, token.i
    while start > sentence_starts(doc)[token.i] and token.i - start < 12 and (
            doc[start - 1].is_title or doc[start - 1].is_upper
            or doc[start - 1].lower_ in _NAME_LINKS):
        start -= 1
    return doc[start:token.i + 1].text


def _trim_punctuation(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without punctuation (and a leading "that") at its edges."""
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ == "that"):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _chain(*iterables: Iterator[RelationSpan]) -> Iterator[RelationSpan]:
    for iterable in iterables:
        yield from iterable


def _ent_text(token: Token) -> str:
    """The text of the entity (a date) a token is part of."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return span_text(doc, start, end)


def _confidence(base: float, *args: _Arg) -> float:
    """A pattern's confidence, lowered for arguments found through a pronoun or a proxy."""
    for arg in args:
        base *= _VIA_PENALTY[arg.via]
    return base


_WITHHOLDING_VERBS = frozenset({"deny", "refuse"})
# Verbs of saying that grant what they report: "the home secretary admitted he was wrong to
# give X tickets" gave them, whoever admitted it.
_ADMITTING_VERBS = frozenset({"admit", "acknowledge", "confirm", "concede"})
# Verbs whose object does the act of a bare infinitive after it ("see X return", "let X go").
_BARE_INFINITIVE_VERBS = frozenset({"see", "watch", "let", "make", "help", "have"})


def _light_verb_words(doc: Doc, clause: Clause) -> list[str]:
    """"launched a large-scale attack on": launch attack on (verb, object noun, preposition)."""
    tokens = [doc[i] for i in clause.relation]
    # (the noun, or the one its words in the relation modify: "won 35% in" has 35)
    noun = next((t for t in tokens if t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN"), None) \
        or next((t.head for t in tokens if t.head.dep_ in ("dobj", "attr")
                 and t.head.pos_ == "NOUN" and t.head.head.i in clause.relation), None)
    # the verb of the noun, the last before it ("failed to win a contract in": win, the
    # failure is the negation the qualifiers read)
    # (not a participle that modifies the noun: "has limited assets in" is have asset in)
    verb = next((t for t in reversed(tokens) if t.pos_ in ("VERB", "AUX") and t.dep_ not in (
        "aux", "auxpass", "amod") and (noun is None or t.i < noun.i)), None)
    if verb is None or noun is None or tokens[-1].pos_ != "ADP":
        return clause.predicate.split()
    lemma = lemma_of(verb)
    if lemma in DOUBLE_OBJECT_VERBS and any(c.dep_ == "auxpass" for c in children(verb)):
        # "X was given access to Y": the subject is the recipient, who gets what was given
        # (what was denied or refused, it does not get)
        if lemma in _WITHHOLDING_VERBS:
            return []
        lemma = "get"
    particle = next((c.lower_ for c in children(verb) if c.dep_ == "prt"), "")  # "play down"
    # ("won 40% of the vote in": win vote in; a quantity is no noun of the act)
    return [w for w in (lemma, particle, _object_noun(noun, {}), tokens[-1].lower_) if w]


def _verb_words(doc: Doc, clause: Clause, particles_only: bool = False) -> list[str]:
    """The predicate words of a clause for the graph: its last verb with the particles and
    prepositions after it ("tried to win" -> win, with the attempt as modality; "has
    recently joined" -> join; "was backed by" -> back by); with ``particles_only``, for an
    argument with a preposition of its own, only the particles ("travelling to ... from
    Belfast": travel, then from)."""
    tokens = [doc[i] for i in clause.relation]
    verbs = [k for k, t in enumerate(tokens) if t.pos_ in ("VERB", "AUX")
             and t.dep_ not in ("aux", "auxpass")]
    if not verbs:
        return clause.predicate.split()
    head = tokens[verbs[-1]]
    return [lemma_of(head), *(t.lower_ for t in tokens[verbs[-1] + 1:]
                              if t.dep_ == "prt" or (not particles_only and (
                                  t.dep_ in ("prep", "agent", "dative") or t.pos_ == "ADP")))]


def _phrase_head(doc: Doc, indices: Sequence[int]) -> Token:
    """The syntactic head of a phrase: its token whose head lies outside the phrase."""
    inside = set(indices)
    for i in indices:
        token = doc[i]  # (one Token and one head per word, not five Tokens)
        head = token.head.i
        if head not in inside or head == i:
            return token
    return doc[indices[0]]


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with every conjunct of each ("Russia and the United States")."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(t for t in token.conjuncts if t.i > token.i and not _compared(t))
    return list(dict.fromkeys(out))


# Verbs of wanting or planning whose object is nonetheless had or done ("agreed a deal with
# X", "has a stake in X", "set a record against X").
_REALISING_VERBS = frozenset("agree be have set decide mean".split())
# Verbs of coming to own: in the progressive ("is buying a stake in X") the deal is not done.
_ACQUIRING_VERBS = frozenset("buy acquire purchase take".split())


def _object_modality(noun: Token, verb: Token) -> str:
    """What a verb makes of the act its direct object names: "wants a stake in X" is a hope,
    "is seeking talks with X" an attempt, "proposed a merger with X" a plan, and "is buying
    a stake in X" a plan too (under way, not done)."""
    if noun.dep_ != "dobj" or noun.head.i != verb.i:
        return ""
    lemma = lemma_of(verb)
    if lemma in MODALITY_VERBS and lemma not in _REALISING_VERBS:
        return MODALITY_VERBS[lemma]
    return "plan" if lemma in _ACQUIRING_VERBS and _progressive(verb) else ""


def _reporting_verb(verb: Token, relatives: bool = True) -> Token | None:
    """The verb of saying whose reported clause holds ``verb`` ("X said ..."), if any; with
    ``relatives`` False, not through a relative clause, which describes what it hangs on
    ("commentators say a deal with Euronext, which owns Liffe, ...")."""
    token = verb
    for _ in range(_MAX_CLIMB):
        head = token.head
        if head.i == token.i or (token.dep_ == "relcl" and not relatives):
            return None
        if token.dep_ in ("ccomp", "parataxis") and lemma_of(head) in REPORTING_VERBS:
            return head
        token = head
    return None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through prepositions ("signed a deal",
    "signing up to a deal")."""
    token = noun
    for _ in range(_MAX_CLIMB):
        if token.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass") or \
                token.head.i == token.i or (token.dep_ == "prep"
                                        and token.lower_ in LOOSE_PREPOSITIONS):
            return None  # "failed to return after a trip to X": the trip is not negated
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT",
                          "WORK_OF_ART", "LAW"})


def _inside_name(doc: Doc, i: int) -> bool:
    """Whether the verb at ``i`` is a capitalised word of a name the NER tagged that goes on
    after it ("Stop" in "Stop Stansted Expansion", "Save" in "Save the Children")."""
    token = doc[i]
    return token.is_title and token.ent_type_ in _NAME_LABELS and i + 1 < len(doc) and \
        doc[i + 1].ent_iob_ == "I"


def _aside(prep: Token) -> bool:
    """Whether a prepositional phrase stands between commas before its verb, an aside
    about the subject ("X, for the Tories, attacked the plan": X spoke for them; the attack
    was not for them)."""
    doc = prep.doc
    end = prep.right_edge.i + 1
    return prep.i < prep.head.i and prep.i > 0 and doc[prep.i - 1].text == "," and \
        end < len(doc) and doc[end].text == ","


def _is_break(token: Token) -> bool:
    """A dash between words ("told us - from the Baltic"), not the hyphen of
    "six-cylinder"."""
    if token.text not in _BREAKS or not token.whitespace_ or not (
            token.i == 0 or token.doc[token.i - 1].whitespace_):
        return False
    # inside brackets it is an aside of its own: "($9.37bn - £4.8bn)"
    depth = 0
    for t in token.doc[sentence_starts(token.doc)[token.i]:token.i]:
        depth += (t.text == "(") - (t.text == ")")
    return depth <= 0


def _modifies_next(obj: Token) -> bool:
    """Whether a name the parser made a verb's first object modifies the noun after it,
    which it made the second ("give the UK public a voice": UK is of the public)."""
    following = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
    # (the tagger may call the noun a verb: "public")
    return following is not None and following.is_alpha and following.is_lower and \
        following.head.i == obj.head.i and following.dep_ in ("dobj", "dative") and any(
            c.dep_ == "det" for c in children(obj))


def _recipient(obj: Token) -> bool:
    """Whether a verb's object is its indirect object, the recipient of a second object
    after it ("sold GM a stake", "offered China access"): the parser's ``dative`` (a noun,
    not the "to" of "sold to X") or the first of two ``dobj``."""
    # (the second object right after the first: in "accused Wal-Mart of paying staff less"
    # a second "dobj" further on is a misparse)
    return obj.dep_ in ("dative", "dobj") and obj.pos_ != "ADP" and any(
        c.dep_ == "dobj" and c.left_edge.i == obj.right_edge.i + 1 for c in children(obj.head))


def _place_object(token: Token) -> bool:
    """Whether a name is the object of "at" or "in" ("educated at Eton"): a place or a body,
    whatever the NER tagged it, not what "he" stands for."""
    return token.dep_ == "pobj" and token.head.lower_ in ("at", "in")


def _subject_like(token: Token) -> bool:
    """A subject, or the possessor in front of one ("his first attempt ... was thwarted")."""
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _main_agent(token: Token) -> bool:
    """Whether a name is the agent of its sentence's main verb ("was denied by X")."""
    return token.dep_ == "pobj" and token.head.dep_ == "agent" and \
        token.head.head.dep_ == "ROOT"


def _passive_participle(verb: Token) -> bool:
    """Whether a past participle with no subject of its own is passive: a bare participle
    clause ("if put into Downing Street", "when asked") or the conjunct of a passive verb
    ("was arrested and charged with"); its inherited subject is the patient. A modal alone
    makes no active verb of it: in "as will newly elected leader X" the parse has hung "will"
    on the participle."""
    if verb.tag_ != "VBN" or any(c.dep_ == "auxpass" or (
            c.dep_ == "aux" and lemma_of(c) in ("have", "be")) for c in children(verb)):
        return False
    if verb.dep_ == "advcl":
        return True
    return verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in children(verb.head))


def _noun_preps(noun: Token, verb: Token | None = None) -> list[Token]:
    """The prepositions of a noun, and of a verb's complement the one the parse hangs on the
    verb right after it ("will remain MP for Richmond": MP for Richmond)."""
    preps = [c for c in children(noun) if c.dep_ == "prep"]
    if verb is not None and noun.dep_ in ("attr", "oprd") and noun.head.i == verb.i:
        preps += [c for c in children(verb) if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]
    return preps


def _role_complement_prep(prep: Token) -> bool:
    """Whether a verb's preposition belongs to the role noun of its complement just before it
    ("will remain MP for Richmond"): the role relates it, not the verb."""
    verb = prep.head
    return prep.i > verb.i and prep.lower_ in _ROLE_PREPOSITIONS and any(
        (c.lower_ in _ROLE_HEADS or lemma_of(c) in _ROLE_HEADS) and prep in _noun_preps(c, verb)
        for c in children(verb))


def _infinitive(verb: Token) -> bool:
    """Whether a verb is a "to" infinitive ("to return")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _progressive(verb: Token) -> bool:
    """Whether a verb tells of an act under way: "is drawing up", "will be campaigning"."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and lemma_of(c) == "be"
                                      for c in children(verb))


def _compared(conjunct: Token) -> bool:
    """Whether a conjunct is what its head is compared with, not a second party of the same
    role: "rather than Prescott", "more than Blair"; "knows it as well as Tony Blair" (after
    a pronoun, "as well as" compares); nor one denied it ("and not Blackpool")."""
    if denied_conjunct(conjunct):
        return True
    head = conjunct.head
    cc = next((c for c in reversed(list(head.children))
               if c.dep_ == "cc" and head.i < c.i < conjunct.i), None)
    if cc is None:
        return False
    return cc.lower_ == "than" or (cc.lower_ == "as" and head.pos_ == "PRON")


def _object_noun(token: Token, mention_at: Mapping[int, int]) -> str:
    """The lemma of a verb's object noun for its predicate ("rejected an offer from": offer),
    or "" when it is a name or no noun. A quantity names no thing, the noun of its "of" does
    ("sells about 60% of its output to": output; "won 40% in": none); of a name it is a
    share ("holding 2% of Deutsche Boerse": share)."""
    for _ in range(_MAX_CLIMB):
        if token.lower_ not in QUANTITY_NOUNS and not token.like_num and \
                not token.text[:1].isdigit():  # ("$5bn", "22.5bn yuan")
            break
        of = next((c for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"), None)
        token = next((c for c in children(of) if c.dep_ == "pobj"), None) if of else None
        if token is None:
            return ""
        if token.i in mention_at or token.pos_ == "PROPN":
            return "share"  # "holding 2% of Deutsche Boerse": hold share of
    if token.pos_ != "NOUN" or token.i in mention_at:
        return ""
    return lemma_of(token)


def _idiom(verb: Token) -> str:
    """The complement of an idiom of the verb ("took the UK to war": to war; "set loose on":
    loose; "leaving the way open for": way open), or ""."""
    idioms = VERB_IDIOMS.get(lemma_of(verb), ())
    if not idioms:
        return ""
    for child in children(verb):
        if child.dep_ in ("prep", "dative"):
            pobj = next((c for c in children(child) if c.dep_ == "pobj"), None)
            words = [child] if pobj is None else [child, *pobj.lefts, pobj]
        elif child.dep_ in ("oprd", "acomp", "advmod") and child.pos_ in ("ADJ", "ADV"):
            words = [child]
        elif child.dep_ in ("xcomp", "advcl") and [c.lower_ for c in children(child)] == ["to"]:
            words = [*children(child), child]  # "held him to account", parsed as a verb
        elif child.dep_ == "dobj" and child.pos_ == "NOUN":
            words = [*child.lefts, child, *(c for c in child.rights
                                            if c.dep_ in ("amod", "acomp", "oprd"))]
        else:
            continue
        phrase = " ".join(t.lower_ for t in words)
        if phrase in idioms:  # (the predicate drops the articles: "put on spot")
            return " ".join(t.lower_ for t in words if t.dep_ != "det")
    return ""


def _likelihood(clause: Token) -> bool | None:
    """Whether the adjective of likelihood a complement clause depends on denies it ("it is
    unlikely he would give": True; "it is likely that": False), None without one. The
    parser hangs the clause on the adjective, on its copula, or beside "it was unlikely"."""
    head = clause.head
    candidates = [head, *(c for c in children(head) if c.dep_ == "acomp")]
    candidates += [a for c in children(head) if c.dep_ == "ccomp" and c.i < clause.i
                   and any(s.dep_ == "nsubj" and s.lower_ == "it" for s in children(c))
                   for a in children(c) if a.dep_ == "acomp"]
    return next((LIKELIHOOD_ADJECTIVES[t.lower_] for t in candidates
                 if t.lower_ in LIKELIHOOD_ADJECTIVES), None)


def _verb_phrase(verb: Token) -> str:
    """The verb with its auxiliaries, negation and particles, as written."""
    parts = [c for c in children(verb)
             if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    tokens = sorted([verb, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)


def _subject_of_clause(token: Token) -> bool:
    """Whether an object of a verb is really the subject of the clause that follows it
    ("maintained Mr Brown would have a role": the parser's object of "maintained" is the
    subject of "would have", which has none of its own)."""
    verb = token.head
    return any(c.dep_ == "ccomp" and c.i > token.i and not any(
        g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in children(c))
        and not any(g.dep_ == "mark" for g in children(c))
        for c in children(verb))


def _question_before(doc: Doc, mark: int) -> Token | None:
    """The verb of the question that ends at the question mark ``mark``, where the parser
    hung the mark on another verb ('people asked "What has Labour done for the North
    East?"'): the lowest verb whose phrase ends there and opens with a wh-word or an
    auxiliary ("Can he persuade ...")."""
    end = mark - 1
    while end > 0 and doc[end].is_quote:
        end -= 1
    token = doc[end]
    for _ in range(_MAX_CLIMB * 2):
        if token.right_edge.i > end:
            return None
        first = token.left_edge
        if token.pos_ in ("VERB", "AUX") and (first.tag_ in _RELATIVE or first.tag_ == "WRB"
                                              or (first.dep_ == "aux" and first.head.i == token.i)):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _interrogative(verb: Token, questions: set[int]) -> bool:
    """Whether a verb heads a question, or a clause inside one ("What has Labour done for
    the North East?"): a question mark on the verb or on a verb it depends on, up to a
    reporting verb's complement. ``questions``: the tokens a question mark depends on."""
    token = verb
    for _ in range(_MAX_CLIMB):
        if token.i in questions or (lemma_of(token.head) in _ASKING_VERBS and any(
                c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in children(token))):
            return True  # "Asked if he would welcome BNP voters, he said ..."
        head = token.head
        if token.dep_ in ("ccomp", "parataxis") or head.i == token.i or \
                head.pos_ not in ("VERB", "AUX"):
            return False
        token = head
    return False

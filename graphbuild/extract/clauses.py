"""Clause-level open information extraction over a spaCy dependency parse.

In the spirit of ClausIE (Del Corro and Gemulla, 2013) and MinIE (Gashteovski et al.,
2017): every verb of a sentence heads a clause; the clause's parts are read off the
dependency tree and turned into a ``subject - relation - arguments`` tuple. The rules:

``svo`` / ``copula`` / ``passive``
    A verb (or a main-verb "be") with its subject, its objects and complements, and its
    prepositional, time and place phrases. Auxiliaries, negation and particles go into the
    relation ("could not give up"). When the verb has no object, the first preposition
    after it also joins the relation and its object becomes the first argument ("taught at"
    + "the university"); for passives the agent's "by" does ("was loved by" + "God").
``relcl``
    A relative clause: the noun it modifies stands in for the relative pronoun ("the man
    who founded X" -> man / founded / X; "the match which Keibler lost" -> Keibler / lost /
    the match).
``light-verb``
    A verb whose object is a noun with a prepositional complement ("launched an attack
    on Y"): the object noun joins the relation, so the tuple says what happened to Y.
``appos``
    An apposition "X, a Y," says that X is a Y.
``title``
    A title or a common noun before a name ("President Bush", "drug maker Pfizer") says
    what the named one is.
``nominal``
    An event noun with its possessor and a prepositional complement ("Kerry's visit to
    Moscow" -> Kerry / visit to / Moscow).
``object-prep``
    ClausIE's SVOA reading for any other verb with an object or complement and a
    prepositional phrase ("attributed the decline to Y" -> attributed the decline to / Y;
    "is responsible for Y" -> is responsible for / Y); ranked low, as a second reading of
    the ``svo`` or ``copula`` tuple.
``possessive``
    A named possessor says that it has the possessed ("Mazda's owners" -> Mazda / has /
    owners).
``location``
    A place in a noun phrase locates its head, implicitly "be in": "officials in Kenya",
    "Japan's FTC", "Hillsborough, North Carolina".
``attribute``
    An adjective before a name describes it ("State-owned BNL" -> BNL / be / State-owned).
``example``
    Members listed after "such as" or "including" belong to the class the noun names
    ("firms such as Shell" -> firms / such as / Shell).

Relations that have no words in the sentence (appositions, titles, possessives, places,
attributes) have an empty ``relation`` and say what they are in ``predicate`` ("be",
"have", "be in").

Shared subjects and objects are distributed over conjunctions ("A and B met C" gives two
tuples); a subject left implicit is inherited from the clause it attaches to (conjoined
verbs, control verbs, participial clauses). Clauses under a reporting verb ("X said Y")
are kept, with X recorded in ``attributed_to``.

Each clause has a confidence that ranks it: the rule's reliability, lowered for long
sentences (harder to parse), long subjects, non-finite relations, pronoun or wh-word
parts and clauses without arguments.

Everything is returned as token indices into the parse's ``Doc`` so callers can map the
parts back to entities; :func:`clause_text` renders them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import product

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from graphbuild.lexicon import (
    LEMMA_FIXES,
    LIGHT_VERBS,
    NOMINAL_PREDICATES,
    OBJECT_CONTROL_VERBS,
    REPORTING_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)

__all__ = ["Clause", "clause_text", "clauses", "lemma_of", "subject_of_next"]

# --------------------------------------------------------------------------- word lists

# Dependency labels of a clause's subject (spaCy's ClearNLP label set).
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})

# Objects and complements: what the verb says about its subject.
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})

# Clausal complements become one argument each ("said that ...", "wants to leave").
_CLAUSAL_DEPS = frozenset({"ccomp", "xcomp"})

# Adverbials ("later", "last year", "Monday") are time, place and manner arguments.
_ADVERBIAL_DEPS = frozenset({"advmod", "npadvmod", "tmod"})

# Children that make up the relation itself rather than an argument.
_RELATION_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})

# Parts of a noun phrase that are separate statements of their own, and so are left out
# of the phrase when it serves as an argument.
_PHRASE_CUT_DEPS = frozenset({"relcl", "conj", "cc", "appos", "punct", "preconj"})

# Coordination inside a phrase: split off only at the phrase's own head.
_LIST_DEPS = frozenset({"conj", "cc", "preconj"})

# Punctuation that separates phrases rather than belonging inside one.
_SEPARATORS = frozenset({",", ";", ":", ".", "--", "?", "!"})

# Complementisers introducing a clausal object; they join the relation ("said that").
_COMPLEMENTISERS = frozenset({"that", "whether", "if"})

# Words introducing a relative clause: they stand for the modified noun.
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})

# Entity labels of places: a noun phrase naming one locates the thing it modifies.
_PLACE_LABELS = frozenset({"GPE", "LOC"})

# Forms of "be": a main verb "be" is a copula linking the subject to its complement.
_BE_LEMMAS = frozenset({"be"})

# Part-of-speech tags of pronouns, whose reference a reader cannot recover from the tuple
# alone; such clauses are ranked lower.
_PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WDT", "EX"})

# Tags of wh-words; a tuple with one at the edge of a part is a question, not a fact.
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})

# Longer sentences are skipped (see :func:`clauses`).
MAX_SENTENCE_TOKENS = 250

# Base confidence of each rule, from how reliably the rule yields a correct statement.
_KIND_CONFIDENCE = {
    "passive": 0.85,
    "svo": 0.80,
    "copula": 0.75,
    "title": 0.70,
    "appos": 0.70,
    "relcl": 0.65,
    "light-verb": 0.65,
    "object-prep": 0.45,
    "location": 0.55,
    "attribute": 0.50,
    "example": 0.55,
    "nominal": 0.45,
    "possessive": 0.25,
}

# Confidence lost per word of sentence length beyond twenty.
_SENTENCE_LENGTH_PENALTY = 0.004


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Clause:
    """One extracted statement, as token indices into the sentence's ``Doc``.

    ``relation`` holds the relation's words as they appear (auxiliaries, negation and a
    moved preposition included), ``arguments`` the objects and complements, then the
    time, place and other adjuncts. ``predicate`` is the normalised relation ("charge
    with"); ``kind`` names the rule; ``modal`` is the modal auxiliary, if any;
    ``attributed_to`` the source of a reported clause; ``confidence`` ranks clauses.
    """

    subject: tuple[int, ...]
    relation: tuple[int, ...]
    arguments: tuple[tuple[int, ...], ...]
    predicate: str
    kind: str
    negated: bool = False
    modal: str = ""
    attributed_to: tuple[int, ...] = ()
    confidence: float = 0.5


class _DocCache(threading.local):
    """What is read off the Doc being read, once: its children, its text, its sentences. One
    cache per thread: any Executor may run extraction in threads (a Dask worker with several
    threads, a ThreadPoolExecutor)."""

    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.of: dict[int, tuple[Token, ...]] = {}
        # the Doc's text, and where each token starts and ends in it
        self.text: tuple[str, list[int], list[int]] | None = None
        self.sentences: list[Span] | None = None
        self.at: list[Span] | None = None
        self.starts: list[int] | None = None


_cache = _DocCache()


def _cached(doc: Doc) -> _DocCache:
    cache = _cache
    if doc is not cache.doc:
        forget_children()
        cache.doc = doc
    return cache


def children(token: Token) -> tuple[Token, ...]:
    """``token.children``, kept for the Doc being read: spaCy builds new Token objects on
    every walk, and the extractors look at the children of one verb many times."""
    cache = _cache  # (not _cached(): this runs half a million times on 300 articles)
    if token.doc is not cache.doc:
        forget_children()
        cache.doc = token.doc
    found = cache.of.get(token.i)
    if found is None:
        found = cache.of[token.i] = tuple(token.children)
    return found


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the Doc's text read once (``Span.text`` and
    ``Doc.text`` make a Token per word on every call)."""
    if end <= start:
        return ""
    cache = _cached(doc)
    if cache.text is None:
        idx, length = doc.to_array([IDX, LENGTH]).T.tolist()
        cache.text = doc.text, idx, [i + n for i, n in zip(idx, length, strict=True)]
    text, starts, ends = cache.text
    return text[starts[start]:ends[end - 1]]


def sentence_spans(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per Doc; the list is the Doc's own, not to be changed."""
    cache = _cached(doc)
    if cache.sentences is None:
        cache.sentences = list(doc.sents)
    return cache.sentences


def sentence_at(doc: Doc) -> list[Span]:
    """The sentence of each token, by token index (``token.sent`` walks the Doc on every
    call); the list is the Doc's own, not to be changed."""
    cache = _cached(doc)
    if cache.at is None:
        cache.at = []
        for sent in sentence_spans(doc):
            cache.at.extend([sent] * len(sent))
    return cache.at


def sentence_starts(doc: Doc) -> list[int]:
    """The start of each token's sentence, by token index; the Doc's own list."""
    cache = _cached(doc)
    if cache.starts is None:
        cache.starts = [sent.start for sent in sentence_at(doc)]
    return cache.starts


def forget_children() -> None:
    """Empty the per-Doc cache of :func:`children`, :func:`span_text` and the sentence lists
    (a Doc whose parse is about to be read anew)."""
    _cache.doc = None
    _cache.of = {}
    _cache.text = _cache.sentences = _cache.at = _cache.starts = None


def hyphened_before(token: Token) -> Token | None:
    """The word joined to ``token`` by a hyphen, without spaces ("vice" of "vice-president",
    which the tokenizer splits in three), if any."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not (doc[i - 2].whitespace_ or doc[i - 1].whitespace_):
        return doc[i - 2]
    return None


def joined(conjunct: Token) -> bool:
    """Whether a conjunct is joined to its head as a coordination is written: a conjunction
    ("and", "but", "or"), a comma, a semicolon or a dash between them. A verb the parse makes
    a conjunct with none ("says he will not let gossip distract him") joins nothing, and
    takes no subject from its head."""
    head = conjunct.head
    if head.i >= conjunct.i:
        return True
    return any(t.dep_ in ("cc", "preconj") or t.text in (",", ";", "-", "--")
               for t in conjunct.doc[head.i + 1:conjunct.i])


def lemma_of(token: Token) -> str:
    """The token's lemma in lower case, with the small model's known lemma errors mended
    ("fined" is lemmatised "fin")."""
    lemma = token.lemma_.lower()
    fixed = LEMMA_FIXES.get(lemma)
    return fixed if fixed is not None and token.lower_.startswith(fixed) else lemma


def clause_text(doc: Doc, indices: Iterable[int]) -> str:
    """Join the texts of the tokens at ``indices`` with single spaces."""
    return " ".join(doc[i].text for i in indices)


# --------------------------------------------------------------------------- phrases


def _phrase(head: Token, cut: frozenset[str] = _PHRASE_CUT_DEPS) -> tuple[int, ...]:
    """Indices of the phrase headed by ``head``, without the subtrees of ``cut`` children.

    Punctuation is kept only between two kept words ("April 13 , 1987", "fume - filled"),
    so that commas around a cut apposition or clause go too; what is left dangling at
    either edge is trimmed.
    """
    doc = head.doc
    indices: set[int] = {head.i}
    punctuation: list[int] = []
    stack = [head]
    while stack:
        token = stack.pop()
        for child in children(token):
            if child.dep_ == "punct":
                punctuation.append(child.i)
            elif child.dep_ not in cut or (token is not head and child.dep_ in _LIST_DEPS):
                indices.add(child.i)  # a list inside the phrase stays: "drugs such as A and B"
                stack.append(child)
    indices.update(i for i in punctuation if i - 1 in indices and i + 1 in indices)
    indices.update(i for i in punctuation if doc[i].text not in _SEPARATORS
                   and (i - 1 in indices or i + 1 in indices))  # quotes, hyphens, brackets
    if "punct" not in cut:
        indices.update(punctuation)
    return _trim(doc, sorted(indices))


def _trim(doc: Doc, indices: list[int]) -> tuple[int, ...]:
    """Drop punctuation and coordinators at the edges of a phrase."""
    def dangling(i: int) -> bool:
        token = doc[i]  # (one Token, not three)
        return token.is_punct and token.text not in {"$", "``", "''", "'"} or token.dep_ == "cc"

    start, end = 0, len(indices)
    while start < end and dangling(indices[start]):
        start += 1
    while end > start and dangling(indices[end - 1]):
        end -= 1
    return tuple(indices[start:end])


def _conjuncts(token: Token) -> list[Token]:
    """The token and the conjuncts coordinated with it ("A, B and C")."""
    return [token, *(c for c in token.conjuncts if c.i > token.i and not denied_conjunct(c))]


def denied_conjunct(conjunct: Token) -> bool:
    """Whether a conjunct is denied the role of its head ("in Manchester and not Blackpool",
    "Shell but not BP"): no second party of the same relation."""
    return any(c.dep_ == "neg" and c.i < conjunct.i for c in conjunct.children)


def _splittable(token: Token) -> bool:
    """Whether a coordination should be distributed: not inside a proper name.

    "the London, Midland and Scottish Railway" coordinates parts of one name: bare proper
    nouns followed by a last conjunct whose proper-noun modifiers they share.
    """
    if token.pos_ != "PROPN" or not token.conjuncts or any(
            c.dep_ == "compound" for c in token.lefts):
        return True
    last = max(token.conjuncts, key=lambda c: c.i)
    return not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in last.lefts)


def subject_of_next(token: Token) -> bool:
    """Whether a conjunct is the subject of the participle after it ("and Washington
    saying ..."), parsed as a second object."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return any(c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for c in children(token)) or (
        following is not None and following.tag_ == "VBG" and following.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(following)))


def _noun_phrases(head: Token) -> list[tuple[int, ...]]:
    """One phrase per conjunct of ``head`` (one phrase when the coordination is a name)."""
    if not _splittable(head) or not head.conjuncts:
        return [_phrase(head)]
    return [_phrase(c) for c in _conjuncts(head) if c is head or not subject_of_next(c)]


# --------------------------------------------------------------------------- subjects


def _subject_phrase(subject: Token, verb: Token) -> tuple[int, ...]:
    """The subject's phrase, without the clause itself when that modifies the subject.

    In "a company founded in 1990" the subject of "founded" is "a company", not
    "a company founded in 1990".
    """
    phrase = _phrase(subject)
    if not verb.is_ancestor(subject) and subject.is_ancestor(verb):
        inner = {t.i for t in verb.subtree}
        phrase = _trim(verb.doc, [i for i in phrase if i not in inner])
    return phrase


def _is_predicate(token: Token) -> bool:
    """Whether a token heads a clause: a verb, or an auxiliary used as a main verb.

    Participles used as adjectives or in compounds ("a fume-filled mine") are modifiers.
    """
    if token.dep_ in {"aux", "auxpass", "amod", "compound"}:
        return False
    return token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"})


def own_subjects(verb: Token, deps: frozenset[str] = _SUBJECT_DEPS) -> list[Token]:
    """The verb's own subject children: one, or none. Two with no "and" between them are a
    parse error ("Mr Straw, visiting Beijing, noted arms embargoes applied to China" gives
    "applied" both): the one nearest before the verb is its own, the other's verb was lost.
    (With an "and" between, they are two subjects the parse did not join: "Chief executive
    X, a former official, and finance chief Y have left".)"""
    found = [c for c in children(verb) if c.dep_ in deps]
    doc = verb.doc
    if len(found) > 1 and not any(t.dep_ == "cc" for t in doc[found[0].i:found[-1].i]):
        before = [c for c in found if c.i < verb.i]
        found = [before[-1] if before else found[0]]
    return found


# Nouns of a length of time: "fought for years to win" says how long, not who wins.
_DURATION_NOUNS = frozenset("year month week day hour minute decade century time while".split())


def for_subject(verb: Token) -> Token | None:
    """The subject of an infinitive written "for X to V" that the parse hangs on the verb
    before it ("called for Deutsche Boerse to hold a meeting": "for" a preposition of
    "called", "hold" an adverbial clause of it): the object of that "for", whose phrase ends
    where the infinitive begins. Not a length of time ("fought for years to win")."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or head.i >= verb.i:
        return None
    to = next((c for c in children(verb) if c.dep_ == "aux" and c.tag_ == "TO"), None)
    if to is None or to.i > verb.i:
        return None
    for prep in children(head):
        if prep.dep_ != "prep" or prep.lower_ != "for" or prep.i > verb.i:
            continue
        pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.right_edge.i + 1 == to.i and pobj.pos_ in (
                "NOUN", "PROPN", "PRON") and pobj.ent_type_ not in ("DATE", "TIME") and \
                lemma_of(pobj) not in _DURATION_NOUNS:
            return pobj
    return None


def relative_antecedent(verb: Token) -> Token:
    """What a relative clause's "who"/"which" stands for: the noun the parse hangs the clause
    on, or, when that is the first of conjoined nouns and the verb is singular, the last of
    them before the clause ("tensions between the regulator and British American Tobacco,
    which plans to ...": the parse hangs "plans" on "regulator")."""
    head = verb.head
    singular = verb.tag_ == "VBZ" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "was", "has") for c in children(verb))
    if not singular:
        return head
    before = [c for c in head.conjuncts if head.i < c.i < verb.i]
    return before[-1] if before else head


def _own_subject(verb: Token) -> Token | None:
    """The verb's own subject child, if any."""
    return next(iter(own_subjects(verb)), None)


def _object_of(verb: Token) -> Token | None:
    """The verb's direct object, if any."""
    return next((c for c in children(verb) if c.dep_ in {"dobj", "dative"}), None)


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the verb's subject phrases, inherited from the governing clause if implicit.

    ClausIE's observation: in English an omitted subject is nearly always the subject
    (or, for object-control verbs like "asked X to", the object) of the clause the verb
    attaches to, or the noun a participial or relative clause modifies.
    """
    if depth > 5:
        return []
    subject = _own_subject(verb)
    if subject is not None:
        if verb.dep_ == "relcl" and subject.lower_ in _RELATIVE_PRONOUNS:
            return [relative_antecedent(verb)]  # "the man who left": the man left
        if subject.pos_ in {"PRON", "DET"} and subject.lower_ in {"which", "that"}:
            return []
        return _conjuncts(subject) if _splittable(subject) else [subject]
    head = verb.head
    if verb.dep_ == "conj" and head.i != verb.i:
        return _subjects(head, depth + 1) if joined(verb) else []
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBG"}):
        # "the man who left", "a company founded in 1990": the modified noun is the subject
        # (not so for infinitives: in "an attempt to adopt" the attempt adopts nothing).
        return [head] if head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} else []
    controller = for_subject(verb)
    if controller is not None:
        return _conjuncts(controller) if _splittable(controller) else [controller]
    if verb.dep_ == "xcomp":
        controller = _object_of(head) if lemma_of(head) in OBJECT_CONTROL_VERBS else None
        return [controller] if controller is not None else _subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ in {"of", "from", "into"}:
        # "accused Germany of using the EU", "stopped X from leaving": the object acts
        controller = _object_of(head.head)
        if controller is not None and controller.dep_ == "dobj":
            return [controller]
    if verb.dep_ in {"advcl", "pcomp", "ccomp"} and head.i != verb.i:
        governor = head.head if verb.dep_ == "pcomp" else head
        if _is_predicate(governor):
            return _subjects(governor, depth + 1)
    return []


# --------------------------------------------------------------------------- arguments


def _preposition_object(prep: Token) -> Token | None:
    """The object of a preposition (a noun or a gerund clause)."""
    return next((c for c in children(prep) if c.dep_ in {"pobj", "pcomp"}), None)


def _prep_phrase(prep: Token) -> tuple[int, ...]:
    """The whole prepositional phrase, preposition included."""
    return _phrase(prep, _PHRASE_CUT_DEPS - {"conj", "cc"})


def _relative_object(verb: Token) -> Token | None:
    """The noun a relative clause modifies when the relative pronoun is the verb's object.

    "the match which Keibler lost": which is the object, so the match is what was lost.
    """
    if verb.dep_ != "relcl":
        return None
    pronoun = next((c for c in children(verb) if c.dep_ in {"dobj", "pobj"}
                    and c.lower_ in _RELATIVE_PRONOUNS), None)
    return verb.head if pronoun is not None else None


@dataclass
class _Frame:
    """A clause under construction: mutable, turned into :class:`Clause` at the end."""

    verb: Token
    relation: list[int]
    objects: list[list[tuple[int, ...]]]
    adjuncts: list[tuple[int, ...]]
    kind: str


def _relation_tokens(verb: Token) -> list[int]:
    """The verb with its auxiliaries, negation, particles and inner adverbs.

    A conjoined participle or infinitive without auxiliaries of its own shares those of
    the first verb: "was sold and renamed" means "was renamed".
    """
    tokens = [verb.i]
    if verb.dep_ == "conj" and not any(c.dep_ in {"aux", "auxpass"} for c in children(verb)):
        shared = [c for c in children(verb.head) if c.dep_ in {"aux", "auxpass"}]
        if verb.tag_ == "VB":  # "will buy and sell", but not "were formed and play"
            shared = [c for c in shared if c.tag_ in {"MD", "TO"}]
        if verb.tag_ in {"VB", "VBN"}:
            tokens.extend(c.i for c in shared)
    for child in children(verb):
        if child.dep_ in _RELATION_DEPS:
            tokens.append(child.i)
        elif (child.dep_ == "advmod" and child.pos_ == "ADV" and child.i < verb.i
              and not list(children(child)) and _in_verb_group(child, verb)):
            tokens.append(child.i)  # "has recently joined", "often refers"
    return tokens


def _in_verb_group(adverb: Token, verb: Token) -> bool:
    """Whether an adverb sits between the subject (or an auxiliary) and the verb."""
    left = [c.i for c in children(verb) if c.dep_ in _SUBJECT_DEPS | {"aux", "auxpass"}
            and c.i < adverb.i]
    between = range(adverb.i + 1, verb.i)
    return bool(left) and all(verb.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}
                              for i in between)


def _frame(verb: Token) -> _Frame:
    """Read the relation, objects and adjuncts of a verb off its children."""
    # ("he's been crass": "be" has no passive; the parse that gives it one read "'s" as "is")
    passive = any(c.dep_ == "auxpass" for c in children(verb)) and \
        lemma_of(verb) not in _BE_LEMMAS
    kind = "passive" if passive else ("copula" if lemma_of(verb) in _BE_LEMMAS else "svo")
    frame = _Frame(verb, [*_governing_relation(verb), *_relation_tokens(verb)], [], [], kind)
    relative_object = _relative_object(verb)
    if relative_object is not None:
        frame.objects.append([_phrase(relative_object)])
    if verb.dep_ == "relcl" and any(c.lower_ in {"where", "when"} for c in children(verb)):
        frame.adjuncts.append(_phrase(verb.head))  # "the city where he was born": in the city
    preps: list[Token] = []
    for child in children(verb):
        if child.dep_ == "dative" and child.pos_ == "ADP":
            preps.append(child)  # "sold to X" is parsed as a dative; it is a preposition
        elif child.dep_ in _OBJECT_DEPS and child.lower_ not in _RELATIVE_PRONOUNS:
            phrases = _noun_phrases(child) if child.dep_ != "acomp" else [_phrase(child)]
            frame.objects.append(phrases)
        elif child.dep_ in _CLAUSAL_DEPS and not _merges_with_head(child):
            frame.objects.append([_clausal(child, frame)])
        elif child.dep_ in {"prep", "agent"}:
            preps.append(child)
        elif (child.dep_ in _ADVERBIAL_DEPS and child.i not in frame.relation
              and child.tag_ != "WRB"):  # "later", "last year"; not "where" or "when"
            frame.adjuncts.append(_phrase(child))
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" for m in children(child)):
            frame.adjuncts.append(_phrase(child, frozenset({"punct"})))
    if not frame.objects and _is_parenthetical_report(verb):
        # "The decision, the president said, was final": what was said is the host clause
        inner = {t.i for t in verb.subtree}
        frame.objects.append([_trim(verb.doc, [t.i for t in verb.head.subtree
                                               if t.i not in inner])])
    if not frame.objects and not preps:
        frame.objects.extend(_shared_objects(verb))
    _place_prepositions(frame, preps)
    frame.adjuncts.extend(_fronted_adjuncts(verb))
    return frame


def _fronted_adjuncts(verb: Token) -> Iterator[tuple[int, ...]]:
    """Adjuncts fronted before the first of conjoined verbs, which scope over all of them.

    "On 12 July, the group launched raids and killed three soldiers": both on 12 July.
    """
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i and head.head.i < head.i:
        head = head.head
    if head is verb:
        return
    subject = _own_subject(head)
    for child in head.lefts:
        if child.dep_ == "prep" and (subject is None or child.i < subject.i):
            yield _prep_phrase(child)
        elif child.dep_ in _ADVERBIAL_DEPS and (subject is None or child.i < subject.i):
            yield _phrase(child)


def _shared_objects(verb: Token) -> list[list[tuple[int, ...]]]:
    """Objects a transitive verb shares with the verb conjoined after it.

    In "traders buy and sell stocks" the parser hangs "stocks" on "sell" only, but
    "buy" has it too (right-node raising).
    """
    conjunct = next((c for c in children(verb) if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conjunct is None or conjunct.i != verb.i + 2:
        return []
    obj = _object_of(conjunct)
    return [_noun_phrases(obj)] if obj is not None and obj.dep_ == "dobj" else []


def _merges_with_head(complement: Token) -> bool:
    """Whether an open complement ("wants to sell") forms one relation with its head verb.

    A control verb and its infinitive share one subject and say one thing about it
    ("tries to woo", "has had to close"), so the pair is read as one predicate.
    """
    if complement.dep_ != "xcomp" or complement.pos_ not in {"VERB", "AUX"}:
        return False
    head = complement.head
    if head.dep_ == "acomp":
        head = head.head
    # With an object, the object is the one who acts ("asked the mayor to resign"): two
    # statements, not one.
    return _is_predicate(head) and _object_of(head) is None


def _governing_relation(verb: Token) -> list[int]:
    """Relation tokens of the verbs whose open complement ``verb`` is, outermost first."""
    tokens: list[int] = []
    if verb.dep_ == "conj" and _merges_with_head(verb.head):
        # "equipped to change X and modify Y": the second infinitive shares the first's "to"
        head = verb.head
        own_aux = any(c.dep_ == "aux" for c in children(verb))
        shared = [] if own_aux else [c.i for c in children(head) if c.dep_ == "aux"]
        return [*_governing_relation(head), *shared]
    while _merges_with_head(verb):
        verb = verb.head
        if verb.dep_ == "acomp":  # "was able to": the adjective sits between the verbs
            tokens[:0] = [verb.i]
            verb = verb.head
        tokens[:0] = _relation_tokens(verb)
    return tokens


def _clausal(complement: Token, frame: _Frame) -> tuple[int, ...]:
    """A clausal complement as one argument; its complementiser joins the relation."""
    marks = [c.i for c in children(complement)
             if c.dep_ == "mark" and c.lower_ in _COMPLEMENTISERS]
    frame.relation.extend(marks[:1])
    return tuple(i for i in _phrase(complement, frozenset({"punct"})) if i not in marks[:1])


def _place_prepositions(frame: _Frame, preps: list[Token]) -> None:
    """Move the verb's first prepositional phrase into the relation when it has no object.

    The gold convention of CaRB and the usual reading of English: in "taught at the
    university" or "was charged with fraud" the preposition belongs to the predicate; for
    passives the agent's "by" does. Other prepositional phrases stay whole as adjuncts.
    """
    verb = frame.verb
    after = [p for p in preps if p.i > verb.i and _preposition_object(p) is not None]
    agent = next((p for p in after if p.dep_ == "agent"), None)
    chosen = agent or (after[0] if after else None)
    if frame.objects or chosen is None:
        frame.adjuncts[:0] = [_prep_phrase(p) for p in preps]
        return
    pobj = _preposition_object(chosen)
    assert pobj is not None
    frame.relation.append(chosen.i)
    frame.objects.append(_noun_phrases(pobj) if pobj.dep_ == "pobj" else [_phrase(pobj)])
    frame.adjuncts[:0] = [_prep_phrase(p) for p in preps if p is not chosen]


# --------------------------------------------------------------------------- clauses


def _is_parenthetical_report(verb: Token) -> bool:
    """Whether ``verb`` is an inserted "X said" whose report is the clause around it."""
    return (verb.dep_ == "parataxis" and lemma_of(verb) in REPORTING_VERBS
            and not any(c.dep_ in _CLAUSAL_DEPS | {"dobj"} for c in children(verb)))


def _attribution(verb: Token) -> tuple[int, ...]:
    """The subject of a reporting verb that governs this clause ("X said ...").

    The reporting verb is the clause's head ("X said that Y"), or an inserted
    parenthetical ("Y, X said, ...").
    """
    token = verb
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "ccomp" and lemma_of(token.head) in REPORTING_VERBS:
        reporter = token.head
    else:
        reporter = next((c for c in children(token) if _is_parenthetical_report(c)), None)
        if reporter is None:
            return ()
    sources = _subjects(reporter)
    return _phrase(sources[0]) if sources else ()


def _confidence(kind: str, subject: tuple[int, ...], frame_objects: int, doc: Doc,
                relation: tuple[int, ...], arguments: tuple[tuple[int, ...], ...]) -> float:
    """A rank score: the rule's reliability, lowered where parses and tuples go wrong.

    Long sentences are parsed less reliably; a long subject is often a mis-attached
    phrase; a non-finite relation ("refusing", "to build") comes from a participial or
    infinitival clause whose subject is a guess; a pronoun subject says little.
    """
    if not arguments:
        return 0.05  # an intransitive clause says little ("he died") and is usually a fragment
    score = _KIND_CONFIDENCE[kind]
    if len(subject) == 1 and doc[subject[0]].tag_ in _PRONOUN_TAGS:
        score -= 0.05
    if frame_objects == 0:
        score -= 0.05
    sentence_length = len(sentence_at(doc)[subject[0]]) if subject else len(doc)
    score -= _SENTENCE_LENGTH_PENALTY * max(0, sentence_length - 20)
    if len(subject) > 8:
        score -= 0.1
    if relation and doc[relation[0]].tag_ in {"VBG", "TO"}:
        score -= 0.1
    if any(part and doc[part[0]].tag_ in _WH_TAGS for part in (subject, arguments[0])):
        score -= 0.3  # "whose firm manages", "they occur how frequently": an open question
    return round(max(0.01, min(0.99, score)), 4)


def _modal(doc: Doc, relation: Iterable[int]) -> str:
    """The modal auxiliary of a relation, if any."""
    return next((doc[i].lower_ for i in relation if doc[i].tag_ == "MD"), "")


def _predicate(doc: Doc, relation: tuple[int, ...]) -> str:
    """Normalised predicate: lemmas of the content words and particles of the relation."""
    words = [lemma_of(doc[i]) for i in relation
             if (doc[i].dep_ not in {"aux", "auxpass", "neg", "mark", "det"}
                 or doc[i].tag_ == "TO") and doc[i].tag_ != "MD"]
    return " ".join(words)


def _build(doc: Doc, subject: tuple[int, ...], relation: Iterable[int],
           arguments: Iterable[tuple[int, ...]], kind: str, objects: int,
           attributed_to: tuple[int, ...] = (), predicate: str = "") -> Clause:
    """Assemble a :class:`Clause` and score it; ``predicate`` names an implicit relation."""
    rel = tuple(sorted(set(relation)))
    args = tuple(a for a in arguments if a)
    return Clause(
        subject=subject,
        relation=rel,
        arguments=args,
        predicate=predicate or _predicate(doc, rel),
        kind=kind,
        negated=any(doc[i].dep_ == "neg" for i in rel),
        modal=_modal(doc, rel),
        attributed_to=attributed_to,
        confidence=_confidence(kind, subject, objects, doc, rel, args),
    )


def _verb_clauses(verb: Token, keep: Callable[[tuple[int, ...]], bool] | None = None
                  ) -> Iterator[Clause]:
    """The clauses headed by one verb: one per subject conjunct and object conjunct (with
    ``keep``, only those whose subject phrase it keeps)."""
    subjects = [(s, _subject_phrase(s, verb)) for s in _subjects(verb)]
    if keep is not None:
        subjects = [(s, phrase) for s, phrase in subjects if phrase and keep(phrase)]
    if not subjects:
        return
    if any(_merges_with_head(c) for c in children(verb)) and not any(
            c.dep_ == "prep" and c.i < min(x.i for x in children(verb) if _merges_with_head(x))
            and _preposition_object(c) is not None for c in children(verb)):
        return  # "tried to win": said by the clause of "win", with relation "tried to win"
    # (but "called on Iran to stop" keeps its own clause: "called on" + "Iran")
    if any(_merges_with_head(c) for a in children(verb) if a.dep_ == "acomp" for c in children(a)):
        return  # "was able to win", likewise
    doc = verb.doc
    frame = _frame(verb)
    kind = "relcl" if verb.dep_ == "relcl" else frame.kind
    attributed = _attribution(verb)
    relation = frame.relation
    for _, subject_phrase in subjects:
        for objects in product(*frame.objects):
            yield _build(doc, subject_phrase, relation, [*objects, *frame.adjuncts], kind,
                         len(frame.objects), attributed)
    yield from _light_verb_clauses(verb, frame, subjects, attributed)


def _light_verb_clauses(verb: Token, frame: _Frame,
                        subjects: list[tuple[Token, tuple[int, ...]]],
                        attributed: tuple[int, ...]) -> Iterator[Clause]:
    """"launched an attack on Y": the object and its preposition join the relation.

    With a light verb the object noun carries the meaning; with any other verb the tuple
    is ClausIE's SVOA reading ("attributed the decline to Y"), where the prepositional
    phrase after the object completes the predicate.
    """
    obj = _object_of(verb) or next((c for c in children(verb)
                                    if c.dep_ in {"attr", "acomp"}), None)
    if obj is None or obj.pos_ not in {"NOUN", "ADJ"}:
        return
    prep = next((c for c in children(obj) if c.dep_ == "prep" and c.i > obj.i), None)
    if prep is None:
        prep = next((c for c in children(verb) if c.dep_ == "prep" and c.i > obj.i), None)
    pobj = _preposition_object(prep) if prep is not None else None
    if prep is None or pobj is None:
        return
    object_words = [i for i in _phrase(obj) if i < prep.i]
    relation = [*frame.relation, *object_words, prep.i]
    adjuncts = [a for a in frame.adjuncts if prep.i not in a]
    light = lemma_of(verb) in LIGHT_VERBS or lemma_of(obj) in NOMINAL_PREDICATES
    for _, subject_phrase in subjects:
        yield _build(verb.doc, subject_phrase, relation,
                     [_phrase(pobj), *adjuncts], "light-verb" if light else "object-prep", 1,
                     attributed)


def _appositions(sent: Span) -> Iterator[Clause]:
    """"X, a Y," -> X is Y; "Hillsborough, North Carolina" -> Hillsborough is in N. C."""
    for token in sent:
        # Not within one name ("John Crozier, Jr.") nor a date ("October 6, 1973").
        if (token.dep_ == "appos" and token.head.pos_ in {"PROPN", "NOUN"}
                and token.pos_ != "NUM" and token.head.ent_type_ != "DATE"
                and token.ent_iob_ != "I"):
            place = token.ent_type_ in _PLACE_LABELS and token.head.pos_ == "PROPN"
            subject, description = token.head, token
            if token.pos_ == "PROPN" and token.head.pos_ == "NOUN":
                subject, description = token, token.head  # "his partner, Ruby": Ruby is
            yield _build(sent.doc, _phrase(subject), [], [_phrase(description)],
                         "location" if place else "appos", 1,
                         predicate="be in" if place else "be")


def _locations(sent: Span) -> Iterator[Clause]:
    """Where something is, from noun modifiers: "a bank in Italy", "Japan's FTC".

    A place named in a noun phrase, as a possessor or in an "in" phrase, locates
    the thing the phrase names ("the FTC is in Japan"); such statements are implicit,
    with the predicate "be in".
    """
    doc = sent.doc
    for token in sent:
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        for child in children(token):
            if child.dep_ == "poss" and child.ent_type_ in _PLACE_LABELS:
                place = tuple(i for i in _phrase(child) if doc[i].tag_ != "POS")
            elif child.dep_ == "prep" and child.lower_ == "in":
                pobj = _preposition_object(child)
                if pobj is None or pobj.ent_type_ not in _PLACE_LABELS:
                    continue
                place = _phrase(pobj)
            else:
                continue
            cut = {t.i for t in child.subtree}
            thing = _trim(doc, [i for i in _phrase(token) if i not in cut])
            yield _build(doc, thing, [], [place], "location", 1, predicate="be in")


def _titles(sent: Span) -> Iterator[Clause]:
    """"President Bush" -> Bush is President; "drug maker Pfizer" -> Pfizer is drug maker.

    A name preceded by a common noun or a title, within one noun phrase, is described
    by it (an appositive without commas).
    """
    doc = sent.doc
    for token in sent:
        if token.pos_ != "PROPN" or token.dep_ == "compound" or not token.ent_type_:
            continue
        modifiers = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"}]
        name = [c.i for c in modifiers if _is_name_word(c)]
        described = [c for c in modifiers if not _is_name_word(c)]
        if (_is_title_word(token) or not described or (name and max(
                c.i for c in described) > min(name))
                or not any(c.pos_ == "NOUN" or c.lower_ in TITLE_HEADS for c in described)):
            continue
        if token.ent_type_ != "PERSON" and all(c.pos_ == "PROPN" for c in described):
            continue  # "General Motors", "National Archives": capitalised titles name people
        title = tuple(sorted(t.i for c in described for t in c.subtree))
        yield _build(doc, (*name, token.i), [], [title], "title", 1, predicate="be")


def _is_title_word(token: Token) -> bool:
    """Whether a word names a title or role ("President", "Foreign Minister")."""
    return token.lower_ in TITLE_HEADS or token.lower_ in TITLE_MODIFIERS


def _is_name_word(token: Token) -> bool:
    """Whether a modifier is part of a proper name rather than a description of it."""
    return token.pos_ == "PROPN" and not _is_title_word(token)


def _attributes(sent: Span) -> Iterator[Clause]:
    """"State-owned BNL" -> BNL is State-owned: an adjective on a name describes it.

    Only names: on a common noun the adjective usually restricts what the noun means
    ("a long-distance bus station") rather than saying something about it.
    """
    doc = sent.doc
    for token in sent:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        for child in token.lefts:
            if child.dep_ == "amod" and child.pos_ in {"ADJ", "VERB"}:
                cut = {t.i for t in child.subtree}
                name = _trim(doc, [i for i in _phrase(token) if i not in cut
                                   and doc[i].dep_ != "det"])
                yield _build(doc, name, [], [_phrase(child)], "attribute", 1, predicate="be")


def _examples(sent: Span) -> Iterator[Clause]:
    """"companies such as A and B", "companies, including A," -> companies / such as / A.

    The examples after "such as" or "including" are members of the class the noun names;
    one tuple per example.
    """
    doc = sent.doc
    for prep in sent:
        if prep.dep_ != "prep" or prep.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        marker = [c.i for c in prep.lefts if c.lower_ == "such"] if prep.lower_ == "as" else []
        if not marker and prep.lower_ != "including":
            continue
        pobj = _preposition_object(prep)
        if pobj is None or pobj.dep_ != "pobj":
            continue
        head = prep.head
        while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
            head = head.head.head  # "a number of companies, including": the number of them
        cut = {t.i for t in prep.subtree}
        members = _trim(doc, [i for i in _phrase(head) if i not in cut])
        for example in _noun_phrases(pobj):
            yield _build(doc, members, [*marker, prep.i], [example], "example", 1)


def _nominal_clauses(sent: Span) -> Iterator[Clause]:
    """Event nouns and possessives: "Kerry's visit to Moscow", "Mazda's owners"."""
    for token in sent:
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        # Only named possessors: "Porter's strategies" is a fact about Porter, while
        # "a ship's trim" or "his book" says little on its own.
        owner = next((c for c in children(token) if c.dep_ == "poss" and c.pos_ == "PROPN"
                      and c.ent_type_ not in _PLACE_LABELS), None)
        if owner is None:
            continue
        owner_phrase = tuple(i for i in _phrase(owner) if sent.doc[i].tag_ != "POS")
        prep = next((c for c in children(token) if c.dep_ == "prep"), None)
        pobj = _preposition_object(prep) if prep is not None else None
        if lemma_of(token) in NOMINAL_PREDICATES and prep is not None and pobj is not None:
            yield _build(sent.doc, owner_phrase, [token.i, prep.i], [_phrase(pobj)],
                         "nominal", 1)
        else:
            possessed = tuple(i for i in _phrase(token) if i not in _phrase(owner))
            yield _build(sent.doc, owner_phrase, [], [possessed], "possessive", 1,
                         predicate="have")


def clauses(sent: Doc | Span, *, verbal_only: bool = False,
            keep: Callable[[tuple[int, ...]], bool] | None = None) -> Iterator[Clause]:
    """Yield the clauses of one parsed sentence (with ``verbal_only``, only those headed by
    a verb: what the entity graph reads; with ``keep``, only the verbal clauses whose
    subject phrase it keeps, the others not built: the entity graph wants a clause only
    when its subject stands for an entity).

    A "sentence" longer than :data:`MAX_SENTENCE_TOKENS` (a table, a list, text without
    punctuation) yields nothing: its parse is no guide, and phrase building grows with the
    square of its length.
    """
    span = sent[:] if isinstance(sent, Doc) else sent
    if len(span) > MAX_SENTENCE_TOKENS:
        return
    for clause in _all_clauses(span, verbal_only, keep):
        if clause.subject:
            yield clause


def _all_clauses(span: Span, verbal_only: bool,
                 keep: Callable[[tuple[int, ...]], bool] | None) -> Iterator[Clause]:
    """The clauses of every rule, in sentence order for the verbal ones."""
    for token in span:
        if _is_predicate(token):
            yield from _verb_clauses(token, keep)
    if verbal_only:
        return
    for rule in (_appositions, _titles, _attributes, _nominal_clauses, _locations, _examples):
        yield from rule(span)

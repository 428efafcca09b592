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

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    CONTENT_OBJECT_VERBS,
    LIGHT_VERBS,
    NOMINAL_COREFERENCE,
    NOMINAL_PREDICATES,
    PREDICATE_SYNONYMS,
    PROXY_NOUNS,
    REPORTING_VERBS,
    SYMMETRIC_VERBS,
)
from .clauses import Clause, clauses

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_MAX_CLIMB = 6
# How far back (in tokens before the sentence) "he" or "the company" may find its antecedent.
_COREFERENCE_WINDOW = 60
# Confidence by pattern: direct syntactic links are surer than inherited subjects or nouns.
_CONFIDENCE = {
    "svo": 0.9, "prep": 0.8, "passive": 0.8, "symmetric": 0.85, "relcl": 0.75,
    "inherited": 0.65, "nominal": 0.6,
}
_VIA_PENALTY = {"name": 1.0, "proxy": 0.85, "pronoun": 0.75}
# Verbal clauses of the clause extractor that relate two parties (not descriptions).
_CLAUSE_KINDS = frozenset({"svo", "passive", "relcl", "light-verb"})


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
    seen: set[tuple[int, int, int]] = set()
    for token in doc:
        if token.pos_ == "VERB":
            found = finder.clause(token)
        elif token.pos_ == "NOUN" and token.lower_ in NOMINAL_PREDICATES:
            found = finder.nominal(token)
        else:
            continue
        for relation in found:
            seen.add((relation.subject, relation.object, doc[relation.token].sent.start))
            yield relation
    # The clause extractor reads more constructions ("conducted air strikes in Syria");
    # it adds the entity pairs the patterns above did not relate.
    for sent in doc.sents:
        if not finder.may_relate(sent):
            continue
        for clause in clauses(sent, verbal_only=True):
            for relation in finder.from_clause(clause):
                key = (relation.subject, relation.object, sent.start)
                if key not in seen and (key[1], key[0], key[2]) not in seen:
                    seen.add(key)
                    yield relation


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
    if words[0] in SYMMETRIC_VERBS and len(words) == 2 and words[1] in ("with", "to"):
        words = words[:1]
    joined = " ".join(words)
    joined = PREDICATE_SYNONYMS.get(joined, joined)
    head, _, rest = joined.partition(" ")
    return f"{PREDICATE_SYNONYMS.get(head, head)} {rest}".strip()


class _Finder:
    """Pattern matching over one parsed Doc; holds the lookups every pattern needs."""

    def __init__(self, doc: Doc, mention_at: Mapping[int, int], labels: Sequence[str]):
        self.doc = doc
        self.mention_at = mention_at
        self.labels = labels
        # Last token of each mention by label, in text order, for "he"/"she" and
        # "the company".
        ends: dict[int, int] = {}
        for i, m in mention_at.items():
            ends[m] = max(ends.get(m, i), i)
        self.by_label: dict[str, list[tuple[int, int]]] = {}
        for m, end in sorted(ends.items(), key=lambda kv: kv[1]):
            self.by_label.setdefault(labels[m], []).append((end, m))

    def last_before(self, token: Token, wanted: Sequence[str]) -> int | None:
        """The last mention with one of the ``wanted`` labels that ends before ``token``,
        within the sentence or the one before (further back is a guess)."""
        best: tuple[int, int] | None = None
        for label in wanted:
            found = self.by_label.get(label, [])
            k = bisect_left(found, (token.i, -1))
            if k and (best is None or found[k - 1][0] > best[0]):
                best = found[k - 1]
        if best is None or token.sent.start - best[0] >= _COREFERENCE_WINDOW:
            return None
        return best[1]

    def may_relate(self, sent: Span) -> bool:
        """Whether a sentence can hold a relation: two mentions, or one and a word that
        refers back ("he", "the company")."""
        named = {self.mention_at[i] for i in range(sent.start, sent.end) if i in self.mention_at}
        if len(named) >= 2:
            return True
        return bool(named) and any(
            t.lower_ in _PERSONAL or t.lemma_.lower() in NOMINAL_COREFERENCE
            or t.lemma_.lower() in PROXY_NOUNS for t in sent)

    # -- arguments ------------------------------------------------------------------------

    def entity(self, token: Token) -> _Arg | None:
        """The mention an argument's head token stands for, if any."""
        if token.i in self.mention_at:
            return _Arg(self.mention_at[token.i], "name")
        if token.lower_ in _PERSONAL and token.pos_ == "PRON":
            found = self.last_before(token, ("PERSON",))
            return None if found is None else _Arg(found, "pronoun")
        wanted = NOMINAL_COREFERENCE.get(token.lemma_.lower())
        if wanted and token.pos_ == "NOUN" and any(
                c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            found = self.last_before(token, wanted)
            return None if found is None else _Arg(found, "pronoun")
        if token.lemma_.lower() in PROXY_NOUNS:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound") and child.i in self.mention_at:
                    return _Arg(self.mention_at[child.i], "proxy")
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.mention_at:
                return _Arg(self.mention_at[child.i], "name")
        return None

    def entities(self, tokens: Sequence[Token]) -> list[_Arg]:
        found = (self.entity(t) for t in tokens)
        return [a for a in found if a is not None]

    # -- clauses --------------------------------------------------------------------------

    def subjects(self, verb: Token, depth: int = 0) -> tuple[list[Token], str]:
        """The subject tokens of ``verb`` (conjuncts included) and how they were found."""
        own = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if own:
            if own[0].tag_ in _RELATIVE and verb.dep_ == "relcl":
                return [verb.head], "relcl"
            return _with_conjuncts(own), "own"
        if depth >= _MAX_CLIMB or verb.head is verb:
            return [], "none"
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return [verb.head], "relcl"
        if verb.dep_ == "xcomp":
            objects = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return objects, "inherited"
        if verb.dep_ in ("conj", "xcomp", "advcl"):
            found, _ = self.subjects(verb.head, depth + 1)
            return found, "inherited"
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            found, _ = self.subjects(verb.head.head, depth + 1)
            return found, "inherited"
        return [], "none"

    def clause(self, verb: Token) -> Iterator[RelationSpan]:
        subjects, how = self.subjects(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            passive, subjects = [verb.head], []
        particle = " ".join(c.text for c in verb.children if c.dep_ == "prt")
        negated = any(c.dep_ == "neg" for c in verb.children)
        source = self.source(verb)
        lemma = verb.lemma_.lower()
        verb_text = _verb_phrase(verb)

        light = ""  # the object noun of a light verb, set below

        def emit(subj: _Arg, obj: _Arg, prep: str, pattern: str) -> Iterator[RelationSpan]:
            if subj.mention == obj.mention:
                return
            confidence = _confidence(_CONFIDENCE[pattern], subj, obj) * (
                0.9 if source is not None else 1.0)
            name = " ".join(w for w in (lemma, particle, light if prep else "", prep) if w)
            yield RelationSpan(subj.mention, normalise_phrase(name),
                               obj.mention, verb_text, verb.i, round(confidence, 3), pattern,
                               negated, source)

        if passive:
            agents = [p for c in verb.children if c.dep_ == "agent"
                      for p in _with_conjuncts([c for c in c.children if c.dep_ == "pobj"])]
            for agent in self.entities(agents):
                for patient in self.entities(_with_conjuncts(passive)):
                    yield from emit(agent, patient, "", "passive")
            return
        pattern = {"own": "svo", "relcl": "relcl"}.get(how, "inherited")
        subject_args = self.entities(subjects)
        direct = [] if lemma in CONTENT_OBJECT_VERBS else [
            c for c in verb.children if c.dep_ in _OBJECTS]
        objects = [("", o) for o in _with_conjuncts(direct)]
        for prep in verb.children:
            if prep.dep_ == "prep":
                pobjs = _with_conjuncts([c for c in prep.children if c.dep_ == "pobj"])
                objects.extend((prep.lower_, o) for o in pobjs)
        # "conducted air strikes in Syria": a light verb takes its meaning from its object.
        light = next((o.lemma_.lower() for p, o in objects if not p and o.pos_ == "NOUN"
                      and o.i not in self.mention_at), "") if lemma in LIGHT_VERBS else ""
        has_partner = False
        for prep, obj_token in objects:
            obj = self.entity(obj_token)
            if obj is None:
                continue
            has_partner |= prep in ("", "with")
            for subj in subject_args:
                yield from emit(subj, obj, prep, pattern if not prep or pattern != "svo"
                                else "prep")
        # "Kerry and Lavrov have met": each met the other.
        if lemma in SYMMETRIC_VERBS and not has_partner and len(subject_args) > 1:
            for k, a in enumerate(subject_args):
                for b in subject_args[k + 1:]:
                    yield from emit(a, b, "", "symmetric")

    def source(self, verb: Token) -> int | None:
        """The mention a reported clause is attributed to ("X said ..."), if any."""
        token = verb
        for _ in range(_MAX_CLIMB):
            head = token.head
            if head is token:
                return None
            if token.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in REPORTING_VERBS:
                subjects, _ = self.subjects(head)
                args = self.entities(subjects)
                return args[0].mention if args else None
            token = head
        return None

    # -- clauses of the clause extractor --------------------------------------------------

    def from_clause(self, clause: Clause) -> Iterator[RelationSpan]:
        """Entity relations in one clause: its subject and each argument that is an entity."""
        if clause.kind not in _CLAUSE_KINDS or not clause.relation:
            return
        words = (_light_verb_words(self.doc, clause) if clause.kind == "light-verb"
                 else clause.predicate.split())
        if not words or words[0] in CONTENT_OBJECT_VERBS:
            return
        subject = self.entity(_phrase_head(self.doc, clause.subject))
        if subject is None:
            return
        source_args = self.entities([_phrase_head(self.doc, clause.attributed_to)]
                                    if clause.attributed_to else [])
        source = source_args[0].mention if source_args else None
        verb = " ".join(self.doc[i].text for i in clause.relation)
        for k, argument in enumerate(clause.arguments):
            head = _phrase_head(self.doc, argument)
            preposition = ""
            if head.pos_ == "ADP":
                preposition = head.lower_
                head = next((c for c in head.children if c.dep_ == "pobj"), head)
            obj = self.entity(head)
            if obj is None or obj.mention == subject.mention:
                continue
            first, second, phrase = subject, obj, words
            if clause.kind == "passive" and k == 0 and words[-1] == "by":
                first, second, phrase = obj, subject, words[:-1]  # "was backed by X": X backs
            confidence = _confidence(clause.confidence, first, second)
            yield RelationSpan(first.mention, normalise_phrase(" ".join([*phrase, preposition])),
                               second.mention, verb, clause.relation[0], round(confidence, 3),
                               f"clause-{clause.kind}", clause.negated, source)

    # -- nominal relations ----------------------------------------------------------------

    def nominal(self, noun: Token) -> Iterator[RelationSpan]:
        predicate, preps = NOMINAL_PREDICATES[noun.lower_]
        targets = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                   for p in _with_conjuncts([c for c in c.children if c.dep_ == "pobj"])]
        if not targets:
            return
        agent = self.agent_of(noun)
        if agent is None:
            return
        source = self.source(noun)
        for target in self.entities(targets):
            if target.mention == agent.mention:
                continue
            confidence = _confidence(_CONFIDENCE["nominal"], agent, target)
            yield RelationSpan(agent.mention, normalise_predicate(predicate), target.mention,
                               noun.text, noun.i, round(confidence, 3), "nominal", False, source)

    def agent_of(self, noun: Token) -> _Arg | None:
        """Who does what a noun names: its possessor, or the subject of the clause it is in
        ("Lavrov said after talks with ...", "Russia's intervention in support of ...")."""
        token = noun
        for _ in range(3):
            for child in token.children:
                if child.dep_ == "poss":
                    return self.entity(child)
            head = token.head
            if token.dep_ == "pobj":
                head = head.head
            if head is token or token.dep_ not in ("pobj", "dobj", "nsubj"):
                break
            if head.pos_ in ("VERB", "AUX"):
                subjects, _ = self.subjects(head)
                args = self.entities(subjects)
                return args[0] if args else None
            token = head
        return None


def _confidence(base: float, *args: _Arg) -> float:
    """A pattern's confidence, lowered for arguments found through a pronoun or a proxy."""
    for arg in args:
        base *= _VIA_PENALTY[arg.via]
    return base


def _light_verb_words(doc: Doc, clause: Clause) -> list[str]:
    """"launched a large-scale attack on": launch attack on (verb, object noun, preposition)."""
    tokens = [doc[i] for i in clause.relation]
    verb = next((t for t in tokens if t.pos_ in ("VERB", "AUX") and t.dep_ not in (
        "aux", "auxpass")), None)
    noun = next((t for t in tokens if t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN"), None)
    if verb is None or noun is None or tokens[-1].pos_ != "ADP":
        return clause.predicate.split()
    return [verb.lemma_.lower(), noun.lemma_.lower(), tokens[-1].lower_]


def _phrase_head(doc: Doc, indices: Sequence[int]) -> Token:
    """The syntactic head of a phrase: its token whose head lies outside the phrase."""
    inside = set(indices)
    return next((doc[i] for i in indices if doc[i].head.i not in inside or doc[i].head.i == i),
                doc[indices[0]])


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with every conjunct of each ("Russia and the United States")."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(t for t in token.conjuncts if t.i > token.i)
    return list(dict.fromkeys(out))


def _verb_phrase(verb: Token) -> str:
    """The verb with its auxiliaries, negation and particles, as written."""
    parts = [c for c in verb.children
             if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    tokens = sorted([verb, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)

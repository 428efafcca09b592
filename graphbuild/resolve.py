"""Canonical entities: which mentions, in which documents, name the same thing.

Resolution runs in two stages, so that what one article says is decided in that article and
adding unrelated articles cannot undo it. Every merge is recorded as a :class:`Merge` with its
reason and the document that gave the evidence.

First, names the NER tagged in some articles are found again where it missed them in others
(:mod:`graphbuild.retag`), and a mention the NER cut short of such a name is made that name
("Indianapolis" of "the Indianapolis Colts won"); a score the NER took into a name is dropped
("Evansville 51 - 50").

**Within each article**, mentions form chains:

1. same name: names that match once case, dots, a leading "the" and spacing are ignored
   ("U.S." ~ "US"); a person's honorific carries a gender, and "Mrs Howard" does not join
   the chain of "Mr Howard" or of a man's full name;
2. surname and first name: "Kerry", "Mr Kerry" join the one full name of the article they
   end ("John Kerry"); a first name joins the one full name it starts; middle initials are
   optional ("Richard M. Nixon" ~ "Richard Nixon"), short given names stand for the one full
   name they can ("Fred" ~ "Frederick", :data:`~graphbuild.lexicon.HYPOCORISMS`), and a
   nickname in quotes names the person too ('Luis Gerardo "Jerry" Ortiz' ~ "Jerry Ortiz");
   a given name before a surname the article uses for a person is a person, whatever its tag;
3. short organisation names: "Colts" joins the one "Indianapolis Colts" of the article, and
   "Promises" the one "Promises Treatment Center"; a one-word name in the singular joins
   the plural organisation ("a Colt stampede" ~ "the Colts");
4. acronyms: "UOSSM" in brackets after a name, or the initials of one name of the article;
5. a person's name after an affiliation the NER took into the span ("Syria Staffan de
   Mistura").

**Across articles**, chains are linked:

1. by their full name, read through general variants (:func:`link_key`): organisation
   suffixes ("Acme Corp." ~ "Acme", "Staunton Police Department" ~ "Staunton Police"), party
   forms ("Tories" ~ "Conservative Party"), "House of Commons" ~ "Commons", country names,
   short forms and ISO codes (pycountry), demonyms ("Russian" is a mention of Russia), a
   website for its owner ("People.com"); a long name with a place in front, or a place's other
   name in front, is the name without it ("Malibu Promises Treatment Center", "Aoraki Mount
   Cook"), and a facility is the same with and without its generic head when a name of two
   words is left ("Morningside Recovery Center" ~ "Morningside Recovery");
2. people's full names with middle names or initials, and transliterated first names
   ("Aleksandr" ~ "Alexander"), when the variant is not ambiguous;
3. acronyms: "EU" ~ "European Union" when exactly one name of the corpus has those initials;
4. a chain that names a person only by surname links to a full name only on evidence in its
   own article: the names mentioned with it, and its titles, shared with that person's
   articles (a team's short name too, as "Colts" for the "Indianapolis Colts", also when the
   NER tags it a product more often than an organisation). The corpus holding one person of
   that surname is not evidence; among relatives with as much evidence, the one the
   articles name far more often is, when the evidence is strong and the article names none
   of them in full.

The type of an entity is the vote of its mentions' labels: a title makes a person, a name
written after "in" votes for a place.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import combinations

from .errors import InputError
from .lexicon import (
    ACRONYM_SKIP,
    ATTACHED_NAME_PARTICLES,
    COUNTRIES,
    COUNTRY_NAMES,
    COUNTRY_SHORT_FORMS,
    DEMONYMS,
    FEMALE_NAMES,
    GENERIC_HEADS,
    GEOGRAPHIC_HEADS,
    HOUSE_OF,
    HYPOCORISMS,
    INSTITUTION_WORDS,
    MALE_NAMES,
    MEMBERSHIP_BODY_HEADS,
    NAME_PARTICLE_WORDS,
    NAME_SUFFIXES,
    ORGANISATION_SUFFIXES,
    PARTY_FORMS,
    PARTY_NAME_WORDS,
    PARTY_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    PUBLIC_SERVICES,
    SERVICE_SUFFIXES,
    SPELLING_VARIANTS,
    SURNAME_HONORIFICS,
    TITLES_AFTER_NAMES,
)
from .retag import corpus_names, retag
from .types import Entity, Extraction, Mention, Merge, Relation, UserAlias

log = logging.getLogger(__name__)

# Ties between labels go to the more specific type.
_LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT",
                "WORK_OF_ART", "LANGUAGE")
# Labels the small model confuses with PERSON ("Chamaa" tagged GPE, "Chohan" FAC): such a
# name may join a person's full name seen in the same article.
_PERSONISH = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})
_NON_PERSON = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW",
                         "WORK_OF_ART", "LANGUAGE"})
_COMPLEMENT_WORDS = frozenset({"of", "for", "the", "de"})
# How much evidence links a surname to a full name of another article: the summed inverse
# document frequency (natural log) of what the two share. 2.5 is one name found in under a
# twelfth of the articles, or two commoner ones.
_EVIDENCE = 2.5
_BACKGROUND = 100
# Evidence enough to pick, among candidates with about as much of it, the one the articles
# name far more often: a few rare names shared, not one common word.
_STRONG_EVIDENCE = 4 * _EVIDENCE


class Assignment(Mapping[tuple[int, int], str]):
    """``{(extraction index, mention index): entity key}``, held as a list of keys per
    extraction: 8 bytes a mention where a dict of tuples takes about 150 (a corpus has
    millions of mentions).

    >>> a = Assignment()
    >>> a[(0, 2)] = "kerry"
    >>> a[(0, 2)], (0, 1) in a, len(a), dict(a)
    ('kerry', False, 1, {(0, 2): 'kerry'})
    """

    def __init__(self) -> None:
        self._rows: dict[int, list[str | None]] = {}
        self._size = 0

    def __setitem__(self, index: tuple[int, int], key: str) -> None:
        x, m = index
        row = self._rows.setdefault(x, [])
        if m >= len(row):
            row.extend([None] * (m + 1 - len(row)))
        self._size += row[m] is None
        row[m] = key

    def __getitem__(self, index: tuple[int, int]) -> str:
        x, m = index
        row = self._rows.get(x)
        key = row[m] if row is not None and 0 <= m < len(row) else None
        if key is None:
            raise KeyError(index)
        return key

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for x, row in self._rows.items():
            for m, key in enumerate(row):
                if key is not None:
                    yield x, m

    def __len__(self) -> int:
        return self._size


@dataclass(frozen=True)
class Resolution:
    """The entities, which entity each mention belongs to, and the merge log."""

    entities: tuple[Entity, ...]
    # (extraction index, mention index) -> entity key: an Assignment from resolve()
    assignment: Mapping[tuple[int, int], str]
    merges: tuple[Merge, ...]
    # extraction index -> its mentions as re-tagging from the corpus left them
    # (:mod:`graphbuild.retag`: new ones after the extraction's own, a few names cleaned in
    # place), for the extractions it changed; ``assignment`` numbers them so
    retagged: dict[int, tuple[Mention, ...]] = field(default_factory=dict)

    def holds(self, x: int, relation: Relation) -> bool:
        """Whether a relation of extraction ``x`` links two entities and fits them: a place's
        relation (:data:`PLACE_RELATION_CLASSES`: based in, lies in, comes from) never has
        a person at its end ("Barnard's Retail Consulting Group": the NER took the surname
        for a place, and the article's Kurt Barnard is a person)."""
        subject, obj = self.assignment[(x, relation.subject)], self.assignment[(x, relation.object)]
        return subject != obj and not (relation.relation_class in PLACE_RELATION_CLASSES
                                       and self._labels[obj] == "PERSON")

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {entity.key: entity.label for entity in self.entities}


PLACE_RELATION_CLASSES = frozenset({"location", "containedInPlace", "nationality"})
"""The relation classes (:data:`~graphbuild.lexicon.RELATION_CLASSES`) whose object is a place."""


_NICKNAME = re.compile(r"\s[\"“(‘'][^\"“”()‘’']+[\"”)’']\s")
_WEBSITE = re.compile(r"([A-Z][\w&-]+(?: [A-Z][\w&-]+)*)\.(?:com|co\.uk|org|net)")
# What is left of a nickname the NER cut in two ('Chin" Gigante' of 'Vincent "Chin" Gigante').
_CUT_NICKNAME = re.compile(r"^[^\"“”]+[\"”]\s+(?=\S)")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The matching key of a name: lower case, no dots, no leading "the", single spaces.

    >>> name_key("the U.S."), name_key("De  Mistura"), name_key("al-Nusra Front")
    ('us', 'de mistura', 'nusra front')
    """
    # A nickname in quotes or brackets is not part of the name ('Vincent "Chin" Gigante').
    name = _NICKNAME.sub(" ", name) if len(name.split()) > 2 else name
    name = _CUT_NICKNAME.sub("", name)
    key = " ".join(name.lower().replace(".", "").replace("’", "'").split())
    key = key[4:] if key.startswith("the ") else key
    # A leading name particle is often dropped: "al-Nusra Front" ~ "Nusra Front".
    for particle in ATTACHED_NAME_PARTICLES:
        if key.startswith(particle) and len(key) > len(particle) + 2:
            return key[len(particle):]
    return key


def _nickname_form(chain: _Chain) -> str:
    """The key of the nickname and surname of a name written with its nickname in quotes or
    brackets ('Luis Gerardo "Jerry" Ortiz' -> "jerry ortiz"), or ""."""
    for alias in sorted(chain.surfaces):
        found = _NICKNAME.search(alias) if len(alias.split()) > 2 else None
        if found:
            nick = found.group(0).strip()[1:-1].strip()
            return name_key(f"{nick} {alias.split()[-1]}")
    return ""


def without_score(name: str, after: str = "") -> str:
    """``name`` without the score or result the NER took into it: numbers that end in a dash
    or hold one ("Rafael Nadal 6-2 6-", "Lisa Raymond 7-"), or numbers the text goes on
    from with a dash and a number (``after``: "Evansville 51" in "Evansville 51 - 50").
    A number that is part of a name stays ("Channel 4", "Interstate 75").

    >>> without_score("Evansville 51", " - 50"), without_score("Channel 4", " show")
    ('Evansville', 'Channel 4')
    >>> without_score("Rafael Nadal 6-2 6-")
    'Rafael Nadal'
    """
    found = _SCORE_TAIL.search(name)
    if found is None or not any(c.isalpha() for c in name[:found.start()]):
        return name
    if "-" in found.group() or "–" in found.group() or _SCORE_AFTER.match(after):
        return name[:found.start()]
    return name


_SCORE_TAIL = re.compile(r"(?:\s+\d+(?:\s*[-–]\s*\d+)*)+\s*[-–]?$")
_SCORE_AFTER = re.compile(r"\s*[-–]\s*\d")


def acronym(name: str) -> str:
    """The initials of a multi-word name, skipping function words.

    A word written in capitals gives all its letters ("UK Independence Party" -> "ukip").

    >>> acronym("United States"), acronym("Union of Syrian Medical Relief Organisations")
    ('us', 'usmro')
    >>> acronym("UK Independence Party")
    'ukip'
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    if len(words) < 2:
        return ""
    return "".join(w if w.isupper() and w.isalpha() and len(w) <= 4 else w[0]
                   for w in words).lower()


def _bracketed_acronym(short: str, name: str) -> bool:
    """Whether ``short``, written in brackets after ``name``, can be its acronym: a word of
    capitals ("PLI", or "MpS" with a small word's initial) that starts as the name does or
    whose capitals are all initials of the name's words, in another language's order
    ("Italian Liberal Party (PLI)": Partito Liberale Italiano).

    >>> _bracketed_acronym("PLI", "Italian Liberal Party"), _bracketed_acronym("UK", "Labour")
    (True, False)
    """
    capitals = [c for c in short if c.isupper()]
    if len(capitals) < 2 or not short.isalnum() or not short[0].isupper():
        return False
    initials = {w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper()}
    return short[0] == name[:1].upper() or set(capitals) <= initials


def _body_acronym(short: str, name: str) -> bool:
    """Whether ``short``, written in brackets after ``name``, is the acronym a party or
    another body of members goes by in its own language, whatever its letters: a word of
    two to eight characters with two capitals or more, after a name of two words or more
    with a word such bodies are named by ("the Communist Party of Greece (KKE)", "the Social
    Democratic Party of Austria (SPÖ)"). Not a country's code ("the Labour Party (UK)").

    >>> _body_acronym("KKE", "Communist Party of Greece"), _body_acronym("UK", "Labour Party")
    (True, False)
    """
    words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
    return (len(words) >= 2 and any(w in MEMBERSHIP_BODY_HEADS for w in words)
            and 2 <= len(short) <= 8 and sum(c.isupper() for c in short) >= 2
            and short.isalnum() and short[0].isupper()
            and name_key(short) not in _country_codes())


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Country names (lower case) -> ISO 3166 alpha-3 code, from pycountry and the lexicon."""
    import pycountry

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "official_name", ""),
                 getattr(country, "common_name", "")}
        # "Iran, Islamic Republic of" is Iran; "Korea, Republic of" is ambiguous (two Koreas).
        names |= {n.split(",")[0] for n in names if "," in n}
        for name in names:
            if name:
                key = _plain(name_key(name))
                codes[key] = "" if codes.get(key, country.alpha_3) != country.alpha_3 \
                    else country.alpha_3
        codes.setdefault(country.alpha_3.lower(), country.alpha_3)
    for name, code in COUNTRY_SHORT_FORMS.items():
        codes[name_key(name)] = code
    for country in COUNTRIES:
        codes.setdefault(_plain(name_key(country)), "")
    return {k: v for k, v in codes.items() if v}


def _plain(text: str) -> str:
    """Without accents: "türkiye" -> "turkiye"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def link_key(key: str, label: str) -> str:
    """The key by which chains of different articles are linked: variants of one name agree.

    >>> link_key("acme motor co", "ORG"), link_key("tories", "NORP")
    ('acme', 'party:conservative')
    >>> link_key("united states of america", "GPE"), link_key("house of commons", "ORG")
    ('country:USA', 'commons')
    """
    if label == "PERSON":
        words = key.split()
        # "Labour", "Lib Dems" tagged PERSON are still parties.
        if key in PARTY_FORMS or all(w in PARTY_NAME_WORDS or w == "party" for w in words):
            party = _party(words)
            if party:
                return f"party:{party}"
        while len(words) > 2 and words[-1] in NAME_SUFFIXES | TITLES_AFTER_NAMES:
            words = words[:-1]
        return " ".join(words)
    plain = _plain(key)
    code = _country_codes().get(plain) if label in _NON_PERSON else None
    if code:
        return f"country:{code}"
    words = [SPELLING_VARIANTS.get(w, w) for w in plain.replace("&", " and ").split()]
    if label in ("ORG", "NORP"):
        party = _party(words)
        if party:
            return f"party:{party}"
    if len(words) == 3 and words[:2] == ["house", "of"] and words[2] in HOUSE_OF:
        return words[2]
    if label == "ORG":
        while len(words) > 1 and words[-1].rstrip(",") in ORGANISATION_SUFFIXES:
            words = words[:-1]
        if len(words) > 2 and words[-1] in SERVICE_SUFFIXES and words[-2] in PUBLIC_SERVICES:
            words = words[:-1]
        # In a long name a word's plural is a slip, not another body: "Academy of Motion
        # Pictures Arts and Sciences" is the "Academy of Motion Picture Arts and Sciences".
        if len(words) >= 4:
            words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words]
        if len(words) > 1 and words[-1] == "and":
            words = words[:-1]
    return " ".join(words)


def _party(words: list[str]) -> str:
    """The party a name of a party names, in one form ("Tories" -> "conservative")."""
    if words and words[-1] == "party":
        words = words[:-1]
    text = " ".join(words)
    text = PARTY_FORMS.get(text, text)
    if text not in PARTY_WORDS and text.endswith("s"):
        text = PARTY_FORMS.get(text[:-1], text[:-1])
    return text if text in PARTY_WORDS else ""


def _country_of(demonym: str) -> str | None:
    """"Russian" and "Russians" -> "Russia"."""
    word = demonym.lower()
    return DEMONYMS.get(word) or (DEMONYMS.get(word[:-1]) if word.endswith("s") else None)


def _name_tokens(key: str) -> tuple[str, ...]:
    """A person's name as words, without particles joined to the surname or suffixes."""
    return _name_words(key)


@lru_cache(maxsize=65536)
def _name_words(key: str) -> tuple[str, ...]:
    words = []
    for word in key.split():
        # "al-assad" -> "assad"; "al" on its own is dropped ("Bashar al Assad")
        particle = next((p for p in ATTACHED_NAME_PARTICLES if word.startswith(p.strip())
                         and (word == p.strip() or p.endswith("-") and word.startswith(p))),
                        None)
        if particle is not None:
            word = "" if word == particle.strip() else word[len(particle):]
        if word:
            words.append(word)
    while len(words) > 1 and words[-1] in NAME_SUFFIXES | TITLES_AFTER_NAMES:
        words = words[:-1]
    return tuple(words)


def _skeleton(first: str) -> str:
    """A first name's consonants, first and last letter: "Aleksandr" ~ "Alexander", "Bettie"
    ~ "Betty"."""
    word = _plain(first).replace("ks", "x").replace("ph", "f").replace("y", "i")
    word = word[:-1] if word.endswith("ie") and len(word) > 5 else word
    word = re.sub(r"(.)\1", r"\1", word)
    if len(word) < 4:
        return word
    return word[0] + re.sub(r"[aeiou]", "", word[1:-1]) + word[-1]


_SHORT_FORMS: dict[str, frozenset[str]] = {}
for _full, _shorts in HYPOCORISMS.items():
    for _short in _shorts.split():
        _SHORT_FORMS[_short] = _SHORT_FORMS.get(_short, frozenset()) | {_full}


def _loose(tokens: Sequence[str], formal: dict[tuple[str, str], str] | None = None
           ) -> tuple[str, str, tuple[str, ...]] | None:
    """(first name skeleton, surname, middle names) of a full name, leading initials moved to
    the middle ("W. Mark Felt" -> ("mark", "felt", ("w",))); a short first name read as the
    full one ``formal`` gives for it and the surname ("Fred" -> "Frederick")."""
    words = [w for w in tokens if w]
    middle: list[str] = []
    while len(words) > 2 and len(words[0]) == 1:
        middle.append(words.pop(0))
    if len(words) < 2 or len(words[0]) == 1:
        return None
    first = (formal or {}).get((words[0], words[-1]), words[0])
    return _skeleton(first), words[-1], tuple(middle + words[1:-1])


_GIVEN_NAMES = FEMALE_NAMES | MALE_NAMES | set(HYPOCORISMS) | set(_SHORT_FORMS)


def _formal_firsts(names: Sequence[Sequence[str]]) -> dict[tuple[str, str], str]:
    """(short first name, surname) -> the one full first name among ``names`` with that
    surname that the short form stands for (:data:`HYPOCORISMS`): "Mo Cheeks" beside
    "Maurice Cheeks". A short form that could stand for two of them is left alone."""
    firsts: dict[str, set[str]] = defaultdict(set)
    for tokens in names:
        words = [w for w in tokens if w and len(w) > 1]
        if len(words) >= 2:
            firsts[words[-1]].add(words[0])
    out: dict[tuple[str, str], str] = {}
    for surname, given in firsts.items():
        for short in given:
            fulls = _SHORT_FORMS.get(short, frozenset()) & given
            if len(fulls) == 1:
                out[(short, surname)] = next(iter(fulls))
    return out


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names agree when one is missing or each word matches or is the other's initial."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
               for x, y in zip(a, b, strict=True))


def _rank(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


class _Chain:
    """The mentions of one entity in one article (or a stored entity, when ``known``)."""

    def __init__(self, x: int, document: str) -> None:
        self.x = x
        self.document = document
        self.members: list[int] = []
        self.labels: Counter[str] = Counter()
        self.surfaces: Counter[str] = Counter()  # names that may become the canonical name
        self.aliases: set[str] = set()  # every name as written
        self.genders: Counter[str] = Counter()
        self.titles: Counter[str] = Counter()
        self.honorifics: Counter[str] = Counter()
        # written after "Mr", "Mrs", "Ms" or "Miss": a surname, never a first name
        self.surname_titled = False
        self.known: Entity | None = None
        self._name = ""
        self._key = ""
        self._label = ""
        self.preferred = False
        # A person's full name that surnames joined: they are that person, whatever the NER
        # called them ("Chohan" tagged FAC, GPE and ORG beside "Raj K. Chohan").
        self.person = False

    @property
    def label(self) -> str:
        if not self._label:
            self._label = self._vote()
        return self._label

    def _vote(self) -> str:
        if self.person and "PERSON" in self.labels:
            return "PERSON"
        if "PERSON" in self.labels and self.surfaces and \
                link_key(self.key, "PERSON").startswith("party:"):
            votes = Counter({k: v for k, v in self.labels.items() if k != "PERSON"})
            return max(votes, key=lambda lab: (votes[lab], -_rank(lab))) if votes else "ORG"
        if self.titles and self.labels.get("PERSON", 0) * 2 >= self.labels.get("GPE", 0):
            return "PERSON"
        return max(self.labels, key=lambda lab: (self.labels[lab], -_rank(lab)))

    @property
    def gender(self) -> str:
        if len(self.genders) == 1:
            return next(iter(self.genders))
        return ""

    @property
    def name(self) -> str:
        """The longest name seen, then the most frequent ("Bashar al-Assad" over "Assad"):
        what the chain is linked by; a country by the name the demonyms lexicon uses."""
        if not self._name:
            self._name = max(self.surfaces, key=lambda s: (
                s in COUNTRIES, len(name_key(s).split()), self.surfaces[s],
                s[:1].isupper(), s))
            self._key = name_key(self._name)
        return self._name

    def display_name(self) -> str:
        """The name an entity is shown by: a person's longest name; anything else by its
        commonest name ("UKIP", not a one-off "Suffolk Coastal UKIP")."""
        top = max(self.labels.values(), default=0)
        if self.titles or (top and self.labels.get("PERSON", 0) == top):
            return self.name
        if link_key(self.key, self.label).startswith("party:"):
            # a party by its name as a party ("Conservative Party", not "Tories"), if written
            formal = [s for s in self.surfaces if name_key(s).endswith(" party")]
            if formal:
                return max(formal, key=self._commonness)
        return max(self.surfaces, key=self._commonness)

    def _commonness(self, name: str) -> tuple[bool, bool, int, int, bool, str]:
        """How well ``name`` names a thing that is not a person: a country's lexicon name, a
        long name written with its acronym, then how often it and its short forms are seen
        ("Islamic State" with "State"; "Bank of England" with "the Bank", the head its "of"
        phrase follows)."""
        key = name_key(name)
        count = self.surfaces[name] + sum(
            n for s, n in self.surfaces.items() if s != name and (
                key.endswith(" " + name_key(s)) or key.startswith(name_key(s) + " of ")))
        short = {name_key(s) for s in self.surfaces if " " not in s.strip()}
        return (name in COUNTRIES, acronym(key) in short, count, len(key.split()),
                name[:1].isupper(), name)

    @property
    def key(self) -> str:
        self.name  # noqa: B018 - computes both
        return self._key

    def prefer(self, name: str) -> None:
        """Take ``name`` as the canonical name, whatever the counts say."""
        self._name, self._key = name, name_key(name)
        self.preferred = True

    def count(self, name: str, n: int = 1) -> None:
        self.surfaces[name] += n
        self._name = self._label = ""

    def absorb(self, other: _Chain) -> None:
        self._name = self._label = ""
        self.members.extend(other.members)
        self.labels.update(other.labels)
        self.surfaces.update(other.surfaces)
        self.aliases |= other.aliases
        self.genders.update(other.genders)
        self.titles.update(other.titles)
        self.honorifics.update(other.honorifics)
        self.person |= other.person


def _gender_agrees(a: str, b: str) -> bool:
    return not a or not b or a == b


def _is_full_person(chain: _Chain) -> bool:
    """A person named by more than a surname ("de Mistura" is a surname)."""
    tokens = _name_tokens(chain.key)
    return (chain.label == "PERSON" and len(tokens) > 1 and tokens[0] not in PLACE_WORDS
            and tokens[0] not in NAME_PARTICLE_WORDS
            and not any(w in PARTY_WORDS for w in tokens))


# --- within an article -------------------------------------------------------------------

def _first_name_genders(extractions: Sequence[Extraction]) -> dict[str, str]:
    """First names and the gender of the honorifics used for their bearers: "Michael" is a
    man's name when the articles about Michael Howard call him "Mr Howard"."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        people = [m for m in extraction.mentions if m.label == "PERSON"]
        by_surname: dict[str, set[str]] = defaultdict(set)
        for mention in people:
            words = _name_words(name_key(mention.name))
            if getattr(mention, "gender", "") and words:
                by_surname[words[-1]].add(mention.gender)
        firsts = {_name_words(name_key(m.name)) for m in people}
        for words in firsts:
            genders = by_surname.get(words[-1], set()) if len(words) > 1 else set()
            if len(genders) == 1 and len(words[0]) > 1:
                votes[words[0]][next(iter(genders))] += 1
    return {name: c.most_common(1)[0][0] for name, c in votes.items()
            if c.most_common(1)[0][1] * 3 >= sum(c.values()) * 2}


def _chains(x: int, extraction: Extraction, merges: list[Merge],
            first_names: dict[str, str], forbidden: _Forbidden) -> list[_Chain]:
    """The chains of one article."""
    doc = extraction.document.id
    text = extraction.document.text
    titled: dict[int, list[str]] = defaultdict(list)
    for role in extraction.roles:
        if role.title:  # a party in front ("Tory Liam Fox") is an affiliation, not a title
            titled[role.mention].append(role.title)
    chains: list[_Chain] = []
    by_key: dict[str, list[_Chain]] = defaultdict(list)
    for m, mention in enumerate(extraction.mentions):
        name, label = mention.name, mention.label
        country = _country_of(name) if label == "NORP" else None
        if country:
            merges.append(Merge(name, country, "demonym", doc))
            name, label = country, "GPE"
        website = _WEBSITE.fullmatch(name) if label == "ORG" else None
        if website:  # a website names its owner: "People.com" is People
            name = website.group(1)
        name = without_score(name, text[mention.end:mention.end + 4])
        key = name_key(name)  # may be empty ("."): the mention is still an entity
        gender = getattr(mention, "gender", "")
        words = _name_words(key)
        if not gender and label == "PERSON" and len(words) > 1:
            gender = first_names.get(words[0], "")
        chain = next((c for c in reversed(by_key[key]) if _gender_agrees(c.gender, gender)),
                     None)
        if chain is None:
            chain = _Chain(x, doc)
            chains.append(chain)
            by_key[key].append(chain)
        chain.members.append(m)
        before = text[max(0, mention.start - 12):mention.start].lower().split()
        after = text[mention.end:mention.end + 2]
        if (label != "PERSON" or not titled.get(m)) and before and \
                before[-1] in PLACE_PREPOSITIONS and not after.startswith("'"):
            label = "GPE" if label in ("PERSON", "GPE", "NORP") else label
        chain.labels[label] += 1
        chain.count(name)
        chain.aliases.add(mention.text)
        if gender:
            chain.genders[gender] += 1
        if before and before[-1] in SURNAME_HONORIFICS and len(words) == 1:
            chain.surname_titled = True
        if getattr(mention, "gender", ""):
            written = mention.text.split()[0] if len(mention.text.split()) > 1 else ""
            if written.rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "sir", "dame"):
                chain.honorifics[written] += 1
        chain.titles.update(titled.get(m, ()))

    _retype_people(chains)
    chains = _link_people(chains, doc, merges, forbidden)
    chains = _link_organisations(chains, extraction, doc, merges, forbidden)
    return _link_affiliations(chains, doc, merges)


def _retype_people(chains: list[_Chain]) -> None:
    """A given name and a surname the article uses for a person are a person's name, whatever
    the NER called them ("Maurice Cheeks" tagged GPE beside "Cheeks" tagged PERSON)."""
    surnames = {c.key for c in chains if " " not in c.key and c.labels.get("PERSON", 0) * 2
                >= sum(c.labels.values())}
    for chain in chains:
        words = chain.key.split()
        if (chain.label != "PERSON" and chain.label in _PERSONISH and len(words) == 2
                and words[0] in _GIVEN_NAMES and words[1] in surnames):
            chain.labels["PERSON"] += sum(chain.labels.values())
            chain.person = True
            chain.count(chain.name, 0)  # the label is voted again


def _link_people(chains: list[_Chain], doc: str, merges: list[Merge], forbidden: _Forbidden
                 ) -> list[_Chain]:
    """Surnames, "Mr X", first names and middle-initial variants join the article's full name.
    """
    absorbed: set[int] = set()

    def merge(source: _Chain, target: _Chain, reason: str) -> None:
        if forbidden.between(_names(source), _names(target)):
            return
        for alias in sorted(source.aliases):
            merges.append(Merge(alias, target.name, reason, doc))
        target.absorb(source)
        target.person = True
        absorbed.add(id(source))

    full = [c for c in chains if _is_full_person(c)]
    # A nickname in quotes: "Jerry Ortiz" is 'Luis Gerardo "Jerry" Ortiz'.
    by_key = {c.key: c for c in full}
    for chain in full:
        short = by_key.get(_nickname_form(chain))
        if short is not None and short is not chain and id(short) not in absorbed:
            merge(short, chain, "nickname")
    full = [c for c in full if id(c) not in absorbed]
    # Middle names and initials: "Richard M. Nixon" ~ "Richard Nixon"; short first names.
    formal = _formal_firsts([_name_tokens(c.key) for c in full])
    loose: dict[tuple[str, str], list[_Chain]] = defaultdict(list)
    for chain in full:
        parts = _loose(_name_tokens(chain.key), formal)
        if parts:
            loose[parts[:2]].append(chain)
    for group in loose.values():
        group.sort(key=lambda c: (-len(c.key.split()), c.key))
        for chain in group[1:]:
            if id(chain) in absorbed:
                continue
            middle = _loose(_name_tokens(chain.key), formal)
            agreeing = [c for c in group if c is not chain and id(c) not in absorbed
                        and _gender_agrees(c.gender, chain.gender)
                        and _middles_agree(middle[2] if middle else (),
                                           (_loose(_name_tokens(c.key), formal)
                                            or ("", "", ()))[2])]
            if len(agreeing) == 1 and len(agreeing[0].key) >= len(chain.key):
                merge(chain, agreeing[0], "middle name")
    full = [c for c in full if id(c) not in absorbed]
    # the last words of the article's other organisations' names ("Walt Disney", tagged ORG:
    # then "Disney", tagged ORG, is the company's, not Roy Disney's)
    firms = {_name_tokens(c.key)[-1] for c in chains if c.label == "ORG" and c not in full
             and len(_name_tokens(c.key)) > 1}

    titled = {_name_tokens(c.key)[0] for c in chains
              if c.surname_titled and len(_name_tokens(c.key)) == 1}
    for chain in sorted(chains, key=lambda c: (len(c.key.split()), c.key)):
        if id(chain) in absorbed or chain.label not in _PERSONISH or chain in full:
            continue
        tail = _name_tokens(chain.key)
        if not tail or (chain.label != "PERSON" and chain.key in COUNTRY_NAMES) or (
                chain.label == "ORG" and not chain.gender and len(tail) == 1 and tail[0] in firms):
            continue
        candidates = [f for f in full if id(f) not in absorbed and f is not chain
                      and _gender_agrees(f.gender, chain.gender)
                      and len(_name_tokens(f.key)) > len(tail)
                      and _name_tokens(f.key)[-len(tail):] == tail]
        target = _longest_of_nested(candidates)
        reason = "title and surname" if chain.gender else "surname"
        if target is None and len(tail) == 1 and chain.label == "PERSON":
            # (not a full name whose surname has a "Mr" of its own: where the article writes
            # "Mr Flight", "Mr Howard" is someone else; "Mr Kim" is Kim Yungmin)
            firsts = [f for f in full if id(f) not in absorbed
                      and _name_tokens(f.key)[0] == tail[0] and not (
                          chain.surname_titled and _name_tokens(f.key)[-1] in titled)]
            lasts = [f for f in full if _name_tokens(f.key)[-1] == tail[0]]
            if len(firsts) == 1 and not lasts and _gender_agrees(firsts[0].gender,
                                                                 chain.gender):
                target, reason = firsts[0], "first name"
        if target is not None:
            merge(chain, target, reason)
    return [c for c in chains if id(c) not in absorbed]


def _longest_of_nested(candidates: list[_Chain]) -> _Chain | None:
    """The one candidate, or the longest when every other is a tail of it."""
    if not candidates:
        return None
    longest = max(candidates, key=lambda c: (len(_name_tokens(c.key)), c.key))
    words = _name_tokens(longest.key)
    for c in candidates:
        tokens = _name_tokens(c.key)
        if c is not longest and words[-len(tokens):] != tokens:
            return None
    return longest


def _link_organisations(chains: list[_Chain], extraction: Extraction, doc: str,
                        merges: list[Merge], forbidden: _Forbidden) -> list[_Chain]:
    absorbed: set[int] = set()

    def merge(source: _Chain, target: _Chain, reason: str) -> None:
        if source is target or id(source) in absorbed or id(target) in absorbed:
            return
        if forbidden.between(_names(source), _names(target)):
            return
        for alias in sorted(source.aliases):
            merges.append(Merge(alias, target.name, reason, doc))
        target.absorb(source)
        absorbed.add(id(source))

    # "Union of Syrian Medical Relief Organisations (UOSSM)": the text itself says so.
    chain_of = {m: c for c in chains for m in c.members}
    text, ms = extraction.document.text, extraction.mentions
    spelled: dict[str, set[int]] = defaultdict(set)  # initials -> the mentions they spell
    for k, mention in enumerate(ms):
        spelled[acronym(mention.name)].add(k)
    for m in range(len(ms) - 1):
        long, short = ms[m], ms[m + 1]
        if (_bracketed_acronym(short.name, long.name)
                and text[long.end:short.start].strip() == "("
                and text[short.end:short.end + 1] == ")" and m in chain_of
                and m + 1 in chain_of):
            merge(chain_of[m + 1], chain_of[m], "acronym in parentheses")
        elif (long.label == "ORG" and _body_acronym(short.name, long.name)
              and text[long.end:short.start].strip() == "("
              and text[short.end:short.end + 1] in (")", ";") and m in chain_of
              and m + 1 in chain_of and not spelled.get(name_key(short.name), set()) - {m}):
            # "the Communist Party of Greece (KKE)": not when another name of the article
            # has those initials (then the bracket names that one)
            merge(chain_of[m + 1], chain_of[m], "acronym in parentheses (own language)")

    # A team's name in the singular beside the plural the article tags an organisation
    # ("a Colt stampede" and "the Colts"): one word, not a person's name.
    plurals = {c.key: c for c in chains if c.label == "ORG" and " " not in c.key
               and c.key.endswith("s") and not c.key.endswith("ss")}
    for chain in chains:
        plural = plurals.get(chain.key + "s")
        if plural is not None and " " not in chain.key and chain.label in _NON_PERSON \
                and len(chain.key) > 2 and chain.name[:1].isupper():
            merge(chain, plural, "singular of the name")

    others = [c for c in chains if id(c) not in absorbed and c.label in _NON_PERSON]
    initials: dict[str, list[_Chain]] = defaultdict(list)
    last_words: dict[str, list[_Chain]] = defaultdict(list)
    first_words: dict[str, list[_Chain]] = defaultdict(list)
    for chain in others:
        words = chain.key.split()
        if len(words) > 1:
            initials[acronym(chain.name)].append(chain)
            # (not the complement of an "of" name, but for a House's: the "Second Chamber
            # of Parliament" is no "Parliament", the "Institute for the Study of Labour" no
            # "Labour", the "House of Lords" the "Lords"; nor a
            # party's local branch: "Devon county Labour", "Arundel and South Downs Tories")
            if chain.label == "ORG" and (words[-2] not in _COMPLEMENT_WORDS or (
                    words[0] == "house" and words[-1] in HOUSE_OF)) and not (
                    words[-1] in PARTY_NAME_WORDS and any(
                        w not in PARTY_NAME_WORDS | {"new", "party"} for w in words)):
                last_words[words[-1]].append(chain)
            if (words[-1] in ORGANISATION_SUFFIXES or _generic_head(words[-1])
                    or (len(words) > 2 and words[1] == "of")):  # "Academy of ..."
                first_words[words[0]].append(chain)
    for chain in others:
        if id(chain) in absorbed or " " in chain.key:
            continue
        if chain.name.isupper() and len(initials.get(chain.key, ())) == 1:
            merge(chain, initials[chain.key][0], "acronym")
        elif (chain.label in ("ORG", "NORP") and len(last_words.get(chain.key, ())) == 1
              and chain.key not in ORGANISATION_SUFFIXES and not _generic_head(chain.key)):
            merge(chain, last_words[chain.key][0], "short name")
        elif chain.label in ("ORG", "FAC") and len(first_words.get(chain.key, ())) == 1:
            merge(chain, first_words[chain.key][0], "short name")
    return [c for c in chains if id(c) not in absorbed]


def _generic_head(word: str) -> bool:
    return SPELLING_VARIANTS.get(word, word) in GENERIC_HEADS


def _link_affiliations(chains: list[_Chain], doc: str, merges: list[Merge]) -> list[_Chain]:
    """A person's name after an affiliation that the NER took into one span ("Syria Staffan de
    Mistura"): the longest person name of the article the span ends with."""
    people = {c.key: c for c in chains if c.label == "PERSON"}
    kept = []
    for chain in chains:
        words = chain.key.split()
        target = None
        if chain.label != "PERSON" and len(words) >= 3:
            target = next((people[" ".join(words[k:])] for k in range(1, len(words) - 1)
                           if " ".join(words[k:]) in people), None)
        if target is None:
            kept.append(chain)
            continue
        for alias in sorted(chain.aliases):
            merges.append(Merge(alias, target.name, "affiliation before a name", doc))
        # Count the mentions, but keep the longer span out of the names.
        target.members.extend(chain.members)
        target.count(target.name, sum(chain.surfaces.values()))
    return kept


# --- across articles -----------------------------------------------------------------------

def _strip_affiliations(chains: list[_Chain], merges: list[Merge]) -> None:
    """A person's name after an affiliation the NER took into one span, where the person's
    name is written alone in another article ("Syria Staffan de Mistura"): the span becomes a
    mention of the person, and its longer name is kept out of the names."""
    people = {c.key: c.name for c in chains if _is_full_person(c)}
    for chain in chains:
        words = chain.key.split()
        if chain.label == "PERSON" or len(words) < 3 or chain.known is not None:
            continue
        tail = next((" ".join(words[k:]) for k in range(1, len(words) - 1)
                     if " ".join(words[k:]) in people), None)
        if tail is None:
            continue
        for alias in sorted(chain.aliases):
            merges.append(Merge(alias, people[tail], "affiliation before a name",
                              chain.document))
        total = sum(chain.surfaces.values())
        chain.surfaces.clear()
        chain.aliases.clear()
        chain.count(people[tail], total)
        chain.labels = Counter({"PERSON": total})


class _Forbidden:
    """Pairs of names the user said are never one entity."""

    def __init__(self, pairs: Sequence[tuple[str, str]] = ()) -> None:
        self.pairs = [(name_key(a), name_key(b)) for a, b in pairs]

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def between(self, first: set[str], second: set[str]) -> bool:
        return any((a in first and b in second) or (b in first and a in second)
                   for a, b in self.pairs)


def _names(chain: _Chain) -> set[str]:
    return {name_key(n) for n in (*chain.surfaces, *chain.aliases)}


class _Groups:
    """Union-find over chains; a group holds at most one entity of an earlier run."""

    def __init__(self, chains: Sequence[_Chain], forbidden: _Forbidden) -> None:
        self.parent = list(range(len(chains)))
        self.known = {i for i, c in enumerate(chains) if c.known is not None}
        self.forbidden = forbidden
        # The names each group holds, kept only when the user forbade some merges.
        self.names = [_names(c) for c in chains] if forbidden else []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b or (a in self.known and b in self.known):
            return False  # two entities of earlier runs stay apart: their IRIs are published
        if self.forbidden and self.forbidden.between(self.names[a], self.names[b]):
            return False
        low, high = min(a, b), max(a, b)
        self.parent[high] = low
        if high in self.known:
            self.known.add(low)
        if self.names:
            self.names[low] |= self.names[high]
        return True


def resolve(extractions: Sequence[Extraction], *, known: Sequence[Entity] = (),
            aliases: Sequence[UserAlias] = (), retagging: bool = True) -> Resolution:
    """Group the mentions of all ``extractions`` into canonical entities.

    Names the NER tagged in some articles are first found again where it missed them in
    others (:mod:`graphbuild.retag`); the mentions of the extractions it changed are in
    ``Resolution.retagged``.

    Args:
        known: entities from an earlier run. They keep their keys (so their IRIs do not
            change), new chains whose names or aliases match theirs join them, and they are
            never merged into a new entity or into each other.
        aliases: the user's corrections (:func:`read_aliases`): merges forced (recorded with
            the reason "user"), merges forbidden, entities renamed.
        retagging: find the corpus's names again where the NER missed them.

    >>> from graphbuild.types import Document, Mention
    >>> x = Extraction(Document("a", "Acme Corp. hired Ann Lee."), (), (
    ...     Mention("Acme Corp.", "Acme Corp.", "ORG", 0, 10, 0),
    ...     Mention("Ann Lee", "Ann Lee", "PERSON", 17, 24, 0)), (), (), 5)
    >>> sorted(e.name for e in resolve([x], aliases=[UserAlias("Ann Lee", "Acme", "merge")]
    ...                                 ).entities)
    ['Acme Corp.']
    """
    changed: dict[int, tuple[Mention, ...]] = {}
    if retagging:
        names = corpus_names(extractions)
        changed = {x: r.mentions for x, e in enumerate(extractions)
                   if (r := retag(e, names)) is not e}
        extractions = _Retagged(extractions, changed)
    merges: list[Merge] = []
    chains: list[_Chain] = []
    for entity in known:
        chain = _Chain(-1, "")
        chain.known = entity
        chain.labels[entity.label] += max(entity.mentions, 1)
        chain.count(entity.name, max(entity.mentions, 1))
        chain.aliases.update(entity.aliases)
        chain.titles.update(entity.titles)
        chains.append(chain)
    first_names = _first_name_genders(extractions)
    forbidden = _Forbidden([(a.alias, a.entity) for a in aliases if a.action == "forbid"])
    for x, extraction in enumerate(extractions):
        chains.extend(_chains(x, extraction, merges, first_names, forbidden))
    _strip_affiliations(chains, merges)
    groups = _Groups(chains, forbidden)
    _link_across(chains, groups, merges)
    named = _user_merges(chains, groups, [a for a in aliases if a.action == "merge"], merges)
    renames = {name_key(a.alias): a.entity for a in aliases if a.action == "rename"}
    return replace(_finish(extractions, chains, groups, merges, renames, named), retagged=changed)


class _Retagged(Sequence[Extraction]):
    """``extractions`` with the mentions re-tagging changed (``{index: mentions}``): a view,
    not a list, so that records streamed from disk (:class:`graphbuild.spool.Spool`) are
    never all in memory at once."""

    def __init__(self, extractions: Sequence[Extraction],
                 changed: Mapping[int, tuple[Mention, ...]]) -> None:
        self.extractions, self.changed = extractions, changed

    def __len__(self) -> int:
        return len(self.extractions)

    def __getitem__(self, x: int) -> Extraction:  # type: ignore[override]
        return self._with(x, self.extractions[x])

    def __iter__(self) -> Iterator[Extraction]:
        for x, extraction in enumerate(self.extractions):
            yield self._with(x, extraction)

    def _with(self, x: int, extraction: Extraction) -> Extraction:
        mentions = self.changed.get(x)
        return extraction if mentions is None else replace(extraction, mentions=mentions)


ALIAS_ACTIONS = ("merge", "forbid", "rename")
"""What a row of an aliases file may ask: merge the alias into the entity, forbid that merge,
or rename the entity called ``alias`` to ``entity``."""


def read_aliases(path: str) -> tuple[UserAlias, ...]:
    """Read a user's aliases file: CSV with the columns ``alias``, ``entity`` and optionally
    ``action`` (merge, the default; forbid; rename).

    Raises:
        InputError: the file cannot be read, lacks a column, or a row has an unknown action.
    """
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"cannot read the aliases file {path!r}: {err}") from None
    found = []
    for n, row in enumerate(rows, 2):
        alias, entity = (row.get("alias") or "").strip(), (row.get("entity") or "").strip()
        action = (row.get("action") or "merge").strip().lower()
        if not alias or not entity:
            raise InputError(f"{path}, line {n}: an aliases row needs an alias and an entity "
                             f"(columns: alias,entity,action)")
        if action not in ALIAS_ACTIONS:
            raise InputError(f"{path}, line {n}: unknown action {action!r}; use one of "
                             f"{', '.join(ALIAS_ACTIONS)}")
        found.append(UserAlias(alias, entity, action))
    return tuple(found)


def _user_merges(chains: list[_Chain], groups: _Groups, wanted: Sequence[UserAlias],
                 merges: list[Merge]) -> dict[int, str]:
    """The merges the user asked for: every chain named ``alias`` joins the entity named
    ``entity`` (its name or one of its aliases). Returns the chains whose entity keeps the
    target's name."""
    named: dict[int, str] = {}
    if not wanted:
        return named
    holding: dict[str, list[int]] = defaultdict(list)
    for i, chain in enumerate(chains):
        for key in _names(chain) | {link_key(chain.key, chain.label)}:
            holding[key].append(i)
    for row in wanted:
        targets = holding.get(name_key(row.entity), [])
        if not targets:
            log.warning("aliases: no entity is called %r; %r is left as it is", row.entity,
                        row.alias)
            continue
        for i in holding.get(name_key(row.alias), []):
            if groups.union(targets[0], i):
                named[targets[0]] = chains[targets[0]].name
                for alias in sorted(chains[i].aliases):
                    merges.append(Merge(alias, chains[targets[0]].name, "user",
                                        chains[i].document))
    return named


def _tails(chain: _Chain, places: set[str]) -> list[tuple[str, ...]]:
    """The short names a full name may be called by in another article: a person's surname
    ("Kerry"), or an organisation's name without the place it starts with ("Colts" for the
    "Indianapolis Colts")."""
    if _is_full_person(chain):
        tokens = _name_tokens(chain.key)
        return [tuple(tokens[k:]) for k in range(1, len(tokens))]
    words = chain.key.split()
    written = chain.name.split()
    if chain.label == "ORG" and len(words) > 1 and len(written) == len(words):
        # Not an acronym after a place: "UKIP" is not short for "Suffolk Coastal UKIP".
        return [tuple(words[k:]) for k in range(1, len(words))
                if " ".join(words[:k]) in places and not _generic_head(words[-1])
                and words[-1] not in ORGANISATION_SUFFIXES | INSTITUTION_WORDS
                and not all(w.isupper() for w in written[k:])]
    return []


def _tagged_organisation(chain: _Chain) -> bool:
    """A name the NER tags as an organisation in some mentions and as a product or a work in
    more ("Chargers" six times PRODUCT, four times ORG): a team's short name is decided as
    the ORG it is. A place tagged ORG now and then stays a place."""
    return chain.labels.get("ORG", 0) > 0 and chain.label not in ("GPE", "LOC", "FAC")


def _short_name(chain: _Chain) -> tuple[str, ...]:
    return tuple(_name_tokens(chain.key)) if chain.label == "PERSON" else tuple(chain.key.split())


def _places(chains: list[_Chain]) -> set[str]:
    """Names that start a team or an institution's name: places and nationalities."""
    return {c.key for c in chains if c.label in ("GPE", "LOC", "NORP")} | set(DEMONYMS)


def _link_across(chains: list[_Chain], groups: _Groups, merges: list[Merge]) -> None:
    places = _places(chains)
    full_tails: set[tuple[str, ...]] = set()
    for chain in chains:
        full_tails.update(_tails(chain, places))

    def partial(chain: _Chain) -> bool:
        """A chain that names a person or a team only in part: decided on evidence, below.
        A party or a country is named in full by any of its forms."""
        return (chain.known is None and (chain.label in ("PERSON", "ORG")
                                         or _tagged_organisation(chain))
                and not _is_full_person(chain) and _short_name(chain) in full_tails
                and not link_key(chain.key, chain.label).startswith(("party:", "country:")))

    # 1. The same full name, through its variants. A known entity's aliases count too.
    by_link: dict[str, int] = {}
    partials: list[int] = []
    for i, chain in enumerate(chains):
        if partial(chain):
            partials.append(i)
            continue
        keys = [link_key(chain.key, chain.label)]
        if chain.label == "ORG" and keys[0] in places and chain.key.startswith(keys[0] + " "):
            # a company named after a place, whose suffixes leave the place: "London
            # International Group" is not London, nor "Sydney International" Sydney
            keys[0] = f"organisation:{keys[0]}"
        if _is_full_person(chain) and _nickname_form(chain):
            keys.append(_nickname_form(chain))
        if chain.known is not None:
            keys += [link_key(name_key(a), chain.label) for a in chain.known.aliases
                     if " " in a.strip()]
        for key in keys:
            if key in by_link:
                _union(groups, chains, by_link[key], i, merges, "same name")
            else:
                by_link[key] = i

    # A place in front of a long name that the corpus also writes without it: the "Malibu
    # Promises Treatment Center" is the "Promises Treatment Center" (three words or more: a
    # name, not a generic "Treatment Center"); and a place's other name in front, "Aoraki
    # Mount Cook" ~ "Mount Cook" (two words or more, a geographic head and a name: not
    # "National Park").
    qualified: dict[str, set[int]] = defaultdict(set)
    for i, chain in enumerate(chains):
        words = chain.key.split()
        if chain.label not in _NON_PERSON and not any(w in GEOGRAPHIC_HEADS for w in words):
            continue
        for k in range(1, len(words) - 1):
            tail = link_key(" ".join(words[k:]), chain.label)
            j = by_link.get(tail)
            if j is None or j in partials or chains[j].label not in _NON_PERSON:
                continue
            prefix = " ".join(words[:k])
            if (chain.label in ("ORG", "FAC") and prefix in places and len(words) - k >= 3
                    and chains[j].label in ("ORG", "FAC")) or (
                    words[k] in GEOGRAPHIC_HEADS and words[0] not in PLACE_WORDS
                    and any(w not in GEOGRAPHIC_HEADS for w in words[k:])):
                qualified[tail].add(i)
                break
    for tail, members in qualified.items():
        for i in members:
            _union(groups, chains, by_link[tail], i, merges, "name without its qualifier")
    # A facility or an organisation named with and without its generic head, when what is left
    # is a name of two words or more that names no person: "Morningside Recovery Center" ~
    # "Morningside Recovery" (but "Betty Ford Center" is not "Betty Ford").
    for i, chain in enumerate(chains):
        words = chain.key.split()
        if chain.label in ("ORG", "FAC") and len(words) >= 3 and _generic_head(words[-1]):
            j = by_link.get(link_key(" ".join(words[:-1]), chain.label))
            if j is not None and j not in partials and chains[j].label in ("ORG", "FAC"):
                _union(groups, chains, j, i, merges, "name without its generic head")

    # 2. Middle names, initials and transliterated first names of full names.
    loose: dict[tuple[str, str], list[int]] = defaultdict(list)
    formal = _formal_firsts([_name_tokens(c.key) for i, c in enumerate(chains)
                             if _is_full_person(c) and groups.find(i) == i])
    for i, chain in enumerate(chains):
        if _is_full_person(chain) and groups.find(i) == i:
            parts = _loose(_name_tokens(chain.key), formal)
            if parts:
                loose[parts[:2]].append(i)
    for members in loose.values():
        if len(members) < 2:
            continue
        middles = {m: (_loose(_name_tokens(chains[m].key), formal) or ("", "", ()))[2]
                   for m in members}
        # A name without a middle name is ambiguous when two middle names of the surname
        # disagree ("C." and "Cheney" agree).
        distinct = {v for v in middles.values() if v}
        ambiguous = any(not _middles_agree(a, b) for a, b in combinations(sorted(distinct), 2))
        for m in members:
            others = [o for o in members if o != m and _middles_agree(middles[m], middles[o])
                      and _gender_agrees(chains[m].gender, chains[o].gender)]
            if middles[m] or not ambiguous:
                for o in others:
                    if middles[o] or not ambiguous:
                        _union(groups, chains, o, m, merges, "middle name or spelling")

    # Geographic heads: "Mediterranean Sea" ~ "Mediterranean" when both are places.
    for i, chain in enumerate(chains):
        words = chain.key.split()
        if chain.label in ("LOC", "GPE") and len(words) > 1 and words[-1] in GEOGRAPHIC_HEADS:
            core = " ".join(w for w in words if w not in GEOGRAPHIC_HEADS)
            j = by_link.get(core)
            if j is not None and core and chains[j].label in ("LOC", "GPE", "NORP"):
                _union(groups, chains, i, j, merges, "geographic name")

    # 3. Acronyms: "us" joins "united states" when exactly one long name has those initials,
    # or exactly one of them is written with the acronym in some article ("European Union
    # (EU)", not "Edinburgh University"). Two letters stand for too much ("LP", a record, is
    # not the "Labour Party" of other articles): they join only a name written with them.
    # An acronym is read by its initials alone only for a long name some article writes
    # beside it, two articles write, a country's or one stored before: "CBI" in one article
    # is not the "Credit Bank of Iraq" of another that never writes "CBI", nor "QC" (a
    # barrister's title) "Qwest Communications".
    by_initials: dict[str, set[int]] = defaultdict(set)
    abbreviated: dict[str, set[int]] = defaultdict(set)
    articles: dict[int, set[int]] = defaultdict(set)  # group -> its articles (-1: stored)
    countries: set[int] = set()  # the groups of a country
    for i, chain in enumerate(chains):
        articles[groups.find(i)].add(-1 if chain.known is not None else chain.x)
        if link_key(chain.key, "GPE").startswith("country:"):
            countries.add(groups.find(i))
        initials = acronym(chain.name)
        if chain.label in _NON_PERSON and initials:
            by_initials[initials].add(groups.find(i))
            if initials in {name_key(a) for a in chain.aliases}:
                abbreviated[initials].add(groups.find(i))
    written: dict[str, set[int]] = defaultdict(set)  # acronym -> the articles that write it
    for chain in chains:  # (in its own name or as an alias an article joined to another)
        for alias in chain.aliases:
            if " " not in alias.strip() and alias.isupper():
                written[name_key(alias)].add(chain.x)
    for i, chain in enumerate(chains):
        targets = by_initials.get(chain.key, set())
        if len(targets) > 1 or len(chain.key) <= _SHORT_ACRONYM:
            targets = abbreviated.get(chain.key, set())
        elif targets and not targets & abbreviated.get(chain.key, set()):
            target = next(iter(targets))
            if -1 not in articles[target] and len(articles[target]) < 2 and \
                    not articles[target] & written[chain.key] and \
                    target not in countries:
                continue
        if (" " not in chain.key and chain.name.isupper() and len(targets) == 1
                and i not in partials):
            _union(groups, chains, next(iter(targets)), i, merges, "acronym")

    # 4. Surnames, on evidence in their own article.
    _link_partials(chains, groups, partials, merges)


_SHORT_ACRONYM = 2
"""Acronyms this long or shorter join a name of other articles only where some article writes
the two together."""


def _union(groups: _Groups, chains: list[_Chain], a: int, b: int, merges: list[Merge],
           reason: str) -> None:
    if not groups.union(a, b):
        return
    source = chains[b]
    if name_key(source.name) != name_key(chains[a].name) or reason != "same name":
        for alias in sorted(source.aliases):
            merges.append(Merge(alias, chains[a].name, reason, source.document))


def _link_partials(chains: list[_Chain], groups: _Groups, partials: list[int],
                   merges: list[Merge]) -> None:
    """Link each surname-only chain to the full name its own article gives evidence for."""
    if not partials:
        return
    # What each article mentions (entities linked so far; short names by key; the surnames of
    # the people, so that "Kerry" with "Lavrov" matches "John Kerry" with "Sergei Lavrov"),
    # and in how many articles each thing is mentioned.
    partial_set = set(partials)
    context: dict[int, set[str]] = defaultdict(set)  # extraction index -> context items
    for i, chain in enumerate(chains):
        if chain.x >= 0:
            item = f"k:{link_key(chain.key, chain.label)}" if i in partial_set \
                else f"g:{groups.find(i)}"
            context[chain.x].add(item)
            if chain.label == "PERSON" and _name_tokens(chain.key):
                context[chain.x].add(f"s:{_name_tokens(chain.key)[-1]}")
    frequency: Counter[str] = Counter(item for items in context.values() for item in items)
    # As if the corpus held _BACKGROUND more articles that mention none of these: in a small
    # corpus a name shared by most articles is still evidence.
    articles = len(context) + _BACKGROUND
    group_context: dict[int, Counter[str]] = defaultdict(Counter)
    group_titles: dict[int, set[str]] = defaultdict(set)
    group_gender: dict[int, Counter[str]] = defaultdict(Counter)
    group_size: Counter[int] = Counter()  # mentions of each group, to break ties with
    group_articles: dict[int, set[int]] = defaultdict(set)
    for i, chain in enumerate(chains):
        if i in partial_set:
            continue
        root = groups.find(i)
        if chain.x >= 0:
            group_context[root].update(context[chain.x])
        group_titles[root].update(t.lower() for t in chain.titles)
        group_gender[root].update(chain.genders)
        group_size[root] += sum(chain.surfaces.values())
        group_articles[root].add(chain.x)
    first_names = _learned_genders(chains, partial_set)
    by_tail: dict[tuple[str, ...], set[int]] = defaultdict(set)
    places = _places(chains)
    for i, chain in enumerate(chains):
        if i not in partial_set:
            for tail in _tails(chain, places):
                by_tail[tail].add(groups.find(i))

    def gender_of(root: int) -> str:
        votes = group_gender[root]
        if len(votes) == 1:
            return next(iter(votes))
        if not votes:
            chain = chains[root]
            return first_names.get(_name_tokens(chain.key)[0], "")
        return ""

    leftovers: dict[str, list[int]] = defaultdict(list)
    for i in partials:
        chain = chains[i]
        own = _name_tokens(chain.key)[-1:] if chain.label == "PERSON" else []
        mine = context[chain.x] - {f"k:{link_key(chain.key, chain.label)}",
                                   *(f"s:{w}" for w in own)}
        titles = {t.lower() for t in chain.titles}
        scored = []
        for root in sorted(by_tail.get(_short_name(chain), ())):
            if not _gender_agrees(gender_of(root), chain.gender):
                continue
            shared = mine & set(group_context[root]) - {f"g:{root}"}
            score = sum(math.log(articles / frequency[item]) for item in shared)
            score += 2.0 * len(titles & group_titles[root])
            scored.append((score, root))
        scored.sort(reverse=True)
        log.debug("surname %r in %s: %s", chain.key, chain.document,
                  [(round(sc, 2), chains[r].name) for sc, r in scored[:3]])
        # Candidates the article names itself make its surname ambiguous (Mukesh and Anil
        # Ambani in one report): no tie is broken then.
        named_here = {root for _, root in scored if chain.x in group_articles[root]}
        target = _best_supported(scored, group_size, named_here)
        if target is not None:
            _union(groups, chains, target, i, merges, "short name, on evidence in the article")
        else:
            leftovers[link_key(chain.key, chain.label)].append(i)
    # The surnames left are one entity per name, or one per gender when both are seen
    # ("Mr Howard", "Mrs Howard"); those without an honorific go with the commoner gender.
    for members in leftovers.values():
        by_gender: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_gender[chains[i].gender].append(i)
        gendered = sorted((g for g in by_gender if g), key=lambda g: (-len(by_gender[g]), g))
        if gendered:
            by_gender[gendered[0]].extend(by_gender.pop("", []))
        for group in by_gender.values():
            for i in group[1:]:
                _union(groups, chains, group[0], i, merges, "same name")


def _best_supported(scored: list[tuple[float, int]], size: Counter[int],
                    named_here: set[int]) -> int | None:
    """The candidate a surname links to: the one with enough evidence and clearly more than
    the next; or, among candidates with about as much evidence (the people of one family in
    one story), the one the articles name far more often than each of the others (the
    story's subject, not the brother quoted once), when the evidence is strong and the
    article names none of them in full (``named_here``)."""
    if not scored or scored[0][0] < _EVIDENCE:
        return None
    if len(scored) == 1 or scored[0][0] >= 1.5 * scored[1][0]:
        return scored[0][1]
    if scored[0][0] < _STRONG_EVIDENCE:
        return None
    close = [root for score, root in scored if score * 1.5 > scored[0][0]]
    if named_here & set(close):
        return None
    top = max(close, key=lambda root: (size[root], -root))
    if all(size[top] >= 3 * size[root] for root in close if root != top):
        return top
    return None


def _learned_genders(chains: list[_Chain], partials: set[int]) -> dict[str, str]:
    """First names seen with a gendered honorific, and only one gender, in the corpus."""
    seen: dict[str, set[str]] = defaultdict(set)
    for i, chain in enumerate(chains):
        if i not in partials and chain.gender and _is_full_person(chain):
            seen[_name_tokens(chain.key)[0]].add(chain.gender)
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}


def _finish(extractions: Sequence[Extraction], chains: list[_Chain], groups: _Groups,
            merges: list[Merge], renames: dict[str, str], named_by_user: dict[int, str]
            ) -> Resolution:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(chains)):
        members[groups.find(i)].append(i)
    found: list[tuple[_Chain, list[int], Entity | None]] = []
    for indices in members.values():
        prior = None
        if len(indices) == 1:
            total = chains[indices[0]]  # most entities are one chain: no copy
            prior = total.known
        else:
            total = _Chain(-1, "")
            for i in indices:
                total.absorb(chains[i])
                prior = chains[i].known or prior
        user = [named_by_user[i] for i in indices if i in named_by_user]
        if user:
            total.prefer(user[0])  # the entity the user merged into keeps its name
        if prior is not None or total.members:
            found.append((total, indices, prior))
    # A surname left alone is named with its honorific when another entity has that surname:
    # "Mrs Howard" beside "Michael Howard".
    clashes = Counter(total.key.split()[-1] for total, _, _ in found if total.key.split())

    def name_of(total: _Chain, prior: Entity | None) -> str:
        if total.key in renames:
            return renames[total.key]
        if prior is not None:
            longer = len(total.name.split()) > len(prior.name.split())
            return total.name if longer else prior.name
        if clashes[total.key] > 1 and total.honorifics and " " not in total.name:
            return f"{total.honorifics.most_common(1)[0][0]} {total.name}"
        return total.name if total.preferred else total.display_name()

    named = sorted(((prior.key if prior else name_key(name_of(total, prior)), min(indices),
                     total, indices, prior) for total, indices, prior in found),
                   key=lambda n: (n[0], n[1]))
    used: set[str] = {prior.key for *_, prior in named if prior is not None}
    entities: list[Entity] = []
    assignment = Assignment()
    final_names: dict[str, str] = {}
    for key, _first, total, indices, prior in named:
        if prior is None:
            base, n = key, 2
            while key in used:
                key, n = f"{base} ({n})", n + 1
            used.add(key)
        name = name_of(total, prior)
        for i in indices:
            for m in chains[i].members:
                assignment[(chains[i].x, m)] = key
            final_names[chains[i].name] = name
        aliases = (total.aliases | set(total.surfaces)) - {name}
        mentions = sum(total.surfaces.values())
        if prior is not None:
            aliases |= set(prior.aliases) | ({prior.name} - {name})
            mentions += prior.mentions - max(prior.mentions, 1)
        entities.append(Entity(
            key=key, name=name, label=total.label, aliases=tuple(sorted(aliases)),
            mentions=mentions,
            documents=tuple(sorted({chains[i].document for i in indices if chains[i].x >= 0})),
            titles=tuple(t for t, _ in sorted(total.titles.items(),
                                              key=lambda kv: (-kv[1], kv[0]))),
        ))
    entities.sort(key=lambda e: e.key)
    final = [Merge(m.alias, final_names.get(m.entity, m.entity), m.reason, m.document)
             for m in merges]
    return Resolution(tuple(entities), assignment,
                      tuple(dict.fromkeys(m for m in final if m.alias != m.entity)))

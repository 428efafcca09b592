"""One sense per discourse, across articles: names the NER tagged in other articles, found
again where it missed them.

The small NER model tags "Bluejays" in one article and not in the next; within an article
:mod:`graphbuild.extract.entities` already re-tags a name where the article tagged it
elsewhere. Here the whole corpus is the discourse. The pass is two pure functions, so that it
can stream over records kept on disk:

- :func:`corpus_names` reads every extraction once and keeps what is small: each name the
  NER tagged, with the articles that tagged it as each label, and how often the corpus writes
  each word in lower case and capitalised inside a sentence;
- :func:`retag` takes one extraction and those names, and returns the extraction with the
  mentions it finds appended at the end of its mentions (so the indices that relations,
  roles and quotations hold stay valid). A person's name that starts with a word the corpus
  writes in lower case, before a name it tags as a person, loses that word in place
  ("Coroner Gary Hargrove"), and a mention the NER cut short of a name the corpus tags is
  made that name in place ("Indianapolis" GPE of "the Indianapolis Colts won" becomes the
  ORG "Indianapolis Colts": the name goes on over capitalised words no other mention holds,
  and no capitalised word or number follows it).

Both are deterministic functions of the set of records, whatever their order, so a build in
several ``--store`` parts re-tags exactly as one build does.

A name is taken from the corpus (:meth:`CorpusNames.known`) when the NER gave it one label in
at least :data:`MIN_ARTICLES` articles and in most of the articles that tagged it; a name of
one word only when the corpus rarely writes that word in lower case ("Labour" but not
"labour", "Live" nor "live"), and not a common abbreviation ("TV", "GMT",
:data:`~graphbuild.lexicon.COMMON_ABBREVIATIONS`). An occurrence becomes a mention only where
the name stands as written, on word boundaries, outside every mention of the article, and not
as a part of a longer name ("Big Apple", "Lloyds of London", "Xbox 2"); a one-word name not as
the first word of a sentence nor in a headline, where every word is capitalised. Where the
article tags the name itself, the mention takes the article's label.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from .lexicon import (
    COMMON_ABBREVIATIONS,
    DETERMINERS,
    GENDERED_HONORIFICS,
    GIVEN_NAMES,
    HONORIFICS,
    NAME_PARTICLE_WORDS,
)
from .types import Extraction, Mention

MIN_ARTICLES = 2
"""A name is re-tagged only when the NER tagged it (as the same label) in this many articles."""

LABEL_SHARE = 0.75
"""... and gave it that label in this share of the articles that tagged it: words the tagger
labels now one way, now another, are often no names ("MPs" as PERSON and ORG)."""

LOWER_SHARE = 0.05
"""A one-word name, only when the corpus writes the word in lower case at most this often for
each time it writes it capitalised inside a sentence."""

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
"""The labels re-tagged: names of people, organisations and places. Titles of works and
products are too often common words ("Live", "Friends")."""

_MAX_WORDS = 6
# A word: letters and digits, joined by dots, hyphens and apostrophes ("U.S", "al-Assad",
# "O'Brien"), but not a possessive ("Bush's" is "Bush"); "&" inside a name is a word too.
_WORD = re.compile(r"\w+(?:[.\-]\w+)*(?:['’](?![sS]\b)\w+)*|&")
_JOINERS = NAME_PARTICLE_WORDS | {"of", "and", "&", "the", "for", "on"}
_INNER_JOINERS = NAME_PARTICLE_WORDS | {"of", "&"}
_HONORIFIC_STEMS = frozenset(h.rstrip(".") for h in HONORIFICS)
_NOT_NAME_STARTS = DETERMINERS | HONORIFICS


@dataclass(frozen=True)
class CorpusNames:
    """What :func:`retag` needs to know of the corpus (see :func:`corpus_names`).

    ``labels`` maps each tagged name (its words) to how many articles tagged it as each label;
    ``lower`` and ``capital`` count how often each word (lower-cased) is written in lower
    case, and capitalised but not first in a sentence.
    """

    labels: Mapping[tuple[str, ...], Counter[str]]
    lower: Counter[str]
    capital: Counter[str]

    def longest(self) -> dict[str, int]:
        """The first word of each known name -> the most words of a known name it starts."""
        return self._longest

    def known(self) -> dict[tuple[str, ...], str]:
        """The names to re-tag (their words -> label), by the rules of the module."""
        return self._known

    # Worked out once, on first use (a frozen dataclass may still cache in its __dict__).
    @cached_property
    def _known(self) -> dict[tuple[str, ...], str]:
        known: dict[tuple[str, ...], str] = {}
        for words, votes in self.labels.items():
            label = _majority(votes)
            articles = votes[label]
            if label not in LABELS or articles < MIN_ARTICLES or \
                    articles < LABEL_SHARE * sum(votes.values()):
                continue
            if len(words) == 1:
                word = words[0].lower()
                if self.lower[word] > LOWER_SHARE * self.capital[word] or \
                        word in COMMON_ABBREVIATIONS:
                    continue
                # A first name alone names someone different in each article.
                if label == "PERSON" and word in GIVEN_NAMES:
                    continue
            known[words] = label
        return known

    @cached_property
    def _longest(self) -> dict[str, int]:
        longest: dict[str, int] = {}
        for words in self._known:
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        return longest


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _spaced(text: str, found: list[re.Match[str]], a: int, b: int) -> bool:
    """Words ``a`` and ``b`` of ``found`` are next to each other, spaces apart (no line
    break)."""
    gap = text[found[a].end():found[b].start()]
    return not gap.strip() and "\n" not in gap


def _majority(votes: Mapping[str, int]) -> str:
    """The label most votes give (ties: the label later in the alphabet)."""
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...] | None:
    """The words of a name that can be found again as written, or None: every word is
    capitalised but the joiners ("Bank of England", "Staffan de Mistura"), and the words are
    separated by spaces only."""
    found = _words(name)
    if not found or len(found) > _MAX_WORDS or " ".join(m.group() for m in found) != name:
        return None
    words = tuple(m.group() for m in found)
    if not words[0][0].isupper() or not all(
            w[0].isupper() or w[0].isdigit() or w.lower() in _JOINERS for w in words):
        return None
    if words[-1].lower() in _JOINERS or not any(c.isalpha() for c in name):
        return None
    return words


def _sentence_firsts(extraction: Extraction, found: list[re.Match[str]]) -> set[int]:
    """The indices of the first words of the sentences and of the lines (titles, captions):
    an opening quote or bracket before the word is no word."""
    text = extraction.document.text
    word_starts = [m.start() for m in found]
    starts = {s.start for s in extraction.sentences} | {0}
    starts.update(m.end() for m in re.finditer(r"\n", text))
    firsts = {bisect_left(word_starts, start) for start in starts}
    firsts.discard(len(found))
    return firsts


def corpus_names(extractions: Iterable[Extraction]) -> CorpusNames:
    """The names the NER tagged in ``extractions`` and the case of their words.

    One pass; the result does not depend on the order of ``extractions``.

    >>> from graphbuild.types import Document, Sentence
    >>> x = Extraction(Document("a", "Ann Lee met Acme."), (Sentence("Ann Lee met Acme.", 0,
    ...     17),), (Mention("Ann Lee", "Ann Lee", "PERSON", 0, 7, 0),), (), (), 4)
    >>> dict(corpus_names([x, x]).labels[("Ann", "Lee")])
    {'PERSON': 2}
    """
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for extraction in extractions:
        tagged = {(words, m.label) for m in extraction.mentions
                  if (words := _name_words(" ".join(m.name.split()))) is not None}
        for words, label in tagged:
            labels[words][label] += 1
        found = _words(extraction.document.text)
        firsts = _sentence_firsts(extraction, found)
        words = [m.group() for m in found]
        lower.update(w for w in words if w.islower())
        capital.update(w.lower() for k, w in enumerate(words)
                       if w[0].isupper() and k not in firsts)
    return CorpusNames(dict(labels), lower, capital)


def _headline(extraction: Extraction, sentence: int) -> bool:
    """Most words of three letters or more after the first are capitalised, or the sentence is
    a line of its own without a full stop (a title)."""
    text = extraction.document.text
    span = extraction.sentences[sentence]
    words = [w for w in _WORD.findall(span.text)[1:] if len(w) > 2 and w.isalpha()]
    if words and sum(w[0].isupper() for w in words) > 0.6 * len(words):
        return True
    line_start = text.rfind("\n", 0, span.start) + 1
    line = text[line_start:text.find("\n", span.start) % (len(text) + 1)].rstrip()
    return not text[line_start:span.start].strip() and not line.endswith(
        (".", "!", "?", '"', "”", "'", ":"))


def retag(extraction: Extraction, names: CorpusNames) -> Extraction:
    """``extraction`` with the mentions of :meth:`CorpusNames.known` names that the NER
    missed appended to its mentions (see the module's rules); the same record when there are
    none.

    >>> from graphbuild.types import Document, Sentence
    >>> def x(text, *mentions):
    ...     return Extraction(Document(text[:3], text), (Sentence(text, 0, len(text)),),
    ...                       mentions, (), (), 9)
    >>> a = x("Then the Bluejays won.", Mention("Bluejays", "Bluejays", "ORG", 9, 17, 0))
    >>> b = x("Fans said the Bluejays lost.")
    >>> names = corpus_names([a, replace(a, document=Document("z", a.document.text)), b])
    >>> [(m.name, m.start) for m in retag(b, names).mentions]
    [('Bluejays', 14)]
    """
    known = names.known()
    text = extraction.document.text
    found = _words(text)
    words = [m.group() for m in found]
    longest = names.longest()
    cleaned = [_without_descriptor(m, text, names) for m in extraction.mentions]
    if not any(w in longest for w in words):
        return _with(extraction, cleaned, [])
    # A name the article tags itself keeps the article's label for it.
    own: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for m in extraction.mentions:
        if (w := _name_words(" ".join(m.name.split()))) is not None:
            own[w][m.label] += 1
    covered = sorted((m.start, m.end) for m in extraction.mentions)
    cleaned = _extended(cleaned, text, found, words, known, own, covered)
    covered = sorted((m.start, m.end) for m in cleaned)
    starts = [s for s, _ in covered]
    ends_before: list[int] = []  # the furthest end of the mentions up to each one
    for _, end in covered:
        ends_before.append(max(end, ends_before[-1] if ends_before else 0))

    def overlaps(start: int, end: int) -> bool:
        k = bisect_right(starts, end - 1) - 1
        return k >= 0 and ends_before[k] > start

    sentence_starts = [s.start for s in extraction.sentences]
    headlines: dict[int, bool] = {}

    def sentence_of(k: int) -> int:
        return max(bisect_right(sentence_starts, found[k].start()) - 1, 0)

    def first(k: int) -> bool:  # the first word of a sentence or of a line
        return k == 0 or "\n" in text[found[k - 1].end():found[k].start()] or \
            sentence_of(k) != sentence_of(k - 1)

    def headline(sentence: int) -> bool:
        if sentence not in headlines:
            headlines[sentence] = bool(extraction.sentences) and _headline(extraction, sentence)
        return headlines[sentence]

    def spaced(a: int, b: int) -> bool:
        return _spaced(text, found, a, b)

    def capitalised(k: int) -> bool:
        return words[k][0].isupper() and words[k].lower() not in _NOT_NAME_STARTS

    added: list[Mention] = []
    after = 0  # the first word a new mention may start at
    for k in [k for k, w in enumerate(words) if w in longest]:
        if k < after:
            continue
        for n in range(min(longest[words[k]], len(found) - k), 0, -1):
            name_words = tuple(words[k:k + n])
            label = known.get(name_words)
            if label is None:
                continue
            if name_words in own:
                label = _majority(own[name_words])
            last = k + n - 1
            if not all(spaced(j, j + 1) for j in range(k, last)):
                continue
            start, end = found[k].start(), found[last].end()
            if overlaps(start, end):
                continue
            # Part of a longer name the NER did not tag either: a capitalised run ("Big
            # Apple"), a name with "of" ("Lloyds of London"), a number after ("Xbox 2").
            if k > 0 and spaced(k - 1, k) and (capitalised(k - 1) or (
                    words[k - 1] in _INNER_JOINERS and k > 1 and spaced(k - 2, k - 1)
                    and capitalised(k - 2))):
                continue
            if last + 1 < len(found) and spaced(last, last + 1) and (
                    words[last + 1][0].isupper() or words[last + 1][0].isdigit()):
                continue
            if n == 1 and (first(k) or headline(sentence_of(k))):
                continue
            gender = ""
            before = words[k - 1].lower() if k > 0 and spaced(k - 1, k) else ""
            if before.rstrip(".") in _HONORIFIC_STEMS:
                if label != "PERSON":
                    continue
                gender = GENDERED_HONORIFICS.get(before, "")
            name = text[start:end]
            added.append(Mention(name, name, label, start, end, sentence_of(k), gender))
            after = last + 1
            break
    return _with(extraction, cleaned, added)


def _extended(mentions: list[Mention], text: str, found: list[re.Match[str]], words: list[str],
              known: Mapping[tuple[str, ...], str],
              own: Mapping[tuple[str, ...], Counter[str]],
              covered: list[tuple[int, int]]) -> list[Mention]:
    """``mentions`` with each one the NER cut short of a known name it starts ("Indianapolis"
    of "the Indianapolis Colts won") made that name, in place: the longest known name that
    goes on from the mention's words over capitalised words no other mention holds, spaces
    apart, with no capitalised word or number after it."""
    starts = [m.start() for m in found]
    ends = {m.end() for m in found}
    out = []
    for mention in mentions:
        mine = _name_words(" ".join(mention.name.split()))
        k = bisect_left(starts, mention.start)
        if mine and k < len(words) and words[k] != mine[0] and words[k].lower() in DETERMINERS:
            k += 1
        last = k + len(mine or ()) - 1
        if not mine or tuple(words[k:last + 1]) != mine or found[last].end() != mention.end \
                or mention.end not in ends:
            out.append(mention)
            continue
        best = None
        for n in range(min(_MAX_WORDS, len(words) - k), len(mine), -1):
            name_words = tuple(words[k:k + n])
            if name_words not in known:
                continue
            end_word = k + n - 1
            if not all(_spaced(text, found, j, j + 1) for j in range(last, end_word)):
                continue
            if not all(w[0].isupper() or w[0].isdigit() for w in words[last + 1:end_word + 1]):
                continue
            end = found[end_word].end()
            if any(s < end and e > mention.end for s, e in covered if (s, e) != (
                    mention.start, mention.end)):
                continue
            if end_word + 1 < len(found) and _spaced(text, found, end_word, end_word + 1) and (
                    words[end_word + 1][0].isupper() or words[end_word + 1][0].isdigit()):
                continue
            votes = own.get(name_words)
            label = _majority(votes) if votes else known[name_words]
            best = replace(mention, text=text[mention.start:end], name=" ".join(name_words),
                           label=label, end=end)
            break
        out.append(best or mention)
    return out


def _with(extraction: Extraction, cleaned: list[Mention], added: list[Mention]) -> Extraction:
    if not added and all(a is b for a, b in zip(cleaned, extraction.mentions, strict=True)):
        return extraction
    return replace(extraction, mentions=tuple(cleaned) + tuple(added))


def _without_descriptor(mention: Mention, text: str, names: CorpusNames) -> Mention:
    """A person's name without a word in front that the corpus writes in lower case more
    often than capitalised ("Coroner Gary Hargrove", "Kicker Ryan Succop": a descriptor the
    NER took in), when the rest is a name the corpus tags as a person."""
    words = mention.name.split()
    if mention.label != "PERSON" or len(words) < 3 or words[0].lower() in _INNER_JOINERS:
        return mention
    first = words[0].lower()
    if names.lower[first] <= names.capital[first]:
        return mention
    rest = _name_words(" ".join(words[1:]))
    votes = names.labels.get(rest) if rest else None
    if not votes or _majority(votes) != "PERSON":
        return mention
    start = text.find(rest[0], mention.start, mention.end)
    if start < 0:
        return mention
    return replace(mention, name=" ".join(rest), start=start)

"""Read ECB+ (Cybulska and Vossen, LREC 2014): texts, and the gold named entity mentions.

The corpus (``../shared/benchmarks/ecbplus``, see its SOURCE.md and README.txt) gives each
article as tokens with sentence numbers, mentions as ``<Markables>`` over token ids, and
coreference as ``CROSS_DOC_COREF`` (mentions -> an instance shared across the articles of a
topic) and ``INTRA_DOC_COREF`` (mentions -> a chain within one article) relations.

What is evaluated, from the corpus's own description:

- only the sentences listed in ``ECBplus_coreference_sentences.csv`` (the README: mentions
  outside them are not reliably annotated);
- only the entity mentions: ``HUMAN_PART_PER`` (people), ``HUMAN_PART_ORG`` (organisations),
  ``LOC_GEO``, ``LOC_FAC``, ``LOC_OTHER`` and ``HUMAN_PART_GPE`` (places: a country or city
  acting as a participant is still a place name);
- only *named* mentions: after a leading determiner, every content word is capitalised
  ("Lindsay Lohan", "the Betty Ford Center"; not "the actress", "police", "she"), and at least
  one word is a proper name: a word the corpus never writes in lower case, or a capitalised
  word that does not start its sentence and is not in a headline-case sentence. A mention
  with a comma ("Palermo, Sicily") holds two names and is left out; so are pronouns ("I").

A mention's gold entity is the instance of its cross-document chain, else its in-document
chain, else the mention alone. The README says the cross-document stage "was focused on" the
two seminal events of each topic: a mention outside every chain was often not judged (the
FBI of six articles of topic 28 is six one-mention entities). ``score.py`` therefore scores
the chained mentions by default, and every mention with ``--all-mentions``.

The text handed to graphbuild is rebuilt from the tokens (no space before closing
punctuation, ``'s`` and ``n't``), one sentence per paragraph. The URL that ``ecbplus``
files carry as sentence 0 is left out. Token character offsets are kept, so system mentions
can be matched to gold mentions by character overlap.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "ecbplus"

TYPES = {
    "HUMAN_PART_PER": "people",
    "HUMAN_PART_ORG": "organisations",
    "LOC_GEO": "places", "LOC_FAC": "places", "LOC_OTHER": "places", "HUMAN_PART_GPE": "places",
}
"""Gold mention tags that name entities, and the type they are scored under."""

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "'s", "n't", "'", "%", "'re",
                    "'ve", "'ll", "'d", "'m", "’s", "...", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
_FUNCTION_WORDS = {"of", "the", "and", "de", "for", "in", "on", "at", "&", "la", "le", "du",
                   "van", "von", "da", "del", "al", "bin", "y", "'s", "’s", "-", "to", "a"}
# Words left off the front of a mention: determiners, and the preposition that the place
# annotation sometimes takes in ("in Canada", "at Mt Cook").
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
                "their", "our", "my", "your", "in", "at", "on", "from", "to", "near", "into",
                "of", "for", "by", "across", "outside", "inside"}

_PRONOUNS = {"i", "he", "she", "it", "we", "they", "you", "him", "her", "them", "us", "me"}


@dataclass(frozen=True)
class Article:
    id: str  # "1_10ecbplus"
    topic: str
    text: str
    title: str


@dataclass(frozen=True)
class GoldMention:
    article: str
    topic: str
    start: int  # character offsets in Article.text
    end: int
    text: str
    name: str  # normalised: lower case, no leading determiner, dots or possessive
    type: str  # people | organisations | places
    entity: str  # gold entity id
    chained: bool  # in a coreference relation (else an entity of its own, or not judged)


def normalise(text: str) -> str:
    """The name a mention is compared by: lower case, no leading "the", dots, possessive.

    >>> normalise("the U.S.'s"), normalise("Betty  Ford Center")
    ('us', 'betty ford center')
    """
    words = text.replace("’", "'").lower().replace(".", "").split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'"):  # "the Nationals'"
        words[-1] = words[-1][:-1]
    return " ".join(words)


def read_corpus(root: Path = DEFAULT_ROOT) -> tuple[list[Article], list[GoldMention]]:
    """All articles of the corpus and their gold named entity mentions."""
    selected: dict[str, set[int]] = defaultdict(set)
    with open(root / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    parsed = []
    for path in sorted((root / "ECB+").glob("*/*.xml"),
                       key=lambda p: (int(p.parent.name), p.name)):
        parsed.append((path, ET.parse(path).getroot()))
    lower_words = {t.text.lower() for _, xml in parsed for t in xml.iter("token")
                   if t.text and t.text[:1].islower()}
    articles: list[Article] = []
    mentions: list[GoldMention] = []
    for path, xml in parsed:
        article, gold = _read_article(path, xml, selected.get(path.stem, set()), lower_words)
        articles.append(article)
        mentions.extend(gold)
    return articles, mentions


def _read_article(path: Path, xml: ET.Element, selected: set[int], lower_words: set[str]
                  ) -> tuple[Article, list[GoldMention]]:
    doc_id, topic = path.stem, path.parent.name
    skip_first = path.stem.endswith("ecbplus")  # sentence 0 is the page's URL
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    position: dict[str, int] = {}
    words: dict[str, str] = {}
    by_sentence: dict[int, list[str]] = defaultdict(list)
    parts: list[str] = []
    length = 0
    previous = ""
    sentence = None
    open_quote = False
    for token in xml.iter("token"):
        s = int(token.get("sentence", "0"))
        if skip_first and s == 0:
            continue
        text = token.text or ""
        tid = token.get("t_id", "")
        if sentence is None:
            gap = ""
        elif s != sentence:
            gap, open_quote = "\n\n", False
        elif text in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            gap = ""
        elif text == '"':
            gap = "" if open_quote else " "
        elif previous == '"' and open_quote:
            gap = ""
        else:
            gap = " "
        if text == '"':
            open_quote = not open_quote
        parts.append(gap)
        length += len(gap)
        offsets[tid] = (length, length + len(text))
        parts.append(text)
        length += len(text)
        sentence_of[tid] = s
        position[tid] = int(token.get("number", "0"))
        words[tid] = text
        by_sentence[s].append(tid)
        previous, sentence = text, s
    text = "".join(parts)
    first = min(by_sentence) if by_sentence else 0
    title = " ".join(words[t] for t in by_sentence.get(first, []))
    headline = {s for s, tids in by_sentence.items() if _headline_case([words[t] for t in tids])}

    markables = xml.find("Markables")
    relations = xml.find("Relations")
    instance: dict[str, str] = {}
    anchors: dict[str, list[str]] = {}
    tags: dict[str, str] = {}
    for markable in (markables if markables is not None else []):
        mid = markable.get("m_id", "")
        tags[mid] = markable.tag
        anchors[mid] = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if markable.get("instance_id"):
            instance[mid] = markable.get("instance_id", "")
    entity_of: dict[str, str] = {}
    for relation in (relations if relations is not None else []):
        target = relation.find("target")
        if target is None:
            continue
        tid = target.get("m_id", "")
        chain = instance.get(tid) or f"{doc_id}#{tid}"
        for source in relation.iter("source"):
            entity_of[source.get("m_id", "")] = chain

    gold: list[GoldMention] = []
    for mid, tag in tags.items():
        kind = TYPES.get(tag)
        tids = [t for t in anchors.get(mid, []) if t in offsets]
        if kind is None or not tids or len(tids) != len(anchors[mid]):
            continue
        if any(sentence_of[t] not in selected for t in tids):
            continue
        tokens = [(words[t], position[t], sentence_of[t]) for t in tids]
        if not _named(tokens, headline, lower_words):
            continue
        start, end = offsets[tids[0]][0], offsets[tids[-1]][1]
        written = text[start:end]
        gold.append(GoldMention(doc_id, topic, start, end, written, normalise(written), kind,
                                entity_of.get(mid, f"{doc_id}#{mid}"), mid in entity_of))
    return Article(doc_id, topic, text, title), gold


def _headline_case(tokens: list[str]) -> bool:
    long = [t for t in tokens if len(t) > 3 and t.isalpha()]
    return len(long) >= 3 and sum(t[0].isupper() for t in long) / len(long) > 0.6


def _named(tokens: list[tuple[str, int, int]], headline: set[int], lower_words: set[str]
           ) -> bool:
    while tokens and tokens[0][0].lower() in _DETERMINERS:
        tokens = tokens[1:]
    if any(t[0] in (",", ";") for t in tokens):
        return False  # "Palermo, Sicily": a name and where it is, two names in one mention
    content = [t for t in tokens if t[0].lower() not in _FUNCTION_WORDS
               and re.search(r"[A-Za-z]", t[0])]
    if (not content or not all(t[0][0].isupper() or t[0][0].isdigit() for t in content)
            or not any(t[0][0].isupper() for t in content)
            or (len(content) == 1 and content[0][0].lower() in _PRONOUNS
                and (content[0][0] == "I" or not content[0][0].isupper()))):
        return False
    for word, number, sentence in content:
        if word.lower() not in lower_words:
            return True
        if number > 0 and sentence not in headline and not word.isupper():
            return True
    return False

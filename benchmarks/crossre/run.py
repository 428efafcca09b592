"""Run graphbuild and two baselines over CrossRE sentences; score them with score.py.

Usage::

    python benchmarks/crossre/run.py --gold ../shared/benchmarks/crossre/news-dev.json \\
        [--output pairs.jsonl] [--model NAME] [--show-errors N]

Each sentence is parsed as given (its tokens are handed to spaCy, marked as one sentence,
with the spaces of running text: none before a closing bracket or a comma, none after an
opening bracket) and run through graphbuild's own NER and extract stage, as in a build. graphbuild's
relations are then mapped onto CrossRE's gold mentions:

* an argument mention stands for every gold mention whose characters it overlaps (spaCy's
  "Phil Simmons" for gold "Phil Simmons", "West Indian" for "West Indian all-rounder");
* a relation counts for the gold pair (subject's gold mention, object's gold mention);
  titles with an affiliation ("Russian Foreign Minister X" -> X affiliated with Russia) are
  relations too, as they are edges of the graph;
* two mentions that entity resolution makes one entity by an acronym ("the Italian Liberal
  Party (PLI)") are a pair too: the graph records the acronym as an alias of the entity
  (``skos:altLabel``, a row of merges.csv), which is what CrossRE's "named" label says (one
  mention is another name of the other); other merges (a surname after the full name) are
  coreference and are not counted;
* a relation whose argument overlaps no gold mention is not scored (counted as "unmapped").
  CrossRE's mentions include no dates, so a statement's time (``gb:time``) has no gold
  mention to count for.

Baselines, on the gold mentions:

* ``adjacent``: each gold mention with the next one in the sentence;
* ``verb-path``: two gold mentions whose dependency path (between their head tokens) goes
  through a verb, as in an "every verb-linked pair" relation extractor.

Prints the score table (score.py) and the parse and extract times.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import score as scorer  # noqa: E402

from graphbuild.extract import extract  # noqa: E402
from graphbuild.nlp import load_model  # noqa: E402
from graphbuild.resolve import name_key, resolve  # noqa: E402
from graphbuild.types import Document, Extraction  # noqa: E402

Span = tuple[int, int]


# Tokens written without a space before them, and after them, as in running text: the
# extractor reads "Centre of Social Democrats (CDS)" as a name and its acronym only when the
# brackets hug it, as they do in the news it is built for.
_NO_SPACE_BEFORE = frozenset({")", "]", ",", ".", ":", ";", "%", "'s", "?", "!"})
_NO_SPACE_AFTER = frozenset({"(", "["})


def _spaces(tokens: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space in the sentence's text."""
    return [k + 1 < len(tokens) and token not in _NO_SPACE_AFTER
            and tokens[k + 1] not in _NO_SPACE_BEFORE for k, token in enumerate(tokens)]


def sentence_doc(vocab: object, tokens: Sequence[str]) -> Doc:
    """An unparsed Doc of the gold tokens, one sentence."""
    return Doc(vocab, words=list(tokens), spaces=_spaces(tokens),  # type: ignore[arg-type]
               sent_starts=[True] + [False] * (len(tokens) - 1))


def token_offsets(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Character offsets of each token in the sentence's text (as :func:`sentence_doc`)."""
    out, position = [], 0
    for token, space in zip(tokens, _spaces(tokens), strict=True):
        out.append((position, position + len(token)))
        position += len(token) + space
    return out


def gold_at(sentence: scorer.GoldSentence, start: int, end: int) -> list[Span]:
    """The gold mentions whose characters overlap [start, end)."""
    offsets = token_offsets(sentence.tokens)
    return [(s, e) for s, e, _ in sentence.mentions
            if offsets[s][0] < end and start < offsets[e][1]]


def graphbuild_pairs(sentence: scorer.GoldSentence, extraction: Extraction
                     ) -> tuple[list[tuple[Span, Span, str]], int]:
    """Gold pairs for graphbuild's relations (with the predicate), and how many relations
    could not be mapped."""
    def gold(mention: int) -> list[Span]:
        m = extraction.mentions[mention]
        return gold_at(sentence, m.start, m.end)

    edges = [(r.subject, r.object, r.predicate) for r in extraction.relations]
    edges += [(end, r.place, f"place:{r.predicate}") for r in extraction.relations
              if r.place is not None for end in (r.subject, r.object)]
    edges += [(role.mention, role.affiliation, f"role:{role.title}")
              for role in extraction.roles if role.affiliation is not None]
    edges += [(a, b, "alias") for a, b in alias_pairs(extraction)]
    pairs, unmapped = [], 0
    for subject, obj, predicate in edges:
        heads, tails = gold(subject), gold(obj)
        if not heads or not tails:
            unmapped += 1
        pairs.extend((h, t, predicate) for h in heads for t in tails if h != t)
    return pairs, unmapped


def alias_pairs(extraction: Extraction) -> list[tuple[int, int]]:
    """Pairs of mentions that entity resolution makes one entity by an acronym ("the Liberal
    Democrats (LD)", "the Italian Liberal Party ... PLI"): the graph records the acronym as
    an alias of the entity (skos:altLabel; a row of merges.csv), which is what CrossRE's
    "named" relation says."""
    resolution = resolve([extraction], retagging=False)
    acronyms = {name_key(m.alias) for m in resolution.merges if "acronym" in m.reason}
    entity = {m: key for (_, m), key in resolution.assignment.items()}
    names = [name_key(m.name) for m in extraction.mentions]
    return [(a, b) for a in range(len(names)) for b in range(a + 1, len(names))
            if a in entity and entity.get(b) == entity[a] and names[a] != names[b]
            and (names[a] in acronyms or names[b] in acronyms)]


def _head(doc: Doc, start: int, end: int) -> Token:
    inside = range(start, end + 1)
    return next((doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i),
                doc[end])


def _path(a: Token, b: Token) -> list[Token]:
    """The tokens on the dependency path from ``a`` to ``b``, both included."""
    up = [a, *a.ancestors]
    position = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in position:
            return up[:position[t.i] + 1] + down[::-1]
        down.append(t)
    return up + down[::-1]  # two roots: no common ancestor


def baselines(sentence: scorer.GoldSentence, doc: Doc) -> dict[str, list[list[int]]]:
    mentions = sorted((s, e) for s, e, _ in sentence.mentions)
    adjacent = [[*a, *b] for a, b in zip(mentions, mentions[1:], strict=False)]
    verb_path = []
    for k, a in enumerate(mentions):
        for b in mentions[k + 1:]:
            path = _path(_head(doc, *a), _head(doc, *b))
            inner = [t for t in path[1:-1] if not (a[0] <= t.i <= a[1] or b[0] <= t.i <= b[1])]
            if any(t.pos_ in ("VERB", "AUX") for t in inner):
                verb_path.append([*a, *b])
    return {"baseline-adjacent": adjacent, "baseline-verb-path": verb_path}


def run(gold: Sequence[scorer.GoldSentence], model: str | None
        ) -> Iterator[tuple[scorer.GoldSentence, Doc, Extraction, dict[str, object]]]:
    nlp = load_model(model)
    start = time.perf_counter()
    docs = list(nlp.pipe(sentence_doc(nlp.vocab, s.tokens) for s in gold))
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    extractions = [extract(Document(s.key, d.text), [(0, d)])
                   for s, d in zip(gold, docs, strict=True)]
    extract_seconds = time.perf_counter() - start
    print(f"{len(gold)} sentences: parse {parse_seconds:.2f} s, extract {extract_seconds:.2f} s "
          f"({extract_seconds / parse_seconds:.1%} of parse time)", file=sys.stderr)
    for sentence, doc, extraction in zip(gold, docs, extractions, strict=True):
        pairs, unmapped = graphbuild_pairs(sentence, extraction)
        systems: dict[str, object] = {"graphbuild": [[*h, *t] for h, t, _ in pairs]}
        systems.update(baselines(sentence, doc))
        row = {"doc_key": sentence.key, "has_verb": any(t.pos_ == "VERB" for t in doc),
               "unmapped": unmapped, "systems": systems,
               "predicates": [[*h, *t, p] for h, t, p in pairs]}
        yield sentence, doc, extraction, row


def _text(sentence: scorer.GoldSentence, span: Sequence[int]) -> str:
    return " ".join(sentence.tokens[span[0]:span[1] + 1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="graphbuild and baselines on CrossRE.")
    parser.add_argument("--gold", required=True, help="CrossRE JSON lines (a split)")
    parser.add_argument("--output", default=None, help="system pairs JSONL to write")
    parser.add_argument("--model", default=None, help="spaCy model name")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print N random false positives and N random misses")
    options = parser.parse_args(argv)
    gold = scorer.read_gold(options.gold)
    rows, false_pos, misses = [], [], []
    for sentence, _doc, _extraction, row in run(gold, options.model):
        rows.append(row)
        gold_pairs = {tuple(sorted(p)) for p in sentence.pairs}
        found = set()
        for h0, h1, t0, t1, predicate in row["predicates"]:  # type: ignore[attr-defined]
            pair = tuple(sorted([(h0, h1), (t0, t1)]))
            found.add(pair)
            if pair not in gold_pairs:
                false_pos.append(f"{_text(sentence, (h0, h1))} | {predicate} | "
                                 f"{_text(sentence, (t0, t1))}   << {' '.join(sentence.tokens)}")
        for pair, labels in sentence.pairs.items():
            if tuple(sorted(pair)) not in found:
                misses.append(f"{_text(sentence, pair[0])} -{'/'.join(sorted(labels))}-> "
                              f"{_text(sentence, pair[1])}   << {' '.join(sentence.tokens)}")
    if options.output:
        Path(options.output).write_text("".join(json.dumps(r) + "\n" for r in rows),
                                        encoding="utf-8")
    print(scorer.format_table(scorer.score(gold, rows)))
    print(f"graphbuild relations not mapped onto gold mentions: "
          f"{sum(int(r['unmapped']) for r in rows)}")  # type: ignore[call-overload]
    if options.show_errors:
        rng = random.Random(13)
        print("\nfalse positives:")
        print("\n".join(rng.sample(false_pos, min(options.show_errors, len(false_pos)))))
        print("\nmisses:")
        print("\n".join(rng.sample(misses, min(options.show_errors, len(misses)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""CaRB open-IE benchmark scorer.

Re-implementation of the scoring method of Bhardwaj, Aggarwal and Mausam,
"CaRB: A Crowdsourced Benchmark for Open IE" (EMNLP 2019), following the
behaviour of the reference implementation (``dair-iitd/CaRB``, ``carb.py`` and
``matcher.py``; the CaRB(1-1) variant as in ``dair-iitd/openie6``).
Plain standard library, no numpy.

Input formats (tab separated, one tuple per line):

* gold: ``sentence  relation  arg1  arg2 ...`` (args containing ``"C: "`` skipped)
* system: ``sentence  confidence  relation  arg1  arg2 ...``

Method, in brief:

* every tuple is viewed as ``(relation, arg1, rest-of-args joined by spaces)``;
* per (gold, predicted) pair, whitespace tokens are matched exactly
  (case-sensitive, bag-of-words per part); precision = matched tokens /
  predicted tokens, recall = matched tokens / gold tokens, summed over the
  parts. No relation token in common means no credit (a predicted ``be``
  matches a gold be-form); a prediction missing arg1 (or arg2 when the gold
  has one) gets no credit either. For gold relations containing a "said"-type
  verb the predicted args may also be matched swapped; the better pair wins;
* at every threshold (each distinct system confidence) only predictions with
  confidence >= threshold count. Per sentence, precision credit comes from a
  greedy one-to-one matching on precision; recall credit is the best recall
  per gold tuple, or a greedy one-to-one matching on recall (CaRB(1-1));
* precision = credit / number of kept predictions (1 if none), recall =
  credit / number of gold tuples; F1 at the best threshold; AUC by the
  trapezoid rule over the (recall, precision) points plus (0, 1);
* gold and system sentences are joined on their text with spaces and ASCII
  punctuation removed (after undoing Penn-Treebank bracket escapes). Only
  gold sentences are scored; system sentences without gold only contribute
  thresholds.

Usage::

    python benchmarks/carb/score.py --gold GOLD --system SYSTEM [--single-match] [--json]
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Extraction", "match", "normalize_sentence", "read_gold", "read_system", "score"]

BE_FORMS: frozenset[str] = frozenset({"be", "is", "am", "are", "was", "were", "been", "being"})
"""Gold relation tokens that a predicted ``be`` may match."""

SAID_VERBS: tuple[str, ...] = ("said", "told", "added", "adds", "says")
"""Substrings of a gold relation that allow the predicted args to be swapped."""

PTB_ESCAPES: tuple[tuple[str, str], ...] = (
    ("(", "-LRB-"),
    (")", "-RRB-"),
    ("[", "-LSB-"),
    ("]", "-RSB-"),
    ("{", "-LCB-"),
    ("}", "-RCB-"),
)
"""Penn-Treebank bracket escapes, undone before sentence normalisation."""

GOLD_SKIP_MARKER = "C: "
"""Gold arguments containing this marker are dropped (as the reference reader does)."""

_PUNCT_TABLE = str.maketrans("", "", string.punctuation + " ")

Score = tuple[float, float]
"""A (precision, recall) pair for one gold/predicted tuple pair."""


@dataclass(frozen=True)
class Extraction:
    """One open-IE tuple: a relation, its arguments and a confidence."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0

    def binary(self) -> tuple[str, ...]:
        """Arguments as ``(arg1, rest joined by spaces)`` when there are two or more."""
        if len(self.args) >= 2:
            return (self.args[0], " ".join(self.args[1:]))
        return self.args


Corpus = dict[str, list[Extraction]]
"""Extractions grouped by normalised sentence, in file order."""


# --------------------------------------------------------------------------- reading


def normalize_sentence(text: str) -> str:
    """Join key for a sentence: no spaces, PTB brackets unescaped, ASCII punctuation removed."""
    text = text.replace(" ", "")
    for bracket, escape in PTB_ESCAPES:
        text = text.replace(escape, bracket)
    return text.translate(_PUNCT_TABLE)


def _tsv_rows(path: str | Path) -> Iterator[list[str]]:
    """Non-blank lines of ``path``, stripped and split on tabs."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line.strip().split("\t")


def _group(rows: Iterator[tuple[str, Extraction]]) -> Corpus:
    """Group extractions by raw sentence, then re-key by normalised sentence.

    Distinct raw sentences that normalise identically: the last one wins,
    as in the reference implementation.
    """
    by_text: dict[str, list[Extraction]] = {}
    for text, extraction in rows:
        by_text.setdefault(text, []).append(extraction)
    return {normalize_sentence(text): extractions for text, extractions in by_text.items()}


def read_gold(path: str | Path) -> Corpus:
    """Read a gold file: ``sentence \\t relation \\t arg1 \\t arg2 ...``."""

    def rows() -> Iterator[tuple[str, Extraction]]:
        for fields in _tsv_rows(path):
            if len(fields) < 2:
                raise ValueError(f"{path}: gold line needs a sentence and a relation: {fields!r}")
            args = tuple(arg.strip() for arg in fields[2:] if GOLD_SKIP_MARKER not in arg)
            yield fields[0].strip(), Extraction(fields[1].strip(), args)

    return _group(rows())


def read_system(path: str | Path) -> Corpus:
    """Read a system file: ``sentence \\t confidence \\t relation \\t arg1 \\t arg2 ...``."""

    def rows() -> Iterator[tuple[str, Extraction]]:
        for fields in _tsv_rows(path):
            if len(fields) < 3:
                raise ValueError(
                    f"{path}: system line needs sentence, confidence and relation: {fields!r}"
                )
            yield fields[0], Extraction(fields[2], tuple(fields[3:]), float(fields[1]))

    return _group(rows())


# --------------------------------------------------------------------------- matching


def _common_tokens(gold_tokens: Sequence[str], predicted_tokens: list[str]) -> int:
    """Count gold tokens found in ``predicted_tokens`` (multiset), consuming them in place."""
    matched = 0
    for token in gold_tokens:
        if token in predicted_tokens:
            predicted_tokens.remove(token)
            matched += 1
    return matched


def _match_parts(gold_relation: str, gold_args: Sequence[str], predicted: Extraction,
                 predicted_args: Sequence[str]) -> Score:
    """Token-level (precision, recall) of one predicted view against one gold view."""
    gold_tokens = gold_relation.split()
    predicted_tokens = predicted.relation.split()
    matched = _common_tokens(gold_tokens, predicted_tokens)
    if "be" in predicted_tokens and BE_FORMS.intersection(gold_tokens):
        matched += 1  # a leftover predicted "be" matches a gold be-form, once
    if matched == 0:
        return (0.0, 0.0)  # relation gate

    matched_precision = matched_recall = matched
    predicted_total, gold_total = len(predicted.relation.split()), len(gold_tokens)
    for position, gold_arg in enumerate(gold_args):
        gold_tokens = gold_arg.split()
        gold_total += len(gold_tokens)
        if position >= len(predicted_args):
            if position < 2:
                return (0.0, 0.0)  # arg1 / arg2 missing from the prediction
            continue
        predicted_tokens = predicted_args[position].split()
        predicted_total += len(predicted_tokens)
        matched = _common_tokens(gold_tokens, predicted_tokens)
        matched_precision += matched
        matched_recall += matched

    precision = matched_precision / predicted_total if predicted_total else 0.0
    recall = matched_recall / gold_total if gold_total else 0.0
    return (precision, recall)


def match(gold: Extraction, predicted: Extraction) -> Score:
    """CaRB's lenient binary tuple match of ``predicted`` against ``gold``.

    Extra predicted arguments beyond the gold's parts are ignored, as in the
    reference. When the gold relation contains a "said"-type verb, the
    predicted arguments are also tried swapped; the larger (precision,
    recall) pair, compared lexicographically, is returned.
    """
    gold_args = gold.binary()
    predicted_args = predicted.binary()
    result = _match_parts(gold.relation, gold_args, predicted, predicted_args)
    if any(verb in gold.relation for verb in SAID_VERBS) and len(predicted.args) >= 2:
        swapped = (predicted_args[1], predicted_args[0])
        result = max(result, _match_parts(gold.relation, gold_args, predicted, swapped))
    return result


# --------------------------------------------------------------------------- aggregation


def _greedy_one_to_one(
    matrix: Sequence[Sequence[Score]], columns: Sequence[int], part: int
) -> float:
    """Sum of ``part`` (0 precision, 1 recall) over a greedy one-to-one matching.

    Repeatedly takes the highest remaining cell (first in row-then-column
    order on ties, zeros included) among unused rows and the given unused
    columns, until rows or columns run out.
    """
    free_rows = list(range(len(matrix)))
    free_columns = list(columns)
    total = 0.0
    for _ in range(min(len(free_rows), len(free_columns))):
        best_row, best_column = max(
            ((row, column) for row in free_rows for column in free_columns),
            key=lambda cell: matrix[cell[0]][cell[1]][part],
        )
        total += matrix[best_row][best_column][part]
        free_rows.remove(best_row)
        free_columns.remove(best_column)
    return total


def _best_per_row(matrix: Sequence[Sequence[Score]], columns: Sequence[int]) -> float:
    """Sum over gold rows of the best recall among the given columns."""
    return sum(max((row[column][1] for column in columns), default=0.0) for row in matrix)


def _trapezoid(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Area under a monotonic curve by the trapezoid rule (sklearn ``auc`` semantics)."""
    steps = [b - a for a, b in zip(xs, xs[1:])]
    if all(step >= 0 for step in steps):
        direction = 1.0
    elif all(step <= 0 for step in steps):
        direction = -1.0
    else:
        raise ValueError("recall is not monotonic in the threshold; cannot compute AUC")
    return direction * sum(
        step * (y0 + y1) / 2.0 for step, y0, y1 in zip(steps, ys, ys[1:])
    )


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(
    gold_path: str | Path, system_path: str | Path, *, single_match: bool = False
) -> dict[str, float]:
    """Score a system file against a gold file with CaRB (or CaRB(1-1)).

    Returns a dict with ``auc``, and ``precision``, ``recall``, ``f1`` and
    ``threshold`` at the threshold of best F1 (the lowest such threshold on
    ties). Values are unrounded; all are 0 when the system has no tuples.
    """
    gold = read_gold(gold_path)
    system = read_system(system_path)
    thresholds = sorted({ex.confidence for extractions in system.values() for ex in extractions})
    if not thresholds:
        return {"auc": 0.0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "threshold": 0.0}
    index = {threshold: position for position, threshold in enumerate(thresholds)}

    size = len(thresholds)
    precision_credit, predicted_count = [0.0] * size, [0] * size
    recall_credit, gold_count = [0.0] * size, [0] * size
    for sentence, gold_extractions in gold.items():
        predicted = system.get(sentence, [])
        matrix = [[match(g, p) for p in predicted] for g in gold_extractions]
        # Each sentence contributes, at threshold t, the figures for its own
        # smallest confidence >= t; above its largest confidence only its gold count.
        start = 0
        for confidence in sorted({p.confidence for p in predicted}):
            kept = [j for j, p in enumerate(predicted) if p.confidence >= confidence]
            p_credit = _greedy_one_to_one(matrix, kept, 0)
            if single_match:
                r_credit = _greedy_one_to_one(matrix, kept, 1)
            else:
                r_credit = _best_per_row(matrix, kept)
            stop = index[confidence] + 1
            for k in range(start, stop):
                precision_credit[k] += p_credit
                predicted_count[k] += len(kept)
                recall_credit[k] += r_credit
            start = stop
        for k in range(size):
            gold_count[k] += len(gold_extractions)

    precisions = [c / n if n else 1.0 for c, n in zip(precision_credit, predicted_count)]
    recalls = [c / n if n else 0.0 for c, n in zip(recall_credit, gold_count)]
    f1s = [_f1(p, r) for p, r in zip(precisions, recalls)]
    best = max(range(size), key=f1s.__getitem__)
    return {
        "auc": _trapezoid(recalls + [0.0], precisions + [1.0]),
        "precision": precisions[best],
        "recall": recalls[best],
        "f1": f1s[best],
        "threshold": thresholds[best],
    }


# --------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Score open-IE output with the CaRB benchmark metric."
    )
    parser.add_argument("--gold", required=True, help="gold TSV: sentence, relation, args...")
    parser.add_argument(
        "--system", required=True, help="system TSV: sentence, confidence, relation, args..."
    )
    parser.add_argument("--single-match", action="store_true",
                        help="CaRB(1-1): one-to-one matching for recall too")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    options = parser.parse_args(argv)

    result = score(options.gold, options.system, single_match=options.single_match)
    if options.json:
        print(json.dumps(result))
    else:
        name = "CaRB(1-1)" if options.single_match else "CaRB"
        print(f"{name}  AUC {result['auc']:.3f}  P {result['precision']:.3f}  "
              f"R {result['recall']:.3f}  F1 {result['f1']:.3f}  threshold {result['threshold']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

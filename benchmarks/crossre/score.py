"""CrossRE scorer: untyped entity-pair recall and precision.

CrossRE (Bassignana and Plank, "CrossRE: A Cross-Domain Dataset for Relation Extraction",
Findings of EMNLP 2022) annotates, per sentence, the named-entity mentions (``ner``: token
spans, end inclusive) and the relations between them (``relations``: head span, tail span,
label, ...). The published task is typed relation classification over gold entities; we
score what a graph of entities needs: *which* pairs of gold mentions a system relates.

Method:

* A gold pair is a (head, tail) pair of gold mention spans with at least one relation; a
  pair with several labels counts once. Undirected scoring compares unordered pairs;
  directed scoring compares (head, tail) as annotated.
* A system file holds, per ``doc_key``, the pairs of gold mention spans the system relates
  (``run.py`` maps graphbuild's relations onto the gold spans: an argument mention stands
  for every gold mention whose characters it overlaps). Pairs that join a mention to itself
  are ignored.
* recall = gold pairs found / gold pairs; precision = system pairs that are gold pairs /
  system pairs (micro-averaged over the split). System relations whose arguments overlap no
  gold mention are not scored (CrossRE annotates only its entity mentions); run.py counts
  them separately.
* recall is also reported by gold label (a pair with two labels counts for each), and on the
  sentences that contain a verb (``has_verb`` in the system file, from the parse).

Usage::

    python benchmarks/crossre/score.py --gold news-dev.json --system pairs.jsonl [--json]

The system file is JSON lines: ``{"doc_key", "has_verb", "systems": {name: [[h0, h1, t0,
t1], ...]}}``; every system named in it is scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]
Pair = tuple[Span, Span]


@dataclass(frozen=True)
class GoldSentence:
    """One CrossRE sentence: its tokens, mentions and labelled pairs."""

    key: str
    tokens: tuple[str, ...]
    mentions: tuple[tuple[int, int, str], ...]
    pairs: Mapping[Pair, frozenset[str]]


def read_gold(path: str | Path) -> list[GoldSentence]:
    """The sentences of a CrossRE JSON-lines file."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        pairs: dict[Pair, set[str]] = defaultdict(set)
        for h0, h1, t0, t1, label, *_ in row["relations"]:
            if (h0, h1) != (t0, t1):
                pairs[((h0, h1), (t0, t1))].add(label)
        out.append(GoldSentence(
            row["doc_key"], tuple(row["sentence"]),
            tuple((s, e, t) for s, e, t in row["ner"]),
            {p: frozenset(v) for p, v in pairs.items()}))
    return out


def _undirected(pair: Pair) -> tuple[Span, Span]:
    a, b = pair
    return (a, b) if a <= b else (b, a)


@dataclass
class Tally:
    """Counts for one system on one split."""

    gold: int = 0
    system: int = 0
    correct: int = 0
    gold_verb: int = 0
    found_verb: int = 0
    gold_directed: int = 0
    system_directed: int = 0
    correct_directed: int = 0
    label_gold: Counter[str] = field(default_factory=Counter)
    label_found: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Mapping[Pair, frozenset[str]], system: Iterable[Pair],
            has_verb: bool) -> None:
        predicted = {p for p in system if p[0] != p[1]}
        gold_labels: dict[tuple[Span, Span], set[str]] = defaultdict(set)
        for pair, labels in gold.items():
            gold_labels[_undirected(pair)].update(labels)
        undirected = {_undirected(p) for p in predicted}
        hits = undirected & gold_labels.keys()
        self.gold += len(gold_labels)
        self.system += len(undirected)
        self.correct += len(hits)
        if has_verb:
            self.gold_verb += len(gold_labels)
            self.found_verb += len(hits)
        self.gold_directed += len(gold)
        self.system_directed += len(predicted)
        self.correct_directed += len(predicted & gold.keys())
        for pair, labels in gold_labels.items():
            for label in labels:
                self.label_gold[label] += 1
                self.label_found[label] += pair in hits

    def scores(self) -> dict[str, object]:
        def ratio(a: int, b: int, empty: float = 0.0) -> float:
            return round(a / b, 4) if b else empty

        return {
            "gold_pairs": self.gold, "system_pairs": self.system, "correct": self.correct,
            "recall": ratio(self.correct, self.gold),
            "precision": ratio(self.correct, self.system, 1.0),
            "recall_with_verb": ratio(self.found_verb, self.gold_verb),
            "gold_pairs_with_verb": self.gold_verb,
            "directed_recall": ratio(self.correct_directed, self.gold_directed),
            "directed_precision": ratio(self.correct_directed, self.system_directed, 1.0),
            "recall_by_label": {k: [self.label_found[k], n, ratio(self.label_found[k], n)]
                                for k, n in self.label_gold.most_common()},
        }


def score(gold: Sequence[GoldSentence], system_rows: Iterable[Mapping[str, object]]
          ) -> dict[str, dict[str, object]]:
    """Score every system of ``system_rows`` against ``gold``; sentences absent from the
    system file count as having no predictions (and no verb)."""
    rows = {str(r["doc_key"]): r for r in system_rows}
    names = sorted({n for r in rows.values() for n in r["systems"]})  # type: ignore[attr-defined]
    tallies = {n: Tally() for n in names}
    for sentence in gold:
        row = rows.get(sentence.key, {"systems": {}, "has_verb": False})
        systems: Mapping[str, list[list[int]]] = row["systems"]  # type: ignore[assignment]
        for name in names:
            pairs = [((h0, h1), (t0, t1)) for h0, h1, t0, t1 in systems.get(name, [])]
            tallies[name].add(sentence.pairs, pairs, bool(row.get("has_verb")))
    return {n: t.scores() for n, t in tallies.items()}


def format_table(results: Mapping[str, Mapping[str, object]]) -> str:
    """The scores as a plain-text table, then the recall by label."""
    lines = [f"{'system':<22} {'R':>6} {'P':>6} {'R(verb)':>8} {'dir R':>6} {'dir P':>6} "
             f"{'found':>6} {'gold':>5} {'pred':>5}"]
    for name, s in results.items():
        lines.append(f"{name:<22} {s['recall']:>6.3f} {s['precision']:>6.3f} "
                     f"{s['recall_with_verb']:>8.3f} {s['directed_recall']:>6.3f} "
                     f"{s['directed_precision']:>6.3f} {s['correct']:>6} {s['gold_pairs']:>5} "
                     f"{s['system_pairs']:>5}")
    for name, s in results.items():
        by_label = s["recall_by_label"]
        assert isinstance(by_label, dict)
        lines.append(f"recall by label, {name}: " + ", ".join(
            f"{k} {found}/{n}" for k, (found, n, _) in by_label.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score entity pairs against CrossRE.")
    parser.add_argument("--gold", required=True, help="CrossRE JSON lines")
    parser.add_argument("--system", required=True, help="system pairs, JSON lines")
    parser.add_argument("--json", action="store_true", help="print JSON")
    options = parser.parse_args(argv)
    gold = read_gold(options.gold)
    rows = [json.loads(line) for line in Path(options.system).read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    results = score(gold, rows)
    print(json.dumps(results, indent=1) if options.json else format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

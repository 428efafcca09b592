"""Exact and near-duplicate articles in the BBC news corpus (2,225 articles, 2004-2005).

    python benchmarks/duplicates.py [--bbc ../shared/benchmarks/bbc] [--threshold 0.7]
                                    [--examples 6] [--seed 0]

Reads every ``bbc_*.txt`` (SOURCE.txt describes the corpus; it is not an article) and runs the
finder graphbuild uses before extraction (:class:`graphbuild.ingest.duplicates.DuplicateFinder`,
MinHash LSH over word 5-shingles). It reports the copies it finds, split into exact (the same
words) and near ones, and checks every pair with the exact Jaccard similarity of the shingle
sets. As a baseline in the same run it counts byte-identical files (a SHA-256 of the file), the
simplest detector. For the threshold, it shows the exact similarity of the closest pair that is
*not* called a copy and a histogram of each article's best match. A few copies, picked with a
fixed seed, are printed side by side (first differing words) to check by eye.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.ingest.duplicates import (  # noqa: E402
    SHINGLE_WORDS,
    THRESHOLD,
    DuplicateFinder,
)

BBC = ROOT.parent / "shared" / "benchmarks" / "bbc"
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[k:k + SHINGLE_WORDS]) for k in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def first_difference(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    k = next((i for i, (x, y) in enumerate(zip(wa, wb, strict=False)) if x != y),
             min(len(wa), len(wb)))
    if k == len(wa) == len(wb):
        return "same words"
    return (f"word {k}: {' '.join(wa[max(0, k - 3):k + 6])!r} / "
            f"{' '.join(wb[max(0, k - 3):k + 6])!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, default=BBC)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--examples", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.bbc.is_dir():
        print(f"no BBC corpus at {args.bbc}: nothing to measure", file=sys.stderr)
        return 1
    paths = sorted(args.bbc.glob("bbc_*.txt"))
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    print(f"{len(texts)} articles in {args.bbc}")

    byte_copies = Counter(hashlib.sha256(t.encode()).hexdigest() for t in texts.values())
    baseline = sum(n - 1 for n in byte_copies.values())

    started = time.perf_counter()
    finder = DuplicateFinder(threshold=args.threshold)
    copies = {}
    for name, text in texts.items():
        found = finder.copy_of(name, text)
        if found is not None:
            copies[name] = found
    seconds = time.perf_counter() - started

    sets = {name: shingles(text) for name, text in texts.items()}
    exact = [n for n, c in copies.items() if c.similarity == 1.0]
    near = [n for n, c in copies.items() if c.similarity < 1.0]
    checked = {n: jaccard(sets[n], sets[c.original]) for n, c in copies.items()}
    below = {n: j for n, j in checked.items() if j < args.threshold}
    cross = sum(1 for n, c in copies.items() if n.split("_")[1] != c.original.split("_")[1])
    print(f"baseline (byte-identical files): {baseline} copies")
    print(f"finder (threshold {args.threshold}, {SHINGLE_WORDS}-word shingles): "
          f"{len(copies)} copies of {len(set(c.original for c in copies.values()))} originals "
          f"in {seconds:.1f} s; {len(exact)} with the same words, {len(near)} near")
    print(f"  exact Jaccard of the pairs: min {min(checked.values(), default=1):.3f}; "
          f"{len(below)} below the threshold; {cross} pairs across two BBC sections")

    # Each article's best match among the others (exact Jaccard through shared shingles).
    index: dict[str, list[str]] = {}
    for name, s in sets.items():
        for shingle in s:
            index.setdefault(shingle, []).append(name)
    best: dict[str, tuple[float, str]] = {}
    for name, s in sets.items():
        shared = Counter(other for shingle in s for other in index[shingle] if other != name)
        scored = [(shared[o] / len(s | sets[o]), o) for o in shared]
        best[name] = max(scored, default=(0.0, ""))
    missed = sorted(((j, n, o) for n, (j, o) in best.items()
                     if j >= args.threshold and n not in copies and o not in copies
                     and n > o), reverse=True)
    closest_other = max((j for n, (j, o) in best.items()
                         if n not in copies and copies.get(o) is None and j < 1.0
                         and not (j >= args.threshold)), default=0.0)
    bins = Counter(min(int(j * 10), 9) for j, _ in best.values())
    print("  best match per article, exact Jaccard: "
          + ", ".join(f"{b / 10:.1f}-{(b + 1) / 10:.1f}: {bins[b]}" for b in range(10)))
    print(f"  pairs at or above the threshold the finder missed: {len(missed)}; "
          f"closest pair below the threshold: {closest_other:.3f}")
    for j, n, o in missed:
        print(f"    missed: {n} / {o} (exact {j:.3f}): {texts[n].splitlines()[0][:50]!r} / "
              f"{texts[o].splitlines()[0][:50]!r}")
    for name in sorted(copies, key=lambda n: checked[n])[:args.examples]:
        print(f"    least similar copy: {name} / {copies[name].original} (exact "
              f"{checked[name]:.3f}): {texts[name].splitlines()[0][:40]!r} / "
              f"{texts[copies[name].original].splitlines()[0][:40]!r}")

    rng = random.Random(args.seed)
    shown = rng.sample(sorted(exact), min(len(exact), args.examples // 2)) + rng.sample(
        sorted(near), min(len(near), args.examples - args.examples // 2))
    for name in shown:
        copy = copies[name]
        print(f"\n{name} copies {copy.original} (estimated {copy.similarity:.3f}, "
              f"exact {checked[name]:.3f})")
        print(f"  {texts[name].strip().splitlines()[0][:70]!r} / "
              f"{texts[copy.original].strip().splitlines()[0][:70]!r}")
        print(f"  first difference: {first_difference(texts[name], texts[copy.original])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

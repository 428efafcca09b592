"""The duplicate audit: the most-mentioned entities of a sample of BBC articles, for a reader.

Usage::

    python benchmarks/entity_audit.py [--folder DIR] [--articles 300] [--seed 12] [--top 60]
                                      [--topics politics,business] [--cache FILE]

Picks ``--articles`` files (0: all) of the named topics (``all``: every topic) from the BBC
folder (``../shared/benchmarks/bbc``
by default) with a fixed seed, parses and extracts them (the records are cached in
``--cache`` so the audit can be re-run on a new resolver in seconds), resolves them, and
prints the ``--top`` entities by mentions with their type, articles and aliases, followed
by the entities that may still be split: other entities whose name ends with the same word,
or that hold one of their aliases. Whether each is a real split or a wrong merge is for the
reader to judge: this prints the evidence, it does not score. It also prints how long
resolution took against parsing (issue 12: under 5%), e.g. with
``--articles 0 --topics all --top 0`` for all 2,225 articles.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild.resolve import name_key, resolve  # noqa: E402
from graphbuild.types import Document, Extraction  # noqa: E402
from graphbuild.workers import extract_documents  # noqa: E402

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc"


def pick(folder: Path, topics: list[str], n: int, seed: int) -> list[Path]:
    """``n`` articles of ``topics``, chosen with ``seed``, in a stable order."""
    files = sorted(p for p in folder.glob("bbc_*.txt") if p.name.split("_")[1] in topics)
    return sorted(random.Random(seed).sample(files, min(n, len(files))))


def load(paths: list[Path], cache: Path | None) -> tuple[list[Extraction], float]:
    """The extraction records of ``paths`` and the seconds spaCy took to parse them."""
    names = [p.name for p in paths]
    if cache is not None and cache.is_file():
        with open(cache, "rb") as f:
            saved = pickle.load(f)
        if saved["names"] == names:
            return list(saved["extractions"]), saved["parse_seconds"]
    documents = [Document(id=p.stem, text=p.read_text(encoding="utf-8", errors="replace"))
                 for p in paths]
    batch = extract_documents(documents)
    extractions = list(batch.extractions)
    if cache is not None:
        with open(cache, "wb") as f:
            pickle.dump({"names": names, "extractions": extractions,
                         "parse_seconds": batch.parse_seconds}, f)
    return extractions, batch.parse_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--topics", default="politics,business")
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no BBC articles at {args.folder}: skipped", file=sys.stderr)
        return 2
    topics = sorted({p.name.split("_")[1] for p in args.folder.glob("bbc_*.txt")}) \
        if args.topics == "all" else args.topics.split(",")
    paths = pick(args.folder, topics, args.articles or 10**9, args.seed)
    extractions, parse_seconds = load(paths, args.cache)
    started = time.perf_counter()
    resolution = resolve(extractions)
    seconds = time.perf_counter() - started
    print(f"parse {parse_seconds:.1f} s (1 process), resolve {seconds:.2f} s: "
          f"{100 * seconds / max(parse_seconds, 1e-9):.1f}% of parse time")
    entities = sorted(resolution.entities, key=lambda e: (-e.mentions, e.key))
    by_last: dict[str, list[str]] = defaultdict(list)
    by_alias: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        words = name_key(e.name).split()
        if words:
            by_last[words[-1]].append(e.name)
        for alias in (e.name, *e.aliases):
            by_alias[name_key(alias)].append(e.name)
    print(f"{len(paths)} articles, {len(entities)} entities\n")
    for rank, e in enumerate(entities[:args.top], 1):
        aliases = ", ".join(e.aliases[:12]) + (" ..." if len(e.aliases) > 12 else "")
        print(f"{rank:>3}. {e.name} [{e.label}] {e.mentions} mentions, {len(e.documents)} "
              f"articles; aliases: {aliases or '-'}")
        words = name_key(e.name).split()
        near = {n for n in by_last.get(words[-1] if words else "", []) if n != e.name}
        near |= {n for a in (e.name, *e.aliases) for n in by_alias[name_key(a)] if n != e.name}
        if near:
            print(f"      may be split from: {'; '.join(sorted(near)[:10])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

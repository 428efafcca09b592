"""Incremental builds against one build: the same articles must give the same graph.

Usage::

    python benchmarks/incremental.py [--folder DIR] [--articles 150] [--seed 12]
                                     [--parts 1 2 3]

Picks ``--articles`` BBC articles (``../shared/benchmarks/bbc`` by default) with a fixed
seed, builds them once in memory, then for each number of ``--parts`` builds them into a new
``--store`` in that many runs (the articles split in order), and compares each store's
knowledge graph with the one-shot graph: entities, relation statements, and the triples
themselves (literals compared by value). Articles whose text is a copy of an earlier one
are left out (a store keeps a text once, by design).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import Graph, Literal  # noqa: E402

from graphbuild.pipeline import build_graph  # noqa: E402
from graphbuild.store import open_store, store_counts  # noqa: E402
from graphbuild.types import Document  # noqa: E402

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc"


def _normal(graph: Graph) -> set[tuple[object, object, object]]:
    def term(t: object) -> object:
        return (t.datatype, t.toPython()) if isinstance(t, Literal) else t
    return {(term(s), term(p), term(o)) for s, p, o in graph}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--parts", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no BBC articles at {args.folder}: skipped", file=sys.stderr)
        return 2
    files = sorted(args.folder.glob("bbc_*.txt"))
    paths = sorted(random.Random(args.seed).sample(files, min(args.articles, len(files))))
    # A store keeps one copy of a text (a second copy is "already in the store") while a build
    # in memory keeps both: the BBC set has a few such copies, left out here.
    texts = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    documents = [Document(id=name, text=text) for name, text in texts.items()
                 if text not in {t for n, t in texts.items() if n < name}]
    one = build_graph(documents)
    reference = _normal(one.graph)
    print(f"{len(documents)} articles, one build: {one.stats.entities} entities, "
          f"{one.stats.relations} statements, {len(reference)} triples")
    same = True
    for parts in args.parts:
        with tempfile.TemporaryDirectory() as folder:
            size = -(-len(documents) // parts)
            for k in range(parts):
                with build_graph(documents[k * size:(k + 1) * size], store=folder + "/kg"):
                    pass
            with open_store(folder + "/kg", read_only=True) as store:
                graph = _normal(store.graph)
                counts = store_counts(store)
        equal = graph == reference
        same &= equal
        print(f"{parts} part(s): {counts['entities']} entities, {counts['statements']} "
              f"statements, {len(graph)} triples; same graph as one build: {equal} "
              f"({len(graph - reference)} triples only here, {len(reference - graph)} only "
              f"in the one build)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

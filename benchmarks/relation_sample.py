"""Relations on BBC articles: coverage of entities, and a random sample to judge by hand.

Usage::

    python benchmarks/relation_sample.py --bbc ../shared/benchmarks/bbc [--articles 300]
        [--sample 50] [--seed 13]

Picks ``--articles`` articles at random (fixed seed), half from politics and half from
business, runs the extract and resolve stages, and prints:

* the share of entities (concepts excluded) that take part in at least one relation, the
  relations per article, and the extract time as a share of the parse time;
* ``--sample`` relations drawn at random (same seed), each with its sentence, pattern,
  negation, modality and speaker, for a reader to judge against the sentence.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild.resolve import resolve  # noqa: E402
from graphbuild.types import Document, Mention  # noqa: E402
from graphbuild.workers import extract_documents  # noqa: E402


def pick(folder: Path, articles: int, seed: int) -> list[Path]:
    """``articles`` files, half politics and half business, drawn with ``seed``.

    Raises:
        FileNotFoundError: ``folder`` holds no ``bbc_<topic>_NNN.txt`` of a topic (a wrong
            path would otherwise sample nothing and report 0 articles).
    """
    rng = random.Random(seed)
    out: list[Path] = []
    for topic in ("politics", "business"):
        files = sorted(folder.glob(f"bbc_{topic}_*.txt"))
        if not files:
            raise FileNotFoundError(f"{folder}: no bbc_{topic}_NNN.txt files")
        out += rng.sample(files, min(len(files), articles // 2))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", required=True, help="folder of bbc_<topic>_NNN.txt")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--unrelated", type=int, default=0, metavar="N",
                        help="also print N random entities without a relation, in context")
    options = parser.parse_args()
    try:
        paths = pick(Path(options.bbc), options.articles, options.seed)
    except FileNotFoundError as error:
        parser.error(str(error))
    documents = []
    for path in paths:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        documents.append(Document(id=path.stem, text=body.strip(), title=title.strip()))
    batch = extract_documents(documents)
    extractions = batch.extractions
    resolution = resolve(extractions)
    related = {resolution.assignment[(x, m)] for x, e in enumerate(extractions)
               for r in e.relations if resolution.holds(x, r) for m in (r.subject, r.object)}
    named = [e for e in resolution.entities if e.label != "CONCEPT"]
    covered = sum(1 for e in named if e.key in related)
    # (the graph skips a relation whose two ends are one entity or do not fit it: Resolution.holds)
    relations = [(x, r) for x, e in enumerate(extractions) for r in e.relations
                 if resolution.holds(x, r)]
    quotes = sum(len(getattr(e, "quotations", ())) for e in extractions)
    print(f"{len(documents)} articles: {len(named)} entities, {covered} "
          f"({covered / max(1, len(named)):.1%}) in at least one relation; "
          f"{len(relations)} relations, {quotes} quotations; "
          f"{len({r.predicate for _, r in relations})} predicates")
    print(f"parse {batch.parse_seconds:.1f} s, extract {batch.extract_seconds:.1f} s "
          f"({batch.extract_seconds / batch.parse_seconds:.1%} of parse time)")
    canonical = {e.key: e.name for e in resolution.entities}

    def mentions(x: int) -> tuple[Mention, ...]:
        # as re-tagging left them (cleaned in place, new ones at the end): what the
        # assignment numbers
        return resolution.retagged.get(x, extractions[x].mentions)

    rng = random.Random(options.seed)
    for n, (x, r) in enumerate(rng.sample(relations, min(options.sample, len(relations))), 1):
        e = extractions[x]
        # the mention's text, and the entity the graph holds when it is named otherwise
        # ("Russian" is a mention of Russia)
        names = [m.name if canonical.get(resolution.assignment[(x, k)], m.name) == m.name
                 else f"{m.name} (= {canonical[resolution.assignment[(x, k)]]})"
                 for k, m in enumerate(mentions(x))]
        extra = ", ".join(f"{k}={v}" for k, v in (
            ("negated", r.negated), ("modality", getattr(r, "modality", "")),
            ("said by", names[r.source] if r.source is not None else ""),
            ("class", getattr(r, "relation_class", "") or getattr(r, "action_class", ""))) if v)
        print(f"\n{n}. {names[r.subject]} | {r.predicate} | {names[r.object]}   "
              f"[{r.pattern} {r.confidence}{'; ' + extra if extra else ''}]  "
              f"({e.document.id})\n   {e.sentences[r.sentence].text}")
    if options.unrelated:
        where: dict[str, tuple[int, int]] = {}
        for (x, m), key in sorted(resolution.assignment.items()):
            where.setdefault(key, (x, m))
        lonely = [e for e in named if e.key not in related]
        print("\nentities without a relation:")
        for e in rng.sample(lonely, min(options.unrelated, len(lonely))):
            x, m = where[e.key]
            mention = mentions(x)[m]
            print(f"- {e.name} ({e.label}): {extractions[x].sentences[mention.sentence].text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

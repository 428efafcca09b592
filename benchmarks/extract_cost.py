"""Extraction's CPU time against spaCy's parse time, on the same Docs (issue 13: <= 10%).

Usage::

    python benchmarks/extract_cost.py CORPUS ... [--rounds N] [--against REF] [--cache DIR]
                                      [--profile FILE]

Each CORPUS is parsed once (its parse CPU seconds measured), then every document's parts
go through :func:`graphbuild.extract.extract` ``--rounds`` times; a document's extract time
is the fastest of its rounds (the machine is shared: the fastest round is the least
disturbed), and the corpus's the sum over its documents. A CORPUS is

- ``bbc``: the 2,225 BBC articles; ``bbc:300:5``: 300 of them, half politics and half
  business, drawn with seed 5 (as ``relation_sample.py --articles 300 --seed 5``);
- ``crossre``: the CrossRE news dev sentences, each one Doc of the gold tokens (as
  ``crossre/run.py``);
- any other path: the documents :func:`graphbuild.ingest.read_documents` reads there
  (``examples/syria``).

``--against REF`` times a second checkout in the same process, alternating the two on every
document, and compares their records byte for byte (pickles); REF is a commit of this
repository or the path of another checkout. ``--cache DIR`` keeps the parsed Docs (DocBin)
and the parse time of each corpus there, so that later runs skip the parse. ``--profile
FILE`` writes cProfile statistics of one pass of extract over every corpus instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import pickle
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "benchmarks" / "crossre"))

SHARED = ROOT.parent / "shared" / "benchmarks"
_NOT_ARTICLES = ("SOURCE", "README", "LICENSE")  # notes that sit beside the articles

Parsed = list[tuple[object, list[tuple[int, object]]]]  # [(Document, [(offset, Doc)])]


def _parse(corpus: str, nlp: object) -> tuple[Parsed, float]:
    """The documents of ``corpus`` with their parsed parts, and the parse CPU seconds."""
    from graphbuild.ingest import read_documents
    from graphbuild.nlp import parse
    from graphbuild.types import Document

    name, *args = corpus.split(":")
    if name == "crossre":
        import score as scorer
        from run import sentence_doc

        gold = scorer.read_gold(args[0] if args else SHARED / "crossre" / "news-dev.json")
        started = time.process_time()
        docs = list(nlp.pipe(sentence_doc(nlp.vocab, s.tokens)  # type: ignore[attr-defined]
                             for s in gold))
        cpu = time.process_time() - started
        return [(Document(s.key, d.text), [(0, d)]) for s, d in zip(gold, docs)], cpu
    if name == "bbc":
        folder = SHARED / "bbc"
        if args:
            from relation_sample import pick

            paths = pick(folder, int(args[0]), int(args[1]) if len(args) > 1 else 5)
        else:
            paths = sorted(folder.glob("bbc_*.txt"))
        documents = [d for p in paths for d in read_documents([p])]
    else:
        documents = [d for d in read_documents([corpus])
                     if not Path(d.source).stem.upper().startswith(_NOT_ARTICLES)]
    started = time.process_time()
    parsed = list(parse(documents, nlp))  # type: ignore[arg-type]
    return parsed, time.process_time() - started  # type: ignore[return-value]


def parsed_corpus(corpus: str, cache: Path | None) -> tuple[Parsed, float]:
    """:func:`_parse`, through the cache when there is one."""
    from spacy.tokens import DocBin

    from graphbuild.nlp import cached_model

    nlp = cached_model()
    path = None
    if cache is not None:
        key = hashlib.sha1(corpus.encode()).hexdigest()[:12]
        path = cache / f"{corpus.replace('/', '_').replace(':', '_')[-40:]}-{key}.pkl"
        if path.exists():
            shape, data, cpu = pickle.loads(path.read_bytes())
            docs = iter(DocBin().from_bytes(data).get_docs(nlp.vocab))
            return [(d, [(o, next(docs)) for o in offsets]) for d, offsets in shape], cpu
    parsed, cpu = _parse(corpus, nlp)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=True)
        for _, parts in parsed:
            for _, doc in parts:
                bin_.add(doc)
        shape = [(d, [o for o, _ in parts]) for d, parts in parsed]
        path.write_bytes(pickle.dumps((shape, bin_.to_bytes(), cpu)))
        return parsed_corpus(corpus, cache)  # time the Docs later runs will read
    return parsed, cpu


class Checkout:
    """The ``extract`` of one checkout of graphbuild, importable beside another: its modules
    are swapped into ``sys.modules`` while it runs (its functions import lazily)."""

    def __init__(self, root: Path, label: str) -> None:
        self.label = label
        mine = _take_modules()
        sys.path.insert(0, str(root))
        try:
            from graphbuild.extract import extract

            self.extract: Callable[..., object] = extract
        finally:
            sys.path.remove(str(root))
            self.modules = _take_modules()
            sys.modules.update(mine)

    @contextmanager
    def active(self) -> Iterator[None]:
        mine = _take_modules()
        sys.modules.update(self.modules)
        try:
            yield
        finally:
            _take_modules()
            sys.modules.update(mine)


def _take_modules() -> dict[str, object]:
    """Remove graphbuild's modules from ``sys.modules`` and return them."""
    names = [n for n in sys.modules if n == "graphbuild" or n.startswith("graphbuild.")]
    return {n: sys.modules.pop(n) for n in names}


def _export(ref: str, into: Path) -> Path:
    """A checkout of ``ref``: a path as it is, a commit exported with ``git archive``."""
    if Path(ref).is_dir():
        return Path(ref)
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "graphbuild"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def _record_bytes(extraction: object) -> bytes:
    """The pickle of an extraction's records (not its document: both checkouts got the same
    one, of this checkout's class); its checkout's modules must be active."""
    return pickle.dumps([getattr(extraction, f.name) for f in fields(extraction)  # type: ignore[arg-type]
                         if f.name != "document"])


def timed(checkouts: list[Checkout], parsed: Parsed, rounds: int
          ) -> tuple[dict[str, float], int]:
    """Each checkout's extract CPU seconds over ``parsed`` (fastest round per document), and
    how many documents' records differ from the first checkout's."""
    total = {c.label: 0.0 for c in checkouts}
    differ = 0
    clock = time.process_time
    gc.disable()  # a collection lands on whichever call happens to run; collect between
    try:
        for document, parts in parsed:
            best = {c.label: float("inf") for c in checkouts}
            records: dict[str, bytes] = {}
            for r in range(rounds):
                # alternate the order, so neither always runs on a warm cache
                for checkout in checkouts if r % 2 == 0 else checkouts[::-1]:
                    with checkout.active():
                        started = clock()
                        extraction = checkout.extract(document, parts)
                        spent = clock() - started
                        if r == 0:
                            records[checkout.label] = _record_bytes(extraction)
                    best[checkout.label] = min(best[checkout.label], spent)
            differ += len(set(records.values())) > 1
            for label, seconds in best.items():
                total[label] += seconds
            gc.collect()
    finally:
        gc.enable()
    return total, differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", metavar="CORPUS")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", metavar="REF",
                        help="a commit or checkout path to time and compare with this one")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep parsed Docs here")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="write cProfile statistics of extract instead of timing")
    options = parser.parse_args()

    corpora = {c: parsed_corpus(c, options.cache) for c in options.corpora}
    if options.profile:
        from graphbuild.extract import extract

        profile = cProfile.Profile()
        for parsed, _ in corpora.values():
            for document, parts in parsed:
                profile.runcall(extract, document, parts)
        profile.dump_stats(options.profile)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        checkouts = [Checkout(ROOT, "this")]
        if options.against:
            checkouts.append(Checkout(_export(options.against, Path(scratch)),
                                      options.against))
        differ_any = 0
        for corpus, (parsed, parse_cpu) in corpora.items():
            total, differ = timed(checkouts, parsed, options.rounds)
            differ_any += differ
            cells = "; ".join(f"{label} {seconds:.3f} s ({seconds / parse_cpu:.1%})"
                              for label, seconds in total.items())
            line = (f"{corpus}: {len(parsed)} documents, parse {parse_cpu:.2f} s CPU; "
                    f"extract {cells}")
            if options.against:
                this, other = total["this"], total[options.against]
                line += f"; this/other {this / other:.3f}; records differ in {differ}"
            print(line, flush=True)
    return 1 if differ_any else 0


if __name__ == "__main__":
    sys.exit(main())

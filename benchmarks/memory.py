"""Peak memory of each writing stage, from a build's N-Triples, without parsing again.

Usage::

    python benchmarks/memory.py GRAPH.nt [GRAPH.nt ...] [--copies 1 3 10] [--keep FOLDER]

Each file is loaded into a temporary on-disk store (as ``graphbuild build`` leaves it) and
written with :func:`graphbuild.outputs.write_outputs` (one process), in a fresh Python process
per file and number of copies. ``--copies N`` first replicates the graph ``N`` times under new
article ids, as ``benchmarks/throughput.py --copies N --keep-duplicates`` reads the articles:
every article, statement and quotation again with ``-cK`` after its id, the sentence
co-mentions naming the copies too, the entities shared. (Entity counts stay those of one
copy: they are numbers, not memory.) The writing stage is where a plain build peaks, so this
measures in minutes what the full build measures in an hour.

Reported for every stage (the networkx conversion, the metrics, each writer): the resident
memory after it and the peak while it ran (sampled every 0.02 s), and the seconds it took;
the peak of the writing (the loading, which holds the replicated lines, left out), and the
objects the writers left in reference cycles (kept until the end, as the build turns Python's
collector off while it writes).
``--keep FOLDER`` copies the files written (of the last run) there, e.g. to ``cmp`` them with
another branch's.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_MIB = 1024 ** 2
_ARTICLE = b" <https://schema.org/NewsArticle> .\n"
_PER_ARTICLE = re.compile(rb"<(https://[^>]*/(?:document|statement|quote)/[^>]*)>")
_IDENTIFIER = re.compile(rb'(<https://schema\.org/identifier> "[^"]*)"')


def replicated(path: str, copies: int) -> bytes:
    """The N-Triples of ``path`` with every article ``copies`` times over, sorted, each once."""
    lines = set()
    for line in open(path, "rb"):
        if not line.strip():
            continue
        lines.add(line)
        subject = line.split(b" ", 1)[0]
        per_article = _PER_ARTICLE.fullmatch(subject) is not None
        if not per_article and not (b"/comention/" in subject and b"vocab#document>" in line):
            continue  # an entity's (or a merge's) triple: one for all copies
        for k in range(2, copies + 1):
            copy = _PER_ARTICLE.sub(lambda m: b"<%s-c%d>" % (m[1], k), line)  # noqa: B023
            lines.add(_IDENTIFIER.sub(lambda m: b'%s-c%d"' % (m[1], k), copy))  # noqa: B023
    return b"".join(sorted(lines))


class _Stages:
    """Resident memory after each stage and its peak while it ran, sampled by a thread."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.rows: list[dict[str, float | str]] = []
        self.peak = 0
        self.last = time.perf_counter()
        self.done = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self.done:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.02)

    def mark(self, stage: str) -> None:
        rss = self.process.memory_info().rss
        now = time.perf_counter()
        self.rows.append({"stage": stage, "rss": rss / _MIB,
                          "peak": max(self.peak, rss) / _MIB, "seconds": now - self.last})
        self.peak, self.last = rss, now


def _watch(stages: _Stages) -> None:
    """Mark a stage after every writer :func:`write_outputs` calls."""
    from graphbuild import outputs
    from graphbuild.outputs import gephi, rdf_files, tables

    def wrapped(module: object, name: str) -> None:
        function = getattr(module, name)

        def run(*args: object, **kwargs: object) -> object:
            result = function(*args, **kwargs)
            stages.mark(name)
            return result

        setattr(module, name, run)

    for module, name in [(outputs, "to_networkx"), (outputs, "add_metrics"),
                         (outputs, "write_html"), (rdf_files, "write_turtle"),
                         (rdf_files, "write_jsonld"), *((gephi, n) for n in (
                             "write_gexf", "write_graphml", "write_nodes_csv",
                             "write_edges_csv", "write_bipartite_gexf")),
                         (tables, "write_triples_csv"), (tables, "write_merges_csv")]:
        wrapped(module, name)


def measure(path: str, copies: int, keep: str | None = None) -> dict:
    """Load ``path`` (``copies`` times over) into a store and write every output file."""
    import pyoxigraph as ox

    from graphbuild import outputs
    from graphbuild.pipeline import without_gc
    from graphbuild.store import open_store

    stages = _Stages()
    _watch(stages)
    with tempfile.TemporaryDirectory() as folder:
        ntriples = Path(folder) / "graph.nt"
        ntriples.write_bytes(replicated(path, copies))
        with open(ntriples, "rb") as lines:
            documents = sum(line.endswith(_ARTICLE) for line in lines)
        store = open_store(Path(folder) / "store")
        triples = ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
        while part := list(islice(triples, 50_000)):
            store.oxigraph.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in part)
        stages.mark("load")
        out = Path(folder) / "out"
        with without_gc():
            outputs.write_outputs(store.graph, out, ntriples=ntriples)
        stages.mark("done")
        cycles = gc.collect()  # what the writers left for a collector the build turned off
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            for name in os.listdir(out):
                shutil.copy(out / name, Path(keep) / name)
        store.close()
    stages.done = True
    return {"file": path, "copies": copies, "documents": documents, "stages": stages.rows,
            "cycles": cycles}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graphs", nargs="+", help="N-Triples of a build (KnowledgeGraph.ntriples)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1])
    parser.add_argument("--keep", help="copy the files written (of the last run) into KEEP")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.graphs[0], args.copies[0], args.keep)))
        return 0
    for path in args.graphs:
        for copies in args.copies:
            run = subprocess.run([sys.executable, __file__, path, "--child", "--copies",
                                  str(copies), *(["--keep", args.keep] if args.keep else [])],
                                 check=True, capture_output=True, text=True)
            result = json.loads(run.stdout.splitlines()[-1])
            print(f"{path}  x{copies}  {result['documents']:,} articles")
            print(f"  {'stage':<20} {'rss MiB':>8} {'peak MiB':>9} {'seconds':>8}")
            for row in result["stages"]:
                print(f"  {row['stage']:<20} {row['rss']:8.0f} {row['peak']:9.0f} "
                      f"{row['seconds']:8.1f}")
            writing = [r["peak"] for r in result["stages"] if r["stage"] != "load"]
            print(f"  {'peak writing':<20} {'':>8} {max(writing):9.0f}")
            print(f"  objects in reference cycles left: {result['cycles']:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

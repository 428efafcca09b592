"""graphbuild's throughput against the spaCy ceiling, on the same texts, model and processes.

Usage::

    python benchmarks/throughput.py [FOLDER] [--processes N ...] [--limit N ...] [--model NAME]

FOLDER defaults to ``../shared/benchmarks/bbc`` (2,225 BBC articles, about 850,000 words) when
it is there. For every number of articles (``--limit``, 0 for all) and of processes, two runs,
each in a fresh Python process so that memory and timings do not leak from one to the other:

- the ceiling: the same spaCy pipeline graphbuild loads (same components excluded), with
  ``nlp.pipe(texts, batch_size=16, n_process=N)``, doing nothing with the Docs;
- graphbuild: ``build_graph`` from the files to the records, the graph, and every output
  file (``KnowledgeGraph.write``), with the records and the graph on disk
  (``on_disk=True``), as ``graphbuild build`` without a store.

Both load the model before the clock starts (spaCy's and graphbuild's forked workers inherit
it), so the numbers compare the work per word, not start-up.

Reported: words per second of both (the words graphbuild counted) and their ratio, the same
in CPU seconds (user + system of the process and its workers: on a machine busy with other
work, wall-clock times are noisy but CPU time per word much less so), the peak
resident memory of the whole process tree (sampled every 0.1 s, summing the parent and its
workers; forked workers share pages with the parent, so this overstates a little), and the
time of each stage. ``parse`` and ``extract`` add up the time of every worker.

``--copies 1 10`` reads the articles ten times over under new ids (``id-c2``, ...), streamed
from the files each time, for memory against corpus size (duplicate detection is then off, so
every copy is parsed; ``--keep-duplicates`` turns it off at one copy too, so that the 1 and 10
copies rows parse the same articles: 2,225 and 22,250); ``--build-only`` skips the ceiling. ``--sentence-filter`` builds with
``build_graph(sentence_filter=True)`` (only the sentences that can give a relation parsed);
the ceiling stays the full pipeline over every text.

Targets (issue 16): graphbuild >= 0.95 of the ceiling at 1 and 2 processes; 2 processes
>= 1.85 x 1 process; a plain build of 22,250 articles (``--limit 0 --copies 10``) under
1.5 GB peak, growing clearly less than linearly. A full BBC run takes about 3 minutes per
process count and kind on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc"
_GIB = 1024 ** 3


_SAMPLER = """
import select, sys, psutil
watched, me, peak = psutil.Process(int(sys.argv[1])), psutil.Process().pid, 0
while not sys.stdin.closed:
    total = 0
    for process in [watched, *watched.children(recursive=True)]:
        try:
            total += process.memory_info().rss if process.pid != me else 0
        except psutil.Error:
            pass
    peak = max(peak, total)
    if select.select([sys.stdin], [], [], 0.1)[0]:
        break
print(peak)
"""


class PeakMemory:
    """The peak resident memory of this process and all its children, sampled every 0.1 s by
    a separate process (a thread here would keep graphbuild from forking its writer)."""

    def __init__(self) -> None:
        self.peak = 0

    def __enter__(self) -> PeakMemory:
        self._sampler = subprocess.Popen([sys.executable, "-c", _SAMPLER, str(os.getpid())],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._sampler.communicate("stop\n")
        self.peak = int(out.strip() or 0)


_NOT_ARTICLES = ("SOURCE", "README", "LICENSE")  # notes that sit beside the articles


def _documents(folder: str, limit: int, copies: int = 1):  # -> Iterator[Document]
    """The articles of ``folder`` (the first ``limit``), ``copies`` times over: each copy
    read again from the files, under new ids (``id-c2``, ...), so nothing holds them all."""
    from dataclasses import replace

    from graphbuild.ingest import read_documents

    for copy in range(1, copies + 1):
        documents = (d for d in read_documents([folder])
                     if not Path(d.source).stem.upper().startswith(_NOT_ARTICLES))
        for document in islice(documents, limit) if limit else documents:
            yield document if copy == 1 else replace(document, id=f"{document.id}-c{copy}")


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have exited."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _maxrss() -> dict[str, int]:
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN is the largest child waited for.
    return {"maxrss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "maxrss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}


def measure_ceiling(folder: str, limit: int, processes: int, model: str | None,
                    copies: int = 1) -> dict:
    """Plain ``nlp.pipe`` over the texts, discarding the Docs."""
    from graphbuild.nlp import load_model

    texts = [d.text for d in _documents(folder, limit, copies)]
    nlp = load_model(model)
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), _cpu()
        for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
            pass
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {"documents": len(texts), "seconds": seconds, "cpu": cpu, "peak_rss": memory.peak,
            "model": nlp.meta.get("name", ""), **_maxrss()}


def measure_build(folder: str, limit: int, processes: int, model: str | None,
                  copies: int = 1, sentence_filter: bool = False,
                  keep_duplicates: bool = False) -> dict:
    """graphbuild from files to every output file."""
    from graphbuild.nlp import cached_model
    from graphbuild.pipeline import build_graph

    # Load the model before the clock starts, as the ceiling does; forked workers inherit it
    # as spaCy's do.
    cached_model(model)
    with PeakMemory() as memory, tempfile.TemporaryDirectory() as out:
        started, cpu = time.perf_counter(), _cpu()
        # on disk, as the command line builds without a store
        with build_graph(_documents(folder, limit, copies), model=model,
                         n_process=processes, keep_duplicates=keep_duplicates or copies > 1,
                         sentence_filter=sentence_filter, on_disk=True) as kg:
            kg.write(out)
            seconds, cpu = time.perf_counter() - started, _cpu() - cpu
            triples = len(kg.graph)
    return {"documents": kg.stats.documents, "words": kg.stats.words, "seconds": seconds,
            "cpu": cpu,
            "peak_rss": memory.peak, "stages": kg.seconds, "triples": triples,
            "entities": kg.stats.entities, "relations": kg.stats.relations, **_maxrss()}


def _child(kind: str, folder: str, limit: int, processes: int, model: str | None,
           copies: int = 1, sentence_filter: bool = False,
           keep_duplicates: bool = False) -> dict:
    command = [sys.executable, __file__, folder, "--measure", kind, "--limit", str(limit),
               "--processes", str(processes), "--copies", str(copies)] + (
                   ["--model", model] if model else []) + (
                   ["--sentence-filter"] if sentence_filter and kind == "build" else []) + (
                   ["--keep-duplicates"] if keep_duplicates and kind == "build" else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure_row(args: argparse.Namespace, limit: int, copies: int, processes: int) -> dict:
    """One build (and, unless ``--build-only``, one ceiling run right after it), printed."""
    build = _child("build", args.folder, limit, processes, args.model, copies,
                   args.sentence_filter, args.keep_duplicates)
    ceiling = (None if args.build_only
               else _child("ceiling", args.folder, limit, processes, args.model, copies))
    words = build["words"]
    row = {"limit": limit, "copies": copies, "processes": processes, "build": build,
           "ceiling": ceiling, "build_wps": words / build["seconds"],
           "ceiling_wps": words / ceiling["seconds"] if ceiling else 0.0}
    print(f"{build['documents']} articles, {words:,} words, {processes} process(es), load "
          f"average {os.getloadavg()[0]:.1f}:", flush=True)
    print(f"  {'':28}{'seconds':>9}{'words/s':>10}{'CPU s':>9}{'words/CPU s':>13}"
          f"{'peak RSS':>11}")
    runs = [("graphbuild (files->outputs)", build, row["build_wps"])]
    if ceiling:
        runs.insert(0, (f"ceiling ({ceiling['model']})", ceiling, row["ceiling_wps"]))
    for name, run, wps in runs:
        print(f"  {name:28}{run['seconds']:9.1f}{wps:10,.0f}{run['cpu']:9.1f}"
              f"{words / run['cpu']:13,.0f}{_gib(run['peak_rss']):>11}")
    if ceiling:
        print(f"  ratio {row['build_wps'] / row['ceiling_wps']:.3f} (target >= 0.95); in CPU "
              f"time {ceiling['cpu'] / build['cpu']:.3f}")
    stages = "  ".join(f"{k} {v:.1f}" for k, v in build["stages"].items())
    print(f"  stages (s): {stages}   (parse, extract: summed over workers)")
    print(f"  graph: {build['triples']:,} triples, {build['entities']:,} entities, "
          f"{build['relations']:,} relation statements; maxrss parent "
          f"{_gib(build['maxrss_self'])}, largest worker "
          f"{_gib(build['maxrss_children'])}\n", flush=True)
    return row


def _gib(n: int) -> str:
    return f"{n / _GIB:.2f} GiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER),
                        help=f"folder of articles (default: {DEFAULT_FOLDER})")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2],
                        help="numbers of processes to compare (default: 1 2)")
    parser.add_argument("--limit", type=int, nargs="+", default=[0],
                        help="numbers of articles, 0 for all (default: 0); e.g. 500 0")
    parser.add_argument("--model", help="spaCy pipeline (default: graphbuild's)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1],
                        help="the articles this many times over, under new ids (memory in "
                             "corpus size: e.g. --copies 1 3); default 1")
    parser.add_argument("--build-only", action="store_true",
                        help="measure graphbuild only, not the ceiling (for memory runs)")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="parse every article even at --copies 1 (duplicate detection "
                             "off, as it is for more copies): for memory against corpus size")
    parser.add_argument("--sentence-filter", action="store_true",
                        help="build with sentence_filter=True (parse only the sentences that "
                             "can give a relation)")
    parser.add_argument("--measure", choices=("ceiling", "build"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not Path(args.folder).is_dir():
        sys.exit(f"no folder {args.folder!r}: give a folder of articles (the BBC set lives in "
                 f"../shared/benchmarks/bbc)")
    if args.measure:  # a child run: one measurement, printed as JSON
        if args.measure == "ceiling":
            done = measure_ceiling(args.folder, args.limit[0], args.processes[0], args.model,
                                   args.copies[0])
        else:
            done = measure_build(args.folder, args.limit[0], args.processes[0], args.model,
                                 args.copies[0], args.sentence_filter, args.keep_duplicates)
        print(json.dumps(done))
        return 0

    print(f"# graphbuild throughput on {args.folder} ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start)\n")
    rows = []
    for limit in args.limit:
        for copies in args.copies:
            for processes in args.processes:
                rows.append(_measure_row(args, limit, copies, processes))

    print("## targets (issue 16)")
    for row in rows:
        ratio = (f"graphbuild / ceiling = {row['build_wps'] / row['ceiling_wps']:.3f} (>= 0.95); "
                 if row["ceiling"] else "")
        print(f"- {row['build']['documents']} articles, {row['processes']} process(es): "
              f"{ratio}peak RSS {_gib(row['build']['peak_rss'])} (< 1.5 GB)")
    by = {(r["limit"], r["copies"], r["processes"]): r for r in rows}
    for limit in args.limit:
        for copies in args.copies:
            one, two = by.get((limit, copies, 1)), by.get((limit, copies, 2))
            if one and two:
                ceiling = (f", {two['ceiling_wps'] / one['ceiling_wps']:.2f} x for the ceiling"
                           if one["ceiling"] and two["ceiling"] else "")
                print(f"- {one['build']['documents']} articles: 2 processes / 1 process = "
                      f"{two['build_wps'] / one['build_wps']:.2f} x for graphbuild (>= 1.85)"
                      f"{ceiling}")
    sizes = sorted({(r["build"]["documents"], r["limit"], r["copies"]) for r in rows})
    if len(sizes) > 1:
        for processes in args.processes:
            small = by[(sizes[0][1], sizes[0][2], processes)]["build"]
            large = by[(sizes[-1][1], sizes[-1][2], processes)]["build"]
            print(f"- {processes} process(es): {large['documents']} / {small['documents']} "
                  f"articles = {large['documents'] / small['documents']:.2f} x; peak RSS "
                  f"{_gib(large['peak_rss'])} / {_gib(small['peak_rss'])} = "
                  f"{large['peak_rss'] / small['peak_rss']:.2f} x")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``graphbuild serve`` under load: concurrent clients on loopback, for a bounded time.

Usage::

    python benchmarks/endpoint.py GRAPH.ttl [--clients 16] [--seconds 60] [--requests 20000]
                                  [--timeout 10] [--seed 16] [--json OUT.json]

Starts ``graphbuild serve GRAPH --host 127.0.0.1 --port 0`` in a child process (the same
Python and ``PYTHONPATH`` as this script), waits until it answers, then runs ``--clients``
threads that send queries back to back until ``--seconds`` have passed or ``--requests``
have been sent, whichever comes first. Each client picks its next query at random (seeded)
among:

- every ready-made question graphbuild ships (found through the package's own
  ``questions()``), with required parameters written in place of their variables, taken
  from the graph (a well-connected entity, a pair of related entities);
- ad-hoc questions: ``COUNT(*)`` of all triples, a ``GROUP BY`` over predicates, statements
  per document (``GROUP BY`` + ``ORDER BY``), and the 2-hop neighbourhood of an entity drawn
  at random from the graph's entities.

Halfway through, one more client sends one slow query (a three-way cross product) that the
server must stop at its ``--timeout``; the report says how it ended and how the other
requests fared while it ran (they must not wait for it).

Reported: requests, failures (any answer but 200, or a broken body; the planned slow query
is counted apart), latency p50 / p99 / max overall and per kind of query, and the resident
memory of the server's process tree (the server and any children) sampled every 0.5 s.
Loopback only: the server is bound to 127.0.0.1 and the clients talk to nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ADHOC = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "group-by-predicate": ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p "
                           "ORDER BY DESC(?n)"),
    "statements-per-document": (
        "SELECT ?doc (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement ; gb:document ?doc } "
        "GROUP BY ?doc ORDER BY DESC(?n) ?doc LIMIT 20"),
}
_REL = "STRSTARTS(STR(?p1), STR(rel:)) && STRSTARTS(STR(?p2), STR(rel:))"
HOP = """SELECT DISTINCT ?n ?label WHERE {
  { ORIGIN ?p1 ?m . ?m ?p2 ?n . FILTER(REL) }
  UNION { ORIGIN ?p1 ?m . ?n ?p2 ?m . FILTER(REL) }
  UNION { ?m ?p1 ORIGIN . ?m ?p2 ?n . FILTER(REL) }
  UNION { ?m ?p1 ORIGIN . ?n ?p2 ?m . FILTER(REL) }
  FILTER(?n != ORIGIN) OPTIONAL { ?n rdfs:label ?label }
}""".replace("REL", _REL)
_JSON = "application/sparql-results+json"


def ready_made_questions():  # -> tuple[Question, ...]
    """graphbuild's shipped questions, wherever the package keeps them."""
    import importlib

    for module in ("graphbuild.sparql", "graphbuild.sparql.questions", "graphbuild.query"):
        try:
            found = getattr(importlib.import_module(module), "questions", None)
        except ImportError:
            continue
        if callable(found):
            return tuple(found())
    sys.exit("cannot find graphbuild's ready-made questions (questions())")


def _literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``?name`` of ``values`` written in its place as a literal."""
    for name, value in values.items():
        text = re.sub(rf"[?$]{re.escape(name)}\b", _literal(value), text)
    return text


# -- the server ------------------------------------------------------------------------------

def start_server(graph: str, timeout: float, extra: list[str]
                 ) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "graphbuild.cli", "serve", graph, "--host", "127.0.0.1",
               "--port", "0", "--timeout", str(timeout), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    deadline = time.monotonic() + 300
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"SPARQL endpoint:\s*(http://127\.0\.0\.1:\d+/sparql)", line)
        if match:
            # keep reading its output so that the pipe never fills up
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, match.group(1)
    process.kill()
    sys.exit(f"the server did not start: {' '.join(command)}")


class MemorySampler(threading.Thread):
    """RSS of a process and its children every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process(pid)
        self.every = every
        self.samples: list[tuple[float, int]] = []
        self.stop = threading.Event()
        self.started = time.perf_counter()

    def rss(self) -> int:
        import psutil

        total = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((time.perf_counter() - self.started, self.rss()))
            self.stop.wait(self.every)


# -- the clients -----------------------------------------------------------------------------

@dataclass
class Answer:
    kind: str
    started: float
    seconds: float
    status: int
    ok: bool
    note: str = ""
    cut: bool = False


@dataclass
class Load:
    url: str
    deadline: float
    budget: int
    sent: int = 0
    answers: list[Answer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        with self.lock:
            if self.sent >= self.budget or time.perf_counter() >= self.deadline:
                return False
            self.sent += 1
            return True


def ask(url: str, text: str, kind: str, *, timeout: float, origin: float) -> Answer:
    data = urlencode({"query": text}).encode()
    request = Request(url, data=data, headers={
        "Accept": _JSON, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    try:
        with urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
            cut = response.headers.get("X-SPARQL-MaxRows") is not None
        seconds = time.perf_counter() - started
        try:
            parsed = json.loads(body)
            ok = "results" in parsed or "boolean" in parsed
            note = "" if ok else "not SPARQL JSON"
        except ValueError as err:
            ok, note = False, f"bad JSON: {err}"
        return Answer(kind, started - origin, seconds, status, ok, note, cut)
    except HTTPError as err:
        body = err.read()[:200].decode("utf-8", "replace")
        return Answer(kind, started - origin, time.perf_counter() - started, err.code, False,
                      body.strip())
    except (URLError, OSError) as err:
        return Answer(kind, started - origin, time.perf_counter() - started, 0, False,
                      f"{type(err).__name__}: {err}")


def client(load: Load, queries: list[tuple[str, str]], hops: list[str], seed: int,
           timeout: float, origin: float) -> None:
    rng = random.Random(seed)
    while load.take():
        kind, text = rng.choice(queries)
        if kind == "2-hop":
            text = HOP.replace("ORIGIN", f"<{rng.choice(hops)}>")
        answer = ask(load.url, text, kind, timeout=timeout, origin=origin)
        with load.lock:
            load.answers.append(answer)


def workload(url: str, timeout: float) -> tuple[list[tuple[str, str]], list[str]]:
    """The queries to send, with parameters from the graph, and the entities for 2-hop."""

    def rows(text: str) -> list[dict]:
        answer = urlopen(Request(url, data=urlencode({"query": text}).encode(),
                                 headers={"Accept": _JSON}), timeout=600)
        return json.loads(answer.read())["results"]["bindings"]

    pair = rows("SELECT ?a ?b (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement ; rdf:subject ?x ;"
                " rdf:object ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } GROUP BY ?a ?b "
                "ORDER BY DESC(?n) ?a ?b LIMIT 1")
    values = {"a": pair[0]["a"]["value"], "b": pair[0]["b"]["value"],
              "name": pair[0]["a"]["value"]} if pair else {"a": "x", "b": "y", "name": "x"}
    queries: list[tuple[str, str]] = []
    for question in ready_made_questions():
        wanted = {p.name: values.get(p.name, "x") for p in question.parameters if p.required}
        queries.append((question.name, fill(question.text, wanted)))
    queries += list(ADHOC.items())
    queries.append(("2-hop", ""))
    hops = [row["e"]["value"] for row in rows(
        "SELECT DISTINCT ?e WHERE { ?st a rdf:Statement ; rdf:subject ?e } ORDER BY ?e")]
    return queries, hops or ["urn:none"]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="a graph file graphbuild wrote (graph.ttl)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound (default 60)")
    parser.add_argument("--requests", type=int, default=20_000,
                        help="bound on the number of requests (default 20000)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="the server's --timeout, which stops the slow query (default 10)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-slow", action="store_true", help="do not send the slow query")
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPTION",
                        help="pass an option to graphbuild serve, e.g. --serve-option=--cache-mb=0"
                             " (repeatable)")
    args = parser.parse_args(argv)
    if not Path(args.graph).is_file():
        sys.exit(f"no graph file {args.graph!r}")

    load_start = os.getloadavg()[0]
    t0 = time.perf_counter()
    server, url = start_server(args.graph, args.timeout, args.serve_option)
    memory = MemorySampler(server.pid)
    try:
        # The first answer may wait for the server to load the graph: not timed.
        queries, hops = workload(url, args.timeout)
        ready = time.perf_counter() - t0
        memory.start()
        print(f"# graphbuild serve {args.graph}: {len(queries)} kinds of query, "
              f"{len(hops)} entities for 2-hop; {args.clients} clients, at most "
              f"{args.seconds:g} s and {args.requests} requests; server --timeout "
              f"{args.timeout:g} s {' '.join(args.serve_option)}. Ready in {ready:.1f} s "
              f"(loading and first queries). "
              f"{os.cpu_count()} CPUs, load average {load_start:.2f} at start.\n", flush=True)
        origin = time.perf_counter()
        load = Load(url, origin + args.seconds, args.requests)
        client_timeout = args.timeout + 60
        threads = [threading.Thread(target=client, args=(load, queries, hops, args.seed + k,
                                                          client_timeout, origin))
                   for k in range(args.clients)]
        for thread in threads:
            thread.start()
        slow: Answer | None = None
        if not args.no_slow:
            time.sleep(min(args.seconds / 2, 10))
            slow = ask(url, SLOW, "slow", timeout=client_timeout, origin=origin)
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - origin
    finally:
        memory.stop.set()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    load_end = os.getloadavg()[0]

    answers = load.answers
    failed = [a for a in answers if not (a.status == 200 and a.ok)]
    times = [a.seconds for a in answers]
    print(f"{len(answers)} requests in {wall:.1f} s ({len(answers) / wall:.1f} per second), "
          f"{len(failed)} failed; latency p50 {_ms(percentile(times, 0.5))} ms, "
          f"p99 {_ms(percentile(times, 0.99))} ms, max {_ms(max(times, default=0))} ms "
          f"(targets: no failure, p50 < 50 ms, p99 < 500 ms)\n")
    print("| query | requests | failed | p50 ms | p99 ms | max ms | cut at max-rows |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    by_kind: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_kind[answer.kind].append(answer)
    for kind in sorted(by_kind):
        group = by_kind[kind]
        seconds = [a.seconds for a in group]
        print(f"| {kind} | {len(group)} | {sum(1 for a in group if a in failed)} | "
              f"{_ms(percentile(seconds, 0.5))} | {_ms(percentile(seconds, 0.99))} | "
              f"{_ms(max(seconds))} | {sum(a.cut for a in group)} |")
    notes = defaultdict(int)
    for answer in failed:
        notes[f"{answer.status} {answer.note[:100]}"] += 1
    for note, count in sorted(notes.items(), key=lambda item: -item[1])[:8]:
        print(f"  failure x{count}: {note}")

    during: list[Answer] = []
    if slow is not None:
        during = [a for a in answers
                  if a.started >= slow.started and a.started + a.seconds <= slow.started
                  + slow.seconds]
        spans = [a.seconds for a in during]
        print(f"\nslow query: {slow.status} after {slow.seconds:.2f} s "
              f"({'stopped by the timeout' if slow.status == 503 else slow.note or 'answered'})"
              f"; meanwhile {len(during)} other requests started and finished, p50 "
              f"{_ms(percentile(spans, 0.5))} ms, max {_ms(max(spans, default=0))} ms")

    samples = memory.samples
    if samples:
        rss = [r for _, r in samples]
        step = max(1, len(samples) // 8)
        timeline = ", ".join(f"{t:.0f} s {r / 2**20:.0f}" for t, r in samples[::step])
        print(f"\nserver RSS (MiB, with its children): start {rss[0] / 2**20:.0f}, "
              f"max {max(rss) / 2**20:.0f}, end {rss[-1] / 2**20:.0f}; over time: {timeline}")
    print(f"load average {load_start:.2f} at start, {load_end:.2f} at the end")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "graph": args.graph, "clients": args.clients, "wall": wall,
            "requests": len(answers), "failed": len(failed),
            "p50": percentile(times, 0.5), "p99": percentile(times, 0.99),
            "slow": None if slow is None else {"status": slow.status, "seconds": slow.seconds,
                                               "during": len(during)},
            "rss": samples, "load": [load_start, load_end],
            "kinds": {k: [a.seconds for a in v] for k, v in by_kind.items()}}, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

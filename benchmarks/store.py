"""Oxigraph (graphbuild's on-disk store) against rdflib's in-memory graph, at ~1M triples.

Usage::

    python benchmarks/store.py [--triples N] [--keep DIR]

The data is synthetic but shaped like graphbuild's graphs (entities with types, labels,
aliases and counts; news articles; direct relation triples; and one reified
``rdf:Statement`` of a dozen triples per relation occurrence), written as Turtle first.
Each backend then does four things, timed:

- parse: read the Turtle file (rdflib: ``Graph.parse``; Oxigraph: its bulk loader, as
  ``graphbuild build --store`` fills a new store), into memory and into an on-disk store;
- write: serialise the whole graph as Turtle;
- 2-hop: the entities within two relation hops of one entity, either direction (SPARQL);
- count per predicate: ``SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p``.

Both queries go through :func:`graphbuild.sparql.query.query`, as ``graphbuild query`` runs them:
on an rdflib graph rdflib's engine evaluates them; on a store Oxigraph does.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild.sparql.query import query  # noqa: E402
from graphbuild.vocab import DEFAULT_BASE, mint  # noqa: E402

_PREDICATES = ("meet", "back", "call_on", "criticise", "say", "visit", "attack", "talk_with",
               "urge", "support_for", "oppose", "send", "accuse", "warn", "sign", "hold")
_TYPES = (("PERSON", "Person"), ("ORG", "Organization"), ("GPE", "Place"), ("NORP", "Thing"))
_REL = 'STRSTARTS(STR(?p1), STR(rel:)) && STRSTARTS(STR(?p2), STR(rel:))'
HOP_QUERY = """
SELECT DISTINCT ?n WHERE {
  { ORIGIN ?p1 ?m . ?m ?p2 ?n . FILTER(REL) }
  UNION { ORIGIN ?p1 ?m . ?n ?p2 ?m . FILTER(REL) }
  UNION { ?m ?p1 ORIGIN . ?m ?p2 ?n . FILTER(REL) }
  UNION { ?m ?p1 ORIGIN . ?n ?p2 ?m . FILTER(REL) }
  FILTER(?n != ORIGIN)
}""".replace("REL", _REL)
COUNT_QUERY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


def write_synthetic_turtle(path: Path, triples: int, *, seed: int = 4) -> tuple[int, str]:
    """Write about ``triples`` graphbuild-shaped triples; returns (triples written, the
    ``<IRI>`` of an entity of average connectedness to start the 2-hop query from)."""
    rng = random.Random(seed)
    statements = int(triples * 0.84 / 13)  # 12 reification triples + 1 direct triple (say)
    entities = max(100, statements // 8)
    documents = max(10, statements // 4)
    count = 0
    lines = ["@prefix gb: <https://w3id.org/graphbuild/vocab#> .",
             "@prefix rel: <https://w3id.org/graphbuild/rel/> .",
             "@prefix ner: <https://w3id.org/graphbuild/ner#> .",
             "@prefix schema: <https://schema.org/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .", ""]
    entity = [f"<{mint(DEFAULT_BASE, 'entity', f'entity {k}')}>" for k in range(entities)]
    document = [f"<{mint(DEFAULT_BASE, 'document', f'doc-{k}')}>" for k in range(documents)]
    for k, node in enumerate(entity):
        label, cls = _TYPES[k % len(_TYPES)]
        lines.append(f'{node} a schema:{cls}, ner:{label} ; rdfs:label "Entity {k}" ; '
                     f'skos:altLabel "E{k}", "the entity {k}" ; gb:mentionCount {k % 50 + 1} ; '
                     f"gb:documentCount {k % 20 + 1} .")
        count += 7
    for k, node in enumerate(document):
        lines.append(f'{node} a schema:NewsArticle ; schema:identifier "doc-{k}" ; '
                     f'schema:headline "Headline number {k} about the talks" ; '
                     f"schema:mentions {entity[rng.randrange(entities)]}, "
                     f"{entity[rng.randrange(entities)]} .")
        count += 5
    for name in _PREDICATES:
        lines.append(f'rel:{name} a rdf:Property ; rdfs:label "{name.replace("_", " ")}" .')
        count += 2
    for k in range(statements):
        # a skewed choice: some entities are hubs, as "Russia" and "Kerry" are in news
        s = entity[int(entities * rng.random() ** 3)]
        o = entity[rng.randrange(entities)]
        p = f"rel:{_PREDICATES[rng.randrange(len(_PREDICATES))]}"
        doc = document[rng.randrange(documents)]
        lines.append(f"{s} {p} {o} .")
        lines.append(
            f"<{mint(DEFAULT_BASE, 'statement', str(k))}> a rdf:Statement ; rdf:subject {s} ; "
            f"rdf:predicate {p} ; rdf:object {o} ; gb:document {doc} ; "
            f'gb:sentence "Sentence {k}: the first entity met the second one in the capital." ; '
            f"gb:start {k % 900} ; gb:end {k % 900 + 70} ; gb:verb \"met\" ; "
            f'gb:pattern "svo" ; gb:confidence 0.8 ; gb:attributedTo {entity[k % entities]} .')
        count += 13
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count, entity[entities // 10]


def _time(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def bench_rdflib(turtle: Path, out: Path, start: str) -> dict[str, float]:
    from graphbuild.vocab import new_graph

    graph = new_graph()
    times = {"parse": _time(graph.parse, turtle, format="turtle")[0]}
    times["write"] = _time(graph.serialize, out / "rdflib.ttl", format="turtle")[0]
    times["2-hop"], rows = _time(lambda: list(query(graph, HOP_QUERY.replace("ORIGIN", start))))
    times["hop rows"] = len(rows)
    times["count per predicate"], rows = _time(lambda: list(query(graph, COUNT_QUERY)))
    times["triples"] = len(graph)
    return times


def bench_oxigraph(turtle: Path, folder: Path | None, out: Path, start: str
                   ) -> dict[str, float]:
    """Oxigraph on disk in ``folder`` (a graphbuild store), or in memory when it is None."""
    import pyoxigraph as ox

    from graphbuild.store import open_store

    store = open_store(folder)
    database, graph = store.oxigraph, store.graph
    times = {"parse": _time(database.bulk_load, path=str(turtle),
                            format=ox.RdfFormat.TURTLE)[0]}
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()
                if prefix in ("gb", "rel", "ner", "schema", "rdf", "rdfs", "skos")}
    times["write"] = _time(database.dump, str(out / "oxigraph.ttl"), ox.RdfFormat.TURTLE,
                           from_graph=ox.DefaultGraph(), prefixes=prefixes)[0]
    times["2-hop"], rows = _time(lambda: list(query(graph, HOP_QUERY.replace("ORIGIN", start))))
    times["hop rows"] = len(rows)
    times["count per predicate"], rows = _time(lambda: list(query(graph, COUNT_QUERY)))
    times["triples"] = len(graph)
    store.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="about how many triples (default: 1000000)")
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="graphbuild-store-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        turtle = folder / "synthetic.ttl"
        made, start = write_synthetic_turtle(turtle, args.triples)
        print(f"# about {made:,} synthetic triples ({turtle.stat().st_size / 2**20:.0f} MiB of "
              f"Turtle); 2-hop from {start}\n")
        disk = bench_oxigraph(turtle, folder / "store", folder, start)
        memory = bench_oxigraph(turtle, None, folder, start)
        rdflib = bench_rdflib(turtle, folder, start)
        for name in ("triples", "hop rows"):
            assert disk[name] == memory[name] == rdflib[name], (name, disk, memory, rdflib)
        print("| operation | rdflib (memory) | Oxigraph (memory) | Oxigraph (on disk) | "
              "speed-up (on disk) |")
        print("|---|---:|---:|---:|---:|")
        for name in ("parse", "write", "2-hop", "count per predicate"):
            print(f"| {name} | {rdflib[name]:.2f} s | {memory[name]:.2f} s | "
                  f"{disk[name]:.2f} s | {rdflib[name] / disk[name]:.0f}x |")
        print(f"\n{disk['triples']:,} triples in each; the 2-hop query finds "
              f"{disk['hop rows']:,} entities in each. Load average "
              f"{os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} CPUs).")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

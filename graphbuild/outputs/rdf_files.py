"""The RDF files: Turtle and JSON-LD. The same graph always gives the same bytes."""

from __future__ import annotations

import os

from rdflib import Graph

from ..rdf import serialize
from ..vocab import JSONLD_CONTEXT
from .files import atomic_open


def write_turtle(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle. The same graph always gives the same bytes."""
    data = serialize(graph, "turtle")
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def write_jsonld(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as JSON-LD with a compact ``@context`` of graphbuild's prefixes.

    The same triples as :func:`write_turtle` (rdflib reads the file back to an isomorphic
    graph); nodes are sorted by ``@id`` and values within a key sorted, so the same graph
    always gives the same bytes.
    """
    import json

    document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT,
                                          auto_compact=True))
    nodes = document.pop("@graph", None)
    if nodes is None:  # a graph with one subject is compacted to that node
        nodes = [{k: v for k, v in document.items() if k != "@context"}] if len(graph) else []
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
    nodes.sort(key=lambda node: str(node.get("@id", "")))
    text = json.dumps({"@context": JSONLD_CONTEXT, "@graph": nodes}, ensure_ascii=False,
                      indent=1)
    with atomic_open(path) as handle:
        handle.write(text + "\n")

"""The RDF files: Turtle, JSON-LD and N-Triples. The same graph always gives the same bytes.

All three are written from one list of triples in a fixed order (:func:`sorted_triples`):
rdflib writes N-Triples several times faster than it writes Turtle, pyoxigraph reads them
faster still, and strictly (a term rdflib would write wrongly fails here, not in a reader
later), and pyoxigraph writes the Turtle. The JSON-LD is made here from the same triples, in
rdflib's compact form, byte for byte what rdflib's JSON-LD writer gives, in a fifth of the
time. Both are streamed: from the sorted N-Triples of a build kept on disk
(``KnowledgeGraph.ntriples``), neither file nor the triples are ever held whole.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from rdflib import Graph

from ..spool import sorted_lines
from ..vocab import JSONLD_CONTEXT
from .files import atomic_open

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")


def sorted_triples(graph: Graph) -> list[Any]:
    """The triples of ``graph`` as pyoxigraph triples, in the order of their N-Triples lines
    (subject, then predicate, then object): the same graph always gives the same list,
    whatever order rdflib holds it in.

    >>> from rdflib import Literal, URIRef
    >>> g = Graph()
    >>> g.add((URIRef("urn:b"), URIRef("urn:p"), Literal("x"))).add(
    ...     (URIRef("urn:a"), URIRef("urn:p"), Literal(1)))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> [t.subject.value for t in sorted_triples(g)]
    ['urn:a', 'urn:b']
    """
    import pyoxigraph as ox

    return list(ox.parse(sorted_ntriples(graph), format=ox.RdfFormat.N_TRIPLES))


def sorted_ntriples(graph: Graph) -> bytes:
    """The N-Triples lines of ``graph``, sorted, each once: what :func:`sorted_triples`
    parses. ``pyoxigraph.parse`` of these bytes streams the triples, so writers that read
    them once need not hold them all (the lines, a third of the size, are held instead)."""
    lines = {line for line in graph.serialize(format="nt", encoding="utf-8").splitlines()
             if line.strip()}
    ordered = sorted(lines)
    del lines  # each step frees the one before: the peak is two copies of the lines, not four
    return b"".join(line + b"\n" for line in ordered)


def write_turtle(graph: Graph, path: str | os.PathLike[str], *,
                 triples: Iterable[Any] | None = None) -> None:
    """Write ``graph`` as Turtle with graphbuild's prefixes, subjects in order. ``triples``:
    :func:`sorted_triples` of the graph (or an iterator over them), when they are at hand."""
    import pyoxigraph as ox

    found = sorted_triples(graph) if triples is None else triples
    with atomic_open(path, "wb") as handle:  # streamed: written as the triples are read
        ox.serialize(found, handle, format=ox.RdfFormat.TURTLE,
                     prefixes=dict(sorted(JSONLD_CONTEXT.items())))


def write_ntriples(graph: Graph, path: str | os.PathLike[str], *,
                   triples: Iterable[Any] | None = None) -> None:
    """Write ``graph`` as N-Triples, one triple a line, sorted (a line diff of two files shows
    what the graphs do not share)."""
    import pyoxigraph as ox

    found = sorted_triples(graph) if triples is None else triples
    with atomic_open(path, "wb") as handle:
        handle.write(bytes(ox.serialize(found, format=ox.RdfFormat.N_TRIPLES) or b""))


def write_jsonld(graph: Graph, path: str | os.PathLike[str], *,
                 triples: Iterable[Any] | None = None,
                 folder: str | os.PathLike[str] | None = None) -> None:
    """Write ``graph`` as JSON-LD with a compact ``@context`` of graphbuild's prefixes.

    The same triples as :func:`write_turtle` (rdflib reads the file back to an isomorphic
    graph), compacted as rdflib compacts them: keys, types and IRIs shortened with the
    prefixes, one value bare and several in a list, integers and booleans as JSON numbers and
    booleans. Nodes are sorted by ``@id`` and values within a key sorted, so the same graph
    always gives the same bytes: ``json.dumps(..., indent=1)`` of the whole document, written
    one node at a time. With a ``folder``, the nodes are sorted there, on disk
    (:func:`graphbuild.spool.sorted_lines`), not in memory.
    """
    found = sorted_triples(graph) if triples is None else triples
    # one line per node: its @id (the sort key), a NUL, and its indented JSON with NULs for
    # the newlines (JSON text holds no raw NUL: json.dumps escapes control characters)
    lines = (f"{node['@id']}\0{_indented(node)}".replace("\n", "\0").encode() + b"\n"
             for node in _jsonld_nodes(found))
    head = json.dumps({"@context": JSONLD_CONTEXT, "@graph": []}, ensure_ascii=False,
                      indent=1)
    with atomic_open(path) as handle:
        handle.write(head[:-len("]\n}")])
        first = True
        for line in sorted_lines(lines, folder=folder):
            node = line[:-1].decode().split("\0", 1)[1].replace("\0", "\n  ")
            handle.write(("\n  " if first else ",\n  ") + node)
            first = False
        handle.write("]\n}\n" if first else "\n ]\n}\n")


def _jsonld_nodes(triples: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Compact JSON-LD node objects of pyoxigraph ``triples`` sorted by subject, in the
    order of the triples."""
    import pyoxigraph as ox

    namespaces = sorted(JSONLD_CONTEXT.items(), key=lambda item: -len(item[1]))
    short: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = short.get(iri)
        if found is None:
            found = next((f"{prefix}:{iri[len(ns):]}" for prefix, ns in namespaces
                          if iri.startswith(ns) and len(iri) > len(ns)), iri)
            short[iri] = found
        return found

    def node_id(term: Any) -> str:
        return compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def value(term: Any) -> Any:
        if not isinstance(term, ox.Literal):
            return {"@id": node_id(term)}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        datatype = term.datatype.value
        if datatype == _XSD + "string":
            return term.value
        if datatype == _XSD + "integer" and _CANONICAL_INTEGER.fullmatch(term.value):
            return int(term.value)
        if datatype == _XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@type": compact(datatype), "@value": term.value}

    def order(item: Any) -> str:
        return json.dumps(item, sort_keys=True)

    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict[str, Any] = {"@id": node_id(subject)}
        for predicate, same in groupby(group, key=lambda t: t.predicate.value):
            if predicate == _RDF_TYPE:
                types = sorted(node_id(t.object) for t in same)
                node["@type"] = types[0] if len(types) == 1 else types
            else:
                values = [value(t.object) for t in same]
                node[compact(predicate)] = values[0] if len(values) == 1 else sorted(
                    values, key=order)
        yield dict(sorted(node.items()))


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _indented(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)`` of a JSON-LD node (dicts, lists,
    strings, numbers, booleans, None), written here: the json module's indenting encoder is
    pure Python and made the JSON-LD file the slowest RDF file to write.

    >>> node = {"@id": "x", "k": [1, {"@id": "é"}, True], "e": [], "d": {}}
    >>> _indented(node) == json.dumps(node, ensure_ascii=False, indent=1)
    True
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (level + 1)
        items = (f"{_ENCODE(str(key))}: {_indented(item, level + 1)}"
                 for key, item in value.items())
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + " " * (level + 1)
        return ("[" + inner + ("," + inner).join(_indented(item, level + 1) for item in value)
                + "\n" + " " * level + "]")
    return _ENCODE(value)

"""Write the graph to files: Turtle, GEXF 1.3 (Gephi), GraphML, and CSV tables.

Writers take a path; each file is written to a temporary file beside it and renamed into
place, so a run that is killed never leaves a half-written output.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import networkx as nx
from rdflib import Graph

from .network import type_colour
from .types import Merge

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_GEXF_NS = "http://gexf.net/1.3"
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_VIZ_NS = "http://gexf.net/1.3/viz"
TRIPLE_COLUMNS = ("subject", "predicate", "object", "subject_type", "object_type", "document",
                  "title", "sentence", "start", "end", "verb", "confidence")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` and rename it to ``path`` on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600 files; outputs are for sharing
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def xml_safe(text: object) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", str(text))


def write_turtle(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle. The same graph always gives the same bytes."""
    data = graph.serialize(format="turtle", encoding="utf-8")
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def write_gexf(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``network`` as GEXF 1.3 for Gephi.

    Nodes carry ``type`` and ``mentions`` and are coloured by type and sized by mentions.
    Parallel edges between the same two nodes get their predicate as ``kind``, so Gephi keeps
    them apart.
    """
    ET.register_namespace("", _GEXF_NS)
    ET.register_namespace("viz", _VIZ_NS)
    g = f"{{{_GEXF_NS}}}"
    root = ET.Element(f"{g}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{g}meta")
    ET.SubElement(meta, f"{g}creator").text = "graphbuild"
    ET.SubElement(meta, f"{g}description").text = "Knowledge graph extracted from news text"
    graph = ET.SubElement(root, f"{g}graph", {"defaultedgetype": "directed"})
    _gexf_attributes(graph, "node", (("type", "string"), ("mentions", "integer"),
                                     ("documents", "integer"), ("aliases", "string"),
                                     ("titles", "string"), ("iri", "string")))
    _gexf_attributes(graph, "edge", (("predicate", "string"), ("confidence", "double")))
    ids = {node: f"n{k}" for k, node in enumerate(network.nodes)}
    nodes = ET.SubElement(graph, f"{g}nodes", {"count": str(len(ids))})
    for node, data in network.nodes(data=True):
        element = ET.SubElement(nodes, f"{g}node", {"id": ids[node],
                                                    "label": _token(data.get("label", node))})
        _attvalues(element, {"type": data.get("type", "THING"),
                             "mentions": data.get("mentions", 1),
                             "documents": data.get("documents", 1),
                             "aliases": "; ".join(data.get("aliases", [])),
                             "titles": "; ".join(data.get("titles", [])), "iri": node})
        colour = type_colour(data.get("type", "THING"))
        ET.SubElement(element, f"{{{_VIZ_NS}}}color", {
            "r": str(int(colour[1:3], 16)), "g": str(int(colour[3:5], 16)),
            "b": str(int(colour[5:7], 16))})
        ET.SubElement(element, f"{{{_VIZ_NS}}}size",
                      {"value": f"{4 + 3 * data.get('mentions', 1) ** 0.5:.2f}"})
    edges = ET.SubElement(graph, f"{g}edges", {"count": str(network.number_of_edges())})
    for k, (u, v, data) in enumerate(network.edges(data=True)):
        predicate = _token(data.get("predicate", "related to"))
        element = ET.SubElement(edges, f"{g}edge", {
            "id": f"e{k}", "source": ids[u], "target": ids[v], "label": predicate,
            "kind": predicate or "related", "weight": f"{float(data.get('weight', 1)):g}"})
        _attvalues(element, {"predicate": predicate,
                             "confidence": f"{float(data.get('confidence', 0)):.3f}"})
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with atomic_open(path, "wb") as handle:
        handle.write(data + b"\n")


def _gexf_attributes(graph: ET.Element, kind: str, columns: Sequence[tuple[str, str]]) -> None:
    element = ET.SubElement(graph, f"{{{_GEXF_NS}}}attributes", {"class": kind})
    for name, type_ in columns:
        ET.SubElement(element, f"{{{_GEXF_NS}}}attribute", {"id": name, "title": name,
                                                             "type": type_})


def _attvalues(parent: ET.Element, values: dict[str, object]) -> None:
    element = ET.SubElement(parent, f"{{{_GEXF_NS}}}attvalues")
    for name, value in values.items():
        ET.SubElement(element, f"{{{_GEXF_NS}}}attvalue", {"for": name, "value": xml_safe(value)})


def _token(text: object) -> str:
    """An xsd:token: XML-safe text on one line with single spaces."""
    return " ".join(xml_safe(text).split())


def write_graphml(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``network`` as GraphML with scalar attributes only (lists joined with "; ").

    Edge ids are unique across the file (networkx reuses per-pair keys for multigraphs).
    """
    flat = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for k, (u, v, data) in enumerate(network.edges(data=True)):
        flat.add_edge(u, v, key=f"e{k}", **{key: _scalar(val) for key, val in data.items()
                                             if key != "evidence"})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    with atomic_open(path, "wb") as handle:
        handle.write(buffer.getvalue())


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return xml_safe("; ".join(map(str, value)))
    return xml_safe(value) if isinstance(value, str) else value


def triple_rows(network: nx.MultiDiGraph) -> Iterator[dict[str, object]]:
    """One row per relation occurrence: the triple and its evidence."""
    for u, v, data in network.edges(data=True):
        for evidence in data.get("evidence", []):
            yield {
                "subject": network.nodes[u].get("label", u),
                "predicate": data.get("predicate", ""),
                "object": network.nodes[v].get("label", v),
                "subject_type": network.nodes[u].get("type", ""),
                "object_type": network.nodes[v].get("type", ""),
                **{k: evidence.get(k, "") for k in TRIPLE_COLUMNS[5:]},
            }


def write_triples_csv(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``triples.csv``: one row per relation occurrence with its evidence."""
    rows = sorted(triple_rows(network), key=lambda r: (str(r["document"]), int(r["start"]),
                                                       str(r["subject"]), str(r["predicate"]),
                                                       str(r["object"])))
    _write_csv(path, TRIPLE_COLUMNS, rows)


def write_merges_csv(merges: Sequence[Merge], path: str | os.PathLike[str]) -> None:
    """Write ``merges.csv``: every alias merged into an entity, and why."""
    _write_csv(path, ("alias", "entity", "reason"),
               [{"alias": m.alias, "entity": m.entity, "reason": m.reason} for m in merges])


def _write_csv(path: str | os.PathLike[str], columns: Sequence[str],
               rows: Sequence[dict[str, object]]) -> None:
    with atomic_open(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

"""The Gephi files: GEXF 1.3, GraphML and the node and edge tables, laid out and styled.

The network's metrics and positions (:func:`graphbuild.network.add_metrics`) are those of the
page: the same coordinates in the browser and in Gephi. The tests read every file back with an
independent reader (lxml and the GEXF RelaxNG schema, networkx, igraph, csv).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Graph

from ..network import type_colour, with_metrics
from ..vocab import GB, NER, SCHEMA, PropertyTable
from .files import csv_safe, token, write_csv, write_xml, xml_safe

_GEXF_NS = "http://gexf.net/1.3"
_VIZ_NS = "http://gexf.net/1.3/viz"


def write_gexf(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``network`` as GEXF 1.3 for Gephi, laid out and styled.

    Nodes carry ``type``, ``mentions``, ``documents``, ``degree``, ``community``, ``aliases``,
    ``titles`` and ``iri``; they are coloured by type (:func:`type_colour`), sized by mentions
    and placed where the page places them (:func:`graphbuild.network.add_metrics`). Edges
    carry ``kind`` (``relation``, ``co-mention``, ``co-mention-article``), ``predicate``,
    ``relation_class`` (``worksFor``, ...), ``action_class`` (``verbal conflict``, ...),
    ``documents`` (distinct articles), ``confidence`` (the best) and a weight (supporting
    sentences; articles for co-mentions), all for Gephi's partitions and filters;
    co-mentions are undirected. The predicate is also the GEXF edge ``kind`` (Gephi's edge
    type), so Gephi keeps parallel relations between two entities apart. When the
    nodes have ``first_seen``/``last_seen`` dates (see :func:`graphbuild.network.add_metrics`),
    the graph is dynamic and every dated node and edge has a spell from its first to its last
    date, for Gephi's timeline. Metrics missing from ``network`` are computed here.
    """
    network = with_metrics(network)
    dated = any("first_seen" in data for _, data in network.nodes(data=True))
    g = f"{{{_GEXF_NS}}}"
    root, graph = _gexf_root("Knowledge graph extracted from news text", "directed",
                             dated=dated)
    _gexf_attributes(graph, "node", (("type", "string"), ("mentions", "integer"),
                                     ("documents", "integer"), ("degree", "integer"),
                                     ("community", "integer"), ("aliases", "string"),
                                     ("titles", "string"), ("iri", "string")))
    _gexf_attributes(graph, "edge", _GEXF_EDGE_ATTRIBUTES)
    ids = {node: f"n{k}" for k, node in enumerate(network.nodes)}

    def node_elements() -> Iterator[ET.Element]:
        for node, data in network.nodes(data=True):
            yield _gexf_node(node, data, ids[node])

    def edge_elements() -> Iterator[ET.Element]:
        for k, (u, v, data) in enumerate(network.edges(data=True)):
            yield _gexf_edge(f"e{k}", ids[u], ids[v], data)

    nodes = ET.SubElement(graph, f"{g}nodes", {"count": str(len(ids))})
    edges = ET.SubElement(graph, f"{g}edges", {"count": str(network.number_of_edges())})
    write_xml(path, root, [(nodes, node_elements()), (edges, edge_elements())])


def _gexf_node(node: str, data: Mapping[str, Any], node_id: str) -> ET.Element:
    viz = f"{{{_VIZ_NS}}}"
    element = ET.Element(f"{{{_GEXF_NS}}}node", {"id": node_id,
                                                 "label": token(data.get("label", node))})
    _attvalues(element, {"type": data.get("type", "THING"),
                         "mentions": data.get("mentions", 1),
                         "documents": data.get("documents", 1),
                         "degree": data["degree"], "community": data["community"],
                         "aliases": "; ".join(data.get("aliases", [])),
                         "titles": "; ".join(data.get("titles", [])), "iri": node})
    _spells(element, data)
    r, g, b = _rgb(data.get("type", "THING"))
    ET.SubElement(element, f"{viz}color", {"r": str(r), "g": str(g), "b": str(b)})
    ET.SubElement(element, f"{viz}size", {"value": f"{node_size(data):.2f}"})
    ET.SubElement(element, f"{viz}position", {"x": f"{float(data['x']):.2f}",
                                              "y": f"{float(data['y']):.2f}", "z": "0.0"})
    return element


def _gexf_edge(edge_id: str, source: str, target: str, data: Mapping[str, Any]) -> ET.Element:
    predicate = token(data.get("predicate", "related to"))
    kind = edge_kind(data)
    element = ET.Element(f"{{{_GEXF_NS}}}edge", {
        "id": edge_id, "source": source, "target": target, "label": predicate,
        "kind": predicate or "related", "weight": f"{float(data.get('weight', 1)):g}",
        **({} if kind == "relation" else {"type": "undirected"})})
    _attvalues(element, {"kind": kind, "predicate": predicate,
                         "relation_class": data.get("relation_class", ""),
                         "action_class": data.get("action_class", ""),
                         "documents": _int(data.get("documents"), 1),
                         "confidence": f"{float(data.get('confidence', 0)):.3f}"})
    _spells(element, data)
    return element


# Edge attributes in GEXF (Gephi's partitions and filters work on each), in this order.
_GEXF_EDGE_ATTRIBUTES = (("kind", "string"), ("predicate", "string"),
                         ("relation_class", "string"), ("action_class", "string"),
                         ("documents", "integer"), ("confidence", "double"))


def edge_kind(data: Mapping[str, Any]) -> str:
    """An edge's kind: ``relation`` (the default), ``co-mention`` or ``co-mention-article``."""
    return str(data.get("kind") or "relation")


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default


def write_bipartite_gexf(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write the article–entity (bipartite) network as GEXF 1.3 for Gephi.

    One node per article (``part`` = ``article``, labelled by its headline, with its date) and
    per entity (``part`` = ``entity``, with ``type`` and ``mentions``), and an undirected edge
    from each article to every entity it names (``schema:mentions``). With dates, articles
    and their edges have a spell on their day, for Gephi's timeline. Gephi's *Multimode
    Networks Transformation* (a plugin) projects it onto entities or articles.
    """
    table = PropertyTable(graph)  # one query per predicate, not per node
    articles = sorted(table.of_type(SCHEMA.NewsArticle))
    entities = sorted(table.subjects(GB.mentionCount))
    ids = {node: f"a{k}" for k, node in enumerate(articles)}
    ids.update({node: f"n{k}" for k, node in enumerate(entities)})
    dates = {doc: str(table.value(doc, SCHEMA.datePublished) or "")[:10] for doc in articles}
    dated = any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates.values())
    g = f"{{{_GEXF_NS}}}"
    root, element = _gexf_root("Articles and the entities they name", "undirected",
                               dated=dated)
    _gexf_attributes(element, "node", (("part", "string"), ("type", "string"),
                                       ("mentions", "integer"), ("date", "string"),
                                       ("iri", "string")))

    def node_elements() -> Iterator[ET.Element]:
        for doc in articles:
            label = (table.value(doc, SCHEMA.headline) or table.value(doc, SCHEMA.identifier)
                     or doc)
            node = ET.Element(f"{g}node", {"id": ids[doc], "label": token(label)})
            _attvalues(node, {"part": "article", "type": "ARTICLE", "mentions": 0,
                              "date": dates[doc], "iri": doc})
            _spells(node, {"first_seen": dates[doc], "last_seen": dates[doc]} if dated and
                    re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[doc]) else {})
            yield node
        for entity in entities:
            types = sorted(str(t)[len(str(NER)):] for t in table.values(entity, RDF.type)
                           if str(t).startswith(str(NER)))
            node = ET.Element(f"{g}node", {
                "id": ids[entity], "label": token(table.value(entity, RDFS.label) or entity)})
            _attvalues(node, {"part": "entity", "type": types[0] if types else "THING",
                              "mentions": _int(table.value(entity, GB.mentionCount), 1),
                              "date": "", "iri": entity})
            yield node

    def edge_elements() -> Iterator[ET.Element]:
        for k, (source, target) in enumerate(pairs):
            edge = ET.Element(f"{g}edge", {"id": f"m{k}", "source": source, "target": target})
            day = dates[articles[int(source[1:])]]
            if dated and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                _spells(edge, {"first_seen": day, "last_seen": day})
            yield edge

    pairs = sorted((ids[doc], ids[entity]) for doc, entity in graph.subject_objects(SCHEMA.mentions)
                   if doc in ids and entity in ids)
    nodes = ET.SubElement(element, f"{g}nodes", {"count": str(len(ids))})
    edges = ET.SubElement(element, f"{g}edges", {"count": str(len(pairs))})
    write_xml(path, root, [(nodes, node_elements()), (edges, edge_elements())])


def node_size(data: Mapping[str, Any]) -> float:
    """The drawn size of a node: grows with the square root of its mentions."""
    return 4 + 3 * float(data.get("mentions", 1)) ** 0.5


def _rgb(entity_type: str) -> tuple[int, int, int]:
    colour = type_colour(entity_type)
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _spells(parent: ET.Element, data: Mapping[str, Any]) -> None:
    if data.get("first_seen"):
        spells = ET.SubElement(parent, f"{{{_GEXF_NS}}}spells")
        ET.SubElement(spells, f"{{{_GEXF_NS}}}spell", {"start": data["first_seen"],
                                                       "end": data["last_seen"]})


def _gexf_root(description: str, edge_type: str, *, dated: bool) -> tuple[ET.Element, ET.Element]:
    """A GEXF 1.3 document's root and its ``<graph>`` element (dynamic when ``dated``)."""
    ET.register_namespace("", _GEXF_NS)
    ET.register_namespace("viz", _VIZ_NS)
    g = f"{{{_GEXF_NS}}}"
    root = ET.Element(f"{g}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{g}meta")
    ET.SubElement(meta, f"{g}creator").text = "graphbuild"
    ET.SubElement(meta, f"{g}description").text = description
    graph = ET.SubElement(root, f"{g}graph", {"defaultedgetype": edge_type,
                                               **({"mode": "dynamic", "timeformat": "date"}
                                                  if dated else {})})
    return root, graph


def _gexf_attributes(graph: ET.Element, kind: str, columns: Sequence[tuple[str, str]]) -> None:
    element = ET.SubElement(graph, f"{{{_GEXF_NS}}}attributes", {"class": kind})
    for name, type_ in columns:
        ET.SubElement(element, f"{{{_GEXF_NS}}}attribute", {"id": name, "title": name,
                                                             "type": type_})


def _attvalues(parent: ET.Element, values: dict[str, object]) -> None:
    element = ET.SubElement(parent, f"{{{_GEXF_NS}}}attvalues")
    for name, value in values.items():
        ET.SubElement(element, f"{{{_GEXF_NS}}}attvalue", {"for": name, "value": xml_safe(value)})


# GraphML keys: (name, type) per element kind. Gephi's GraphML importer takes the node label
# from a key named "label", positions from "x"/"y", size from "size", colour from "r"/"g"/"b",
# and the edge label and weight from "label" and "weight". Key ids are "node_<name>" and
# "edge_<name>", never networkx's "d0", "d1", ...: Gephi reads a node key with id "d3" and an
# edge key with id "d7" as labels (yEd's defaults), whatever their names say.
_GRAPHML_NODE_KEYS = (
    ("label", "string"), ("type", "string"), ("mentions", "int"), ("documents", "int"),
    ("degree", "int"), ("community", "int"), ("aliases", "string"), ("titles", "string"),
    ("first_seen", "string"), ("last_seen", "string"), ("x", "float"), ("y", "float"),
    ("size", "float"), ("r", "int"), ("g", "int"), ("b", "int"),
)


_GRAPHML_EDGE_KEYS = (
    ("label", "string"), ("kind", "string"), ("predicate", "string"),
    ("relation_class", "string"), ("action_class", "string"), ("weight", "double"),
    ("documents", "int"), ("confidence", "double"), ("first_seen", "string"),
    ("last_seen", "string"),
)


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def write_graphml(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``network`` as GraphML for networkx, igraph, yEd and Gephi.

    Node ids are the entity IRIs; edge ids (``e0``, ``e1``, ...) are unique across the file.
    Nodes carry a ``label`` and the attributes of :func:`write_gexf` (lists joined with
    ``"; "``) plus Gephi's drawing keys ``x``, ``y``, ``size``, ``r``, ``g``, ``b``; edges carry
    ``label`` (the predicate), ``weight`` (supporting sentences) and ``confidence``. Text is
    made XML-safe and kept on one line.
    """
    network = with_metrics(network)
    ET.register_namespace("", _GRAPHML_NS)
    q = f"{{{_GRAPHML_NS}}}"
    root = ET.Element(f"{q}graphml")
    for scope, keys in (("node", _GRAPHML_NODE_KEYS), ("edge", _GRAPHML_EDGE_KEYS)):
        for name, type_ in keys:
            ET.SubElement(root, f"{q}key", {"id": f"{scope}_{name}", "for": scope,
                                             "attr.name": name, "attr.type": type_})
    # No graph-level keys: Gephi reports any key that is not for nodes or edges as an error.
    graph = ET.SubElement(root, f"{q}graph", {"id": "G", "edgedefault": "directed"})

    def elements() -> Iterator[ET.Element]:
        for node, data in network.nodes(data=True):
            element = ET.Element(f"{q}node", {"id": xml_safe(node)})
            r, g, b = _rgb(data.get("type", "THING"))
            values = {**data, "label": data.get("label", node),
                      "size": round(node_size(data), 2), "r": r, "g": g, "b": b}
            _graphml_data(element, "node", _GRAPHML_NODE_KEYS, values)
            yield element
        for k, (u, v, data) in enumerate(network.edges(data=True)):
            # Co-mentions stay directed (from the smaller IRI) here: networkx reads no
            # GraphML with both; their ``kind`` says what they are.
            element = ET.Element(f"{q}edge", {"id": f"e{k}", "source": xml_safe(u),
                                               "target": xml_safe(v)})
            _graphml_data(element, "edge", _GRAPHML_EDGE_KEYS,
                          {**data, "kind": edge_kind(data), "label": data.get("predicate", "")})
            yield element

    write_xml(path, root, [(graph, elements())])


def _graphml_data(parent: ET.Element, scope: str, keys: Sequence[tuple[str, str]],
                  values: Mapping[str, Any]) -> None:
    for name, type_ in keys:
        value = values.get(name)
        if value is None or (isinstance(value, (str, list, tuple)) and not value):
            continue
        if type_ == "int":
            text = str(int(value))
        elif type_ in ("float", "double"):
            text = repr(float(value))
        else:
            text = token("; ".join(map(str, value)) if isinstance(value, (list, tuple))
                          else value)
        ET.SubElement(parent, f"{{{_GRAPHML_NS}}}data", {"key": f"{scope}_{name}"}).text = text


NODE_COLUMNS = ("Id", "Label", "type", "mentions", "documents", "degree", "community", "aliases",
                "titles", "iri", "first_seen", "last_seen")


# "edge_kind", not "kind": Gephi's spreadsheet import takes a column named Kind (in any case)
# as its edge type, which keeps parallel relations apart and is the predicate here.
EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "edge_kind",
                "predicate", "relation_class", "action_class", "documents", "confidence",
                "first_seen", "last_seen")


def write_nodes_csv(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``nodes.csv`` for Gephi's spreadsheet import (Data Laboratory > Import
    Spreadsheet): ``Id``, ``Label``, then the node attributes of :func:`write_gexf`.

    Ids are those of the GEXF file (``n0``, ``n1``, ...) and of :func:`write_edges_csv`.
    When the graph has dates, a ``Timeset`` column holds each node's interval
    (``<[first, last]>``), which Gephi reads as the node's time of existence.
    """
    network = with_metrics(network)
    ids = {node: f"n{k}" for k, node in enumerate(network.nodes)}
    rows = []
    for node, data in network.nodes(data=True):
        rows.append({"Id": ids[node], "Label": data.get("label", node),
                     "type": data.get("type", "THING"), "mentions": data.get("mentions", 1),
                     "documents": data.get("documents", 1), "degree": data["degree"],
                     "community": data["community"], "aliases": data.get("aliases", []),
                     "titles": data.get("titles", []), "iri": node,
                     **_timeset(data)})
    columns = _with_timeset(NODE_COLUMNS, rows)
    write_csv(path, columns, [csv_safe({k: r[k] for k in columns}) for r in rows])


def write_edges_csv(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``edges.csv`` for Gephi's spreadsheet import: ``Source``, ``Target``, ``Type``
    (``Directed``; ``Undirected`` for co-mentions), ``Id``, ``Label``, ``Weight`` (supporting
    sentences; articles for co-mentions), ``Kind`` (the predicate, so parallel relations stay
    apart), then ``edge_kind`` (``relation``, ``co-mention``, ``co-mention-article``),
    ``predicate``, ``relation_class``, ``action_class``, ``documents``, ``confidence`` and the
    dates; a ``Timeset`` column when the graph has dates.
    """
    network = with_metrics(network)
    ids = {node: f"n{k}" for k, node in enumerate(network.nodes)}

    def rows() -> Iterator[dict[str, Any]]:  # made as they are written: there can be millions
        for k, (u, v, data) in enumerate(network.edges(data=True)):
            predicate = data.get("predicate", "related to")
            kind = edge_kind(data)
            yield {"Source": ids[u], "Target": ids[v],
                   "Type": "Directed" if kind == "relation" else "Undirected", "Id": f"e{k}",
                   "Label": predicate, "Weight": data.get("weight", 1),
                   "Kind": predicate or "related", "edge_kind": kind, "predicate": predicate,
                   "relation_class": data.get("relation_class", ""),
                   "action_class": data.get("action_class", ""),
                   "documents": _int(data.get("documents"), 1),
                   "confidence": f"{float(data.get('confidence', 0)):.3f}",
                   **_timeset(data)}

    dated = any(_timeset(data)["Timeset"] for _, _, data in network.edges(data=True))
    columns = [*EDGE_COLUMNS, "Timeset"] if dated else list(EDGE_COLUMNS)
    write_csv(path, columns, (csv_safe({k: r[k] for k in columns}) for r in rows()))


def _timeset(data: Mapping[str, Any]) -> dict[str, str]:
    first, last = data.get("first_seen", ""), data.get("last_seen", "")
    return {"first_seen": first, "last_seen": last,
            "Timeset": f"<[{first}, {last}]>" if first else ""}


def _with_timeset(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[str]:
    return [*columns, "Timeset"] if any(r["Timeset"] for r in rows) else list(columns)

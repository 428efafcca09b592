"""The RDF graph as a networkx MultiDiGraph: one node per entity, one edge per relation.

Works on any graph graphbuild wrote (read back from Turtle), so rendering and exports never
need the extraction again. Each edge carries its evidence: every sentence that supports it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from .errors import GraphFormatError
from .rdf import GB, NER, SCHEMA


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Convert a graphbuild RDF graph to a :class:`networkx.MultiDiGraph`.

    Nodes are entity IRIs with ``label``, ``type``, ``mentions``, ``documents``, ``aliases``
    and ``titles``; edges have a unique key, ``predicate``, ``weight`` (supporting sentences),
    ``confidence`` (the best) and ``evidence`` (a list of dicts).

    Raises:
        GraphFormatError: the graph has no graphbuild entities or statements.
    """
    out = nx.MultiDiGraph()
    entities = sorted(set(graph.subjects(GB.mentionCount, None)))
    statements = sorted(set(graph.subjects(RDF.type, RDF.Statement)))
    if not entities and not statements and len(graph):
        raise GraphFormatError("this RDF graph has no graphbuild entities (gb:mentionCount) or "
                               "statements; render only graphs that graphbuild wrote")
    for entity in entities:
        out.add_node(str(entity), **_entity_attributes(graph, entity))
    titles = {doc: str(graph.value(doc, SCHEMA.headline) or graph.value(doc, SCHEMA.identifier)
                       or doc) for doc in graph.subjects(RDF.type, SCHEMA.NewsArticle)}
    out.graph["documents"] = len(titles)

    grouped: dict[tuple[URIRef, URIRef, URIRef], list[dict[str, Any]]] = defaultdict(list)
    for st in statements:
        s, p, o = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                   graph.value(st, RDF.object))
        if s is None or p is None or o is None:
            continue
        doc = graph.value(st, GB.document)
        grouped[(s, p, o)].append({
            "document": str(graph.value(doc, SCHEMA.identifier) or doc or ""),
            "title": titles.get(doc, ""),
            "sentence": str(graph.value(st, GB.sentence) or ""),
            "verb": str(graph.value(st, GB.verb) or ""),
            "start": int(graph.value(st, GB.start) or 0),
            "end": int(graph.value(st, GB.end) or 0),
            "confidence": float(graph.value(st, GB.confidence) or 0.0),
        })
    for n, ((s, p, o), evidence) in enumerate(sorted(grouped.items())):
        for node in (s, o):
            if str(node) not in out:
                out.add_node(str(node), **_entity_attributes(graph, node))
        evidence.sort(key=lambda e: (e["document"], e["start"], e["verb"]))
        out.add_edge(str(s), str(o), key=f"e{n}",
                     predicate=str(graph.value(p, RDFS.label) or p.split("/")[-1]),
                     weight=len(evidence),
                     confidence=max(e["confidence"] for e in evidence),
                     evidence=evidence)
    return out


def _entity_attributes(graph: Graph, entity: URIRef) -> dict[str, Any]:
    types = sorted(str(t)[len(str(NER)):] for t in graph.objects(entity, RDF.type)
                   if str(t).startswith(str(NER)))
    return {
        "label": str(graph.value(entity, RDFS.label) or entity),
        "type": types[0] if types else "THING",
        "mentions": int(graph.value(entity, GB.mentionCount) or 1),
        "documents": int(graph.value(entity, GB.documentCount) or 1),
        "aliases": sorted(str(a) for a in graph.objects(entity, SKOS.altLabel)),
        "titles": sorted(str(t) for t in graph.objects(entity, SCHEMA.jobTitle)),
    }


# One colour per entity type, shared by the HTML page and the Gephi export.
TYPE_COLOURS = {
    "PERSON": "#e4572e", "ORG": "#2e86ab", "GPE": "#3bb273", "LOC": "#7768ae",
    "FAC": "#8d6a9f", "NORP": "#f3a712", "EVENT": "#c42847", "LAW": "#5c6f68",
    "PRODUCT": "#1b998b", "WORK_OF_ART": "#b07156", "LANGUAGE": "#6c8ead", "CONCEPT": "#b8b8b8",
    "THING": "#888888",
}


def type_colour(entity_type: str) -> str:
    """The colour of an entity type, as ``#rrggbb``."""
    return TYPE_COLOURS.get(entity_type, TYPE_COLOURS["THING"])


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_metrics(network: nx.MultiDiGraph, graph: Graph | None = None, *,
                seed: int = 1) -> nx.MultiDiGraph:
    """A copy of ``network`` with the attributes the Gephi exports show.

    Every node gets ``degree`` (relations in and out), ``community`` (Louvain communities of
    the undirected simple graph, edge weights summed, seeded; numbered from 0 by size) and
    ``x``/``y`` (:func:`graphbuild.layout.positions`). When ``graph`` is given and its articles
    have dates (``schema:datePublished``), nodes and edges also get ``first_seen`` and
    ``last_seen``: the first and last date (``YYYY-MM-DD``) of an article that mentions the
    entity or supports the relation; ``network.graph["dated"]`` says whether any did. The
    attributes :func:`to_networkx` sets are left as they are.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="e0")
    'e0'
    >>> m = add_metrics(g)
    >>> m.nodes["a"]["degree"], m.nodes["a"]["community"] == m.nodes["b"]["community"]
    (1, True)
    """
    from .layout import positions

    out = network.copy()
    simple = nx.Graph()
    simple.add_nodes_from(out)
    for u, v, weight in out.edges(data="weight", default=1):
        if u != v:
            previous = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=previous + weight)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    # Number communities by size so "0" is always the largest, whatever order Louvain found.
    ranked = sorted((sorted(map(str, c)) for c in communities), key=lambda c: (-len(c), c))
    community = {node: k for k, members in enumerate(ranked) for node in members}
    for node, (x, y) in positions(out).items():
        out.nodes[node].update(degree=out.degree(node), community=community[str(node)],
                               x=x, y=y)

    dates = _document_dates(graph) if graph is not None else {}
    out.graph["dated"] = bool(dates)
    if not dates:
        return out
    seen: dict[str, set[str]] = defaultdict(set)
    for u, v, data in out.edges(data=True):
        days = {dates[str(e.get("document"))] for e in data.get("evidence", [])
                if str(e.get("document")) in dates}
        if days:
            data.update(first_seen=min(days), last_seen=max(days))
            seen[u] |= days
            seen[v] |= days
    for doc, entity in graph.subject_objects(SCHEMA.mentions):  # type: ignore[union-attr]
        if str(doc) in dates and str(entity) in out:
            seen[str(entity)].add(dates[str(doc)])
    for node, days in seen.items():
        out.nodes[node].update(first_seen=min(days), last_seen=max(days))
    return out


def _document_dates(graph: Graph) -> dict[str, str]:
    """``{document IRI or identifier: YYYY-MM-DD}`` for every article with a usable date."""
    dates = {}
    for doc, value in graph.subject_objects(SCHEMA.datePublished):
        day = str(value)[:10]
        if _ISO_DATE.fullmatch(day):
            dates[str(doc)] = day
            identifier = graph.value(doc, SCHEMA.identifier)
            if identifier is not None:
                dates[str(identifier)] = day
    return dates

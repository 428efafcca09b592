"""The RDF graph as a networkx MultiDiGraph, and what every view of it shares.

:func:`to_networkx`: one node per entity, one edge per relation, each edge with its evidence
(every sentence that supports it), its relation and action classes, and the co-mention edges
(entities named in one sentence, in one article; see :mod:`graphbuild.comention`). Works on
any graph graphbuild wrote (read back from Turtle), so the outputs never need the extraction
again.

:func:`add_metrics`: degree, communities, dates and positions, computed once and used by the
page and the Gephi files alike. Positions come from igraph's Fruchterman-Reingold, which lays
out 5,000 nodes in well under a second (networkx's spring layout takes about a minute); the
random generator is seeded, so the same graph always gets the same positions.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from .comention import ARTICLE_MIN_DOCUMENTS, article_co_mentions, read_co_mentions
from .errors import GraphFormatError
from .vocab import GB, NER, SCHEMA, PropertyTable


def to_networkx(graph: Graph, *, co_mentions: bool = True,
                article_min_documents: int = ARTICLE_MIN_DOCUMENTS) -> nx.MultiDiGraph:
    """Convert a graphbuild RDF graph to a :class:`networkx.MultiDiGraph`.

    Nodes are entity IRIs with ``label``, ``type``, ``mentions``, ``documents``, ``aliases``
    and ``titles``. Every edge has a unique key, a ``kind`` and a ``weight``:

    - ``kind="relation"``: one per direct triple, with ``predicate``, ``weight`` (supporting
      sentences), ``documents`` (distinct articles), ``confidence`` (the best),
      ``relation_class`` (``"worksFor"``, ... from gb:relationClass, else ``""``),
      ``action_class`` (``"verbal cooperation"``, ... from gb:actionClass, else ``""``) and
      ``evidence`` (a list of dicts, one per sentence);
    - with ``co_mentions``, ``kind="co-mention"`` (named in one sentence, the gb:CoMention
      nodes) and ``kind="co-mention-article"`` (named in at least ``article_min_documents``
      of the same articles), with ``weight`` and ``documents`` both the number of articles,
      and ``evidence`` the articles. Co-mentions are symmetric: they go from the smaller IRI.

    ``network.graph["quotes"]`` lists the schema:Quotation nodes (speaker, text, document).

    Raises:
        GraphFormatError: the graph has no graphbuild entities or statements.
    """
    out = nx.MultiDiGraph()
    table = PropertyTable(graph)  # one query per predicate, not per node
    entities = sorted(table.subjects(GB.mentionCount))
    statements = sorted(table.of_type(RDF.Statement))
    if not entities and not statements and len(graph):
        raise GraphFormatError("this RDF graph has no graphbuild entities (gb:mentionCount) or "
                               "statements; render only graphs that graphbuild wrote")
    for entity in entities:
        out.add_node(str(entity), **_entity_attributes(table, entity))
    articles = {doc: _article(table, doc) for doc in table.of_type(SCHEMA.NewsArticle)}
    out.graph["documents"] = len(articles)

    def article(doc: object) -> dict[str, str]:
        return articles.get(doc) or {"document": str(doc or ""), "title": "", "date": ""}  # type: ignore[call-overload]

    def ensure(node: object) -> str:
        if str(node) not in out:
            out.add_node(str(node), **_entity_attributes(table, node))  # type: ignore[arg-type]
        return str(node)

    # One string for each text: a corpus read many times over (or an article's sentence
    # giving several relations) repeats sentences and quotations, each a new str from rdflib.
    texts: dict[str, str] = {}

    def text(value: object) -> str:
        found = str(value or "")
        return texts.setdefault(found, found)

    grouped: dict[tuple[URIRef, URIRef, URIRef], list[dict[str, Any]]] = defaultdict(list)
    classes: dict[tuple[URIRef, URIRef, URIRef], tuple[Counter[str], Counter[str]]] = {}
    value = table.value
    for st in statements:
        s, p, o = (value(st, RDF.subject), value(st, RDF.predicate), value(st, RDF.object))
        if s is None or p is None or o is None:
            continue
        grouped[(s, p, o)].append({  # type: ignore[index]
            **article(value(st, GB.document)),
            "sentence": text(value(st, GB.sentence)),
            "verb": text(value(st, GB.verb)),
            "start": int(value(st, GB.start) or 0),  # type: ignore[call-overload]
            "end": int(value(st, GB.end) or 0),  # type: ignore[call-overload]
            "confidence": float(value(st, GB.confidence) or 0.0),  # type: ignore[arg-type]
            # qualifiers of the occurrence (issue 13), for triples.csv
            "negated": "true" if value(st, GB.negated) else "false",
            "modality": str(value(st, GB.modality) or ""),
            "attributed_to": _label(table, value(st, GB.attributedTo)),
            "relation_class": _local(value(st, GB.relationClass)),
            "action_class": _ACTION_NAMES.get(_local(value(st, GB.actionClass)), ""),
        })
        relation_classes, action_classes = classes.setdefault(
            (s, p, o), (Counter(), Counter()))  # type: ignore[index]
        for found in table.values(st, GB.relationClass):
            relation_classes[_local(found)] += 1
        for found in table.values(st, GB.actionClass):
            action_classes[_ACTION_NAMES.get(_local(found), _local(found))] += 1
    for n, ((s, p, o), evidence) in enumerate(sorted(grouped.items())):
        evidence.sort(key=lambda e: (e["document"], e["start"], e["verb"]))
        relation_classes, action_classes = classes[(s, p, o)]
        out.add_edge(ensure(s), ensure(o), key=f"e{n}", kind="relation",
                     predicate=_predicate_label(table, p),
                     weight=len(evidence), documents=len({e["document"] for e in evidence}),
                     confidence=max(e["confidence"] for e in evidence),
                     relation_class=_most_common(relation_classes),
                     action_class=_most_common(action_classes), evidence=evidence)
    if co_mentions:
        for kind, found_pairs in (("co-mention", read_co_mentions(graph, table=table)),
                                  ("co-mention-article", article_co_mentions(
                                      graph, min_documents=article_min_documents))):
            prefix = "cs" if kind == "co-mention" else "ca"
            for n, (a, b, docs) in enumerate(found_pairs):
                out.add_edge(ensure(a), ensure(b), key=f"{prefix}{n}",
                             kind=kind, predicate=kind, weight=len(docs), documents=len(docs),
                             confidence=0.0, relation_class="", action_class="",
                             evidence=[article(d) for d in docs])
    out.graph["quotes"] = _quotes(table, article, text)
    return out


def _predicate_label(table: PropertyTable, predicate: URIRef) -> str:
    """A predicate's name: the shortest (then the first) of its labels when two relation
    names share its IRI ("win in", "win % in"), whatever order the graph's store keeps them
    in."""
    labels = [str(label) for label in table.values(predicate, RDFS.label)]
    return min(labels, key=lambda label: (len(label), label)) if labels else \
        predicate.split("/")[-1]


def _label(table: PropertyTable, node: Node | None) -> str:
    return "" if node is None else str(table.value(node, RDFS.label) or node)


_ACTION_NAMES = {"VerbalCooperation": "verbal cooperation",
                 "MaterialCooperation": "material cooperation",
                 "VerbalConflict": "verbal conflict", "MaterialConflict": "material conflict"}


def _local(value: object) -> str:
    """The local name of an IRI (``schema:worksFor`` -> ``worksFor``), or ``""`` for None."""
    if value is None:
        return ""
    text = str(value)
    return re.split(r"[/#]", text)[-1] if isinstance(value, URIRef) else text


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value (ties: the first by name), or ``""``."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else ""


def _article(table: PropertyTable, doc: Node) -> dict[str, str]:
    date = str(table.value(doc, SCHEMA.datePublished) or "")[:10]
    identifier = table.value(doc, SCHEMA.identifier)
    return {"document": str(identifier or doc),
            "title": str(table.value(doc, SCHEMA.headline) or identifier or doc),
            "date": date if _ISO_DATE.fullmatch(date) else ""}


def _quotes(table: PropertyTable, article: Any, text: Any) -> list[dict[str, Any]]:
    """The quotations (schema:Quotation) with a speaker, in document and text order
    (``text`` makes the quotation's text, and its speaker's, from their terms)."""
    quotes = []
    for node in table.of_type(SCHEMA.Quotation):
        # the first by IRI when two quotations of one span name different speakers: the
        # same choice whatever order the graph's store keeps them in
        speaker = min(table.values(node, SCHEMA.creator), default=None)
        if speaker is None:
            continue
        quotes.append({
            "speaker": text(speaker), "text": text(table.value(node, SCHEMA.text)),
            **article(table.value(node, GB.document)),
            "start": int(table.value(node, GB.start) or 0),  # type: ignore[call-overload]
            "end": int(table.value(node, GB.end) or 0),  # type: ignore[call-overload]
            "mentions": sorted(str(m) for m in table.values(node, SCHEMA.mentions)),
        })
    quotes.sort(key=lambda q: (q["speaker"], q["document"], q["start"], q["text"]))
    return quotes


def _entity_attributes(table: PropertyTable, entity: Node) -> dict[str, Any]:
    types = sorted(str(t)[len(str(NER)):] for t in table.values(entity, RDF.type)
                   if str(t).startswith(str(NER)))
    return {
        "label": str(table.value(entity, RDFS.label) or entity),
        "type": types[0] if types else "THING",
        "mentions": int(table.value(entity, GB.mentionCount) or 1),  # type: ignore[call-overload]
        "documents": int(table.value(entity, GB.documentCount) or 1),  # type: ignore[call-overload]
        "aliases": sorted(str(a) for a in table.values(entity, SKOS.altLabel)),
        "titles": sorted(str(t) for t in table.values(entity, SCHEMA.jobTitle)),
    }


#: The kinds of edge: a relation (a verb), two entities named in one sentence, in one article.
EDGE_KINDS = ("relation", "co-mention", "co-mention-article")
#: gb:actionClass values as networkx edge attributes (PLOVER/CAMEO quad classes).
ACTION_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict",
                  "material conflict")

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
                seed: int = 1, copy: bool = True) -> nx.MultiDiGraph:
    """A copy of ``network`` with the attributes the Gephi exports show (``network`` itself,
    changed, with ``copy=False``: a network of many edges is not held twice).

    Every node gets ``degree`` (relations in and out; co-mentions do not count),
    ``community`` (Louvain communities of the undirected simple graph of the relations and
    sentence co-mentions, edge weights summed, seeded; numbered from 0 by size) and
    ``x``/``y`` (:func:`page_positions`, in rank order). When ``graph`` is given and its articles
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
    out = network.copy() if copy else network
    degree = relation_degree(out)
    # Communities of the relations and of the names in one sentence; the article co-mentions
    # would swamp them (every pair an article names is linked).
    simple = nx.Graph()
    simple.add_nodes_from(out)
    for u, v, data in out.edges(data=True):
        if u != v and data.get("kind", "relation") != "co-mention-article":
            weight = data.get("weight", 1)
            previous = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=previous + weight)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    # Number communities by size so "0" is always the largest, whatever order Louvain found.
    ranked = sorted((sorted(map(str, c)) for c in communities), key=lambda c: (-len(c), c))
    community = {node: k for k, members in enumerate(ranked) for node in members}
    for node, (x, y) in page_positions(out, ranked_nodes(out)).items():
        out.nodes[node].update(degree=degree[node], community=community[str(node)],
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
    table = PropertyTable(graph)  # the identifiers: one query, not one per article
    for doc, value in graph.subject_objects(SCHEMA.datePublished):
        day = str(value)[:10]
        if _ISO_DATE.fullmatch(day):
            dates[str(doc)] = day
            identifier = table.value(doc, SCHEMA.identifier)
            if identifier is not None:
                dates[str(identifier)] = day
    return dates


def with_metrics(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``network`` itself if :func:`add_metrics` has been applied, else a copy with them."""
    if all(key in data for _, data in network.nodes(data=True)
           for key in ("degree", "community", "x", "y")):
        return network
    return add_metrics(network)


# -- positions ------------------------------------------------------------------------------

_SCALE = 1000.0


def positions(network: nx.Graph, *, seed: int = 1, scale: float = _SCALE
              ) -> dict[str, tuple[float, float]]:
    """``{node: (x, y)}`` for every node, in a square of side about ``2 * scale``.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> sorted(positions(g)) == ["a", "b", "c"]
    True
    """
    import igraph

    nodes = list(network.nodes)
    if not nodes:
        return {}
    index = {node: k for k, node in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                    for u, v in network.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    span = max((max(abs(x), abs(y)) for x, y in coords), default=1.0) or 1.0
    return {node: (round(x / span * scale, 2), round(y / span * scale, 2))
            for node, (x, y) in zip(nodes, coords, strict=True)}


# The connected entities fill a square of side 2 * _SPACING * sqrt(entities) canvas pixels
# (at zoom 1), and at least 2 * _MIN_SCALE.
_SPACING = 28.0
_MIN_SCALE = 350.0
# The grid of entities without relations: column and row distance, in canvas pixels.
_ALONE_COLUMN = 210.0
_ALONE_ROW = 70.0
# Decluttering: the gap a node keeps to the next one below it (twice that beside it), for
# graphs of up to _DECLUTTER_UP_TO connected nodes.
_CLEARANCE = 65.0
_DECLUTTER_UP_TO = 600
_DECLUTTER_ROUNDS = 30


def ranked_nodes(network: nx.MultiDiGraph) -> list[Any]:
    """The nodes of ``network``, most related first (then most mentioned, then by name);
    co-mentions do not count.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("c", "b")])
    [0, 0]
    >>> ranked_nodes(g)
    ['b', 'a', 'c']
    """
    degree = relation_degree(network)
    return sorted(network.nodes, key=lambda node: (
        -degree[node], -_int(network.nodes[node].get("mentions"), 1),
        str(network.nodes[node].get("label", node)), str(node)))


def relation_degree(network: nx.MultiDiGraph) -> dict[Any, int]:
    """Relations in and out of every node; co-mention edges do not count.

    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> g.add_edge("a", "c", kind="co-mention")
    0
    >>> relation_degree(g)
    {'a': 1, 'b': 1, 'c': 0}
    """
    degree = dict.fromkeys(network.nodes, 0)
    for u, v, kind in network.edges(data="kind", default="relation"):
        if kind == "relation":
            degree[u] += 1
            degree[v] += 1
    return degree


def page_positions(network: nx.MultiDiGraph, order: list[Any] | None = None
                   ) -> dict[Any, tuple[float, float]]:
    """``{node: (x, y)}`` in page pixels: connected entities laid out, the others in a grid.

    Connected means by a relation or a sentence co-mention (the article co-mentions link
    nearly everything to everything). Entities without either would otherwise spread over
    the whole layout and squeeze the connected part into its middle; they go in rows below
    it instead, in ``order``. The page lays out again what it shows, starting from these.

    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> g.add_node("lonely")
    >>> xy = page_positions(g)
    >>> xy["lonely"][1] > max(xy["a"][1], xy["b"][1])
    True
    """
    order = list(network.nodes) if order is None else order
    pairs = [(u, v) for u, v, kind in network.edges(data="kind", default="relation")
             if u != v and kind != "co-mention-article"]
    linked = {n for pair in pairs for n in pair}
    core = [n for n in order if n in linked]
    xy: dict[Any, tuple[float, float]] = {}
    if core:
        # A plain graph in rank order, not network.subgraph(core): a subgraph view of fewer
        # than half the nodes iterates over a set, whose order changes with PYTHONHASHSEED.
        linked_graph = nx.Graph()
        linked_graph.add_nodes_from(core)
        linked_graph.add_edges_from(pairs)
        scale = max(_MIN_SCALE, _SPACING * math.sqrt(len(core)))
        xy.update(_declutter(positions(linked_graph, scale=scale)))
    alone = [n for n in order if n not in linked]
    if alone:
        xs = [x for x, _ in xy.values()] or [0.0]
        left, right = min(xs), max(xs)
        top = max((y for _, y in xy.values()), default=-_ALONE_ROW) + 2 * _ALONE_ROW
        columns = max(1, int((right - left) // _ALONE_COLUMN) + 1,
                      math.ceil(math.sqrt(len(alone) * _ALONE_ROW / _ALONE_COLUMN)))
        width = (min(columns, len(alone)) - 1) * _ALONE_COLUMN
        start = (left + right) / 2 - width / 2
        for k, node in enumerate(alone):
            row, column = divmod(k, columns)
            xy[node] = (round(start + column * _ALONE_COLUMN, 2), round(top + row * _ALONE_ROW, 2))
    return xy


def _declutter(xy: dict[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
    """Push apart nodes whose labels would overlap, a little at a time, keeping the layout.

    Labels are wide and short, so two nodes need ``2 * _CLEARANCE`` pixels side by side but
    only ``_CLEARANCE`` one above the other. Big graphs are left alone: they are read zoomed
    in, and the pairwise pass grows with the square of the nodes.
    """
    import numpy as np

    if not 1 < len(xy) <= _DECLUTTER_UP_TO:
        return xy
    nodes = list(xy)
    stretch = np.array([0.5, 1.0])
    points = np.array([xy[n] for n in nodes], dtype=float)
    # coincident points part along a fixed direction per node, so the result is deterministic
    tiebreak = np.stack([np.cos(np.arange(len(nodes))), np.sin(np.arange(len(nodes)))], axis=1)
    for _ in range(_DECLUTTER_ROUNDS):
        q = points * stretch
        delta = q[:, None, :] - q[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=-1))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(_CLEARANCE - dist, 0.0, None)
        if not overlap.any():
            break
        near = dist < 1e-6
        direction = np.where(near[..., None], tiebreak[:, None, :],
                             delta / np.where(near, 1.0, dist)[..., None])
        points += (direction * (overlap / 2)[..., None]).sum(axis=1) / stretch * 0.5
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in zip(nodes, points,
                                                                            strict=True)}


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default

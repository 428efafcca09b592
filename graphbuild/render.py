"""The interactive HTML page: a vis-network view of the graph, self-contained and offline.

The page is one file that opens from disk and makes no network request: vis-network's script
and style (the copy bundled with pyvis), the page's own script and style
(``templates/graph.js``, ``templates/graph.css``) and the graph are all inlined, and its
Content-Security-Policy forbids fetching anything.

Big graphs stay fast because the browser does no layout work: positions are computed here
(igraph's Fruchterman-Reingold, :func:`graphbuild.layout.positions`), physics is off, edges are
straight (parallel edges get a slight curve) and are hidden while dragging. Graphs with more
than ``max_nodes`` entities open on their most connected ``max_nodes`` entities, with a control
to show more; every entity is in the page, so showing more keeps the layout.

Names and sentences from articles are data: they reach the page only as JSON inside a
``<script type="application/json">`` block (with ``<``, ``>`` and ``&`` escaped) and are put on
screen with ``textContent``, plain-text tooltips and canvas text; the template autoescapes.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import GraphbuildError
from .export import atomic_open, xml_safe
from .layout import positions
from .network import type_colour

#: Entities drawn when the page opens; the page offers the rest with a "show more" control.
#: 5,000 entities draw in well under 3 s in headless Chromium on two cores.
DEFAULT_MAX_NODES = 5000
DEFAULT_TITLE = "graphbuild knowledge graph"

# JSON inside <script> must not contain "</script>" or "<!--"; escaping <, > and & (and the
# JavaScript line separators) makes any string safe there.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
# Lone surrogates (possible in str, not in UTF-8) become JSON escapes, so the page can be written.
_SURROGATE = re.compile("[\ud800-\udfff]")
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


@cache
def _assets() -> dict[str, str]:
    """vis-network (from pyvis) and the page's own script and style, as text."""
    lib = Path(resources.files("pyvis")) / "lib" / "vis-9.1.2"  # type: ignore[arg-type]
    own = resources.files("graphbuild") / "templates"
    return {
        "vis_js": (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (lib / "vis-network.css").read_text(encoding="utf-8"),
        "app_js": (own / "graph.js").read_text(encoding="utf-8"),
        "app_css": (own / "graph.css").read_text(encoding="utf-8"),
    }


def ranked_nodes(network: nx.MultiDiGraph) -> list[Any]:
    """The nodes of ``network``, most connected first (then most mentioned, then by name).

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("c", "b")])
    [0, 0]
    >>> ranked_nodes(g)
    ['b', 'a', 'c']
    """
    degree = dict(network.degree())
    return sorted(network.nodes, key=lambda node: (
        -degree[node], -_int(network.nodes[node].get("mentions"), 1),
        str(network.nodes[node].get("label", node)), str(node)))


def page_data(network: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES
              ) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data.

    Nodes get surrogate ids in rank order (``"n0"`` is the most connected), their position,
    and their entity attributes; edges get ``"e0"``, ``"e1"``, ... and their evidence, whose
    articles are listed once in ``documents``. ``limit`` is how many nodes the page draws
    first.

    Raises:
        GraphbuildError: ``max_nodes`` is less than 1.

    >>> g = nx.MultiDiGraph(documents=1)
    >>> g.add_node("x", label="Kerry", type="PERSON", mentions=3)
    >>> g.add_edge("x", "y", predicate="meet", evidence=[
    ...     {"document": "d1", "title": "Talks", "sentence": "Kerry met Lavrov."}])
    0
    >>> data = page_data(g)
    >>> [(n["id"], n["name"]) for n in data["nodes"]]
    [('n0', 'Kerry'), ('n1', 'y')]
    >>> data["edges"][0]["evidence"][0]["sentence"], data["documents"]
    ('Kerry met Lavrov.', [{'id': 'd1', 'title': 'Talks'}])
    """
    if not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1:
        raise GraphbuildError(f"max_nodes must be a whole number of 1 or more, not "
                              f"{max_nodes!r}; it is how many entities the page draws first")
    order = ranked_nodes(network)
    ids = {node: f"n{k}" for k, node in enumerate(order)}
    xy = page_positions(network, order)
    degree = dict(network.degree())

    nodes = []
    for rank, node in enumerate(order):
        attrs = network.nodes[node]
        entity_type = str(attrs.get("type") or "THING")
        x, y = xy.get(node, (0.0, 0.0))
        nodes.append({
            "id": ids[node], "rank": rank, "name": str(attrs.get("label", node)),
            "type": entity_type, "mentions": _int(attrs.get("mentions"), 1),
            "documents": _int(attrs.get("documents"), 1), "degree": degree[node],
            "aliases": [str(a) for a in attrs.get("aliases") or ()],
            "titles": [str(t) for t in attrs.get("titles") or ()],
            "x": x, "y": y,
        })

    documents: dict[tuple[str, str], int] = {}
    edges: list[dict[str, Any]] = []
    for k, (u, v, attrs) in enumerate(network.edges(data=True)):
        evidence: list[dict[str, Any]] = []
        for ev in attrs.get("evidence") or ():
            doc = (str(ev.get("document", "")), str(ev.get("title", "")))
            evidence.append({"doc": documents.setdefault(doc, len(documents)),
                             "sentence": str(ev.get("sentence", "")),
                             "verb": str(ev.get("verb", "")),
                             "confidence": _float(ev.get("confidence"))})
        edges.append({
            "id": f"e{k}", "from": ids[u], "to": ids[v],
            "predicate": str(attrs.get("predicate", "")),
            "weight": _int(attrs.get("weight"), len(evidence) or 1),
            "confidence": _float(attrs.get("confidence", max(
                (float(e["confidence"]) for e in evidence), default=0.0))),
            "curve": 0.0, "evidence": evidence,
        })
    _curve_parallel_edges(edges)

    types = Counter(n["type"] for n in nodes)
    predicates = Counter(e["predicate"] for e in edges)
    return {
        "nodes": nodes, "edges": edges, "limit": max_nodes,
        "documents": [{"id": d, "title": t} for d, t in documents],
        "documentCount": _int(network.graph.get("documents"), len({d for d, _ in documents})),
        "sentenceCount": sum(len(e["evidence"]) for e in edges),
        "types": [{"type": t, "colour": type_colour(t), "count": c}
                  for t, c in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
        "predicates": [{"predicate": p, "count": c}
                       for p, c in sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def page_positions(network: nx.MultiDiGraph, order: list[Any] | None = None
                   ) -> dict[Any, tuple[float, float]]:
    """``{node: (x, y)}`` in page pixels: connected entities laid out, the others in a grid.

    Entities without relations would otherwise spread over the whole layout and squeeze the
    connected part into its middle; they go in rows below it instead, in ``order``.

    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> g.add_node("lonely")
    >>> xy = page_positions(g)
    >>> xy["lonely"][1] > max(xy["a"][1], xy["b"][1])
    True
    """
    order = list(network.nodes) if order is None else order
    linked = {n for u, v in network.edges() if u != v for n in (u, v)}
    core = [n for n in order if n in linked]
    xy: dict[Any, tuple[float, float]] = {}
    if core:
        # A plain graph in rank order, not network.subgraph(core): a subgraph view of fewer
        # than half the nodes iterates over a set, whose order changes with PYTHONHASHSEED.
        linked_graph = nx.Graph()
        linked_graph.add_nodes_from(core)
        linked_graph.add_edges_from((u, v) for u, v in network.edges() if u != v)
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


def _curve_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Bend the second and later edges between the same two nodes, so each stays visible.

    ``curve`` is vis-network's roundness, signed: positive bends clockwise seen from the
    pair's first node, whichever way the edge points.
    """
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        pairs[tuple(sorted((edge["from"], edge["to"])))].append(edge)  # type: ignore[arg-type]
    for (first, _), group in pairs.items():
        for k, edge in enumerate(group[1:], start=1):
            bend = 0.18 * ((k + 1) // 2) * (1 if k % 2 else -1)
            edge["curve"] = bend if edge["from"] == first else -bend


def summary_line(data: dict[str, Any]) -> str:
    """"3 documents · 58 entities · 28 relations (31 sentences)" for the page's header."""
    return (f"{data['documentCount']:,} documents · {len(data['nodes']):,} entities · "
            f"{len(data['edges']):,} relations ({data['sentenceCount']:,} sentences)")


def render_html(network: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE,
                max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The HTML page of ``network`` as a string.

    Args:
        network: a graph from :func:`graphbuild.to_networkx` (or any MultiDiGraph with the
            same attributes; missing ones get defaults).
        title: shown as the page's title and heading.
        max_nodes: how many entities (the most connected) the page draws when it opens.

    Raises:
        GraphbuildError: ``max_nodes`` is less than 1.

    >>> page = render_html(nx.MultiDiGraph(), title="Empty")
    >>> "<title>Empty</title>" in page and "0 entities" in page
    True
    """
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("graphbuild", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    data = page_data(network, max_nodes=max_nodes)
    data_json = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data_json = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", data_json)
    assets = _assets()
    return env.get_template("graph.html").render(
        title=xml_safe(title), summary=summary_line(data),
        data_json=Markup(data_json.translate(_SCRIPT_SAFE)),
        # Our own files and vis-network contain no "</script" or "</style"; CSS gets the same
        # guard anyway since it is cheap.
        vis_js=Markup(assets["vis_js"]), app_js=Markup(assets["app_js"]),
        vis_css=Markup(assets["vis_css"].replace("</", "<\\/")),
        app_css=Markup(assets["app_css"].replace("</", "<\\/")),
    )


def write_html(network: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Write the interactive page of ``network`` to ``path`` (see :func:`render_html`)."""
    page = render_html(network, title=title, max_nodes=max_nodes)
    with atomic_open(path) as handle:
        handle.write(page)


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default


def _float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return round(number, 4) if math.isfinite(number) else 0.0

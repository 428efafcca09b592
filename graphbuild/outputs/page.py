"""The interactive HTML page: a vis-network view of the graph, self-contained and offline.

The page is one file that opens from disk and makes no network request: vis-network's script
and style (the copy bundled with pyvis), the page's own script and style
(``templates/graph.js``, ``templates/graph.css``) and the graph are all inlined, and its
Content-Security-Policy forbids fetching anything.

The page stays readable at hundreds of articles: it opens on the ``max_nodes`` most connected
entities (150), with a control to show more; entities without a relation are listed beside the
canvas, not drawn on it. It lays out what it shows itself, again after every filter, starting
from the positions computed in Python once for the page and Gephi alike
(:func:`graphbuild.network.add_metrics`), so what is shown fills the view; above 900 shown
entities it keeps Python's positions. Parallel and opposite edges are bent apart. Labels are
drawn by the page in order of importance, each only where it overlaps no other, so more appear
as one zooms in. Edges are coloured by action class (cooperation green, conflict red), and
the co-mention layers (named in one sentence, in one article) can be switched on.

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
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphbuildError
from ..network import (
    ACTION_CLASSES,
    EDGE_KINDS,
    page_positions,
    ranked_nodes,
    relation_degree,
    type_colour,
)
from .files import atomic_open, xml_safe

#: Connected entities drawn when the page opens (the most connected); the page offers the
#: rest with a "show more" control, and lays out what it shows itself (up to 900 entities).
DEFAULT_MAX_NODES = 150
DEFAULT_TITLE = "graphbuild knowledge graph"
#: The page shows pairs of entities named together in at least this many articles.
CO_MENTION_MIN_DOCUMENTS = 2
# vis-network roundness between two neighbouring edges of the same pair of nodes
_CURVE = 0.25
# JSON inside <script> must not contain "</script>" or "<!--"; escaping <, > and & (and the
# JavaScript line separators) makes any string safe there.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


# Lone surrogates (possible in str, not in UTF-8) become JSON escapes, so the page can be written.
_SURROGATE = re.compile("[\ud800-\udfff]")


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


def page_data(network: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES,
              co_mention_min_documents: int = CO_MENTION_MIN_DOCUMENTS) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data.

    Nodes get surrogate ids in rank order (``"n0"`` is the most connected), their position,
    and their entity attributes; edges get ``"e0"``, ``"e1"``, ..., their ``kind``
    (``relation``, ``co-mention``, ``co-mention-article``), classes and evidence, whose
    articles are listed once in ``documents``; ``quotes`` are the quotations of the
    entities. ``limit`` is how many connected entities the page draws first. Co-mentions of
    fewer than ``co_mention_min_documents`` articles are left out: one article naming two
    entities together is most of them, and says little.

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
    ('Kerry met Lavrov.', [{'id': 'd1', 'title': 'Talks', 'date': ''}])
    """
    if not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1:
        raise GraphbuildError(f"max_nodes must be a whole number of 1 or more, not "
                              f"{max_nodes!r}; it is how many entities the page draws first")
    order = ranked_nodes(network)
    ids = {node: f"n{k}" for k, node in enumerate(order)}
    xy = _positions(network, order)
    degree = relation_degree(network)

    nodes = []
    for rank, node in enumerate(order):
        attrs = network.nodes[node]
        x, y = xy.get(node, (0.0, 0.0))
        nodes.append({
            "id": ids[node], "rank": rank, "name": str(attrs.get("label", node)),
            "type": str(attrs.get("type") or "THING"), "mentions": _int(attrs.get("mentions"), 1),
            "documents": _int(attrs.get("documents"), 1), "degree": degree[node],
            "aliases": [str(a) for a in attrs.get("aliases") or ()],
            "titles": [str(t) for t in attrs.get("titles") or ()],
            "community": _int(attrs.get("community"), -1),
            "first": str(attrs.get("first_seen") or ""), "last": str(attrs.get("last_seen") or ""),
            "x": x, "y": y,
        })

    documents: dict[tuple[str, str], int] = {}
    dates: dict[int, str] = {}

    def doc_index(ev: Mapping[str, Any]) -> int:
        k = documents.setdefault((str(ev.get("document", "")), str(ev.get("title", ""))),
                                 len(documents))
        if ev.get("date"):
            dates.setdefault(k, str(ev["date"])[:10])
        return k

    article_items: dict[int, dict[str, int]] = {}
    edges: list[dict[str, Any]] = []
    kept = [(u, v, attrs) for u, v, attrs in network.edges(data=True)
            if (attrs.get("kind") or "relation") == "relation"
            or _int(attrs.get("documents"), 1) >= co_mention_min_documents]
    for k, (u, v, attrs) in enumerate(kept):
        kind = str(attrs.get("kind") or "relation")
        evidence: list[dict[str, Any]] = []
        for ev in attrs.get("evidence") or ():
            if kind == "relation":
                evidence.append({"doc": doc_index(ev), "sentence": str(ev.get("sentence", "")),
                                 "verb": str(ev.get("verb", "")),
                                 "confidence": _float(ev.get("confidence"))})
            else:  # one {"doc": k} per article, shared: co-mentions list many articles
                evidence.append(article_items.setdefault(doc_index(ev), {"doc": doc_index(ev)}))
        edges.append({
            "id": f"e{k}", "from": ids[u], "to": ids[v], "kind": kind,
            "predicate": str(attrs.get("predicate", "")) if kind == "relation" else kind,
            "action": str(attrs.get("action_class") or ""),
            "relationClass": str(attrs.get("relation_class") or ""),
            "weight": _int(attrs.get("weight"), len(evidence) or 1),
            "documents": _int(attrs.get("documents"), len({e["doc"] for e in evidence}) or 1),
            "confidence": _float(attrs.get("confidence", max(
                (float(e.get("confidence", 0.0)) for e in evidence), default=0.0))),
            "curve": 0.0, "evidence": evidence,
        })
    _curve_parallel_edges(edges)

    quotes = []
    for quote in network.graph.get("quotes") or ():
        if quote.get("speaker") in ids:
            quotes.append({"speaker": ids[quote["speaker"]], "text": str(quote.get("text", "")),
                           "doc": doc_index(quote),
                           "mentions": [ids[m] for m in quote.get("mentions") or () if m in ids]})

    relations = [e for e in edges if e["kind"] == "relation"]
    types = Counter(n["type"] for n in nodes)
    predicates = Counter(e["predicate"] for e in relations)
    actions = Counter(e["action"] for e in relations)
    kinds = Counter(e["kind"] for e in edges)
    kinds["relation"] += 0  # the relations row is always there
    return {
        "nodes": nodes, "edges": edges, "limit": max_nodes, "quotes": quotes,
        "documents": [{"id": d, "title": t, "date": dates.get(k, "")}
                      for (d, t), k in documents.items()],
        "documentCount": _int(network.graph.get("documents"), len({d for d, _ in documents})),
        "sentenceCount": sum(len(e["evidence"]) for e in relations),
        "communities": len({n["community"] for n in nodes if n["community"] >= 0}),
        "types": [{"type": t, "colour": type_colour(t), "count": c}
                  for t, c in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
        "predicates": [{"predicate": p, "count": c}
                       for p, c in sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))],
        "actions": [{"action": a, "count": actions[a]} for a in ACTION_CLASSES + ("",)
                    if a in actions],
        "kinds": [{"kind": k, "count": kinds[k]} for k in EDGE_KINDS if k in kinds],
    }


def _positions(network: nx.MultiDiGraph, order: list[Any]) -> dict[Any, tuple[float, float]]:
    """The positions :func:`graphbuild.network.add_metrics` gave the nodes, or else new ones."""
    if network.number_of_nodes() and all("x" in data and "y" in data
                                         for _, data in network.nodes(data=True)):
        return {node: (float(data["x"]), float(data["y"]))
                for node, data in network.nodes(data=True)}
    return page_positions(network, order)


def _curve_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Bend the edges between the same two nodes apart, so each is seen and can be clicked.

    An odd number of edges has one straight and the others bent to either side in turn; an
    even number has none straight; relations come before co-mentions. ``curve`` is
    vis-network's roundness, signed: positive is ``curvedCW`` along the edge, so an edge that
    points the other way gets the opposite sign to bend to the same side.
    """
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        if edge["from"] != edge["to"]:
            pairs[tuple(sorted((edge["from"], edge["to"])))].append(edge)  # type: ignore[arg-type]
    for (first, _), group in pairs.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: (e["kind"] != "relation", int(e["id"][1:])))
        odd = len(group) % 2
        for k, edge in enumerate(group):
            side = (k + 1) // 2 if odd else k // 2 + 1
            sign = 1 if (k % 2 == 1) == bool(odd) else -1
            bend = round(_CURVE * side * sign, 3)
            edge["curve"] = bend if edge["from"] == first else -bend


def summary_line(data: dict[str, Any]) -> str:
    """"3 documents · 58 entities · 28 relations (31 sentences)" for the page's header, and
    the pairs named together when there are any."""
    relations = sum(1 for e in data["edges"] if e["kind"] == "relation")
    together = len({(e["from"], e["to"]) for e in data["edges"] if e["kind"] != "relation"})
    return (f"{data['documentCount']:,} documents · {len(data['nodes']):,} entities · "
            f"{relations:,} relations ({data['sentenceCount']:,} sentences)"
            + (f" · {together:,} pairs named together" if together else ""))


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
    return "".join(_html_parts(network, title=title, max_nodes=max_nodes))


def write_html(network: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Write the interactive page of ``network`` to ``path`` (see :func:`render_html`), a
    part at a time: the page of a big corpus is never held whole."""
    with atomic_open(path) as handle:
        handle.writelines(_html_parts(network, title=title, max_nodes=max_nodes))


# Where the page's data goes in the rendered template: no article text can make this string,
# which is never written (the data's "<" is escaped in the page).
_DATA_MARK = "<graphbuild-page-data>"


def _html_parts(network: nx.MultiDiGraph, *, title: str, max_nodes: int) -> Iterator[str]:
    """The page in parts: the template around the data, and the data's JSON a piece at a
    time (each list of the data an item at a time)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("graphbuild", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    data = page_data(network, max_nodes=max_nodes)
    assets = _assets()
    page = env.get_template("graph.html").render(
        title=xml_safe(title), summary=summary_line(data), data_json=Markup(_DATA_MARK),
        # Our own files and vis-network contain no "</script" or "</style"; CSS gets the same
        # guard anyway since it is cheap.
        vis_js=Markup(assets["vis_js"]), app_js=Markup(assets["app_js"]),
        vis_css=Markup(assets["vis_css"].replace("</", "<\\/")),
        app_css=Markup(assets["app_css"].replace("</", "<\\/")),
    )
    head, tail = page.split(_DATA_MARK, 1)
    yield head
    for part in _json_parts(data):
        part = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", part)
        yield part.translate(_SCRIPT_SAFE)
    yield tail


def _json_parts(data: dict[str, Any]) -> Iterator[str]:
    """``json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` in
    parts: each value of ``data``, and each item of a list value, dumped on its own."""
    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    yield "{"
    for k, key in enumerate(sorted(data)):
        value = data[key]
        yield ("," if k else "") + dumps(key) + ":"
        if isinstance(value, list):
            yield "["
            for n, item in enumerate(value):
                yield ("," if n else "") + dumps(item)
            yield "]"
        else:
            yield dumps(value)
    yield "}"


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

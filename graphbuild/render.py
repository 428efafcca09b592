"""The interactive HTML page: a vis-network view of the graph, self-contained and offline.

vis-network's script and style come from the copy bundled with pyvis and are inlined, so the
page opens from disk with no network access. Names and sentences from articles are data: they
reach the page only as JSON inside a ``<script type="application/json">`` block (with ``<``,
``>`` and ``&`` escaped) and are put on screen with ``textContent`` and plain-text tooltips;
the template itself autoescapes.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from .export import atomic_open, xml_safe
from .network import type_colour

# JSON inside <script> must not contain "</script>" or "<!--"; escaping <, > and & (and the
# JavaScript line separators) makes any string safe there.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@cache
def _vis_assets() -> tuple[str, str]:
    lib = Path(resources.files("pyvis")) / "lib" / "vis-9.1.2"  # type: ignore[arg-type]
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def page_data(network: nx.MultiDiGraph) -> dict[str, list[dict[str, object]]]:
    """The nodes and edges of the page, with surrogate ids ("n0", "e0") instead of IRIs."""
    ids = {node: f"n{k}" for k, node in enumerate(network.nodes)}
    nodes = []
    for node, data in network.nodes(data=True):
        entity_type = data.get("type", "THING")
        name = data.get("label", node)
        tooltip = "\n".join(filter(None, (
            f"{name} ({entity_type})",
            "Also: " + "; ".join(data.get("aliases", [])) if data.get("aliases") else "",
            "Roles: " + "; ".join(data.get("titles", [])) if data.get("titles") else "",
            f"{data.get('mentions', 1)} mentions in {data.get('documents', 1)} documents")))
        nodes.append({
            "id": ids[node], "label": name, "name": name, "title": tooltip,
            "type": entity_type, "color": type_colour(entity_type),
            "value": data.get("mentions", 1), "mentions": data.get("mentions", 1),
            "aliases": list(data.get("aliases", [])), "titles": list(data.get("titles", [])),
        })
    edges = []
    for k, (u, v, data) in enumerate(network.edges(data=True)):
        evidence = data.get("evidence", [])
        first = evidence[0]["sentence"] if evidence else ""
        edges.append({
            "id": f"e{k}", "from": ids[u], "to": ids[v], "label": data.get("predicate", ""),
            "predicate": data.get("predicate", ""), "value": data.get("weight", 1),
            "title": f"{data.get('predicate', '')} ({len(evidence)} sentences)\n{first}",
            "evidence": [{key: ev.get(key, "") for key in ("document", "title", "sentence",
                                                             "confidence")}
                         for ev in evidence],
        })
    return {"nodes": nodes, "edges": edges}


def render_html(network: nx.MultiDiGraph, *, title: str = "graphbuild knowledge graph") -> str:
    """The HTML page of ``network`` as a string."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("graphbuild", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    data = page_data(network)
    counts = Counter(n["type"] for n in data["nodes"])
    summary = (f"{network.graph.get('documents', 0)} documents · {len(data['nodes'])} entities · "
               f"{len(data['edges'])} relations")
    vis_js, vis_css = _vis_assets()
    return env.get_template("graph.html").render(
        title=xml_safe(title), summary=summary,
        legend=[{"type": t, "colour": type_colour(str(t)), "count": c}
                for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))],
        data_json=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True)
                         .translate(_SCRIPT_SAFE)),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css.replace("</", "<\\/")),
    )


def write_html(network: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               title: str = "graphbuild knowledge graph") -> None:
    """Write the interactive page of ``network`` to ``path``."""
    page = render_html(network, title=title)
    with atomic_open(path) as handle:
        handle.write(page)

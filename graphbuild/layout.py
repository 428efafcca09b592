"""Node positions for the page and for Gephi, computed once in Python.

igraph's Fruchterman-Reingold lays out 5,000 nodes in well under a second (networkx's spring
layout takes about a minute), so pages open already laid out and Gephi files open drawn.
The random generator is seeded, so the same graph always gets the same positions.
"""

from __future__ import annotations

import random

import networkx as nx

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
            for node, (x, y) in zip(nodes, coords)}

"""The evidence tables: ``triples.csv`` (one row per relation occurrence) and ``merges.csv``
(every decision of entity resolution)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

import networkx as nx

from ..types import Merge
from .files import write_csv

TRIPLE_COLUMNS = ("subject", "predicate", "object", "subject_type", "object_type", "document",
                  "title", "sentence", "start", "end", "verb", "confidence", "negated",
                  "modality", "attributed_to", "relation_class", "action_class")


def triple_rows(network: nx.MultiDiGraph) -> Iterator[dict[str, object]]:
    """One row per relation occurrence: the triple and its evidence (co-mentions are not
    relations, and have no rows)."""
    for u, v, data in network.edges(data=True):
        if (data.get("kind") or "relation") != "relation":
            continue
        for evidence in data.get("evidence", []):
            yield _triple_row(network, u, v, data, evidence)


def _triple_row(network: nx.MultiDiGraph, u: object, v: object, data: dict[str, object],
                evidence: dict[str, object]) -> dict[str, object]:
    return {
        "subject": network.nodes[u].get("label", u),
        "predicate": data.get("predicate", ""),
        "object": network.nodes[v].get("label", v),
        "subject_type": network.nodes[u].get("type", ""),
        "object_type": network.nodes[v].get("type", ""),
        **{k: evidence.get(k, "") for k in TRIPLE_COLUMNS[5:]},
    }


def write_triples_csv(network: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``triples.csv``: one row per relation occurrence with its evidence, by document,
    offset, subject, predicate and object."""
    # Sort a small key per occurrence, not its row: rows are made one at a time as they are
    # written (the rows of a big corpus would hold its evidence a second time). The running
    # number keeps the order of equal keys, as a stable sort of the rows would.
    order = []
    for u, v, data in network.edges(data=True):
        if (data.get("kind") or "relation") != "relation":
            continue
        subject, predicate = network.nodes[u].get("label", u), data.get("predicate", "")
        object_ = network.nodes[v].get("label", v)
        for evidence in data.get("evidence", []):
            order.append((str(evidence.get("document", "")), int(str(evidence.get("start", ""))),
                          str(subject), str(predicate), str(object_), len(order), u, v, data,
                          evidence))
    order.sort()
    write_csv(path, TRIPLE_COLUMNS, (_triple_row(network, u, v, data, evidence)
                                     for *_, u, v, data, evidence in order))


def write_merges_csv(merges: Sequence[Merge], path: str | os.PathLike[str]) -> None:
    """Write ``merges.csv``: every alias merged into an entity, why, and the document that gave
    the evidence (empty for a merge no one document decides, such as an acronym)."""
    write_csv(path, ("alias", "entity", "reason", "document"),
              [{"alias": m.alias, "entity": m.entity, "reason": m.reason,
                "document": m.document} for m in merges])

"""SPARQL over a graphbuild graph, and the result formats the CLI prints.

>>> from graphbuild.rdf import new_graph
>>> format_result(query(new_graph(), "SELECT ?s WHERE { ?s ?p ?o }"), "csv")
's\\r\\n'
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from .errors import QueryError
from .rdf import GB, NER, REL, SCHEMA

PREFIXES = {"gb": GB, "rel": REL, "ner": NER, "schema": SCHEMA}
FORMATS = ("table", "csv", "json", "tsv")


def query(graph: Graph, text: str, *, bindings: Mapping[str, object] | None = None) -> Result:
    """Run a SPARQL query on ``graph``. graphbuild's prefixes (gb, rel, ner, schema, rdfs, skos,
    ...) are predeclared.

    Args:
        bindings: values for variables, bound by rdflib (never pasted into the text).

    Raises:
        QueryError: the query cannot be parsed or run; the message has the parser's position.
    """
    from pyparsing import ParseException

    initial = {k: v if isinstance(v, (URIRef, Literal)) else Literal(v)
               for k, v in (bindings or {}).items()}
    try:
        return graph.query(text, initNs=PREFIXES, initBindings=initial or None)
    except ParseException as err:
        raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: "
                         f"{err.msg} (near {err.line.strip()[:60]!r})") from None
    except Exception as err:  # rdflib evaluation errors have no common base class
        raise QueryError(f"SPARQL query failed: {err}") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result: an aligned text table, or SPARQL 1.1 CSV/TSV/JSON results."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")
    if fmt != "table":
        return result.serialize(format=fmt).decode("utf-8")
    names = [str(v) for v in result.vars or []]
    rows = [["" if value is None else _show(value) for value in row] for row in result]
    widths = [max([len(n)] + [len(r[k]) for r in rows]) for k, n in enumerate(names)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _show(value: object) -> str:
    text = str(value)
    return " ".join(text.split()) if isinstance(value, Literal) else text

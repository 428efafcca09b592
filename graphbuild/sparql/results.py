"""Query results in every format: the one format registry, and the writers.

Each :class:`ResultFormat` has a name (``--format``, ``format=``), the media types it is sent
as (the first is its ``Content-Type``) and the kinds of result it holds: ``TABLE`` (SELECT and,
where ``ask`` is true, ASK) or ``GRAPH`` (CONSTRUCT and DESCRIBE). The CLI's choices, the
endpoint's content negotiation and :func:`serialize_result` all read :data:`REGISTRY`.

>>> from graphbuild.vocab import new_graph
>>> from graphbuild.sparql.query import query
>>> format_result(query(new_graph(), "SELECT ?s WHERE { ?s ?p ?o }"), "csv")
's\\r\\n'
>>> negotiate("text/csv, */*;q=0.1", offers("SELECT"))
'csv'
>>> negotiate("image/png", offers("SELECT")) is None
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow

from ..errors import QueryError
from ..rdf import serialize, turtle_term
from ..types import ResultFormat
from ..vocab import PREFIXES, bind_prefixes

REGISTRY: tuple[ResultFormat, ...] = (
    ResultFormat("json", ("application/sparql-results+json", "application/json"), "TABLE"),
    ResultFormat("xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
                 "TABLE"),
    ResultFormat("csv", ("text/csv",), "TABLE", ask=False),
    ResultFormat("tsv", ("text/tab-separated-values",), "TABLE", ask=False),
    ResultFormat("table", ("text/plain",), "TABLE", aliases=("text",)),
    ResultFormat("turtle", ("text/turtle", "application/x-turtle"), "GRAPH",
                 aliases=("ttl", "n3")),
    ResultFormat("nt", ("application/n-triples", "text/plain"), "GRAPH",
                 aliases=("n-triples",)),
    ResultFormat("xml", ("application/rdf+xml", "application/xml"), "GRAPH",
                 aliases=("rdf+xml", "rdf")),
    ResultFormat("json-ld", ("application/ld+json", "application/json"), "GRAPH",
                 aliases=("jsonld",)),
)
"""Every result format, in the endpoint's order of preference within a kind."""
RESULT_FORMATS = tuple(sorted((f.name for f in REGISTRY if f.kind == "TABLE"),
                              key=lambda name: name != "table"))
"""Formats of SELECT and ASK results: a text table, or the SPARQL 1.1 results formats."""
GRAPH_FORMATS = tuple(f.name for f in REGISTRY if f.kind == "GRAPH")
"""Formats of CONSTRUCT and DESCRIBE results (RDF); ``table`` means Turtle, ``json`` JSON-LD."""
FORMATS = tuple(dict.fromkeys((*RESULT_FORMATS, *GRAPH_FORMATS)))
"""Every name ``--format`` takes."""
_AS_GRAPH = {"table": "turtle", "json": "json-ld"}  # table formats that mean a graph format


def _kind(form: str) -> str:
    return "GRAPH" if form in ("CONSTRUCT", "DESCRIBE", "GRAPH") else form


def offers(form: str) -> tuple[tuple[str, str], ...]:
    """(media type, format) pairs a result of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE or
    GRAPH) can be sent as, preferred first."""
    kind = _kind(form)
    return tuple((media, f.name) for f in REGISTRY
                 if f.kind == ("GRAPH" if kind == "GRAPH" else "TABLE")
                 and (kind != "ASK" or f.ask) for media in f.media_types)


def content_type(form: str, fmt: str) -> str:
    """The media type a result of ``form`` in format ``fmt`` is sent as."""
    return next((media for media, name in offers(form) if name == fmt), "text/plain")


def named_format(form: str, asked: str) -> str | None:
    """The format a ``format=`` value (a name, an alias or a media type) means for a result
    of ``form``, or None if it fits none."""
    if "/" in asked:
        return negotiate(asked, offers(form))
    graph = _kind(form) == "GRAPH"
    for f in REGISTRY:
        if (f.kind == "GRAPH") == graph and asked in (f.name, *f.aliases):
            return f.name
    if graph:
        table = named_format("SELECT", asked)
        return _AS_GRAPH.get(table or "")
    return None


def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> str | None:
    """The format of the offer ``accept`` (an HTTP Accept header) likes best; ties go to the
    earlier offer, no header to the first. None if nothing offered is acceptable.
    """
    if not accept or not accept.strip():
        return offers[0][1]
    ranges = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    best: tuple[float, int, str] | None = None
    for index, (media, fmt) in enumerate(offers):
        kind = media.split("/")[0]
        matches = [(3 if r == media else 2 if r == f"{kind}/*" else 1, q)
                   for r, q in ranges if r in (media, f"{kind}/*", "*/*")]
        if not matches:
            continue
        quality = max(matches)[1]  # the most specific range decides
        if quality > 0 and (best is None or (quality, -index) > (best[0], best[1])):
            best = (quality, -index, fmt)
    return None if best is None else best[2]


def limit_result(result: Result, max_rows: int | None) -> tuple[Result, bool]:
    """At most ``max_rows`` rows (SELECT) or triples (CONSTRUCT/DESCRIBE) of ``result``,
    materialised, and whether some were cut. Reads only ``max_rows + 1`` rows of a SELECT.
    """
    if result.type == "ASK":
        return result, False
    if result.type == "SELECT":
        variables = list(result.vars or [])
        rows = list(islice(_rows(result), None if max_rows is None else max_rows + 1))
        cut = max_rows is not None and len(rows) > max_rows
        limited = Result("SELECT")
        limited.vars = variables
        limited.bindings = [{v: row[i] for i, v in enumerate(variables) if row[i] is not None}
                            for row in rows[:max_rows]]
        return limited, cut
    graph = result.graph
    if graph is None or max_rows is None or len(graph) <= max_rows:
        return result, False
    small = Graph()
    for prefix, namespace in graph.namespaces():
        small.bind(prefix, namespace)
    for triple in islice(graph, max_rows):
        small.add(triple)
    limited = Result(result.type)
    limited.graph = small
    return limited, True


def serialize_result(result: Result, fmt: str = "table") -> bytes:
    """``result`` in ``fmt`` (one of :data:`FORMATS`), UTF-8.

    SELECT and ASK take :data:`RESULT_FORMATS` (the SPARQL 1.1 JSON, XML, CSV and TSV
    results formats, or a text table; an ASK in table/csv/tsv is ``true`` or ``false``);
    CONSTRUCT and DESCRIBE take :data:`GRAPH_FORMATS` (``table`` gives Turtle, ``json``
    JSON-LD).

    Raises:
        QueryError: an unknown format, or one that does not fit the result.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = _AS_GRAPH.get(fmt, fmt)
        if rdf_format not in GRAPH_FORMATS:
            raise QueryError(f"a {result.type} query gives a graph: choose a format among "
                             f"{', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        graph = bind_prefixes(result.graph)  # type: ignore[arg-type]
        return serialize(graph, rdf_format)  # type: ignore[arg-type]
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a {result.type} query gives a table: choose a format among "
                         f"{', '.join(RESULT_FORMATS)}, not {fmt!r} (that is for CONSTRUCT)")
    try:
        if result.type == "ASK":
            if fmt == "json":
                return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}).encode()
            if fmt == "xml":
                return result.serialize(format="xml")  # type: ignore[return-value]
            return b"true" if result.askAnswer else b"false"
        if fmt == "table":
            return _table(result).encode("utf-8")
        if fmt == "tsv":
            return _tsv(result).encode("utf-8")
        if fmt == "csv":
            return _csv(result).encode("utf-8")
        return result.serialize(format=fmt)  # type: ignore[return-value]
    except QueryError:
        raise
    except Exception as err:  # evaluation is lazy: errors surface while rows are read
        raise QueryError(f"SPARQL query failed: {err}") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as text: an aligned table, SPARQL 1.1 JSON/XML/CSV/TSV results,
    or RDF for CONSTRUCT and DESCRIBE (see :func:`serialize_result`)."""
    return serialize_result(result, fmt).decode("utf-8")


def _rows(result: Result) -> Iterator[ResultRow]:
    """The rows of a SELECT result (typed: iterating a Result may also give triples)."""
    return cast(Iterator[ResultRow], iter(result))


def _table(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    rows = [["" if value is None else _show(value) for value in row] for row in _rows(result)]
    widths = [max([len(n)] + [len(r[k]) for r in rows]) for k, n in enumerate(names)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _show(value: object) -> str:
    if isinstance(value, Literal):
        return " ".join(str(value).split())
    if isinstance(value, URIRef):
        for prefix, namespace in PREFIXES.items():
            iri = str(namespace)
            if value.startswith(iri) and re.fullmatch(r"[\w.-]+", value[len(iri):]):
                return f"{prefix}:{value[len(iri):]}"
    return str(value)


def _csv(result: Result) -> str:
    """SPARQL 1.1 CSV results, each cell safe to open in a spreadsheet (a value that would
    start a formula gets a leading quote: :func:`graphbuild.outputs.files.spreadsheet_safe`)."""
    import csv
    import io

    from ..outputs.files import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(v) for v in result.vars or []])
    for row in _rows(result):
        writer.writerow([spreadsheet_safe("" if t is None else (
            f"_:{t}" if isinstance(t, BNode) else str(t))) for t in row])
    return buffer.getvalue()


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results (rdflib has no TSV serializer): terms in Turtle syntax."""
    variables = list(result.vars or [])
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else turtle_term(t) for t in row)
              for row in _rows(result)]
    return "\n".join(lines) + "\n"

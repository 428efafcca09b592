"""SPARQL over a graphbuild graph: running queries, the ready-made questions, result formats.

:func:`query` takes any rdflib :class:`~rdflib.Graph` (a graph read from a file, or one backed
by a store), so everything here works on both.

The ready-made questions are ``.rq`` files in ``graphbuild/queries/`` whose first lines are a
comment header::

    # title: Everything about an entity
    # description: Finds entities by name or any alias ... (continued on lines
    #   indented by two spaces)
    # param name (string, required): a name or alias, e.g. Kerry
    # example: --param name=Kerry

A parameter is a variable of the query (``?name``); its value is bound by rdflib
(``initBindings``), never pasted into the query text, so no value can change the query.

>>> from graphbuild.rdf import new_graph
>>> format_result(query(new_graph(), "SELECT ?s WHERE { ?s ?p ?o }"), "csv")
's\\r\\n'
>>> question("entity").parameters[0].name
'name'
>>> bind_parameters(question("entity"), {"name": "Kerry"})
{'name': rdflib.term.Literal('Kerry')}
"""

from __future__ import annotations

import ctypes
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from typing import TypeVar, cast

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node, Variable

from .errors import QueryError
from .rdf import GB, NER, REL, SCHEMA, serialize

logger = logging.getLogger(__name__)

PREFIXES: dict[str, object] = {"gb": GB, "rel": REL, "ner": NER, "schema": SCHEMA, "rdf": RDF,
                               "rdfs": RDFS, "skos": SKOS, "xsd": XSD}
"""The prefixes every query may use without declaring them."""
RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml")
"""Formats of SELECT and ASK results: a text table, or the SPARQL 1.1 results formats."""
GRAPH_FORMATS = ("turtle", "nt", "xml", "json-ld")
"""Formats of CONSTRUCT and DESCRIBE results (RDF); ``table`` means Turtle, ``json`` JSON-LD."""
FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "nt", "json-ld")
PARAMETER_TYPES = ("string", "iri", "integer", "decimal", "date")

_T = TypeVar("_T")


class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit and was stopped."""


@dataclass(frozen=True)
class Parameter:
    """A parameter of a ready-made question: the query variable ``?name``."""

    name: str
    description: str = ""
    type: str = "string"
    required: bool = True


@dataclass(frozen=True)
class Question:
    """A ready-made SPARQL question (a shipped ``.rq`` file, or any query text)."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    example: str = ""


# -- running queries ------------------------------------------------------------------------

def query(graph: Graph, text: str, *, bindings: Mapping[str, object] | None = None) -> Result:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on ``graph``.

    graphbuild's prefixes (gb, rel, ner, schema, rdf, rdfs, skos, xsd) are predeclared.

    Args:
        graph: any rdflib graph: read from a file, or backed by a store.
        bindings: values for variables, bound by rdflib (never pasted into the text); plain
            Python values become literals.

    Raises:
        QueryError: the query cannot be parsed or run; a syntax error names the line and
            column, and an update (INSERT, DELETE, ...) is refused.
    """
    from pyparsing import ParseException
    from rdflib.plugins.stores.memory import Memory, SimpleMemory

    initial = {k: v if isinstance(v, Identifier) else Literal(v)
               for k, v in (bindings or {}).items()}
    # rdflib's parser takes longer than most queries on a graph in memory, so such graphs get
    # the parsed query from a cache; a store (Oxigraph) gets the text, to run it natively.
    prepared = parse_query(text) if isinstance(graph.store, (Memory, SimpleMemory)) else text
    try:
        return graph.query(prepared, initNs=PREFIXES, initBindings=initial or None)
    except ParseException as err:
        raise _syntax_error(text, err) from None
    except Exception as err:  # rdflib evaluation errors have no common base class
        raise QueryError(f"SPARQL query failed: {err}") from None


def parse_query(text: str):  # -> rdflib.plugins.sparql.sparql.Query
    """Parse and translate ``text`` without running it (to learn its form, or to vet it).
    The last 64 queries parsed are cached.

    Raises:
        QueryError: as :func:`query` does.
    """
    from pyparsing import ParseException

    try:
        return _prepare(text)
    except ParseException as err:
        raise _syntax_error(text, err) from None
    except Exception as err:  # e.g. an undeclared prefix
        raise QueryError(f"SPARQL query failed: {err}") from None


@lru_cache(maxsize=64)
def _prepare(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=PREFIXES)


def query_form(text: str) -> str:
    """``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``.

    >>> query_form("ASK { ?s ?p ?o }")
    'ASK'
    """
    return parse_query(text).algebra.name[: -len("Query")].upper()


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, ...).

    >>> is_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }"), is_update("ASK {}")
    (True, False)
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _syntax_error(text: str, err) -> QueryError:
    if is_update(text):
        return QueryError("this is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...): graphbuild "
                          "only reads graphs; run updates on a triple store")
    return QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: "
                      f"{err.msg} (near {err.line.strip()[:60]!r})")


class _Stop(BaseException):
    """Raised inside a query's worker thread to stop it. A BaseException, so that the
    ``except Exception`` clauses inside rdflib's evaluator cannot swallow it."""


def run_with_timeout(work: Callable[[], _T], seconds: float | None) -> _T:
    """Call ``work()`` in a worker thread and stop it if it is not done after ``seconds``.

    rdflib evaluates SPARQL in Python, so the worker is stopped by raising an exception in
    it (``PyThreadState_SetAsyncExc``), which lands between two bytecodes: a cross product
    of a million rows stops within milliseconds. Code running inside a C extension is
    stopped when it returns to Python.

    Raises:
        QueryTimeoutError: ``work`` was still running after ``seconds``.
        Exception: whatever ``work`` raised.

    >>> run_with_timeout(lambda: 6 * 7, 1.0)
    42
    """
    if seconds is None:
        return work()
    box: dict[str, object] = {}

    def target() -> None:
        try:
            try:
                box["value"] = work()
            except _Stop:
                box["stopped"] = True
            except BaseException as err:  # handed to the caller's thread
                box["error"] = err
            box["done"] = True
        except _Stop:  # a second stop that landed in the handler above
            box["done"] = True

    worker = threading.Thread(target=target, name="graphbuild-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive() and "done" not in box:
        stopped = _stop_thread(worker, box)
        raise QueryTimeoutError(
            f"the query ran longer than {seconds:g} s and was "
            f"{'stopped' if stopped else 'abandoned (it is still running)'}; make it more "
            f"selective (LIMIT, fewer unbound patterns) or allow more time")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _stop_thread(worker: threading.Thread, box: Mapping[str, object]) -> bool:
    """Raise :class:`_Stop` in ``worker`` until it ends (at most ~2 s); True if it ended."""
    for attempt in range(40):
        if attempt % 10 == 0 and "done" not in box and worker.ident is not None:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                       ctypes.py_object(_Stop))
        worker.join(0.05)
        if not worker.is_alive():
            return True
    logger.warning("a timed-out query could not be stopped (busy in C code); it keeps running "
                   "in the background")
    return False


# -- ready-made questions -------------------------------------------------------------------

_HEADER = re.compile(r"#\s?(title|description|param|example)\b([^:]*):\s*(.*)$")
_PARAM = re.compile(r"\s*([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*$")


def parse_question(text: str, name: str = "query") -> Question:
    """Read a question's comment header (title, description, params, example) from ``text``.

    Text without a header gives a question without declared parameters.

    Raises:
        QueryError: a ``param`` line is malformed (bad name, unknown type).
    """
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": []}
    params: list[Parameter] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, extra, value = match.groups()
            if key == "param":
                params.append(_parameter(extra, value, name))
                current = None
            else:
                current = fields[key]
                current.append(value.strip())
        elif current is not None and re.match(r"#\s{2,}\S", line):
            current.append(line[1:].strip())
        else:
            current = None
    return Question(name=name, title=" ".join(fields["title"]) or name,
                    description=" ".join(fields["description"]), parameters=tuple(params),
                    text=text, example=" ".join(fields["example"]))


def _parameter(spec: str, description: str, question_name: str) -> Parameter:
    match = _PARAM.fullmatch(spec)
    if not match:
        raise QueryError(f"bad 'param' line in {question_name!r}: {spec.strip()!r}; write "
                         f"'# param NAME (TYPE, required|optional): description'")
    name, options = match.group(1), [o.strip() for o in (match.group(2) or "").split(",")]
    kind = next((o for o in options if o in PARAMETER_TYPES), "string")
    unknown = [o for o in options if o and o not in PARAMETER_TYPES + ("required", "optional")]
    if unknown:
        raise QueryError(f"bad 'param' line in {question_name!r}: unknown option {unknown[0]!r};"
                         f" types are {', '.join(PARAMETER_TYPES)}, plus required or optional")
    return Parameter(name=name, description=description.strip(), type=kind,
                     required="optional" not in options)


@cache
def questions() -> tuple[Question, ...]:
    """The ready-made questions shipped with graphbuild, sorted by name.

    >>> [q.name for q in questions()][:3]
    ['entity', 'evidence', 'in-most-documents']
    """
    folder = resources.files("graphbuild") / "queries"
    found = [parse_question(f.read_text(encoding="utf-8"), f.name[:-3])
             for f in folder.iterdir() if f.name.endswith(".rq")]
    return tuple(sorted(found, key=lambda q: q.name))


def question(name: str) -> Question:
    """The ready-made question called ``name`` (``who-met-whom``; ``.rq`` may be added).

    Raises:
        QueryError: there is no such question; the message lists them.
    """
    key = name[:-3] if name.endswith(".rq") else name
    for candidate in questions():
        if candidate.name == key:
            return candidate
    raise QueryError(f"no ready-made question {name!r}; choose one of "
                     f"{', '.join(q.name for q in questions())} (graphbuild query --list)")


def bind_parameters(question: Question, values: Mapping[str, str]) -> dict[str, Identifier]:
    """Turn ``--param NAME=VALUE`` strings into RDF terms for :func:`query`'s ``bindings``.

    A question with declared parameters accepts only those, requires the required ones and
    converts each value to its declared type. Query text without declarations accepts any
    variable the text uses; ``<...>`` values become IRIs, others string literals.

    Raises:
        QueryError: an unknown or missing parameter, or a value of the wrong type.

    >>> q = parse_question("SELECT * { ?s rdfs:label ?label }")
    >>> bind_parameters(q, {"s": "<https://example.org/a>"})
    {'s': rdflib.term.URIRef('https://example.org/a')}
    """
    declared = {p.name: p for p in question.parameters}
    out: dict[str, Identifier] = {}
    for name, value in values.items():
        if declared:
            if name not in declared:
                raise QueryError(f"{question.name!r} has no parameter {name!r}; its parameters "
                                 f"are {', '.join(declared)}")
            out[name] = _term(value, declared[name].type, name)
        else:
            if not re.search(rf"[?$]{re.escape(name)}\b", question.text):
                raise QueryError(f"the query has no variable ?{name} to bind --param {name} to")
            kind = "iri" if value.startswith("<") and value.endswith(">") else "string"
            out[name] = _term(value, kind, name)
    missing = [p.name for p in question.parameters if p.required and p.name not in values]
    if missing:
        example = f" (e.g. {question.example})" if question.example else ""
        raise QueryError(f"{question.name!r} needs "
                         f"{' '.join(f'--param {m}=VALUE' for m in missing)}{example}")
    return out


def _term(value: str, kind: str, name: str) -> Identifier:
    try:
        if kind == "iri":
            iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
            if not re.fullmatch(r"[A-Za-z][\w+.-]*:[^\s<>\"{}|\\^`]*", iri):
                raise ValueError
            return URIRef(iri)
        if kind == "integer":
            return Literal(int(value))
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return Literal(value, datatype=XSD.date)
    except (ValueError, InvalidOperation):
        raise QueryError(f"--param {name}={value!r} is not a valid {kind}") from None
    return Literal(value)


# -- results --------------------------------------------------------------------------------

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
        rdf_format = {"table": "turtle", "json": "json-ld"}.get(fmt, fmt)
        if rdf_format not in GRAPH_FORMATS:
            raise QueryError(f"a {result.type} query gives a graph: choose a format among "
                             f"{', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        graph = result.graph
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=False)  # type: ignore[union-attr]
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


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results (rdflib has no TSV serializer): terms in Turtle syntax."""
    variables = list(result.vars or [])
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else turtle_term(t) for t in row)
              for row in _rows(result)]
    return "\n".join(lines) + "\n"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BARE = {XSD.integer: r"[+-]?\d+", XSD.decimal: r"[+-]?\d*\.\d+",
         XSD.double: r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", XSD.boolean: r"true|false"}


def turtle_term(term: Node) -> str:
    """An RDF term in N-Triples/Turtle syntax, on one line (numbers written bare).

    >>> turtle_term(Literal('say "hi"\\n')), turtle_term(Literal(3)), turtle_term(BNode("b1"))
    ('"say \\\\"hi\\\\"\\\\n"', '3', '_:b1')
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        pattern = _BARE.get(term.datatype) if term.datatype else None
        if pattern and re.fullmatch(pattern, lexical):
            return lexical
        text = '"' + "".join(_ESCAPES.get(c, c) for c in lexical) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, Variable):
        return f"?{term}"
    raise QueryError(f"cannot write {term!r} as an RDF term")


def term_lines(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples for ``triples`` (also valid Turtle and SPARQL ``INSERT DATA`` content)."""
    return "".join(f"{turtle_term(s)} {turtle_term(p)} {turtle_term(o)} .\n"
                   for s, p, o in triples)

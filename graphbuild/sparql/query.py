"""Running SPARQL on a graphbuild graph: prefixes predeclared, parsed queries cached, and
a time limit.

:func:`query` takes any rdflib :class:`~rdflib.Graph` (a graph read from a file, or one backed
by a store), so everything here works on both.

>>> from graphbuild.vocab import new_graph
>>> query_form("ASK { ?s ?p ?o }"), bool(query(new_graph(), "ASK { ?s ?p ?o }").askAnswer)
('ASK', False)
"""

from __future__ import annotations

import ctypes
import logging
import re
import threading
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TypeVar

from rdflib import Graph, Literal
from rdflib.query import Result
from rdflib.term import Identifier

from ..errors import QueryError, QueryStopped, QueryTimeoutError
from ..vocab import PREFIXES

logger = logging.getLogger(__name__)

_T = TypeVar("_T")


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


# The lexemes of SPARQL that can hold a word which is not a keyword, and the bare words. A
# keyword can only be a bare word: what strings, IRIs, prefixed names, variables, language
# tags and comments hold is skipped, left to right as a SPARQL lexer reads.
_LEXEMES = re.compile(r"""
    \#[^\n\r]*
  | '\'\'(?:[^'\\]|\\.|'(?!''))*\'\'' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
  | '(?:[^'\\\n\r]|\\.)*' | "(?:[^"\\\n\r]|\\.)*"
  | <[^<>"{}|^`\\\s]*>
  | [?$@][\w-]*
  | [\w.-]*:[\w.:%\\-]*
  | (?P<word>[A-Za-z_]\w*)
""", re.VERBOSE)
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                           "MOVE", "ADD", "WITH"})


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased: its keywords and function names, and
    nothing that strings, IRIs, prefixed names, variables or comments hold.

    >>> keywords('SELECT * FROM <http://x/from> { ?from a "SERVICE" } # FROM')
    ['SELECT', 'FROM', 'A']
    """
    return [m.group("word").upper() for m in _LEXEMES.finditer(text) if m.group("word")]


def vet_query(text: str) -> str | None:
    """Why ``text`` may not run on a read-only endpoint, without parsing it: ``"update"``
    (INSERT, DELETE, LOAD, ...), ``"dataset"`` (``FROM``, ``FROM NAMED`` or ``SERVICE``, which
    would make the endpoint read other graphs or fetch other URLs), or None.

    The keywords decide (:func:`keywords`), so this takes microseconds where rdflib's parser
    takes a third of a second, and a word inside a string or an IRI never counts.

    >>> vet_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    'dataset'
    >>> vet_query("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    'update'
    >>> vet_query('SELECT ?s WHERE { ?s ex:from ?o FILTER(CONTAINS(?o, "service")) }') is None
    True
    """
    words = keywords(text)
    first = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if first in _UPDATE_WORDS:
        return "update"
    if "SERVICE" in words or "FROM" in words:
        return "dataset"
    return None


def _syntax_error(text: str, err) -> QueryError:
    if is_update(text):
        return QueryError("this is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...): graphbuild "
                          "only reads graphs; run updates on a triple store")
    return QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: "
                      f"{err.msg} (near {err.line.strip()[:60]!r})")


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
            except QueryStopped:
                box["stopped"] = True
            except BaseException as err:  # handed to the caller's thread
                box["error"] = err
            box["done"] = True
        except QueryStopped:  # a second stop that landed in the handler above
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
    """Raise :class:`QueryStopped` in ``worker`` until it ends (at most ~2 s); True if it ended."""
    for attempt in range(40):
        if attempt % 10 == 0 and "done" not in box and worker.ident is not None:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                       ctypes.py_object(QueryStopped))
        worker.join(0.05)
        if not worker.is_alive():
            return True
    logger.warning("a timed-out query could not be stopped (busy in C code); it keeps running "
                   "in the background")
    return False

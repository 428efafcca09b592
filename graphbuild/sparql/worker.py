"""The endpoint's query workers: processes that hold the graph in Oxigraph and answer queries.

Oxigraph (pyoxigraph) evaluates SPARQL in Rust, many times faster than rdflib's engine and
without holding Python's lock, but it has no time limit and no exception can reach its Rust
code; so :mod:`graphbuild.sparql.serve` runs queries in a :class:`QueryPool` of worker
processes and kills the one whose query overruns. The others go on answering meanwhile, and a
fresh worker loads the graph in its place.

Each worker holds its own copy: a graph file (Turtle, N-Triples, ...) loaded into an in-memory
Oxigraph store, with the statistics graph a store keeps (:data:`graphbuild.store.
STATISTICS_GRAPH`: triples per predicate and class, each entity's partners and rank), or a
graphbuild store opened read-only. Results are written in the worker
(SPARQL JSON directly from Oxigraph's terms; the other formats through
:func:`graphbuild.sparql.results.serialize_result`), at most ``max_rows`` rows or triples.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import QueryError, QueryTimeoutError, RefusedError, ServeError

logger = logging.getLogger(__name__)

LOAD_SECONDS = 600
"""The longest a worker may take to load the graph before the server gives up on it."""
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class QueryPool:
    """``workers`` processes that each hold the graph of ``source`` and answer queries.

    ``source`` is ``("file", path)`` (a graph file, loaded into memory by each worker) or
    ``("store", folder)`` (a graphbuild store, opened read-only by each worker).

    Raises:
        ServeError: the first worker could not load the graph.
    """

    def __init__(self, source: tuple[str, str], workers: int) -> None:
        import multiprocessing

        self.source = source
        # spawn, not fork: the server has threads (whose locks a forked child would inherit).
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.closed = False
        self.workers: list[_Worker] = []
        try:
            started = [self._start() for _ in range(workers)]
            self.triples = started[0].wait_ready()
            self.idle.put(started[0])
        except BaseException:
            self.close()
            raise
        for worker in started[1:]:
            self._when_ready(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.source)
        with self.lock:
            self.workers.append(worker)
        return worker

    def _when_ready(self, worker: _Worker) -> None:
        """Put ``worker`` among the idle ones once it has loaded the graph (in the background:
        a request never waits for a worker that is still loading)."""

        def wait() -> None:
            try:
                worker.wait_ready()
            except (ServeError, EOFError, OSError) as err:  # failed, or killed at closing
                if not self.closed:
                    logger.error("a query worker failed: %s", err)
                self._replace(worker, again=False)
                return
            if not self.closed:
                self.idle.put(worker)

        threading.Thread(target=wait, name="graphbuild-query-start", daemon=True).start()

    def _replace(self, worker: _Worker, *, again: bool = True) -> None:
        worker.kill()
        fresh = None
        with self.lock:
            if worker in self.workers:
                self.workers.remove(worker)
            if again and not self.closed:  # the new one loads the graph in the background
                fresh = _Worker(self.context, self.source)
                self.workers.append(fresh)
        if fresh is not None:
            self._when_ready(fresh)

    def run(self, text: str, formats: Mapping[str, str | None], max_rows: int,
            timeout: float) -> tuple[str, bytes, bool]:
        """Run ``text`` on the first free worker: the kind of result (``SELECT``, ``ASK`` or
        ``GRAPH``), the result in ``formats[kind]`` and whether it was cut at ``max_rows``.
        Waits at most ``timeout`` for a free worker, and ``timeout`` for the answer.

        Raises:
            QueryTimeoutError: no answer in time; the worker was killed.
            QueryError: the query failed.
            RefusedError: no worker was free in time (503), an update (403), or no format
                of ``formats`` fits the kind of result (406).
        """
        worker = self._next(timeout)
        free: _Worker | None = worker
        try:
            worker.connection.send((text, dict(formats), max_rows))
            if not worker.connection.poll(timeout):
                self._replace(worker)
                free = None
                raise QueryTimeoutError(
                    f"the query ran longer than {timeout:g} s and was stopped; make it more "
                    f"selective (LIMIT, fewer unbound patterns) or allow more time")
            answer = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            free = None
            raise QueryError("the query worker stopped unexpectedly; see the server "
                             "log") from None
        finally:
            if free is not None:
                self.idle.put(free)
        status = answer[0]
        if status == "ok":
            return answer[1], answer[2], answer[3]
        if status == "update":
            raise RefusedError(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint "
                                                     "is read-only")
        if status == "format":
            raise RefusedError(HTTPStatus.NOT_ACCEPTABLE, answer[1])
        raise QueryError(answer[1])

    def _next(self, timeout: float) -> _Worker:
        """The next free worker: waits ``timeout`` for one, and longer while a worker is
        still loading the graph (it will be free then)."""
        waited = 0.0
        while True:
            try:
                return self.idle.get(timeout=timeout)
            except queue.Empty:
                waited += timeout
                with self.lock:
                    loading = any(w.triples is None for w in self.workers)
                if not loading or waited >= LOAD_SECONDS or self.closed:
                    raise RefusedError(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker "
                                                                       "is busy; try again"
                                       ) from None

    def close(self) -> None:
        """Stop every worker."""
        with self.lock:
            self.closed = True
            workers, self.workers = self.workers, []
        for worker in workers:
            worker.kill()


class _Worker:
    """One query worker process and the server's end of its pipe."""

    def __init__(self, context: Any, source: tuple[str, str]) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_answer_queries, args=(source, child),
                                       name="graphbuild-query", daemon=True)
        self.process.start()
        child.close()
        self.triples: int | None = None
        self._kill_lock = threading.Lock()

    def wait_ready(self) -> int:
        """The number of triples the worker loaded, once it has (it says so once)."""
        if self.triples is None:
            if not self.connection.poll(LOAD_SECONDS):
                raise ServeError(f"the query worker did not load the graph in "
                                 f"{LOAD_SECONDS} s")
            status, detail = self.connection.recv()
            if status != "ready":
                raise ServeError(detail)
            self.triples = detail
        return self.triples

    def kill(self) -> None:
        # The thread whose query timed out and the pool's close() can kill one worker at the
        # same moment: the pipe is closed once, under a lock.
        with self._kill_lock:
            self.process.kill()
            self.process.join(5)
            if not self.connection.closed:
                self.connection.close()


def rdf_format(path: str | Path) -> Any:
    """The pyoxigraph format of an RDF file, by its suffix (Turtle when it says nothing).

    >>> rdf_format("graph.jsonld").name, rdf_format("graph.ttl").name, rdf_format("g").name
    ('JSON-LD', 'Turtle', 'Turtle')
    """
    import pyoxigraph as ox

    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"json": "jsonld", "owl": "rdf", "xml": "rdf"}.get(suffix, suffix)
    return (ox.RdfFormat.from_extension(suffix) if suffix else None) or ox.RdfFormat.TURTLE


def _answer_queries(source: tuple[str, str], connection: Any) -> None:
    """A worker's life: load the graph, say ("ready", triples) (or ("failed", why)), then
    answer (text, formats, max_rows) jobs until the pipe closes."""
    import pyoxigraph as ox

    from ..vocab import PREFIXES

    kind, path = source
    try:
        if kind == "store":
            store = ox.Store.read_only(path)
            triples = len(store)
        else:
            store = ox.Store()
            store.bulk_load(path=path, format=rdf_format(path))
            triples = len(store)
            from ..store import add_statistics

            add_statistics(store)  # the same questions then work on a file and a store
        _warm_up()
        connection.send(("ready", triples))
    except Exception as err:  # a file that does not parse: the server says why and stops
        connection.send(("failed", f"cannot load {path!r}: {err}"))
        return
    prefixes = {name: str(namespace) for name, namespace in PREFIXES.items()}
    while True:
        try:
            text, formats, max_rows = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            connection.send(answer(store, text, formats, max_rows, prefixes=prefixes))
        except Exception as err:  # evaluation errors have no common base class
            connection.send(("error", f"SPARQL query failed: {err}"))


def _warm_up() -> None:
    """Import and run once what answers need (rdflib's result and RDF writers), so that the
    first query of each kind is not slower than the others (and not stopped for it)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.query import Result

    from .results import serialize_result

    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    for fmt in ("turtle", "nt", "xml", "json-ld"):
        graph.serialize(format=fmt)
    result = Result("ASK")
    result.askAnswer = True
    serialize_result(result, "xml")


def answer(store: Any, text: str, formats: Mapping[str, str | None], max_rows: int, *,
           prefixes: Mapping[str, str]) -> tuple:
    """Run ``text`` on the pyoxigraph ``store``: ("ok", kind, body, cut), ("update",),
    ("format", message) or ("error", message).

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    >>> answer(store, "SELECT ?o { ?s ?p ?o }", {"SELECT": "csv"}, 10, prefixes={})
    ('ok', 'SELECT', b'o\\r\\nx\\r\\n', False)
    """
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.query import Result
    from rdflib.term import Variable

    from .query import is_update, parse_query
    from .results import offers, serialize_result

    try:
        found = store.query(text, prefixes=dict(prefixes))
    except SyntaxError as err:
        if is_update(text):
            return ("update",)
        try:  # rdflib's parser says where the error is in plain words
            parse_query(text)
        except QueryError as readable:
            return ("error", str(readable))
        return ("error", f"SPARQL syntax error: {str(err).splitlines()[0][:300]}")
    kind = ("ASK" if isinstance(found, ox.QueryBoolean)
            else "SELECT" if isinstance(found, ox.QuerySolutions) else "GRAPH")
    fmt = formats.get(kind)
    if fmt is None:
        accepted = ", ".join(dict.fromkeys(media for media, _ in offers(kind)))
        return ("format", f"cannot answer a {kind} query in the formats asked for; "
                          f"accepted: {accepted}")
    if kind == "ASK":
        result = Result("ASK")
        result.askAnswer = bool(found)
        return ("ok", kind, serialize_result(result, fmt), False)
    rows = list(islice(found, max_rows + 1))
    cut = len(rows) > max_rows
    rows = rows[:max_rows]
    if kind == "SELECT":
        names = [v.value for v in found.variables]
        if fmt == "json":
            return ("ok", kind, _json_results(names, rows), cut)
        result = Result("SELECT")
        result.vars = [Variable(name) for name in names]
        result.bindings = [{Variable(name): _rdf(value)
                            for name, value in zip(names, row, strict=True)
                            if value is not None} for row in rows]
        return ("ok", kind, serialize_result(result, fmt), cut)
    if fmt in ("turtle", "nt"):
        body = ox.serialize(rows, format=ox.RdfFormat.TURTLE if fmt == "turtle"
                            else ox.RdfFormat.N_TRIPLES,
                            prefixes=dict(prefixes) if fmt == "turtle" else None)
        return ("ok", kind, bytes(body or b""), cut)
    result = Result("CONSTRUCT")
    result.graph = Graph()
    for triple in rows:
        result.graph.add((_rdf(triple.subject), _rdf(triple.predicate), _rdf(triple.object)))
    return ("ok", kind, serialize_result(result, fmt), cut)


def _json_results(names: Sequence[str], rows: Sequence[Any]) -> bytes:
    """SPARQL 1.1 Query Results JSON of pyoxigraph solutions."""
    import pyoxigraph as ox

    def term(value: Any) -> dict[str, str]:
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        if isinstance(value, ox.Literal):
            out = {"type": "literal", "value": value.value}
            if value.language:
                out["xml:lang"] = value.language
            elif value.datatype.value != _XSD_STRING:
                out["datatype"] = value.datatype.value
            return out
        return {"type": "triple", "value": str(value)}

    bindings = [{name: term(value) for name, value in zip(names, row, strict=True)
                 if value is not None} for row in rows]
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _rdf(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (plain literals without xsd:string)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    raise TypeError(f"not an RDF term: {term!r}")

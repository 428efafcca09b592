"""A local, read-only SPARQL 1.1 endpoint over a graph, with the network page.

``graphbuild serve output/graph.ttl`` answers on http://127.0.0.1:7878/:

- ``/sparql``: the SPARQL 1.1 Protocol (GET ``?query=``, POST form-encoded, POST
  ``application/sparql-query``), results negotiated with ``Accept`` (SPARQL JSON, XML, CSV,
  TSV, plain text; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE) or a
  ``format=`` parameter. Without a query it shows a small form.
- ``/``: the interactive network page of :func:`graphbuild.outputs.page.render_html`.

It is read-only (an update is refused with 403), bound to loopback unless told otherwise
(where it accepts only loopback ``Host`` headers, against DNS rebinding), refuses
``SERVICE`` and ``FROM`` (which would make it fetch other URLs), stops a query after
``timeout`` seconds (503) and cuts results after ``max_rows`` rows or triples (the
``X-SPARQL-MaxRows`` header says so). Formats come from :mod:`graphbuild.sparql.results`.

Queries run in Oxigraph, in a few worker processes that each hold the graph
(:mod:`graphbuild.sparql.worker`): a graph file loaded into an in-memory store, or a
graphbuild store opened read-only. They answer side by side; a query still running at the
deadline is stopped by killing its worker, and the others go on answering while a fresh one
loads the graph. The HTTP side never parses a query (rdflib's parser takes about a third of
a second per query and is not thread-safe): updates, ``SERVICE`` and ``FROM`` are known by
their keywords (:func:`graphbuild.sparql.query.vet_query`). The graph does not change while it
is served, so the last answers are kept (``cache_mb``) and a repeated query is answered at
once.

>>> from graphbuild.vocab import new_graph
>>> server = make_server(new_graph(), port=0, workers=1)
>>> server.server_address[0], server.triples
('127.0.0.1', 0)
>>> server.server_close()
"""

from __future__ import annotations

import contextlib
import errno
import html
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from rdflib import Graph

from ..errors import (
    GraphbuildError,
    GraphFormatError,
    QueryError,
    QueryTimeoutError,
    RefusedError,
    ServeError,
)
from ..outputs.page import DEFAULT_TITLE
from ..vocab import PREFIXES
from .query import vet_query
from .questions import questions
from .results import content_type, named_format, negotiate, offers
from .worker import QueryPool, rdf_format

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_CACHE_MB = 64.0
_MAX_BODY = 1 << 20
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def default_workers() -> int:
    """Query workers by default: one per core and one more (so that a slow query leaves every
    core busy with the others), at most 4. Each holds a copy of the graph."""
    return min(4, (os.cpu_count() or 1) + 1)


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server over one graph: its query workers, its answer cache and the endpoint's
    limits (see :func:`make_server`)."""

    daemon_threads = True
    # socketserver's backlog of 5 drops connections when a dozen clients connect at once;
    # they then retry after TCP's one-second SYN timeout (a p99 of exactly 1 s).
    request_queue_size = 128

    def __init__(self, graph: Graph | None, address: tuple[str, int], *,
                 source: tuple[str, str], timeout: float, max_rows: int, title: str,
                 workers: int, cache_bytes: int = 0, scratch: str | None = None) -> None:
        self.graph = graph
        self.source = source
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.title = title
        self.page: bytes | None = None
        self.page_lock = threading.Lock()
        self.answers = AnswerCache(cache_bytes)
        self.running: dict[object, _Running] = {}
        self.running_lock = threading.Lock()
        self.scratch = scratch
        self.pool: QueryPool | None = None
        super().__init__(address, _Handler)
        try:
            self.pool = QueryPool(source, workers)
        except BaseException:
            self.server_close()
            raise
        self.triples = self.pool.triples

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def run_query(self, text: str, formats: Mapping[str, str | None]
                  ) -> tuple[str, bytes, bool]:
        """Run ``text``: the kind of result (``SELECT``, ``ASK`` or ``GRAPH``), the result in
        ``formats[kind]`` (cut at ``max_rows``), and whether it was cut.

        Raises:
            QueryTimeoutError: the query was stopped after ``query_timeout`` seconds.
            QueryError: the query failed.
            RefusedError: see :meth:`graphbuild.sparql.worker.QueryPool.run`.
        """
        key = (text, tuple(sorted((kind, fmt or "") for kind, fmt in formats.items())))
        found = self.answers.get(key)
        if found is not None:
            return found
        # The same query asked by several clients at once runs once: the others wait for its
        # answer (a dashboard's clients all ask the same questions as it opens).
        with self.running_lock:
            running = self.running.get(key)
            first = running is None
            if running is None:
                running = self.running[key] = _Running()
        if not first:
            return running.answer(2 * self.query_timeout + 5)
        try:
            assert self.pool is not None  # made in __init__
            found = self.pool.run(text, formats, self.max_rows, self.query_timeout)
            self.answers.put(key, found)
            running.give(found)
            return found
        except BaseException as err:
            running.give(err)
            raise
        finally:
            with self.running_lock:
                del self.running[key]

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()
        if self.scratch is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.scratch)
            self.scratch = None


class _Running:
    """A query being run for one client, whose answer (or error) others wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.outcome: tuple[str, bytes, bool] | BaseException | None = None

    def give(self, outcome: tuple[str, bytes, bool] | BaseException) -> None:
        self.outcome = outcome
        self.done.set()

    def answer(self, timeout: float) -> tuple[str, bytes, bool]:
        """The answer, or the error the query ended with (raised again, as a new exception of
        the same class: one exception object is not raised in several threads)."""
        if not self.done.wait(timeout) or self.outcome is None:
            raise RefusedError(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; "
                                                               "try again")
        outcome = self.outcome
        if isinstance(outcome, RefusedError):
            raise RefusedError(outcome.status, str(outcome))
        if isinstance(outcome, QueryError):
            raise type(outcome)(str(outcome))
        if isinstance(outcome, BaseException):
            raise QueryError("the query failed; see the server log")
        return outcome


class AnswerCache:
    """The last answers given, up to ``limit`` bytes of them: the graph does not change while
    it is served, so a query asked again in the same formats has the same answer.

    >>> cache = AnswerCache(10)
    >>> cache.put("a", ("SELECT", b"12345678", False)); cache.get("a")[1]
    b'12345678'
    >>> cache.put("b", ("SELECT", b"1234", False)); cache.get("a") is None  # made room
    True
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[object, tuple[str, bytes, bool]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: object) -> tuple[str, bytes, bool] | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: object, answer: tuple[str, bytes, bool]) -> None:
        if len(answer[1]) > self.limit:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = answer
            self.size += len(answer[1])
            while self.size > self.limit:
                _, old = self.entries.popitem(last=False)
                self.size -= len(old[1])


def make_server(graph: Graph | str | os.PathLike[str] | None = None, *,
                host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                title: str = DEFAULT_TITLE, store: str | None = None,
                workers: int | None = None, cache_mb: float = DEFAULT_CACHE_MB
                ) -> SparqlServer:
    """A server bound to ``host:port`` (port 0: any free port) once its first query worker
    has loaded the graph; call its ``serve_forever()``, and ``shutdown()``/``server_close()``
    to stop.

    Args:
        graph: a graph file (Turtle, N-Triples, JSON-LD, ...; each query worker loads it into
            memory), or an rdflib graph (copied to the workers through a temporary file), or
            None with ``store``.
        store: the folder of a graphbuild store, which the workers open read-only; ``graph``
            may then be that store's graph, for the network page.
        workers: query worker processes (default: :func:`default_workers`).
        cache_mb: megabytes of answers kept for repeated queries (0: none).

    Raises:
        ServeError: a bad timeout, row limit, number of workers or cache size; the address
            cannot be bound; the graph cannot be loaded.
        GraphFormatError: the graph file does not exist.
    """
    workers = default_workers() if workers is None else workers
    for ok, message in ((timeout > 0, f"--timeout must be more than 0 seconds, not {timeout}"),
                        (max_rows >= 1, f"--max-rows must be 1 or more, not {max_rows}"),
                        (workers >= 1, f"--workers must be 1 or more, not {workers}"),
                        (cache_mb >= 0, f"--cache-mb must be 0 or more, not {cache_mb}")):
        if not ok:
            raise ServeError(message)
    scratch = None
    if store is not None:
        source, shown = ("store", str(store)), graph if isinstance(graph, Graph) else None
    elif isinstance(graph, Graph):
        scratch = _scratch_copy(graph)
        source, shown = ("file", scratch), graph
    elif graph is not None:
        if not Path(graph).is_file():
            raise GraphFormatError(f"graph file not found: {str(graph)!r}; build one first "
                                   f"with 'graphbuild build INPUT -o output/'")
        source, shown = ("file", str(graph)), None
    else:
        raise ServeError("give a graph file, a graph or a store to serve")
    try:
        return SparqlServer(shown, (host, port), source=source, timeout=timeout,
                            max_rows=max_rows, title=title, workers=workers,
                            cache_bytes=int(cache_mb * 2**20), scratch=scratch)
    except OSError as err:
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.unlink(scratch)
        if err.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use; pick another with "
                             f"--port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


def _scratch_copy(graph: Graph) -> str:
    """``graph`` in a temporary N-Triples file, for the workers to load."""
    fd, path = tempfile.mkstemp(prefix="graphbuild-serve-", suffix=".nt")
    with os.fdopen(fd, "wb") as handle:
        handle.write(graph.serialize(format="nt", encoding="utf-8"))
    return path


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "graphbuild"

    # -- routing ------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle(lambda: self._get())

    def do_POST(self) -> None:  # noqa: N802
        self._handle(lambda: self._post())

    def _read_only(self) -> None:
        self._handle(lambda: self._refuse_write())

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _handle(self, action) -> None:
        try:
            try:
                self._check_host()
                action()
            except RefusedError as refusal:
                self._send(refusal.status, f"{refusal}\n".encode(), "text/plain; charset=utf-8")
            except (BrokenPipeError, ConnectionResetError):
                raise
            except Exception:  # a bug: keep serving, say so once in the log
                logger.exception("error while answering %s", self.path)
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                           b"internal error; see the server log\n", "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):  # the client left: nobody to tell
            logger.info("%s left before the answer", self.address_string())

    def _check_host(self) -> None:
        if str(self.server.server_address[0]) not in ("127.0.0.1", "::1"):
            return
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host and name not in _LOOPBACK:
            raise RefusedError(HTTPStatus.FORBIDDEN, f"Host {host!r} is not served here; this "
                                                 f"server answers only on loopback names")

    def _refuse_write(self) -> None:
        raise RefusedError(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed: this "
                       "endpoint is read-only (load data with 'graphbuild push' into a store)")

    def _get(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self._page(), "text/html; charset=utf-8")
        elif url.path == "/sparql":
            if "query" not in params and "update" not in params:
                self._send(HTTPStatus.OK, self._form(), "text/html; charset=utf-8",
                           csp="default-src 'none'; style-src 'unsafe-inline'")
                return
            self._sparql(params)
        else:
            raise RefusedError(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint "
                                                 f"is /sparql and the network page /")

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._refuse_write()
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise RefusedError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"the request body is over {_MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = parse_qs(url.query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/sparql-update":
            params["update"] = [body]
        else:
            raise RefusedError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"cannot read a {kind or 'body without Content-Type'}: send "
                           f"application/sparql-query or application/x-www-form-urlencoded")
        self._sparql(params)

    # -- the endpoint ---------------------------------------------------------------------

    def _sparql(self, params: Mapping[str, list[str]]) -> None:
        if "update" in params:
            raise RefusedError(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is "
                                                 "read-only")
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            raise RefusedError(HTTPStatus.BAD_REQUEST, "give exactly one non-empty 'query'")
        if any(v for key in ("default-graph-uri", "named-graph-uri") for v in params.get(key, [])):
            raise RefusedError(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are "
                                                   "not supported: this endpoint serves one graph")
        text = texts[0]
        refusal = vet_query(text)
        if refusal == "update":
            raise RefusedError(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is "
                                                     "read-only")
        if refusal == "dataset":
            raise RefusedError(HTTPStatus.BAD_REQUEST, "FROM, FROM NAMED and SERVICE are "
                                                       "refused: this endpoint queries only its "
                                                       "own graph")
        # The kind of result is known once the query runs: the worker writes it in the format
        # asked for that kind, or says that none fits (406).
        formats = {kind: self._format(kind, params, strict=False)
                   for kind in ("SELECT", "ASK", "GRAPH")}
        server = self.server
        try:
            kind, body, cut = server.run_query(text, formats)
        except QueryTimeoutError as err:
            logger.warning("query stopped after %g s: %s", server.query_timeout,
                           " ".join(text.split())[:200])
            raise RefusedError(HTTPStatus.SERVICE_UNAVAILABLE, str(err)) from None
        except QueryError as err:
            raise RefusedError(HTTPStatus.BAD_REQUEST, str(err)) from None
        headers = {}
        if cut:
            logger.warning("result cut at %d rows: %s", server.max_rows,
                           " ".join(text.split())[:200])
            headers["X-SPARQL-MaxRows"] = str(server.max_rows)
        media = content_type(kind, formats[kind] or "")
        self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8", headers=headers)

    def _format(self, kind: str, params: Mapping[str, list[str]], *,
                strict: bool = True) -> str | None:
        # format= (or output=) wins when it names a format that fits; anything else falls
        # back to the Accept header (SPARQLWrapper sends format=xml with every query).
        offered = {fmt for _, fmt in offers(kind)}
        for asked in params.get("format", []) + params.get("output", []):
            found = named_format(kind, asked.strip().lower())
            if found is not None and found in offered:
                return found
        found = negotiate(self.headers.get("Accept"), offers(kind))
        if found is None and strict:
            raise RefusedError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer a {kind} query in "
                           f"{self.headers.get('Accept')!r}; accepted: {_offered(kind)}")
        return found

    # -- pages ----------------------------------------------------------------------------

    def _page(self) -> bytes:
        server = self.server
        with server.page_lock:
            if server.page is None:
                server.page = _network_page(server.graph, server.source, server.title)
            return server.page

    def _form(self) -> bytes:
        from urllib.parse import quote

        from jinja2 import Environment, PackageLoader, select_autoescape

        env = Environment(loader=PackageLoader("graphbuild", "templates"),
                          autoescape=select_autoescape(default=True))
        links = [{"href": quote(q.text), "title": q.title, "name": q.name}
                 for q in questions() if not any(p.required for p in q.parameters)]
        return env.get_template("sparql.html").render(
            summary=server_summary(self.server), questions=links,
            prefixes=", ".join(f"{prefix}:" for prefix in PREFIXES)).rstrip("\n").encode()

    # -- plumbing -------------------------------------------------------------------------

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, *,
              headers: Mapping[str, str] | None = None, csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.send_header("Retry-After", "1")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
        logger.info("%s %s", self.address_string(), format % args)


def server_summary(server: SparqlServer) -> str:
    """One line about what ``server`` serves and its limits."""
    return (f"{server.triples} triples, queries stopped after {server.query_timeout:g} s, "
            f"results cut at {server.max_rows} rows")


def _offered(kind: str) -> str:
    return ", ".join(dict.fromkeys(media for media, _ in offers(kind)))


def _network_page(graph: Graph | None, source: tuple[str, str], title: str) -> bytes:
    from ..network import to_networkx
    from ..outputs.page import render_html

    try:
        if graph is not None:
            return render_html(to_networkx(graph), title=title).encode("utf-8")
        # A graph file: in an Oxigraph store in memory for as long as the page takes to make.
        from ..store import open_store

        with open_store(None) as store:
            store.oxigraph.bulk_load(path=source[1], format=rdf_format(source[1]))
            return render_html(to_networkx(store.graph), title=title).encode("utf-8")
    except GraphbuildError as err:
        return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
                f"<p>No network page for this graph: {html.escape(str(err))}. The SPARQL "
                f'endpoint is at <a href="/sparql">/sparql</a>.</p>').encode()

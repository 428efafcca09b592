"""A local, read-only SPARQL 1.1 endpoint over a graph, with the network page.

``graphbuild serve output/graph.ttl`` answers on http://127.0.0.1:7878/:

- ``/sparql``: the SPARQL 1.1 Protocol (GET ``?query=``, POST form-encoded, POST
  ``application/sparql-query``), results negotiated with ``Accept`` (SPARQL JSON, XML, CSV,
  TSV, plain text; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE) or a
  ``format=`` parameter. Without a query it shows a small form.
- ``/``: the interactive network page of :func:`graphbuild.render.render_html`.

It is read-only (an update is refused with 403), bound to loopback unless told otherwise
(where it accepts only loopback ``Host`` headers, against DNS rebinding), refuses
``SERVICE`` and ``FROM`` (which would make it fetch other URLs), stops a query after
``timeout`` seconds (503) and cuts results after ``max_rows`` rows or triples (the
``X-SPARQL-MaxRows`` header says so). A graph in memory is queried in a worker thread that is
interrupted at the deadline; a graphbuild store (Oxigraph) in a child process that is killed.

>>> from graphbuild.rdf import new_graph
>>> server = make_server(new_graph(), port=0)
>>> server.server_address[0]
'127.0.0.1'
>>> server.server_close()
"""

from __future__ import annotations

import errno
import html
import logging
import threading
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from rdflib import Graph

from .errors import GraphbuildError, QueryError
from .query import (
    QueryTimeoutError,
    is_update,
    limit_result,
    parse_query,
    query,
    questions,
    run_with_timeout,
    serialize_result,
)

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
_MAX_BODY = 1 << 20
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

# What each kind of result can be sent as, in our order of preference: (media type, format).
_OFFERS: Mapping[str, Sequence[tuple[str, str]]] = {
    "SELECT": (("application/sparql-results+json", "json"), ("application/json", "json"),
               ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
               ("text/xml", "xml"), ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
               ("text/plain", "table")),
    "ASK": (("application/sparql-results+json", "json"), ("application/json", "json"),
            ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
            ("text/xml", "xml"), ("text/plain", "table")),
    "GRAPH": (("text/turtle", "turtle"), ("application/x-turtle", "turtle"),
              ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
              ("application/xml", "xml"), ("application/ld+json", "json-ld"),
              ("application/json", "json-ld"), ("text/plain", "nt")),
}
_CONTENT_TYPES = {
    ("SELECT", "json"): "application/sparql-results+json",
    ("SELECT", "xml"): "application/sparql-results+xml", ("SELECT", "csv"): "text/csv",
    ("SELECT", "tsv"): "text/tab-separated-values", ("SELECT", "table"): "text/plain",
    ("GRAPH", "turtle"): "text/turtle", ("GRAPH", "nt"): "application/n-triples",
    ("GRAPH", "xml"): "application/rdf+xml", ("GRAPH", "json-ld"): "application/ld+json",
}
# format= / output= values some clients (SPARQLWrapper) send, per kind of result.
_FORMAT_PARAMETER = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "text": "table",
                     "table": "table", "turtle": "turtle", "ttl": "turtle", "nt": "nt",
                     "n-triples": "nt", "json-ld": "json-ld", "jsonld": "json-ld",
                     "rdf+xml": "xml", "rdf": "xml", "n3": "turtle"}
_GRAPH_OF = {"json": "json-ld", "table": "turtle", "csv": None, "tsv": None}


class ServeError(GraphbuildError):
    """The server cannot start (port in use, bad option)."""


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server holding one graph and the endpoint's limits (see :func:`make_server`)."""

    daemon_threads = True

    def __init__(self, graph: Graph, address: tuple[str, int], *, timeout: float,
                 max_rows: int, title: str, store: str | None = None) -> None:
        self.graph = graph
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.title = title
        self.page: bytes | None = None
        self.page_lock = threading.Lock()
        # One query at a time: rdflib evaluates in Python under the GIL, so parallel queries
        # would only share the same core and all become slow.
        self.query_slot = threading.BoundedSemaphore(1)
        self.worker: _StoreWorker | None = None
        super().__init__(address, _Handler)
        if store is not None:
            self.worker = _StoreWorker(store)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def run_query(self, text: str, fmt: str) -> tuple[bytes, bool]:
        """The serialized result of ``text`` in ``fmt`` (cut at ``max_rows``), and whether it
        was cut.

        Raises:
            QueryTimeoutError: the query was stopped after ``query_timeout`` seconds.
            QueryError: the query failed.
        """
        if self.worker is not None:
            return self.worker.run(text, fmt, self.max_rows, self.query_timeout)

        def work() -> tuple[bytes, bool]:
            result, cut = limit_result(query(self.graph, text), self.max_rows)
            return serialize_result(result, fmt), cut

        return run_with_timeout(work, self.query_timeout)

    def server_close(self) -> None:
        super().server_close()
        if self.worker is not None:
            self.worker.close()


class _StoreWorker:
    """Runs queries on an Oxigraph store in a child process, killed and replaced when a query
    overruns: Oxigraph evaluates in Rust, where no exception can reach, and has no timeout of
    its own in Python. The child opens the store read-only, next to the server's own handle.
    """

    def __init__(self, path: str) -> None:
        import multiprocessing

        self.path = path
        # spawn, not fork: the server has threads and a database handle open.
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.connection: Any = None
        self.ready = False
        self._start()

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_store_worker, args=(self.path, child),
                                            name="graphbuild-store-query", daemon=True)
        self.process.start()
        child.close()
        self.connection = parent
        self.ready = False

    def run(self, text: str, fmt: str, max_rows: int, timeout: float) -> tuple[bytes, bool]:
        if self.process is None or not self.process.is_alive():
            self._restart()
        connection = self.connection
        if not self.ready:  # the child imports graphbuild and opens the store: not timed
            if not connection.poll(120):
                self._restart()
                raise QueryError("the query worker did not start; see the server log")
            connection.recv()
            self.ready = True
        connection.send((text, fmt, max_rows))
        if not connection.poll(timeout):
            self._restart()
            raise QueryTimeoutError(
                f"the query ran longer than {timeout:g} s and was stopped; make it more "
                f"selective (LIMIT, fewer unbound patterns) or allow more time")
        try:
            status, payload, cut = connection.recv()
        except EOFError:
            self._restart()
            raise QueryError("the query worker stopped unexpectedly; see the server log") from None
        if status == "error":
            raise QueryError(payload)
        return payload, cut

    def _restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.process = None
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _store_worker(path: str, connection) -> None:
    """The child process of :class:`_StoreWorker`: answer (text, format, max_rows) jobs."""
    from .store import open_store

    with open_store(path, read_only=True) as store:
        connection.send(("ready", b"", False))
        while True:
            try:
                text, fmt, max_rows = connection.recv()
            except (EOFError, KeyboardInterrupt):
                return
            try:
                result, cut = limit_result(query(store.graph, text), max_rows)
                connection.send(("ok", serialize_result(result, fmt), cut))
            except QueryError as err:
                connection.send(("error", str(err), False))


def make_server(graph: Graph, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                title: str = "graphbuild knowledge graph",
                store: str | None = None) -> SparqlServer:
    """A server for ``graph`` bound to ``host:port`` (port 0: any free port); call its
    ``serve_forever()`` (or :func:`serve`), and ``shutdown()``/``server_close()`` to stop.

    ``store``: the folder of the graphbuild store ``graph`` comes from. Queries then run in a
    child process that is killed at the deadline (a thread cannot stop Oxigraph's Rust code).

    Raises:
        ServeError: a bad timeout or row limit, or the address cannot be bound.
    """
    if not timeout > 0:
        raise ServeError(f"--timeout must be more than 0 seconds, not {timeout}")
    if max_rows < 1:
        raise ServeError(f"--max-rows must be 1 or more, not {max_rows}")
    try:
        return SparqlServer(graph, (host, port), timeout=timeout, max_rows=max_rows,
                            title=title, store=store)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use; pick another with "
                             f"--port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


def serve(graph: Graph, **options) -> None:
    """Serve ``graph`` until interrupted (options as for :func:`make_server`)."""
    server = make_server(graph, **options)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> str | None:
    """The format of the offer ``accept`` (an HTTP Accept header) likes best; ties go to the
    earlier offer, no header to the first. None if nothing offered is acceptable.

    >>> negotiate("text/csv, */*;q=0.1", _OFFERS["SELECT"])
    'csv'
    >>> negotiate("image/png", _OFFERS["SELECT"]) is None
    True
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


class _Refused(Exception):
    """An HTTP error answer: status and one-line message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


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
            except _Refused as refusal:
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
            raise _Refused(HTTPStatus.FORBIDDEN, f"Host {host!r} is not served here; this "
                                                 f"server answers only on loopback names")

    def _refuse_write(self) -> None:
        raise _Refused(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed: this "
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
            raise _Refused(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint "
                                                 f"is /sparql and the network page /")

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._refuse_write()
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
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
            raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"cannot read a {kind or 'body without Content-Type'}: send "
                           f"application/sparql-query or application/x-www-form-urlencoded")
        self._sparql(params)

    # -- the endpoint ---------------------------------------------------------------------

    def _sparql(self, params: Mapping[str, list[str]]) -> None:
        if "update" in params:
            raise _Refused(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is "
                                                 "read-only")
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            raise _Refused(HTTPStatus.BAD_REQUEST, "give exactly one non-empty 'query'")
        if any(v for key in ("default-graph-uri", "named-graph-uri") for v in params.get(key, [])):
            raise _Refused(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are "
                                                   "not supported: this endpoint serves one graph")
        text = texts[0]
        try:
            parsed = parse_query(text)
        except QueryError as err:
            if is_update(text):
                raise _Refused(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this endpoint is "
                                                     "read-only") from None
            raise _Refused(HTTPStatus.BAD_REQUEST, str(err)) from None
        if parsed.algebra.get("datasetClause") or _uses_service(parsed.algebra):
            raise _Refused(HTTPStatus.BAD_REQUEST, "FROM, FROM NAMED and SERVICE are refused: "
                                                   "this endpoint queries only its own graph")
        form = parsed.algebra.name[: -len("Query")].upper()
        kind = "GRAPH" if form in ("CONSTRUCT", "DESCRIBE") else form
        fmt = self._format(kind, params)
        server = self.server
        if not server.query_slot.acquire(timeout=server.query_timeout):
            raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE, "the server is busy with another "
                                                           "query; try again")
        try:
            body, cut = server.run_query(text, fmt)
        except QueryTimeoutError as err:
            logger.warning("query stopped after %g s: %s", server.query_timeout,
                           " ".join(text.split())[:200])
            raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE, str(err)) from None
        except QueryError as err:
            raise _Refused(HTTPStatus.BAD_REQUEST, str(err)) from None
        finally:
            server.query_slot.release()
        headers = {}
        if cut:
            logger.warning("result cut at %d rows: %s", server.max_rows,
                           " ".join(text.split())[:200])
            headers["X-SPARQL-MaxRows"] = str(server.max_rows)
        content_type = _CONTENT_TYPES.get((kind, fmt), "text/plain")
        if kind == "ASK":
            content_type = {"json": "application/sparql-results+json",
                            "xml": "application/sparql-results+xml"}.get(fmt, "text/plain")
        self._send(HTTPStatus.OK, body, f"{content_type}; charset=utf-8", headers=headers)

    def _format(self, kind: str, params: Mapping[str, list[str]]) -> str:
        # format= (or output=) wins when it names a format that fits; anything else falls
        # back to the Accept header (SPARQLWrapper sends format=xml with every query).
        offered = {fmt for _, fmt in _OFFERS[kind]}
        for asked in params.get("format", []) + params.get("output", []):
            asked = asked.strip().lower()
            found: str | None
            if "/" in asked:
                found = negotiate(asked, _OFFERS[kind])
            else:
                found = _FORMAT_PARAMETER.get(asked)
                if kind == "GRAPH":
                    found = _GRAPH_OF.get(found or "", found)
            if found is not None and found in offered:
                return found
        found = negotiate(self.headers.get("Accept"), _OFFERS[kind])
        if found is None:
            raise _Refused(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer a {kind} query in "
                           f"{self.headers.get('Accept')!r}; accepted: {_offered(kind)}")
        return found

    # -- pages ----------------------------------------------------------------------------

    def _page(self) -> bytes:
        server = self.server
        with server.page_lock:
            if server.page is None:
                server.page = _network_page(server.graph, server.title)
            return server.page

    def _form(self) -> bytes:
        links = "".join(
            f'<li><a href="/sparql?format=text&amp;query={quote(q.text)}">'
            f"{html.escape(q.title)}</a> <code>{html.escape(q.name)}</code></li>"
            for q in questions() if not any(p.required for p in q.parameters))
        return (
            "<!doctype html><meta charset=utf-8><title>SPARQL endpoint</title>"
            "<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}"
            "textarea{width:100%;font:14px monospace}</style>"
            f"<h1>SPARQL endpoint</h1><p>{html.escape(server_summary(self.server))}. "
            'Prefixes gb:, rel:, ner:, schema:, rdf:, rdfs:, skos:, xsd: are predeclared. '
            '<a href="/">The network page</a>.</p>'
            '<form action="/sparql" method="get"><textarea name="query" rows="10">'
            "SELECT ?a ?p ?b WHERE {\n  ?x ?rel ?y . ?rel a rdf:Property ; rdfs:label ?p .\n"
            "  ?x rdfs:label ?a . ?y rdfs:label ?b .\n} LIMIT 50</textarea>"
            '<p><select name="format"><option value="text">table</option>'
            "<option>json</option><option>csv</option><option>tsv</option><option>xml</option>"
            "<option>turtle</option></select> <button>Run</button></p></form>"
            f"<h2>Ready-made questions</h2><ul>{links}</ul>"
        ).encode()

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
    return (f"{len(server.graph)} triples, queries stopped after {server.query_timeout:g} s, "
            f"results cut at {server.max_rows} rows")


def _offered(kind: str) -> str:
    return ", ".join(dict.fromkeys(media for media, _ in _OFFERS[kind]))


def _uses_service(node: object) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(v) for v in node)
    return False


def _network_page(graph: Graph, title: str) -> bytes:
    from .network import to_networkx
    from .render import render_html

    try:
        return render_html(to_networkx(graph), title=title).encode("utf-8")
    except GraphbuildError as err:
        return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
                f"<p>No network page for this graph: {html.escape(str(err))}. The SPARQL "
                f'endpoint is at <a href="/sparql">/sparql</a>.</p>').encode()

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
``X-SPARQL-MaxRows`` header says so). A graph in memory is queried in a worker thread that is
interrupted at the deadline; a graphbuild store (Oxigraph) in a child process that is killed
(:mod:`graphbuild.sparql.worker`). Formats come from :mod:`graphbuild.sparql.results`.

>>> from graphbuild.vocab import new_graph
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
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from rdflib import Graph

from ..errors import GraphbuildError, QueryError, QueryTimeoutError, RefusedError, ServeError
from ..outputs.page import DEFAULT_TITLE
from ..vocab import PREFIXES
from .query import is_update, parse_query, query, run_with_timeout
from .questions import questions
from .results import content_type, limit_result, named_format, negotiate, offers, serialize_result
from .worker import StoreWorker

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
_MAX_BODY = 1 << 20
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


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
        self.worker: StoreWorker | None = None
        super().__init__(address, _Handler)
        if store is not None:
            self.worker = StoreWorker(store)

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


def make_server(graph: Graph, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                title: str = DEFAULT_TITLE,
                store: str | None = None) -> SparqlServer:
    """A server for ``graph`` bound to ``host:port`` (port 0: any free port); call its
    ``serve_forever()``, and ``shutdown()``/``server_close()`` to stop.

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
        try:
            parsed = parse_query(text)
        except QueryError as err:
            if is_update(text):
                raise RefusedError(HTTPStatus.FORBIDDEN, "SPARQL Update is refused: this "
                                                         "endpoint is read-only") from None
            raise RefusedError(HTTPStatus.BAD_REQUEST, str(err)) from None
        if parsed.algebra.get("datasetClause") or _uses_service(parsed.algebra):
            raise RefusedError(HTTPStatus.BAD_REQUEST, "FROM, FROM NAMED and SERVICE are refused: "
                                                   "this endpoint queries only its own graph")
        form = parsed.algebra.name[: -len("Query")].upper()
        kind = "GRAPH" if form in ("CONSTRUCT", "DESCRIBE") else form
        fmt = self._format(kind, params)
        server = self.server
        if not server.query_slot.acquire(timeout=server.query_timeout):
            raise RefusedError(HTTPStatus.SERVICE_UNAVAILABLE, "the server is busy with another "
                                                           "query; try again")
        try:
            body, cut = server.run_query(text, fmt)
        except QueryTimeoutError as err:
            logger.warning("query stopped after %g s: %s", server.query_timeout,
                           " ".join(text.split())[:200])
            raise RefusedError(HTTPStatus.SERVICE_UNAVAILABLE, str(err)) from None
        except QueryError as err:
            raise RefusedError(HTTPStatus.BAD_REQUEST, str(err)) from None
        finally:
            server.query_slot.release()
        headers = {}
        if cut:
            logger.warning("result cut at %d rows: %s", server.max_rows,
                           " ".join(text.split())[:200])
            headers["X-SPARQL-MaxRows"] = str(server.max_rows)
        media = content_type(kind, fmt)
        self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8", headers=headers)

    def _format(self, kind: str, params: Mapping[str, list[str]]) -> str:
        # format= (or output=) wins when it names a format that fits; anything else falls
        # back to the Accept header (SPARQLWrapper sends format=xml with every query).
        offered = {fmt for _, fmt in offers(kind)}
        for asked in params.get("format", []) + params.get("output", []):
            found = named_format(kind, asked.strip().lower())
            if found is not None and found in offered:
                return found
        found = negotiate(self.headers.get("Accept"), offers(kind))
        if found is None:
            raise RefusedError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer a {kind} query in "
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
    return (f"{len(server.graph)} triples, queries stopped after {server.query_timeout:g} s, "
            f"results cut at {server.max_rows} rows")


def _offered(kind: str) -> str:
    return ", ".join(dict.fromkeys(media for media, _ in offers(kind)))


def _uses_service(node: object) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(v) for v in node)
    return False


def _network_page(graph: Graph, title: str) -> bytes:
    from ..network import to_networkx
    from ..outputs.page import render_html

    try:
        return render_html(to_networkx(graph), title=title).encode("utf-8")
    except GraphbuildError as err:
        return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
                f"<p>No network page for this graph: {html.escape(str(err))}. The SPARQL "
                f'endpoint is at <a href="/sparql">/sparql</a>.</p>').encode()

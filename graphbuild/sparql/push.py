"""Load a graph into a SPARQL 1.1 triple store (Oxigraph server, Apache Jena Fuseki, GraphDB,
Virtuoso, ...), in batches.

Two ways in, both standard:

- the **Graph Store HTTP Protocol** (``method="gsp"``): ``POST`` (or ``PUT`` to replace) Turtle
  to ``ENDPOINT?graph=IRI`` or ``ENDPOINT?default``. The endpoint is the store's graph store:
  Oxigraph ``http://localhost:7878/store``, Fuseki ``http://localhost:3030/DATASET/data``,
  GraphDB ``http://localhost:7200/repositories/REPO/rdf-graphs/service``;
- **SPARQL Update** (``method="update"``): ``INSERT DATA`` requests to the update endpoint:
  Oxigraph ``/update``, Fuseki ``/DATASET/update``, GraphDB ``/repositories/REPO/statements``,
  Virtuoso ``/sparql`` (or ``/sparql-auth``).

``method="auto"`` (the default) tries the Graph Store Protocol and, if the endpoint does not
speak it (404, 405, 415, 501, or 400), sends SPARQL Update to the same URL.

Each request carries at most ``batch_size`` triples; triples that share a blank node travel
together, so the blank node stays one node in the store. Credentials may be given in the URL
(``http://user:password@host/...``): they are sent with HTTP Basic authentication, or Digest
when the store asks for it (Virtuoso), and never shown.

>>> gsp_url("http://localhost:7878/store", "https://example.org/kg")
'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fkg'
>>> gsp_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from urllib.request import (
    HTTPBasicAuthHandler,
    HTTPDigestAuthHandler,
    HTTPPasswordMgrWithPriorAuth,
    OpenerDirector,
    Request,
    build_opener,
)

from rdflib import BNode, Graph
from rdflib.term import Node

from ..errors import PushError, RefusedError
from ..rdf import term_lines
from ..types import PushReport
from ..vocab import is_iri

logger = logging.getLogger(__name__)

METHODS = ("auto", "gsp", "update")
DEFAULT_BATCH = 50_000
DEFAULT_TIMEOUT = 60.0
_NOT_GSP = frozenset({400, 404, 405, 415, 501})

_Triple = tuple[Node, Node, Node]


def push(graph: Graph, endpoint: str, *, graph_iri: str | None = None, method: str = "auto",
         batch_size: int = DEFAULT_BATCH, replace: bool = False,
         timeout: float = DEFAULT_TIMEOUT) -> PushReport:
    """Load every triple of ``graph`` into the store at ``endpoint``.

    Args:
        graph_iri: the named graph to load into; None for the store's default graph.
        method: ``"gsp"``, ``"update"`` or ``"auto"`` (see the module docstring).
        batch_size: triples per request.
        replace: empty the target graph first (GSP ``PUT``; ``CLEAR SILENT`` with Update).
        timeout: seconds to wait for each answer.

    Raises:
        PushError: a bad option, an unreachable endpoint, or a request the store refused
            (the message has the status and the first line of the store's answer).
    """
    if method not in METHODS:
        raise PushError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if batch_size < 1:
        raise PushError(f"--batch must be 1 or more, not {batch_size}")
    if graph_iri is not None and not is_iri(graph_iri):
        raise PushError(f"invalid graph IRI {graph_iri!r}: give an absolute IRI such as "
                        f"'https://example.org/graphs/news'")
    url, credentials = _split_credentials(endpoint)
    opener = _opener(url, credentials)
    started = time.perf_counter()
    used = "update" if method == "update" else "gsp"
    requests = triples = 0
    batches: Iterable[list[_Triple]] = batches_of(graph, batch_size)
    if replace and not len(graph):
        batches = [[]]
    for number, batch in enumerate(batches):
        first = number == 0
        if used == "gsp":
            try:
                _send_gsp(opener, url, graph_iri, batch, put=replace and first,
                          timeout=timeout)
            except RefusedError as refusal:
                if not (method == "auto" and first and refusal.status in _NOT_GSP):
                    raise PushError(str(refusal)) from None
                logger.info("%s does not take the Graph Store Protocol (%s); using SPARQL "
                            "Update", url, refusal.status)
                used = "update"
                try:
                    _send_update(opener, url, graph_iri, batch, clear=replace,
                                 timeout=timeout)
                except RefusedError as second:
                    raise PushError(f"{url} refused both the Graph Store Protocol "
                                    f"({refusal.status}) and SPARQL Update: {second}") from None
        else:
            try:
                _send_update(opener, url, graph_iri, batch, clear=replace and first,
                             timeout=timeout)
            except RefusedError as refusal:
                raise PushError(str(refusal)) from None
        requests += 1
        triples += len(batch)
        logger.info("pushed %d triples in %d requests", triples, requests)
    return PushReport(endpoint=url, graph=graph_iri, method=used, triples=triples,
                      requests=requests, seconds=time.perf_counter() - started)


def gsp_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol URL of a graph: ``?graph=IRI``, or ``?default``."""
    target = "default" if graph_iri is None else f"graph={quote(graph_iri, safe='')}"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{target}"


def batches_of(graph: Graph, size: int) -> Iterator[list[_Triple]]:
    """The triples of ``graph`` in lists of about ``size``; the triples linked by a blank node
    stay in one list (which may then be longer).

    >>> from rdflib import Literal, URIRef
    >>> g = Graph()
    >>> for n in range(5):
    ...     _ = g.add((URIRef(f"urn:s{n}"), URIRef("urn:p"), Literal(n)))
    >>> [len(b) for b in batches_of(g, 2)]
    [2, 2, 1]
    """
    batch: list[_Triple] = []
    linked: list[_Triple] = []
    for triple in graph:
        if isinstance(triple[0], BNode) or isinstance(triple[2], BNode):
            linked.append(triple)
            continue
        batch.append(triple)
        if len(batch) >= size:
            yield batch
            batch = []
    for group in _blank_node_groups(linked):
        if batch and len(batch) + len(group) > size:
            yield batch
            batch = []
        batch.extend(group)
    if batch:
        yield batch


def _blank_node_groups(triples: list[_Triple]) -> list[list[_Triple]]:
    """Triples grouped by connected blank nodes (union-find)."""
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for s, _, o in triples:
        if isinstance(s, BNode) and isinstance(o, BNode):
            parent[root(s)] = root(o)
    groups: dict[Node, list[_Triple]] = {}
    for triple in triples:
        node = triple[0] if isinstance(triple[0], BNode) else triple[2]
        groups.setdefault(root(node), []).append(triple)
    return list(groups.values())


def _send_gsp(opener: OpenerDirector, url: str, graph_iri: str | None, batch: list[_Triple],
              *, put: bool, timeout: float) -> None:
    _request(opener, gsp_url(url, graph_iri), "PUT" if put else "POST",
             term_lines(batch).encode("utf-8"), "text/turtle; charset=utf-8", timeout)


def _send_update(opener: OpenerDirector, url: str, graph_iri: str | None,
                 batch: list[_Triple], *, clear: bool, timeout: float) -> None:
    target = f"GRAPH <{graph_iri}>" if graph_iri else "DEFAULT"
    data = term_lines(batch)
    if graph_iri:
        data = f"GRAPH <{graph_iri}> {{\n{data}}}\n"
    text = (f"CLEAR SILENT {target} ;\n" if clear else "") + f"INSERT DATA {{\n{data}}}\n"
    _request(opener, url, "POST", text.encode("utf-8"),
             "application/sparql-update; charset=utf-8", timeout)


def _opener(url: str, credentials: tuple[str, str] | None) -> OpenerDirector:
    """urllib with the credentials: Basic sent up front, Digest when the store asks."""
    if credentials is None:
        return build_opener()
    passwords = HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, url, *credentials, is_authenticated=True)
    return build_opener(HTTPBasicAuthHandler(passwords), HTTPDigestAuthHandler(passwords))


def _request(opener: OpenerDirector, url: str, method: str, body: bytes, content_type: str,
             timeout: float) -> None:
    request = Request(url, data=body, method=method, headers={"Content-Type": content_type})
    shown = url.split("?")[0]
    try:
        with opener.open(request, timeout=timeout) as answer:
            answer.read()
    except HTTPError as err:
        detail = _first_line(err.read())
        raise RefusedError(err.code, f"{shown} answered {err.code} {err.reason} to {method}"
                                 f"{': ' + detail if detail else ''}") from None
    except URLError as err:
        reason = getattr(err.reason, "strerror", None) or err.reason
        raise PushError(f"cannot reach {shown}: {reason}; is the store running, and is the "
                        f"URL right?") from None
    except TimeoutError:
        raise PushError(f"{shown} did not answer within {timeout:g} s; try a smaller --batch "
                        f"or a longer --timeout") from None
    except OSError as err:  # connection reset mid-request, ...
        raise PushError(f"cannot reach {shown}: {err.strerror or err}") from None


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text) if "<html" in text.lower() else text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def _split_credentials(endpoint: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without ``user:password@``, and the user and password."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"invalid endpoint {endpoint!r}: give an http(s) URL such as "
                        f"'http://localhost:7878/store'")
    if parts.username is None:
        return endpoint, None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    return (urlunsplit(parts._replace(netloc=netloc)),
            (unquote(parts.username), unquote(parts.password or "")))

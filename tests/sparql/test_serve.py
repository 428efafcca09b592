"""The local SPARQL endpoint, over loopback, with standard clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from rdflib import Graph
from rdflib.query import Result

from graphbuild.rdf import read_graph
from graphbuild.sparql.query import query
from graphbuild.sparql.serve import ServeError, make_server

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MEET = ("SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } "
        "ORDER BY ?a ?b")
TIMEOUT = 1.0
MAX_ROWS = 50


@contextmanager
def running(graph, **options):
    """A server on a free loopback port, in a thread; always shut down."""
    server = make_server(graph, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def graph(sample_output):
    return read_graph(str(sample_output / "graph.ttl"))


@pytest.fixture(scope="module")
def url(graph):
    with running(graph, timeout=TIMEOUT, max_rows=MAX_ROWS) as base:
        yield base


def http(url, *, data=None, headers=None, method=None):
    """(status, headers, body text) of a request; HTTP errors are answers too."""
    request = Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


def get(base, query, accept=None, **params):
    return http(f"{base}sparql?{urlencode({'query': query, **params})}",
                headers={"Accept": accept} if accept else None)


# -- standard clients -------------------------------------------------------------------------

def test_sparqlwrapper_get_and_post(url):
    from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, SPARQLWrapper

    for method, request in ((GET, None), (POST, None), (POST, POSTDIRECTLY)):
        client = SPARQLWrapper(f"{url}sparql")
        client.setQuery(MEET)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        if request:
            client.setRequestMethod(request)
        rows = client.queryAndConvert()["results"]["bindings"]
        assert {"a": "John Kerry", "b": "Sergei Lavrov"} in [
            {k: v["value"] for k, v in row.items()} for row in rows], (method, request)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # inside SPARQLWrapper
def test_sparqlwrapper_default_xml_and_construct(url):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(f"{url}sparql")  # XML results by default
    client.setQuery("ASK { ?a rel:meet ?b }")
    document = client.queryAndConvert()  # xml.dom.minidom
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery("CONSTRUCT { ?e ?p ?o } WHERE { ?e rdfs:label 'Laos' ; ?p ?o }")
    graph = client.queryAndConvert()  # RDF/XML, parsed into an rdflib Graph
    assert isinstance(graph, Graph) and len(graph) > 3


def test_rdflib_sparqlstore(url, graph):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(f"{url}sparql", returnFormat="json"))
    here = sorted(tuple(map(str, r)) for r in graph.query(
        "SELECT ?a ?b WHERE { ?x <https://w3id.org/graphbuild/rel/meet> ?y . "
        "?x <http://www.w3.org/2000/01/rdf-schema#label> ?a . "
        "?y <http://www.w3.org/2000/01/rdf-schema#label> ?b }"))
    there = sorted(tuple(map(str, r)) for r in remote.query(MEET))
    assert there == here and here


# -- content negotiation ----------------------------------------------------------------------

@pytest.mark.parametrize("accept, content_type, parse_as", [
    ("application/sparql-results+json", "application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
    ("text/csv", "text/csv", "csv"),
    ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ("*/*", "application/sparql-results+json", "json"),
    (None, "application/sparql-results+json", "json"),
])
def test_select_results_by_accept_header(url, accept, content_type, parse_as):
    status, headers, body = get(url, MEET, accept)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    rows = [tuple(map(str, row)) for row in Result.parse(io.StringIO(body), format=parse_as)]
    assert ("John Kerry", "Sergei Lavrov") in rows


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")
@pytest.mark.parametrize("accept, parse_as", [("text/turtle", "turtle"),
                                              ("application/n-triples", "nt"),
                                              ("application/rdf+xml", "xml"),
                                              ("application/ld+json", "json-ld")])
def test_construct_results_by_accept_header(url, graph, accept, parse_as):
    laos = "CONSTRUCT { ?e ?p ?o } WHERE { ?e rdfs:label 'Laos' ; ?p ?o }"
    status, headers, body = get(url, laos, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    expected = set(query(graph, laos).graph)
    assert len(expected) > 3 and set(Graph().parse(data=body, format=parse_as)) == expected


def test_format_parameter_and_ask(url):
    status, headers, body = get(url, MEET, format="csv")
    assert status == 200 and body.splitlines()[0] == "a,b"
    status, headers, body = get(url, "ASK { ?a rel:meet ?b }")
    assert json.loads(body) == {"head": {}, "boolean": True}
    status, _, body = get(url, MEET, format="text")
    assert re.search(r"John Kerry\s+Sergei Lavrov", body)


def test_unacceptable_media_type_is_406(url):
    status, _, body = get(url, MEET, "image/png")
    assert status == 406 and "accepted: application/sparql-results+json" in body


# -- read-only, errors ------------------------------------------------------------------------

INSERT = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"


def test_updates_are_refused(url, graph):
    size = len(graph)
    answers = [
        http(f"{url}sparql", data=urlencode({"update": INSERT}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"}),
        http(f"{url}sparql", data=INSERT.encode(),
             headers={"Content-Type": "application/sparql-update"}),
        get(url, INSERT),
        http(f"{url}sparql", data=INSERT.encode(),
             headers={"Content-Type": "application/sparql-query"}),
    ]
    for status, _, body in answers:
        assert status == 403 and "read-only" in body
    status, _, body = http(f"{url}sparql?default", data=b"<urn:a> <urn:b> <urn:c> .",
                           headers={"Content-Type": "text/turtle"}, method="PUT")
    assert status == 405 and "read-only" in body
    assert len(graph) == size


def test_sparqlwrapper_update_is_refused(url):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(f"{url}sparql")
    client.setMethod(POST)
    client.setQuery(INSERT)
    with pytest.raises((SPARQLWrapperException, HTTPError)) as caught:
        client.query()
    assert "403" in str(caught.value) or getattr(caught.value, "code", None) == 403


@pytest.mark.parametrize("query, message", [
    ("SELECT ?x WHERE { ?x", "SPARQL syntax error at line 1, column"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE are refused"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM, FROM NAMED"),
    ("", "give exactly one non-empty 'query'"),
])
def test_bad_queries_are_400(url, query, message):
    status, _, body = get(url, query)
    assert status == 400 and message in body and "Traceback" not in body


def test_unknown_path_and_foreign_host(url):
    assert http(f"{url}nothing")[0] == 404
    status, _, body = http(url, headers={"Host": "attacker.example:80"})
    assert status == 403 and "loopback" in body


# -- limits -----------------------------------------------------------------------------------

def test_slow_query_is_stopped_and_the_server_stays_usable(url):
    started = time.perf_counter()
    status, headers, body = get(url, SLOW)
    elapsed = time.perf_counter() - started
    assert status == 503 and "was stopped" in body and headers["Retry-After"]
    assert TIMEOUT <= elapsed < TIMEOUT + 2.5
    status, _, body = get(url, MEET, "text/csv")
    assert status == 200 and "John Kerry,Sergei Lavrov" in body


def test_a_slow_query_does_not_hold_up_the_others(graph):
    """While one worker is busy with a query that will be stopped, the others answer."""
    with running(graph, timeout=3 * TIMEOUT, workers=2, cache_mb=0) as base:
        slow: dict[str, object] = {}
        thread = threading.Thread(target=lambda: slow.update(answer=get(base, SLOW)))
        started = time.perf_counter()
        thread.start()
        time.sleep(0.3)
        answers = [get(base, MEET, "text/csv") for _ in range(5)]
        answered = time.perf_counter() - started
        thread.join(30)
        assert all(a[0] == 200 and "John Kerry,Sergei Lavrov" in a[2] for a in answers)
        assert answered < 3 * TIMEOUT  # before the slow query's deadline
        assert slow["answer"][0] == 503
        status, _, body = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
        assert status == 200 and body.splitlines()[1] == str(len(graph))  # a new worker


def test_words_inside_strings_and_iris_are_not_keywords(url):
    status, _, body = get(url, 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != "SERVICE '
                               'FROM INSERT") } LIMIT 1', "text/csv")
    assert status == 200 and body.startswith("s\r\n")
    status, _, _ = get(url, "SELECT * WHERE { ?s <http://example.org/from> ?o }", "text/csv")
    assert status == 200


def test_repeated_queries_are_answered_from_the_cache(graph):
    server = make_server(graph, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        first = get(server.url, MEET, "text/csv")
        assert first[0] == 200
        server.pool.close()  # no worker left: only the cache can answer
        again = get(server.url, MEET, "text/csv")
        assert again[0] == 200 and again[2] == first[2]
        assert get(server.url, MEET, "application/sparql-results+json")[0] != 200
    finally:
        server.shutdown()
        server.server_close()


def test_a_query_asked_by_several_clients_at_once_runs_once(graph):
    from graphbuild.errors import QueryTimeoutError

    server = make_server(graph, port=0, workers=1, cache_mb=0)
    formats = {"SELECT": "csv", "ASK": None, "GRAPH": None}
    calls: list[str] = []
    real = server.pool.run

    def slow_run(text, *args):
        calls.append(text)
        time.sleep(0.5)  # long enough for the other clients to ask meanwhile
        return real(text, *args)

    def timed_out(text, *args):
        calls.append(text)
        time.sleep(0.5)
        raise QueryTimeoutError("the query ran longer than 1 s and was stopped")

    def ask_four() -> list[object]:
        outcomes: list[object] = []

        def one() -> None:
            try:
                outcomes.append(server.run_query(MEET, formats))
            except QueryTimeoutError as err:
                outcomes.append(err)

        threads = [threading.Thread(target=one) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return outcomes

    try:
        server.pool.run = slow_run
        answers = ask_four()
        assert len(calls) == 1 and len(answers) == 4 and len(set(answers)) == 1
        assert b"John Kerry,Sergei Lavrov" in answers[0][1]
        server.pool.run = timed_out  # an error reaches every client that waited for it
        errors = ask_four()
        assert len(calls) == 2 and len(errors) == 4
        assert all(isinstance(e, QueryTimeoutError) and "was stopped" in str(e) for e in errors)
        assert len({id(e) for e in errors}) == 4  # one exception object per thread
        server.pool.run = slow_run  # nothing kept (cache_mb=0): asked again, it runs again
        assert server.run_query(MEET, formats) == answers[0] and len(calls) == 3
    finally:
        server.server_close()


def test_cache_keeps_only_what_fits():
    from graphbuild.sparql.serve import AnswerCache

    cache = AnswerCache(10)
    cache.put("big", ("SELECT", b"x" * 11, False))
    assert cache.get("big") is None
    for key in "abc":
        cache.put(key, ("SELECT", b"1234", False))
    assert cache.get("a") is None and cache.get("c") is not None and cache.size == 8


def test_a_graph_file_is_loaded_by_the_workers(sample_output, graph):
    server = make_server(sample_output / "graph.ttl", port=0, workers=1)
    try:
        assert server.graph is None and server.triples == len(graph)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        status, _, body = get(server.url, MEET, "text/csv")
        assert status == 200 and "John Kerry,Sergei Lavrov" in body
        status, _, page = http(server.url)
        assert status == 200 and "Sergei Lavrov" in page
    finally:
        server.shutdown()
        server.server_close()


def test_big_results_are_cut(url, graph):
    assert len(graph) > MAX_ROWS
    status, headers, body = get(url, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200 and headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert len(list(csv.reader(io.StringIO(body)))) == MAX_ROWS + 1
    status, headers, body = get(url, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert len(Graph().parse(data=body, format="nt")) == MAX_ROWS
    status, headers, _ = get(url, MEET, "text/csv")
    assert "X-SPARQL-MaxRows" not in headers


# -- pages ------------------------------------------------------------------------------------

def test_network_page_and_query_form(url):
    status, headers, body = http(url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Sergei Lavrov" in body and "<script" in body
    status, headers, body = http(f"{url}sparql")
    assert status == 200 and '<form action="/sparql"' in body
    link = re.search(r'href="(/sparql\?format=text&amp;query=[^"]+)"', body).group(1)
    status, _, table = http(url.rstrip("/") + link.replace("&amp;", "&"))
    assert status == 200 and table.rstrip().endswith(("rows)", "row)"))


# -- server options ---------------------------------------------------------------------------

def test_defaults_bind_loopback_and_busy_port_is_one_error(graph):
    server = make_server(graph, port=0)
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is in use; pick another"):
            make_server(graph, port=port)
    finally:
        server.server_close()


@pytest.mark.parametrize("options, message", [({"timeout": 0}, "--timeout must be more than 0"),
                                              ({"max_rows": 0}, "--max-rows must be 1 or more"),
                                              ({"workers": 0}, "--workers must be 1 or more"),
                                              ({"cache_mb": -1}, "--cache-mb must be 0 or more")])
def test_bad_options(graph, options, message):
    with pytest.raises(ServeError, match=message):
        make_server(graph, port=0, **options)


def test_store_queries_run_in_a_process_that_is_killed_at_the_deadline(graph, tmp_path):
    pytest.importorskip("pyoxigraph")
    pytest.importorskip("oxrdflib")
    from graphbuild.store import open_store

    with open_store(tmp_path / "kg") as store:
        for triple in graph:
            store.graph.add(triple)
    with open_store(tmp_path / "kg", read_only=True) as store, \
            running(store.graph, store=str(tmp_path / "kg"), timeout=TIMEOUT) as base:
        status, _, body = get(base, MEET, "text/csv")  # waits for the worker to start
        assert status == 200 and "John Kerry,Sergei Lavrov" in body
        started = time.perf_counter()
        status, _, body = get(base, SLOW)
        assert status == 503 and "was stopped" in body
        assert time.perf_counter() - started < TIMEOUT + 2.5
        status, _, body = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
        assert status == 200 and body.splitlines()[1] == str(len(graph))


def test_cli_serve_end_to_end(sample_output):
    """``graphbuild serve`` in a subprocess: it prints its URL, answers, and stops."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graphbuild.cli", "serve", str(sample_output / "graph.ttl"),
         "--port", "0", "--timeout", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        assert lines[0].startswith(f"serving {sample_output / 'graph.ttl'} (")
        endpoint = re.search(r"SPARQL endpoint: (\S+)", lines[2]).group(1)
        assert endpoint.startswith("http://127.0.0.1:")
        status, _, body = http(f"{endpoint}?{urlencode({'query': MEET})}",
                               headers={"Accept": "text/csv"})
        assert status == 200 and "John Kerry,Sergei Lavrov" in body
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()


def test_a_graph_file_is_served_with_the_statistics_of_a_store(sample_output, graph):
    """The workers add to a graph file the statistics graph a store keeps: the same
    questions read it from either."""
    from graphbuild.store import STATISTICS_GRAPH, VOID

    with running(sample_output / "graph.ttl", workers=1) as base:
        status, _, body = get(base, f"SELECT ?n {{ GRAPH <{STATISTICS_GRAPH}> {{ "
                                    f"<{STATISTICS_GRAPH}> <{VOID}triples> ?n }} }}", "text/csv")
        assert status == 200 and body.splitlines()[1] == str(len(graph))
        status, _, body = get(base, f"SELECT ?e ?p WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{ "
                                    f"?e gb:connectivityRank 1 ; gb:partners ?p }} }}", "text/csv")
        most = max(len(p) for p in _partners(graph).values())
        assert status == 200 and body.splitlines()[1].endswith(f",{most}")
        status, _, body = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
        assert body.splitlines()[1] == str(len(graph))  # the knowledge graph is unchanged


def _partners(graph: Graph) -> dict:
    """Each entity's partners, either way, over the relation statements."""
    from rdflib import RDF

    found: dict = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        a, b = graph.value(st, RDF.subject), graph.value(st, RDF.object)
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found

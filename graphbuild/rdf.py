"""The RDF vocabulary and IRIs in one place; records -> rdflib graph.

Data model (see the README for SPARQL examples):

- each canonical entity is an IRI ``<base>entity/<slug>-<hash>``, typed with a schema.org class
  and its NER label (``ner:PERSON``), with ``rdfs:label``, ``skos:altLabel`` for every alias,
  ``schema:jobTitle`` for titles, ``gb:mentionCount`` and ``gb:documentCount``;
- each relation is a direct triple ``entity rel:<predicate> entity``;
- each occurrence of a relation is an ``rdf:Statement`` (standard RDF reification) about that
  triple, with ``gb:document``, ``gb:sentence``, ``gb:start``/``gb:end`` (the sentence's
  character offsets in the document), ``gb:confidence``, ``gb:verb`` as written, and
  ``gb:negated``/``gb:attributedTo`` when they apply;
- each document is a ``schema:NewsArticle`` with headline, date and URL when known.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from .errors import InputError
from .resolve import Resolution
from .types import Extraction

GB = Namespace("https://w3id.org/graphbuild/vocab#")
REL = Namespace("https://w3id.org/graphbuild/rel/")
NER = Namespace("https://w3id.org/graphbuild/ner#")
SCHEMA = Namespace("https://schema.org/")
DEFAULT_BASE = "https://example.org/graphbuild/"

SCHEMA_CLASSES = {
    "PERSON": SCHEMA.Person, "ORG": SCHEMA.Organization, "GPE": SCHEMA.Place,
    "LOC": SCHEMA.Place, "FAC": SCHEMA.Place, "EVENT": SCHEMA.Event, "LAW": SCHEMA.Legislation,
    "PRODUCT": SCHEMA.Product, "WORK_OF_ART": SCHEMA.CreativeWork, "LANGUAGE": SCHEMA.Language,
    "NORP": SCHEMA.Thing,
}
_SLUG_MAX = 48


def new_graph() -> Graph:
    """An empty graph with graphbuild's prefixes bound."""
    graph = Graph()
    for prefix, namespace in (("gb", GB), ("rel", REL), ("ner", NER), ("schema", SCHEMA),
                              ("skos", SKOS)):
        graph.bind(prefix, namespace)
    return graph


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix graphbuild's IRIs.

    Raises:
        InputError: it is not an absolute http(s) or urn IRI ending in '/' or '#'.
    """
    if not re.fullmatch(r"(https?://[^\s<>\"{}|\\^`]+|urn:[^\s<>\"{}|\\^`]+)[/#:]", base):
        raise InputError(f"invalid base IRI {base!r}: give an absolute IRI ending in '/' or "
                         f"'#', such as {DEFAULT_BASE!r}")
    return base


def mint(base: str, kind: str, name: str) -> URIRef:
    """The IRI of a thing of ``kind`` named ``name``: a readable slug plus a short hash.

    The same name always gives the same IRI, and any name gives a valid one.

    >>> str(mint("https://example.org/kg/", "entity", "Bashar al-Assad"))
    'https://example.org/kg/entity/bashar-al-assad-e89b6355'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_SLUG_MAX].strip("-")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return URIRef(f"{base}{kind}/{slug or 'x'}-{digest}")


def predicate_iri(predicate: str) -> URIRef:
    """``rel:meet``, ``rel:call_on``: the IRI of a normalised relation name."""
    local = re.sub(r"[^a-z0-9]+", "_", predicate.lower()).strip("_") or "related_to"
    return REL[local]


def to_rdf(extractions: Sequence[Extraction], resolution: Resolution, *,
           base: str = DEFAULT_BASE) -> Graph:
    """Build the knowledge graph of ``extractions`` as an rdflib :class:`Graph`."""
    check_base(base)
    graph = new_graph()
    add = graph.add
    iri_of = {e.key: mint(base, "entity", e.key) for e in resolution.entities}
    doc_iri = {x.document.id: mint(base, "document", x.document.id) for x in extractions}

    for entity in resolution.entities:
        node = iri_of[entity.key]
        add((node, RDF.type, SCHEMA_CLASSES.get(entity.label, SCHEMA.Thing)))
        add((node, RDF.type, NER[entity.label]))
        if entity.label == "CONCEPT":
            add((node, RDF.type, GB.Concept))
        add((node, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            add((node, SKOS.altLabel, Literal(alias)))
        for title in entity.titles:
            add((node, SCHEMA.jobTitle, Literal(title)))
        add((node, GB.mentionCount, Literal(entity.mentions)))
        add((node, GB.documentCount, Literal(len(entity.documents))))
        for doc_id in entity.documents:
            add((doc_iri[doc_id], SCHEMA.mentions, node))

    for x, extraction in enumerate(extractions):
        document = extraction.document
        doc_node = doc_iri[document.id]
        add((doc_node, RDF.type, SCHEMA.NewsArticle))
        add((doc_node, SCHEMA.identifier, Literal(document.id)))
        for prop, value in ((SCHEMA.headline, document.title), (SCHEMA.url, document.url),
                            (GB.source, document.source)):
            if value:
                add((doc_node, prop, Literal(value)))
        if document.date:
            add((doc_node, SCHEMA.datePublished, _date(document.date)))
        for role in extraction.roles:
            if role.affiliation is not None:
                person = iri_of[resolution.assignment[(x, role.mention)]]
                group = iri_of[resolution.assignment[(x, role.affiliation)]]
                if person != group:
                    add((person, SCHEMA.affiliation, group))
        for relation in extraction.relations:
            subject = iri_of[resolution.assignment[(x, relation.subject)]]
            obj = iri_of[resolution.assignment[(x, relation.object)]]
            if subject == obj:
                continue
            # A negated statement ("Russia does not back X") must not assert rel:back.
            name = ("not " if relation.negated else "") + relation.predicate
            predicate = predicate_iri(name)
            add((predicate, RDF.type, RDF.Property))
            add((predicate, RDFS.label, Literal(name)))
            add((subject, predicate, obj))
            sentence = extraction.sentences[relation.sentence]
            statement = mint(base, "statement", "|".join(map(str, (
                document.id, relation.sentence, relation.subject, relation.object,
                name, relation.verb))))
            add((statement, RDF.type, RDF.Statement))
            add((statement, RDF.subject, subject))
            add((statement, RDF.predicate, predicate))
            add((statement, RDF.object, obj))
            add((statement, GB.document, doc_node))
            add((statement, GB.sentence, Literal(sentence.text)))
            add((statement, GB.start, Literal(sentence.start)))
            add((statement, GB.end, Literal(sentence.end)))
            add((statement, GB.verb, Literal(relation.verb)))
            add((statement, GB.pattern, Literal(relation.pattern)))
            add((statement, GB.confidence,
                 Literal(Decimal(f"{relation.confidence:.3f}"), datatype=XSD.decimal)))
            if relation.negated:
                add((statement, GB.negated, Literal(True)))
            if relation.source is not None:
                add((statement, GB.attributedTo,
                     iri_of[resolution.assignment[(x, relation.source)]]))
    by_name = {e.name: iri_of[e.key] for e in resolution.entities}
    for merge in resolution.merges:
        node = mint(base, "merge", f"{merge.alias}|{merge.entity}|{merge.reason}")
        add((node, RDF.type, GB.Merge))
        add((node, GB.alias, Literal(merge.alias)))
        add((node, GB.reason, Literal(merge.reason)))
        if merge.entity in by_name:
            add((node, GB.mergedInto, by_name[merge.entity]))
    return graph


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

    from .errors import GraphFormatError

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


"""graphbuild's vocabulary: namespaces, the one prefix table, IRI minting and checks, the
names of the output files, and reading the properties of many nodes (:class:`PropertyTable`).

Every graphbuild namespace IRI is written here and nowhere else: graphs bind
:data:`PREFIXES` (:func:`bind_prefixes`), SPARQL predeclares them, the JSON-LD ``@context`` is
derived from them (:data:`JSONLD_CONTEXT`).

>>> str(mint("https://example.org/kg/", "entity", "Bashar al-Assad"))
'https://example.org/kg/entity/bashar-al-assad-e89b6355'
>>> str(predicate_iri("call on"))
'https://w3id.org/graphbuild/rel/call_on'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.term import Node

from .errors import InputError

GB = Namespace("https://w3id.org/graphbuild/vocab#")
REL = Namespace("https://w3id.org/graphbuild/rel/")
NER = Namespace("https://w3id.org/graphbuild/ner#")
SCHEMA = Namespace("https://schema.org/")
DEFAULT_BASE = "https://example.org/graphbuild/"
STORE_GRAPH = URIRef("urn:graphbuild:store")
"""The named graph of a store's bookkeeping (keys, content hashes, base IRI)."""
STATISTICS_GRAPH = URIRef("urn:graphbuild:statistics")
"""The named graph of a store's statistics (:data:`graphbuild.store.STATISTICS_UPDATE`)."""
VOID = Namespace("http://rdfs.org/ns/void#")
"""The VoID vocabulary the statistics are written in (not a prefix of the outputs)."""

PREFIXES: dict[str, Namespace] = {
    "gb": GB, "rel": REL, "ner": NER, "schema": SCHEMA, "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)), "skos": Namespace(str(SKOS)), "xsd": Namespace(str(XSD)),
}
"""The prefixes every graph binds and every query may use without declaring them."""
JSONLD_CONTEXT: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
"""The JSON-LD ``@context``: the same prefixes, so keys read "rdfs:label", "rel:meet"."""

SCHEMA_CLASSES = {
    "PERSON": SCHEMA.Person, "ORG": SCHEMA.Organization, "GPE": SCHEMA.Place,
    "LOC": SCHEMA.Place, "FAC": SCHEMA.Place, "EVENT": SCHEMA.Event, "LAW": SCHEMA.Legislation,
    "PRODUCT": SCHEMA.Product, "WORK_OF_ART": SCHEMA.CreativeWork, "LANGUAGE": SCHEMA.Language,
    "NORP": SCHEMA.Thing,
}
"""The schema.org class of each NER label."""

GRAPH_FILE = "graph.ttl"
OUTPUT_FILES = ("graph.ttl", "graph.jsonld", "graph.html", "graph.gexf", "graph.graphml",
                "articles.gexf", "nodes.csv", "edges.csv", "triples.csv", "merges.csv")
"""Every file ``graphbuild build`` writes into its output folder."""
MARKER_FILES = frozenset({"graph.ttl", "graph.html", "triples.csv"})
"""A folder holding all of these is a graphbuild output folder (never read as input)."""

# Characters no IRI may hold (RFC 3987 excludes them; Turtle and N-Triples cannot write them).
_IRI = re.compile(r"[A-Za-z][\w+.-]*:[^\s<>\"{}|\\^`]+")
_BASE = re.compile(r"(https?://[^\s<>\"{}|\\^`]+|urn:[^\s<>\"{}|\\^`]+)[/#:]")
_SLUG_MAX = 48


def bind_prefixes(graph: Graph) -> Graph:
    """``graph`` with graphbuild's prefixes bound (existing bindings of a prefix kept)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    return graph


def new_graph() -> Graph:
    """An empty graph with graphbuild's prefixes bound."""
    return bind_prefixes(Graph())


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that Turtle and SPARQL can write.

    >>> is_iri("https://example.org/a"), is_iri("no scheme"), is_iri("urn:x")
    (True, False, True)
    """
    return _IRI.fullmatch(text) is not None


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix graphbuild's IRIs.

    Raises:
        InputError: it is not an absolute http(s) or urn IRI ending in '/' or '#'.
    """
    if not _BASE.fullmatch(base):
        raise InputError(f"invalid base IRI {base!r}: give an absolute IRI ending in '/' or "
                         f"'#', such as {DEFAULT_BASE!r}")
    return base


def mint(base: str, kind: str, name: str) -> URIRef:
    """The IRI of a thing of ``kind`` named ``name``: a readable slug plus a short hash.

    The same name always gives the same IRI, and any name gives a valid one.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_SLUG_MAX].strip("-")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return URIRef(f"{base}{kind}/{slug or 'x'}-{digest}")


def predicate_iri(predicate: str) -> URIRef:
    """``rel:meet``, ``rel:call_on``: the IRI of a normalised relation name."""
    local = re.sub(r"[^a-z0-9]+", "_", predicate.lower()).strip("_") or "related_to"
    return REL[local]


def unique_id(doc_id: str, taken: Callable[[str], bool]) -> str:
    """``doc_id``, or ``doc_id~2``, ``doc_id~3``, ... : the first that is not ``taken``, so
    two documents never share an IRI.

    >>> unique_id("a", {"a", "a~2"}.__contains__)
    'a~3'
    """
    candidate, n = doc_id, 1
    while taken(candidate):
        n += 1
        candidate = f"{doc_id}~{n}"
    return candidate


class PropertyTable:
    """The values of a graph's nodes, read one predicate at a time: ``table.values(node, p)``.

    The first lookup of a predicate reads all its triples in one call
    (``graph.subject_objects``) and keeps them by subject, so reading thousands of nodes
    costs one query per predicate, not one per node: on a store each call is a query (192,000
    of them for the network of 600 articles, read node by node). Values are in the graph's
    order; the first is what ``graph.value`` gives when a node has one value.

    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), RDFS.label, URIRef("urn:x")))
    >>> table = PropertyTable(g)
    >>> table.value(URIRef("urn:a"), RDFS.label), table.values(URIRef("urn:b"), RDFS.label)
    (rdflib.term.URIRef('urn:x'), [])
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        # {predicate: {subject: its one value, or a list of several}}: most nodes have one
        # value of a predicate, and a list for each would cost 40 MB at 22,000 articles
        self._read: dict[Node, dict[Node, Node | list[Node]]] = {}

    def _by_subject(self, predicate: Node) -> dict[Node, Node | list[Node]]:
        found = self._read.get(predicate)
        if found is None:
            found = {}
            for subject, value in self.graph.subject_objects(predicate):  # type: ignore[arg-type]
                before = found.get(subject)
                if before is None:
                    found[subject] = value
                elif isinstance(before, list):
                    before.append(value)
                else:
                    found[subject] = [before, value]
            self._read[predicate] = found
        return found

    def subjects(self, predicate: Node) -> list[Node]:
        """Every subject of a ``predicate`` triple, once, in the graph's order."""
        return list(self._by_subject(predicate))

    def of_type(self, cls: Node) -> list[Node]:
        """Every node of ``rdf:type`` ``cls``, once."""
        return [node for node, types in self._by_subject(RDF.type).items()
                if (cls in types if isinstance(types, list) else types == cls)]

    def values(self, node: Node, predicate: Node) -> list[Node]:
        """The objects of ``node``'s ``predicate`` triples (a list the table keeps: sorting
        it sorts the table's)."""
        found = self._by_subject(predicate).get(node)
        if found is None:
            return []
        if not isinstance(found, list):
            found = self._read[predicate][node] = [found]
        return found

    def value(self, node: Node, predicate: Node) -> Node | None:
        """The first object of ``node``'s ``predicate`` triples, or None."""
        found = self._by_subject(predicate).get(node)
        return found[0] if isinstance(found, list) else found

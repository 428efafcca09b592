"""Co-mentions: entities named together in one sentence, and in one article.

The co-mention network is where most news analysis in Gephi starts: two entities are linked
when an article names both, weighted by the number of distinct articles that do. graphbuild
keeps two scopes, from the resolved mentions:

- **sentence**: both are named in one sentence (a tight link). These cannot be recovered from
  the rest of the RDF, so each pair is an RDF node of its own::

      <base>comention/<slug>-<hash> a gb:CoMention ;
          gb:entity <a>, <b> ;
          gb:document <article 1>, <article 2> .

  Its weight is the number of ``gb:document`` values. An incremental build only adds
  ``gb:document`` triples to the node (its IRI depends on the pair alone), so weights stay
  right when articles arrive in batches.
- **article**: both are named in one article. That is already in the RDF (every article's
  ``schema:mentions``), and writing each pair would cost the square of the entities per
  article, so it is computed when the graph is read (:func:`article_co_mentions`), keeping
  the pairs named together in at least ``min_documents`` articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import combinations

from rdflib import RDF, Graph, URIRef

from .resolve import Resolution
from .types import Extraction
from .vocab import GB, SCHEMA, PropertyTable, mint

#: Article co-mentions are kept when at least this many articles name both entities.
ARTICLE_MIN_DOCUMENTS = 3


def sentence_co_mentions(extractions: Sequence[Extraction], resolution: Resolution
                         ) -> dict[tuple[str, str], set[str]]:
    """``{(entity key, entity key): document ids}`` for entities named in one sentence.

    The mentions are those resolution saw (``Resolution.retagged``: names found again across
    articles count). Keys are in order (the smaller first); an entity named twice in a
    sentence is not paired with itself.

    >>> from graphbuild.types import Document, Mention
    >>> m = lambda name, sentence: Mention(name, name, "PERSON", 0, 1, sentence)
    >>> x = Extraction(Document("d1", ""), (), (m("Kerry", 0), m("Lavrov", 0), m("Assad", 1)),
    ...                (), (), 0)
    >>> r = Resolution((), {(0, 0): "kerry", (0, 1): "lavrov", (0, 2): "assad"}, ())
    >>> sentence_co_mentions([x], r)
    {('kerry', 'lavrov'): {'d1'}}
    """
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x, extraction in enumerate(extractions):
        named: dict[int, set[str]] = defaultdict(set)
        for m, mention in enumerate(resolution.retagged.get(x, extraction.mentions)):
            key = resolution.assignment.get((x, m))
            if key is not None:
                named[mention.sentence].add(key)
        for keys in named.values():
            for a, b in combinations(sorted(keys), 2):
                pairs[(a, b)].add(extraction.document.id)
    return dict(pairs)


def co_mention_triples(pairs: Mapping[tuple[str, str], Iterable[str]], *,
                       entity_iri: Mapping[str, URIRef], document_iri: Callable[[str], URIRef],
                       base: str) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """The triples of a ``gb:CoMention`` node for every pair of ``pairs``, in key order.

    Pairs whose entities have no IRI are skipped.
    """
    for (a, b), documents in sorted(pairs.items()):
        if a not in entity_iri or b not in entity_iri:
            continue
        node = mint(base, "comention", f"{a}|{b}")
        yield node, RDF.type, GB.CoMention
        yield node, GB.entity, entity_iri[a]
        yield node, GB.entity, entity_iri[b]
        for doc in sorted(documents):
            yield node, GB.document, document_iri(doc)


def read_co_mentions(graph: Graph, *, table: PropertyTable | None = None
                     ) -> list[tuple[URIRef, URIRef, list[URIRef]]]:
    """``[(entity, entity, documents)]`` of the ``gb:CoMention`` nodes of ``graph``, sorted.

    Read a predicate at a time (``table``: a :class:`~graphbuild.vocab.PropertyTable` of the
    graph already at hand); each node's documents are returned in the table's own list, sorted
    there, so that memory holds them once."""
    table = PropertyTable(graph) if table is None else table
    found = []
    for node in table.of_type(GB.CoMention):
        entities = sorted(set(table.values(node, GB.entity)))
        if len(entities) == 2:
            docs = table.values(node, GB.document)
            docs[:] = sorted(set(docs), key=str)  # IRIs: their text's order, compared in C
            found.append((entities[0], entities[1], docs))
    found.sort()
    return found  # type: ignore[return-value]


def article_co_mentions(graph: Graph, *, min_documents: int = ARTICLE_MIN_DOCUMENTS
                        ) -> Iterator[tuple[URIRef, URIRef, list[URIRef]]]:
    """``(entity, entity, documents)`` for entities named in at least ``min_documents`` of
    the same articles (``schema:mentions``), in order.

    One entity's pairs at a time (those with the entities after it): every pair of every
    article is never held, and a corpus read ten times over names every pair ten times.

    >>> from rdflib import URIRef as U
    >>> g = Graph()
    >>> for doc in ("urn:d1", "urn:d2"):
    ...     for e in ("urn:a", "urn:b"):
    ...         _ = g.add((U(doc), SCHEMA.mentions, U(e)))
    >>> [(str(a), str(b), len(d)) for a, b, d in article_co_mentions(g, min_documents=2)]
    [('urn:a', 'urn:b', 2)]
    """
    named: dict[URIRef, set[URIRef]] = defaultdict(set)
    for doc, entity in graph.subject_objects(SCHEMA.mentions):
        named[doc].add(entity)  # type: ignore[index, arg-type]
    naming: dict[URIRef, list[URIRef]] = defaultdict(list)  # each entity's articles, in order
    for doc in sorted(named, key=str):  # (IRIs: their text's order, compared in C)
        for entity in named[doc]:
            naming[entity].append(doc)
    for a in sorted(naming, key=str):
        together: dict[URIRef, list[URIRef]] = defaultdict(list)
        for doc in naming[a]:
            for b in named[doc]:
                if str(b) > str(a):
                    together[b].append(doc)
        for b in sorted(together, key=str):
            if len(together[b]) >= min_documents:
                yield a, b, together[b]

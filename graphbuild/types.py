"""Records shared by every stage of the pipeline.

Past the extract stage nothing holds a spaCy object: records carry strings and character
offsets, so they pickle (for worker processes), hash, and dump to JSON for tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article as read from disk, stdin, JSONL or CSV.

    ``date`` is an ISO date when one could be read, and ``date_source`` says where it came
    from: "page" (a web page's metadata), "field" (a JSON or CSV field), "text" (a date line
    in the text), "pdf metadata", "docx properties" or "file name". A copy of an earlier
    article (a wire copy, the same story lightly edited) has ``duplicate_of``, the original's
    id, and ``similarity``, the estimated share of their word shingles (1.0: the same words).
    """

    id: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    source: str = ""
    date_source: str = ""
    author: str = ""
    duplicate_of: str = ""
    similarity: float = 0.0


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, with its character offsets in the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named-entity mention.

    ``name`` is the mention cleaned for matching (leading titles, determiners and a trailing
    possessive removed); ``text`` is the mention as written.
    """

    text: str
    name: str
    label: str
    start: int
    end: int
    sentence: int
    gender: str = ""  # "m" or "f" from an honorific ("Mrs Howard"), else ""


@dataclass(frozen=True)
class Relation:
    """A relation between two mentions of one document.

    ``subject`` and ``object`` index the document's mentions. ``predicate`` is the normalised
    relation ("meet", "call on"); ``verb`` is the phrase as written. ``source`` indexes the
    mention a reported statement is attributed to ("X said ..."), or is None.

    ``modality`` is empty for a plain assertion, else "attempt", "hope", "plan",
    "condition", "claim", "possible" or "future" ("tried to buy X" is an attempt).
    ``relation_class`` is a schema.org property name ("worksFor", "owns") and
    ``action_class`` a PLOVER/CAMEO quad class ("verbal conflict"), when the predicate has
    one (``lexicon.RELATION_CLASSES``, ``lexicon.ACTION_CLASSES``). ``time`` is the clause's
    time phrase as written, ``place`` the mention of its place, if any.
    """

    subject: int
    predicate: str
    object: int
    verb: str
    sentence: int
    confidence: float
    pattern: str
    negated: bool = False
    source: int | None = None
    modality: str = ""
    relation_class: str = ""
    action_class: str = ""
    time: str = ""
    place: int | None = None


@dataclass(frozen=True)
class Quotation:
    """Something a mentioned speaker said: a direct quote or a reported (indirect) statement.

    ``speaker`` indexes the document's mentions; ``start``/``end`` are the character offsets
    of ``text`` in the document; ``mentions`` index the mentions named in it.
    """

    speaker: int
    text: str
    start: int
    end: int
    sentence: int
    direct: bool
    mentions: tuple[int, ...] = ()


@dataclass(frozen=True)
class Role:
    """A title or role held by a mentioned entity ("Secretary of State")."""

    mention: int
    title: str
    sentence: int
    affiliation: int | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage found in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    roles: tuple[Role, ...]
    words: int
    quotations: tuple[Quotation, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity: one node of the graph."""

    key: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    documents: tuple[str, ...]
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Merge:
    """One decision of entity resolution, kept so a user can check it."""

    alias: str
    entity: str
    reason: str
    document: str = ""  # the document that gave the evidence ("" when none did)


@dataclass(frozen=True)
class UserAlias:
    """A user's correction of entity resolution (a row of an ``--aliases`` file).

    ``action`` is "merge" (mentions named ``alias`` belong to the entity named ``entity``),
    "forbid" (they never do) or "rename" (the entity named ``alias`` is called ``entity``).
    """

    alias: str
    entity: str
    action: str = "merge"


@dataclass
class BuildStats:
    """Counts reported at the end of a build."""

    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    copies: int = 0
    sentences: int = 0
    words: int = 0
    entities: int = 0
    relations: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class ExtractedBatch:
    """What a worker sends back for a batch of documents: records and the time they took."""

    extractions: tuple[Extraction, ...]
    parse_seconds: float
    extract_seconds: float


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


@dataclass(frozen=True)
class KnownEntities:
    """The entities of a store, as :func:`graphbuild.resolve.resolve` takes them.

    ``entities`` carry their stored name, aliases, titles, type and mention count but no
    documents (new documents never share an id with stored ones, so the stored ids cannot
    change a resolution decision); ``document_counts`` holds their stored document counts.
    """

    entities: tuple[Entity, ...]
    document_counts: Mapping[str, int]


@dataclass(frozen=True)
class Parameter:
    """A parameter of a ready-made question: the query variable ``?name``."""

    name: str
    description: str = ""
    type: str = "string"
    required: bool = True


@dataclass(frozen=True)
class Question:
    """A ready-made SPARQL question (a shipped ``.rq`` file, or any query text)."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    example: str = ""


@dataclass(frozen=True)
class PushReport:
    """What :func:`graphbuild.sparql.push.push` did."""

    endpoint: str
    graph: str | None
    method: str
    triples: int
    requests: int
    seconds: float


@dataclass(frozen=True)
class ResultFormat:
    """A result format: its name, media types (preferred first), kind and other names."""

    name: str
    media_types: tuple[str, ...]
    kind: str  # "TABLE" (SELECT, ASK) or "GRAPH" (CONSTRUCT, DESCRIBE)
    ask: bool = True
    aliases: tuple[str, ...] = ()

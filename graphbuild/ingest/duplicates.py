"""Exact and near-duplicate articles (wire copies, the same story lightly edited).

Two texts are copies when their sets of word shingles (runs of :data:`SHINGLE_WORDS` words,
case and punctuation ignored) overlap by at least :data:`THRESHOLD` (Jaccard similarity),
estimated from MinHash signatures and found through locality-sensitive hashing (datasketch),
so each new text is compared with the few earlier ones that may be copies, not with all.
Texts equal once case, punctuation and spacing are ignored are copies whatever their length.
The first text read is the original; the signatures are deterministic, so the same inputs
give the same copies.

>>> finder = DuplicateFinder()
>>> story = " ".join(f"word{n}" for n in range(200))
>>> finder.copy_of("a", story), finder.copy_of("b", "Another story entirely, " * 30)
(None, None)
>>> finder.copy_of("c", story.replace("word7 ", "WORD7. "))
Copy(original='a', similarity=1.0)
>>> finder.copy_of("d", story.replace("word50 ", "changed "))  # doctest: +ELLIPSIS
Copy(original='a', similarity=0.96...)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..types import Document

SHINGLE_WORDS = 5
"""Words per shingle: long enough that two different stories on one topic share few."""
THRESHOLD = 0.6
"""The least estimated Jaccard similarity of two texts' shingles for the later to be a copy."""
PERMUTATIONS = 128
"""MinHash permutations: the estimate's standard error is about 0.04 at this size."""
_WORD = re.compile(r"\w+")
# datasketch's hashing scheme, named so that signatures kept in a store stay comparable.
_SCHEME = "affine32"


@dataclass(frozen=True)
class Copy:
    """A text found to copy an earlier one: the original's id and their estimated similarity
    (1.0 for the same words)."""

    original: str
    similarity: float


class DuplicateFinder:
    """Remembers the texts seen so far and tells whether a new one copies one of them."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        # Candidates are checked on their estimated similarity: the bands are chosen to miss
        # few copies (false negatives) at the cost of more candidates to check.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, weights=(0.1, 0.9))
        self._exact: dict[str, str] = {}
        self._signatures: dict[str, Any] = {}
        self._order: dict[str, int] = {}

    def copy_of(self, doc_id: str, text: str) -> Copy | None:
        """The earlier text that ``text`` copies, or None (and it is remembered as an
        original)."""
        words = _words(text)
        digest = _digest(words)
        if digest in self._exact:
            return Copy(self._exact[digest], 1.0)
        found = _minhash(words)
        if found is not None:
            best = self._best_match(found)
            if best is not None:
                return best
        self._exact[digest] = doc_id
        if found is not None:
            self.remember(doc_id, found)
        return None

    def remember(self, doc_id: str, signature: Any, *, digest: str | None = None) -> None:
        """Add an original's signature (read back from a store, say)."""
        if doc_id in self._signatures:
            return
        self._order[doc_id] = len(self._order)
        self._signatures[doc_id] = signature
        self._lsh.insert(doc_id, signature)
        if digest is not None:
            self._exact.setdefault(digest, doc_id)

    def _best_match(self, signature: Any) -> Copy | None:
        scored = [(signature.jaccard(self._signatures[key]), key)
                  for key in self._lsh.query(signature)]
        scored = [(s, key) for s, key in scored if s >= self.threshold]
        if not scored:
            return None
        # The most similar, and of equals the first read: the same answer every run.
        similarity, key = min(scored, key=lambda item: (-item[0], self._order[item[1]]))
        return Copy(key, round(similarity, 3))


def originals(documents: Iterable[Document], finder: DuplicateFinder, *,
              on_copy: Callable[[Document], None]) -> Iterator[Document]:
    """The documents of ``documents`` that copy no earlier one; each copy goes to ``on_copy``
    instead, with ``duplicate_of`` set to its original's id.

    >>> copies = []
    >>> docs = [Document(id="a", text="Kerry met Lavrov."), Document(id="b", text="Putin spoke."),
    ...         Document(id="c", text="Kerry met Lavrov!")]
    >>> [d.id for d in originals(docs, DuplicateFinder(), on_copy=copies.append)]
    ['a', 'b']
    >>> [(d.id, d.duplicate_of) for d in copies]
    [('c', 'a')]
    """
    for document in documents:
        copy = finder.copy_of(document.id, document.text)
        if copy is None:
            yield document
        else:
            on_copy(replace(document, duplicate_of=copy.original,
                            similarity=copy.similarity))


def words_digest(text: str) -> str:
    """The SHA-256 of a text's words (lower case, punctuation and spacing ignored)."""
    return _digest(_words(text))


def signature(text: str) -> Any | None:
    """The MinHash signature of a text's word shingles; None for a text too short to have
    :data:`SHINGLE_WORDS` * 4 words (only exact copies of it are found)."""
    return _minhash(_words(text))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _minhash(words: list[str]) -> Any | None:
    from datasketch import MinHash

    if len(words) < SHINGLE_WORDS * 4:
        return None
    shingles = {" ".join(words[k:k + SHINGLE_WORDS]).encode("utf-8")
                for k in range(len(words) - SHINGLE_WORDS + 1)}
    signature = MinHash(num_perm=PERMUTATIONS, seed=1, scheme=_SCHEME)
    signature.update_batch(sorted(shingles))
    return signature


def signature_bytes(minhash: Any) -> bytes:
    """A signature as bytes, to keep in a store."""
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> Any:
    """A signature kept with :func:`signature_bytes`."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=_SCHEME,
                   hashvalues=np.frombuffer(data, dtype="<u4").astype(np.uint32))

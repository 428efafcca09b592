"""Parsing and extraction in batches: in this process, in worker processes, or on any
:class:`concurrent.futures.Executor` (a Dask cluster's).

Only :class:`~graphbuild.types.Document` records go to a worker and only
:class:`~graphbuild.types.ExtractedBatch` records come back, never spaCy objects; batches are
the same whichever runs them, so the graph is the same byte for byte. At most a few batches
per worker are in flight, so memory holds the extraction records, not the texts or parses.

>>> [len(b) for b in batches(range(5), 2)]
[2, 2, 1]
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from itertools import islice
from typing import TypeVar

from .extract import extract
from .nlp import cached_model, parse
from .types import Document, ExtractedBatch, Extraction, Progress

_T = TypeVar("_T")
ProgressCallback = Callable[[Progress], None]

BATCH_DOCUMENTS = 32
"""Documents per batch sent to a worker: large enough that a batch keeps a worker busy for a
few seconds, small enough to keep every worker busy to the end."""


def extract_documents(documents: Sequence[Document], model: str | None = None, *,
                      batch_size: int = 16, sentence_filter: bool = False) -> ExtractedBatch:
    """Parse and extract a batch of documents: the work a worker process does.

    The model is loaded once per process (:func:`graphbuild.nlp.cached_model`). Runs anywhere
    graphbuild and the model are installed: a local process, a Dask worker. With
    ``sentence_filter``, only the sentences that can give a relation are parsed
    (:func:`graphbuild.nlp.parse`).

    >>> batch = extract_documents([Document(id="a", text="Kerry met Lavrov in Geneva.")])
    >>> [(m.name, m.label) for m in batch.extractions[0].mentions]
    [('Kerry', 'PERSON'), ('Lavrov', 'PERSON'), ('Geneva', 'GPE')]
    """
    nlp = cached_model(model)
    parsed = parse(documents, nlp, batch_size=batch_size, sentence_filter=sentence_filter)
    out: list[Extraction] = []
    parse_seconds = extract_seconds = 0.0
    while True:
        t0 = time.perf_counter()
        item = next(parsed, None)
        t1 = time.perf_counter()
        parse_seconds += t1 - t0
        if item is None:
            break
        out.append(extract(*item))
        extract_seconds += time.perf_counter() - t1
    return ExtractedBatch(tuple(out), parse_seconds, extract_seconds)


def extract_all(documents: Iterable[Document], *, model: str | None, n_process: int,
                batch_size: int, executor: Executor | None,
                sentence_filter: bool = False,
                progress: ProgressCallback | None, seconds: dict[str, float],
                started: float) -> Iterator[Extraction]:
    """The extractions of ``documents``, in order, extracted in batches of
    :data:`BATCH_DOCUMENTS` here, on ``n_process`` processes or on ``executor``; adds the
    parse and extract time to ``seconds`` and reports to ``progress`` after each batch."""
    parts = batches(documents, BATCH_DOCUMENTS)
    if executor is None and n_process == 1:
        results: Iterator[ExtractedBatch] = (
            extract_documents(batch, model, batch_size=batch_size,
                              sentence_filter=sentence_filter) for batch in parts)
        yield from _collect(results, progress, seconds, started)
        return
    own = executor is None
    if executor is None:
        from concurrent.futures import ProcessPoolExecutor

        # The platform's default start method, as spaCy's own n_process uses: on Linux workers
        # are forked (a model this process loaded already comes along); where they are
        # spawned, they load it themselves and scripts need the `if __name__ == "__main__"`
        # guard. Either way the model is never pickled.
        executor = ProcessPoolExecutor(n_process)
    pending: deque[Future[ExtractedBatch]] = deque()
    try:
        yield from _collect(_in_order(parts, lambda batch: executor.submit(
            extract_documents, batch, model, batch_size=batch_size,
            sentence_filter=sentence_filter), pending, 2 * n_process),
            progress, seconds, started)
    finally:
        for future in pending:
            future.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def _in_order(batches: Iterable[list[Document]],
              submit: Callable[[list[Document]], Future[ExtractedBatch]],
              pending: deque[Future[ExtractedBatch]], in_flight: int) -> Iterator[ExtractedBatch]:
    """Results in the order of ``batches``, keeping at most ``in_flight`` batches submitted."""
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _collect(results: Iterable[ExtractedBatch], progress: ProgressCallback | None,
             seconds: dict[str, float], started: float) -> Iterator[Extraction]:
    documents = words = 0
    for batch in results:
        seconds["parse"] += batch.parse_seconds
        seconds["extract"] += batch.extract_seconds
        yield from batch.extractions
        if progress is not None:
            documents += len(batch.extractions)
            words += sum(x.words for x in batch.extractions)
            progress(Progress(documents, words, time.perf_counter() - started))


def batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch

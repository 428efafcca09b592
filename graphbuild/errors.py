"""The exception tree. Every message names the bad value and the fix.

The CLI turns any :class:`GraphbuildError` into a one-line message and exit code 1
(:class:`UsageError`: 2). No other module defines an exception class.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError):
    """An input could not be used (missing path, unknown format, bad record)."""


class NoDocumentsError(InputError):
    """Nothing could be read from any of the inputs."""


class UnreadableFileError(InputError):
    """A file of a known format could not be read; the message says why (and what to
    install when the reader's optional library is missing). The file is skipped."""


class ModelNotFoundError(GraphbuildError):
    """No usable spaCy pipeline is installed, or the one asked for is missing."""


class GraphFormatError(GraphbuildError):
    """A graph file could not be read, or is not one graphbuild wrote."""


class QueryError(GraphbuildError):
    """A SPARQL query could not be parsed or run."""


class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit and was stopped."""


class QueryStopped(BaseException):  # noqa: N818 (a signal, not an error)
    """Raised inside a query's worker thread to stop it at its deadline. A BaseException, so
    that the ``except Exception`` clauses inside rdflib's evaluator cannot swallow it; it never
    leaves :func:`graphbuild.sparql.query.run_with_timeout`."""


class UsageError(GraphbuildError):
    """The command line was used wrongly (a bad option or combination); the CLI exits with 2."""


class ServeError(GraphbuildError):
    """The server cannot start (port in use, bad option)."""


class PushError(GraphbuildError):
    """A graph could not be loaded into a store (unreachable, refused, bad option)."""


class RefusedError(GraphbuildError):
    """A request was answered with an HTTP error: by our endpoint to its client, or by a
    triple store to :func:`graphbuild.sparql.push.push`. ``status`` is the HTTP status code
    (None when there was no answer)."""

    def __init__(self, status: int | None, message: str) -> None:
        super().__init__(message)
        self.status = status

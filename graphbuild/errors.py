"""The exception tree. Every message names the bad value and the fix.

The CLI turns any :class:`GraphbuildError` into a one-line message and a non-zero exit code.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError):
    """An input could not be used (missing path, unknown format, bad record)."""


class NoDocumentsError(InputError):
    """Nothing could be read from any of the inputs."""


class ModelNotFoundError(GraphbuildError):
    """No usable spaCy pipeline is installed, or the one asked for is missing."""


class GraphFormatError(GraphbuildError):
    """A graph file could not be read, or is not one graphbuild wrote."""


class QueryError(GraphbuildError):
    """A SPARQL query could not be parsed or run."""

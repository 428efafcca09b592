"""What a format reader recovers from one file, before it becomes a Document."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnreadableFileError


@dataclass(frozen=True)
class Parsed:
    """The text of a file and what its format says about it (all optional but ``text``).

    ``date`` is an ISO date (``YYYY-MM-DD``) or date-time, ``date_source`` where it came from.
    """

    text: str
    title: str = ""
    date: str = ""
    date_source: str = ""
    author: str = ""
    url: str = ""


def missing_extra(what: str, extra: str, package: str) -> UnreadableFileError:
    """The error of a reader whose optional library is not installed."""
    return UnreadableFileError(f"{what} support is not installed: pip install "
                               f"'graphbuild[{extra}]' (or pip install {package})")

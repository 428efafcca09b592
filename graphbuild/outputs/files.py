"""Files written whole or not at all, and text every format can hold.

Each file is written to a temporary file beside it and renamed into place, so a run that is
killed never leaves a half-written output. Text that a format cannot hold is cleaned, never
left to break the file: characters XML 1.0 forbids are dropped, and names in XML attributes
and CSV cells are kept on one line.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import secrets
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` and rename it to ``path`` on success.

    The file is created with mode 0666 less the process umask, like any file ``open`` makes.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def xml_safe(text: object) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", str(text))


def token(text: object) -> str:
    """An xsd:token: XML-safe text on one line with single spaces."""
    return " ".join(xml_safe(text).split())


def write_csv(path: str | os.PathLike[str], columns: Sequence[str],
               rows: Sequence[dict[str, object]]) -> None:
    """Write a CSV table (every cell through :func:`spreadsheet_safe`)."""
    with atomic_open(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    """``value``, with a leading quote when it is text a spreadsheet would run as a formula
    (it begins with =, +, -, @, a tab or a carriage return), as OWASP advises; a number,
    signed or not, is left as it is.

    >>> print(spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe("-0.5"))
    '=HYPERLINK("http://x") -0.5
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_safe(row: Mapping[str, Any]) -> dict[str, object]:
    """One line per row: lists joined with "; ", control characters removed, spaces single."""
    return {key: token("; ".join(map(str, value)) if isinstance(value, (list, tuple))
                        else value) if not isinstance(value, (int, float)) else value
            for key, value in row.items()}

"""Bytes -> clean text: binary sniffing, encodings, cleaning, and names safe to print.

Binary files are recognised by their first bytes whatever their name; text is decoded as
UTF-8, UTF-16/32 with a byte-order mark, or cp1252, with a warning when it is not UTF-8;
control characters, bidirectional overrides and lone surrogates never reach a record; file
and folder names are shown with such characters escaped.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from typing import IO

log = logging.getLogger(__name__)

SkipHandler = Callable[[str, str], None]
"""Called as ``on_skip(name, reason)`` for each file or record that is skipped."""

# C0/C1 controls other than tab and newline, the bidirectional embeddings, overrides and
# isolates, which can disguise text in a terminal or a page, and a byte-order mark inside the
# text (left by concatenated files): none carries meaning for extraction.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# A lone surrogate (from a JSON "\ud800" escape) cannot be encoded as UTF-8 by any writer.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What must not be printed raw in a name: line breaks, controls, bidi, undecodable bytes.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")  # an undecodable byte under "surrogateescape"
HEAD = 8192
# Signatures of common binary formats, checked whatever the file is called.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or .docx, .xlsx, .odt, .epub)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
    (b"OggS", "an Ogg media file"),
)


_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decoded(raw: bytes, name: str, on_skip: SkipHandler, *,
             declared: str | None = None) -> str | None:
    """``raw`` as text, or None (and ``on_skip`` told why) for binary content."""
    kind = binary_kind(raw[:HEAD])
    if kind:
        on_skip(name, f"not a text file ({kind})")
        return None
    text, note = _decode(raw, declared=declared)
    if note:
        log.warning("%s: %s", name, note)
    return text


def decode(raw: bytes) -> str | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or cp1252.

    Returns None for binary content (see :func:`binary_kind`).

    >>> decode("Zürich".encode("utf-16")), decode("Zürich".encode("cp1252"))
    ('Zürich', 'Zürich')
    >>> decode(b"%PDF-1.7") is None
    True
    """
    return None if binary_kind(raw[:HEAD]) else _decode(raw)[0]


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first bytes of a file) starts, or None for text.

    >>> binary_kind(b"PK\\x03\\x04..."), binary_kind(b"Kerry met Lavrov.")
    ('a zip archive (or .docx, .xlsx, .odt, .epub)', None)
    """
    if head.startswith(tuple(bom for bom, _ in _BOMS)) or _utf16_without_bom(head):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    if b"\x00" in head:
        return "binary content"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\x1b") + head.count(0x7f)
    if len(head) >= 64 and controls * 10 > len(head):
        return "mostly control characters"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"-be" for BOM-less UTF-16 text that is mostly ASCII (one NUL per letter)."""
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode(raw: bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """(text, a note on how it was decoded when it was not plain UTF-8).

    ``declared`` is the encoding the file names for itself (an HTML page's ``<meta charset>``),
    used without a note when the bytes are not UTF-8.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw.decode(codec, errors="replace")
            bad = text.count("\ufffd") - raw.decode(codec, errors="ignore").count("\ufffd")
            return text, (f"invalid {codec} ({bad} characters replaced)" if bad else None)
    guessed = _utf16_without_bom(raw[:HEAD])
    if guessed:
        return raw.decode(guessed, errors="replace"), f"no byte-order mark; read as {guessed}"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        where = err.start
    text = raw.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    # Valid multi-byte UTF-8 beside a few bad bytes: a UTF-8 file with damage, not cp1252.
    if any(ord(c) > 0x7F for c in _ESCAPED_BYTE.sub("", text)):
        return (raw.decode("utf-8", errors="replace"),
                f"not valid UTF-8 ({bad} bad bytes, the first at byte {where}); replaced")
    if declared:
        with contextlib.suppress(LookupError):
            return raw.decode(declared, errors="replace"), None
    return raw.decode("cp1252", errors="replace"), f"not valid UTF-8 (byte {where}); read as cp1252"


def html_charset(head: bytes) -> str | None:
    match = _HTML_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def text_lines(handle: IO[bytes], head: bytes, name: str,
                limit: int) -> Iterator[tuple[int, str | None]]:
    """(line number, line) of a binary file decoded line by line, as :func:`decode` would;
    the line is None when it is longer than ``limit`` characters (the rest of it is skipped).
    """
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), None)
    codec = codec or _utf16_without_bom(head) or "utf-8"
    errors = "surrogateescape" if codec in ("utf-8", "utf-8-sig") else "replace"
    text = io.TextIOWrapper(handle, encoding=codec, errors=errors, newline="")
    first_bad = 0
    number = 0
    while True:
        line = text.readline(limit + 1)
        if not line:
            break
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):
                line = text.readline(limit)
            yield number, None
            continue
        if errors == "surrogateescape" and _ESCAPED_BYTE.search(line):
            line, note = _decode(line.encode("utf-8", errors="surrogateescape"))
            if not first_bad:  # once: the later lines are most likely the same
                first_bad = number
                log.warning("%s:%d: %s", name, number, note)
        yield number, line


def clean_text(text: str) -> str:
    """Normalise line ends, drop control characters that carry no meaning, and replace lone
    surrogates (which no file can hold) with U+FFFD.

    >>> clean_text("Ker\\x07ry\\u202e met\\r\\nLavrov\\ud800") == "Kerry met\\nLavrov\\ufffd"
    True
    """
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SURROGATE.sub("\ufffd", text)


def shown(name: str) -> str:
    """``name`` with line breaks, control and bidi characters and undecodable bytes escaped,
    so that it prints as what it is, on one line.

    >>> shown("a\\nb\\u202ec\\udcff.txt")
    'a\\\\nb\\\\u202ec\\\\xff.txt'
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode
            return f"\\x{code - 0xDC00:02x}"
        return match.group().encode("unicode_escape").decode("ascii")

    return _UNPRINTABLE.sub(escape, name)


def size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 2**10:.1f} kB" if n >= 10 * 2**10 else f"{n} bytes"

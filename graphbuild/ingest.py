"""Read articles from files, directories, stdin, JSON, JSONL and CSV into :class:`Document` records.

No spaCy here. Input is data, never trusted: a file or record that cannot be used is skipped
(``on_skip`` is called with its name, and line where there is one, and the reason) and the run
goes on. Binary files are recognised by their first bytes whatever their name; text is decoded
as UTF-8, UTF-16/32 with a byte-order mark, or cp1252, with a warning when it is not UTF-8;
control characters, bidirectional overrides and lone surrogates never reach a record; file and
folder names are shown with such characters escaped. Folders are walked without following
symbolic links, so a link loop cannot hang the walk. Records (JSONL lines, CSV rows) are read
one at a time, so a big JSONL or CSV file is streamed; a text, HTML or JSON file, and a single
record, may be at most :data:`MAX_BYTES` long.

>>> docs = list(read_documents(["examples/syria"]))
>>> len(docs), docs[0].id
(3, '000_f2d3a55a1a3f1ca9')
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .types import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
JSON_SUFFIXES = frozenset({".json"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | JSON_SUFFIXES
#: The largest text, HTML or JSON file, and the longest JSONL line or CSV field, that is read
#: (bigger ones are skipped). Parsing runs at a few thousand words a second, so 256 MiB of text
#: is hours of work; raise it with ``read_documents(..., max_bytes=N)`` or by setting
#: ``graphbuild.ingest.MAX_BYTES`` before a build.
MAX_BYTES = 256 * 1024 * 1024
_RECORD_FIELDS = ("title", "date", "url")
# C0/C1 controls other than tab and newline, the bidirectional embeddings, overrides and
# isolates, which can disguise text in a terminal or a page, and a byte-order mark inside the
# text (left by concatenated files): none carries meaning for extraction.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# A lone surrogate (from a JSON "\ud800" escape) cannot be encoded as UTF-8 by any writer.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What must not be printed raw in a name: line breaks, controls, bidi, undecodable bytes.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")  # an undecodable byte under "surrogateescape"
_TITLE_MAX = 200
_HEAD = 8192
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

SkipHandler = Callable[[str, str], None]


def _log_skip(source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)


def read_documents(
    sources: Iterable[str | os.PathLike[str]],
    *,
    on_skip: SkipHandler = _log_skip,
    stdin: IO[str] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document]:
    """Yield a :class:`Document` for each article in ``sources``.

    Args:
        sources: paths of files or directories (searched recursively for .txt, .md, .html,
            .json, .jsonl and .csv files; hidden files and folders and symbolic links to
            folders are left out), or ``"-"`` for standard input.
        on_skip: called as ``on_skip(name, reason)`` for each file or record that is skipped;
            ``name`` is the file name (escaped to print on one line), with ``:LINE`` for a
            JSONL line or CSV row and ``[N]`` for an item of a JSON array.
        stdin: the stream read for ``"-"`` (default ``sys.stdin``; its bytes are decoded like a
            file's when it has a binary buffer).
        max_bytes: the largest file or record read (default :data:`MAX_BYTES`).

    Raises:
        InputError: a source path does not exist.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Kerry met Lavrov.")
    >>> _ = (folder / "b.txt").write_bytes(b"%PDF-1.7 ...")
    >>> [d.text for d in read_documents([folder], on_skip=lambda name, why: print(why))]
    not a text file (a PDF document)
    ['Kerry met Lavrov.']
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    seen: set[str] = set()
    for source in sources:
        if str(source) == "-":
            yield from _unique_ids(_read_stdin(stdin, on_skip, limit), seen)
            continue
        path = Path(source)
        if not path.exists():
            raise InputError(f"input not found: {_shown(str(source))!r}; give a file, a "
                             f"directory or '-'")
        if path.is_dir():
            for file in _walk(path, on_skip):
                yield from _unique_ids(_read_file(file, path, on_skip, limit), seen)
        else:
            yield from _unique_ids(_read_file(path, path.parent, on_skip, limit, walked=False),
                                   seen)


def _unique_ids(docs: Iterable[Document], seen: set[str]) -> Iterator[Document]:
    for doc in docs:
        unique = _unique(doc.id, seen)
        yield doc if unique == doc.id else Document(**{**doc.__dict__, "id": unique})


def _read_stdin(stdin: IO[str] | None, on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:  # decode the bytes ourselves: the locale's codec may be strict
        raw = buffer.read(limit + 1)
        if len(raw) > limit:
            on_skip("<stdin>", f"too large (more than {_size(limit)}); raise the limit with "
                               f"graphbuild.ingest.MAX_BYTES")
            return
        text = _decoded(raw, "<stdin>", on_skip)
        if text is None:
            return
    else:
        text = stream.read()
    text = clean_text(text)
    if text.strip():
        yield Document(id="stdin", text=text, title=_first_line(text), source="-")
    else:
        on_skip("<stdin>", "empty input")


# Files every build writes: a folder holding all of them is an output folder.
_OUTPUT_FILES = frozenset({"graph.ttl", "graph.html", "triples.csv"})


def _walk(folder: Path, on_skip: SkipHandler) -> Iterator[Path]:
    """Files under ``folder`` with a known suffix, sorted; never follows a symlinked folder.

    Hidden files and folders (".git") are left out; symlinked folders and folders that cannot
    be listed are reported to ``on_skip``.
    """
    def unreadable(err: OSError) -> None:
        on_skip(_shown(str(err.filename)), f"cannot list folder: {err.strerror or err}")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        if Path(dirpath) != folder and _OUTPUT_FILES <= set(filenames):
            # graphbuild's own outputs (an output folder inside the input folder): its page
            # and tables are not articles.
            on_skip(_shown(dirpath), "a graphbuild output folder, not read")
            dirnames.clear()
            continue
        for name in list(dirnames):
            if name.startswith(".") or os.path.islink(os.path.join(dirpath, name)):
                dirnames.remove(name)
                if not name.startswith("."):
                    on_skip(_shown(os.path.join(dirpath, name)),
                            "symbolic link to a folder, not followed")
        dirnames.sort()
        for name in sorted(filenames):
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."):
                yield Path(dirpath) / name


def _read_file(path: Path, root: Path, on_skip: SkipHandler, limit: int, *,
               walked: bool = True) -> Iterator[Document]:
    name = _shown(str(path))
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        regular = stat.S_ISREG(info.st_mode)
        if not regular and walked:
            # A FIFO or device in a folder would block or never end.
            on_skip(name, "not a regular file")
            return
        if regular and info.st_size > limit and suffix not in RECORD_SUFFIXES:
            on_skip(name, f"too large ({_size(info.st_size)}; the limit is {_size(limit)}): "
                          f"split it, or raise graphbuild.ingest.MAX_BYTES")
            return
        with open(path, "rb") as handle:
            if suffix in RECORD_SUFFIXES:
                yield from _read_records(handle, name, _doc_id(path, root), suffix, on_skip,
                                         limit)
                return
            raw = handle.read(limit + 1)
    except OSError as err:
        on_skip(name, f"cannot read: {err.strerror or err}")
        return
    if len(raw) > limit:
        on_skip(name, f"too large (more than {_size(limit)}): split it, or raise "
                      f"graphbuild.ingest.MAX_BYTES")
        return
    if not raw.strip():
        on_skip(name, "empty file")
        return
    declared = _html_charset(raw[:4096]) if suffix in HTML_SUFFIXES else None
    text = _decoded(raw, name, on_skip, declared=declared)
    if text is None:
        return
    doc_id = _doc_id(path, root)
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, name, doc_id, on_skip)
        return
    if suffix in HTML_SUFFIXES:
        title, text = html_to_text(text)
        title = " ".join(clean_text(title).split())
        text = clean_text(text)
    else:
        text = clean_text(text)
        title = _first_line(text)
    if not text.strip():
        on_skip(name, "no text")
        return
    yield Document(id=doc_id, text=text, title=title, source=name)


def _read_records(handle: IO[bytes], name: str, doc_id: str, suffix: str,
                  on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    """The records of a JSONL or CSV file, read line by line."""
    head = handle.read(_HEAD)
    handle.seek(0)
    kind = binary_kind(head)
    if kind:
        on_skip(name, f"not a text file ({kind})")
        return
    if not head.strip():
        on_skip(name, "empty file")
        return
    told: list[str] = []

    def skip(where: str, reason: str) -> None:
        told.append(where)
        on_skip(where, reason)

    reader = _read_csv if suffix == ".csv" else _read_jsonl
    read = 0
    for doc in reader(_text_lines(handle, head, name, limit), name, doc_id, skip, limit):
        read += 1
        yield doc
    if not read and not told:
        on_skip(name, "no records")


def _doc_id(path: Path, root: Path) -> str:
    relative = path.relative_to(root) if path != root else Path(path.name)
    return _shown(relative.with_suffix("").as_posix())


def _decoded(raw: bytes, name: str, on_skip: SkipHandler, *,
             declared: str | None = None) -> str | None:
    """``raw`` as text, or None (and ``on_skip`` told why) for binary content."""
    kind = binary_kind(raw[:_HEAD])
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
    return None if binary_kind(raw[:_HEAD]) else _decode(raw)[0]


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
    guessed = _utf16_without_bom(raw[:_HEAD])
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


def _html_charset(head: bytes) -> str | None:
    match = _HTML_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _text_lines(handle: IO[bytes], head: bytes, name: str,
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


def _shown(name: str) -> str:
    """``name`` with line breaks, control and bidi characters and undecodable bytes escaped,
    so that it prints as what it is, on one line.

    >>> _shown("a\\nb\\u202ec\\udcff.txt")
    'a\\\\nb\\\\u202ec\\\\xff.txt'
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode
            return f"\\x{code - 0xDC00:02x}"
        return match.group().encode("unicode_escape").decode("ascii")

    return _UNPRINTABLE.sub(escape, name)


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 2**10:.1f} kB" if n >= 10 * 2**10 else f"{n} bytes"


def _first_line(text: str) -> str:
    lines = text.strip().split("\n", 1)
    first = lines[0].strip()
    return first if len(lines) > 1 and len(first) <= _TITLE_MAX else ""


def _record(fields: dict[str, object], doc_id: str, name: str) -> Document | None:
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    extra = {k: clean_text(str(fields[k])) for k in _RECORD_FIELDS
             if fields.get(k) not in (None, "")}
    given = fields.get("id")
    return Document(
        id=_shown(str(given)) if given not in (None, "") else doc_id,
        text=clean_text(text),
        source=name,
        **extra,
    )


def _read_json(text: str, name: str, doc_id: str, on_skip: SkipHandler) -> Iterator[Document]:
    """A .json file: one record ``{"text": ...}`` or an array of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        on_skip(f"{name}:{err.lineno}", f"invalid JSON: {err.msg} (column {err.colno})")
        return
    except RecursionError:
        on_skip(name, "invalid JSON: nested too deeply")
        return
    if isinstance(data, dict):
        doc = _record(data, doc_id, name)
        if doc is None:
            on_skip(name, "no 'text' field with text")
        else:
            yield doc
    elif isinstance(data, list):
        for number, fields in enumerate(data, start=1):
            doc = _record(fields, f"{doc_id}:{number}", name) if isinstance(fields, dict) else None
            if doc is None:
                on_skip(f"{name}[{number}]", "not an object with a 'text' field with text")
            else:
                yield doc
    else:
        on_skip(name, "JSON that is neither an object nor an array of objects")


def _read_jsonl(lines: Iterable[tuple[int, str | None]], name: str, doc_id: str,
                on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    for number, line in lines:
        if line is None:
            on_skip(f"{name}:{number}", f"line longer than {_size(limit)}")
            continue
        if not line.strip():
            continue
        try:
            fields = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as err:
            on_skip(f"{name}:{number}", f"invalid JSON: {err.msg} (column {err.colno})")
            continue
        except RecursionError:
            on_skip(f"{name}:{number}", "invalid JSON: nested too deeply")
            continue
        doc = _record(fields, f"{doc_id}:{number}", name) if isinstance(fields, dict) else None
        if doc is None:
            on_skip(f"{name}:{number}", "no 'text' field with text")
        else:
            yield doc


def _read_csv(lines: Iterable[tuple[int, str | None]], name: str, doc_id: str,
              on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    """A CSV file with a header row naming a ``text`` column (any case; the delimiter may be
    a comma, semicolon, tab or bar)."""
    too_long: list[int] = []

    def physical() -> Iterator[str]:
        for number, line in lines:
            if line is None:
                too_long.append(number)
                yield "\n"
            else:
                yield line

    stream = physical()
    header_line = next(stream, "")
    delimiter = next((d for d in ",;\t|" if "text" in _columns(header_line, d)), ",")
    header = _columns(header_line, delimiter)
    if "text" not in header:
        shown = ", ".join(h for h in header if h) or "none"
        on_skip(name, f"CSV has no 'text' column (columns: {shown})")
        return
    reader = csv.reader(stream, delimiter=delimiter)
    # The csv module's limit is process-wide: ours holds while this file is read. It also
    # stops an unclosed quote from gathering the rest of a big file into one field.
    previous = csv.field_size_limit(min(limit, 2**31 - 1))
    try:
        yield from _csv_rows(reader, header, too_long, name, doc_id, on_skip, limit)
    finally:
        csv.field_size_limit(previous)


def _csv_rows(reader: Any, header: list[str], too_long: list[int], name: str,
              doc_id: str, on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    row_number = 1
    line_after = 1  # the physical line the next row starts on, less one
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            on_skip(f"{name}:{line_after + 1}", f"invalid CSV: {err}")
            line_after = reader.line_num + 1
            continue
        start, line_after = line_after + 1, reader.line_num + 1
        if too_long and too_long[-1] >= start:
            on_skip(f"{name}:{start}", f"line longer than {_size(limit)}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        doc = _record(dict(zip(header, row, strict=False)), f"{doc_id}:{row_number}", name)
        if doc is not None:
            yield doc
        elif len(row) <= header.index("text"):
            on_skip(f"{name}:{start}", f"{len(row)} fields where the header has {len(header)}")
        else:
            on_skip(f"{name}:{start}", "empty 'text'")


def _columns(line: str, delimiter: str) -> list[str]:
    row = next(csv.reader([line], delimiter=delimiter), [])
    return [cell.strip().lower() for cell in row]


class _TextOfHtml(HTMLParser):
    """Collects the visible text of a page; script, style and template contents are dropped."""

    _HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "svg", "iframe",
                         "object"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "article", "section", "header", "footer", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self._hidden = 0  # "</head>" may be left out, and often is
        elif tag in self._HIDDEN:
            self._hidden += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """Return the title and the visible text of an HTML page.

    >>> html_to_text("<title>News</title><script>alert(1)</script><p>Kerry met Lavrov.")
    ('News', 'Kerry met Lavrov.')
    """
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    return " ".join("".join(parser.title).split()), text


def _unique(doc_id: str, seen: set[str]) -> str:
    candidate, n = doc_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{doc_id}~{n}"
    seen.add(candidate)
    return candidate

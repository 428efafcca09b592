"""One reader per input format -> Document records: plain text, web pages, PDF, Word (.docx),
JSON, JSONL and CSV.

Web pages, PDF and Word files are read by maintained libraries (:mod:`~.web`: trafilatura;
:mod:`~.pdf`: pypdf; :mod:`~.word`: python-docx), which also give the title, author, date and
URL they find. Every document gets a date where one can be found, with where it came from
(:func:`~.dates.article_date`). Records (JSONL lines, CSV rows) are read one at a time, so a
big JSONL or CSV file is streamed. A file or record that cannot be used is skipped
(``on_skip`` is told its name, with the line where there is one, and the reason).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import IO, Any

from ..errors import UnreadableFileError
from ..types import Document
from .dates import article_date
from .decode import (
    HEAD,
    SkipHandler,
    binary_kind,
    clean_text,
    decoded,
    html_charset,
    shown,
    size,
    text_lines,
)
from .parsed import Parsed

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
JSON_SUFFIXES = frozenset({".json"})
FILE_SUFFIXES = frozenset({".pdf", ".docx"})
"""Formats read from their bytes by a library (binary files, not text)."""
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | JSON_SUFFIXES | FILE_SUFFIXES

_RECORD_FIELDS = ("title", "url", "author")
# What a file of each binary format starts with (a PDF may have some bytes before its mark).
_SIGNATURES = {".pdf": (b"%PDF-", 1024), ".docx": (b"PK\x03\x04", 0)}
_TITLE_MAX = 200


def read_text(raw: bytes, name: str, doc_id: str, suffix: str,
              on_skip: SkipHandler) -> Iterator[Document]:
    """The documents of a whole text, HTML or JSON file read into ``raw``."""
    if not raw.strip():
        on_skip(name, "empty file")
        return
    declared = html_charset(raw[:4096]) if suffix in HTML_SUFFIXES else None
    text = decoded(raw, name, on_skip, declared=declared)
    if text is None:
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json(text, name, doc_id, on_skip)
        return
    if suffix in HTML_SUFFIXES:
        from .web import read_html

        parsed = read_html(text)
        if parsed is None:
            on_skip(name, "no text")
            return
        yield _document(parsed, doc_id, name, page=True)
        return
    text = clean_text(text)
    if not text.strip():
        on_skip(name, "no text")
        return
    date, source = article_date(text, _file_name(name))
    yield Document(id=doc_id, text=text, title=first_line(text), source=name, date=date,
                   date_source=source)


def read_file(raw: bytes, name: str, doc_id: str, suffix: str,
              on_skip: SkipHandler) -> Iterator[Document]:
    """The document of a PDF or Word file read into ``raw``."""
    if not raw.strip():
        on_skip(name, "empty file")
        return
    mark, within = _SIGNATURES[suffix]
    if not raw.startswith(mark) and mark not in raw[:within]:
        kind = binary_kind(raw[:HEAD]) or "text"
        on_skip(name, f"not a {suffix[1:].upper()} file ({kind})")
        return
    try:
        if suffix == ".pdf":
            from .pdf import read_pdf

            parsed = read_pdf(raw)
        else:
            from .word import read_docx

            parsed = read_docx(raw)
    except UnreadableFileError as err:
        on_skip(name, str(err))
        return
    yield _document(parsed, doc_id, name, page=False)


def _document(parsed: Parsed, doc_id: str, name: str, *, page: bool) -> Document:
    """A Document of what a format reader found. A web page's date is the one the page states
    (first in :func:`~.dates.article_date`'s order); a PDF's or Word file's is when the file
    was made (after a date line in the text). trafilatura gives a page's paragraphs one a
    line: a blank line between them, as in a text file."""
    text = clean_text(parsed.text)
    if page:
        text = text.replace("\n", "\n\n")
    given = {"stated": parsed.date, "stated_source": parsed.date_source} if page else {
        "metadata": parsed.date, "metadata_source": parsed.date_source}
    date, source = article_date(text, _file_name(name), **given)
    return Document(id=doc_id, text=text, title=_line(parsed.title) or first_line(text),
                    source=name, date=date, date_source=source, author=_line(parsed.author),
                    url=_line(parsed.url))


def _line(value: str) -> str:
    return " ".join(clean_text(value or "").split())


def _file_name(name: str) -> str:
    return PurePath(name).name


def read_records(handle: IO[bytes], name: str, doc_id: str, suffix: str,
                  on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    """The records of a JSONL or CSV file, read line by line."""
    head = handle.read(HEAD)
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
    for doc in reader(text_lines(handle, head, name, limit), name, doc_id, skip, limit):
        read += 1
        yield doc
    if not read and not told:
        on_skip(name, "no records")


def first_line(text: str) -> str:
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
    text = clean_text(text)
    stated = fields.get("date")
    date, source = article_date(text, _file_name(name), stated_source="field",
                                stated=clean_text(str(stated)) if stated not in (None, "") else "")
    return Document(
        id=shown(str(given)) if given not in (None, "") else doc_id,
        text=text,
        source=name,
        date=date,
        date_source=source,
        **extra,
    )


def read_json(text: str, name: str, doc_id: str, on_skip: SkipHandler) -> Iterator[Document]:
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
            on_skip(f"{name}:{number}", f"line longer than {size(limit)}")
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
            on_skip(f"{name}:{start}", f"line longer than {size(limit)}")
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

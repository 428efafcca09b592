"""One reader per input format: plain text, HTML, JSON, JSONL and CSV -> Document records.

Records (JSONL lines, CSV rows) are read one at a time, so a big JSONL or CSV file is streamed.
A file or record that cannot be used is skipped (``on_skip`` is told its name, with the line
where there is one, and the reason).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import IO, Any

from ..types import Document
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

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
JSON_SUFFIXES = frozenset({".json"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | JSON_SUFFIXES

_RECORD_FIELDS = ("title", "date", "url")
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
        title, text = html_to_text(text)
        title = " ".join(clean_text(title).split())
        text = clean_text(text)
    else:
        text = clean_text(text)
        title = first_line(text)
    if not text.strip():
        on_skip(name, "no text")
        return
    yield Document(id=doc_id, text=text, title=title, source=name)


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
    return Document(
        id=shown(str(given)) if given not in (None, "") else doc_id,
        text=clean_text(text),
        source=name,
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

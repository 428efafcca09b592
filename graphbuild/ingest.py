"""Read articles from files, directories, stdin, JSONL and CSV into :class:`Document` records.

No spaCy here. A file that cannot be read is skipped: ``on_skip`` is called with its name and
the reason, and the run goes on.

>>> docs = list(read_documents(["examples/syria"]))
>>> len(docs), docs[0].id
(3, '000_f2d3a55a1a3f1ca9')
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .types import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
_RECORD_FIELDS = ("title", "date", "url")
# C0/C1 controls other than tab and newline, and the bidirectional overrides, which can
# disguise text in a terminal or a page; they carry no meaning for extraction.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TITLE_MAX = 200

SkipHandler = Callable[[str, str], None]


def _log_skip(source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)


def read_documents(
    sources: Iterable[str | os.PathLike[str]],
    *,
    on_skip: SkipHandler = _log_skip,
    stdin: io.TextIOBase | None = None,
) -> Iterator[Document]:
    """Yield a :class:`Document` for each article in ``sources``.

    Args:
        sources: paths of files or directories (searched recursively for .txt, .md, .html,
            .jsonl and .csv files), or ``"-"`` for standard input.
        on_skip: called as ``on_skip(name, reason)`` for each file or record that is skipped.
        stdin: the stream read for ``"-"`` (default ``sys.stdin``).

    Raises:
        InputError: a source path does not exist.
    """
    seen: set[str] = set()
    for source in sources:
        if str(source) == "-":
            stream = stdin if stdin is not None else sys.stdin
            text = clean_text(stream.read())
            if text.strip():
                yield Document(id=_unique("stdin", seen), text=text, title=_first_line(text),
                               source="-")
            else:
                on_skip("<stdin>", "empty input")
            continue
        path = Path(source)
        if not path.exists():
            raise InputError(f"input not found: {str(source)!r}; give a file, a directory or '-'")
        root = path if path.is_dir() else path.parent
        for file in _walk(path) if path.is_dir() else [path]:
            for doc in _read_file(file, root, on_skip):
                yield Document(**{**doc.__dict__, "id": _unique(doc.id, seen)})


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` with a known suffix, sorted, not following symlinked folders."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."):
                yield Path(dirpath) / name


def _read_file(path: Path, root: Path, on_skip: SkipHandler) -> Iterator[Document]:
    suffix = path.suffix.lower()
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        on_skip(name, f"cannot read: {err.strerror or err}")
        return
    text = decode(raw)
    if text is None:
        on_skip(name, "not a text file (binary content)")
        return
    if not text.strip():
        on_skip(name, "empty file")
        return
    doc_id = path.relative_to(root).with_suffix("").as_posix() if path != root else path.stem
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(text, name, doc_id, on_skip)
    elif suffix == ".csv":
        yield from _read_csv(text, name, doc_id, on_skip)
    else:
        if suffix in HTML_SUFFIXES:
            title, text = html_to_text(text)
        else:
            title = _first_line(text)
        text = clean_text(text)
        if not text.strip():
            on_skip(name, "no text")
            return
        yield Document(id=doc_id, text=text, title=title, source=name)


def decode(raw: bytes) -> str | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with a BOM, or cp1252.

    Returns None for binary content (NUL bytes outside UTF-16).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw[:8192]:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters that carry no meaning."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _first_line(text: str) -> str:
    lines = text.strip().split("\n", 1)
    first = lines[0].strip()
    return first if len(lines) > 1 and len(first) <= _TITLE_MAX else ""


def _record(fields: dict[str, object], doc_id: str, name: str) -> Document | None:
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    extra = {k: str(fields[k]) for k in _RECORD_FIELDS if fields.get(k) not in (None, "")}
    given = fields.get("id")
    return Document(
        id=str(given) if given not in (None, "") else doc_id,
        text=clean_text(text),
        source=name,
        **{k: clean_text(v) for k, v in extra.items()},
    )


def _read_jsonl(text: str, name: str, doc_id: str, on_skip: SkipHandler) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as err:
            on_skip(f"{name}:{number}", f"invalid JSON ({err.msg})")
            continue
        doc = _record(fields, f"{doc_id}:{number}", name) if isinstance(fields, dict) else None
        if doc is None:
            on_skip(f"{name}:{number}", "no 'text' field with text")
        else:
            yield doc


def _read_csv(text: str, name: str, doc_id: str, on_skip: SkipHandler) -> Iterator[Document]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text))
    if "text" not in (reader.fieldnames or []):
        columns = ", ".join(reader.fieldnames or []) or "none"
        on_skip(name, f"CSV has no 'text' column (columns: {columns})")
        return
    try:
        for number, row in enumerate(reader, start=2):
            doc = _record(dict(row), f"{doc_id}:{number}", name)
            if doc is None:
                on_skip(f"{name}:{number}", "empty 'text'")
            else:
                yield doc
    except csv.Error as err:
        on_skip(f"{name}:{reader.line_num}", f"invalid CSV ({err})")


class _TextOfHtml(HTMLParser):
    """Collects the visible text of a page; script, style and template contents are dropped."""

    _HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})
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
    """Return the title and the visible text of an HTML page."""
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

"""Sources -> :class:`Document` records: files, folders, stdin, and the walk of a folder.

The first stage; no spaCy here. Input is data, never trusted: a file or record that cannot be
used is skipped (``on_skip`` is called with its name, and line where there is one, and the
reason) and the run goes on. Folders are walked without following symbolic links, so a link
loop cannot hang the walk; hidden files and folders and graphbuild's own output folders are
left out. A text, HTML or JSON file, and a single record, may be at most :data:`MAX_BYTES`
long.

Every file that is not read is reported once, with the reason: a file inside a folder whose
format graphbuild does not read, as well as a file named on the command line.

- :mod:`graphbuild.ingest.decode`: bytes -> clean text (binary sniffing, encodings, cleaning);
- :mod:`graphbuild.ingest.readers`: one reader per format (text, HTML, PDF, Word, JSON,
  JSONL, CSV), on :mod:`~.web`, :mod:`~.pdf` and :mod:`~.word`;
- :mod:`graphbuild.ingest.dates`: the date of an article, and where it came from;
- :mod:`graphbuild.ingest.duplicates`: wire copies and near-duplicates, found before parsing.

>>> docs = list(read_documents(["examples/syria"]))
>>> len(docs), docs[0].id
(3, '000_f2d3a55a1a3f1ca9')
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..types import Document
from ..vocab import MARKER_FILES, unique_id
from .decode import SkipHandler, clean_text, decoded, shown, size
from .readers import (
    FILE_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    RECORD_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    first_line,
    read_file,
    read_records,
    read_text,
)

__all__ = ["FILE_SUFFIXES", "HTML_SUFFIXES", "JSON_SUFFIXES", "MAX_BYTES", "RECORD_SUFFIXES",
           "SUFFIXES", "TEXT_SUFFIXES", "SkipHandler", "estimate_documents", "read_documents",
           "walk"]

log = logging.getLogger(__name__)

#: The largest text, HTML or JSON file, and the longest JSONL line or CSV field, that is read
#: (bigger ones are skipped). Parsing runs at a few thousand words a second, so 256 MiB of text
#: is hours of work; raise it with ``read_documents(..., max_bytes=N)`` or by setting
#: ``graphbuild.ingest.MAX_BYTES`` before a build.
MAX_BYTES = 256 * 1024 * 1024


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
            .pdf, .docx, .json, .jsonl and .csv files; other files are reported to
            ``on_skip``; hidden files and folders and symbolic links to folders are left
            out), or ``"-"`` for standard input.
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
    >>> _ = (folder / "c.png").write_bytes(b"...")
    >>> [d.text for d in read_documents([folder], on_skip=lambda name, why: print(why))]
    not a text file (a PDF document)
    not a format graphbuild reads (.png)
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
            raise InputError(f"input not found: {shown(str(source))!r}; give a file, a "
                             f"directory or '-'")
        if path.is_dir():
            for file in walk(path, on_skip):
                yield from _unique_ids(_read_file(file, path, on_skip, limit), seen)
        else:
            yield from _unique_ids(_read_file(path, path.parent, on_skip, limit, walked=False),
                                   seen)


def _unique_ids(docs: Iterable[Document], seen: set[str]) -> Iterator[Document]:
    for doc in docs:
        unique = unique_id(doc.id, seen.__contains__)
        seen.add(unique)
        yield doc if unique == doc.id else Document(**{**doc.__dict__, "id": unique})


def _read_stdin(stdin: IO[str] | None, on_skip: SkipHandler, limit: int) -> Iterator[Document]:
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:  # decode the bytes ourselves: the locale's codec may be strict
        raw = buffer.read(limit + 1)
        if len(raw) > limit:
            on_skip("<stdin>", f"too large (more than {size(limit)}); raise the limit with "
                               f"graphbuild.ingest.MAX_BYTES")
            return
        text = decoded(raw, "<stdin>", on_skip)
        if text is None:
            return
    else:
        text = stream.read()
    text = clean_text(text)
    if text.strip():
        yield Document(id="stdin", text=text, title=first_line(text), source="-")
    else:
        on_skip("<stdin>", "empty input")


def walk(folder: Path, on_skip: SkipHandler = _log_skip) -> Iterator[Path]:
    """Files under ``folder`` with a known suffix, sorted; never follows a symlinked folder.

    Hidden files and folders (".git") are left out; files of other formats, symlinked folders
    and folders that cannot be listed are reported to ``on_skip``.
    """
    def unreadable(err: OSError) -> None:
        on_skip(shown(str(err.filename)), f"cannot list folder: {err.strerror or err}")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        if Path(dirpath) != folder and MARKER_FILES <= set(filenames):
            # graphbuild's own outputs (an output folder inside the input folder): its page
            # and tables are not articles.
            on_skip(shown(dirpath), "a graphbuild output folder, not read")
            dirnames.clear()
            continue
        for name in list(dirnames):
            if name.startswith(".") or os.path.islink(os.path.join(dirpath, name)):
                dirnames.remove(name)
                if not name.startswith("."):
                    on_skip(shown(os.path.join(dirpath, name)),
                            "symbolic link to a folder, not followed")
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUFFIXES:
                yield Path(dirpath) / name
            else:
                on_skip(shown(os.path.join(dirpath, name)), unsupported(name))


def unsupported(name: str) -> str:
    """Why a file of this name is not read."""
    suffix = Path(name).suffix.lower()
    return f"not a format graphbuild reads ({suffix or 'no file name extension'})"


def _read_file(path: Path, root: Path, on_skip: SkipHandler, limit: int, *,
               walked: bool = True) -> Iterator[Document]:
    name = shown(str(path))
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        regular = stat.S_ISREG(info.st_mode)
        if not regular and walked:
            # A FIFO or device in a folder would block or never end.
            on_skip(name, "not a regular file")
            return
        if regular and info.st_size > limit and suffix not in RECORD_SUFFIXES:
            on_skip(name, f"too large ({size(info.st_size)}; the limit is {size(limit)}): "
                          f"split it, or raise graphbuild.ingest.MAX_BYTES")
            return
        with open(path, "rb") as handle:
            if suffix in RECORD_SUFFIXES:
                yield from read_records(handle, name, _doc_id(path, root), suffix, on_skip,
                                        limit)
                return
            raw = handle.read(limit + 1)
    except OSError as err:
        on_skip(name, f"cannot read: {err.strerror or err}")
        return
    if len(raw) > limit:
        on_skip(name, f"too large (more than {size(limit)}): split it, or raise "
                      f"graphbuild.ingest.MAX_BYTES")
        return
    if suffix in FILE_SUFFIXES:
        yield from read_file(raw, name, _doc_id(path, root), suffix, on_skip)
    else:
        yield from read_text(raw, name, _doc_id(path, root), suffix, on_skip)


def _doc_id(path: Path, root: Path) -> str:
    relative = path.relative_to(root) if path != root else Path(path.name)
    return shown(relative.with_suffix("").as_posix())


def estimate_documents(sources: Iterable[str | os.PathLike[str] | Document]) -> int | None:
    """About how many documents ``sources`` hold, cheaply (to show the time left).

    Walks folders as :func:`read_documents` does; counts the lines of JSONL and CSV files and
    the items of a JSON array. None when a source is stdin.

    >>> estimate_documents(["examples/syria", "Kerry met Lavrov."])
    4
    """
    total = 0
    for source in sources:
        if isinstance(source, Document):
            total += 1
            continue
        if str(source) == "-":
            return None
        path = Path(source)
        if not path.exists():
            total += 1  # the text of an article
            continue
        files = walk(path, lambda name, reason: None) if path.is_dir() else [path]
        total += sum(_records_in(file) for file in files)
    return total


def _records_in(file: Path) -> int:
    suffix = file.suffix.lower()
    try:
        if suffix in RECORD_SUFFIXES:
            with open(file, "rb") as handle:
                return max(0, sum(1 for line in handle if line.strip()) - (suffix == ".csv"))
        if suffix in JSON_SUFFIXES and file.stat().st_size <= MAX_BYTES:
            import json

            data = json.loads(file.read_bytes())
            return len(data) if isinstance(data, list) else 1
    except (OSError, ValueError, RecursionError):
        return 1
    return 1

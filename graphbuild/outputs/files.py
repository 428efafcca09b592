"""Files written whole or not at all, and text every format can hold.

Each file is written to a temporary file beside it and renamed into place, so a run that is
killed never leaves a half-written output. Text that a format cannot hold is cleaned, never
left to break the file: characters XML 1.0 forbids are dropped, and names in XML attributes
and CSV cells are kept on one line.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import os
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
               rows: Iterable[Mapping[str, object]]) -> None:
    """Write a CSV table (every cell through :func:`spreadsheet_safe`); ``rows`` may be made
    as they are written."""
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


_XMLNS = re.compile(rb' xmlns(?::[\w.-]+)?="[^"]*"')


def write_xml(path: str | os.PathLike[str], root: ET.Element,
              streams: Sequence[tuple[ET.Element, Iterable[ET.Element]]]) -> None:
    """Write the XML document ``root`` (UTF-8, with a declaration, indented as
    :func:`xml.etree.ElementTree.indent` does, and a final newline), where each container of
    ``streams`` gets its children from an iterable, made and written one at a time: byte for
    byte what ``ET.indent`` and ``ET.tostring`` of the whole tree give, without ever holding
    it (a graph's edges can be a gigabyte of elements).

    >>> import io, tempfile
    >>> root = ET.Element("a")
    >>> items = ET.SubElement(root, "items")
    >>> path = tempfile.mkdtemp() + "/x.xml"
    >>> write_xml(path, root, [(items, (ET.Element("i", {"n": str(k)}) for k in range(2)))])
    >>> print(open(path).read())
    <?xml version='1.0' encoding='utf-8'?>
    <a>
      <items>
        <i n="0" />
        <i n="1" />
      </items>
    </a>
    <BLANKLINE>
    """
    depth = {root: 0}
    for parent in root.iter():
        for child in parent:
            depth[child] = depth[parent] + 1
    started: list[tuple[int, ET.Element | None, Iterator[ET.Element]]] = []
    for k, (container, children) in enumerate(streams):
        iterator = iter(children)
        first = next(iterator, None)
        if first is not None:  # an empty container stays <x />, as in the whole tree
            # a mark in the tree, holding the first child so that the root declares the
            # namespaces the children use
            ET.SubElement(container, f"graphbuild-stream-{k}").append(first)
        started.append((depth[container] + 1, first, iterator))
    ET.indent(root)
    text = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with atomic_open(path, "wb") as handle:
        for k, (level, first, iterator) in enumerate(started):
            if first is None:
                continue
            before, text = text.split(f"<graphbuild-stream-{k}>".encode(), 1)
            text = text.split(f"</graphbuild-stream-{k}>".encode(), 1)[1]
            first.tail = None
            handle.write(before)
            for n, element in enumerate(itertools.chain([first], iterator)):
                ET.indent(element, level=level)
                # to text, then to bytes: ElementTree writing UTF-8 itself sends every piece
                # of markup through a codec, twice as slow (the same bytes, as it replaces
                # what UTF-8 cannot hold the same way)
                data = ET.tostring(element, encoding="unicode").encode(
                    "utf-8", "xmlcharrefreplace")
                # the namespaces are declared on the root, not again on each element
                end = data.index(b">")
                if n:
                    handle.write(b"\n" + b"  " * level)
                handle.write(_XMLNS.sub(b"", data[:end]) + data[end:])
        handle.write(text + b"\n")

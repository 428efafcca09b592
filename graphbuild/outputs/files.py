"""Files written whole or not at all, and text every format can hold.

Each file is written to a temporary file beside it and renamed into place, so a run that is
killed never leaves a half-written output. Text that a format cannot hold is cleaned, never
left to break the file: characters XML 1.0 forbids are dropped, and names in XML attributes
and CSV cells are kept on one line.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import itertools
import os
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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


# A namespace declaration in a start tag: its prefix (none for the default) and its URI.
_XMLNS = re.compile(r' xmlns(?::([\w.-]+))?="([^"]*)"')
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"  # prefix xml, never declared
# Pieces of markup gathered before they are written: a write per element costs more than it.
_XML_PIECES = 20_000


def write_xml(path: str | os.PathLike[str], root: ET.Element,
              streams: Sequence[tuple[ET.Element, Iterable[ET.Element]]]) -> None:
    """Write the XML document ``root`` (UTF-8, with a declaration, indented as
    :func:`xml.etree.ElementTree.indent` does, and a final newline), where each container of
    ``streams`` gets its children from an iterable, made and written one at a time: byte for
    byte what ``ET.indent`` and ``ET.tostring`` of the whole tree give, without ever holding
    it (a graph's edges can be a gigabyte of elements).

    ElementTree writes the document around the streams; the streamed elements are written by
    :func:`_element_markup`, in half the time of ``ET.indent`` and ``ET.tostring`` of each
    (which finds the namespaces of each element anew). Their namespaces are those the root
    declares (ElementTree declares there the namespaces of the whole tree); the streamed
    elements' own tails are not written.

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
    name = _qualified_names(text)
    with atomic_open(path, "wb") as handle:
        for k, (level, first, iterator) in enumerate(started):
            if first is None:
                continue
            before, text = text.split(f"<graphbuild-stream-{k}>".encode(), 1)
            text = text.split(f"</graphbuild-stream-{k}>".encode(), 1)[1]
            handle.write(before)
            between = "\n" + "  " * level
            markup: list[str] = []
            for n, element in enumerate(itertools.chain([first], iterator)):
                if n:
                    markup.append(between)
                _element_markup(element, level, name, markup)
                if len(markup) >= _XML_PIECES:
                    handle.write(_utf8(markup))
                    markup.clear()
            handle.write(_utf8(markup))
        handle.write(text + b"\n")


def _qualified_names(document: bytes) -> Callable[[str], str]:
    """The name ElementTree writes for a tag or attribute ``{uri}local`` in ``document``:
    ``prefix:local``, or ``local`` in the default namespace, with the prefixes its root
    declares (what ``ET.tostring`` of the whole tree gives each)."""
    root = document[document.index(b"<", document.index(b"?>")):]
    start = root[:root.index(b">")].decode()
    prefixes = {uri: prefix for prefix, uri in _XMLNS.findall(start)}
    prefixes.setdefault(_XML_NAMESPACE, "xml")

    @functools.cache
    def name(qualified: str) -> str:
        if qualified[:1] != "{":
            return qualified
        uri, local = qualified[1:].rsplit("}", 1)
        if uri not in prefixes:
            raise ValueError(f"namespace {uri!r} is not declared on the root of the document")
        return f"{prefixes[uri]}:{local}" if prefixes[uri] else local

    return name


def _element_markup(element: ET.Element, level: int, name: Callable[[str], str],
                    markup: list[str]) -> None:
    """Add to ``markup`` the text of ``element``: what ``ET.indent(element, level=level)``
    then ``ET.tostring(element, encoding="unicode")`` give, less the namespace declarations
    (made on the root) and the element's tail. Children are indented with two spaces a
    level, where their text or tail is only whitespace (as ``ET.indent`` does); an element
    with neither text nor children is written ``<tag />``."""
    tag = name(element.tag)
    markup.append("<" + tag)
    for key, value in element.items():
        markup.append(f' {name(key)}="{_escape_attribute(value)}"')
    text = element.text
    if len(element):
        inner, outer = "\n" + "  " * (level + 1), "\n" + "  " * level
        markup.append(">" + (_escape_text(text) if text and text.strip() else inner))
        last = len(element) - 1
        for k, child in enumerate(element):
            _element_markup(child, level + 1, name, markup)
            tail = child.tail
            markup.append(_escape_text(tail) if tail and tail.strip()
                          else outer if k == last else inner)
        markup.append(f"</{tag}>")
    elif text:
        markup.append(f">{_escape_text(text)}</{tag}>")
    else:
        markup.append(" />")


def _escape_text(text: str) -> str:
    """Text as ElementTree escapes it in XML: ``&``, ``<`` and ``>``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(value: str) -> str:
    """An attribute value as ElementTree escapes it: the text's escapes, ``"``, and the
    characters an XML reader would otherwise change (carriage return, newline, tab) as
    character references."""
    value = _escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def _utf8(markup: list[str]) -> bytes:
    # what ElementTree writing UTF-8 gives (it replaces what UTF-8 cannot hold the same way),
    # twice as fast as its codec for every piece of markup
    return "".join(markup).encode("utf-8", "xmlcharrefreplace")

"""Word files (.docx): the paragraphs and tables, and the core properties (title, author,
dates), through python-docx (the optional extra ``docx``)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from ..errors import UnreadableFileError
from .parsed import Parsed, missing_extra


def read_docx(raw: bytes) -> Parsed:
    """The text and core properties of a .docx file's bytes.

    Raises:
        UnreadableFileError: python-docx is not installed, or the file is not a Word document
            (another zip file, a damaged one).
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as err:
        raise missing_extra("Word (.docx)", "docx", "python-docx") from err
    try:
        document = docx.Document(io.BytesIO(raw))
        body = document.element.body
        parts: list[str] = []
        # Paragraphs and tables in document order (document.paragraphs skips tables).
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                parts.append("".join(t.text or "" for t in child.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
            elif tag == "tbl":
                parts.extend(_table_rows(child))
        properties = document.core_properties
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnreadableFileError(f"not a readable Word document ({type(err).__name__}: "
                                  f"{err})") from err
    except Exception as err:  # lxml's XMLSyntaxError and kin, from a damaged part
        raise UnreadableFileError(f"a damaged Word document ({type(err).__name__})") from err
    text = "\n\n".join(p.strip() for p in parts if p.strip())
    if not text:
        raise UnreadableFileError("a Word document without text")
    date = _iso(properties.created) or _iso(properties.modified)
    return Parsed(text=text, title=" ".join((properties.title or "").split()),
                  author=" ".join((properties.author or "").split()), date=date,
                  date_source="docx properties" if date else "")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_rows(table: object) -> list[str]:
    rows = []
    for row in table.iter(f"{_W}tr"):  # type: ignore[attr-defined]
        cells = ["".join(t.text or "" for t in cell.iter(f"{_W}t")).strip()
                 for cell in row.iter(f"{_W}tc")]
        rows.append(" | ".join(c for c in cells if c))
    return rows


def _iso(value: datetime | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else ""

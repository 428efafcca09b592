"""PDF files: the text of every page, and the title, author and dates of the metadata
(pypdf, the optional extra ``pdf``)."""

from __future__ import annotations

import io
import logging
from datetime import datetime

from ..errors import UnreadableFileError
from .parsed import Parsed, missing_extra


def read_pdf(raw: bytes) -> Parsed:
    """The text and metadata of a PDF file's bytes.

    Raises:
        UnreadableFileError: pypdf is not installed, or the file is damaged, encrypted or
            holds no text (a scan: graphbuild does no OCR).
    """
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError as err:
        raise missing_extra("PDF", "pdf", "pypdf") from err
    # pypdf warns through logging about each odd object of a damaged file.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFileError("an encrypted PDF (a password is needed)")
            except NotImplementedError as err:
                raise UnreadableFileError(f"an encrypted PDF ({err})") from err
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError) as err:
        raise UnreadableFileError(f"a damaged PDF ({type(err).__name__}: {err})") from err
    text = "\n\n".join(_unwrapped(page.strip()) for page in pages if page.strip())
    if not text:
        raise UnreadableFileError("a PDF without text (a scanned image? graphbuild does no OCR)")
    title = author = date = ""
    if info is not None:
        title = _field(info, "title")
        author = _field(info, "author")
        date = _iso(_date(info, "creation_date") or _date(info, "modification_date"))
    return Parsed(text=text, title=title, author=author, date=date,
                  date_source="pdf metadata" if date else "")


# A PDF's text comes in printed lines. A line that ends with no full stop and is about as long
# as the page's longest runs on into the next (a headline, a short last line, does not); a word
# hyphenated across two lines is one word.
_END = tuple('.!?:;"”’)')
_FULL_LINE = 0.6


def _unwrapped(text: str) -> str:
    r"""Printed lines joined back into paragraphs.

    >>> for line in _unwrapped("Talks in Geneva\nKerry met Lavrov in Geneva to\n"
    ...                        "discuss Syria, officials said. A gov-\nernment aide spoke."
    ...                        ).split("\n"):
    ...     print(line)
    Talks in Geneva
    Kerry met Lavrov in Geneva to discuss Syria, officials said. A government aide spoke.
    """
    lines = text.split("\n")
    longest = max(len(line.rstrip()) for line in lines)
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1].rstrip()
        if previous and line.strip() and not previous.endswith(_END) \
                and len(previous.rsplit("\n", 1)[-1]) >= _FULL_LINE * longest:
            if previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].islower():
                out[-1] = previous[:-1] + line.lstrip()
            else:
                out[-1] = previous + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _field(info: object, name: str) -> str:
    try:
        value = getattr(info, name)
    except Exception:  # a damaged metadata entry is no reason to lose the text
        return ""
    return " ".join(str(value).split()) if value else ""


def _date(info: object, name: str) -> datetime | None:
    try:
        value = getattr(info, name)
    except Exception:  # pypdf raises ValueError on a malformed date string
        return None
    return value if isinstance(value, datetime) else None


def _iso(value: datetime | None) -> str:
    return value.date().isoformat() if value is not None else ""

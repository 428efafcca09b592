"""Saved web pages: the article's main text, title, date, author and URL, through trafilatura.

trafilatura (with htmldate for the date) leaves out what is not the article: navigation,
adverts, cookie banners, related links, footers. It runs offline on the page as saved; nothing
is fetched. A page fragment (no ``<html>``) is read as the body of a page.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from .parsed import Parsed

log = logging.getLogger(__name__)

_HAS_HTML = re.compile(r"<html[\s>]", re.I)


@functools.cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura replaces a main text shorter than this (250 characters) by every line of the
    # page; a short article is still an article, and the page's menus are not.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    # trafilatura logs each page it finds wanting at WARNING ("discarding data"): that is
    # its business, not the user's.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    return config


def read_html(page: str) -> Parsed | None:
    """The article of a web page, or None when the page holds no text.

    >>> parsed = read_html("<html><head><title>Talks</title>"
    ...     "<meta name='author' content='Jane Doe'></head><body><nav><a href='/'>Home</a>"
    ...     "</nav><p>Kerry met Lavrov in <a href='g'>Geneva</a>.</p></body></html>")
    >>> parsed.text, parsed.title, parsed.author
    ('Kerry met Lavrov in Geneva.', 'Talks', 'Jane Doe')
    """
    from trafilatura import bare_extraction

    if not _HAS_HTML.search(page[:4096]):
        page = f"<html><body>{page}</body></html>"
    found = bare_extraction(page, with_metadata=True, include_comments=False,
                            include_tables=True, config=_config(),
                            date_extraction_params={"extensive_search": False,
                                                    "original_date": True})
    if found is None or not (found.text or "").strip():
        return None
    date = found.date or ""
    return Parsed(text=found.text, title=found.title or "", date=date,
                  date_source="page" if date else "", author=found.author or "",
                  url=found.url or "")

"""Dates of articles found in their text or file name, as ISO dates (``YYYY-MM-DD``).

In the text, only where a date states when the article appeared: a "Published", "Updated",
"Last update", "Posted" or "Date" line, a byline's date, or a wire dateline ("LONDON, 12 March
2015 (Reuters) -"), in the first lines of the article. A date elsewhere in the text is what
the story is about, not when it was written. Candidates are found by pattern and read by
dateparser (English, day-month-year, no guessing of a missing year).

>>> date_in_text("Talks in Geneva\\nPublished: 12 March 2015 09:30 GMT\\nKerry met Lavrov.")
'2015-03-12'
>>> date_in_name("2015-03-12-kerry-lavrov.txt"), date_in_name("kerry.txt")
('2015-03-12', '')
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Any

# How far into an article its date line may stand (headline, standfirst, byline).
_HEAD_CHARS = 1500
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
# A written date: 12 March 2015, March 12, 2015, 2015-03-12, 12/03/2015, with a weekday or not.
_DATE = (rf"(?:{_DAY})?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
         rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")
_LABELLED = re.compile(
    rf"^[ \t]*(?:(?:first\s+)?published(?:\s+on)?|last\s+updated?|updated(?:\s+on)?|posted"
    rf"(?:\s+on)?|date(?:d)?|filed)\s*:?\s*(?:on\s+)?(?P<date>{_DATE})", re.I | re.M)
# "By Jane Doe | 12 March 2015", "Jane Doe, 12 March 2015": a date on a line of its own or
# after a byline.
_LINE = re.compile(rf"^[ \t]*(?:by\s+[^\n]{{1,60}}?[,|•·–-]\s*)?(?P<date>{_DATE})"
                   r"(?:[ \t,]+\d{1,2}[:.]\d{2}(?:\s*[ap]m)?(?:\s+[A-Z]{2,4})?)?[ \t]*$",
                   re.I | re.M)
# "GENEVA, March 12, 2015 (Reuters) -", "LONDON (AP) 12 March 2015 --"
_DATELINE = re.compile(rf"^[ \t]*[A-Z][A-Z .'-]{{1,30}},?\s+(?:\([A-Za-z ]+\)\s+)?"
                       rf"(?P<date>(?i:{_DATE}))\s*(?:\([A-Za-z ]+\)\s*)?(?:-|–|—)", re.M)
# In a file name: 2015-03-12, 2015_03_12, 20150312, 12-03-2015 (day first), 12-mar-2015.
_NAME_DATES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)[-_.](?P<m>[01]?\d)[-_.](?P<y>(?:19|20)\d{2})(?!\d)"),
    re.compile(rf"(?<![a-z\d])(?P<d>[0-3]?\d)[-_. ]?(?P<mon>{_MONTHS})[-_. ]?"
               r"(?P<y>(?:19|20)\d{2})(?!\d)", re.I),
)


def article_date(text: str, name: str = "", *, stated: str = "", stated_source: str = "",
                 metadata: str = "", metadata_source: str = "") -> tuple[str, str]:
    """The date of an article and where it came from, the first found of:

    1. ``stated``: the date the page or the record gives (``stated_source``: "page", "field");
       kept as given when it cannot be read as a date;
    2. a date line near the start of ``text`` (see :func:`date_in_text`): "text";
    3. ``metadata``: the date a PDF or Word file records (``metadata_source``), which is when
       the file was made, so it comes after what the article itself says;
    4. a date in the file ``name``: "file name".

    Returns ``("", "")`` when there is none.

    >>> article_date("Talks\\nPublished: 12 March 2015\\nKerry met Lavrov.", "2016-01-01.txt",
    ...              metadata="2020-05-05", metadata_source="pdf metadata")
    ('2015-03-12', 'text')
    >>> article_date("Kerry met Lavrov.", "2016-01-01-kerry.txt")
    ('2016-01-01', 'file name')
    """
    if stated.strip():
        return parse_date(stated) or " ".join(stated.split()), stated_source
    found = date_in_text(text)
    if found:
        return found, "text"
    if metadata:
        return metadata, metadata_source
    found = date_in_name(name) if name else ""
    return (found, "file name") if found else ("", "")


def date_in_text(text: str) -> str:
    """The publication date stated near the start of ``text`` (ISO), or ``""``.

    >>> date_in_text("GENEVA, March 12, 2015 (Reuters) - Kerry met Lavrov.")
    '2015-03-12'
    >>> date_in_text("Kerry met Lavrov on 12 March 2015 in Geneva.")
    ''
    """
    head = text[:_HEAD_CHARS]
    for pattern in (_LABELLED, _LINE, _DATELINE):
        for match in pattern.finditer(head):
            found = parse_date(match.group("date"))
            if found:
                return found
    return ""


def date_in_name(name: str) -> str:
    """The date written in a file name (ISO), or ``""``.

    >>> date_in_name("reuters_12-mar-2015.html"), date_in_name("story-12.03.2015.txt")
    ('2015-03-12', '2015-03-12')
    """
    stem = name.rsplit("/", 1)[-1]
    for pattern in _NAME_DATES:
        for match in pattern.finditer(stem):
            parts = match.groupdict()
            month = (int(parts["m"]) if parts.get("m")
                     else _month_number(parts["mon"]))
            found = _valid(int(parts["y"]), month, int(parts["d"]))
            if found:
                return found
    return ""


def parse_date(value: str) -> str:
    """A date as written (in English) or a metadata value, as an ISO date, or ``""``.

    Day-first for numeric dates (12/03/2015 is 12 March); a date without a year is not
    guessed.

    >>> parse_date("Thursday 12 March 2015"), parse_date("2015-03-12T09:30:00Z")
    ('2015-03-12', '2015-03-12')
    >>> parse_date("March 2015"), parse_date("yesterday")
    ('', '')
    """
    value = " ".join(value.split())
    if not value or len(value) > 100:
        return ""
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        return _valid(*map(int, iso.groups()))
    parsed = _parser()(value, languages=["en"], settings={
        "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time"]})
    if parsed is None:
        return ""
    return _valid(parsed.year, parsed.month, parsed.day)


@functools.cache
def _parser() -> Any:
    import dateparser  # a second to import: only when a date is read

    return dateparser.parse


def _month_number(name: str) -> int:
    return ("jan feb mar apr may jun jul aug sep oct nov dec".split()
            .index(name.lower()[:3]) + 1)


def _valid(year: int, month: int, day: int) -> str:
    """An ISO date, or ``""`` for an impossible one or one in the future."""
    try:
        found = date(year, month, day)
    except ValueError:
        return ""
    if not 1900 <= year or found > datetime.now().date():
        return ""
    return found.isoformat()

"""Dates found in article text and in file names: a table of (input, expected)."""

from __future__ import annotations

import pytest

from graphbuild.ingest.dates import date_in_name, date_in_text, parse_date


@pytest.mark.parametrize("text, expected", [
    ("Talks in Geneva\nPublished: 12 March 2015\n\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\nLast updated: Thursday, 12 March 2015, 09:30 GMT\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\nUpdated on March 12, 2015\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\nPosted 2015-03-12\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\nFirst published on 3 Feb 2016 10:00\nText.", "2016-02-03"),
    ("Talks\nBy Jane Doe | 12 March 2015\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\n12 March 2015\nKerry met Lavrov.", "2015-03-12"),
    ("Talks\nThursday 12 March 2015 09:30 GMT\nKerry met Lavrov.", "2015-03-12"),
    ("GENEVA, March 12, 2015 (Reuters) - Kerry met Lavrov.", "2015-03-12"),
    ("LONDON (AP) 12 March 2015 -- Kerry met Lavrov.", "2015-03-12"),
    ("Date: 12/03/2015\nKerry met Lavrov.", "2015-03-12"),  # day first
    # not the article's date: a date inside a sentence, a date without a year, none at all
    ("Kerry met Lavrov on 12 March 2015 in Geneva.", ""),
    ("Talks\nPublished: 12 March\nKerry met Lavrov.", ""),
    ("GENEVA, March 12 (Reuters) - Kerry met Lavrov.", ""),
    ("Kerry met Lavrov.", ""),
    ("Talks\nPublished: 31 February 2015\nKerry.", ""),  # no such day
    ("Talks\nPublished: 12 March 2999\nKerry.", ""),  # the future
    ("x" * 2000 + "\nPublished: 12 March 2015\n", ""),  # too far in
])
def test_date_in_text(text, expected):
    assert date_in_text(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("2015-03-12-kerry-lavrov.txt", "2015-03-12"),
    ("news/20150312_kerry.html", "2015-03-12"),
    ("kerry_2015_03_12.pdf", "2015-03-12"),
    ("story-12.03.2015.txt", "2015-03-12"),
    ("reuters-12mar2015.docx", "2015-03-12"),
    ("12-March-2015 talks.md", "2015-03-12"),
    ("bbc_politics_001.txt", ""),
    ("report-2015.txt", ""),
    ("20151399.txt", ""),
    ("a/2015-03-12/story.txt", ""),  # the file name only, not its folders
])
def test_date_in_name(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize("value, expected", [
    ("2015-03-12", "2015-03-12"), ("2015-03-12T09:30:00+01:00", "2015-03-12"),
    ("12 March 2015", "2015-03-12"), ("March 12, 2015", "2015-03-12"),
    ("Thu, 12 Mar 2015 09:30:00 GMT", "2015-03-12"), ("12/03/2015", "2015-03-12"),
    ("", ""), ("soon", ""), ("March 2015", ""), ("2015", ""), ("2015-13-45", ""),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected

"""Every CSV graphbuild writes is safe to open in a spreadsheet: a cell that begins with =, +,
-, @, a tab or a carriage return gets a leading quote, so it is shown as text, never run as a
formula (OWASP, "CSV Injection"); a plain number keeps its sign."""

from __future__ import annotations

import csv

import pytest

from graphbuild.outputs.files import spreadsheet_safe
from graphbuild.types import Document


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Kerry", "Kerry"), ("", ""), ("a=b", "a=b"), (" =1", " =1"),
    ("-0.5", "-0.5"), ("+3", "+3"), ("-12", "-12"), ("1e-5", "1e-5"),
    (3, 3), (-1.5, -1.5),
])
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_no_cell_of_any_table_can_run_as_a_formula(tmp_path):
    from graphbuild.pipeline import build_graph

    docs = [Document(id="=cmd|'/C calc'!A0", title="=HYPERLINK(\"http://evil\",\"click\")",
                     text="@Kerry met Lavrov in Geneva. Lavrov met Kerry in Moscow.",
                     url="-http://example.com/a"),
            Document(id="b", title="+Talks", text="John Kerry met Sergei Lavrov in Geneva.")]
    kg = build_graph(docs)
    paths = kg.write(tmp_path / "out")
    tables = [p for p in paths if p.suffix == ".csv"]
    assert {p.name for p in tables} == {"nodes.csv", "edges.csv", "triples.csv", "merges.csv"}
    titles = []
    for path in tables:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or \
                    _is_number(cell), (path.name, cell)
        if path.name == "triples.csv":
            titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil\",\"click\")" in titles


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True

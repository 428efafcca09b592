"""Reading inputs: formats, folders, stdin, and what is skipped."""

from __future__ import annotations

import io
import json

import pytest

from graphbuild.errors import InputError
from graphbuild.ingest import read_documents
from graphbuild.ingest.web import read_html


def read(paths, **kwargs):
    skipped = []
    docs = list(read_documents(paths, on_skip=lambda n, r: skipped.append((n, r)), **kwargs))
    return docs, skipped


def test_text_and_markdown_in_a_folder_recursively(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nRussia backs Assad.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Kerry met Lavrov.", encoding="utf-8")
    (tmp_path / "ignored.py").write_text("print(1)", encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["a", "sub/b"]
    assert docs[0].title == "Headline"
    assert docs[1].text == "Kerry met Lavrov."
    assert skipped == [(str(tmp_path / "ignored.py"), "not a format graphbuild reads (.py)")]


def test_stdin():
    docs, _ = read(["-"], stdin=io.StringIO("Kerry met Lavrov."))
    assert [(d.id, d.text) for d in docs] == [("stdin", "Kerry met Lavrov.")]


def test_jsonl_with_fields_and_a_broken_line(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "x1", "text": "Russia backs Assad.", "title": "T",
                         "date": "2016-07-26", "url": "https://example.org/1"}),
             "{not json",
             json.dumps({"title": "no text"}),
             json.dumps({"text": "Kerry met Lavrov."})]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, skipped = read([path])
    assert [(d.id, d.title, d.date) for d in docs] == [("x1", "T", "2016-07-26"),
                                                       ("news:4", "", "")]
    assert [name for name, _ in skipped] == [f"{path}:2", f"{path}:3"]
    assert "invalid JSON" in skipped[0][1]


def test_csv(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,title,text\n7,Head,"Russia backs Assad, they say."\n', encoding="utf-8")
    docs, _ = read([path])
    assert [(d.id, d.title, d.text) for d in docs] == [("7", "Head", "Russia backs Assad, they say.")]


def test_csv_without_text_column_is_skipped_with_its_columns_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    docs, skipped = read([path])
    assert docs == []
    assert skipped == [(str(path), "CSV has no 'text' column (columns: id, body)")]


def test_unreadable_files_are_skipped_and_named(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "good.txt").write_text("Kerry met Lavrov.", encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["good"]
    assert sorted(skipped) == [(str(tmp_path / "empty.txt"), "empty file"),
                               (str(tmp_path / "image.txt"), "not a text file (a PNG image)")]


@pytest.mark.parametrize("raw, text", [
    ("Zürich".encode("utf-16"), "Zürich"),
    ("Zürich".encode("cp1252"), "Zürich"),
    (b"\xef\xbb\xbfZ\xc3\xbcrich", "Zürich"),
    (b"A\x07B\xe2\x80\xaeC\r\nD", "ABC\nD"),  # bell and a bidi override dropped
])
def test_encodings_and_control_characters(tmp_path, raw, text):
    (tmp_path / "a.txt").write_bytes(raw)
    docs, _ = read([tmp_path / "a.txt"])
    assert docs[0].text == text


def test_html_text_without_markup():
    page = read_html("<html><head><title>Big news</title><style>p{}</style></head>"
                     "<body><script>alert(1)</script><p>Kerry met &amp; Lavrov.</p>"
                     "</body></html>")
    assert (page.title, page.text) == ("Big news", "Kerry met & Lavrov.")


def test_missing_path_is_an_error():
    with pytest.raises(InputError, match="input not found: 'no/such/file.txt'"):
        list(read_documents(["no/such/file.txt"]))


def test_duplicate_ids_are_made_unique(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    docs, _ = read([tmp_path / "a.txt", tmp_path / "a.txt"])
    assert [d.id for d in docs] == ["a", "a~2"]


def test_an_output_folder_inside_the_input_is_not_read(tmp_path):
    from graphbuild.cli import main
    (tmp_path / "a.txt").write_text("Russia backs Assad.", encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "output"), "-q"]) == 0
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert skipped == [(str(tmp_path / "output"), "a graphbuild output folder, not read")]


def test_estimate_documents_walks_as_read_documents_does(tmp_path):
    """Hidden, symlinked and graphbuild output folders are left out of both, and a JSON array
    counts its items."""
    from graphbuild.ingest import estimate_documents

    (tmp_path / "a.txt").write_text("Kerry met Lavrov.", encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"text": "one"}, {"text": "two"}]', encoding="utf-8")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "c.txt").write_text("hidden", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "d.txt").write_text("Russia backs Assad.", encoding="utf-8")
    (tmp_path / "link").symlink_to(outside, target_is_directory=True)
    output = tmp_path / "nested" / "output"
    output.mkdir(parents=True)
    for name in ("graph.ttl", "graph.html", "triples.csv"):
        (output / name).write_text("x", encoding="utf-8")
    (output / "notes.txt").write_text("not an article", encoding="utf-8")
    read = list(read_documents([tmp_path], on_skip=lambda name, why: None))
    assert estimate_documents([tmp_path]) == len(read) == 3

"""Bad input: every bad file or record is skipped with a message naming it (and its line), never
a traceback, and the rest of the run goes on; memory stays bounded on big inputs."""

from __future__ import annotations

import io
import json
import logging
import os
import random
import time
import zlib

import pytest
from conftest import EXAMPLES
from rdflib import RDFS, Graph
from robust_util import (
    SENTENCES,
    article,
    assert_valid_gexf,
    measured,
    turtle_triples,
    write_text_of_size,
)

from graphbuild.cli import main
from graphbuild.ingest import read_documents
from graphbuild.vocab import SCHEMA

# The slowest cases run only when asked: GRAPHBUILD_SLOW_TESTS=1 pytest tests/robustness
slow = pytest.mark.skipif(not os.environ.get("GRAPHBUILD_SLOW_TESTS"),
                          reason="slow; set GRAPHBUILD_SLOW_TESTS=1 to run it")

GOOD = "Secretary of State John Kerry met Sergei Lavrov in Geneva on Monday.\n"
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Length 44 >>\nstream\n" + zlib.compress(b"BT /F1 24 Tf (Hi) Tj ET")
       .replace(b"\x00", b"\x01") + b"\nendstream\nendobj\n")  # no NUL byte: found by magic
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
ZIP = b"PK\x03\x04\x14\x00\x08\x08\x08\x00word/document.xml" + b"\x13" * 40


def read(paths, **kwargs):
    skipped = []
    docs = list(read_documents(paths, on_skip=lambda n, r: skipped.append((n, r)), **kwargs))
    return docs, skipped


# (file name, content, the reason it is skipped)
SKIPPED = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\t\r\n  \n", "empty file"),
    ("report.txt", PDF, "not a text file (a PDF document)"),
    ("photo.txt", PNG, "not a text file (a PNG image)"),
    ("letter.txt", ZIP, "not a text file (a zip archive (or .docx, .xlsx, .odt, .epub))"),
    ("page.html", b"\x1f\x8b\x08\x00" + b"\x11" * 100, "not a text file (a gzip archive)"),
    ("feed.jsonl", PNG, "not a text file (a PNG image)"),
    ("table.csv", PDF, "not a text file (a PDF document)"),
    ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600,
     "not a text file (an old Microsoft Office document (.doc, .xls))"),
    ("noise.txt", bytes(range(1, 32)) * 20, "not a text file (mostly control characters)"),
    ("nul.txt", b"Kerry met\x00 Lavrov.", "not a text file (binary content)"),
    ("only-tags.html", b"<html><script>var a = 1;</script><style>p {}</style></html>", "no text"),
    ("columns.csv", b"id,body\n1,Kerry met Lavrov.\n",
     "CSV has no 'text' column (columns: id, body)"),
    ("nothing.jsonl", b"\n\n  \n", "empty file"),
    ("scalar.json", b"42", "JSON that is neither an object nor an array of objects"),
]


@pytest.mark.parametrize("name, content, reason", SKIPPED, ids=[s[0] for s in SKIPPED])
def test_each_bad_file_is_skipped_with_its_name_and_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["good"]  # the run goes on
    assert skipped == [(str(tmp_path / name), reason)]


# (file name, content, the text read, a warning expected in the log or "")
DECODED = [
    ("utf16le.txt", "Zürich – Kerry".encode("utf-16"), "Zürich – Kerry", ""),
    ("utf16be.txt", b"\xfe\xff" + "Zürich".encode("utf-16-be"), "Zürich", ""),
    ("utf16nobom.txt", "Kerry met Lavrov.".encode("utf-16-le"), "Kerry met Lavrov.",
     "no byte-order mark; read as utf-16-le"),
    ("utf32.txt", "Zürich 🦁".encode("utf-32"), "Zürich 🦁", ""),
    ("utf8bom.txt", b"\xef\xbb\xbfZ\xc3\xbcrich", "Zürich", ""),
    ("cp1252.txt", "Zürich, “quoted” – €5".encode("cp1252"), "Zürich, “quoted” – €5",
     "not valid UTF-8 (byte 1); read as cp1252"),
    ("damaged.txt", "Zürich café ".encode() + b"\xff\xfe!", "Zürich café \ufffd\ufffd!",
     "not valid UTF-8 (2 bad bytes, the first at byte 14); replaced"),
    ("bidi.txt", "Kerry\u202e met\x07 Lavrov\u2066 in\x1b[31m Geneva\ufeff.\r\n".encode(),
     "Kerry met Lavrov in[31m Geneva.\n", ""),
    ("cyrillic.html", '<meta charset="windows-1251"><p>Путин встретился с Керри.</p>'
     .encode("cp1251"), "Путин встретился с Керри.", ""),  # as the page declares
]


@pytest.mark.parametrize("name, raw, text, warning", DECODED, ids=[d[0] for d in DECODED])
def test_encodings_are_decoded_and_odd_ones_named_in_a_warning(tmp_path, caplog, name, raw,
                                                               text, warning):
    (tmp_path / name).write_bytes(raw)
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs, skipped = read([tmp_path / name])
    assert not skipped
    assert docs[0].text == text
    if warning:
        assert [r.getMessage() for r in caplog.records] == [f"{tmp_path / name}: {warning}"]
    else:
        assert not caplog.records


def test_html_keeps_the_text_and_drops_script_style_and_markup(tmp_path):
    page = """<!DOCTYPE html><html><head><title>Talks &amp; <b>news</b></title>
        <style>body { color: red } /* Kerry */</style>
        <script>document.write("<p>Injected Lavrov</p>"); if (a < b && c > d) {}</script>
        <body><!-- a comment about Assad -->
        <h1>Kerry meets Lavrov</h1><p>John Kerry met Sergei Lavrov in <a href="x">Geneva</a>.
        <noscript>Enable JavaScript</noscript><svg><text>chart label</text></svg>
        <p>Russia backs Assad &lt;script&gt; &#x1F981;</p></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "nohead.htm").write_text("<html><head><title>T</title><body><p>Kerry met "
                                         "Lavrov.</p>", encoding="utf-8")  # no </head>
    docs, skipped = read([tmp_path])
    assert not skipped
    nohead, page_doc = docs
    # trafilatura takes the headline for the title (the <title> holds markup here)
    assert page_doc.title == "Kerry meets Lavrov"
    assert page_doc.text == ("John Kerry met Sergei Lavrov in Geneva.\n\n"
                             "Russia backs Assad <script> 🦁")
    assert nohead.text == "Kerry met Lavrov."


def test_jsonl_with_broken_lines_names_each_line_and_reads_the_rest(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "a", "text": GOOD}),
             '{"text": "cut off',                                      # 2: broken
             json.dumps({"text": 7}),                                  # 3: not a text
             "[" * 2000 + "]" * 2000,                                  # 4: nested too deeply
             json.dumps(["a list"]),                                   # 5: not an object
             json.dumps({"id": "b\n<x>", "text": "Assad\ud800 met\x07 Putin.",
                         "title": "T\u202eitle"}),
             "x" * 5000,                                               # 7: too long
             json.dumps({"text": "Merkel met Hollande."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    docs, skipped = read([path], max_bytes=4096)
    assert [(d.id, d.text, d.title) for d in docs] == [
        ("a", GOOD, ""), ("b\\n<x>", "Assad\ufffd met Putin.", "Title"),
        ("news:8", "Merkel met Hollande.", "")]
    assert skipped == [
        (f"{path}:2", "invalid JSON: Unterminated string starting at (column 10)"),
        (f"{path}:3", "no 'text' field with text"),
        (f"{path}:4", "invalid JSON: nested too deeply"),
        (f"{path}:5", "no 'text' field with text"),
        (f"{path}:7", "line longer than 4096 bytes"),
    ]


def test_jsonl_lines_are_decoded_one_by_one(tmp_path, caplog):
    (tmp_path / "mixed.jsonl").write_bytes(
        b'{"text": "Z\xc3\xbcrich"}\n{"text": "Z\xfcrich"}\n{"text": "Gen\xe8ve"}\n')
    (tmp_path / "wide.jsonl").write_bytes('{"text": "Zürich 🦁"}\n'.encode("utf-16"))
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs, skipped = read([tmp_path])
    assert not skipped
    assert [d.text for d in docs] == ["Zürich", "Zürich", "Genève", "Zürich 🦁"]
    assert [r.getMessage() for r in caplog.records] == [  # once per file
        f"{tmp_path / 'mixed.jsonl'}:2: not valid UTF-8 (byte 11); read as cp1252"]


def test_json_file_with_an_array_of_records(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"text": GOOD, "title": "T"}, {"body": "x"},
                                                 "text"]), encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": "Kerry met Lavrov."}', encoding="utf-8")
    (tmp_path / "c.json").write_text('{"text": "Kerry met\n', encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [(d.id, d.title) for d in docs] == [("a:1", "T"), ("b", "")]
    assert skipped == [
        (str(tmp_path / "a.json[2]"), "not an object with a 'text' field with text"),
        (str(tmp_path / "a.json[3]"), "not an object with a 'text' field with text"),
        (f"{tmp_path / 'c.json'}:1", "invalid JSON: Invalid control character at (column 20)")]


def test_csv_rows_with_bad_fields_are_skipped_by_line_and_the_rest_read(tmp_path):
    path = tmp_path / "news.csv"
    rows = ["id,Text ,title",                     # 1: header in any case, spaces
            'a,"Kerry met Lavrov,\nin Geneva.",T',  # 2-3: a field on two lines
            "b,,no text",                         # 4
            "c," + "y" * 30_000 + ",too long",    # 5: over the limit
            "d,Assad\x00 met Putin.,NUL",         # 6: NUL inside (not in the first 8 kB)
            "",                                   # 7: blank
            "e,Merkel met Hollande.,last",        # 8
            'f,"an unclosed quote',               # 9: runs on over the limit...
            *["z" * 1000] * 25,                   # 10-34
            "g,Obama met Hollande.,after"]        # 35
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, skipped = read([path], max_bytes=20_000)
    assert [(d.id, d.text, d.title) for d in docs] == [
        ("a", "Kerry met Lavrov,\nin Geneva.", "T"), ("d", "Assad met Putin.", "NUL"),
        ("e", "Merkel met Hollande.", "last"), ("g", "Obama met Hollande.", "after")]
    assert skipped == [(f"{path}:4", "empty 'text'"),
                       (f"{path}:5", "line longer than 19.5 kB"),
                       (f"{path}:9", "invalid CSV: field larger than field limit (20000)"),
                       # the reader starts again where the field was cut
                       *[(f"{path}:{n}", "1 fields where the header has 3")
                         for n in range(30, 35)]]


def test_csv_with_semicolons_and_a_huge_field_within_the_limit(tmp_path):
    path = tmp_path / "export.csv"
    big = "Kerry met Lavrov. " * 20_000  # 360 kB in one field: beyond the csv module default
    path.write_text(f'title;text\nBig;"{big}"\nSmall;Assad met Putin.\n', encoding="cp1252")
    docs, skipped = read([path])
    assert not skipped
    assert [len(d.text) for d in docs] == [len(big), len("Assad met Putin.")]


def test_stdin_bytes_are_decoded_like_a_file():
    stream = io.TextIOWrapper(io.BytesIO("Zürich met Genève.\n".encode("cp1252")),
                              encoding="utf-8")
    docs, _ = read(["-"], stdin=stream)
    assert docs[0].text == "Zürich met Genève.\n"


def test_hostile_file_names_are_escaped_in_ids_and_messages(tmp_path):
    folder = os.fsencode(tmp_path)
    good = b'Ali "The Lion" <b>\n\xe2\x80\xaeevil\xf0\x9f\xa6\x81 \xff.txt'
    with open(folder + b"/" + good, "wb") as handle:
        handle.write(GOOD.encode())
    with open(folder + b"/bad\n\x1b[2Jname.txt", "wb") as handle:
        handle.write(PNG)
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ['Ali "The Lion" <b>\\n\\u202eevil🦁 \\xff']
    assert skipped == [(f"{tmp_path}/bad\\n\\x1b[2Jname.txt", "not a text file (a PNG image)")]
    assert "\n" not in docs[0].source and "\udcff" not in docs[0].source


def test_fifo_and_device_links_in_a_folder_are_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["good"]
    assert sorted(skipped) == [(str(tmp_path / "pipe.txt"), "not a regular file"),
                               (str(tmp_path / "zero.txt"), "not a regular file")]


def test_a_file_over_the_limit_is_skipped_with_the_limit_named(tmp_path):
    (tmp_path / "big.txt").write_text("Kerry met Lavrov. " * 100, encoding="utf-8")
    docs, skipped = read([tmp_path / "big.txt"], max_bytes=1000)
    assert docs == []
    assert skipped == [(str(tmp_path / "big.txt"), "too large (1800 bytes; the limit is 1000 "
                        "bytes): split it, or raise graphbuild.ingest.MAX_BYTES")]


def test_cli_build_on_a_folder_of_bad_files_warns_once_per_file_and_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content, _ in SKIPPED:
        (folder / name).write_bytes(content)
    (folder / "news.jsonl").write_text(json.dumps({"text": GOOD}) + "\n{broken\n",
                                       encoding="utf-8")
    (folder / "cp1252.txt").write_bytes("Angela Merkel spoke with Vladimir Putin in Zürich."
                                        .encode("cp1252"))
    hostile = 'Ali "The Lion" <script>alert(1)</script> O\'Brien 🦁\u202e met John Kerry.'
    (folder / "hostile.txt").write_text(hostile, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name, _, reason in SKIPPED:
        assert f"graphbuild: skipped {folder / name}: {reason}\n" in err
    assert f"graphbuild: skipped {folder / 'news.jsonl'}:2: invalid JSON" in err
    assert f"graphbuild: {folder / 'cp1252.txt'}: not valid UTF-8 (byte 44); read as cp1252" \
        in err
    data = (out / "graph.ttl").read_bytes()
    graph = Graph().parse(data=data, format="turtle")
    assert turtle_triples(data) == len(graph)
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert {"John Kerry", "Sergei Lavrov", "Angela Merkel", "Zürich"} <= labels
    assert_valid_gexf(out / "graph.gexf")
    assert "<script>alert(1)" not in (out / "graph.html").read_text(encoding="utf-8")


def test_cli_build_with_nothing_readable_is_one_error_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(PDF)
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("graphbuild: error: no document could be read")


# --- big inputs ---------------------------------------------------------------------------

def test_a_50_mb_file_is_read_and_split_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    size = write_text_of_size(path, 50 * 2**20)
    result = measured("""
        from graphbuild.nlp import _split
        docs = list(graphbuild.ingest.read_documents([sys.argv[1]]))
        parts, end = 0, 0
        for offset, text, last in _split(docs[0].text):
            assert offset == end, (offset, end)  # parts are contiguous
            end += len(text)
            parts += 1
        result.update(documents=len(docs), chars=len(docs[0].text), covered=end, parts=parts)
        """, str(path))
    print(f"\n50 MB file: read + split {result['seconds']:.1f} s, "
          f"peak RSS growth {result['rss_growth_mb']:.0f} MB, {result['parts']} parts")
    assert result["documents"] == 1
    assert result["chars"] == result["covered"] == size  # ASCII: one char per byte
    assert result["parts"] >= size // 100_000
    # The text is held once as bytes and once as str while decoding: about 3x the file.
    assert result["rss_growth_mb"] < 400


def test_20000_tiny_files_are_read_quickly_in_bounded_memory(tmp_path):
    folder = tmp_path / "many"
    for k in range(200):
        sub = folder / f"d{k:03}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"{j:03}.txt").write_text(f"{SENTENCES[(k + j) % len(SENTENCES)]} ({k}/{j})",
                                             encoding="utf-8")
    result = measured("""
        n = sum(1 for _ in graphbuild.ingest.read_documents([sys.argv[1]]))
        result.update(documents=n)
        """, str(folder))
    print(f"\n20,000 files: read {result['seconds']:.1f} s, "
          f"peak RSS growth {result['rss_growth_mb']:.0f} MB")
    assert result["documents"] == 20_000
    assert result["seconds"] < 30
    assert result["rss_growth_mb"] < 100  # documents are streamed, not kept


@pytest.mark.parametrize("files", [400, pytest.param(2000, marks=slow)])
def test_many_tiny_files_through_the_full_build(tmp_path, files):
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(files):
        (folder / f"{k:04}.txt").write_text(SENTENCES[k % len(SENTENCES)], encoding="utf-8")
    started = time.perf_counter()
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    seconds = time.perf_counter() - started
    print(f"\n{files} files: full build {seconds:.1f} s")
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    documents = set(graph.subjects(SCHEMA.identifier, None))
    assert len(documents) == files
    assert seconds < files / 10


@pytest.mark.parametrize("kilobytes", [120, pytest.param(1000, marks=slow)])
def test_a_long_article_in_several_parse_parts(tmp_path, kilobytes):
    # More than graphbuild.nlp.MAX_CHARS characters: parsed in parts, offsets kept.
    path = tmp_path / "long.txt"
    rng = random.Random(1)
    text = ""
    while len(text) < kilobytes * 1000:
        text += article(rng, 30)
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    print(f"\n{len(text) / 1000:.0f} kB article: full build {time.perf_counter() - started:.1f} s")
    import csv
    with open(tmp_path / "out" / "triples.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:  # the offsets of every sentence point into the document across parts
        start, end = int(row["start"]), int(row["end"])
        assert " ".join(text[start:end].split()) == " ".join(row["sentence"].split())
    assert max(int(r["start"]) for r in rows) > len(text) - 5000  # up to the end


# One "sentence" of 10,000 tokens without a full stop: a list of names, and clauses joined
# by "and" (clause extraction is quadratic in sentence length: about a minute, so slow).
RUN_ON = [
    ("names", "John Kerry , Sergei Lavrov , Bashar al-Assad , Geneva , Moscow , Turkey , ", 90),
    pytest.param("clauses", "Kerry met Lavrov and ", 300, marks=slow),
]


@pytest.mark.parametrize("shape, words, seconds", RUN_ON, ids=["names", "clauses"])
def test_a_10000_token_sentence_finishes_without_recursion_error(tmp_path, shape, words,
                                                                 seconds):
    tokens = words.split() * (10_000 // len(words.split()) + 1)
    (tmp_path / "run-on.txt").write_text(" ".join(tokens[:10_000]), encoding="utf-8")
    started = time.perf_counter()
    assert main(["build", str(tmp_path / "run-on.txt"), "-o", str(tmp_path / "out"),
                 "--quiet"]) == 0
    took = time.perf_counter() - started
    print(f"\n10,000-token sentence ({shape}): full build {took:.1f} s")
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert any("Lavrov" in str(o) for o in graph.objects(None, RDFS.label))
    assert took < seconds


def test_the_example_articles_still_build_with_a_broken_neighbour(tmp_path, capsys):
    (tmp_path / "broken.jsonl").write_text("{\n", encoding="utf-8")
    assert main(["build", str(EXAMPLES), str(tmp_path / "broken.jsonl"), "-o",
                 str(tmp_path / "out"), "--quiet"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 10_000

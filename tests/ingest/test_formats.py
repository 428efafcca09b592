"""The format readers on real files: PDFs made with fpdf2, Word files made with python-docx,
and a saved web page full of boilerplate (tests/data/inputs/boilerplate-page.html)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphbuild.errors import UnreadableFileError
from graphbuild.ingest.pdf import read_pdf
from graphbuild.ingest.web import read_html
from graphbuild.ingest.word import read_docx

DATA = Path(__file__).resolve().parents[1] / "data" / "inputs"
ARTICLE = ("US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in "
           "Geneva on Thursday to discuss a ceasefire in Syria, officials said.",
           "Mr Lavrov said Russia would continue to support the government in Damascus.")


def make_pdf(paragraphs=ARTICLE, *, title="Kerry meets Lavrov", author="Jane Doe",
             created=datetime(2015, 3, 12, 9, 30, tzinfo=UTC), pages=1,
             password=None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(created)
    pdf.set_font("helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def make_docx(paragraphs=ARTICLE, *, title="Kerry meets Lavrov", author="Jane Doe",
              created=datetime(2015, 3, 12, 9, 30), table=None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Talks in Geneva", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pdf_text_title_author_and_date():
    parsed = read_pdf(make_pdf(pages=2))
    assert "Sergei Lavrov" in parsed.text and "Damascus" in parsed.text
    assert parsed.text.count("Damascus") == 2  # both pages
    assert (parsed.title, parsed.author, parsed.date, parsed.date_source) == (
        "Kerry meets Lavrov", "Jane Doe", "2015-03-12", "pdf metadata")


def test_pdf_without_metadata_still_gives_its_text():
    parsed = read_pdf(make_pdf(title="", author=""))
    assert parsed.title == parsed.author == ""
    assert parsed.text.startswith("US Secretary of State John Kerry")


@pytest.mark.parametrize("raw, reason", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer", "a damaged PDF"),
    (lambda: make_pdf()[: len(make_pdf()) // 3], "a damaged PDF"),
    (lambda: make_pdf(paragraphs=()), "a PDF without text"),
    (lambda: make_pdf(password="secret"), "an encrypted PDF"),
])
def test_pdf_that_cannot_be_read_says_why(raw, reason):
    with pytest.raises(UnreadableFileError, match=reason):
        read_pdf(raw() if callable(raw) else raw)


def test_docx_text_tables_and_core_properties():
    parsed = read_docx(make_docx(table=[["Minister", "Country"], ["Lavrov", "Russia"]]))
    assert parsed.text.split("\n\n") == ["Talks in Geneva", *ARTICLE, "Minister | Country",
                                         "Lavrov | Russia"]
    assert (parsed.title, parsed.author, parsed.date, parsed.date_source) == (
        "Kerry meets Lavrov", "Jane Doe", "2015-03-12", "docx properties")


@pytest.mark.parametrize("raw, reason", [
    (b"PK\x03\x04 not really a zip", "not a readable Word document"),
    (lambda: _zip({"hello.txt": "hi"}), "not a readable Word document"),
    (lambda: make_docx(paragraphs=()).replace(b"Talks in Geneva", b"Talks in Geneva"),
     None),
])
def test_docx_that_cannot_be_read_says_why(raw, reason):
    data = raw() if callable(raw) else raw
    if reason is None:
        assert read_docx(data).text == "Talks in Geneva"
        return
    with pytest.raises(UnreadableFileError, match=reason):
        read_docx(data)


def _zip(files: dict[str, str]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_page_full_of_boilerplate_gives_the_article_only():
    parsed = read_html((DATA / "boilerplate-page.html").read_text(encoding="utf-8"))
    assert parsed.title == "Kerry and Lavrov meet in Geneva over Syria talks"
    assert (parsed.author, parsed.date, parsed.date_source) == ("Jane Doe", "2015-03-12", "page")
    assert parsed.url == "https://news.example.com/world/2015/03/12/kerry-lavrov-geneva"
    for kept in ("John Kerry met Russian Foreign Minister Sergei Lavrov",
                 "Staffan de Mistura", "Iran, Saudi Arabia and Turkey"):
        assert kept in parsed.text
    for dropped in ("cookies", "Subscribe", "SuperPhone", "ADVERTISEMENT", "Holidays in the sun",
                    "Related stories", "Celebrity chef", "Most read", "Copyright",
                    "Privacy policy", "Follow us", "tracking", "dataLayer", "Search"):
        assert dropped not in parsed.text, dropped


@pytest.mark.parametrize("page, text", [
    ("<p>Kerry met Lavrov.</p>", "Kerry met Lavrov."),  # a fragment
    ("<html><body><p>John Kerry met Sergei Lavrov in <a href='x'>Geneva</a>.</p>"
     "<p>Russia backs Assad.</p></body></html>",
     "John Kerry met Sergei Lavrov in Geneva.\nRussia backs Assad."),
    ("<html><script>var a = 1;</script><style>p {}</style></html>", None),
])
def test_small_pages(page, text):
    parsed = read_html(page)
    assert (parsed.text if parsed else None) == text


def test_html_reader_fetches_nothing(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader opened a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert read_html((DATA / "boilerplate-page.html").read_text(encoding="utf-8")).date


def test_a_folder_of_real_files_gives_each_its_text_date_and_where_the_date_came_from(
        tmp_path):
    from graphbuild.ingest import read_documents

    (tmp_path / "report.pdf").write_bytes(make_pdf())
    (tmp_path / "memo.docx").write_bytes(make_docx(created=datetime(2016, 5, 2)))
    (tmp_path / "page.html").write_bytes((DATA / "boilerplate-page.html").read_bytes())
    (tmp_path / "wire.txt").write_text("GENEVA, March 13, 2015 (Reuters) - Kerry met Lavrov.")
    (tmp_path / "2015-03-14-notes.md").write_text("Kerry met Lavrov again.")
    (tmp_path / "undated.txt").write_text("Kerry met Lavrov once more.")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Putin met Erdogan.", "date": "15 March 2015", "author": "A. Writer"}\n')
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    skipped = []
    docs = {d.id: d for d in read_documents([tmp_path],
                                            on_skip=lambda n, r: skipped.append((n, r)))}
    found = {k: (d.date, d.date_source, d.author) for k, d in docs.items()}
    assert found == {
        "report": ("2015-03-12", "pdf metadata", "Jane Doe"),
        "memo": ("2016-05-02", "docx properties", "Jane Doe"),
        "page": ("2015-03-12", "page", "Jane Doe"),
        "wire": ("2015-03-13", "text", ""),
        "2015-03-14-notes": ("2015-03-14", "file name", ""),
        "undated": ("", "", ""),
        "feed:1": ("2015-03-15", "field", "A. Writer"),
    }
    assert docs["report"].title == docs["memo"].title == "Kerry meets Lavrov"
    assert docs["page"].url.startswith("https://news.example.com/")
    assert "Sergei Lavrov" in docs["report"].text and "Damascus" in docs["memo"].text
    assert "cookies" not in docs["page"].text
    assert skipped == [(str(tmp_path / "photo.png"), "not a format graphbuild reads (.png)")]


def test_a_date_line_in_a_pdf_comes_before_the_files_creation_date(tmp_path):
    from graphbuild.ingest import read_documents

    (tmp_path / "a.pdf").write_bytes(make_pdf(("Published: 1 June 2014", *ARTICLE),
                                              created=datetime(2020, 1, 1, tzinfo=UTC)))
    doc, = read_documents([tmp_path])
    assert (doc.date, doc.date_source) == ("2014-06-01", "text")


@pytest.mark.parametrize("suffix, content, reason", [
    (".pdf", b"Kerry met Lavrov.", "not a PDF file (text)"),
    (".docx", b"%PDF-1.4 ...", "not a DOCX file (a PDF document)"),
    (".pdf", b"", "empty file"),
    (".pdf", lambda: make_pdf(password="secret"), "an encrypted PDF"),
    (".docx", lambda: _zip({"a.txt": "x"}), "not a readable Word document"),
])
def test_every_pdf_or_word_file_that_cannot_be_read_is_named_with_the_reason(
        tmp_path, suffix, content, reason):
    from graphbuild.ingest import read_documents

    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content() if callable(content) else content)
    for source in (tmp_path, path):  # in a folder, and named directly
        skipped: list[tuple[str, str]] = []
        assert not list(read_documents([source], on_skip=lambda n, r, into=skipped:
                                       into.append((n, r))))
        assert len(skipped) == 1 and skipped[0][0] == str(path)
        assert skipped[0][1].startswith(reason), skipped


@pytest.mark.parametrize("module, suffix, make, extra", [
    ("pypdf", ".pdf", make_pdf, "pdf"), ("docx", ".docx", make_docx, "docx")])
def test_a_missing_extra_says_what_to_install(tmp_path, monkeypatch, module, suffix, make,
                                              extra):
    import sys

    from graphbuild.ingest import read_documents

    (tmp_path / f"a{suffix}").write_bytes(make())
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    skipped = []
    assert not list(read_documents([tmp_path], on_skip=lambda n, r: skipped.append(r)))
    assert skipped == [f"{'PDF' if extra == 'pdf' else 'Word (.docx)'} support is not "
                       f"installed: pip install 'graphbuild[{extra}]' (or pip install "
                       f"{'pypdf' if extra == 'pdf' else 'python-docx'})"]

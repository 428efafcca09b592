"""When nothing can be read, the one error line names the inputs and why."""

from __future__ import annotations

import sys

from graphbuild.cli import main


def test_an_empty_folder_is_named(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", str(empty), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"no document could be read from {empty} (no file of a format graphbuild " in err
    assert ".pdf" in err and ".docx" in err


def test_a_folder_of_pdfs_without_the_pdf_extra_says_what_to_install(tmp_path, capsys,
                                                                    monkeypatch):
    from fpdf import FPDF

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a", "b"):
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, "Kerry met Lavrov in Geneva.")
        (folder / f"{name}.pdf").write_bytes(bytes(pdf.output()))
    (folder / "notes.odt").write_bytes(b"PK\x03\x04...")
    monkeypatch.setitem(sys.modules, "pypdf", None)
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:3] == [
        f"graphbuild: skipped {folder / 'a.pdf'}: PDF support is not installed: pip install "
        "'graphbuild[pdf]' (or pip install pypdf)",
        f"graphbuild: skipped {folder / 'b.pdf'}: PDF support is not installed: pip install "
        "'graphbuild[pdf]' (or pip install pypdf)",
        f"graphbuild: skipped {folder / 'notes.odt'}: not a format graphbuild reads (.odt)"]
    assert err[-1] == (f"graphbuild: error: no document could be read from {folder} (3 "
                       f"skipped: {folder / 'a.pdf'}: PDF support is not installed: pip install "
                       "'graphbuild[pdf]' (or pip install pypdf), ...)")

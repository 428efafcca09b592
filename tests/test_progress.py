"""Progress: a bar on a terminal (documents, words/s, time left), nothing otherwise."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from graphbuild.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "syria"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    """A terminal as stderr; set it in the test body (pytest sets its own when a test starts)."""
    stream = Terminal()
    return lambda: monkeypatch.setattr(sys, "stderr", stream) or stream


def test_progress_bar_on_a_terminal(terminal, tmp_path, capsys):
    terminal = terminal()
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path)]) == 0
    shown = terminal.getvalue()
    assert "3/3" in shown  # documents done / estimated total
    assert "doc/s" in shown and "words/s" in shown
    assert "<" in shown  # tqdm's "elapsed<left"
    assert "3 documents" in capsys.readouterr().out  # the summary still goes to stdout


def test_no_progress_bar_when_quiet(terminal, tmp_path):
    terminal = terminal()
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path), "--quiet"]) == 0
    assert terminal.getvalue() == ""


def test_no_progress_bar_off_a_terminal(tmp_path, capsys):
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "words/s" not in captured.out and "\r" not in captured.out


def test_warnings_still_show_beside_the_bar(terminal, tmp_path):
    terminal = terminal()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kerry met Lavrov in Geneva.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    shown = terminal.getvalue()
    assert "skipped" in shown and "empty.txt" in shown

"""Shared fixtures: the spaCy model (loaded once) and one build of the example articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.extract import extract
from graphbuild.nlp import load_model, parse
from graphbuild.types import Document, Extraction

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "syria"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Parse and extract one text: ``extract_text("Kerry met Lavrov.")``."""

    def run(text: str) -> Extraction:
        (doc, parts), = parse([Document(id="t", text=text)], nlp)
        return extract(doc, parts)

    return run


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory) -> Path:
    """The output folder of ``graphbuild build examples/syria``, run in-process."""
    out = tmp_path_factory.mktemp("output")
    assert main(["build", str(EXAMPLES), "-o", str(out), "--quiet"]) == 0
    return out

"""Sentence boundaries set before the parser (graphbuild.nlp)."""

from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.nlp import parse
from graphbuild.types import Document

LIST = ("In his budget Tom Hale has:\n\n- Cut the tax on fuel by 2% \n - Raised spending on "
        "schools \n - Ann Roe said the cuts would fail.")


@pytest.mark.parametrize("sentence_filter", [False, True])
def test_a_list_item_on_its_own_line_is_a_sentence(nlp, sentence_filter):
    (doc, parts), = parse([Document(id="t", text=LIST)], nlp, sentence_filter=sentence_filter)
    sentences = [s.text for s in extract(doc, parts).sentences]
    # each item is one sentence with its mark, not run into the next item
    assert "- Raised spending on schools" in sentences
    assert "- Ann Roe said the cuts would fail." in sentences


def test_a_dash_inside_a_line_starts_no_sentence(nlp):
    text = "Tom Hale - the minister - said the cuts would fail."
    (doc, parts), = parse([Document(id="t", text=text)], nlp)
    assert [s.text for s in extract(doc, parts).sentences] == [text]

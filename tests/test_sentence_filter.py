"""Parsing only the sentences that can give a relation (``build_graph(sentence_filter=True)``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.extract import extract
from graphbuild.nlp import parse
from graphbuild.pipeline import build_graph
from graphbuild.types import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "syria"

TEXT = ("Kerry met Lavrov in Geneva on Monday. The weather was fine.\n\n"
        "Putin said he backs Assad. Rain fell all day.\n\n\nBlair spoke.")


def _extraction(nlp, text: str, *, sentence_filter: bool):
    (document, parts), = parse([Document(id="t", text=text)], nlp,
                               sentence_filter=sentence_filter)
    return extract(document, parts), parts


@pytest.mark.parametrize(("sentence", "kept"), [
    ("Kerry met Lavrov in Geneva.", True),          # two entities
    ("Putin said he would go.", True),              # one entity and a pronoun
    ("Blair spoke at length.", False),              # one entity, nothing to relate it to
    ("The weather was fine all week.", False),      # no entity
])
def test_which_sentences_are_parsed(nlp, sentence, kept):
    _, parts = _extraction(nlp, sentence, sentence_filter=True)
    doc = parts[0][1]
    assert any(t.dep_ not in ("dep", "ROOT") for t in doc) is kept
    assert all(t.pos_ for t in doc) is kept


def test_filtered_sentences_keep_mentions_and_boundaries(nlp):
    full, _ = _extraction(nlp, TEXT, sentence_filter=False)
    filtered, parts = _extraction(nlp, TEXT, sentence_filter=True)
    # the same sentences (no blank-line sentence of its own), mentions and relations here
    assert [s.text for s in filtered.sentences] == [s.text for s in full.sentences]
    assert [(m.name, m.label, m.start) for m in filtered.mentions] == [
        (m.name, m.label, m.start) for m in full.mentions]
    assert {(r.subject, r.predicate, r.object) for r in filtered.relations} == {
        (r.subject, r.predicate, r.object) for r in full.relations}
    assert filtered.relations
    doc = parts[0][1]
    unparsed = next(s for s in doc.sents if s.text.startswith("The weather"))
    assert {t.head.i for t in unparsed} == {unparsed.start}  # a flat tree on its first word
    assert [t.lemma_ for t in unparsed][:2] == ["the", "weather"]


def test_long_documents_are_filtered_in_parts(nlp, monkeypatch):
    import graphbuild.nlp

    split = graphbuild.nlp._split
    monkeypatch.setattr(graphbuild.nlp, "_split", lambda text: split(text, 60))
    text = "Kerry met Lavrov in Geneva.\n\nThe rain fell.\n\nPutin said he backs Assad."
    (document, parts), = parse([Document(id="t", text=text)], nlp, sentence_filter=True)
    assert len(parts) > 1
    assert {r.predicate for r in extract(document, parts).relations} >= {"meet", "back"}


def test_a_filtered_build_is_the_same_with_two_processes(tmp_path):
    one = build_graph([EXAMPLES], sentence_filter=True)
    two = build_graph([EXAMPLES], sentence_filter=True, n_process=2)
    one.write(tmp_path / "one")
    two.write(tmp_path / "two")
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (
        tmp_path / "two" / "graph.ttl").read_bytes()
    full = build_graph([EXAMPLES])
    # sentences parsed on their own may parse a little differently; most relations remain
    assert abs(one.stats.relations - full.stats.relations) <= 0.2 * full.stats.relations
    assert one.stats.documents == full.stats.documents


def test_cli_sentence_filter(tmp_path, capsys):
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path), "-q", "--sentence-filter"]) == 0
    assert (tmp_path / "graph.ttl").stat().st_size > 0


def test_empty_and_entity_free_documents(nlp):
    texts = ["", "   \n\n  ", "Rain.", "Kerry met Lavrov."]
    documents = [Document(id=str(k), text=text) for k, text in enumerate(texts)]
    found = [extract(document, parts)
             for document, parts in parse(documents, nlp, sentence_filter=True)]
    assert [len(x.relations) for x in found] == [0, 0, 0, 1]
    assert [x.document.id for x in found] == ["0", "1", "2", "3"]

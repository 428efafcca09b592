"""Copies of articles (wire copies, lightly edited versions) are set aside before parsing:
linked to their original in the RDF, counted once everywhere, reported in the summary; with a
store, a copy of a stored article is a copy too; --keep-duplicates parses them all."""

from __future__ import annotations

import gc

from conftest import EXAMPLES
from rdflib import RDFS, Literal

from graphbuild.cli import main
from graphbuild.pipeline import build_graph
from graphbuild.vocab import GB, RDF, SCHEMA, mint

ORIGINAL = (EXAMPLES / "000_f2d3a55a1a3f1ca9.txt").read_text(encoding="utf-8")
# the same wire story as run by another outlet: a new headline, a word changed, a line added
COPY = ORIGINAL.replace("U.N. urges U.S.-Russia deal on Syria",
                        "UN envoy urges deal on Syria").replace("Thursday", "Thursday,") + \
    "\n\nReporting by the Geneva newsroom; editing by the desk.\n"


def _folder(tmp_path, **files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_copy_is_not_parsed_and_links_to_its_original(tmp_path):
    other = (EXAMPLES / "001_181347fecf2238ea.txt").read_text(encoding="utf-8")
    folder = _folder(tmp_path, a=ORIGINAL, b=other, c=COPY)
    kg = build_graph([folder])
    assert (kg.stats.documents, kg.stats.copies) == (2, 1)
    g, base = kg.graph, "https://example.org/graphbuild/"
    copy, original = mint(base, "document", "c"), mint(base, "document", "a")
    assert (copy, RDF.type, GB.Duplicate) in g and (copy, GB.duplicateOf, original) in g
    assert 0.6 < float(g.value(copy, GB.similarity)) < 1.0
    assert (copy, RDF.type, SCHEMA.NewsArticle) not in g
    assert g.value(copy, SCHEMA.headline) == Literal("UN envoy urges deal on Syria, cautious on "
                                                     "Russian Aleppo plan")
    assert not list(g.objects(copy, SCHEMA.mentions))
    kept = build_graph([folder], keep_duplicates=True)
    assert (kept.stats.documents, kept.stats.copies) == (3, 0)

    def document_counts(graph):
        return {str(graph.value(e, RDFS.label)): int(n)
                for e, n in graph.subject_objects(GB.documentCount)}

    def supported_by_both(graph):  # relations that the original and the copy both support
        support = {}
        for statement in graph.subjects(RDF.type, RDF.Statement):
            triple = tuple(graph.value(statement, p) for p in (RDF.subject, RDF.predicate,
                                                                  RDF.object))
            support.setdefault(triple, set()).add(graph.value(statement, GB.document))
        return sum(1 for docs in support.values() if {original, copy} <= docs)

    # parsed, the copy adds one document to the entities of its original, and to no other
    # (names both builds found: resolution may name a few differently with the copy's text)
    counted, counted_kept = document_counts(g), document_counts(kept.graph)
    in_original = {str(g.value(e, RDFS.label)) for e in g.objects(original, SCHEMA.mentions)}
    common = set(counted) & set(counted_kept)
    grown = {name for name in common if counted_kept[name] == counted[name] + 1}
    assert len(grown) >= 5 and grown <= in_original
    assert supported_by_both(g) == 0 and supported_by_both(kept.graph) >= 3


def test_the_summary_says_how_many_copies(tmp_path, capsys):
    folder = _folder(tmp_path, a=ORIGINAL, b=ORIGINAL, c=COPY)
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert "1 documents, 2 copies of other documents (not parsed)" in capsys.readouterr().out


def test_a_copy_of_an_article_in_the_store_is_a_copy(tmp_path):
    store = tmp_path / "kg"
    first = _folder(tmp_path, a=ORIGINAL)
    with build_graph([first], store=store) as kg:
        assert kg.stats.documents == 1
    later = tmp_path / "later"
    later.mkdir()
    (later / "wire.txt").write_text(COPY, encoding="utf-8")
    with build_graph([later], store=store) as kg:
        assert (kg.stats.documents, kg.stats.copies, kg.already_stored) == (0, 1, 0)
        base = "https://example.org/graphbuild/"
        assert (mint(base, "document", "wire"), GB.duplicateOf,
                mint(base, "document", "a")) in kg.graph
    gc.collect()  # the last build's store handle (a reference cycle may hold it)
    with build_graph([later], store=store) as kg:  # again: the copy is in the store now
        assert (kg.stats.documents, kg.stats.copies, kg.already_stored) == (0, 0, 1)

"""pipeline: batches of documents parsed and extracted in workers, the same graph whatever runs
them, stage timings, and the errors of bad options."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from graphbuild import workers
from graphbuild.errors import InputError, ModelNotFoundError
from graphbuild.ingest import estimate_documents, read_documents
from graphbuild.nlp import UNUSED_COMPONENTS, load_model
from graphbuild.outputs import write_outputs
from graphbuild.outputs.rdf_files import write_turtle
from graphbuild.pipeline import STAGES, build_graph
from graphbuild.types import Document, Extraction
from graphbuild.workers import extract_documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "syria"

TEXTS = [
    "Russia backs Assad. Kerry met Lavrov in Moscow.",
    "U.S. Secretary of State John Kerry called on Russia to stop the strikes.",
    "The United Nations said Iran supports the Syrian government.",
    "Lavrov and Kerry have met in Geneva. Kerry said he hopes to work with Russia.",
    "Turkey criticised the strikes near Aleppo.",
]


def _turtle(kg, path) -> bytes:
    write_turtle(kg.graph, path)
    return path.read_bytes()


def test_extract_documents_returns_picklable_records_only():
    batch = extract_documents([Document(id="a", text=TEXTS[0]), Document(id="b", text=TEXTS[1])])
    assert [x.document.id for x in batch.extractions] == ["a", "b"]
    assert all(type(x) is Extraction for x in batch.extractions)
    assert batch.parse_seconds > 0 and batch.extract_seconds > 0
    again = pickle.loads(pickle.dumps(batch))
    assert again == batch  # plain records: nothing of spaCy crosses a process boundary
    names = {m.name for m in again.extractions[0].mentions}
    assert {"Russia", "Assad", "Kerry", "Lavrov", "Moscow"} <= names


def test_two_processes_give_byte_identical_turtle(tmp_path, monkeypatch):
    # One document per batch, so that both workers get work and results arrive out of order.
    monkeypatch.setattr(workers, "BATCH_DOCUMENTS", 1)
    sources = [str(EXAMPLES), *TEXTS]
    one = build_graph(sources, n_process=1)
    two = build_graph(sources, n_process=2)
    assert one.stats.documents == two.stats.documents == 3 + len(TEXTS)
    assert _turtle(one, tmp_path / "one.ttl") == _turtle(two, tmp_path / "two.ttl")
    assert one.stats.relations == two.stats.relations > 10


def test_batches_do_not_change_the_graph(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "BATCH_DOCUMENTS", 2)
    small = _turtle(build_graph(TEXTS), tmp_path / "small.ttl")
    monkeypatch.setattr(workers, "BATCH_DOCUMENTS", 64)
    assert _turtle(build_graph(TEXTS), tmp_path / "large.ttl") == small


def test_stage_timings_and_progress():
    seen = []
    kg = build_graph([str(EXAMPLES)], progress=seen.append)
    assert set(kg.seconds) == set(STAGES)
    assert kg.seconds["parse"] > kg.seconds["extract"] > 0
    assert kg.seconds["resolve"] > 0 and kg.seconds["graph"] > 0 and kg.seconds["write"] == 0
    assert seen[-1].documents == 3 and seen[-1].words == kg.stats.words
    assert seen[-1].words_per_second > 0
    assert [p.documents for p in seen] == sorted(p.documents for p in seen)


def test_write_is_timed(tmp_path):
    kg = build_graph(TEXTS[:1])
    kg.write(tmp_path)
    assert kg.seconds["write"] > 0


def test_a_worker_error_reaches_the_caller():
    with pytest.raises(ModelNotFoundError, match="no_such_model"):
        build_graph(TEXTS, model="no_such_model", n_process=2)


def test_bad_process_count():
    with pytest.raises(InputError, match="1 or more, not 0"):
        build_graph(TEXTS, n_process=0)


def test_unused_components_are_not_loaded():
    nlp = load_model()
    assert not set(UNUSED_COMPONENTS) & set(nlp.component_names)
    # what extraction reads: tags, lemmas, the parse, entities
    assert {"tagger", "lemmatizer", "parser", "ner"} <= set(nlp.pipe_names)


def test_estimate_documents(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n1,x\n2,y\n3,z\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Kerry met Lavrov.", encoding="utf-8")
    assert estimate_documents([tmp_path]) == 2 + 3 + 1
    assert len(list(read_documents([tmp_path]))) == 6
    assert estimate_documents(["-"]) is None


def test_outputs_written_by_two_processes_are_the_same(tmp_path):
    kg = build_graph([str(EXAMPLES)])
    one = write_outputs(kg.graph, tmp_path / "one", merges=kg.merges)
    two = write_outputs(kg.graph, tmp_path / "two", merges=kg.merges, processes=2)
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.mark.parametrize("processes", [1, 2])
def test_a_build_on_disk_writes_the_files_a_build_in_memory_writes(tmp_path, monkeypatch,
                                                                   processes):
    """Records spooled, triples sorted on disk in small runs, the graph in Oxigraph: the same
    bytes in every file, and the temporary folder gone once the build is closed."""
    from graphbuild import spool

    monkeypatch.setattr(spool, "RUN_BYTES", 4096)  # many runs to merge, even here
    monkeypatch.setattr(workers, "BATCH_DOCUMENTS", 2)
    sources = [str(EXAMPLES), *TEXTS]
    memory = build_graph(sources)
    with build_graph(sources, on_disk=True, n_process=processes) as disk:
        folder = disk.ntriples.parent
        assert disk.ntriples.read_bytes() == b"".join(sorted(set(
            memory.graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True))))
        assert not (folder / "records.pickle").exists()  # deleted once the graph is made
        assert (disk.stats.relations, disk.stats.entities) == (
            memory.stats.relations, memory.stats.entities) and disk.stats.relations > 10
        assert len(disk.graph) == len(memory.graph)
        written = disk.write(tmp_path / "disk")
    assert not folder.exists()
    expected = write_outputs(memory.graph, tmp_path / "memory", merges=memory.merges)
    assert [p.name for p in written] == [p.name for p in expected]
    for path, same in zip(written, expected, strict=True):
        assert path.read_bytes() == same.read_bytes(), path.name


def test_a_build_on_disk_that_fails_leaves_no_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    from graphbuild.errors import NoDocumentsError

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoDocumentsError):
        build_graph([str(tmp_path / "empty")], on_disk=True)
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_an_error_while_writing_in_the_second_process_is_raised(tmp_path, monkeypatch):
    from graphbuild.outputs import rdf_files

    def broken(graph, path, **options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rdf_files, "write_jsonld", broken)
    kg = build_graph(TEXTS[:1])
    with pytest.raises(OSError, match="No space left"):
        write_outputs(kg.graph, tmp_path, processes=2)


def test_documents_with_the_same_id_stay_apart_in_memory_builds():
    """As in store builds, the second document of an id gets ``id~2``, not the first's IRI."""
    kg = build_graph([Document(id="a", text="Kerry met Lavrov in Geneva."),
                      Document(id="a", text="Russia backs Assad.")])
    ids = sorted(str(row[0]) for row in kg.query(
        "SELECT ?id WHERE { ?d a schema:NewsArticle ; schema:identifier ?id }"))
    assert ids == ["a", "a~2"] and kg.stats.documents == 2


def test_the_page_and_gephi_share_one_layout(tmp_path):
    import json
    import re

    from lxml import etree

    write_outputs(build_graph(TEXTS).graph, tmp_path)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>',
                                page, re.S).group(1))
    on_page = {n["name"]: (n["x"], n["y"]) for n in data["nodes"]}
    gexf = etree.parse(str(tmp_path / "graph.gexf"))
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    in_gephi = {node.get("label"): (float(node.find("viz:position", ns).get("x")),
                                    float(node.find("viz:position", ns).get("y")))
                for node in gexf.iterfind(".//g:node", ns)}
    assert on_page and on_page == in_gephi

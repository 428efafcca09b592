"""The command line, run in-process."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from graphbuild import cli

MEET = ("SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } "
        "ORDER BY ?a ?b")


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_prints_a_summary(tmp_path, capsys):
    code, out, err = run(capsys, "build", str(EXAMPLES), "-o", str(tmp_path))
    assert code == 0, err
    assert out.startswith("3 documents, ")
    assert "entities" in out and "relations" in out and " s\n" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.gexf", "edges.csv", "graph.gexf", "graph.graphml", "graph.html",
        "graph.jsonld", "graph.ttl", "merges.csv", "nodes.csv", "triples.csv"]


def test_build_from_stdin(tmp_path, capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("Russia backs Assad. Kerry met Lavrov."))
    code, out, _ = run(capsys, "build", "-", "-o", str(tmp_path))
    assert code == 0
    assert out.startswith("1 documents, ")


def test_query_table_csv_json(sample_output, capsys):
    ttl = str(sample_output / "graph.ttl")
    code, out, _ = run(capsys, "query", ttl, MEET)
    assert code == 0
    assert "John Kerry" in out and "Sergei Lavrov" in out and out.rstrip().endswith("rows)")
    code, out, _ = run(capsys, "query", ttl, MEET, "--format", "csv")
    assert out.splitlines()[0] == "a,b"
    code, out, _ = run(capsys, "query", ttl, MEET, "--format", "json")
    rows = json.loads(out)["results"]["bindings"]
    assert {"a": "John Kerry", "b": "Sergei Lavrov"} in [
        {k: v["value"] for k, v in row.items()} for row in rows]


def test_query_from_file(sample_output, tmp_path, capsys):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?a rel:meet ?b }", encoding="utf-8")
    code, out, _ = run(capsys, "query", str(sample_output / "graph.ttl"), "-f", str(rq))
    assert (code, out.strip()) == (0, "true")


def test_render(sample_output, tmp_path, capsys):
    page = tmp_path / "page.html"
    code, out, _ = run(capsys, "render", str(sample_output / "graph.ttl"), "-o", str(page))
    assert code == 0 and out.startswith(f"wrote {page}")
    assert "Sergei Lavrov" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["build", "no/such/dir", "-o", "x"], "input not found: 'no/such/dir'"),
    (["query", "missing.ttl", "SELECT * {}"], "graph file not found: 'missing.ttl'"),
    (["build", "EXAMPLES", "--model", "no_such_model"], "spaCy model 'no_such_model' is not "
                                                          "installed"),
    (["build", "EXAMPLES", "--base", "not an iri"], "invalid base IRI"),
])
def test_errors_are_one_line(argv, message, capsys, tmp_path):
    argv = [str(EXAMPLES) if a == "EXAMPLES" else a for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert err.startswith("graphbuild: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_query_syntax_error_names_the_position(sample_output, capsys):
    code, _, err = run(capsys, "query", str(sample_output / "graph.ttl"), "SELECT ?x WHERE {")
    assert code == 1 and "SPARQL syntax error at line 1, column" in err


def test_nothing_readable_fails_clearly(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "no document could be read" in err and "empty.txt: empty file" in err


def test_unreadable_file_is_counted_in_the_summary(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Russia backs Assad.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run(capsys, "build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 0
    assert out.startswith("1 documents, 1 skipped")
    assert "b.txt" in err


@pytest.mark.parametrize("command", ["build", "query", "render", "serve", "push"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    out, _ = capsys.readouterr()
    assert exit_.value.code == 0
    assert out.startswith("usage: graphbuild " + command) and len(out.splitlines()) > 5


def test_build_help_names_every_output_file(capsys):
    from graphbuild.vocab import OUTPUT_FILES

    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert all(name in out for name in OUTPUT_FILES)


def test_outputs_follow_the_umask_of_the_moment_they_are_written(tmp_path):
    """Not one read (and set) when graphbuild was imported."""
    import os
    import stat

    from graphbuild.outputs.files import atomic_open

    previous = os.umask(0o077)
    try:
        with atomic_open(tmp_path / "a.txt") as handle:
            handle.write("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o600

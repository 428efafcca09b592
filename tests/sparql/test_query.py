"""SPARQL: the ready-made questions, parameters, result formats, errors and time limits."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from collections import Counter, defaultdict

import pytest
from conftest import ROOT
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.query import Result

from graphbuild import cli
from graphbuild.errors import QueryError, QueryTimeoutError
from graphbuild.rdf import read_graph, turtle_term
from graphbuild.sparql.query import query, query_form, run_with_timeout
from graphbuild.sparql.questions import bind_parameters, parse_question, question, questions
from graphbuild.sparql.results import FORMATS, format_result, limit_result, serialize_result
from graphbuild.vocab import GB, SCHEMA

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def graph(sample_output):
    return read_graph(str(sample_output / "graph.ttl"))


def example_values(q):
    """The ``--param`` values of a question's ``# example:`` line."""
    return dict(re.findall(r"--param (\w+)=(\S+)", q.example))


def rows(graph, which, /, **values):
    q = question(which)
    result = query(graph, q.text, bindings=bind_parameters(q, values))
    return [{str(k): (None if v is None else v.toPython()) for k, v in row.asdict().items()}
            for row in result]


# -- the shipped questions --------------------------------------------------------------------

def test_the_questions_the_issue_asks_for_are_shipped():
    assert {"who-met-whom", "who-backs-whom", "entity", "evidence", "most-connected",
            "relations-per-document", "in-most-documents"} <= {q.name for q in questions()}


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_each_question_is_documented_and_finds_something(q, graph):
    assert q.title and q.title != q.name and len(q.description) > 40
    if q.name in ("conflict-network", "cooperation-network") and not any(
            graph.triples((None, GB.actionClass, None))):
        pytest.skip("the sample graph has no gb:actionClass yet (the relation classes of "
                    "issue 13); tests/test_network.py runs it on classed RDF")
    for parameter in q.parameters:
        assert re.search(rf"\?{parameter.name}\b", q.text), parameter.name
        assert parameter.description
    values = example_values(q)
    assert set(values) == {p.name for p in q.parameters if p.required}
    assert query_form(q.text) == "SELECT"
    assert len(list(query(graph, q.text, bindings=bind_parameters(q, values)))) > 0


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_each_question_is_in_the_readme(q):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"graphbuild query {q.name}" in readme or f"query GRAPH {q.name}" in readme \
        or re.search(rf"graphbuild query \S+ {re.escape(q.name)}\b", readme), q.name


def test_who_met_whom(graph):
    found = rows(graph, "who-met-whom")
    assert {"entity": "John Kerry", "how": "meet", "other": "Sergei Lavrov"}.items() <= \
        next(r for r in found if r["other"] == "Sergei Lavrov").items()
    # every row is a meeting the graph asserts, counted from its statements
    for row in found:
        assert row["sentences"] >= row["articles"] >= 1


def test_who_backs_whom(graph):
    found = {(r["backer"], r["stance"], r["backed"]) for r in rows(graph, "who-backs-whom")}
    assert ("Russia", "backs", "Bashar al-Assad") in found


def test_entity_found_by_alias_in_any_case(graph):
    found = rows(graph, "entity", name="kerry")
    fields = defaultdict(set)
    for row in found:
        fields[row["field"]].add(row["value"])
    assert {r["entity"] for r in found} == {"John Kerry"}
    assert fields["type"] == {"PERSON"} and "Kerry" in fields["alias"]
    assert "Secretary of State" in fields["title"]
    assert "-> meet Sergei Lavrov" in fields["relation"]
    assert any(v.startswith("<- ") for v in fields["relation"])  # incoming relations too


def test_entity_relation_counts_match_the_statements(graph):
    kerry = next(graph.subjects(RDFS.label, Literal("John Kerry")))
    expected = Counter()
    for st in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                   graph.value(st, RDF.object))
        if kerry in (s, o):
            arrow, other = ("->", o) if s == kerry else ("<-", s)
            expected[f"{arrow} {graph.value(p, RDFS.label)} {graph.value(other, RDFS.label)}"] += 1
    found = {r["value"]: r["sentences"] for r in rows(graph, "entity", name="John Kerry")
             if r["field"] == "relation"}
    assert found == dict(expected)


def test_entity_parameter_is_never_query_text(graph):
    hostile = 'Kerry")) } UNION { ?e ?p ?o } #'
    assert rows(graph, "entity", name=hostile) == []


def test_unknown_names_find_nothing(graph):
    """Not everything: rdflib yields one empty group for a GROUP BY over no rows."""
    assert rows(graph, "entity", name="Nobody at all") == []
    assert rows(graph, "evidence", a="Nobody at all", b="Kerry") == []
    assert rows(graph, "evidence", a="Kerry", b="Nobody at all") == []


def test_evidence_both_ways_and_by_predicate(graph):
    there = rows(graph, "evidence", a="Kerry", b="Lavrov")
    back = rows(graph, "evidence", a="Sergei Lavrov", b="john kerry")
    assert there and sorted(map(str, there)) == sorted(map(str, back))
    assert all("Lavrov" in r["sentence"] and r["article"] for r in there)
    assert {r["relation"] for r in there} >= {"meet"}
    talks = rows(graph, "evidence", a="Kerry", b="Lavrov", predicate="TALK")
    assert talks and {r["relation"] for r in talks} == {"talk"}


def partners(graph):
    """Entity label -> set of partners, computed from the statements without SPARQL."""
    out = defaultdict(set)
    for st in graph.subjects(RDF.type, RDF.Statement):
        s, o = graph.value(st, RDF.subject), graph.value(st, RDF.object)
        out[str(graph.value(s, RDFS.label))].add(o)
        out[str(graph.value(o, RDFS.label))].add(s)
    return out


def test_most_connected_counts_partners(graph):
    found = rows(graph, "most-connected")
    expected = partners(graph)
    assert found[0]["partners"] == max(len(p) for p in expected.values())
    for row in found:
        assert row["partners"] == len(expected[row["entity"]])
    assert [r["partners"] for r in found] == sorted((r["partners"] for r in found), reverse=True)


def test_relations_per_document_adds_up(graph):
    found = rows(graph, "relations-per-document")
    assert len(found) == len(set(graph.subjects(RDF.type, SCHEMA.NewsArticle))) == 3
    statements = len({s for s in graph.subjects(GB.document, None)
                      if (s, RDF.type, RDF.Statement) in graph})
    assert sum(r["sentences"] for r in found) == statements


def test_in_most_documents(graph):
    found = rows(graph, "in-most-documents")
    russia = next(r for r in found if r["entity"] == "Russia")
    assert russia["articles"] == 3
    assert [r["articles"] for r in found] == sorted((r["articles"] for r in found), reverse=True)


def test_unknown_question_lists_the_others():
    with pytest.raises(QueryError, match="no ready-made question 'nope'; choose one of .*"
                                         "who-met-whom"):
        question("nope")


# -- parameters -------------------------------------------------------------------------------

HEADER = """# title: Things by type
# description: Lists things
#   of one type.
# param type (iri, required): the class
# param min (integer, optional): at least this many
# example: --param type=<https://schema.org/Person>
SELECT ?x WHERE { ?x a ?type }
"""


def test_header_is_parsed():
    q = parse_question(HEADER, "things")
    assert (q.title, q.description) == ("Things by type", "Lists things of one type.")
    assert [(p.name, p.type, p.required) for p in q.parameters] == [
        ("type", "iri", True), ("min", "integer", False)]
    assert q.example == "--param type=<https://schema.org/Person>"


@pytest.mark.parametrize("values, expected", [
    ({"type": "<https://schema.org/Person>"}, {"type": URIRef("https://schema.org/Person")}),
    ({"type": "https://schema.org/Person", "min": "2"},
     {"type": URIRef("https://schema.org/Person"), "min": Literal(2)}),
])
def test_parameters_are_typed(values, expected):
    assert bind_parameters(parse_question(HEADER, "things"), values) == expected


@pytest.mark.parametrize("values, message", [
    ({}, r"'things' needs --param type=VALUE \(e.g. --param type="),
    ({"type": "not an iri"}, "--param type='not an iri' is not a valid iri"),
    ({"type": "urn:x", "min": "two"}, "--param min='two' is not a valid integer"),
    ({"type": "urn:x", "colour": "red"}, "'things' has no parameter 'colour'; its parameters "
                                         "are type, min"),
])
def test_bad_parameters_are_named(values, message):
    with pytest.raises(QueryError, match=message):
        bind_parameters(parse_question(HEADER, "things"), values)


def test_bad_param_line_is_named():
    with pytest.raises(QueryError, match="unknown option 'number'"):
        parse_question("# param n (number): x\nASK {}", "q")


def test_undeclared_parameters_bind_variables_of_the_text(graph):
    q = parse_question("SELECT ?e WHERE { ?e rdfs:label ?name }")
    result = query(graph, q.text, bindings=bind_parameters(q, {"name": "Sergei Lavrov"}))
    assert len(list(result)) == 1
    with pytest.raises(QueryError, match=r"the query has no variable \?nme"):
        bind_parameters(q, {"nme": "x"})


# -- query forms and result formats -----------------------------------------------------------

MEET = "SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b"
LAOS = "CONSTRUCT { ?e ?p ?o } WHERE { ?e rdfs:label 'Laos' ; ?p ?o }"


def test_select_in_every_results_format_reads_back(graph):
    """Each SPARQL results format is read back by rdflib's own parser (TSV is ours)."""
    expected = [tuple(row) for row in query(graph, MEET)]
    for fmt in ("json", "xml", "csv", "tsv"):
        text = format_result(query(graph, MEET), fmt)
        back = Result.parse(io.StringIO(text), format=fmt)
        assert [tuple(str(v) for v in row) for row in back] == \
            [tuple(str(v) for v in row) for row in expected], fmt
    tsv = format_result(query(graph, MEET), "tsv").splitlines()
    assert tsv[0] == "?a\t?b" and tsv[1].startswith('"')


def test_tsv_escapes_and_writes_terms_in_turtle():
    g = Graph()
    g.add((URIRef("urn:a"), RDFS.label, Literal("tab\there\nnew \"line\"")))
    g.add((URIRef("urn:a"), GB.mentionCount, Literal(3)))
    g.add((URIRef("urn:a"), SKOS.altLabel, Literal("Moskva", lang="ru")))
    text = format_result(query(g, "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"), "tsv")
    assert text.count("\n") == 4  # header, three rows: no raw newline inside a value
    assert '<urn:a>\t3' in text and '"Moskva"@ru' in text
    assert r'"tab\there\nnew \"line\""' in text
    back = Result.parse(io.StringIO(text), format="tsv")
    assert Literal("tab\there\nnew \"line\"") in {row[1] for row in back}


def test_table_output(graph):
    table = format_result(query(graph, MEET))
    lines = table.splitlines()
    assert lines[0].split() == ["a", "b"] and set(lines[1]) <= {"-", " "}
    assert re.search(r"John Kerry\s+Sergei Lavrov", table)
    assert lines[-1] == f"({len(lines) - 3} rows)"


def test_ask(graph):
    result = query(graph, "ASK { ?a rel:meet ?b }")
    assert format_result(result) == "true"
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in format_result(result, "xml")


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("fmt, parse_as", [("table", "turtle"), ("turtle", "turtle"),
                                           ("nt", "nt"), ("xml", "xml"), ("json-ld", "json-ld"),
                                           ("json", "json-ld")])
def test_construct_gives_rdf(graph, fmt, parse_as):
    expected = query(graph, LAOS).graph
    back = Graph().parse(data=format_result(query(graph, LAOS), fmt), format=parse_as)
    assert len(back) == len(expected) > 3 and set(back) == set(expected)


def test_describe(graph):
    text = format_result(query(graph, "DESCRIBE ?e WHERE { ?e rdfs:label 'Laos' }"))
    assert "rdfs:label \"Laos\"" in text and text.startswith("@prefix")


@pytest.mark.parametrize("text, fmt, message", [
    (MEET, "turtle", "a SELECT query gives a table: choose a format among table, json"),
    (LAOS, "csv", "a CONSTRUCT query gives a graph: choose a format among turtle, nt"),
    (MEET, "yaml", "unknown format 'yaml'"),
])
def test_formats_that_do_not_fit(graph, text, fmt, message):
    with pytest.raises(QueryError, match=message):
        serialize_result(query(graph, text), fmt)


@pytest.mark.parametrize("text, message", [
    ("SELECT ?x WHERE {\n  ?x rdfs:label }", r"SPARQL syntax error at line 2, column \d+"),
    ("SELECT ?x WHERE { ?x nope:label ?y }", "Unknown namespace prefix : nope"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "this is a SPARQL Update"),
    ("DELETE WHERE { ?s ?p ?o }", "graphbuild only reads graphs"),
])
def test_query_errors_are_one_clear_line(graph, text, message):
    with pytest.raises(QueryError, match=message) as caught:
        query(graph, text)
    assert "\n" not in str(caught.value)


def test_turtle_terms():
    assert turtle_term(BNode("x")) == "_:x"
    assert turtle_term(Literal("1.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
                       ) == "1.50"
    assert turtle_term(Literal("x", datatype=URIRef("urn:dt"))) == '"x"^^<urn:dt>'


# -- limits -----------------------------------------------------------------------------------

def test_limit_result_cuts_select_and_construct(graph):
    limited, cut = limit_result(query(graph, "SELECT * WHERE { ?s ?p ?o }"), 10)
    assert cut and len(list(limited)) == 10
    assert set(json.loads(format_result(limited, "json"))["head"]["vars"]) == {"s", "p", "o"}
    limited, cut = limit_result(query(graph, "SELECT * WHERE { ?s rdfs:label 'Laos' }"), 10)
    assert not cut and len(list(limited)) == 1
    limited, cut = limit_result(query(graph, "CONSTRUCT WHERE { ?s ?p ?o }"), 25)
    assert cut and len(limited.graph) == 25


def test_a_slow_query_is_stopped(graph):
    started = time.perf_counter()
    with pytest.raises(QueryTimeoutError, match="ran longer than 0.5 s and was stopped"):
        run_with_timeout(lambda: list(query(graph, SLOW)), 0.5)
    assert time.perf_counter() - started < 3
    time.sleep(0.1)
    assert not [t for t in threading.enumerate() if t.name == "graphbuild-query"]
    # the graph is still usable
    assert run_with_timeout(lambda: len(list(query(graph, MEET))), 5) > 0


def test_errors_in_the_worker_reach_the_caller():
    with pytest.raises(ZeroDivisionError):
        run_with_timeout(lambda: 1 / 0, 1)


# -- the command line -------------------------------------------------------------------------

def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_list(capsys):
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    for q in questions():
        assert re.search(rf"^{re.escape(q.name)}\s+{re.escape(q.title)}", out, re.M)
    assert "--param name=VALUE" in out and "[--param predicate=VALUE]" in out


def test_cli_question_on_the_default_graph(sample_output, tmp_path, monkeypatch, capsys):
    (tmp_path / "output").symlink_to(sample_output, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "query", "who-met-whom")
    assert code == 0, err
    assert re.search(r"John Kerry\s+meet\s+Sergei Lavrov", out)


def test_cli_question_with_parameters(sample_output, capsys):
    ttl = str(sample_output / "graph.ttl")
    code, out, err = run(capsys, "query", ttl, "entity", "--param", "name=Kerry",
                         "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[0] == "entity,field,value,sentences"
    assert "John Kerry,title,Secretary of State," in out
    code, _, err = run(capsys, "query", ttl, "evidence", "-p", "a=Kerry")
    assert code == 1 and err == "graphbuild: error: 'evidence' needs --param b=VALUE (e.g. " \
                                "--param a=Kerry --param b=Lavrov)\n"


def test_cli_params_on_a_query_file(sample_output, tmp_path, capsys):
    rq = tmp_path / "who.rq"
    rq.write_text("# title: Labels of a thing\nSELECT ?label WHERE { ?e rdfs:label ?label ; "
                  "skos:altLabel ?alias }", encoding="utf-8")
    code, out, _ = run(capsys, "query", str(sample_output / "graph.ttl"), "-f", str(rq),
                       "--param", "alias=Lavrov")
    assert code == 0 and "Sergei Lavrov" in out and "(1 row)" in out
    code, again, _ = run(capsys, "query", str(sample_output / "graph.ttl"), str(rq),
                         "--param", "alias=Lavrov")  # a .rq file without -f
    assert code == 0 and again == out


def test_cli_construct_as_ntriples(sample_output, capsys):
    code, out, _ = run(capsys, "query", str(sample_output / "graph.ttl"), LAOS,
                       "--format", "nt")
    assert code == 0
    assert len(Graph().parse(data=out, format="nt")) > 3


def test_cli_timeout(sample_output, capsys):
    code, _, err = run(capsys, "query", str(sample_output / "graph.ttl"), SLOW,
                       "--timeout", "0.5")
    assert code == 1 and "ran longer than 0.5 s" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, message, expected", [
    (["query"], "give a query: SPARQL text, the name of a ready-made question", 2),
    (["query", "graph.ttl"], "give a query: SPARQL text, the name of a ready-made question "
                             "(graphbuild query --list) or -f FILE, after the graph 'graph.ttl'",
     2),
    (["query", "x.ttl", "who-met-whom", "-p", "oops"], "--param takes NAME=VALUE, not 'oops'", 2),
    (["query", "GRAPH", "entity", "-p", "nam=Kerry"], "'entity' has no parameter 'nam'", 1),
])
def test_cli_query_usage_errors(argv, message, expected, sample_output, capsys):
    """Bad usage exits with 2 (as argparse's own errors do); a query error with 1."""
    argv = [str(sample_output / "graph.ttl") if a == "GRAPH" else a for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == expected and message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_formats_are_all_accepted(fmt, sample_output, capsys):
    text = LAOS if fmt in ("turtle", "nt", "json-ld") else MEET
    code, out, err = run(capsys, "query", str(sample_output / "graph.ttl"), text, "--format", fmt)
    assert code == 0, err
    assert out.strip()

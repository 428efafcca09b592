"""The README's examples run, and every command is documented there."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from rdflib import Graph

from graphbuild.sparql.query import query

README = (ROOT / "README.md").read_text(encoding="utf-8")
SPARQL = re.findall(r"```sparql\n(.*?)```", README, re.S)


def test_readme_has_sparql_examples():
    assert len(SPARQL) >= 4


@pytest.mark.parametrize("text", SPARQL)
def test_readme_sparql_runs_and_finds_something(text, sample_output):
    graph = Graph().parse(sample_output / "graph.ttl", format="turtle")
    assert len(list(query(graph, text))) > 0


@pytest.mark.parametrize("command", ["graphbuild build", "graphbuild query", "graphbuild render"])
def test_readme_documents_each_command(command):
    assert command in README


def test_readme_commands_are_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]"' in README and 'pip install -e ".[test]"' in ci
    assert ".venv/bin/pytest" in ci

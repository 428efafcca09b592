"""Deterministic: the same input gives byte-identical outputs run after run, whatever the hash
seed of the interpreter and with 1 or 2 parser processes."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from robust_util import run_python

STABLE = ("graph.ttl", "graph.jsonld", "graph.gexf", "graph.graphml", "triples.csv",
          "nodes.csv", "edges.csv", "merges.csv", "graph.html")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The examples built in two fresh interpreters: hash seed 1 with one process, hash seed 2
    with two parser processes."""
    outputs = {}
    for seed, processes in (("1", "1"), ("2", "2")):
        out = tmp_path_factory.mktemp(f"seed{seed}")
        done = run_python("import sys; from graphbuild.cli import main; sys.exit(main())",
                          "build", str(EXAMPLES), "-o", str(out), "--quiet", "--processes",
                          processes, env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs[seed] = out
    return outputs


@pytest.mark.parametrize("name", STABLE)
def test_outputs_are_the_same_bytes_across_seeds_and_processes(builds, sample_output, name):
    if not (sample_output / name).exists():
        pytest.skip(f"{name} is not written")
    expected = (sample_output / name).read_bytes()  # in this process, one parser process
    assert len(expected) > 100
    assert (builds["1"] / name).read_bytes() == expected
    assert (builds["2"] / name).read_bytes() == expected

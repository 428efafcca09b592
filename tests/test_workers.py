"""Distributed runs: parsing and extraction on a local Dask cluster of two worker processes,
merging and writing here; the graph is the one a single process makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import workers
from graphbuild.cli import main
from graphbuild.outputs.rdf_files import write_turtle
from graphbuild.pipeline import build_graph

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "syria"

distributed = pytest.importorskip("distributed")

TEXTS = [
    "Russia backs Assad. Kerry met Lavrov in Moscow.",
    "U.S. Secretary of State John Kerry called on Russia to stop the strikes.",
    "Lavrov and Kerry have met in Geneva. Kerry said he hopes to work with Russia.",
]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       host="127.0.0.1", dashboard_address="127.0.0.1:0")
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_dask_build_is_the_single_process_build(client, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "BATCH_DOCUMENTS", 1)  # several tasks, on both workers
    sources = [str(EXAMPLES), *TEXTS]
    local = build_graph(sources)
    distributed_kg = build_graph(sources, executor=client.get_executor(pure=False), n_process=2)
    write_turtle(local.graph, tmp_path / "local.ttl")
    write_turtle(distributed_kg.graph, tmp_path / "dask.ttl")
    assert (tmp_path / "dask.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()
    assert distributed_kg.stats.documents == 6 and distributed_kg.stats.relations > 10
    # the work ran on the workers: each loaded the model and parsed a share
    assert distributed_kg.seconds["parse"] > 0
    ran = client.run(lambda: __import__("graphbuild.nlp").nlp._CACHE.__len__())
    assert sorted(ran.values()) == [1, 1]


def test_cli_build_with_dask(client, tmp_path, capsys):
    address = client.scheduler.address
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path / "dask"), "--dask", address]) == 0
    assert "3 documents" in capsys.readouterr().out
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path / "local"), "-q"]) == 0
    assert ((tmp_path / "dask" / "graph.ttl").read_bytes()
            == (tmp_path / "local" / "graph.ttl").read_bytes())


def test_cli_dask_scheduler_unreachable(capsys, monkeypatch):
    monkeypatch.setattr(distributed.Client, "__init__", _refuse)
    assert main(["build", str(EXAMPLES), "--dask", "tcp://127.0.0.1:9", "-q"]) == 1
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in capsys.readouterr().err


def _refuse(self, *args, **kwargs):
    raise OSError("Timed out trying to connect to tcp://127.0.0.1:9 after 30 s")


def test_cli_dask_local_cluster(tmp_path, capsys):
    assert main(["build", TEXTS[0], "-o", str(tmp_path), "--dask", "local"]) == 0
    assert "1 documents" in capsys.readouterr().out
    assert "rel/back" in (tmp_path / "graph.ttl").read_text(encoding="utf-8") or \
        "rel:back" in (tmp_path / "graph.ttl").read_text(encoding="utf-8")

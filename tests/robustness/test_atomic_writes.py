"""Nothing lost: every output is written into a temporary folder beside the output folder and
the folder swapped in at once, so a build killed with SIGKILL half-way leaves the previous
outputs whole and readable (all of them: never a mix of old and new), and running again cleans
up and completes with the same bytes (whatever the hash seed). tests/outputs/test_output_set.py
kills the swap itself at every step."""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import re
import shutil
import signal
import threading
import time
from pathlib import Path

import networkx as nx
import pytest
from conftest import EXAMPLES
from rdflib import Graph
from robust_util import assert_valid_gexf, hooked_cli, turtle_triples

from graphbuild.cli import main

EXTRA = ("Angela Merkel met Vladimir Putin in Berlin on {day}.",
         "Francois Hollande called on Iran to stop the attacks in Aleppo ({n}).")


def variant(folder: Path, copies: int, *, first: int = 0) -> Path:
    """The example articles, ``copies`` times, each copy with two sentences of its own
    (numbered from ``first``)."""
    folder.mkdir(parents=True)
    for n in range(first, first + copies):
        for path in sorted(EXAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            extra = " ".join(s.format(day=f"day {n}", n=n) for s in EXTRA)
            (folder / f"{n:02}-{path.name}").write_text(f"{text}\n\n{extra}\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """The outputs in ``folder`` (temporary files left by a killed run are not outputs)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def assert_readable(folder: Path) -> None:
    """Each output parses with an independent reader."""
    for name, data in snapshot(folder).items():
        if name.endswith(".ttl"):
            graph = Graph().parse(data=data, format="turtle")
            assert turtle_triples(data) == len(graph) > 100, name
        elif name.endswith(".jsonld"):
            assert len(Graph().parse(data=data, format="json-ld")) > 100, name
        elif name.endswith(".gexf"):
            assert_valid_gexf(data)
        elif name.endswith(".graphml"):
            assert nx.read_graphml(io.BytesIO(data), force_multigraph=True).number_of_nodes()
        elif name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
            assert rows and all(len(row) == len(rows[0]) for row in rows), name
        elif name.endswith(".html"):
            assert data.rstrip().endswith(b"</html>"), name
        else:
            assert data, name


def run_until(process, marker: str, *, timeout: float = 120) -> list[str]:
    """Read the process's stderr lines until one starts with ``marker``; returns them all."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"the build ended before {marker!r}:\n{''.join(seen)}")
            seen.append(line)
            if line.startswith(marker):
                return seen
    except BaseException:
        process.kill()
        raise


def kill(process) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The previous outputs (the examples), and a complete build of new input (the examples
    varied) with the file writes and renames it made, and the order it wrote its outputs."""
    base = tmp_path_factory.mktemp("kill")
    old = base / "old"
    assert main(["build", str(EXAMPLES), "-o", str(old), "--quiet"]) == 0
    new_input = variant(base / "new-input", 1)
    new = base / "new"
    audit = base / "audit.json"
    process = hooked_cli("build", str(new_input), "-o", str(new), "--quiet",
                         GB_TEST_FSYNC="0", GB_TEST_AUDIT=str(audit), PYTHONHASHSEED="1")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    # "FSYNC 1 /…/new/.graph.ttl.k2j4_x.tmp": graph.ttl is the first output written
    # (folders are synced too, after their files: their names do not match)
    order = [found[1] for line in err.splitlines() if line.startswith("FSYNC ")
             for found in [re.fullmatch(r"\.(.+)\.\w+\.tmp",
                                        Path(line.split(" ", 2)[2].strip()).name)] if found]
    return {"old": old, "new": new, "input": new_input, "audit": json.loads(audit.read_text()),
            "order": order, "base": base}


def test_every_output_is_written_in_a_folder_beside_the_output_folder(runs):
    new = runs["new"]
    outputs = set(snapshot(new))
    assert {"graph.ttl", "graph.gexf", "graph.graphml", "graph.html", "triples.csv"} <= outputs
    written = [Path(path) for kind, path, *_ in runs["audit"] if kind == "open"]
    direct = sorted(p.name for p in written if p.parent == new)
    assert not direct, f"written in the output folder, not in the set's folder: {direct}"
    folders = {p.parent for p in written if p.name.endswith(".tmp")}
    assert len(folders) == 1, folders
    folder, = folders
    assert folder.parent == new.parent and folder.name.startswith(".new.graphbuild-")
    # the folder becomes the output folder: one rename (there was none before)
    assert ["rename", str(folder), str(new)] in runs["audit"]
    # each file synced to disk once, before the folder is renamed
    assert sorted(runs["order"]) == sorted(outputs)


@pytest.mark.parametrize("at", ["first", "middle", "last"])
def test_a_build_killed_while_writing_leaves_the_whole_old_set(runs, tmp_path, at):
    out = tmp_path / "out"
    shutil.copytree(runs["old"], out)
    (out / "my-notes.txt").write_text("the user's own file")
    old, new, order = snapshot(out), snapshot(runs["new"]), runs["order"]
    k = {"first": 1, "middle": len(order) // 2 + 1, "last": len(order)}[at]
    process = hooked_cli("build", str(runs["input"]), "-o", str(out), "--quiet",
                         GB_TEST_FSYNC=str(k))
    run_until(process, f"FSYNC {k} ")
    kill(process)  # the k-th output is written in the set's folder, nothing swapped yet
    assert snapshot(out) == old  # every output the previous one, the user's file there
    assert_readable(out)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".out.graphbuild-")]
    assert len(left) == 1 and not [p for p in out.iterdir() if p.name.startswith(".")]
    # running again cleans up and completes, with the same bytes as the uninterrupted build
    assert main(["build", str(runs["input"]), "-o", str(out), "--quiet"]) == 0
    assert snapshot(out) == {**new, "my-notes.txt": b"the user's own file"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]




def test_a_build_killed_while_parsing_changes_nothing(runs, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(runs["old"], out)
    before = snapshot(out)
    big = variant(tmp_path / "big", 8)  # some seconds of parsing
    # (the variants are near-copies of each other: parsed all the same, to take seconds)
    process = hooked_cli("build", str(big), "-o", str(out), "--quiet", "--keep-duplicates",
                         GB_TEST_FSYNC="0")
    time.sleep(4)
    kill(process)
    assert "FSYNC" not in process.stderr.read()  # killed before any output was written
    assert snapshot(out) == before
    assert_readable(out)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """A store of some documents, more documents, and a store of both built without a kill
    (the variants are near-copies of each other: --keep-duplicates parses them all)."""
    base = tmp_path_factory.mktemp("stores")
    first = variant(base / "first", 1)
    second = variant(base / "second", 4, first=1)  # other documents
    store, reference = base / "store", base / "reference"
    for folder in (store, reference):
        assert main(["build", str(first), "--store", str(folder), "--quiet",
                     "--keep-duplicates"]) == 0
    assert main(["build", str(second), "--store", str(reference), "--quiet",
                 "--keep-duplicates"]) == 0
    return {"store": store, "reference": reference, "second": second}


@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_a_store_build_killed_half_way_stays_usable_and_completes(stores, tmp_path, delay):
    from graphbuild.store import open_store, store_counts

    store = tmp_path / "store"
    shutil.copytree(stores["store"], store)
    with open_store(store, read_only=True) as opened:
        before = store_counts(opened)
    second = stores["second"]
    process = hooked_cli("build", str(second), "--store", str(store), "--quiet",
                         "--keep-duplicates",
                         GB_TEST_STORE_MARK="1")
    run_until(process, "STORE")
    time.sleep(delay)  # 0: as the store is written; 0.3 s: after, or late in the write
    kill(process)
    with open_store(store, read_only=True) as opened:  # it opens, answers, in one state or other
        killed = store_counts(opened)
    assert killed["documents"] in (before["documents"],
                                   before["documents"] + len(os.listdir(second)))
    assert main(["build", str(second), "--store", str(store), "--quiet",
                 "--keep-duplicates"]) == 0
    with open_store(store, read_only=True) as opened, \
            open_store(stores["reference"], read_only=True) as expected:
        assert store_counts(opened) == store_counts(expected)
        assert len(opened.graph) == len(expected.graph)

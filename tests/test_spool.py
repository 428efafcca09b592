"""spool: records in a file, read back as they went in; lines sorted on disk, each once; the
scratch folders of killed builds deleted."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graphbuild.spool import Spool, scratch_folder, sorted_lines
from graphbuild.types import Document, Extraction, Mention


def _extraction(n: int) -> Extraction:
    return Extraction(Document(f"d{n}", f"Kerry met Lavrov {n} times."), (),
                      (Mention("Kerry", "Kerry", "PERSON", 0, 5, 0),), (), (), 5)


def test_a_spool_gives_back_its_records_in_order_and_by_index(tmp_path):
    spool: Spool[Extraction] = Spool(tmp_path / "records")
    records = [_extraction(n) for n in range(50)]
    spool.extend(records[:30])
    assert list(spool) == records[:30]
    spool.extend(records[30:])  # appending after a read
    assert len(spool) == 50 and list(spool) == records and list(spool) == records
    assert spool[7] == records[7] and spool[-1] == records[-1] and spool[2:4] == records[2:4]
    with pytest.raises(IndexError):
        spool[50]
    spool.close()
    assert not (tmp_path / "records").exists()


@pytest.mark.parametrize("run_bytes", [1, 64, 10**9])
def test_sorted_lines_sorts_and_deduplicates_through_runs_on_disk(tmp_path, run_bytes):
    rng = random.Random(7)
    lines = [f"<urn:{rng.randrange(300)}> <urn:p> \"é {rng.random():.2f}\" .\n".encode()
             for _ in range(2000)]
    got = list(sorted_lines(iter(lines), folder=tmp_path, run_bytes=run_bytes))
    assert got == sorted(set(lines))
    assert list(tmp_path.iterdir()) == []  # the runs are deleted


def test_sorted_lines_without_a_folder_sorts_in_memory():
    assert list(sorted_lines([b"b\n", b"a\n", b"b\n"], run_bytes=1)) == [b"a\n", b"b\n"]


def test_a_scratch_folder_left_by_a_killed_build_is_deleted_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # a build that ends without cleaning up (os._exit: as SIGKILL, no finaliser runs)
    child = subprocess.run(
        [sys.executable, "-c", "import os, sys; from graphbuild.spool import scratch_folder; "
         "folder = scratch_folder(); print(folder.name, flush=True); os._exit(0)"],
        capture_output=True, text=True, check=True, env={**os.environ, "TMPDIR": str(tmp_path)})
    left = Path(child.stdout.strip())
    assert left.parent == tmp_path and (left / "owner").exists()
    (left / "records.pickle").write_bytes(b"x" * 1000)
    stranger = tmp_path / "graphbuild-not-a-build"  # no owner file: not ours to delete
    stranger.mkdir()
    reused = tmp_path / "graphbuild-reused"  # this process's id, but another start time
    reused.mkdir()
    pid, started, namespace = (left / "owner").read_text().split(" ")
    (reused / "owner").write_text(f"{os.getpid()} 1{started} {namespace}")
    elsewhere = tmp_path / "graphbuild-other-container"  # another pid namespace
    elsewhere.mkdir()
    (elsewhere / "owner").write_text(f"{pid} {started} pid:[1]")

    mine = scratch_folder()
    again = scratch_folder()  # a live owner's folder stays
    assert not left.exists() and not reused.exists()
    assert stranger.exists() and elsewhere.exists()
    assert Path(mine.name).exists() and Path(again.name).exists()
    mine.cleanup()
    again.cleanup()

"""The output set is swapped in whole (graphbuild.outputs.folder): a build killed at any
moment leaves the whole old set or the whole new one, the user's own files in the output folder
are never lost, and the next run cleans up what a killed one left."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graphbuild.outputs import folder as output_folder_module
from graphbuild.outputs.folder import clean_leftovers, output_folder

NAMES = ("a.ttl", "b.csv", "c.html")


def write_set(folder: Path, tag: str) -> None:
    with output_folder(folder, NAMES) as new:
        for name in NAMES:
            (new / name).write_text(f"{tag} {name}\n")


def outputs(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_text() for name in NAMES if (folder / name).exists()}


def user_files(folder: Path) -> None:
    (folder / "notes.txt").write_text("mine")
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "sub" / "deeper" / "keep.md").write_text("mine too")
    (folder / "link").symlink_to("notes.txt")


def assert_user_files(folder: Path) -> None:
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "sub" / "deeper" / "keep.md").read_text() == "mine too"
    assert os.readlink(folder / "link") == "notes.txt"


def no_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_the_set_replaces_the_old_one_and_keeps_the_users_files(tmp_path, monkeypatch,
                                                                 exchange):
    if not exchange:
        monkeypatch.setattr(output_folder_module, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    write_set(out, "old")
    user_files(out)
    os.chmod(out, 0o750)
    write_set(out, "new")
    assert outputs(out) == {name: f"new {name}\n" for name in NAMES}
    assert_user_files(out)
    assert oct(out.stat().st_mode & 0o777) == oct(0o750)
    assert no_leftovers(out) == []


def test_a_failed_build_changes_nothing(tmp_path):
    out = tmp_path / "out"
    write_set(out, "old")
    user_files(out)
    with pytest.raises(RuntimeError), output_folder(out, NAMES) as new:
        (new / "a.ttl").write_text("half")
        raise RuntimeError("disk full")
    assert outputs(out) == {name: f"old {name}\n" for name in NAMES}
    assert_user_files(out)
    assert no_leftovers(out) == []


def test_an_output_folder_given_as_a_link_is_written_where_it_points(tmp_path):
    real = tmp_path / "real"
    write_set(real, "old")
    (tmp_path / "alias").symlink_to("real")
    write_set(tmp_path / "alias", "new")
    assert (tmp_path / "alias").is_symlink() and outputs(real)["a.ttl"] == "new a.ttl\n"


def test_leftovers_are_cleaned_and_the_users_files_in_them_moved_back(tmp_path, caplog,
                                                                       monkeypatch):
    # an earlier CLI run in this process stops the logger's propagation, may set it to ERROR
    monkeypatch.setattr(logging.getLogger("graphbuild"), "propagate", True)
    caplog.set_level(logging.WARNING, logger="graphbuild")
    out = tmp_path / "out"
    write_set(out, "old")
    user_files(out)
    leftover = tmp_path / ".out.graphbuild-abc123"
    leftover.mkdir()
    (leftover / "a.ttl").write_text("half-written")
    (leftover / ".b.csv.1234abcd.tmp").write_text("older graphbuild's temporary file")
    os.link(out / "notes.txt", leftover / "notes.txt")  # a link: the file is in out/
    (leftover / "only-here.txt").write_text("added while the set was swapped")
    (leftover / "sub").mkdir()
    (leftover / "sub" / "new.md").write_text("also")
    (leftover / "sub" / "deeper").mkdir()
    (leftover / "sub" / "deeper" / "keep.md").write_text("another version")  # not a link
    clean_leftovers(out, NAMES)
    assert (out / "only-here.txt").read_text() == "added while the set was swapped"
    assert (out / "sub" / "new.md").read_text() == "also"
    assert_user_files(out)
    # the file that differs is left in place, with a warning; the rest is gone
    assert sorted(str(p.relative_to(leftover)) for p in leftover.rglob("*")) == [
        "sub", "sub/deeper", "sub/deeper/keep.md"]
    assert "differs" in caplog.text


def test_a_missing_output_folder_is_put_back_from_a_complete_leftover(tmp_path):
    out = tmp_path / "out"
    write_set(out, "old")
    os.rename(out, tmp_path / ".out.graphbuild-xyz")  # killed between the two renames
    write_set(out, "new")
    assert outputs(out)["a.ttl"] == "new a.ttl\n"
    assert no_leftovers(out) == []


# A killed run: every call that changes the file system or makes it durable is a point where
# the process may be stopped. The process prints "POINT k call" before the k-th and, at the
# one asked for, waits to be killed.
KILLABLE = r"""
import os, shutil, sys, time
stop, calls = int(sys.argv[1]), [0]

def pausing(name, call):
    def paused(*args, **kwargs):
        calls[0] += 1
        print(f"POINT {calls[0]} {name}", file=sys.stderr, flush=True)
        if calls[0] == stop:
            time.sleep(120)
        return call(*args, **kwargs)
    return paused

{setup}
for name in ("fsync", "rename", "replace", "link", "unlink", "rmdir", "mkdir", "symlink",
             "chmod", "open"):
    setattr(os, name, pausing(name, getattr(os, name)))
from graphbuild.outputs import folder
folder._exchange = pausing("exchange", folder._exchange)
{write}
print(f"DONE {calls[0]}", file=sys.stderr, flush=True)
"""


def killable(setup: str, write: str) -> str:
    return (KILLABLE.replace("{setup}", textwrap.dedent(setup))
            .replace("{write}", textwrap.dedent(write)))


def run_killed(code: str, stop: int, *args: str) -> tuple[list[str], str]:
    """Run ``code``; kill it at point ``stop`` (0: let it finish). Returns the calls made
    (to the point it was killed at) and the last."""
    process = subprocess.Popen([sys.executable, "-c", code, str(stop), *args],
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONHASHSEED": "1"})
    last, seen, calls = "", [], []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("DONE"):
            process.wait(timeout=60)
            return calls, last
        if line.startswith("POINT"):
            last = line.split(" ", 2)[2].strip()
            calls.append(last)
            if stop and int(line.split()[1]) == stop:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=30)
                return calls, last
    process.wait(timeout=60)
    raise AssertionError(f"exit {process.returncode} before point {stop}:\n{''.join(seen)}")


SMALL_SET = killable(
    """
    from pathlib import Path
    if len(sys.argv) > 3:  # a system without RENAME_EXCHANGE
        import graphbuild.outputs.folder
        graphbuild.outputs.folder._exchange = lambda a, b: False
    names = ("a.ttl", "b.csv", "c.html")
    """,
    """
    with folder.output_folder(Path(sys.argv[2]), names) as new:
        for name in names:
            with open(new / name, "w") as handle:
                handle.write(f"new {name}\\n")
                handle.flush()
                os.fsync(handle.fileno())
    """)


def kill_everywhere(tmp_path: Path, code: str, make_old, rerun, *, user: bool = True,
                    args: tuple[str, ...] = (), gap: bool = False,
                    pick=None) -> list[str]:
    """Kill ``code`` at each of its points in turn and check the output folder after each
    kill (the whole old set or the whole new one, the user's files there) and after a rerun
    (the new set, no leftovers). Returns the call made at each point. With ``gap``, the
    output folder may also be missing after a kill (the swap by two renames). ``pick``
    chooses the points (numbered from 1) from the calls of a whole run (default: all)."""
    template = tmp_path / "template"
    make_old(template)
    if user:
        user_files(template)
    old = snapshot(template)
    calls, _ = run_killed(code, 0, str(template), *args)  # the points of a whole run
    new = snapshot(template)
    assert new != old and set(new) == set(old)
    points = []
    for stop in (pick(calls) if pick else range(1, len(calls) + 1)):
        out = tmp_path / f"k{stop}" / "out"
        make_old(out)
        if user:
            user_files(out)
        _, call = run_killed(code, stop, str(out), *args)
        points.append(call)
        if gap and not out.exists():
            points[-1] += " (no folder)"
            rerun(out)
            assert snapshot(out) == new and no_leftovers(out) == []
            continue
        now = snapshot(out)
        assert now in (old, new), (f"point {stop} ({call}): a mix of old and new: "
                                   f"{sorted(k for k in now if now[k] != new.get(k))}")
        if user:
            assert_user_files(out)
        rerun(out)
        assert snapshot(out) == new, f"point {stop} ({call}): the rerun"
        if user:
            assert_user_files(out)
        assert no_leftovers(out) == [], f"point {stop} ({call}): left {no_leftovers(out)}"
    print(f"\n{len(points)} of {len(calls)} kill points: {' '.join(points)}")  # with -s
    return points


def snapshot(folder: Path) -> dict[str, bytes]:
    """graphbuild's files in ``folder`` (not the user's, which are checked on their own)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink() and p.name not in ("notes.txt",)}


def test_a_small_set_killed_at_every_point(tmp_path):
    points = kill_everywhere(tmp_path, SMALL_SET, lambda out: write_set(out, "old"),
                             lambda out: write_set(out, "new"))
    assert len(points) >= 15 and "exchange" in points, " ".join(points)


def test_a_small_set_swapped_by_two_renames_killed_at_every_point(tmp_path):
    points = kill_everywhere(tmp_path, SMALL_SET, lambda out: write_set(out, "old"),
                             lambda out: write_set(out, "new"), args=("no-exchange",), gap=True)
    assert sum(p.endswith("(no folder)") for p in points) == 1, " ".join(points)


# The real thing: write_outputs of a graph, killed at its points.
WRITE_OUTPUTS = killable(
    """
    from pathlib import Path
    from rdflib import Graph
    from graphbuild.outputs import write_outputs
    graph = Graph().parse(sys.argv[3], format="turtle")
    """,
    """
    write_outputs(graph, Path(sys.argv[2]))
    """)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The graph of the example articles (the old outputs) and of those articles and one more
    (the new)."""
    from conftest import EXAMPLES

    from graphbuild.outputs import write_outputs
    from graphbuild.pipeline import build_graph

    base = tmp_path_factory.mktemp("graphs")
    old = build_graph([EXAMPLES]).graph
    new = build_graph([EXAMPLES, "Angela Merkel met Vladimir Putin in Berlin on Monday."]).graph
    new.serialize(base / "new.ttl", format="turtle")
    return {"old": lambda out: write_outputs(old, out),
            "new": lambda out: write_outputs(new, out), "new_ttl": str(base / "new.ttl")}


def swap_and_some_writes(calls: list[str]) -> list[int]:
    """Every point from the last file renamed into the set's folder on (the swap), and the
    first, middle and last file writes before (each like the others: into the new folder).
    With GRAPHBUILD_SLOW_TESTS=1, every point."""
    if os.environ.get("GRAPHBUILD_SLOW_TESTS"):
        return list(range(1, len(calls) + 1))
    last_write = max(k for k, call in enumerate(calls, 1) if call == "replace")
    writes = [k for k, call in enumerate(calls[:last_write], 1) if call == "fsync"]
    return sorted({writes[0], writes[len(writes) // 2], *range(last_write, len(calls) + 1)})


def test_write_outputs_killed_at_every_point_leaves_a_whole_set(graphs, tmp_path):
    points = kill_everywhere(tmp_path, WRITE_OUTPUTS, graphs["old"], graphs["new"],
                             args=(graphs["new_ttl"],), pick=swap_and_some_writes)
    assert points.count("exchange") == 1, " ".join(points)
    # every file is written (flushed to disk, renamed into the new folder) before the swap
    assert points.index("exchange") > points.index("replace"), " ".join(points)


def test_when_a_file_cannot_be_linked_each_output_is_replaced_on_its_own(tmp_path,
                                                                          monkeypatch, caplog):
    # an earlier CLI run in this process stops the logger's propagation, may set it to ERROR
    monkeypatch.setattr(logging.getLogger("graphbuild"), "propagate", True)
    caplog.set_level(logging.WARNING, logger="graphbuild")
    out = tmp_path / "out"
    write_set(out, "old")
    user_files(out)

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(out / "notes.txt"))

    monkeypatch.setattr(os, "link", refuse)
    write_set(out, "new")
    assert outputs(out) == {name: f"new {name}\n" for name in NAMES}
    assert_user_files(out)
    assert no_leftovers(out) == []
    assert "replaced one by one" in caplog.text

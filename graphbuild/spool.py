"""Records and lines kept on disk, so that a build's memory does not grow with its corpus.

- :class:`Spool`: records (any that pickle, such as the extraction records) appended to a
  file and read back in order, or one by index;
- :func:`sorted_lines`: byte lines sorted, each once, through sorted runs on disk and a
  merge of them (an external merge sort): the N-Triples of a graph too big to sort in memory;
- :func:`scratch_folder`: the temporary folder a build keeps them in, which names the process
  that owns it, so that the folders of builds killed before they could delete theirs are
  deleted by the next build.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> spool = Spool(folder / "records")
>>> spool.extend(["b", "a"])
>>> list(spool), spool[1], len(spool)
(['b', 'a'], 'a', 2)
>>> list(sorted_lines([b"b\\n", b"a\\n", b"b\\n"], folder=folder, run_bytes=2))
[b'a\\n', b'b\\n']
"""

from __future__ import annotations

import heapq
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Generic, TypeVar, overload

_T = TypeVar("_T")

log = logging.getLogger(__name__)

RUN_BYTES = 32 * 1024 * 1024
"""Bytes of lines :func:`sorted_lines` sorts in memory at a time (it holds about three times
that: the lines, their set and the sorted list)."""


class Spool(Sequence[_T], Generic[_T]):
    """A list of records in a file: appended to, read back in order (many times) or by index.

    Only the offset of each record stays in memory. The file is deleted by :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file = open(self.path, "w+b")  # noqa: SIM115 (closed by close())
        self._offsets: list[int] = []

    def append(self, record: _T) -> None:
        self._file.seek(0, os.SEEK_END)
        self._offsets.append(self._file.tell())
        pickle.dump(record, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def extend(self, records: Iterable[_T]) -> None:
        for record in records:
            self.append(record)

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        self._file.seek(self._offsets[index])
        return pickle.load(self._file)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[_T]:
        self._file.flush()
        with open(self.path, "rb") as handle:  # its own position: appending may go on
            for _ in range(len(self._offsets)):
                yield pickle.load(handle)

    def close(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


def sorted_lines(lines: Iterable[bytes], *, folder: str | os.PathLike[str] | None = None,
                 run_bytes: int | None = None) -> Iterator[bytes]:
    """``lines`` (each ending in a newline) in byte order, each once.

    Up to ``run_bytes`` (default :data:`RUN_BYTES`) of lines are sorted in memory at a time;
    with a ``folder``, each such run is written there and the runs are merged as they are read
    (their files are deleted when the iterator is done), so memory holds one run, whatever the
    number of lines. Without a folder, all lines are sorted in memory.
    """
    limit = RUN_BYTES if run_bytes is None else run_bytes
    runs: list[Path] = []
    batch: set[bytes] = set()
    size = 0
    try:
        for line in lines:
            if line not in batch:
                batch.add(line)
                size += len(line)
                if folder is not None and size >= limit:
                    runs.append(_write_run(batch, Path(folder)))
                    batch, size = set(), 0
        if not runs:
            yield from sorted(batch)
            return
        if batch:
            runs.append(_write_run(batch, Path(folder)))  # type: ignore[arg-type]
        del batch
        handles = [open(run, "rb") for run in runs]  # noqa: SIM115 (closed below)
        try:
            previous = None
            for line in heapq.merge(*handles):
                if line != previous:
                    yield line
                    previous = line
        finally:
            for handle in handles:
                handle.close()
    finally:
        for run in runs:
            run.unlink(missing_ok=True)


def _write_run(lines: set[bytes], folder: Path) -> Path:
    descriptor, name = tempfile.mkstemp(prefix="run-", dir=folder)
    with os.fdopen(descriptor, "wb") as handle:
        handle.writelines(sorted(lines))
    return Path(name)



SCRATCH_PREFIX = "graphbuild-"
_OWNER = "owner"  # in a scratch folder: "PID START", the process that made it and its start


def scratch_folder() -> tempfile.TemporaryDirectory[str]:
    """A new temporary folder for one build, deleted by its ``cleanup()``.

    A build that is killed (SIGKILL, out of memory, the machine stopped) leaves its folder
    behind, and a large corpus's records and graph are gigabytes. So each folder names the
    process that owns it, and before making one, the folders whose owner has ended are
    deleted (on POSIX systems; a process id in use again, by a process started later, is no
    owner). Folders without an owner file are left alone.
    """
    _delete_abandoned(Path(tempfile.gettempdir()))
    folder = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX)
    (Path(folder.name) / _OWNER).write_text(_identity(os.getpid()), encoding="ascii")
    return folder


def _identity(pid: int) -> str:
    return f"{pid} {_started(pid)} {_namespace()}"


def _namespace() -> str:
    """The process-id namespace of this process (containers that share a /tmp have their own),
    or "" when that cannot be read."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, from /proc), or "" when that
    cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # (the command name may hold spaces)
    return fields[19] if len(fields) > 19 else ""


def _owner_alive(identity: str) -> bool:
    pid_text, _, rest = identity.strip().partition(" ")
    started, _, namespace = rest.partition(" ")
    if namespace != _namespace():
        return True  # a process of another container: its ids are not ours to look up
    try:
        pid = int(pid_text)
        os.kill(pid, 0)  # signal 0: is there such a process (POSIX only: see the caller)
    except ProcessLookupError:
        return False
    except (ValueError, OSError):
        return True  # unreadable, or someone else's process: not ours to judge
    return _started(pid) == started


def _delete_abandoned(folder: Path) -> None:
    if os.name != "posix":
        return  # (os.kill with signal 0 would end the process on Windows)
    for path in folder.glob(f"{SCRATCH_PREFIX}*"):
        try:
            identity = (path / _OWNER).read_text(encoding="ascii")
        except OSError:
            continue  # not a build's folder, or one being made
        if not _owner_alive(identity):
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            shutil.rmtree(path, ignore_errors=True)
            log.info("deleted %s (%.0f MB), left by a build that was stopped", path, size / 1e6)

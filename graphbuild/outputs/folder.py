"""The output set, written whole or not at all.

Every file of a build is written into a temporary folder beside the output folder
(``.NAME.graphbuild-XXXX``), then the two folders are swapped in one step, so that a build
killed at any moment leaves either the whole previous set or the whole new one, never a mix.

- The swap is one ``renameat2(RENAME_EXCHANGE)`` call (Linux 3.15 and later, on the usual
  file systems). Where the system has no such call, the old folder is renamed away and the new
  one renamed into place: a kill between the two renames leaves no output folder, and the next
  build (or :func:`clean_leftovers`) puts the complete set back.
- Other files in the output folder are the user's: before the swap each is hard-linked into the
  new folder (folders are made anew and their files linked, symbolic links copied as links),
  so they stay in the output folder at every moment and no byte is copied. A file the user
  adds while the set is swapped is moved across after the swap.
- A temporary folder left by a killed build is cleaned up by the next one: graphbuild's own
  files in it are deleted, a link to a file the output folder holds is dropped, and anything
  else is moved back into the output folder, or, when the output folder has another file of
  that name, left where it is with a warning. Nothing of the user's is deleted.
- When the new folder cannot be prepared that way (a file that cannot be hard-linked, the
  parent folder not writable), each file is replaced on its own instead (each whole, the set
  not), with a warning saying why.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

_MARK = ".graphbuild-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _leftover_prefix(folder: Path) -> str:
    return f".{folder.name}{_MARK}"


@contextlib.contextmanager
def output_folder(folder: str | os.PathLike[str], outputs: Collection[str]) -> Iterator[Path]:
    """A folder to write the files named ``outputs`` into, swapped in for ``folder`` when the
    block ends without an error (and deleted when it raises).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with output_folder(out, ["a.txt"]) as new:
    ...     _ = (new / "a.txt").write_text("one")
    >>> (out / "a.txt").read_text(), sorted(p.name for p in out.parent.iterdir())
    ('one', ['out'])
    """
    target = Path(os.path.realpath(folder))  # a link to a folder: swap the folder it names
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as err:  # a file on the way
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)) from err
    clean_leftovers(target, outputs)
    try:
        new = Path(tempfile.mkdtemp(prefix=_leftover_prefix(target), dir=target.parent))
    except OSError as err:
        log.warning("%s: outputs replaced one by one, not as a set (cannot make a folder "
                    "beside it: %s)", target, err.strerror or err)
        target.mkdir(exist_ok=True)
        yield target
        return
    try:
        os.chmod(new, _mode_of(target))
        yield new
        _swap_in(new, target, outputs)
    except BaseException:
        _remove_new(new, target, outputs)
        raise


def _mode_of(folder: Path) -> int:
    try:
        return stat.S_IMODE(folder.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o777 & ~umask


def _swap_in(new: Path, target: Path, outputs: Collection[str]) -> None:
    _fsync_folder(new)
    with contextlib.suppress(FileNotFoundError, FileExistsError, OSError):
        if not target.exists():
            os.rename(new, target)  # nothing to keep: one rename
            _fsync_folder(target.parent)
            return
    try:
        _link_tree(target, new, skip=outputs)
    except OSError as err:
        _replace_one_by_one(new, target, outputs, err)
        return
    _fsync_folder(new)
    if _exchange(new, target):
        old = new  # the previous set, now at the temporary name
    else:
        old = Path(tempfile.mkdtemp(prefix=_leftover_prefix(target), dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
        os.rename(new, target)
    _fsync_folder(target.parent)
    _empty_leftover(old, target, outputs)


def _replace_one_by_one(new: Path, target: Path, outputs: Collection[str], err: OSError) -> None:
    """The fallback when the user's files cannot be linked across: each output renamed into
    ``target`` on its own (each whole, the set not)."""
    log.warning("%s: outputs replaced one by one, not as a set (cannot link %s into the new "
                "folder: %s)", target, err.filename, err.strerror or err)
    for name in outputs:
        if (new / name).exists():
            os.replace(new / name, target / name)
    _fsync_folder(target)
    _empty_leftover(new, target, outputs)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link_tree(source: Path, destination: Path, *, skip: Collection[str] = ()) -> None:
    """Hard-link every file under ``source`` into ``destination`` (made anew), except the
    top-level names in ``skip``."""
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        if entry.name in skip or _is_stale_temporary(entry.name, skip):
            continue
        to = destination / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), to)
        elif entry.is_dir(follow_symlinks=False):
            os.mkdir(to, stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) | 0o700)
            _link_tree(Path(entry.path), to)
            shutil.copystat(entry.path, to, follow_symlinks=False)
        else:
            os.link(entry.path, to, follow_symlinks=False)


def _is_stale_temporary(name: str, outputs: Collection[str]) -> bool:
    """A ``.graph.ttl.XXXX.tmp`` left by a build killed in an older graphbuild."""
    return name.startswith(".") and name.endswith(".tmp") and any(
        name.startswith(f".{output}.") for output in outputs)


def clean_leftovers(folder: str | os.PathLike[str], outputs: Collection[str]) -> None:
    """Clean up the temporary folders a killed build left beside ``folder`` (see the module's
    description); put the newest complete set back when ``folder`` itself is missing."""
    target = Path(folder)
    if not target.parent.is_dir():
        return
    leftovers = sorted((p for p in target.parent.iterdir()
                        if p.name.startswith(_leftover_prefix(target)) and p.is_dir()
                        and not p.is_symlink()), key=lambda p: p.stat().st_mtime, reverse=True)
    if not target.exists():
        complete = [p for p in leftovers if all((p / name).exists() for name in outputs)]
        if complete:  # killed between the two renames of a swap without RENAME_EXCHANGE
            os.rename(complete[0], target)
            log.warning("%s: put back the outputs a killed build had moved away", target)
            leftovers.remove(complete[0])
    for leftover in leftovers:
        if target.is_dir():
            _empty_leftover(leftover, target, outputs)
            log.info("cleaned up %s, left by a build that was stopped", leftover)


def _empty_leftover(leftover: Path, target: Path, outputs: Collection[str]) -> None:
    """Delete graphbuild's files and the links to the user's from ``leftover``; move anything
    else of the user's into ``target``; remove ``leftover`` when nothing is left in it."""
    if _merge(leftover, target, top=True, outputs=outputs):
        with contextlib.suppress(OSError):
            os.rmdir(leftover)


def _merge(source: Path, target: Path, *, top: bool, outputs: Collection[str]) -> bool:
    """Empty ``source`` into ``target``; True when ``source`` ended up empty."""
    empty = True
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        path, to = Path(entry.path), target / entry.name
        if top and (entry.name in outputs or _is_stale_temporary(entry.name, outputs)):
            _delete(path)
        elif not os.path.lexists(to):
            os.rename(path, to)  # the user's, and only here: moved back, not deleted
        elif entry.is_dir(follow_symlinks=False) and to.is_dir() and not to.is_symlink():
            if _merge(path, to, top=False, outputs=outputs):
                os.rmdir(path)
            else:
                empty = False
        elif _same(path, to):
            os.unlink(path)  # a hard link (or the same symbolic link): the file is in target
        else:
            log.warning("%s differs from %s: left there for you to choose", path, to)
            empty = False
    return empty


def _same(a: Path, b: Path) -> bool:
    try:
        if a.is_symlink() and b.is_symlink():
            return os.readlink(a) == os.readlink(b)
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _remove_new(new: Path, target: Path, outputs: Collection[str]) -> None:
    """A build that failed before the swap: its new files go (links to the user's too)."""
    with contextlib.suppress(OSError):
        if new.exists():
            _empty_leftover(new, target, outputs) if target.is_dir() else shutil.rmtree(new)


def _fsync_folder(folder: Path) -> None:
    """Make the folder's entries (the renames) durable where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)



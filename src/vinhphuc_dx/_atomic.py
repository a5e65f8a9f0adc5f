"""Atomic, no-clobber writing of one file or one folder.

Every file and folder is first written beside its target under a hidden
temporary name, flushed to disk, then put in place in one step, so that a
crash, an interrupt or a full disk never leaves half a result. Nothing is
replaced unless asked, also when two writers race to one path; only a
regular file (or a folder) is ever replaced, and never through a symbolic
link.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import shutil
import stat
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["write_bytes", "write_directory", "write_files"]

# ---------------------------------------------------------------- writing
#
# Every file and folder is first written beside its target under a hidden
# temporary name, flushed to disk, then put in place in one step. Without
# overwrite, "in place" is a hard link (or, where the file system has none, an
# exclusive create): both fail when anything appeared at the target meanwhile,
# so two exports racing to one new path never replace each other. With
# overwrite, os.replace swaps the file in. What is at the target is looked at
# with lstat: a symbolic link, a FIFO, a device, a socket or a directory where
# a file is wanted is never replaced, and a link is never written through.


def _refuse(target: Path, what: str) -> FileExistsError:
    msg = f"{target} is {what}; refusing to replace it, even with --force"
    return FileExistsError(msg)


def _exists(target: Path) -> FileExistsError:
    msg = f"{target} exists; pass overwrite=True (--force) to replace it"
    return FileExistsError(msg)


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFREG: "a regular file",
}


def _checked(
    path: str | os.PathLike[str], *, overwrite: bool, directory: bool
) -> tuple[Path, Path, int | None]:
    """Check *path*: the target as given, as an absolute path, and its mode to keep.

    The target as given is for messages, the absolute path to work on; the
    mode is the permission bits of what is there, None where nothing is. A
    symbolic link (even a dangling one) and anything of the wrong kind are
    refused whatever *overwrite* says.
    """
    if not os.fspath(path):
        msg = "an empty path names no file"
        raise ValueError(msg)
    target = Path(path)
    # Not resolve(): that would follow a symbolic link at the target.
    absolute = Path(os.path.abspath(target))  # noqa: PTH100
    if not absolute.name:
        raise _refuse(target, "the root directory")
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return target, absolute, None
    kind = stat.S_IFMT(found.st_mode)
    if kind != (stat.S_IFDIR if directory else stat.S_IFREG):
        raise _refuse(target, _KINDS.get(kind, "not a regular file"))
    if not overwrite:
        raise _exists(target)
    return target, absolute, stat.S_IMODE(found.st_mode) & 0o777


def _hidden(absolute: Path, ending: str) -> Path:
    """A new hidden name beside *absolute*: a temporary file, or a copy put aside."""
    return absolute.with_name(f".{absolute.name[:100]}.{secrets.token_hex(6)}{ending}")


# 0o666 and 0o777 are filtered by the umask (and default ACLs), as for any
# file a program creates; mkstemp's 0o600 would not be. An exclusive create
# never reuses a name, nor follows a link.
_NEW_FILE = functools.partial(Path.touch, mode=0o666, exist_ok=False)
_NEW_FOLDER = functools.partial(Path.mkdir, mode=0o777)


def _beside(absolute: Path, target: Path, make: Callable[[Path], object]) -> Path:
    """Create a new hidden name beside *absolute* with *make*.

    A name already taken (one chance in 2**48) fails as any other failure to
    create it does: *make* creates exclusively, so nothing is ever reused.
    """
    temporary = _hidden(absolute, ".tmp")
    with _naming(temporary, absolute, target):
        make(temporary)
    return temporary


def _sync(path: Path) -> None:
    """Flush *path* (a file, or a directory's entries) to disk, where possible."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:  # Windows cannot open a directory; nothing to flush there
        return
    try:
        os.fsync(fd)
    except OSError:
        if not path.is_dir():
            raise
        # Some file systems cannot flush a directory; the data is safe anyway.
    finally:
        os.close(fd)


@contextlib.contextmanager
def _naming(temporary: Path, absolute: Path, target: Path) -> Iterator[None]:
    """Make an OSError raised within name the target, never *temporary*."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None:
            raise
        where = str(temporary)

        def shown(name: object) -> object:
            if isinstance(name, str) and name.startswith(where):
                return str(target) + name[len(where) :]
            return str(target) if name == str(absolute) else name

        first, second = shown(exc.filename), shown(exc.filename2)
        if first is None or first == second:  # "out.csv -> out.csv" says no more
            first, second = str(target), None
        raise type(exc)(exc.errno, exc.strerror, first, None, second) from None


def _link_orcreate(temporary: Path, absolute: Path, target: Path) -> None:
    """Put *temporary* at *absolute* unless something is there, even by now."""
    try:
        os.link(temporary, absolute)
    except FileExistsError:
        raise _exists(target) from None
    except (OSError, NotImplementedError, AttributeError):
        # No hard links here (FAT, some network or FUSE file systems): copy
        # into a file created exclusively, which fails as a link would.
        try:
            stream = absolute.open("xb")
        except FileExistsError:
            raise _exists(target) from None
        try:
            with stream, temporary.open("rb") as source:
                shutil.copyfileobj(source, stream)
            _sync(absolute)
        except BaseException:
            absolute.unlink(missing_ok=True)  # ours: created just above
            raise


def write_files(
    files: list[tuple[str | os.PathLike[str], Callable[[Path], object]]],
    *,
    overwrite: bool = False,
) -> list[Path]:
    """Make each file atomically, all of them or none; *fill* writes one.

    Each ``(path, fill)``: *fill* is called with the path of a new, empty
    file beside *path* and writes it whole (it may replace it, as a database
    or a workbook library does on save). Every target is looked at before
    anything is written; the files are then flushed to disk and put in place
    one after another, and if one cannot be, those already in place are put
    back as they were: a reader never sees half a file, nor one file of a
    pair without the other.

    - Without *overwrite*, each file is linked to its path (or, on a file
      system with no hard links, copied into a file created exclusively),
      which fails if anything appeared there meanwhile: of several writers
      racing to one new path exactly one succeeds.
    - With *overwrite*, each replaces the regular file at its path and keeps
      that file's permission bits; a new file has the mode the umask gives.

    Only a regular file is ever replaced: a symbolic link (even a dangling
    one), a directory, a FIFO, a device or a socket is refused whatever
    *overwrite* says, and nothing is written through a link. On any failure,
    an interrupt included, the temporary files and the old files' second
    names are removed. Errors name the target, never a temporary file.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (done,) = write_files([(folder / "a.txt", lambda tmp: tmp.write_text("hi"))])
    >>> done.read_text()
    'hi'
    >>> import shutil; shutil.rmtree(folder)

    Returns:
        The paths, as :class:`~pathlib.Path`.

    Raises:
        FileExistsError: Something is at a path and *overwrite* is false, or
            what is there is not a regular file.
        ValueError: A path is empty.
        OSError: A directory is missing or not writable, or the disk is full.
    """
    checked = [_checked(p, overwrite=overwrite, directory=False) for p, _ in files]
    made: list[Path] = []
    placed: list[tuple[Path, Path | None]] = []  # each target, and its old file
    try:
        for (target, absolute, keep), (_, fill) in zip(checked, files, strict=True):
            temporary = _beside(absolute, target, _NEW_FILE)
            made.append(temporary)
            with _naming(temporary, absolute, target):
                fill(temporary)
                _sync(temporary)
                if keep is not None:
                    temporary.chmod(keep)
        for (target, absolute, keep), temporary in zip(checked, made, strict=True):
            with _naming(temporary, absolute, target):
                if len(files) > 1 and keep is not None:
                    # Set aside before the replace: put back whatever fails.
                    placed.append((absolute, _aside(absolute)))
                if overwrite:
                    temporary.replace(absolute)
                else:
                    _link_orcreate(temporary, absolute, target)
                if keep is None:
                    placed.append((absolute, None))
                _sync(absolute.parent)
    except BaseException:
        _undo(placed)
        raise
    finally:
        # Each old file set aside is put back, or replaced, by now.
        for path in made + [aside for _, aside in placed if aside is not None]:
            path.unlink(missing_ok=True)
    return [target for target, _, _ in checked]


def _undo(placed: list[tuple[Path, Path | None]]) -> None:
    """Put back what was at each target placed: its old file, or nothing."""
    for absolute, aside in reversed(placed):
        if aside is None:
            absolute.unlink(missing_ok=True)  # ours: nothing was there
        else:
            aside.replace(absolute)


def _aside(absolute: Path) -> Path:
    """A second name for the file at *absolute*, to put it back from."""
    aside = _hidden(absolute, ".old")
    try:
        os.link(absolute, aside)
    except OSError:  # no hard links here: a copy does
        try:
            shutil.copy2(absolute, aside)
        except BaseException:
            aside.unlink(missing_ok=True)  # ours: part of a copy
            raise
    return aside


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write *data* to *path* atomically, as :func:`write_files` does."""
    fill = functools.partial(Path.write_bytes, data=data)
    return write_files([(path, fill)], overwrite=overwrite)[0]


def write_directory(
    path: str | os.PathLike[str],
    fill: Callable[[Path], object],
    *,
    overwrite: bool = False,
    marker: str | None = None,
) -> Path:
    """Make a folder at *path* atomically; *fill* writes it under another name.

    *fill* is called with a new, empty folder beside *path* and writes its
    files. They are flushed to disk, and the folder is renamed to *path* in
    one step: a reader never finds a mix of old and new files.

    - Without *overwrite*, anything at *path* is an error, also when it
      appears while *fill* runs (the rename then fails; an *empty* folder
      made meanwhile is the one thing a rename may still replace).
    - With *overwrite*, an existing folder is replaced whole: it is renamed
      aside, the new one renamed in, then the old one removed; if the second
      rename fails, the old folder is put back. Between the two renames
      *path* is briefly absent. The new folder keeps the old one's
      permission bits; a new one has the mode the umask gives.
    - When *marker* is given, *overwrite* replaces only a folder that is empty
      or holds an entry of that name (a folder this function wrote before),
      never some other folder given by mistake.

    A symbolic link or anything but a folder at *path* is refused whatever
    *overwrite* says. On any failure, an interrupt included, the temporary
    folder is removed. Errors name *path*, never the temporary folder. The
    parent folder must exist.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> done = write_directory(folder / "pkg", lambda d: (d / "a.txt").touch())
    >>> sorted(p.name for p in done.iterdir())
    ['a.txt']
    >>> import shutil; shutil.rmtree(folder)

    Args:
        path: The folder to make.
        fill: Writes files into the folder whose path it is given.
        overwrite: Replace a folder at *path*.
        marker: With *overwrite*, replace only a folder holding this entry
            (or an empty one).

    Returns:
        *path*, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            it is not a folder, or it lacks *marker*.
        ValueError: *path* is empty.
        OSError: The parent folder is missing or not writable, or the disk is
            full.

    .. versionadded:: 0.2.0
    """
    target, absolute, keep = _checked(path, overwrite=overwrite, directory=True)
    if keep is not None and marker is not None:
        entries = {entry.name for entry in absolute.iterdir()}
        if entries and marker not in entries:
            raise _refuse(target, f"a folder without {marker}")
    temporary = _beside(absolute, target, _NEW_FOLDER)
    try:
        with _naming(temporary, absolute, target):
            fill(temporary)
            for folder, _dirs, files in os.walk(temporary):
                for name in files:
                    _sync(Path(folder, name))
                _sync(Path(folder))
            if keep is not None:
                temporary.chmod(keep)
                _swap(temporary, absolute, target)
            else:
                try:
                    temporary.rename(absolute)
                except OSError as exc:
                    # A non-empty folder (ENOTEMPTY or EEXIST) or a file
                    # (ENOTDIR) appeared at the target meanwhile.
                    if exc.errno in {errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR}:
                        raise _exists(target) from None
                    raise
            _sync(absolute.parent)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return target


def _swap(temporary: Path, absolute: Path, target: Path) -> None:
    """Replace the folder *absolute* by *temporary*; keep the old on failure."""
    aside = _hidden(absolute, ".old")
    try:
        absolute.rename(aside)
    except OSError as exc:  # the old folder cannot move: name it alone
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    try:
        temporary.rename(absolute)
    except BaseException:
        try:
            aside.rename(absolute)
        except OSError:
            msg = f"{target} could not be replaced; the old folder is at {aside}"
            raise OSError(msg) from None
        raise
    try:
        shutil.rmtree(aside)
    except OSError as exc:
        msg = f"wrote {target}, but could not remove the old folder at {aside}: {exc}"
        warnings.warn(msg, RuntimeWarning, stacklevel=3)

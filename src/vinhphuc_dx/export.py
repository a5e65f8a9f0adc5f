"""Writing a report out: JSON, CSV, a data package, SQLite, Excel.

JSON, a flat CSV, a Frictionless Data Package, a SQLite database for
Datasette, an Excel workbook.

Every file goes through :func:`write_file` (and a data package, a folder,
through :func:`write_directory`): it is written beside its target under a
hidden temporary name, flushed to disk, then put in place in one step, so
that a crash, an interrupt or a full disk never leaves half a result. Nothing
is replaced unless asked (``overwrite=True``, the command line's
``--force``), also when two exports race to one path; only a regular file (or,
for a package, a folder) is ever replaced, and never through a symbolic link.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import errno
import functools
import io
import json
import os
import secrets
import shutil
import stat
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vinhphuc_dx import model
from vinhphuc_dx._converter import dump_json
from vinhphuc_dx.model import (
    Directive,
    Goal,
    Indicator,
    InvestmentProject,
    Person,
    Pillar,
    PolicyInstrument,
    Statement,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from vinhphuc_dx.model import Report

__all__ = [
    "CSV_ENCODING",
    "FORMATS",
    "FORMULA_STARTS",
    "columns",
    "metadata_path",
    "spreadsheet_safe",
    "to_csv",
    "to_json",
    "write",
    "write_bytes",
    "write_datapackage",
    "write_directory",
    "write_file",
    "write_sqlite",
    "write_text",
    "write_xlsx",
]

_T = TypeVar("_T")

#: What :func:`write` can write.
FORMATS = ("json", "csv", "datapackage", "sqlite", "xlsx")

#: The encoding of the CSV export, UTF-8 with a byte-order mark, so that Excel
#: shows Vietnamese correctly when the file is opened by double-click; csv,
#: pandas (``encoding="utf-8-sig"``) and LibreOffice read it as well. The
#: data package's tables are plain UTF-8, as its schema declares.
CSV_ENCODING = "utf-8-sig"


def to_json(report: Report) -> str:
    """Return *report* in the file format that :func:`vinhphuc_dx.load` reads.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_json
    >>> text = to_json(vinhphuc_dx.load())
    >>> '"value": 99.7,' in text
    True
    """
    return dump_json(report)


# ---------------------------------------------------------------- flat tables


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return str(value)  # str, int, Decimal (as stated), date


#: A flat column: its name, how to read it from a record, its Table Schema.
Column = tuple[str, "Callable[[Any], Any]", dict[str, Any]]


def columns(cls: type) -> list[Column]:  # noqa: C901 - a branch per kind of field
    """The flat columns of a record class: one per plain field, two per Text.

    >>> from vinhphuc_dx import Pillar
    >>> from vinhphuc_dx.export import columns
    >>> [name for name, _, _ in columns(Pillar)]
    ['id', 'name_en', 'name_vi', 'description_en', 'description_vi']

    Args:
        cls: A record class, such as :class:`~vinhphuc_dx.Indicator`.

    Returns:
        ``(name, getter, table_schema_field)`` triples, in field order.
    """
    result: list[Column] = []
    for name, (kind, optional) in model.field_types(cls).items():

        def spec(
            field_type: str, *, optional: bool = optional, **more: Any
        ) -> dict[str, Any]:
            constraints = {**more, **({} if optional else {"required": True})}
            return {
                "type": field_type,
                **({"constraints": constraints} if constraints else {}),
            }

        def part(record: Any, name: str = name, attribute: str | None = None) -> Any:
            value = getattr(record, name)
            return (
                value
                if attribute is None or value is None
                else getattr(value, attribute)
            )

        if kind is model.Text:
            result += [
                (
                    f"{name}_{lang}",
                    functools.partial(part, name=name, attribute=lang),
                    spec("string"),
                )
                for lang in ("en", "vi")
            ]
        elif kind is model.SourceRef:
            getter = functools.partial(part, name=name, attribute="paragraph")
            result.append(("paragraph", getter, spec("integer", minimum=1)))
        elif kind is model.Period:
            result += [
                (
                    f"{name}_{attr}",
                    functools.partial(part, name=name, attribute=attr),
                    spec(ftype),
                )
                for attr, ftype in (
                    ("start", "date"),
                    ("end", "date"),
                    ("stated", "boolean"),
                )
            ]
        elif kind is model.Pillar:
            result.append(
                (
                    name,
                    functools.partial(part, name=name, attribute="id"),
                    spec("string"),
                )
            )
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            members = [m.value for m in kind]
            result.append(
                (name, functools.partial(part, name=name), spec("string", enum=members))
            )
        else:
            simple = {str: "string", int: "integer", bool: "boolean", dt.date: "date"}
            if kind == model.Value:
                column = spec("number", minimum=0)
            elif kind in simple:
                column = spec(simple[kind])
            else:  # tuple[str, ...]: ids, space-separated
                column = spec("string", optional=True)
            result.append((name, functools.partial(part, name=name), column))
    return result


def _rows(records: Iterable[Any], cls: type) -> tuple[list[str], list[list[str]]]:
    cols = columns(cls)
    header = [name for name, _, _ in cols]
    return header, [[_cell(get(r)) for _, get, _ in cols] for r in records]


#: The first characters that make a spreadsheet read a cell as a formula
#: (OWASP, *CSV Injection*; NUL as ASVS 1.2.10 adds it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def spreadsheet_safe(text: str) -> str:
    r"""Return *text* so that a spreadsheet shows it rather than evaluates it.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return
    (or NUL) is prefixed with a single quote, as OWASP's guidance on CSV
    injection advises; any other text is returned unchanged. Apply it to text
    cells only: numbers are written as numbers.

    >>> from vinhphuc_dx.export import spreadsheet_safe
    >>> spreadsheet_safe('=HYPERLINK("http://example.com")')
    '\'=HYPERLINK("http://example.com")'
    >>> spreadsheet_safe("Chữ ký số")
    'Chữ ký số'

    Args:
        text: A cell's text.

    Returns:
        The text a spreadsheet will not run.

    .. versionadded:: 0.2.0
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    """CSV text, a line per row ending in LF.

    Before Python 3.13 the csv module leaves a field holding a lone carriage
    return unquoted when lines end in LF, and readers then split the row
    there; such a row is written with every field quoted.
    """
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(header)
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else plain).writerow(row)
    return out.getvalue()


def to_csv(records: Iterable[Any], *, for_spreadsheet: bool = False) -> str:
    """Return indicators as one flat CSV table, a row per figure.

    Values are written exactly as stated (``99.7``), periods as ISO dates,
    relations as space-separated ids, texts in English and Vietnamese.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_csv
    >>> text = to_csv(vinhphuc_dx.load().indicators.filter(paragraph=3))
    >>> print(text.splitlines()[1].split(",Ngân")[0])
    budget.total,,"Budget for investment in digital transformation, 2014–2024"

    Args:
        records: The indicators, for example a filtered collection.
        for_spreadsheet: Pass every text cell (the columns whose Table Schema
            type is ``string``) through :func:`spreadsheet_safe`, so that a
            label such as ``=HYPERLINK(…)`` in a user's report file is shown,
            not run, when the file is opened in a spreadsheet. Numbers, dates
            and booleans are written as they are. :func:`write` sets it for
            the CSV file; text meant for programs keeps it off.

    Returns:
        The CSV text (no byte-order mark; :func:`write` adds one).

    .. versionchanged:: 0.2.0
       *for_spreadsheet*.
    """
    records = list(records)
    # Indicators unless told otherwise: `list directives --format csv` too.
    cls = type(records[0]) if records else Indicator
    header, rows = _rows(records, cls)
    if for_spreadsheet:
        text = [spec["type"] == "string" for _, _, spec in columns(cls)]
        rows = [
            [spreadsheet_safe(c) if t else c for c, t in zip(row, text, strict=True)]
            for row in rows
        ]
    return _csv_text(header, rows)


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


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISREG, "a regular file"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _existing(target: Path, *, overwrite: bool, directory: bool) -> int | None:
    """Check what is at *target*; return the permission bits to keep, if any.

    None means nothing is there. A symbolic link (even a dangling one) and
    anything of the wrong kind are refused whatever *overwrite* says.
    """
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(found.st_mode):
        raise _refuse(target, "a symbolic link")
    wanted = stat.S_ISDIR if directory else stat.S_ISREG
    if not wanted(found.st_mode):
        raise _refuse(target, _kind(found.st_mode))
    if not overwrite:
        raise _exists(target)
    return stat.S_IMODE(found.st_mode) & 0o777


def _checked(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The target as given (for messages) and as an absolute path (to work on)."""
    if not os.fspath(path):
        msg = "an empty path names no file"
        raise ValueError(msg)
    target = Path(path)
    # Not resolve(): that would follow a symbolic link at the target.
    absolute = Path(os.path.abspath(target))  # noqa: PTH100
    if not absolute.name:
        raise _refuse(target, "the root directory")
    return target, absolute


def _beside(
    absolute: Path, target: Path, make: Callable[[Path], _T]
) -> tuple[Path, _T]:
    """Create a new, unused hidden name beside *absolute* with *make*."""
    for _ in range(100):
        name = f".{absolute.name[:100]}.{secrets.token_hex(6)}.tmp"
        candidate = absolute.with_name(name)
        try:
            return candidate, make(candidate)
        except FileExistsError:
            continue
        except OSError as exc:  # name the target, not the temporary name
            raise _named(exc, candidate, absolute, target) from None
    msg = f"{absolute}: found no unused temporary name beside it"
    raise FileExistsError(msg)


#: Flags for a new file: never follow a link, never reuse a name.
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_NEW |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def _create(path: Path) -> int:
    # 0o666 and 0o777 below are filtered by the umask (and default ACLs), as
    # for any file a program creates; mkstemp's 0o600 would not be.
    return os.open(path, _NEW, 0o666)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync(path: Path) -> None:
    """Flush *path* (a file, or a directory's entries) to disk, where possible."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
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


def _named(exc: OSError, temporary: Path, absolute: Path, target: Path) -> OSError:
    """*exc* naming the target, never the temporary file or folder."""
    if exc.errno is None:
        return exc
    where = str(temporary)

    def shown(name: object) -> object:
        if isinstance(name, str) and name.startswith(where):
            return str(target) + name[len(where) :]
        return str(target) if name == str(absolute) else name

    first, second = shown(exc.filename), shown(exc.filename2)
    if first is None or first == second:  # "out.csv -> out.csv" says no more
        first, second = str(target), None
    if second is None:
        return type(exc)(exc.errno, exc.strerror, first)
    return type(exc)(exc.errno, exc.strerror, first, None, second)


def _link_or_create(temporary: Path, absolute: Path, target: Path) -> None:
    """Put *temporary* at *absolute* unless something is there, even by now."""
    try:
        os.link(temporary, absolute)
    except FileExistsError:
        raise _exists(target) from None
    except (OSError, NotImplementedError, AttributeError):
        # No hard links here (FAT, some network or FUSE file systems): copy
        # into a file created exclusively, which fails as a link would.
        try:
            fd = _create(absolute)
        except FileExistsError:
            raise _exists(target) from None
        try:
            with os.fdopen(fd, "wb") as stream, temporary.open("rb") as source:
                shutil.copyfileobj(source, stream)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            absolute.unlink(missing_ok=True)  # ours: created just above
            raise
    temporary.unlink()


def write_file(
    path: str | os.PathLike[str],
    fill: Callable[[Path], object],
    *,
    overwrite: bool = False,
) -> Path:
    """Make a file at *path* atomically; *fill* writes it under another name.

    *fill* is called with the path of a new, empty file beside *path* and
    writes it whole (it may replace it, as a database or a workbook library
    does on save). The file is then flushed to disk and put in place in one
    step, so that a reader never sees half a file:

    - without *overwrite*, it is linked to *path* (or, on a file system with
      no hard links, copied into a file created exclusively), which fails if
      anything appeared at *path* meanwhile: of several writers racing to one
      new path exactly one succeeds;
    - with *overwrite*, it replaces the regular file at *path* and keeps that
      file's permission bits; a new file has the mode the umask gives
      (``0644`` under umask ``022``).

    Only a regular file is ever replaced: a symbolic link (even a dangling
    one), a directory, a FIFO, a device or a socket at *path* is refused
    whatever *overwrite* says, and nothing is written through a link. On any
    failure, an interrupt included, the temporary file is removed and what
    was at *path* is untouched. Errors name *path*, never the temporary file.

    >>> import tempfile, pathlib
    >>> from vinhphuc_dx.export import write_file
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_file(folder / "a.txt", lambda tmp: tmp.write_text("hi")).read_text()
    'hi'
    >>> import shutil; shutil.rmtree(folder)

    Args:
        path: The file to make.
        fill: Writes the file whose path it is given; what it returns is
            ignored.
        overwrite: Replace a regular file at *path*; without it, anything
            there is an error.

    Returns:
        *path*, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            what is there is not a regular file.
        ValueError: *path* is empty.
        OSError: The directory is missing or not writable, or the disk is full.

    .. versionadded:: 0.2.0
    """
    target, absolute = _checked(path)
    keep = _existing(target, overwrite=overwrite, directory=False)
    temporary, fd = _beside(absolute, target, _create)
    try:
        os.close(fd)
        fill(temporary)
        _sync(temporary)
        if keep is not None:
            temporary.chmod(keep)
        if overwrite:
            temporary.replace(absolute)
        else:
            _link_or_create(temporary, absolute, target)
        _sync(absolute.parent)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _named(exc, temporary, absolute, target) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write *data* to *path* atomically, as :func:`write_file` does.

    >>> import tempfile, pathlib
    >>> from vinhphuc_dx.export import write_bytes
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_bytes(folder / "a.bin", b"hi").read_bytes()
    b'hi'
    >>> import shutil; shutil.rmtree(folder)

    Args:
        path: Where to write.
        data: What to write.
        overwrite: Replace a regular file at *path*.

    Returns:
        *path*, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            what is there is not a regular file.
        ValueError: *path* is empty.
        OSError: The directory is missing or not writable, or the disk is full.

    .. versionadded:: 0.2.0
    """

    def fill(temporary: Path) -> None:
        fd = os.open(temporary, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)

    return write_file(path, fill, overwrite=overwrite)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    overwrite: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write *text* to *path* atomically, as :func:`write_file` does.

    Line ends are written as they are in *text*.

    Args:
        path: Where to write.
        text: What to write.
        overwrite: Replace a regular file at *path* (keeping its mode); without
            it, anything at *path* is an error.
        encoding: The text encoding.

    Returns:
        The path written.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            what is there is not a regular file.
        UnicodeEncodeError: *text* cannot be written in *encoding*; the
            message names *path*.
        ValueError: *path* is empty.
        OSError: The directory is missing or not writable, or the disk is full.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        reason = f"{exc.reason} (writing {os.fspath(path)})"
        raise UnicodeEncodeError(
            exc.encoding, exc.object, exc.start, exc.end, reason
        ) from None
    return write_bytes(path, data, overwrite=overwrite)


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
    >>> from vinhphuc_dx.export import write_directory
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
    target, absolute = _checked(path)
    keep = _existing(target, overwrite=overwrite, directory=True)
    if keep is not None and marker is not None:
        entries = {entry.name for entry in absolute.iterdir()}
        if entries and marker not in entries:
            raise _refuse(target, f"a folder without {marker}")
    temporary, _ = _beside(absolute, target, functools.partial(os.mkdir, mode=0o777))
    try:
        fill(temporary)
        for folder, _dirs, files in os.walk(temporary):
            for name in files:
                _sync(Path(folder, name))
            _sync(Path(folder))
        if keep is not None:
            temporary.chmod(keep)
            _swap(temporary, absolute, target)
        else:
            _rename_new(temporary, absolute, target)
        _sync(absolute.parent)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise _named(exc, temporary, absolute, target) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return target


def _rename_new(temporary: Path, absolute: Path, target: Path) -> None:
    try:
        temporary.rename(absolute)
    except OSError as exc:
        # A non-empty folder (ENOTEMPTY or EEXIST) or a file (ENOTDIR)
        # appeared at the target meanwhile.
        if exc.errno in {errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR}:
            raise _exists(target) from None
        raise


def _swap(temporary: Path, absolute: Path, target: Path) -> None:
    """Replace the folder *absolute* by *temporary*; keep the old on failure."""
    aside = absolute.with_name(f".{absolute.name[:100]}.{secrets.token_hex(6)}.old")
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


def write(
    report: Report,
    path: str | os.PathLike[str],
    fmt: str = "json",
    *,
    overwrite: bool = False,
) -> Path:
    """Export *report* to *path* in one of :data:`FORMATS`.

    The CSV is the file meant for spreadsheets: UTF-8 with a byte-order mark
    (:data:`CSV_ENCODING`), text cells neutralised by :func:`spreadsheet_safe`.
    The JSON and the data package, meant for programs, keep every text
    exactly. Files are written as :func:`write_file` says, a package as
    :func:`write_directory` says.

    Args:
        report: The report.
        path: A file for json, csv, sqlite and xlsx; a directory for
            datapackage.
        fmt: One of :data:`FORMATS`.
        overwrite: Replace what is there (a regular file, or a folder holding
            a data package).

    Returns:
        The file written (``datapackage.json`` for a data package).

    Raises:
        ValueError: *fmt* is not one of :data:`FORMATS`, or *path* is empty.
        FileExistsError: The target exists and *overwrite* is false, or it is
            something that is never replaced.
        OSError: The target cannot be written.
        ImportError: ``xlsx`` without openpyxl (the ``excel`` extra).

    .. versionchanged:: 0.2.0
       ``sqlite`` and ``xlsx``.
    """
    if fmt == "json":
        return write_text(path, to_json(report), overwrite=overwrite)
    if fmt == "csv":
        text = to_csv(report.indicators, for_spreadsheet=True)
        return write_text(path, text, overwrite=overwrite, encoding=CSV_ENCODING)
    if fmt == "datapackage":
        return write_datapackage(report, path, overwrite=overwrite)
    if fmt == "sqlite":
        return write_sqlite(report, path, overwrite=overwrite)
    if fmt == "xlsx":
        return write_xlsx(report, path, overwrite=overwrite)
    msg = f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"
    raise ValueError(msg)


#: The data package's tables: the report's collection each comes from, and
#: the class of its records.
_TABLES: tuple[tuple[str, type], ...] = (
    ("pillars", Pillar),
    ("indicators", Indicator),
    ("directives", Directive),
    ("instruments", PolicyInstrument),
    ("projects", InvestmentProject),
    ("goals", Goal),
    ("people", Person),
    ("statements", Statement),
)


def _datapackage(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    """The descriptor and the CSV text of each table."""
    source = report.source
    resources = []
    tables: dict[str, str] = {}
    for name, record_class in _TABLES:
        header, rows = _rows(getattr(report, name), record_class)
        tables[f"{name}.csv"] = _csv_text(header, rows)
        fields = [{"name": col, **spec} for col, _, spec in columns(record_class)]
        schema: dict[str, Any] = {
            "fields": fields,
            "primaryKey": ["id"],
            "missingValues": [""],
        }
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": table, "fields": ["id"]}}
            for field, table in (("pillar", "pillars"), ("attributed_to", "people"))
            if field in header
        ]
        if not schema["foreignKeys"]:
            del schema["foreignKeys"]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "vinhphuc-dx",
        "title": (
            "Vĩnh Phúc digital transformation figures "
            "(Vietnam Business Forum, 2024-12-27)"
        ),
        "description": (
            "The figures, directives, policy instruments, investment projects, "
            "goals, people and statements "
            "of one article, with unit, qualifier, period and paragraph. "
            f"Data revision {report.revision}."
        ),
        "version": f"{report.format_version}.{report.revision}",
        "sources": [
            {
                "title": f"{source.author}, {source.title.vi}, {source.outlet}, "
                f"{source.published.date().isoformat()}",
            }
        ],
        "licenses": [
            {
                "name": "MIT",
                "title": (
                    "MIT License (labels and descriptions); the facts are the article's"
                ),
            }
        ],
        "resources": resources,
    }
    return descriptor, tables


def write_datapackage(
    report: Report, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a Frictionless Data Package into *directory*.

    One CSV per table (pillars, indicators, directives, instruments,
    projects, goals, people, statements) and ``datapackage.json`` with a
    Table Schema for each: field types, enum constraints, primary keys, the
    foreign keys (a record's pillar, the person it is attributed to), the
    source and the licence. Texts are written exactly (the tables are for
    programs; no spreadsheet neutralising).

    The package is built in a new folder beside *directory* and renamed into
    place whole (:func:`write_directory`): an existing folder is never mixed
    with new files. With *overwrite*, a folder holding ``datapackage.json``
    (or an empty one) is replaced whole, the user's other files in it
    included; any other folder is refused.
    Beside them, ``dataset.jsonld``: a schema.org ``Dataset`` description
    for search engines and catalogues.

    .. versionchanged:: 0.2.0
       ``dataset.jsonld``.

    Args:
        report: The report.
        directory: The folder to create; its parent must exist.
        overwrite: Replace an existing package there.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        FileExistsError: Something is at *directory* and *overwrite* is
            false, or it is not a folder holding a data package.
        OSError: The folder cannot be written.
    """
    descriptor, tables = _datapackage(report)
    files = {name: text.encode("utf-8") for name, text in tables.items()}
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    files["datapackage.json"] = text.encode("utf-8")
    from vinhphuc_dx._jsonld import to_jsonld  # noqa: PLC0415 - a sibling writer

    files["dataset.jsonld"] = to_jsonld(report).encode("utf-8")

    def fill(folder: Path) -> None:
        for name, data in files.items():
            fd = _create(folder / name)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)

    written = write_directory(
        directory, fill, overwrite=overwrite, marker="datapackage.json"
    )
    return written / "datapackage.json"


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at *path* goes.

    >>> metadata_path("out/vinhphuc.db").as_posix()
    'out/vinhphuc.metadata.json'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def write_sqlite(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a SQLite database for Datasette, with its metadata.

    Beside ``FILE.db`` goes ``FILE.metadata.json``, for
    ``datasette FILE.db -m FILE.metadata.json``. See the module ``vinhphuc_dx._sqlite``
    for the tables, the exact values and the full-text search.

    Args:
        report: The report.
        path: The database file.
        overwrite: Replace the database and its metadata file.

    Returns:
        The database's path.

    Raises:
        FileExistsError: The database or its metadata file exists and
            *overwrite* is false; then neither is written.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _sqlite  # noqa: PLC0415 - only for this format

    target = Path(path)
    meta_path = metadata_path(target)
    if not overwrite and meta_path.exists():
        msg = f"{meta_path} exists; pass overwrite=True (--force) to replace it"
        raise FileExistsError(msg)
    meta = _sqlite.metadata(report, target.stem)
    written = write_bytes(target, _sqlite.to_sqlite(report), overwrite=overwrite)
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_text(meta_path, text, overwrite=overwrite)
    return written


def write_xlsx(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as an Excel workbook: a sheet per collection, and About.

    Needs openpyxl: ``pip install "vinhphuc-dx[excel]"``.

    Args:
        report: The report.
        path: The workbook file.
        overwrite: Replace an existing file.

    Returns:
        The path written.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        FileExistsError: *path* exists and *overwrite* is false.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _xlsx  # noqa: PLC0415 - only for this format

    return write_bytes(path, _xlsx.to_xlsx(report), overwrite=overwrite)

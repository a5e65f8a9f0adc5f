"""Reading report files: load(), its cache, the bundled resources, schema().

:func:`load` reads the bundled report once, under a lock, or a user's file
from a path. A file's bytes become parsed JSON (:mod:`vinhphuc_dx._json`),
then a report (:mod:`vinhphuc_dx._build`); only a file the builder refuses
is read again by cattrs (:mod:`vinhphuc_dx._converter`), which names every
defect. Everything that can go wrong with a user's file becomes one
:class:`~vinhphuc_dx.DataError` naming the file and each place, with work
and memory bounded by the file's size (see the docs' *File format* page for
the bounds on numbers and the rules for text and ids).
"""

from __future__ import annotations

import gc
import json
import os
import threading
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._build import build
from vinhphuc_dx._json import decode, describe, fail, parse
from vinhphuc_dx.exceptions import DataError
from vinhphuc_dx.model import ATTRIBUTED, FORMAT_VERSION, READ_VERSIONS

if TYPE_CHECKING:
    from vinhphuc_dx.model import Report

__all__ = ["MAX_BYTES", "load", "read", "schema"]

#: The largest report file :func:`load` reads, in bytes (256 MiB). The bundled
#: report is about 72 KB and a synthetic one of 100,000 figures about 106 MB;
#: a larger file is refused before it is read rather than exhausting memory.
MAX_BYTES = 256 * 1024 * 1024

#: What format_version 2 added: new collections, and new fields of records.
_ADDED_IN_2 = ("people", "statements")
_FIELDS_ADDED_IN_2 = ("as_written", "attributed_to")


def _current(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """*raw* as the current format version, or a DataError for a version it is not.

    Version 1 has no people, no statements, no ``as_written`` and no
    ``attributed_to``: they are absent from the report read (empty, or
    ``None``). A version-1 file that holds one of them is refused at its
    place, rather than read as a version it does not declare; a version-2
    file states people and statements, as the schema requires.
    """
    version = raw.get("format_version")
    if type(version) is not int or version not in READ_VERSIONS:
        known = ", ".join(map(str, READ_VERSIONS))
        msg = (
            f"{name}: format_version {describe(version)} is not one this release "
            f"reads (it reads {known})"
        )
        raise DataError(msg)
    if version == FORMAT_VERSION:
        problems = [
            f"{key}: required field missing" for key in _ADDED_IN_2 if key not in raw
        ]
    else:
        late = "unknown field in format_version 1 (added in 2)"
        problems = [f"{key}: {late}" for key in _ADDED_IN_2 if key in raw]
        for collection in ATTRIBUTED:
            records = raw.get(collection)
            problems += [
                f"{collection}[{i}].{key}: {late}"
                for i, record in enumerate(records if type(records) is list else ())
                if type(record) is dict
                for key in _FIELDS_ADDED_IN_2
                if key in record
            ]
    if problems:
        raise fail(name, problems)
    return {**raw, "format_version": FORMAT_VERSION}


def read(data: bytes, name: str, *, trusted: bool = False) -> Report:
    """Read a report from the bytes of a report file.

    Args:
        data: The file's bytes.
        name: How to name the file in error messages.
        trusted: For the bundled file, which the test suite checks:
            skips the search for repeated keys and lone surrogates.

    Returns:
        The report.

    Raises:
        DataError: The bytes are not a valid report; the message names each
            place.
    """
    text = decode(data, name)
    del data  # the caller's only reference: the bytes go before the parse
    # The collector is paused while the JSON is parsed and the records are
    # made: a large report makes millions of objects, none garbage, and each
    # of its full passes would walk them all again (at 100,000 figures the
    # load took 2.3x json.loads with it running, 2.1x paused while building
    # only, 1.9x paused throughout; the benchmark's goal is 2x).
    enabled = gc.isenabled()
    gc.disable()
    try:
        raw = parse(text, name, trusted=trusted)
        del text  # twice the file's size for Vietnamese: not kept while building
        if type(raw) is not dict:
            msg = f"{name}: expected a JSON object at the top, got {describe(raw)}"
            raise DataError(msg)
        raw = _current(raw, name)
        try:
            return build(raw)
        except Exception as exc:  # noqa: BLE001 - cattrs, next, names whatever it was
            from vinhphuc_dx._converter import explain  # the error path

            raise explain(raw, name, exc) from None
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------- the cache

_lock = threading.Lock()
_report: Report | None = None


def _resource(name: str) -> bytes:
    # Imported here, not at the top: only the first load() needs it.
    import importlib_resources

    return (importlib_resources.files("vinhphuc_dx") / "data" / name).read_bytes()


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the report file format.

    Each call returns a new dict, free to change.

    >>> import vinhphuc_dx
    >>> vinhphuc_dx.schema()["properties"]["format_version"]
    {'const': 2}

    .. versionadded:: 0.1.0
    """
    return json.loads(_resource("report.schema.json"))  # type: ignore[no-any-return]


def _read_bytes(name: str) -> bytes:
    if not name:
        msg = "an empty path names no file"
        raise FileNotFoundError(2, msg, name)
    with open(name, "rb") as stream:  # noqa: PTH123 - a plain read
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_BYTES:
            msg = f"{name}: {size} bytes is over the {MAX_BYTES}-byte limit of a report"
            raise DataError(msg)
        # What the file says it holds and a byte more, then in growing
        # chunks up to a byte past the limit: a file that grows while read
        # (or a pipe, whose size is 0) is still caught, and memory stays of
        # the order of what is read (read(n) sets n bytes aside at once).
        parts: list[bytes] = []
        total, chunk = 0, size + 1
        while total <= MAX_BYTES:
            part = stream.read(min(chunk, MAX_BYTES + 1 - total))
            if not part:
                break
            parts.append(part)
            total += len(part)
            chunk = max(chunk, 1 << 20)
        data = parts[0] if len(parts) == 1 else b"".join(parts)
    if len(data) > MAX_BYTES:
        msg = f"{name}: over the {MAX_BYTES}-byte limit of a report"
        raise DataError(msg)
    return data


def load(path: str | os.PathLike[str] | None = None) -> Report:
    """Return the bundled report, or read one from *path*.

    The bundled report is read on the first call only; every later call
    returns the same object, also when many threads make the first call at
    once. A report read from *path* is validated and never cached.

    >>> import vinhphuc_dx
    >>> vinhphuc_dx.load() is vinhphuc_dx.load()
    True
    >>> vinhphuc_dx.load().indicators.get("gov.online-services.full-process").value
    954

    Args:
        path: A report file in the format that ``vinhphuc-dx export --format
            json`` writes; omit it for the bundled report.

    Returns:
        The report.

    Raises:
        DataError: The file is not a valid report; the message names the file
            and each place, one per line.
        FileNotFoundError: There is no file at *path*.
        TypeError: *path* is not a path.

    .. versionadded:: 0.1.0
    """
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            msg = f"load() takes a path (str or os.PathLike) or None, got {path!r}"
            raise TypeError(msg)
        name = os.fspath(path)
        return read(_read_bytes(name), name)
    global _report  # noqa: PLW0603 - the cache
    if _report is None:
        with _lock:
            if _report is None:
                _report = read(_resource("report.json"), "report.json", trusted=True)
    return _report


def _reset() -> None:
    """Forget the cached report (for tests)."""
    global _report  # noqa: PLW0603
    with _lock:
        _report = None

"""Reading report files: load(), its cache, the bundled resources, schema().

:func:`load` reads the bundled report once, under a lock, or a user's file
from a path. :func:`parse` takes a file's bytes through the two layers
below: :mod:`vinhphuc_dx._json` (bytes to parsed JSON, with located errors)
and :mod:`vinhphuc_dx._converter` (parsed JSON to records), which is
imported only when a report is built, so that importing this module imports
no cattrs.

Everything that can go wrong with a user's file becomes one
:class:`~vinhphuc_dx.DataError` naming the file and each place, with work
and memory bounded by the file's size (see the docs' *File format* page for
the bounds on numbers and the rules for text and ids).
"""

from __future__ import annotations

import gc
import json
import os
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from vinhphuc_dx import _cite
from vinhphuc_dx._errors import MAX_LINE, _fail
from vinhphuc_dx._json import (
    MAX_DEPTH,
    MAX_INT,
    MAX_PROBLEMS,
    _decode,
    _has_surrogate_escape,
    _located,
    _parse_json,
)
from vinhphuc_dx.exceptions import DataError

# Fill _cite's plug-in slot: a record cited with no source= cites the bundled
# report's article (load() is defined below; the lambda looks it up when called).
_cite.bundled_source = lambda: load().source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from vinhphuc_dx.model import Report

# The bounds of a report file, each defined where it is enforced (MAX_BYTES
# here; the others in _json and _errors) and all importable from here.
__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT",
    "MAX_LINE",
    "MAX_PROBLEMS",
    "load",
    "parse",
    "schema",
]

#: The largest report file :func:`load` reads, in bytes (256 MiB). The bundled
#: report is about 72 KB and a synthetic one of 100,000 figures about 106 MB;
#: a larger file is refused before it is read rather than exhausting memory.
MAX_BYTES = 256 * 1024 * 1024

_RESOURCE = "report.json"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built.

    A report of 100,000 figures creates over a million objects, none of them
    garbage, and the collector would otherwise scan them again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(data: bytes, name: str, *, trusted: bool = False) -> Report:
    """Read a report from the bytes of a report file.

    Args:
        data: The file's bytes.
        name: How to name the file in error messages.
        trusted: For the bundled file, which the test suite checks:
            skips the search for keys repeated inside one object and for
            lone surrogates.

    Returns:
        The report.

    Raises:
        DataError: The bytes are not a valid report; the message names each
            place.
    """
    text = _decode(data, name)
    # The caller passes its only reference: the bytes go before the parse.
    del data
    with _gc_paused():
        # A possible lone surrogate is looked for in the parsed strings, so
        # texts are then left as dicts, not built as they are parsed.
        surrogates = not trusted and _has_surrogate_escape(text)
        shared = None
        if not surrogates:
            from vinhphuc_dx._build import shared_values  # noqa: PLC0415

            shared = shared_values
        raw = _parse_json(text, name, trusted=trusted, shared=shared)
        del text  # twice the file's size for non-ASCII text: not kept meanwhile
        try:
            if raw.marked or surrogates:
                problems, cut = _located(raw.value, surrogates=surrogates)
                if problems:
                    raise _fail(name, problems, cut=cut)
            if trusted and not raw.marked:
                report = _built(raw.value)
                if report is not None:
                    return report
            # Imported here, not at the top: importing this module (for
            # load's cache, or schema()) does not import cattrs, and the
            # bundled report is built without it.
            from vinhphuc_dx._converter import structure  # noqa: PLC0415

            return structure(raw.value, name)
        finally:
            # Freed while the collector still sleeps: its first run after
            # the pause then scans the report, not a million dead dicts too.
            del raw


def _built(raw: object) -> Report | None:
    """The bundled report built without cattrs, or None to read it with cattrs.

    Every validator runs either way; only cattrs can say where a defect is,
    so any failure here (which the test suite would have caught first) is
    left for it to explain.
    """
    from vinhphuc_dx._build import build  # noqa: PLC0415

    try:
        return build(raw)
    except Exception:  # noqa: BLE001 - cattrs, next, names whatever it was
        return None


# ---------------------------------------------------------------- the cache

_lock = threading.Lock()
_report: Report | None = None


def _resource(name: str) -> bytes:
    # Imported here, not at the top: only the first load() needs it.
    import importlib_resources  # noqa: PLC0415

    return (importlib_resources.files("vinhphuc_dx") / "data" / name).read_bytes()


def _read_bundled() -> Report:
    return parse(_resource(_RESOURCE), _RESOURCE, trusted=True)


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the report file format.

    Each call returns a new dict, free to change.

    >>> import vinhphuc_dx
    >>> vinhphuc_dx.schema()["properties"]["format_version"]
    {'const': 2}

    .. versionadded:: 0.1.0
    """
    return json.loads(_resource("report.schema.json"))  # type: ignore[no-any-return]


def _read_path(path: str | os.PathLike[str]) -> Report:
    name = os.fspath(path)
    # The bytes are handed to parse() with no name held here, so that it can
    # let them go once they are decoded.
    return parse(_read_bytes(name), name)


def _read_bytes(name: str) -> bytes:
    with open(name, "rb") as stream:  # noqa: PTH123 - a plain read
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_BYTES:
            msg = f"{name}: {size} bytes is over the {MAX_BYTES}-byte limit of a report"
            raise DataError(msg)
        # Read one byte past the limit: a file that grows while we read
        # (or a pipe, whose size is 0) is still caught.
        data = stream.read(MAX_BYTES + 1)
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

    .. versionadded:: 0.1.0
    """
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            msg = f"load() takes a path (str or os.PathLike) or None, got {path!r}"
            raise TypeError(msg)
        return _read_path(path)
    global _report  # noqa: PLW0603 - the cache
    if _report is None:
        with _lock:
            if _report is None:
                _report = _read_bundled()
    return _report


def _reset() -> None:
    """Forget the cached report and converter (for tests)."""
    from vinhphuc_dx._converter import _converters  # noqa: PLC0415 - tests only

    global _report  # noqa: PLW0603
    with _lock:
        _report = None
        _converters.clear()

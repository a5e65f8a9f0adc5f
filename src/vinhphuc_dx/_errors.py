"""Turning what went wrong while structuring into one located DataError.

cattrs collects a file's defects in a tree of exception groups whose notes
carry each field name and list index; :func:`_explain` walks it (with
:func:`cattrs.transform_error`) into lines such as
``indicators[3].value: expected a number, got 'x'``, and :func:`_fail`
makes one :class:`~vinhphuc_dx.DataError` of them, naming the file on each
line and bounded in length.

cattrs is imported only inside the functions that read its errors, which
exist only once cattrs has been used: importing this module stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinhphuc_dx._json import MAX_PROBLEMS
from vinhphuc_dx.exceptions import DataError, FieldError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import cattrs

__all__ = ["MAX_LINE"]

#: How much of a user's value a message quotes, at most, in characters: a
#: line of a DataError is cut at this length.
MAX_LINE = 300


class _InvalidError(ValueError):
    """A value a converter hook refuses; its message is the whole explanation.

    Internal: raised by the converter's hooks, it never gets past
    _converter.structure(), which turns it into a DataError naming the
    place (the public errors live in exceptions.py).
    """


def _explain(exc: cattrs.BaseValidationError, name: str, *, cut: bool) -> DataError:
    """One DataError naming the place of each defect in cattrs' tree *exc*."""
    from cattrs import transform_error  # noqa: PLC0415 - loaded by now

    lines = transform_error(exc, format_exception=_format)
    return _fail(name, [p for line in lines for p in _place(line)], cut=cut)


def _format(exc: BaseException, kind: type | None) -> str:  # noqa: PLR0911 - one return per kind of error
    """Explain one leaf of cattrs' error tree (transform_error's callback)."""
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415 - loaded by now

    if isinstance(exc, FieldError):
        # \x1f separates a field from its reason; _place() moves the field
        # into the path.
        return "\n".join(f"\x1f{field}\x1f{reason}" for field, reason in exc.problems)
    if isinstance(exc, _InvalidError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(map(repr, sorted(exc.extra_fields)))
        return f"unknown field {names}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, AttributeError):
        # cattrs calls o.keys() on what should be an object.
        return "expected a JSON object"
    if isinstance(exc, TypeError) and kind is not None:
        return f"expected {getattr(kind, '__name__', kind)}"
    return f"invalid value ({exc})"


def _place(line: str) -> Iterator[str]:
    """Turn ``"reason @ $.a[0].b"`` into ``"a[0].b: reason"``."""
    reason, _, path = line.rpartition(" @ ")
    path = path.removeprefix("$").removeprefix(".")
    for part in reason.split("\n"):
        if part.startswith("\x1f"):
            _, field, why = part.split("\x1f", 2)
            where = f"{path}.{field}" if path else field
            yield f"{where}: {why}"
        else:
            yield f"{path or 'report'}: {part}"


def _cut(line: str) -> str:
    """*line*, cut to MAX_LINE characters: a message never echoes a huge value."""
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "..."


def _fail(name: str, problems: list[str], *, cut: bool = False) -> DataError:
    """One DataError listing *problems*; *cut*: more were left unread."""
    shown = [_cut(p) for p in problems[:MAX_PROBLEMS]]
    if cut:
        shown.append("... and more problems")
    elif len(problems) > MAX_PROBLEMS:
        shown.append(f"... and {len(problems) - MAX_PROBLEMS} more problems")
    return DataError("\n".join(f"{name}: {p}" for p in shown))

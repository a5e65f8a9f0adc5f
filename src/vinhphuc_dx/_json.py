"""Reading JSON text, with a place named for everything that goes wrong.

The bottom of reading a report file: bytes become parsed JSON (dicts, lists,
str, int, ``Decimal``) or one :class:`~vinhphuc_dx.DataError` that says
where. Non-integer numbers are read with ``parse_float=Decimal`` so they
stay exact; what the parser cannot hold (a repeated key, a number beyond
``Decimal`` or ``int()``) becomes a marker whose place one walk names, and
lone surrogates are found the same way. Writing goes the other way:
:func:`json_text` writes exact decimals as bare JSON numbers.

This module knows nothing of records and imports no cattrs.
"""

from __future__ import annotations

import functools
import json
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from vinhphuc_dx.exceptions import DataError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["MAX_DEPTH", "MAX_INT", "MAX_PROBLEMS", "json_text"]

#: How many defects one DataError lists before it says how many more there are.
#: The detailed pass stops collecting a list's defects after one more than
#: this, so that a file broken a million times costs no more than one broken
#: a few times.
MAX_PROBLEMS = 20

#: The largest integer a report file may hold, in absolute value (10**15 - 1):
#: 15 digits, which a float64 (pandas) holds exactly. A figure has the same
#: bound, and at most 15 significant digits (see model.FIGURE_DIGITS).
MAX_INT = 10**15 - 1

#: How deeply a report may nest objects and lists (a report needs 5). A file
#: nested deeper than the JSON parser can follow is refused at the line and
#: column where it goes past this depth.
MAX_DEPTH = 64

#: The one spelling of a date-time in the file format.
DATETIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}"


# ---------------------------------------------------------------- reading


def _describe(value: object) -> str:
    """Name a JSON value the way its author wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if hasattr(type(value), "__attrs_attrs__"):
        return "an object"  # a text or period built as it was parsed
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _decode(data: bytes, name: str) -> str:
    """The text of a file's *data*: UTF-8, not empty, any BOM dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{name}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})"
        raise DataError(msg) from None
    if not text or text.isspace():  # not strip(), which copies the whole text
        msg = f"{name}: the file is empty"
        raise DataError(msg)
    return text.removeprefix("\ufeff")


def _has_surrogate_escape(text: str) -> bool:
    """Whether *text* may hold a lone surrogate once parsed."""
    return _surrogate_escape().search(text) is not None


# The JSON parser knows no places, only line and column of a syntax error.
# What it cannot hold (a key given twice, a number beyond the decimal module
# or int()) is therefore kept in the parsed tree as a marker, and _located()
# walks the tree once to name each marker's place. A valid file has no
# marker and is not walked.


class _Repeated(dict[str, Any]):
    """A JSON object in which a key is repeated: *repeated* names them."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]], repeated: list[str]) -> None:
        super().__init__(pairs)
        self.repeated = repeated


class _Refused:
    """A JSON number the parser cannot hold; *reason* says why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Parsing:
    """The hooks of one json.loads call, and whether they left a marker."""

    __slots__ = ("marked",)

    def __init__(self) -> None:
        self.marked = False

    def unique_keys(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen and key not in repeated:
                repeated.append(key)
            seen.add(key)
        self.marked = True
        return _Repeated(pairs, repeated)

    def decimal(self, text: str) -> Decimal | _Refused:
        try:
            return Decimal(text)
        except InvalidOperation:  # an exponent beyond the decimal module's
            self.marked = True
            return _Refused(f"the number {_describe(text)} is out of range")

    def integer(self, text: str) -> int | _Refused:
        # int() refuses over 4,300 digits (sys.get_int_max_str_digits); no
        # valid integer has more than 15.
        if len(text) > len(str(-MAX_INT)):
            self.marked = True
            return _Refused(
                f"expected an integer of at most 15 digits, got {len(text)} characters"
            )
        return int(text)


def _key_text(key: str) -> str:
    if key.isidentifier():
        return key
    return _describe(key)


def _path(trail: tuple[str | int, ...]) -> str:
    text = "".join(
        f"[{part}]" if type(part) is int else f".{_key_text(str(part))}"
        for part in trail
    )
    return text.removeprefix(".") or "report"


@functools.cache
def _surrogate() -> re.Pattern[str]:
    # Compiled on first need, as are the patterns below: the first load()
    # of the bundled report needs none of them.
    return re.compile("[\ud800-\udfff]")


#: A surrogate can only reach a parsed string through a \u escape.
@functools.cache
def _surrogate_escape() -> re.Pattern[str]:
    return re.compile(r"\\u[dD][89a-fA-F]")


def _located(raw: object, *, surrogates: bool) -> tuple[list[str], bool]:
    """Walk the parsed JSON once; name the place of each marker.

    Also refuses lone surrogates (in keys and strings) when *surrogates*,
    since no UTF-8 file, export or terminal can hold one. Walks iteratively,
    so depth costs no recursion. Returns the problems (at most
    ``MAX_PROBLEMS + 1``) and whether the walk stopped before the end.
    """
    problems: list[str] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        if len(problems) > MAX_PROBLEMS:
            return problems, True
        node, trail = stack.pop()
        if isinstance(node, str):
            found = _surrogate().search(node) if surrogates else None
            if found is not None:
                problems.append(
                    f"{_path(trail)}: a lone surrogate {found.group()!r} at "
                    f"character {found.start()} (not text UTF-8 can hold)"
                )
        elif isinstance(node, _Refused):
            problems.append(f"{_path(trail)}: {node.reason}")
        elif isinstance(node, dict):
            problems.extend(_object_problems(node, trail, surrogates=surrogates))
            stack.extend((v, (*trail, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(
                (value, (*trail, index))
                for index, value in reversed(list(enumerate(node)))
                if type(value) in _WALKED
            )
    return problems, False


def _object_problems(
    node: dict[str, Any], trail: tuple[str | int, ...], *, surrogates: bool
) -> Iterator[str]:
    """A repeated key of one JSON object, and keys no UTF-8 can hold."""
    if isinstance(node, _Repeated):
        names = ", ".join(_describe(k) for k in node.repeated[:5])
        yield f"{_path(trail)}: the key {names} is repeated"
    if surrogates:
        for key in node:
            if _surrogate().search(key):
                yield (
                    f"{_path(trail)}: the key {_describe(key)} holds a lone "
                    "surrogate (not text UTF-8 can hold)"
                )


_WALKED = frozenset((str, dict, list, _Repeated, _Refused))


@functools.cache
def _bracket() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> str:
    """Where *text* nests past MAX_DEPTH, as "line L, column C"."""
    depth, where = 0, 0
    for match in _bracket().finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                where = match.start()
                break
        elif bracket in "]}":
            depth -= 1
    line = text.count("\n", 0, where) + 1
    column = where - text.rfind("\n", 0, where)
    return f"line {line}, column {column}"


def _constant(name: str) -> Decimal:
    # NaN and Infinity are not JSON; read them as Decimal so that the value
    # hook refuses them at their place rather than here, with no place.
    return Decimal(name)


class _Parsed:
    """Parsed JSON, and whether it holds a marker (see _Parsing)."""

    __slots__ = ("marked", "value")

    def __init__(self, value: object, *, marked: bool) -> None:
        self.value = value
        self.marked = marked


def _parse_json(
    text: str,
    name: str,
    *,
    trusted: bool,
    shared: Callable[[Callable[[list[tuple[str, Any]]], Any]], Any] | None = None,
) -> _Parsed:
    """json.loads with exact decimals, and every failure a DataError.

    Args:
        text: The file's text.
        name: How to name the file in messages.
        trusted: The bundled file: no search for repeated keys.
        shared: Makes the ``object_pairs_hook`` from the one that keeps
            repeated keys (see ``_build.shared_values``), to build values as
            they are parsed.
    """
    hooks = _Parsing()
    # The bundled file (trusted) has no repeated key to look for.
    plain = dict if trusted else hooks.unique_keys
    pairs_hook = plain if shared is None else shared(plain)
    if pairs_hook is dict:
        pairs_hook = None  # the parser's own dicts, faster than a hook
    try:
        try:
            value = json.loads(
                text,
                parse_float=hooks.decimal,
                parse_constant=_constant,
                object_pairs_hook=pairs_hook,
            )
        except json.JSONDecodeError:
            raise
        except ValueError:
            # An integer of over 4,300 digits, which int() refuses: read
            # again, so that the marker tells where (int() stays the fast
            # reader of every valid file).
            value = json.loads(
                text,
                parse_float=hooks.decimal,
                parse_int=hooks.integer,
                parse_constant=_constant,
                object_pairs_hook=pairs_hook,
            )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        msg = f"{name}: invalid JSON at {where}: {exc.msg}"
        raise DataError(msg) from None
    except RecursionError:
        where = _too_deep(text)
        msg = (
            f"{name}: invalid JSON at {where}: nested too deeply, past "
            f"{MAX_DEPTH} levels (a report needs 5)"
        )
        raise DataError(msg) from None
    return _Parsed(value, marked=hooks.marked)


# ---------------------------------------------------------------- writing

# Exact decimals travel through json.dumps as NUL-delimited strings, which no
# text of a valid report can hold (the model refuses NUL), and come out as
# bare JSON numbers: 99.7 stays 99.7, never a float's nearest neighbour.
_MARK = "\x00"
_MARKED = r'"\\u0000(-?[0-9][0-9.E+-]*)\\u0000"'


def _mark_decimal(value: Decimal) -> str:
    """*value* as the marked string that json_text() writes as a bare number."""
    return f"{_MARK}{value}{_MARK}"


def json_text(unstructured: object) -> str:
    """Indented JSON text of *unstructured*, exact decimals as bare numbers.

    >>> from decimal import Decimal
    >>> print(json_text({"share": _mark_decimal(Decimal("99.70"))}), end="")
    {
      "share": 99.70
    }
    """
    text = json.dumps(unstructured, ensure_ascii=False, indent=2)
    return re.sub(_MARKED, r"\1", text) + "\n"

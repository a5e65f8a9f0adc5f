"""JSON text in and out, with a place named for everything that goes wrong.

Reading: bytes become parsed JSON (dicts, lists, str, int, ``Decimal``) or
one :class:`~vinhphuc_dx.DataError` that says where. Non-integer numbers are
read with ``parse_float=Decimal`` so they stay exact; what the parser cannot
hold (a repeated key, a number beyond ``Decimal`` or ``int()``) becomes a
marker whose place one walk names, and lone surrogates are found the same
way. Writing: :func:`json_text` writes exact decimals as bare JSON numbers,
the one writer of a figure in JSON (the export, ``show``, the diff).

This module knows nothing of records and imports no cattrs.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from vinhphuc_dx._validators import MAX_INT, cut
from vinhphuc_dx.exceptions import DataError

__all__ = [
    "MAX_DEPTH",
    "MAX_LINE",
    "MAX_PROBLEMS",
    "decode",
    "describe",
    "json_text",
    "parse",
]

#: How many defects one DataError lists before it says how many more there are.
MAX_PROBLEMS = 20

#: How much of a user's value a message quotes, at most, in characters: a
#: line of a DataError is cut at this length.
MAX_LINE = 300

#: How deeply a report may nest objects and lists (a report needs 5). A file
#: nested deeper than the JSON parser can follow is refused at the line and
#: column where it goes past this depth.
MAX_DEPTH = 64

#: The one spelling of a date-time in the file format.
DATETIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}"


def describe(value: object) -> str:
    """Name a JSON value the way its author wrote it, in at most 40 characters."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if isinstance(value, str):
        return repr(value) if len(value) <= 38 else repr(value[:35]) + "..."
    return cut(str(value))


def decode(data: bytes, name: str) -> str:
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


# The parser knows no places, only the line and column of a syntax error.
# What it cannot hold is therefore kept in the parsed tree as a marker, and
# _located() walks the tree once to name each marker's place. A valid file
# has no marker and is not walked.


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


class _Hooks:
    """The hooks of one parse, and whether they left a marker."""

    __slots__ = ("marked", "small")

    def __init__(self) -> None:
        self.marked = False
        #: The small objects met so far, by their pairs: a report repeats its
        #: texts, periods and paragraph references endlessly, and each is
        #: kept once, so that the parsed tree of a large file stays within
        #: the memory allowed (and each is built once). Only two strings, two
        #: strings and a truth value, or one integer: 1 == True must not find
        #: another's.
        self.small: dict[tuple[Any, ...], dict[str, Any]] = {}

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # The hottest function of a user's load, one call per JSON object:
        # the shapes of _SMALL read inline.
        n = len(pairs)
        if n == 2:
            (k1, v1), (k2, v2) = pairs
            small = type(v1) is str and type(v2) is str and k1 != k2
        elif n == 3:
            (k1, v1), (k2, v2), (k3, v3) = pairs
            small = (
                type(v1) is str
                and type(v2) is str
                and type(v3) is bool
                and k1 != k2 != k3 != k1
            )
        else:
            small = n == 1 and type(pairs[0][1]) is int
        if small:
            key = tuple(pairs)
            found = self.small.get(key)
            if found is None:
                found = self.small[key] = dict(pairs)
            return found
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        seen: set[str] = set()
        repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        self.marked = True
        return _Repeated(pairs, list(dict.fromkeys(repeated)))

    def decimal(self, text: str) -> Decimal | _Refused:
        try:
            return Decimal(text)
        except InvalidOperation:  # an exponent beyond the decimal module's
            self.marked = True
            return _Refused(f"the number {describe(text)} is out of range")

    def integer(self, text: str) -> int | _Refused:
        # int() refuses over 4,300 digits; no valid integer has more than 15.
        if len(text) > len(str(-MAX_INT)):
            self.marked = True
            return _Refused(
                f"expected an integer of at most 15 digits, got {len(text)} characters"
            )
        return int(text)


def _path(trail: tuple[str | int, ...]) -> str:
    text = "".join(
        f"[{part}]"
        if type(part) is int
        else f".{part}"
        if str(part).isidentifier()
        else f".{describe(part)}"
        for part in trail
    )
    return text.removeprefix(".") or "report"


_SURROGATE = "[\ud800-\udfff]"


def _located(raw: object) -> tuple[list[str], bool]:
    """Walk the parsed JSON once; name the place of each marker and surrogate.

    No UTF-8 file, export or terminal can hold a lone surrogate, so one is
    refused wherever it is. Walks with a stack, so depth costs no recursion,
    and stops after ``MAX_PROBLEMS + 1`` problems. Returns the problems and
    whether some of the tree was left unread.
    """
    problems: list[str] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(raw, ())]
    while stack and len(problems) <= MAX_PROBLEMS:
        node, trail = stack.pop()
        if isinstance(node, str):
            found = re.search(_SURROGATE, node)
            if found is not None:
                problems.append(
                    f"{_path(trail)}: a lone surrogate {found.group()!r} at "
                    f"character {found.start()} (not text UTF-8 can hold)"
                )
        elif isinstance(node, _Refused):
            problems.append(f"{_path(trail)}: {node.reason}")
        elif isinstance(node, dict):
            if isinstance(node, _Repeated):
                names = ", ".join(describe(k) for k in node.repeated[:5])
                problems.append(f"{_path(trail)}: the key {names} is repeated")
            problems += [
                f"{_path(trail)}: the key {describe(key)} holds a lone "
                "surrogate (not text UTF-8 can hold)"
                for key in node
                if re.search(_SURROGATE, key)
            ]
            stack.extend((v, (*trail, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, (*trail, i)) for i, v in reversed(list(enumerate(node))))
    return problems, bool(stack)


#: A JSON string (its loop unrolled, so that a long one costs no memory in
#: the regular expression engine), or a bracket.
_BRACKET = r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]'


def _too_deep(text: str) -> str:
    """Where *text* nests past MAX_DEPTH, as "line L, column C"."""
    depth, where = 0, 0
    for match in re.finditer(_BRACKET, text):
        bracket = match.group()[0]
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


def parse(text: str, name: str, *, trusted: bool = False) -> object:
    """json.loads with exact decimals, and every failure a located DataError.

    Args:
        text: The file's text.
        name: How to name the file in messages.
        trusted: The bundled file, which the test suite checks: no search
            for repeated keys or lone surrogates.
    """
    hooks = _Hooks()
    options: dict[str, Any] = {
        "parse_float": hooks.decimal,
        # NaN and Infinity are not JSON: read as Decimal, the value's own
        # check refuses them at their place.
        "parse_constant": Decimal,
        "object_pairs_hook": None if trusted else hooks.pairs,
    }
    try:
        try:
            value = json.loads(text, **options)
        except json.JSONDecodeError:
            raise
        except ValueError:
            # An integer of over 4,300 digits, which int() refuses: read
            # again so that the marker says where (int() stays the fast
            # reader of every valid file).
            value = json.loads(text, parse_int=hooks.integer, **options)
    except json.JSONDecodeError as exc:
        msg = (
            f"{name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        )
        raise DataError(msg) from None
    except RecursionError:
        msg = (
            f"{name}: invalid JSON at {_too_deep(text)}: nested too deeply, past "
            f"{MAX_DEPTH} levels (a report needs 5)"
        )
        raise DataError(msg) from None
    if hooks.marked or (not trusted and re.search(_SURROGATE_ESCAPE, text)):
        problems, cut_short = _located(value)
        if problems:
            raise fail(name, problems, cut_short=cut_short)
    return value


#: A lone surrogate can only reach a parsed string through a \u escape.
_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F]"


def fail(name: str, problems: list[str], *, cut_short: bool = False) -> DataError:
    """One DataError listing *problems*, each cut to MAX_LINE characters.

    Args:
        name: The file, named on each line.
        problems: One line per defect.
        cut_short: More defects were left unread.
    """
    shown = [
        p if len(p) <= MAX_LINE else p[: MAX_LINE - 3] + "..."
        for p in problems[:MAX_PROBLEMS]
    ]
    if cut_short or len(problems) > MAX_PROBLEMS:
        shown.append(
            "... and more problems"
            if cut_short
            else f"... and {len(problems) - MAX_PROBLEMS} more problems"
        )
    return DataError("\n".join(f"{name}: {p}" for p in shown))


# Exact decimals travel through json.dumps as NUL-delimited strings, which no
# text of a valid report can hold (the model refuses NUL), and come out as
# bare JSON numbers: 99.7 stays 99.7, never a float's nearest neighbour.
_MARKED = r'"\\u0000(-?[0-9][0-9.E+-]*)\\u0000"'


def _mark(value: object) -> str:
    if isinstance(value, Decimal):
        return f"\x00{value}\x00"
    msg = f"cannot write {value!r} as JSON"
    raise TypeError(msg)


def json_text(data: object) -> str:
    """Indented JSON text of *data*, exact decimals as bare numbers.

    >>> print(json_text({"share": Decimal("99.70")}), end="")
    {
      "share": 99.70
    }
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_mark)
    return re.sub(_MARKED, r"\1", text) + "\n"

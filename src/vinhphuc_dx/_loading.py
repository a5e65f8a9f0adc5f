"""Reading and writing report files: the converter, the JSON layer, load().

The file format mirrors the model (see the docs' *File format* page): a
report is a JSON object whose keys are :class:`~vinhphuc_dx.Report`'s
attribute names, each record an object whose keys are its class's attribute
names, a pillar named by its id, an enum by its value, a date as ISO text.
Non-integer figures are read with ``parse_float=Decimal`` so they stay exact.

Everything that can go wrong with a user's file becomes one
:class:`~vinhphuc_dx.DataError` naming the file and each place, with work
and memory bounded by the file's size (see the docs' *File format* page for
the bounds on numbers and the rules for text and ids).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import gc
import json
import os
import re
import threading
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

import cattrs
from cattrs.errors import (
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from vinhphuc_dx import _cite, model
from vinhphuc_dx.exceptions import DataError, FieldError
from vinhphuc_dx.model import FORMAT_VERSION, READ_VERSIONS, Pillar, Report
from vinhphuc_dx.query import Records

# Fill _cite's plug-in slot: a record cited with no source= cites the bundled
# report's article (load() is defined below; the lambda looks it up when called).
_cite.bundled_source = lambda: load().source

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Iterator

__all__ = ["MAX_BYTES", "dump_json", "load", "parse", "schema", "to_dict"]

#: The largest report file :func:`load` reads, in bytes (256 MiB). The bundled
#: report is about 40 KB and a synthetic one of 100,000 figures about 93 MB;
#: a larger file is refused before it is read rather than exhausting memory.
MAX_BYTES = 256 * 1024 * 1024

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

#: How much of a user's value a message quotes, at most, in characters: a
#: line of a DataError is cut at this length.
MAX_LINE = 300

_RESOURCE = "report.json"

_R = TypeVar("_R")


class _InvalidError(ValueError):
    """A value a converter hook refuses; its message is the whole explanation.

    Internal: it never leaves this module, where structure() turns it into a
    DataError naming the place (the public errors live in exceptions.py).
    """


def _describe(value: object) -> str:
    """Name a JSON value the way its author wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# ---------------------------------------------------------------- hooks


def _str(value: object, _: type) -> str:
    if type(value) is not str:
        msg = f"expected a string, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        msg = f"expected an integer, got {_describe(value)}"
        raise _InvalidError(msg)
    if not -MAX_INT <= value <= MAX_INT:
        msg = f"expected an integer of at most 15 digits, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _figure(value: object, _: object) -> int | Decimal:
    if type(value) is int:
        return value
    if type(value) is Decimal:
        if not value.is_finite():
            msg = f"expected a finite number, got {value}"
            raise _InvalidError(msg)
        return value
    msg = f"expected a number, got {_describe(value)}"
    raise _InvalidError(msg)


def _date(value: object, _: type) -> dt.date:
    # fromisoformat also takes 20240101 and 2024-W01-1 from Python 3.11 on;
    # the file format has one spelling, YYYY-MM-DD.
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # a well-shaped string naming no day, such as 2024-02-30
    msg = f"expected a date as YYYY-MM-DD, got {_describe(value)}"
    raise _InvalidError(msg)


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}")


def _datetime(value: object, _: type) -> dt.datetime:
    if type(value) is str and _DATETIME.fullmatch(value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass  # well-shaped but impossible, such as 25:00
    msg = f"expected a date-time as YYYY-MM-DDTHH:MM:SS+HH:MM, got {_describe(value)}"
    raise _InvalidError(msg)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    """A hook reading *kind* from its value with one dict lookup."""
    members = {member.value: member for member in kind}

    def structure(value: object, _: object) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable list or object
            allowed = ", ".join(map(repr, members))
            msg = f"expected one of {allowed}, got {_describe(value)}"
            raise _InvalidError(msg) from None

    return structure


def _require_list(value: object) -> list[Any]:
    if type(value) is not list:
        msg = f"expected a list, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


class _Session:
    """What one structuring pass remembers.

    ``pillars``: the report's pillars by id, so that an indicator's
    ``"pillar": "digital-economy"`` becomes that Pillar object.
    ``texts``, ``periods``, ``sources``: the small immutable values already
    built, by their JSON content (see :func:`_text_hook`).
    """

    __slots__ = ("cut", "periods", "pillars", "sources", "texts")

    def __init__(self) -> None:
        #: Whether the detailed pass left a list's later items unread.
        self.cut = False
        self.pillars: dict[str, Pillar] = {}
        self.texts: dict[tuple[str, str], model.Text] = {}
        self.periods: dict[tuple[str, str, bool], model.Period] = {}
        self.sources: dict[int, model.SourceRef] = {}


#: The session of the pass under way: a context variable, so that threads
#: loading different files do not share one.
_SESSION: contextvars.ContextVar[_Session] = contextvars.ContextVar("vinhphuc_dx")


def _pillar_ref(value: object, _: object) -> Pillar | None:
    if value is None:
        return None
    if type(value) is not str:
        msg = f"expected a pillar id or null, got {_describe(value)}"
        raise _InvalidError(msg)
    pillars = _SESSION.get().pillars
    try:
        return pillars[value]
    except KeyError:
        known = ", ".join(map(repr, pillars)) or "none"
        msg = f"unknown pillar {value!r} (the report's pillars: {known})"
        raise _InvalidError(msg) from None


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    """Build a converter that reads and writes the file format.

    Args:
        detailed: Keep cattrs' detailed validation, which collects every
            defect with its place. A file is first read without it (less
            generated code, faster per record); only a file that fails is
            read again with it, to say what is wrong and where.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    _register_scalars(conv)
    _register_lists(conv, detailed=detailed)
    _register_sequences(conv)
    _register_records(conv)
    _register_unstructure(conv)
    return conv


def _register_scalars(conv: cattrs.Converter) -> None:
    """Strict hooks for JSON scalars: no str(3), no bool where an int goes."""
    for kind, hook in (
        (str, _str),
        (int, _int),
        (bool, _bool),
        (dt.date, _date),
        (dt.datetime, _datetime),
    ):
        conv.register_structure_hook(kind, hook)
    conv.register_structure_hook(model.Value, _figure)
    enums: tuple[type[enum.Enum], ...] = (
        model.Unit,
        model.Qualifier,
        model.InstrumentKind,
    )
    for members in enums:
        conv.register_structure_hook(members, _enum_hook(members))


def _register_lists(conv: cattrs.Converter, *, detailed: bool) -> None:
    """JSON lists, whose detailed reading stops once enough defects are found.

    cattrs' own list hook, in detailed mode, builds one exception per bad item:
    a list of a million wrong items cost minutes and gigabytes. This one
    raises the same :class:`~cattrs.errors.IterableValidationError` (so
    :func:`cattrs.transform_error` names each index) after at most
    ``MAX_PROBLEMS + 1`` bad items.
    """

    def factory(kind: Any) -> Callable[[object, object], list[Any]]:
        (item,) = kind.__args__

        def structure(value: object, _: object) -> list[Any]:
            items = _require_list(value)
            hook = conv.get_structure_hook(item)
            if not detailed:
                return [hook(v, item) for v in items]
            result: list[Any] = []
            errors: list[Exception] = []
            for index, v in enumerate(items):
                try:
                    result.append(hook(v, item))
                except Exception as exc:  # noqa: BLE001, PERF203 - collected, as cattrs does
                    note = IterableValidationNote(
                        f"Structuring {kind} @ index {index}", index, item
                    )
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
                    if len(errors) > MAX_PROBLEMS:
                        if index + 1 < len(items):
                            _SESSION.get().cut = True
                        break
            if errors:
                msg = f"While structuring {kind}"
                raise IterableValidationError(msg, errors, kind)
            return result

        return structure

    conv.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is list, factory
    )


def _register_sequences(conv: cattrs.Converter) -> None:
    """Tuples and Records from JSON lists (and only lists: not strings)."""

    def strings(value: object, _: object) -> tuple[str, ...]:
        if type(value) is list and (not value or all(type(v) is str for v in value)):
            return tuple(value)  # the common case, without a call per item
        # Otherwise cattrs names the offending index.
        return tuple(conv.structure(_require_list(value), list[str]))

    def texts(value: object, _: object) -> tuple[model.Text, ...]:
        return tuple(conv.structure(_require_list(value), list[model.Text]))

    # Predicates, not classes: functools.singledispatch takes no generic alias.
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], strings)
    conv.register_structure_hook_func(lambda t: t == tuple[model.Text, ...], texts)

    def records_hook(kind: Any) -> Callable[[object, object], Records[Any]]:
        as_list = list[kind.__args__[0]]

        def structure(value: object, _: object) -> Records[Any]:
            return Records(conv.structure(_require_list(value), as_list))

        return structure

    conv.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is Records, records_hook
    )


def _lazy_generated(
    conv: cattrs.Converter, cls: type[_R]
) -> Callable[[object, type[_R]], _R]:
    """Return cattrs' generated hook for *cls*, generated on its first call.

    The hooks below build the plain shape of a small value themselves; only
    a value of another shape reaches cattrs, which refuses it with a detailed
    reason. Most loads never need the generated code, so it is not built.
    """

    @functools.cache
    def generated() -> Callable[[object, type[_R]], _R]:
        return make_dict_structure_fn(cls, conv)  # type: ignore[return-value]

    def structure(value: object, cls_: type[_R]) -> _R:
        return generated()(value, cls_)

    return structure


# Texts, periods and paragraph references are built once per pass: a report
# repeats them endlessly (the same period, the same label for every
# province), and a frozen object can be shared, so one dict lookup on the
# JSON content replaces building and validating a new object. Only the exact
# plain shape is looked up, and only once its JSON types are checked (a key
# equal to a valid one, 1 == True or Decimal("1") == 1, must not find it);
# anything else goes to cattrs, which explains what is wrong with it.


def _text_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.Text]:
    text, fallback = model.Text, _lazy_generated(conv, model.Text)

    def structure(value: Any, _: object) -> model.Text:
        if type(value) is dict and len(value) == 2:
            vi, en = value.get("vi"), value.get("en")
            if type(vi) is str and type(en) is str:
                texts = _SESSION.get().texts
                made = texts.get((vi, en))
                if made is None:
                    made = texts[vi, en] = text(vi, en)
                return made
        return fallback(value, text)

    return structure


def _period_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.Period]:
    period, fallback = model.Period, _lazy_generated(conv, model.Period)

    def structure(value: Any, _: object) -> model.Period:
        # Exactly {start, end} or {start, end, stated}.
        if type(value) is dict and (
            len(value) == 2 or (len(value) == 3 and "stated" in value)
        ):
            start, end = value.get("start"), value.get("end")
            stated = value.get("stated", True)
            if type(start) is str and type(end) is str and type(stated) is bool:
                periods = _SESSION.get().periods
                made = periods.get((start, end, stated))
                if made is not None:
                    return made
                # A day that is no date: cattrs, below, says which of the two.
                with contextlib.suppress(_InvalidError):
                    days = _date(start, dt.date), _date(end, dt.date)
                    made = periods[start, end, stated] = period(*days, stated)
                    return made
        return fallback(value, period)

    return structure


def _source_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.SourceRef]:
    source_ref, fallback = model.SourceRef, _lazy_generated(conv, model.SourceRef)

    def structure(value: Any, _: object) -> model.SourceRef:
        if type(value) is dict and len(value) == 1:
            paragraph = value.get("paragraph")
            if type(paragraph) is int and paragraph <= MAX_INT:
                sources = _SESSION.get().sources
                made = sources.get(paragraph)
                if made is None:
                    made = sources[paragraph] = source_ref(paragraph)
                return made
        return fallback(value, source_ref)

    return structure


def _register_records(conv: cattrs.Converter) -> None:
    """The record classes that need more than cattrs' generated hooks."""
    # Registered once here (left to the hook factories, cattrs would generate
    # a new function for every field that holds one: 17 for Text).
    conv.register_structure_hook(model.Text, _text_hook(conv))
    conv.register_structure_hook(model.Period, _period_hook(conv))
    conv.register_structure_hook(model.SourceRef, _source_hook(conv))
    pillar_fn = make_dict_structure_fn(Pillar, conv)

    def pillar(value: Any, cls: type[Pillar]) -> Pillar:
        made = pillar_fn(value, cls)
        # Register it for the indicators that follow; a repeated id is
        # reported by the report's own integrity check.
        _SESSION.get().pillars.setdefault(made.id, made)
        return made

    conv.register_structure_hook(Pillar, pillar)
    for cls in (model.Indicator, model.Statement):
        conv.register_structure_hook(
            cls,
            make_dict_structure_fn(cls, conv, pillar=override(struct_hook=_pillar_ref)),
        )


def _id_of(pillar: Pillar | None) -> str | None:
    return None if pillar is None else pillar.id


def _register_unstructure(conv: cattrs.Converter) -> None:
    """Plain JSON values, with exact decimals marked for dump_json."""
    conv.register_unstructure_hook(Decimal, _mark_decimal)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is Records or t is Records,
        lambda records: [conv.unstructure(r) for r in records],
    )
    # A factory, so that the code is generated on the first export, not when
    # the converter is built for a load.
    conv.register_unstructure_hook_factory(
        lambda t: t is model.Indicator or t is model.Statement,
        lambda t: make_dict_unstructure_fn(
            t, conv, pillar=override(unstruct_hook=_id_of)
        ),
    )


#: The converters, by whether they validate in detail; built on first use.
_converters: dict[bool, cattrs.Converter] = {}


def _get_converter(*, detailed: bool = True) -> cattrs.Converter:
    converter = _converters.get(detailed)
    if converter is None:
        # Two threads may build one at once; both are equivalent and the
        # last assignment wins, so no lock is needed.
        converter = _converters[detailed] = _make_converter(detailed=detailed)
    return converter


# ---------------------------------------------------------------- errors


def _format(exc: BaseException, kind: type | None) -> str:  # noqa: PLR0911 - one return per kind of error
    """Explain one leaf of cattrs' error tree (transform_error's callback)."""
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


# ---------------------------------------------------------------- JSON


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


_SURROGATE = re.compile("[\ud800-\udfff]")
#: A surrogate can only reach a parsed string through a \u escape.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


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
            found = _SURROGATE.search(node) if surrogates else None
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
            if _SURROGATE.search(key):
                yield (
                    f"{_path(trail)}: the key {_describe(key)} holds a lone "
                    "surrogate (not text UTF-8 can hold)"
                )


_WALKED = frozenset((str, dict, list, _Repeated, _Refused))

_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> str:
    """Where *text* nests past MAX_DEPTH, as "line L, column C"."""
    depth, where = 0, 0
    for match in _BRACKET.finditer(text):
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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{name}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})"
        raise DataError(msg) from None
    if not text or text.isspace():  # not strip(), which copies the whole text
        msg = f"{name}: the file is empty"
        raise DataError(msg)
    text = text.removeprefix("\ufeff")
    with _gc_paused():
        raw = _parse_json(text, name, trusted=trusted)
        surrogates = False
        if not trusted:
            # Read the whole text before it is dropped.
            surrogates = _SURROGATE_ESCAPE.search(text) is not None
        del text  # twice the file's size for non-ASCII text: not kept meanwhile
        try:
            if raw.marked or surrogates:
                problems, cut = _located(raw.value, surrogates=surrogates)
                if problems:
                    raise _fail(name, problems, cut=cut)
            return structure(raw.value, name)
        finally:
            # Freed while the collector still sleeps: its first run after
            # the pause then scans the report, not a million dead dicts too.
            del raw


class _Parsed:
    """Parsed JSON, and whether it holds a marker (see _Parsing)."""

    __slots__ = ("marked", "value")

    def __init__(self, value: object, *, marked: bool) -> None:
        self.value = value
        self.marked = marked


def _parse_json(text: str, name: str, *, trusted: bool) -> _Parsed:
    """json.loads with exact decimals, and every failure a DataError."""
    hooks = _Parsing()
    try:
        try:
            value = json.loads(
                text,
                parse_float=hooks.decimal,
                parse_constant=_constant,
                object_pairs_hook=None if trusted else hooks.unique_keys,
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
                object_pairs_hook=None if trusted else hooks.unique_keys,
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


def structure(raw: object, name: str = "report") -> Report:
    """Build a report from parsed JSON (dicts, lists, str, int, Decimal).

    A valid report is built in one fast pass; an invalid one is structured
    again with detailed validation, so that every defect is named.

    Args:
        raw: The parsed JSON.
        name: How to name the file in error messages.

    Raises:
        DataError: *raw* is not a valid report; the message names each place.
    """
    if type(raw) is not dict:
        msg = f"{name}: expected a JSON object at the top, got {_describe(raw)}"
        raise DataError(msg)
    version = raw.get("format_version")
    if type(version) is not int or version not in READ_VERSIONS:
        known = ", ".join(map(str, READ_VERSIONS))
        msg = (
            f"{name}: format_version {_describe(version)} is not one this release "
            f"reads (it reads {known})"
        )
        raise DataError(msg)
    if version != FORMAT_VERSION:
        raw = _upgrade(raw, name)
    else:
        # The model lets code leave them out (a report with no people);
        # a version-2 file states them, as the schema requires.
        missing = [
            f"{key}: required field missing" for key in _ADDED_IN_2 if key not in raw
        ]
        if missing:
            raise _fail(name, missing)
    token = _SESSION.set(_Session())
    try:
        return _get_converter(detailed=False).structure(raw, Report)
    except Exception:  # noqa: BLE001, S110 - the detailed pass below explains it
        pass
    finally:
        _SESSION.reset(token)
    token = _SESSION.set(_Session())
    try:
        return _get_converter().structure(raw, Report)
    except cattrs.BaseValidationError as exc:
        lines = cattrs.transform_error(exc, format_exception=_format)
        problems = [p for line in lines for p in _place(line)]
        raise _fail(name, problems, cut=_SESSION.get().cut) from None
    except RecursionError:
        msg = f"{name}: the JSON is nested too deeply to be a report"
        raise DataError(msg) from None
    finally:
        _SESSION.reset(token)


#: What format_version 2 added: new collections, and new fields of records.
_ADDED_IN_2 = ("people", "statements")
_FIELDS_ADDED_IN_2 = ("as_written", "attributed_to")


def _upgrade(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """Read a version-1 report as the current version.

    Version 1 has no people, no statements, no ``as_written`` and no
    ``attributed_to``: they are absent from the report read (empty, or
    ``None``). A version-1 file that holds one of them is refused, at its
    place, rather than read as a version it does not declare.
    """
    problems = [
        f"{key}: unknown field in format_version 1 (added in 2)"
        for key in _ADDED_IN_2
        if key in raw
    ]
    for collection in model.ATTRIBUTED:
        records = raw.get(collection)
        if type(records) is not list:
            continue  # the structuring pass names what is wrong with it
        problems += [
            f"{collection}[{i}].{key}: unknown field in format_version 1 (added in 2)"
            for i, record in enumerate(records)
            if type(record) is dict
            for key in _FIELDS_ADDED_IN_2
            if key in record
        ]
    if problems:
        raise _fail(name, problems)
    return {**raw, "format_version": FORMAT_VERSION}


def to_dict(report: Report) -> dict[str, Any]:
    """Return *report* as the JSON-ready dict of the file format.

    Exact decimals are marked strings here: write the result with
    :func:`dump_json`, which restores them as JSON numbers.
    """
    return unstructure(report)  # type: ignore[no-any-return]


# Exact decimals travel through json.dumps as NUL-delimited strings, which no
# text of a valid report can hold (the model refuses NUL), and come out as
# bare JSON numbers: 99.7 stays 99.7, never a float's nearest neighbour.
_MARK = "\x00"
_MARKED = re.compile(r'"\\u0000(-?[0-9][0-9.E+-]*)\\u0000"')


def _mark_decimal(value: Decimal) -> str:
    return f"{_MARK}{value}{_MARK}"


def unstructure(record: object) -> Any:
    """Return a record (or report) as the file format's JSON-ready value."""
    return _get_converter(detailed=False).unstructure(record)


def json_text(unstructured: object) -> str:
    """Indented JSON text of *unstructured*, exact decimals as bare numbers."""
    text = json.dumps(unstructured, ensure_ascii=False, indent=2)
    return _MARKED.sub(r"\1", text) + "\n"


def dump_json(report: Report) -> str:
    """Return *report* in the file format, as indented JSON text."""
    return json_text(to_dict(report))


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
    return parse(data, name)


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
    global _report  # noqa: PLW0603
    with _lock:
        _report = None
        _converters.clear()

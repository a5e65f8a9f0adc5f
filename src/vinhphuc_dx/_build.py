"""Model objects from parsed JSON: the one builder of every valid report.

:func:`build` reads a report of the current format from its parsed JSON,
with a plan made once per class from the model's own field types, and makes
every record with its class's ``__init__``, so that every validator runs.
It stops at the first thing it does not expect; the caller then asks cattrs
(:mod:`vinhphuc_dx._converter`) to name every defect at its place. The
readers of each value (a string, an integer, a date, a date-time, a figure,
an enum, a text, a period, a paragraph reference) are the same on both
paths: cattrs is given them as its hooks.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import sys
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx import model
from vinhphuc_dx._json import DATETIME, describe
from vinhphuc_dx.exceptions import FieldError
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["InvalidError", "build", "read_named", "readers"]


class InvalidError(ValueError):
    """A JSON value a reader refuses; its message says what was expected.

    Internal: cattrs adds the place, and the loader raises a DataError.
    """


#: The records built so far by id (an indicator's pillar names one), and,
#: under ARTICLE, the report's source, which each paragraph reference holds.
Refs = dict[Any, Any]
ARTICLE = "\x00article"

_ABSENT = object()


def _expect(kind: type, what: str) -> Callable[[object, object], Any]:
    def read(value: object, _: object = None) -> Any:
        if type(value) is not kind:
            msg = f"expected {what}, got {describe(value)}"
            raise InvalidError(msg)
        return value

    return read


read_str = _expect(str, "a string")
read_int = _expect(int, "an integer")
read_bool = _expect(bool, "true or false")


def read_figure(value: object, _: object = None) -> int | Decimal:
    """A figure: a JSON integer, or a number with a point read as a Decimal."""
    if type(value) is int or type(value) is Decimal:
        return value
    msg = f"expected a number, got {describe(value)}"
    raise InvalidError(msg)


def read_date(value: object, _: object = None) -> dt.date:
    """A date in the format's one spelling, YYYY-MM-DD (fromisoformat takes more)."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    msg = f"expected a date as YYYY-MM-DD, got {describe(value)}"
    raise InvalidError(msg)


def read_datetime(value: object, _: object = None) -> dt.datetime:
    """A date-time as YYYY-MM-DDTHH:MM:SS+HH:MM, with its UTC offset."""
    if type(value) is str and re.fullmatch(DATETIME, value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass  # well shaped but impossible, such as 25:00
    msg = f"expected a date-time as YYYY-MM-DDTHH:MM:SS+HH:MM, got {describe(value)}"
    raise InvalidError(msg)


@functools.cache
def read_enum(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    """A reader of *kind* from its value."""
    members = {member.value: member for member in kind}

    def read(value: object, _: object = None) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable list or object
            allowed = ", ".join(map(repr, members))
            msg = f"expected one of {allowed}, got {describe(value)}"
            raise InvalidError(msg) from None

    return read


def _require_list(value: object) -> list[Any]:
    if type(value) is not list:
        msg = f"expected a list, got {describe(value)}"
        raise InvalidError(msg)
    return value


@functools.cache
def _hint(module: str, annotation: str) -> Any:
    """An annotation of the model, evaluated in its module once per spelling.

    Several times cheaper than :func:`typing.get_type_hints` at the first
    load, which evaluates each class's annotations anew.
    """
    return eval(annotation, vars(sys.modules[module]))  # noqa: S307 - the model's own


_Read = typing.Callable[[Any, Refs], Any]
#: A field's name, its reader (None: the value as it is), whether it may be null.
_Step = tuple[str, _Read | None, bool]


#: The small values a report repeats endlessly: each distinct one is built
#: once per report, and these, unlike records, are explained by the builder
#: itself when cattrs reads a file to name its defects.
_SMALL = (model.Text, model.Period, model.SourceRef)


#: The readers of JSON's scalars, cattrs' hooks. A record's string, integer,
#: truth value or figure is passed as it is (its validators refuse one of
#: another type); its dates and date-times are read.
_SCALARS: dict[Any, Callable[[object, object], Any]] = {
    str: read_str,
    int: read_int,
    bool: read_bool,
    model.Value: read_figure,
    dt.date: read_date,
    dt.datetime: read_datetime,
}


def _reader(kind: Any, named: frozenset[type], *, small: bool) -> _Read | None:  # noqa: PLR0911 - one per kind
    """How a JSON value becomes a value of *kind*; None: as it is.

    A string, an integer, a truth value or a figure of a record is passed as
    it is: the record's validators refuse one of another type (cattrs, not
    the builder, says what is wrong with a record); a small value's own
    fields are read with their messages.
    """
    origin = typing.get_origin(kind)
    if origin is Records:
        return _records(typing.get_args(kind)[0])
    if origin is tuple:
        item = _reader(typing.get_args(kind)[0], named, small=False)
        if item is None:  # ids: the validators check each
            return lambda value, _: tuple(_require_list(value))
        return lambda value, refs: tuple(item(v, refs) for v in _require_list(value))
    if kind in named:
        return read_named(kind)
    if kind is model.Source:
        return _source
    if kind in _SMALL:
        return _shared(kind)
    if attrs.has(kind):
        return functools.partial(_object, kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return read_enum(kind)
    return _SCALARS.get(kind) if small or kind in (dt.date, dt.datetime) else None


def _shared(cls: type) -> _Read:
    """A reader of a small value that builds each one the parse shared once.

    The parser gives each distinct text, period and paragraph reference of a
    user's file as one object (see ``_json``); its value is built once here.
    """

    def read(value: object, refs: Refs) -> Any:
        made = refs.get(id(value))
        if made is None:
            made = refs[id(value)] = _object(cls, value, refs)
        return made

    return read


@functools.cache
def _plan(cls: type) -> tuple[tuple[_Step, ...], frozenset[str], frozenset[str]]:
    """The steps that read each field of *cls* in a file, their names, the required."""
    # A record kind that a report holds in a collection is, anywhere else,
    # named by its id (an indicator's pillar).
    named = (
        frozenset(model.RECORD_CLASSES.values())
        if cls is not model.Report
        else frozenset()
    )
    small = cls in _SMALL
    fields = attrs.fields(cls)
    steps = []
    for field in fields:
        if not field.metadata.get("in_file", True):
            continue
        kind = field.type
        if isinstance(kind, str):
            kind = _hint(cls.__module__, kind)
        args = typing.get_args(kind)
        optional = type(None) in args
        if optional:  # the type with None taken out
            (kind,) = (a for a in args if a is not type(None))
        steps.append((field.name, _reader(kind, named, small=small), optional))
    required = frozenset(f.name for f in fields if f.default is attrs.NOTHING)
    return tuple(steps), frozenset(name for name, *_ in steps), required


def _object(cls: type, value: object, refs: Refs) -> Any:
    """A value of the attrs class *cls* from a JSON object with its fields' keys.

    Raises:
        FieldError: Every field missing, unknown or refused (the field ``""``
            names the object itself), or what the class's validators refuse.
    """
    if type(value) is not dict:
        msg = f"expected a JSON object, got {describe(value)}"
        raise InvalidError(msg)
    plan, known, required = _plan(cls)
    try:  # the common case, in one comprehension
        kwargs = {
            name: item
            if read is None or (optional and item is None)
            else read(item, refs)
            for name, read, optional in plan
            if (item := value.get(name, _ABSENT)) is not _ABSENT
        }
    except (InvalidError, FieldError):
        kwargs = None
    if kwargs is None or not (required <= kwargs.keys() and known.issuperset(value)):
        problems = _problems(plan, value, refs)
        problems += [(n, "required field missing") for n in required - value.keys()]
        extra = [k for k in value if k not in known]
        if extra:
            problems.append(
                ("", f"unknown field {', '.join(map(describe, extra[:5]))}")
            )
        raise FieldError(*problems[0], more=tuple(problems[1:]))
    if cls is model.SourceRef:
        kwargs["article"] = refs.get(ARTICLE)
    return cls(**kwargs)


def _problems(
    plan: tuple[_Step, ...], value: dict[str, Any], refs: Refs
) -> list[tuple[str, str]]:
    """What each field of *value* holds that its reader refuses."""
    problems: list[tuple[str, str]] = []
    for name, read, optional in plan:
        item = value.get(name)
        if read is None or (item is None and (optional or name not in value)):
            continue
        try:
            read(item, refs)
        except InvalidError as exc:
            problems.append((name, str(exc)))
        except FieldError as exc:  # inside a nested value: say its field too
            problems += [(f"{name}.{f}" if f else name, r) for f, r in exc.problems]
    return problems


def _source(value: object, refs: Refs) -> model.Source:
    source: model.Source = _object(model.Source, value, refs)
    refs[ARTICLE] = source  # read before the records, whose references hold it
    return source


def read_named(cls: type) -> _Read:
    """A reader of a record named by its id (a pillar), built earlier.

    It finds the record in *refs*, the records read so far by id (cattrs
    gives the pillars it read).
    """
    kind = cls.__name__.lower()

    def read(value: object, refs: Refs) -> Any:
        if type(value) is not str:
            msg = f"expected a {kind} id or null, got {describe(value)}"
            raise InvalidError(msg)
        made = refs.get(value)
        if type(made) is not cls:
            known = ", ".join(repr(k) for k, v in refs.items() if type(v) is cls)
            msg = f"unknown {kind} {value!r} (the report's {kind}s: {known or 'none'})"
            raise InvalidError(msg)
        return made

    return read


def _records(cls: type) -> _Read:
    def read(value: object, refs: Refs) -> Records[Any]:
        made = [_object(cls, item, refs) for item in _require_list(value)]
        for record in made:
            refs.setdefault(record.id, record)  # a repeated id: Report refuses it
        return Records(made)

    return read


def build(raw: object) -> model.Report:
    """Build a report of the current format version from its parsed JSON.

    Args:
        raw: The JSON, parsed with ``parse_float=Decimal``.

    Returns:
        The report, every record made (and validated) by its class.

    Raises:
        Exception: Whatever does not fit: the caller asks cattrs to say what.
    """
    return _object(model.Report, raw, {})  # type: ignore[no-any-return]


def _small(cls: type, value: object, _: object) -> Any:
    """A text, period or paragraph reference, read alone (for cattrs)."""
    return _object(cls, value, {})


def readers() -> dict[Any, Callable[[object, object], Any]]:
    """The readers of the values cattrs reads too: ``{type: hook}``.

    Small values (texts, periods, paragraph references) are read whole by
    the builder, which names the field of a defect inside them.
    """
    enums = (model.Unit, model.Qualifier, model.InstrumentKind)
    return {
        **_SCALARS,
        **{cls: functools.partial(_small, cls) for cls in _SMALL},
        **{kind: read_enum(kind) for kind in enums},
    }

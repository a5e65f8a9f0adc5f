"""Model objects from parsed JSON, without cattrs.

The bundled file's builder, and the texts, periods and paragraph references
built while a user's file is parsed.

The bundled report is checked record by record by the test suite, so it
needs none of cattrs' explanations of defects: :func:`build`, planned once
per class from the model's own field types, takes it to the first figure
without importing cattrs. Every attrs validator still runs, since the
records are made by their classes' ``__init__`` exactly as cattrs makes
them. Whatever the builder does not expect (a missing or extra key, a value
of another shape, a value a validator refuses) raises, and the caller reads
the file with cattrs instead, which names the defect; a test proves that
both give equal reports.

:func:`shared_values` serves users' files, which cattrs reads: as the JSON
is parsed, the plain shapes of the small values a report repeats endlessly
(``{"vi", "en"}``, ``{"start", "end", "stated"}``, ``{"paragraph"}``) become
shared model objects at once, so that no dict is ever made for them.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
import typing
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx import model
from vinhphuc_dx._json import DATETIME, MAX_INT
from vinhphuc_dx.exceptions import FieldError
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BuildError", "build", "shared_values", "unshare"]


class BuildError(Exception):
    """The JSON is not the plain shape the builder expects.

    Internal: never shown to a user; the caller reads the file with cattrs,
    which says what is wrong and where.
    """


#: Turns one JSON value into a field's value, given the records built so far
#: by id (for references such as an indicator's pillar).
_Convert = typing.Callable[[Any, dict[str, Any]], Any]
_Builder = typing.Callable[[Any, dict[str, Any]], Any]

_builders: dict[type, _Builder] = {}


def _builder(cls: type) -> _Builder:
    made = _builders.get(cls)
    if made is None:
        made = _builders[cls] = _plan(cls)
    return made


def _nested(cls: type) -> _Convert:
    def convert(value: Any, refs: dict[str, Any]) -> Any:
        if type(value) is cls:  # a text or period built as it was parsed
            return value
        return _builder(cls)(value, refs)

    return convert


def _reference(cls: type) -> _Convert:
    """A record named by its id, built earlier in the same report."""

    def convert(value: Any, refs: dict[str, Any]) -> Any:
        made = refs.get(value) if type(value) is str else None
        if type(made) is not cls:
            msg = f"{value!r} names no {cls.__name__} built before"
            raise BuildError(msg)
        return made

    return convert


def _records(cls: type) -> _Convert:
    def convert(value: Any, refs: dict[str, Any]) -> Any:
        if type(value) is not list:
            msg = f"expected a list of {cls.__name__}"
            raise BuildError(msg)
        build = _builder(cls)
        made = [build(item, refs) for item in value]
        for record in made:
            # A repeated id is the report's integrity check's to refuse.
            refs.setdefault(record.id, record)
        return Records(made)

    return convert


def _tuple_of(convert: _Convert | None) -> _Convert:
    def as_tuple(value: Any, refs: dict[str, Any]) -> Any:
        if type(value) is not list:
            msg = "expected a list"
            raise BuildError(msg)
        if convert is None:
            return tuple(value)
        return tuple(convert(item, refs) for item in value)

    return as_tuple


def _date(value: Any, _: object) -> dt.date:
    day = _day(value)
    if day is None:
        msg = f"not a date as YYYY-MM-DD: {value!r}"
        raise BuildError(msg)
    return day


def _datetime(value: Any, _: object) -> dt.datetime:
    # The file format's one spelling; fromisoformat alone takes more
    # (a space, a Z), and more on newer Pythons.
    if type(value) is not str or not re.fullmatch(DATETIME, value):
        msg = f"not a date-time as YYYY-MM-DDTHH:MM:SS+HH:MM: {value!r}"
        raise BuildError(msg)
    return dt.datetime.fromisoformat(value)


def _scalar(kind: Any) -> _Convert | None:
    """How a JSON scalar becomes a value of *kind*; None: as it is."""
    if kind is dt.date:
        return _date
    if kind is dt.datetime:
        return _datetime
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda value, _: kind(value)
    return None  # str, int, bool, a figure: the validators check them


def _converter(kind: Any, referenced: frozenset[type]) -> _Convert | None:
    origin = typing.get_origin(kind)
    if origin is Records:
        (item,) = typing.get_args(kind)
        return _records(item)
    if origin is tuple:
        return _tuple_of(_converter(typing.get_args(kind)[0], referenced))
    if attrs.has(kind):
        return _reference(kind) if kind in referenced else _nested(kind)
    return _scalar(kind)


_kinds: dict[tuple[str, str], Any] = {}


def _field_kinds(cls: type) -> list[tuple[Any, bool]]:
    """Each field's type (None taken out) and whether it may be None.

    The annotations are strings (``from __future__ import annotations``),
    evaluated in the class's module once per distinct spelling: several
    times cheaper than :func:`typing.get_type_hints` at the first load.
    """
    namespace = vars(sys.modules[cls.__module__])
    result = []
    for field in attrs.fields(cls):
        kind = field.type
        if isinstance(kind, str):
            key = (cls.__module__, kind)
            if key not in _kinds:
                _kinds[key] = eval(kind, namespace)  # noqa: S307 - the model's own annotations
            kind = _kinds[key]
        args = typing.get_args(kind)
        if type(None) in args:
            rest = tuple(a for a in args if a is not type(None))
            result.append((rest[0] if len(rest) == 1 else typing.Union[rest], True))  # noqa: UP007
        else:
            result.append((kind, False))
    return result


def _plan(cls: type) -> _Builder:
    """The builder of *cls*: each key read, converted, passed to ``cls``."""
    referenced: frozenset[type] = frozenset()
    if cls is not model.Report:
        # A record kind that a report holds in a collection is, anywhere
        # else, named by its id (an indicator's pillar).
        referenced = frozenset(
            typing.get_args(kind)[0]
            for kind, _ in _field_kinds(model.Report)
            if typing.get_origin(kind) is Records
        )
    steps = [
        (
            field.name,
            _converter(kind, referenced),
            optional,
            field.default is attrs.NOTHING,
        )
        for field, (kind, optional) in zip(
            attrs.fields(cls), _field_kinds(cls), strict=True
        )
    ]
    names = frozenset(name for name, *_ in steps)

    def build(value: Any, refs: dict[str, Any]) -> Any:
        if type(value) is not dict or not names.issuperset(value):
            msg = f"expected an object with the keys of {cls.__name__}"
            raise BuildError(msg)
        kwargs = {}
        for name, convert, optional, required in steps:
            if name not in value:
                if required:
                    msg = f"{cls.__name__} lacks {name!r}"
                    raise BuildError(msg)
                continue
            item = value[name]
            if convert is not None and not (optional and item is None):
                item = convert(item, refs)
            kwargs[name] = item
        return cls(**kwargs)

    return build


def build(raw: object) -> model.Report:
    """Build a report of the current format version from its parsed JSON.

    Args:
        raw: The JSON, parsed with ``parse_float=Decimal``.

    Returns:
        The report, every record made (and validated) by its class.

    Raises:
        BuildError: *raw* is not the plain shape of a current report.
        Exception: Whatever a record's validators raise for a bad value.
    """
    if type(raw) is not dict or raw.get("format_version") != model.FORMAT_VERSION:
        msg = "not a report of the current format version"
        raise BuildError(msg)
    report: model.Report = _builder(model.Report)(raw, {})
    return report


# ---------------------------------------------------------------- while parsing


def _day(text: object) -> dt.date | None:
    # The file format's one spelling, YYYY-MM-DD (fromisoformat takes more).
    if type(text) is str and len(text) == 10 and text[4] == text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def shared_values(  # noqa: C901 - its closures are counted as its own
    fallback: Callable[[list[tuple[str, Any]]], Any],
) -> Callable[[list[tuple[str, Any]]], Any]:
    """An ``object_pairs_hook`` building texts, periods and paragraph refs.

    Only the exact plain shapes the file format writes, keys in its order
    and of its JSON types, are built, each distinct one once and then
    shared; a value the model refuses, and any other object, goes to
    *fallback* (the hook that keeps repeated keys for their messages), and
    cattrs later reads or explains it.

    Args:
        fallback: The hook for every other object.

    Returns:
        The hook, for one parse.
    """
    texts: dict[tuple[str, str], model.Text] = {}
    periods: dict[tuple[str, str, bool], model.Period] = {}
    sources: dict[int, model.SourceRef] = {}
    text, period, source_ref = model.Text, model.Period, model.SourceRef

    def period_of(pairs: list[tuple[str, Any]], *key: Any) -> Any:
        span = periods.get(key)
        if span is None:
            start, end, stated = key
            first, last = _day(start), _day(end)
            if first is None or last is None:
                return fallback(pairs)  # cattrs says which day is no date
            try:
                span = periods[key] = period(first, last, stated)
            except FieldError:
                return fallback(pairs)
        return span

    def ref_of(pairs: list[tuple[str, Any]], paragraph: int) -> Any:
        ref = sources.get(paragraph)
        if ref is None:
            try:
                ref = sources[paragraph] = source_ref(paragraph)
            except FieldError:
                return fallback(pairs)
        return ref

    # The hottest function of a load: one call per JSON object, texts first.
    def hook(pairs: list[tuple[str, Any]]) -> Any:  # noqa: C901 - a branch per shape
        n = len(pairs)
        if n == 2:
            (k1, v1), (k2, v2) = pairs
            if type(v1) is str and type(v2) is str:
                if k1 == "vi" and k2 == "en":
                    made = texts.get((v1, v2))
                    if made is None:
                        try:
                            made = texts[v1, v2] = text(v1, v2)
                        except FieldError:
                            return fallback(pairs)
                    return made
                if k1 == "start" and k2 == "end":
                    return period_of(pairs, v1, v2, True)  # noqa: FBT003 - a key
        elif n == 1:
            k1, v1 = pairs[0]
            if k1 == "paragraph" and type(v1) is int and v1 <= MAX_INT:
                return ref_of(pairs, v1)
        elif n == 3:
            (k1, v1), (k2, v2), (k3, v3) = pairs
            if (
                k1 == "start"
                and k2 == "end"
                and k3 == "stated"
                and type(v1) is str
                and type(v2) is str
                and type(v3) is bool
            ):
                return period_of(pairs, v1, v2, v3)
        return fallback(pairs)

    return hook


def unshare(raw: object) -> None:
    """Turn the values :func:`shared_values` built in *raw* back into JSON.

    In place, walking the tree with a stack rather than recursion; for the
    error path, where cattrs explains a file as it was written.
    """
    json_of: dict[type, Callable[[Any], dict[str, Any]]] = {
        model.Text: lambda t: {"vi": t.vi, "en": t.en},
        model.SourceRef: lambda r: {"paragraph": r.paragraph},
        model.Period: lambda p: {
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "stated": p.stated,
        },
    }
    stack: list[Any] = [raw] if isinstance(raw, (dict, list)) else []
    while stack:
        node = stack.pop()
        items = list(node.items() if isinstance(node, dict) else enumerate(node))
        for key, value in items:
            convert = json_of.get(type(value))
            if convert is not None:
                node[key] = convert(value)
            elif isinstance(value, (dict, list)):
                stack.append(value)

"""The cattrs converter of the file format: reading and writing records.

The file format mirrors the model (see the docs' *File format* page): a
report is a JSON object whose keys are :class:`~vinhphuc_dx.Report`'s
attribute names, each record an object whose keys are its class's attribute
names, a pillar named by its id, an enum by its value, a date as ISO text.

:func:`structure` builds a report from parsed JSON in one fast pass and, only
when that fails, again with cattrs' detailed validation, so that every
defect is named at its place (see :mod:`vinhphuc_dx._errors`).
:func:`unstructure` and :func:`to_dict` go the other way, with exact
decimals marked for :func:`~vinhphuc_dx._json.json_text`.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from vinhphuc_dx import model
from vinhphuc_dx._build import unshare
from vinhphuc_dx._errors import _explain, _fail
from vinhphuc_dx._hooks import (
    _SESSION,
    _bool,
    _date,
    _datetime,
    _enum_hook,
    _figure,
    _int,
    _period_hook,
    _pillar_ref,
    _require_list,
    _Session,
    _source_hook,
    _str,
    _text_hook,
)
from vinhphuc_dx._json import MAX_PROBLEMS, _describe, _mark_decimal, json_text
from vinhphuc_dx.exceptions import DataError
from vinhphuc_dx.model import FORMAT_VERSION, READ_VERSIONS, Pillar, Report
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

__all__ = ["dump_json", "structure", "to_dict", "unstructure"]


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
    _register_optionals(conv)
    _register_lists(conv, detailed=detailed)
    _register_sequences(conv)
    _register_records(conv, detailed=detailed)
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


def _register_optionals(conv: cattrs.Converter) -> None:
    """``X | None`` read by X's hook, found once for the field.

    cattrs' own hook for an optional value looks the inner type's hook up
    again for every value; a report has six optional fields per figure.
    """

    def is_optional(kind: Any) -> bool:
        args = typing.get_args(kind)
        return (
            typing.get_origin(kind) in (types.UnionType, typing.Union)
            and len(args) == 2
            and type(None) in args
        )

    def factory(kind: Any) -> Callable[[object, object], Any]:
        inner = next(a for a in typing.get_args(kind) if a is not type(None))
        hook = conv.get_structure_hook(inner)
        # A value already of its type (a plain string; a text built as the
        # JSON was parsed) needs no hook: the model's validators check it.
        done = inner if inner in (str, model.Text) else None

        def structure(value: object, _: object) -> Any:
            if value is None or type(value) is done:
                return value
            return hook(value, inner)

        return structure

    conv.register_structure_hook_factory(is_optional, factory)


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
            if type(value) is Records:  # read ahead (see _pillars_first)
                return value
            return Records(conv.structure(_require_list(value), as_list))

        return structure

    conv.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is Records, records_hook
    )


def _register_records(conv: cattrs.Converter, *, detailed: bool) -> None:
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
    if not detailed:
        conv.register_structure_hook(Report, _pillars_first(conv))


def _pillars_first(conv: cattrs.Converter) -> Callable[[Any, object], Report]:
    """Report's hook, reading the pillars before every collection that names one.

    cattrs' generated code reads the fields that have a default (people,
    statements) before the others, so a statement would name a pillar not yet
    read, and every file with statements would be read twice. (The detailed
    pass, which only explains a failure, reads the fields in order.)
    """
    generated = make_dict_structure_fn(Report, conv)
    pillars = Records[Pillar]

    def structure(value: Any, cls: object) -> Report:
        if type(value) is dict and type(value.get("pillars")) is list:
            value = {**value, "pillars": conv.structure(value["pillars"], pillars)}
        return generated(value, cls)

    return structure


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
    # The texts, periods and refs built while parsing go back to their JSON
    # form: in a place that holds something else, cattrs then says what it
    # found there as for any other object.
    unshare(raw)
    token = _SESSION.set(_Session())
    try:
        return _get_converter().structure(raw, Report)
    except cattrs.BaseValidationError as exc:
        raise _explain(exc, name, cut=_SESSION.get().cut) from None
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


def unstructure(record: object) -> Any:
    """Return a record (or report) as the file format's JSON-ready value."""
    return _get_converter(detailed=False).unstructure(record)


def dump_json(report: Report) -> str:
    """Return *report* in the file format, as indented JSON text."""
    return json_text(to_dict(report))

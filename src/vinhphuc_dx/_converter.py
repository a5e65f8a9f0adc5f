"""cattrs, for what it does best: naming every defect, and writing the format.

:func:`explain` structures a file the builder refused with cattrs' detailed
validation, which collects every defect with its place, and turns the tree of
errors into one :class:`~vinhphuc_dx.DataError` with
:func:`cattrs.transform_error` (``indicators[3].value: expected a number,
got 'many'``). The values inside are read by the builder's own readers.
:func:`unstructure` writes a report or a record as the file format's
JSON-ready value: the JSON export, ``show`` and the diff all read it.

cattrs is imported here only, on the first error or export.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.errors import (
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from vinhphuc_dx import model
from vinhphuc_dx._build import InvalidError, read_named, readers
from vinhphuc_dx._json import MAX_PROBLEMS, describe, fail
from vinhphuc_dx.exceptions import DataError, FieldError
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["explain", "structure", "unstructure"]


@attrs.define
class _Pass:
    """What one detailed pass remembers: the pillars read, whether it stopped early."""

    cut: bool = False
    pillars: dict[str, model.Pillar] = attrs.Factory(dict)


#: The pass under way: a context variable, so that threads do not share one.
_PASS: contextvars.ContextVar[_Pass] = contextvars.ContextVar("vinhphuc_dx")


_read_pillar = read_named(model.Pillar)


def _pillar_ref(value: object, _: object) -> model.Pillar | None:
    return None if value is None else _read_pillar(value, _PASS.get().pillars)


def _list_hook(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[object, object], Any]]:
    """Lists whose reading stops once enough defects are found.

    cattrs' own list hook builds one exception per bad item: a list of a
    million wrong items would cost minutes and gigabytes. This one raises the
    same :class:`~cattrs.errors.IterableValidationError` after at most
    ``MAX_PROBLEMS + 1`` bad items.
    """

    def factory(kind: Any) -> Callable[[object, object], Any]:
        item = kind.__args__[0]  # Records[X], tuple[X, ...]
        as_records = getattr(kind, "__origin__", None) is Records

        def structure(value: object, _: object) -> Any:
            if type(value) is not list:
                msg = f"expected a list, got {describe(value)}"
                raise InvalidError(msg)
            hook = conv.get_structure_hook(item)
            result, errors = [], []
            for index, one in enumerate(value):
                try:
                    result.append(hook(one, item))
                except Exception as exc:  # noqa: BLE001, PERF203 - collected, as cattrs does
                    note = IterableValidationNote(f"@ index {index}", index, item)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
                    if len(errors) > MAX_PROBLEMS:
                        _PASS.get().cut = index + 1 < len(value)
                        break
            if errors:
                msg = f"While structuring {kind}"
                raise IterableValidationError(msg, errors, kind)
            if item is model.Pillar:
                _PASS.get().pillars.update((p.id, p) for p in result)
            return Records(result) if as_records else tuple(result)

        return structure

    return factory


@functools.cache
def _explainer() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind, hook in readers().items():
        conv.register_structure_hook(kind, hook)
    conv.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) in (Records, tuple), _list_hook(conv)
    )
    for cls in (model.Indicator, model.Statement):
        conv.register_structure_hook(
            cls,
            make_dict_structure_fn(cls, conv, pillar=override(struct_hook=_pillar_ref)),
        )
    return conv


def _format(exc: BaseException, kind: type | None) -> str:  # noqa: PLR0911 - one return per kind of error
    """Explain one leaf of cattrs' error tree (transform_error's callback)."""
    if isinstance(exc, FieldError):
        # \x1f separates a field from its reason; _place() moves the field
        # into the path.
        return "\n".join(f"\x1f{field}\x1f{reason}" for field, reason in exc.problems)
    if isinstance(exc, InvalidError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field {', '.join(map(repr, sorted(exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, AttributeError):  # cattrs called .keys() on a non-object
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
            where = ".".join(p for p in (path, field) if p)
            yield f"{where or 'report'}: {why}"
        else:
            yield f"{path or 'report'}: {part}"


def structure(raw: object, name: str = "report") -> model.Report:
    """Read the parsed report *raw* with cattrs, naming every defect.

    The loader's builder reads every valid file; this is the second reading,
    of a file it refused, and the one the test suite holds it to.

    Raises:
        DataError: Each defect at its place, one a line.
    """
    token = _PASS.set(_Pass())
    try:
        report: model.Report = _explainer().structure(raw, model.Report)
    except cattrs.BaseValidationError as exc:
        lines = cattrs.transform_error(exc, format_exception=_format)
        problems = [p for line in lines for p in _place(line)]
        raise fail(name, problems, cut_short=_PASS.get().cut) from None
    except FieldError as exc:  # the report's own integrity rules
        problems = [f"{field}: {reason}" for field, reason in exc.problems]
        raise fail(name, problems) from None
    except RecursionError:
        msg = f"{name}: the JSON is nested too deeply to be a report"
        raise DataError(msg) from None
    finally:
        _PASS.reset(token)
    return report


def explain(raw: object, name: str, fallback: BaseException) -> DataError:
    """Every defect of the parsed report *raw* at its place, as one DataError.

    Args:
        raw: The parsed JSON, which the builder refused.
        name: How to name the file.
        fallback: What the builder raised, said if cattrs finds no defect.
    """
    try:
        structure(raw, name)
    except DataError as exc:
        return exc
    said = fallback.problems if isinstance(fallback, FieldError) else [("", fallback)]
    return fail(name, [f"{field or 'report'}: {why}" for field, why in said])


def _id_of(pillar: model.Pillar | None) -> str | None:
    return None if pillar is None else pillar.id


@functools.cache
def _writer() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook_func(
        lambda t: t is Records or getattr(t, "__origin__", None) is Records,
        lambda records: [conv.unstructure(r) for r in records],
    )
    conv.register_unstructure_hook(
        model.SourceRef,
        make_dict_unstructure_fn(model.SourceRef, conv, article=override(omit=True)),
    )
    for cls in (model.Indicator, model.Statement):
        conv.register_unstructure_hook(
            cls,
            make_dict_unstructure_fn(cls, conv, pillar=override(unstruct_hook=_id_of)),
        )
    return conv


def unstructure(value: object) -> Any:
    """A report or record as the file format's JSON-ready value (decimals exact)."""
    return _writer().unstructure(value)

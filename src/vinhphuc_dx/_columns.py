"""The flat columns of a record class, for tables: CSV, a data package, pandas.

This module knows records only through attrs and their type hints: a text
is an attrs class of the fields ``en`` and ``vi``, a source locator one of
``paragraph``, a period one of ``start``, ``end`` and ``stated``, and a
nested record (a pillar) one with an ``id``. So it sits at the bottom of the
package, where the writers and ``Records.to_pandas()`` both reach it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Column", "columns", "field_types"]

#: A flat column: its name, how to read it from a record, its Table Schema.
Column = tuple[str, "Callable[[Any], Any]", dict[str, Any]]

_SIMPLE = {str: "string", int: "integer", bool: "boolean", dt.date: "date"}
_TEXT = frozenset(("en", "vi"))
_SOURCE_REF = frozenset(("paragraph",))
_PERIOD = frozenset(("start", "end", "stated"))
_PERIOD_PARTS = (("start", "date"), ("end", "date"), ("stated", "boolean"))


def field_types(cls: type) -> dict[str, tuple[Any, bool]]:
    """Map each field of an attrs class to (type without None, may be None).

    The class's own module resolves its annotations.

    >>> import attrs
    >>> @attrs.frozen
    ... class Spot:
    ...     paragraph: int
    ...     note: str | None = None
    >>> field_types(Spot)
    {'paragraph': (<class 'int'>, False), 'note': (<class 'str'>, True)}
    """
    hints = attrs.resolve_types(cls)
    result: dict[str, tuple[Any, bool]] = {}
    for field in attrs.fields(hints):
        args = typing.get_args(field.type)
        if type(None) in args:
            rest = tuple(a for a in args if a is not type(None))
            result[field.name] = (rest[0] if len(rest) == 1 else Union[rest], True)  # noqa: UP007
        else:
            result[field.name] = (field.type, False)
    return result


def _spec(field_type: str, *, optional: bool, **more: Any) -> dict[str, Any]:
    constraints = {**more, **({} if optional else {"required": True})}
    return {"type": field_type, **({"constraints": constraints} if constraints else {})}


def _part(record: Any, name: str, attribute: str | None = None) -> Any:
    value = getattr(record, name)
    return value if attribute is None or value is None else getattr(value, attribute)


def _names(kind: Any) -> frozenset[str] | None:
    """The field names of *kind* when it is an attrs class, else None."""
    if isinstance(kind, type) and attrs.has(kind):
        return frozenset(field.name for field in attrs.fields(kind))
    return None


def _plain(name: str, kind: Any, *, optional: bool) -> Column:
    """The column of a field that is not an attrs class."""
    getter = functools.partial(_part, name=name)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        members = [m.value for m in kind]
        return (name, getter, _spec("string", optional=optional, enum=members))
    if set(typing.get_args(kind)) == {int, Decimal}:  # a figure: int | Decimal
        return (name, getter, _spec("number", optional=optional, minimum=0))
    if kind in _SIMPLE:
        return (name, getter, _spec(_SIMPLE[kind], optional=optional))
    # tuple[str, ...]: ids, space-separated
    return (name, getter, _spec("string", optional=True))


def _field(name: str, kind: Any, *, optional: bool) -> list[Column]:
    """The columns of one field: two for a text, three for a period."""
    names = _names(kind)
    if names is None:
        return [_plain(name, kind, optional=optional)]
    if names == _TEXT:
        return [
            (
                f"{name}_{lang}",
                functools.partial(_part, name=name, attribute=lang),
                _spec("string", optional=optional),
            )
            for lang in ("en", "vi")
        ]
    if names == _SOURCE_REF:
        getter = functools.partial(_part, name=name, attribute="paragraph")
        return [("paragraph", getter, _spec("integer", optional=optional, minimum=1))]
    if names == _PERIOD:
        return [
            (
                f"{name}_{attr}",
                functools.partial(_part, name=name, attribute=attr),
                _spec(ftype, optional=optional),
            )
            for attr, ftype in _PERIOD_PARTS
        ]
    if "id" in names:  # a record named by its id (a pillar)
        getter = functools.partial(_part, name=name, attribute="id")
        return [(name, getter, _spec("string", optional=optional))]
    return [_plain(name, kind, optional=optional)]


def columns(cls: type) -> list[Column]:
    """The flat columns of a record class: one per plain field, two per Text.

    >>> from vinhphuc_dx import Pillar
    >>> from vinhphuc_dx.export import columns
    >>> [name for name, _, _ in columns(Pillar)]
    ['id', 'name_en', 'name_vi', 'description_en', 'description_vi']

    Args:
        cls: A record class, such as :class:`~vinhphuc_dx.Indicator`.

    Returns:
        ``(name, getter, table_schema_field)`` triples, in field order.
    """
    result: list[Column] = []
    for name, (kind, optional) in field_types(cls).items():
        result += _field(name, kind, optional=optional)
    return result

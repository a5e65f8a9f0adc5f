"""Which fields of a record are searched, and which of them name it.

Records are known only through attrs (:func:`attrs.fields` and the fields'
types), so that any record class is read without code here knowing it:
every field holding a text (an attrs class of strings, such as ``Text``,
optional or not) and every required plain ``str`` field (``id``, ``name``,
``as_written``, ``number``) is searched. An optional ``str`` field
(``part_of``, ``attributed_to``) names another record, so it is not.
"""

from __future__ import annotations

import operator
import typing
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["label_strings", "other_strings"]

#: The fields that name a record, in order of preference.
_LABELS = ("label", "name", "title", "subject")


@attrs.frozen
class _Layout:
    """Which fields of a record class are searched, and how to read them."""

    label: tuple[Callable[[Any], str | None], ...]
    other: tuple[Callable[[Any], str | None], ...]


_LAYOUTS: dict[type, _Layout] = {}


def _optional_attr(name: str, inner: str) -> Callable[[Any], str | None]:
    """Read ``record.name.inner``, or None when ``record.name`` is None."""

    def read(record: Any) -> str | None:
        value = getattr(record, name)
        return None if value is None else getattr(value, inner)

    return read


def _strings_of(kind: Any) -> tuple[str, ...] | None:
    """The string fields of *kind* when it is an attrs class of strings."""
    if not (isinstance(kind, type) and attrs.has(kind)):
        return None
    try:
        fields = attrs.fields(attrs.resolve_types(kind))
    except NameError:  # pragma: no cover - annotations that do not resolve
        return None
    names = tuple(f.name for f in fields)
    return names if names and all(f.type is str for f in fields) else None


def _layout(cls: type) -> _Layout:
    """The searched fields of *cls*: its texts and its required strings.

    The label is the first of ``label``, ``name``, ``title`` and ``subject``
    that is searched, or else the first text field; a directive is named
    by its subject, not its issuer.
    """
    layout = _LAYOUTS.get(cls)
    if layout is not None:
        return layout
    found: list[tuple[str, list[Callable[[Any], str | None]]]] = []
    if attrs.has(cls):
        try:
            fields = attrs.fields(attrs.resolve_types(cls))
        except NameError:  # pragma: no cover - annotations that do not resolve
            fields = attrs.fields(cls)
        for field in fields:
            kind, optional = field.type, False
            args = typing.get_args(kind)
            if type(None) in args:
                rest = [a for a in args if a is not type(None)]
                kind, optional = (rest[0] if len(rest) == 1 else None), True
            inner = _strings_of(kind)
            if inner is not None:
                found.append(
                    (
                        field.name,
                        [
                            _optional_attr(field.name, i)
                            if optional
                            else operator.attrgetter(f"{field.name}.{i}")
                            for i in inner
                        ],
                    )
                )
            elif kind is str and not field.metadata.get("reference"):
                # A plain string, optional or not (an id, a name, a figure as
                # written); not one that names another record.
                found.append((field.name, [operator.attrgetter(field.name)]))
    else:
        found.append(("id", [operator.attrgetter("id")]))
    names = [name for name, _ in found]
    label = next((n for n in _LABELS if n in names), None)
    if label is None:
        label = next((n for n, r in found if len(r) > 1), None)
    layout = _Layout(
        label=tuple(r for n, readers in found if n == label for r in readers),
        other=tuple(r for n, readers in found if n != label for r in readers),
    )
    _LAYOUTS[cls] = layout
    return layout


def label_strings(record: object) -> list[str]:
    """The strings that name *record*: a text in Vietnamese then English.

    A label held in a plain string (a person's name) is given twice, as it
    reads the same in both languages; a record with no label gives none.
    """
    strings = [s for read in _layout(type(record)).label if (s := read(record))]
    return strings * 2 if len(strings) == 1 else strings


def other_strings(record: object) -> list[str]:
    """The searched strings of *record* other than its label, in field order."""
    return [s for read in _layout(type(record)).other if (s := read(record))]

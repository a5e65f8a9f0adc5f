"""How a collection of records is shown: a notebook table, an unknown id.

What :class:`~vinhphuc_dx.query.Records` shows a person rather than what it
holds: its table for notebooks, and the message for an id it does not have
(naming the collection that has it, or the closest ids).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vinhphuc_dx.exceptions import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Iterable

#: How many close ids an UnknownIdError names at most.
_CLOSEST = 3

_SPACES = re.compile(r"\s")


def html_table(items: tuple[Any, ...]) -> str:
    """A table for notebooks: id, English label and, for figures, value.

    Figures also show the words the article prints them with.
    """
    import html  # noqa: PLC0415 - notebooks only; keeps the first load() light

    from vinhphuc_dx._labels import label_strings  # noqa: PLC0415 - notebooks only

    printed = any(hasattr(record, "as_written") for record in items)
    rows = []
    for record in items:
        label = label_strings(record)
        value = getattr(record, "value", None)
        unit = getattr(record, "unit", None)
        shown = "" if value is None else f"{value} {unit.value if unit else ''}"
        cells = [record.id, label[1] if label else "", shown.strip()]
        if printed:
            cells.append(getattr(record, "as_written", None) or "")
        rows.append(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
        )
    head = "<tr><th>id</th><th>label</th><th>value</th>" + (
        "<th>as printed</th></tr>" if printed else "</tr>"
    )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def unknown_id(
    id: str,  # noqa: A002 - the name every collection uses
    known: Iterable[str],
    root: object,
    siblings: Iterable[tuple[str, Any]],
) -> UnknownIdError:
    """The error for an id a collection does not hold.

    It names the collection of the same report that holds the id, if one
    does, else the closest ids of *known*, case ignored.

    Args:
        id: The id asked for.
        known: The ids the collection holds.
        root: The collection asked (or the one it was taken from).
        siblings: The report's collections, by name, *root* among them.
    """
    import difflib  # noqa: PLC0415 - the error path only

    for name, sibling in siblings:
        if sibling is not root and id in sibling:
            msg = f"no record here has id {id!r}: it is in report.{name}"
            return UnknownIdError(msg, id, (), name)
    by_case: dict[str, str] = {}
    for one in known:
        by_case.setdefault(one.casefold(), one)
    wanted = id.casefold()
    if wanted in by_case:
        close = [by_case[wanted]]
    else:
        close = [
            by_case[c]
            for c in difflib.get_close_matches(wanted, by_case, n=_CLOSEST, cutoff=0.5)
        ]
    hint = f"; closest: {', '.join(close)}" if close else ""
    if _SPACES.search(id):
        hint += "; an id has no spaces: search() finds records by their text"
    msg = f"no record has id {id!r}{hint}"
    return UnknownIdError(msg, id, tuple(close))

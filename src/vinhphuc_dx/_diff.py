"""What changed between two reports: records added, removed and changed.

Records are matched by id within each collection of the report; a changed
record lists each field that differs, with its old and its new value.
Records are compared as the file format writes them, field by field
(``label.en``, ``period.end``), a pillar by its id, an enum by its value,
a number as written (``1283`` and ``1283.0`` differ, as in the file); the
order of records is not compared. The report's own fields (revision,
source, context) are compared the same way.

>>> import attrs, vinhphuc_dx
>>> old = vinhphuc_dx.load()
>>> new = attrs.evolve(old, revision=old.revision + 1)
>>> print(diff(old, new))
--- revision 3
+++ revision 4
report: 1 changed
  ~ revision: 3 -> 4

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx._converter import unstructure
from vinhphuc_dx._json import json_text
from vinhphuc_dx.model import COLLECTIONS, Report

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Change", "CollectionDiff", "RecordChange", "ReportDiff", "diff"]


@attrs.frozen
class Change:
    """One field that differs.

    Attributes:
        field: The field's dotted name (``value``, ``label.en``).
        old: Its old value (``None`` when it had none).
        new: Its new value.
    """

    field: str
    old: Any
    new: Any


@attrs.frozen
class RecordChange:
    """A record present in both reports whose fields differ.

    Attributes:
        id: The record's id.
        changes: Each field that differs, in field order.
    """

    id: str
    changes: tuple[Change, ...]


@attrs.frozen
class CollectionDiff:
    """What changed in one collection.

    Attributes:
        name: The collection (``indicators``).
        added: Ids only in the new report, in its order.
        removed: Ids only in the old report, in its order.
        changed: Records in both that differ, in the new report's order.
    """

    name: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RecordChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@attrs.frozen
class ReportDiff:
    """The differences between two reports.

    It is false when the reports are equal.

    Attributes:
        old_revision: The old report's data revision.
        new_revision: The new report's data revision.
        report: Changes to the report's own fields (revision, source, context).
        collections: One entry per collection, changed or not.
    """

    old_revision: int
    new_revision: int
    report: tuple[Change, ...]
    collections: tuple[CollectionDiff, ...]

    def __bool__(self) -> bool:
        return bool(self.report) or any(self.collections)

    def to_dict(self, old_name: str = "", new_name: str = "") -> dict[str, Any]:
        """The differences as a JSON-ready dict (exact decimals as Decimal).

        >>> import vinhphuc_dx
        >>> report = vinhphuc_dx.load()
        >>> diff(report, report).to_dict()["equal"]
        True

        Args:
            old_name: What to call the old report (its file), if anything.
            new_name: What to call the new report.

        Returns:
            ``equal``, ``old`` and ``new`` (revision, and name when given),
            ``report`` (changes to its own fields) and ``collections``
            (``added``, ``removed``, ``changed`` for each).
        """
        return {
            "equal": not self,
            "old": _side(self.old_revision, old_name),
            "new": _side(self.new_revision, new_name),
            "report": [attrs.asdict(c) for c in self.report],
            "collections": {
                c.name: attrs.asdict(c, filter=_NOT_NAMED) for c in self.collections
            },
        }

    def to_json(self, old_name: str = "", new_name: str = "") -> str:
        """:meth:`to_dict` as indented JSON; decimals stay exact (99.7)."""
        return json_text(self.to_dict(old_name, new_name))

    def lines(self, old_name: str = "", new_name: str = "") -> Iterator[str]:
        """The differences as lines of text, both revisions named first."""
        for mark, name, revision in (
            ("---", old_name, self.old_revision),
            ("+++", new_name, self.new_revision),
        ):
            named = f"{name} (revision {revision})" if name else f"revision {revision}"
            yield f"{mark} {named}"
        if self.report:
            yield f"report: {len(self.report)} changed"
            yield from (f"  ~ {_line(c)}" for c in self.report)
        for c in self.collections:
            if not c:
                continue
            yield (
                f"{c.name}: {len(c.added)} added, {len(c.removed)} removed, "
                f"{len(c.changed)} changed"
            )
            yield from (f"  + {i}" for i in c.added)
            yield from (f"  - {i}" for i in c.removed)
            for record in c.changed:
                yield f"  ~ {record.id}"
                yield from (f"      {_line(x)}" for x in record.changes)
        if not self:
            yield "no differences"

    def __str__(self) -> str:
        return "\n".join(self.lines())


#: A collection's changes as to_dict() writes them, under its name.
_NOT_NAMED = attrs.filters.exclude(attrs.fields(CollectionDiff).name)


def _side(revision: int, name: str) -> dict[str, Any]:
    """One report of a diff, as :meth:`ReportDiff.to_dict` names it."""
    return {"revision": revision, **({"name": name} if name else {})}


def _line(change: Change) -> str:
    """One changed field in a line: ``value: 954 -> 955``."""
    return f"{change.field}: {_shown(change.old)} -> {_shown(change.new)}"


def _shown(value: object) -> str:
    """A leaf value as the diff prints it: a number as written, else JSON."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _same(old: object, new: object) -> bool:
    """Whether two leaves are written alike in a file: 1283 is not 1283.0."""
    return type(old) is type(new) and _shown(old) == _shown(new)


def _flat(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """(dotted field, leaf value) pairs of a value as the file format writes it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flat(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
        for i, item in enumerate(value):
            yield from _flat(item, f"{prefix}[{i}]")
    else:
        yield prefix, list(value) if isinstance(value, tuple) else value


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    old, new = dict(_flat(before, "")), dict(_flat(after, ""))
    keys = [*old, *(k for k in new if k not in old)]
    return tuple(
        Change(key, old.get(key), new.get(key))
        for key in keys
        if key not in old or key not in new or not _same(old[key], new[key])
    )


def _collection(name: str, old: Any, new: Any) -> CollectionDiff:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    changed = []
    for record_id, record in after.items():
        if record_id in before:  # its id, the same, is no change
            changes = _changes(unstructure(before[record_id]), unstructure(record))
            if changes:
                changed.append(RecordChange(record_id, changes))
    return CollectionDiff(
        name,
        added=tuple(i for i in after if i not in before),
        removed=tuple(i for i in before if i not in after),
        changed=tuple(changed),
    )


def diff(old: Report, new: Report) -> ReportDiff:
    """Compare two reports, record by record and field by field.

    >>> import vinhphuc_dx
    >>> report = vinhphuc_dx.load()
    >>> bool(diff(report, report))
    False

    Args:
        old: The earlier report.
        new: The later report.

    Returns:
        A :class:`~vinhphuc_dx.ReportDiff`, false when the reports are
        equal.

    .. versionadded:: 0.2.0
    """
    for report in (old, new):
        if not isinstance(report, Report):
            msg = f"diff() compares two reports, got {report!r}"
            raise TypeError(msg)
    own = [f.name for f in attrs.fields(Report) if f.name not in COLLECTIONS]
    return ReportDiff(
        old_revision=old.revision,
        new_revision=new.revision,
        report=_changes(
            {name: unstructure(getattr(old, name)) for name in own},
            {name: unstructure(getattr(new, name)) for name in own},
        ),
        collections=tuple(
            _collection(name, getattr(old, name), getattr(new, name))
            for name in COLLECTIONS
        ),
    )

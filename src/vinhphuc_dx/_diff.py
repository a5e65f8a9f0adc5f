"""What changed between two reports: records added, removed and changed.

Records are matched by id within each collection of the report
(``model.COLLECTIONS``); a changed record lists each field
that differs, with its old and its new value. Nested values are compared
field by field (``label.en``, ``period.end``), a pillar by its id, an enum
by its value; the order of records is not compared. The report's own fields
(revision, source, context) are compared the same way.

>>> import attrs, vinhphuc_dx
>>> old = vinhphuc_dx.load()
>>> new = attrs.evolve(old, revision=old.revision + 1)
>>> print(diff(old, new))
--- revision 2
+++ revision 3
report: 1 changed
  ~ revision: 2 -> 3

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx import model
from vinhphuc_dx._json import _MARKED

if TYPE_CHECKING:
    from collections.abc import Iterator

    from vinhphuc_dx.model import Report

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
            "old": {
                "revision": self.old_revision,
                **({"name": old_name} if old_name else {}),
            },
            "new": {
                "revision": self.new_revision,
                **({"name": new_name} if new_name else {}),
            },
            "report": [attrs.asdict(c) for c in self.report],
            "collections": {
                c.name: {
                    "added": list(c.added),
                    "removed": list(c.removed),
                    "changed": [
                        {"id": r.id, "changes": [attrs.asdict(x) for x in r.changes]}
                        for r in c.changed
                    ],
                }
                for c in self.collections
            },
        }

    def to_json(self, old_name: str = "", new_name: str = "") -> str:
        """:meth:`to_dict` as indented JSON; decimals stay exact (99.7)."""
        marked = json.dumps(
            self.to_dict(old_name, new_name),
            ensure_ascii=False,
            indent=2,
            default=_marked,
        )
        return re.sub(_MARKED, r"\1", marked) + "\n"

    def lines(self, old_name: str = "", new_name: str = "") -> Iterator[str]:
        """The differences as lines of text, both revisions named first."""
        for mark, name, revision in (
            ("---", old_name, self.old_revision),
            ("+++", new_name, self.new_revision),
        ):
            yield (
                f"{mark} {name} (revision {revision})"
                if name
                else (f"{mark} revision {revision}")
            )
        if self.report:
            yield f"report: {len(self.report)} changed"
            yield from (
                f"  ~ {c.field}: {_shown(c.old)} -> {_shown(c.new)}"
                for c in self.report
            )
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
                yield from (
                    f"      {x.field}: {_shown(x.old)} -> {_shown(x.new)}"
                    for x in record.changes
                )
        if not self:
            yield "no differences"

    def __str__(self) -> str:
        return "\n".join(self.lines())


_MARK = "\x00"


def _marked(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{_MARK}{value}{_MARK}"
    msg = f"cannot write {value!r} as JSON"
    raise TypeError(msg)


def _shown(value: object) -> str:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _plain(value: object) -> Any:
    """A leaf value as the diff reports it: JSON-like, decimals exact."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, model.Pillar):
        return value.id
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _flat(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """(dotted field, leaf value) pairs of an attrs value, a pillar as its id."""
    if attrs.has(type(value)) and not isinstance(value, model.Pillar):
        for field in attrs.fields(type(value)):
            name = f"{prefix}.{field.name}" if prefix else field.name
            yield from _flat(getattr(value, field.name), name)
    else:
        yield prefix, _plain(value)


def _changes(old: object, new: object, fields: tuple[str, ...]) -> tuple[Change, ...]:
    result = []
    for name in fields:
        before = dict(_flat(getattr(old, name), name))
        after = dict(_flat(getattr(new, name), name))
        for key in [*before, *(k for k in after if k not in before)]:
            was, now = before.get(key), after.get(key)
            # 5 and Decimal("5.0") are equal numbers but not the same figure.
            if was != now or type(was) is not type(now):
                result.append(Change(key, was, now))
    return tuple(result)


def _record_fields(record: Any) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(type(record)) if f.name != "id")


def _collection(name: str, old: Any, new: Any) -> CollectionDiff:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    changed = []
    for record_id, record in after.items():
        previous = before.get(record_id)
        if previous is None or previous == record:
            continue
        changes = _changes(previous, record, _record_fields(record))
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
    own = tuple(
        f.name for f in attrs.fields(model.Report) if f.name not in model.COLLECTIONS
    )
    return ReportDiff(
        old_revision=old.revision,
        new_revision=new.revision,
        report=_changes(old, new, own),
        collections=tuple(
            _collection(name, getattr(old, name), getattr(new, name))
            for name in model.COLLECTIONS
        ),
    )

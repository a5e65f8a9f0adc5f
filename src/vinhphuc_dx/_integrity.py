"""The integrity rules of a whole report.

Ids unique across the report (and not look-alikes of each other), every
relation naming an indicator of the report, every pillar one of its
pillars, every ``attributed_to`` one of its people, every paragraph within
the article. They know records only by their attributes;
:class:`vinhphuc_dx.model.Report` runs them when it is built.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from vinhphuc_dx._validators import cut as _cut
from vinhphuc_dx._vocabulary import COLLECTIONS

if TYPE_CHECKING:
    from vinhphuc_dx.model import Report


def _id_problems(report: Report) -> list[tuple[str, str]]:
    """Every id used a second time or a look-alike, every paragraph past the last."""
    last = report.source.paragraphs
    problems: list[tuple[str, str]] = []
    first: dict[str, tuple[str, int]] = {}
    for name in COLLECTIONS:
        for i, record in enumerate(getattr(report, name)):
            seen = first.setdefault(record.id, (name, i))
            if seen != (name, i):
                reason = f"duplicate id {record.id!r} (first at {seen[0]}[{seen[1]}])"
                problems.append((f"{name}[{i}].id", reason))
            source = getattr(record, "source", None)
            if last is not None and source is not None and source.paragraph > last:
                reason = (
                    f"paragraph {source.paragraph} is past the article's last, {last}"
                )
                problems.append((f"{name}[{i}].source.paragraph", reason))
    return problems + _lookalike_ids(first)


def _lookalike_ids(first: dict[str, tuple[str, int]]) -> list[tuple[str, str]]:
    """Ids that differ only by Unicode normalisation (NFKC), anywhere in a report.

    Args:
        first: Each id and the place of the record that has it, in the
            report's order.
    """
    if all(i.isascii() for i in first):  # ASCII is its own NFKC form
        return []
    folded: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for id_, (name, i) in first.items():
        other = folded.setdefault(unicodedata.normalize("NFKC", id_), id_)
        if other != id_:
            at = "{}[{}]".format(*first[other])
            reason = (
                f"the id {id_!r} differs from {other!r} ({at}) "
                "only by Unicode normalisation"
            )
            problems.append((f"{name}[{i}].id", reason))
    return problems


def integrity_problems(report: Report) -> list[tuple[str, str]]:
    """Every broken id and reference of *report*, as (place, reason) pairs."""
    problems = _id_problems(report) + _attribution_problems(report)
    pillars = {pillar.id: pillar for pillar in report.pillars}
    for name in ("statements", "indicators"):
        for i, record in enumerate(getattr(report, name)):
            # The same object, as loading gives, or an equal one built in code;
            # looked up by id, since hashing a Pillar hashes all its texts.
            pillar = record.pillar
            ours = None if pillar is None else pillars.get(pillar.id)
            if pillar is not None and ours is not pillar and ours != pillar:
                reason = f"unknown pillar {pillar.id!r}"
                problems.append((f"{name}[{i}].pillar", reason))
    # None included: an absent relation names nothing.
    known: set[str | None] = {None, *(indicator.id for indicator in report.indicators)}
    related: list[int] = []
    for i, indicator in enumerate(report.indicators):
        singles = (indicator.part_of, indicator.numerator, indicator.denominator)
        if indicator.parts or singles != (None, None, None):
            related.append(i)
        # Checked together first: almost every indicator names only known ids.
        if known.issuperset(singles) and known.issuperset(indicator.parts):
            continue
        named = zip(
            ("parts", "part_of", "numerator", "denominator"),
            (indicator.parts, *((ref,) for ref in singles)),
            strict=True,
        )
        for field, refs in named:
            # One problem a field, not one per id: a million unknown parts
            # give one line.
            missing = [ref for ref in refs if ref not in known]
            if missing:
                shown = ", ".join(repr(_cut(ref)) for ref in missing[:5])  # type: ignore[arg-type]
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                reason = f"names no indicator of this report: {shown}{more}"
                problems.append((f"indicators[{i}].{field}", reason))
    if related and not problems:
        problems += _relation_problems(report, related)
    return problems


def _relation_problems(report: Report, related: list[int]) -> list[tuple[str, str]]:
    """Relations that cannot hold whatever the values: the report's own reading.

    A part counts what its whole counts (the same unit); a stated rate is a
    percentage of two different figures; no figure contains itself through
    its parts or its wholes.
    """
    figures = report.indicators
    by_id = {f.id: f for f in figures}
    problems: list[tuple[str, str]] = []
    contains: dict[str, list[str]] = {}
    for i in related:
        figure = figures[i]
        unit = figure.unit.value
        for part in figure.parts:
            contains.setdefault(figure.id, []).append(part)
            if by_id[part].unit.value != unit:
                reason = (
                    f"part {_cut(part)!r} is in {by_id[part].unit.value}, "
                    f"its whole in {unit}"
                )
                problems.append((f"indicators[{i}].parts", reason))
        if figure.part_of is not None:
            contains.setdefault(figure.part_of, []).append(figure.id)
            whole = by_id[figure.part_of]
            if whole.unit.value != unit:
                reason = f"a part in {unit} of a whole in {whole.unit.value}"
                problems.append((f"indicators[{i}].part_of", reason))
        if figure.numerator is not None:
            if unit != "percent":
                reason = f"a stated rate is in percent, this figure in {unit}"
                problems.append((f"indicators[{i}].numerator", reason))
            if figure.numerator == figure.denominator:
                reason = "a rate's numerator and denominator are two figures"
                problems.append((f"indicators[{i}].denominator", reason))
    cycle = _cycle(contains)
    if cycle:
        place = figures.index(by_id[cycle[0]])
        reason = "contains itself: " + " > ".join(map(repr, map(_cut, cycle)))
        problems.append((f"indicators[{place}]", reason))
    return problems


def _cycle(contains: dict[str, list[str]]) -> list[str]:
    """A chain of ids that leads back to its first (whole > part > ...), if any."""
    done: set[str] = set()
    for start in contains:
        if start in done:  # walked from an earlier start: no cycle through it
            continue
        path = {start: None}  # the ids walked from start, in order
        stack = [iter(contains.get(start, ()))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                done.add(path.popitem()[0])
            elif child in path:
                walked = list(path)
                return [*walked[walked.index(child) :], child]
            elif child not in done:
                path[child] = None
                stack.append(iter(contains.get(child, ())))
    return []


#: The collections whose records may be attributed to a person: all but the
#: pillars and the people.
ATTRIBUTED = tuple(c for c in COLLECTIONS if c not in ("pillars", "people"))


def _attribution_problems(report: Report) -> list[tuple[str, str]]:
    """Every ``attributed_to`` that names no person of *report*."""
    people: set[str | None] = {None, *(person.id for person in report.people)}
    problems: list[tuple[str, str]] = []
    for name in ATTRIBUTED:
        records = getattr(report, name)
        if people.issuperset(r.attributed_to for r in records):
            continue  # the common case, in one C loop
        for i, record in enumerate(records):
            if record.attributed_to not in people:
                reason = f"names no person of this report: {record.attributed_to!r}"
                problems.append((f"{name}[{i}].attributed_to", reason))
    return problems

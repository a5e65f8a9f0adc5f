"""What each subcommand of the command line does, given its parsed arguments.

Each ``cmd_*`` function reads the report, writes its result to *out* and
returns the exit status; a mistake in the command line raises
:class:`UsageError` (exit status 2).
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from vinhphuc_dx._cli_show import write_findings, write_record
from vinhphuc_dx._cli_table import BOM, emit, record_class

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from vinhphuc_dx.model import Report

__all__ = [
    "PROG",
    "UsageError",
    "applies",
    "cmd_check",
    "cmd_cite",
    "cmd_diff",
    "cmd_export",
    "cmd_list",
    "cmd_schema",
    "cmd_search",
    "cmd_show",
]

PROG = "vinhphuc-dx"


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


def _nothing(message: str) -> int:
    """Say on standard error that nothing matched; exit status 1, as grep."""
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


def _report(args: argparse.Namespace) -> Report:
    from vinhphuc_dx import load  # noqa: PLC0415

    return load(args.file)


#: Each filter of ``list``: the option, the filter's keyword, the field a
#: record needs for it to apply.
_FILTERS = (
    ("--pillar", "pillar", "pillar"),
    ("--unit", "unit", "unit"),
    ("--qualifier", "qualifier", "qualifier"),
    ("--estimated", "estimated", "estimated"),
    ("--kind", "kind", "kind"),
    ("--paragraph", "paragraph", "source"),
    ("--during", "overlaps", "period"),
)


def applies(field: str) -> list[str]:
    """The collections whose records have *field*, so a filter on it applies."""
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    return [
        name for name in COLLECTIONS if field in attrs.fields_dict(record_class(name))
    ]


def _in_cli_words(message: str) -> str:
    """A filter's error, naming the option rather than the keyword.

    ``pillar='x' is not one of …`` becomes ``argument --pillar: 'x' is not
    one of …``.
    """
    options = {keyword: option for option, keyword, _ in _FILTERS}
    found = re.match(r"(\w+)=\s*(.*)", message, re.DOTALL)
    if found and found.group(1) in options:
        return f"argument {options[found.group(1)]}: {found.group(2)}"
    return message


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    name = args.records
    criteria: dict[str, Any] = {}
    for option, keyword, field in _FILTERS:
        dest = "during" if keyword == "overlaps" else keyword
        value = getattr(args, dest)
        if value is None:
            continue
        where = applies(field)
        if name not in where:
            negative = "--not-estimated" if value is False else option
            msg = f"{negative} does not apply to {name}; it filters {', '.join(where)}"
            raise UsageError(msg)
        criteria[keyword] = None if keyword == "pillar" and value == "none" else value
    report = _report(args)
    try:
        records = getattr(report, name).filter(**criteria)
    except ValueError as exc:
        raise UsageError(_in_cli_words(str(exc))) from None
    if records:
        emit(records, args, out)
        return 0
    last = report.source.paragraphs
    if args.paragraph is not None and last is not None and args.paragraph > last:
        return _nothing(
            f"the article has {last} paragraphs; "
            f"--paragraph {args.paragraph} is past its end"
        )
    if not criteria:
        return _nothing(f"the report has no {name}")
    return _nothing(f"no {name} match these filters")


def _all_records(report: Report) -> Iterable[Any]:
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    for name in COLLECTIONS:
        yield from getattr(report, name)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415
    from vinhphuc_dx.exceptions import UnknownIdError  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    try:
        record = everything.get(args.id)
    except UnknownIdError as exc:
        hint = f"; closest: {', '.join(exc.closest)}" if exc.closest else ""
        if not exc.closest or re.search(r"\s", args.id):
            hint += f'; to find records by their text: {PROG} search "{args.id}"'
        msg = f"no record has id {args.id!r}{hint}"
        raise UnknownIdError(msg, exc.id, exc.closest) from None
    from vinhphuc_dx._converter import unstructure  # noqa: PLC0415
    from vinhphuc_dx._json import json_text  # noqa: PLC0415

    fields = unstructure(record)
    if args.format == "json":
        out.write(json_text(fields))
        return 0
    write_record(record, fields, args.lang, out)
    return 0


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    try:
        found = everything.search(args.text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not found:
        return _nothing(f"nothing matches {args.text!r}")
    emit(found, args, out)
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    report = _report(args)
    findings = report.check()
    write_findings(report, findings, args.lang, out)
    # The article's own slips are kept as stated: not a reason to fail.
    ours = [f for f in findings if not f.holds and not f.in_source]
    return 1 if args.strict and ours else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import export  # noqa: PLC0415

    report = _report(args)
    if args.output == "-":
        if args.format == "datapackage":
            msg = "a data package is a directory: give --output DIR"
            raise UsageError(msg)
        if args.format in {"sqlite", "xlsx"}:
            msg = f"{args.format} is a binary file: give --output FILE"
            raise UsageError(msg)
        out.write(
            export.to_json(report)
            if args.format == "json"
            else BOM + export.to_csv(report.indicators, for_spreadsheet=True)
        )
        return 0
    try:
        written = export.write(report, args.output, args.format, overwrite=args.force)
    except FileExistsError as exc:
        # The writer speaks Python (overwrite=True); say it as an option. Its
        # other refusals (a link, a FIFO) are not helped by --force: kept.
        msg = str(exc).replace("pass overwrite=True (--force)", "give --force")
        raise FileExistsError(msg) from None
    if args.format == "sqlite":
        sys.stderr.write(f"wrote {written} and {export.metadata_path(written)}\n")
    else:
        sys.stderr.write(f"wrote {written}\n")
    return 0


def cmd_cite(args: argparse.Namespace, out: TextIO) -> int:
    report = _report(args)
    if args.id is None:
        out.write(report.source.cite(args.style))
        return 0
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(report))
    record = everything.get(args.id)  # UnknownIdError names the closest ids
    out.write(record.cite(args.style, source=report.source))
    return 0


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import load  # noqa: PLC0415
    from vinhphuc_dx._diff import diff  # noqa: PLC0415
    from vinhphuc_dx.exceptions import DataError  # noqa: PLC0415

    try:
        old, new = load(args.old), load(args.new)
    except (DataError, OSError) as exc:
        # As diff(1) does: 2 for trouble, so that 1 always means "they differ".
        if isinstance(exc, FileNotFoundError) and exc.filename is not None:
            sys.stderr.write(f"{PROG}: {exc.filename}: {exc.strerror}\n")
            return 2
        lines = str(exc).splitlines() or [type(exc).__name__]
        sys.stderr.write(f"{PROG}: {lines[0]}\n")
        return 2
    changes = diff(old, new)
    if args.format == "json":
        out.write(changes.to_json(args.old, args.new))
    else:
        out.writelines(f"{line}\n" for line in changes.lines(args.old, args.new))
    return 1 if changes else 0


def cmd_schema(_: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx._loading import schema  # noqa: PLC0415

    out.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
    return 0

"""The ``vinhphuc-dx`` command line (also ``python -m vinhphuc_dx``).

Every subcommand reads the bundled report, or the file given with
``--file``. Errors are one line on standard error: exit status 2 for a
mistake in the command line, 1 for a problem with the data (an unknown id,
a broken report file, a check that fails under ``--strict``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import sys
import unicodedata
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from vinhphuc_dx._version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from vinhphuc_dx.model import Indicator, Report
    from vinhphuc_dx.query import Records

__all__ = ["main"]

PROG = "vinhphuc-dx"

EPILOG = """\
examples:
  vinhphuc-dx list --pillar digital-economy
  vinhphuc-dx list --unit percent --format csv > shares.csv
  vinhphuc-dx show gov.documents.signing-rate
  vinhphuc-dx search "chu ky so" --lang vi
  vinhphuc-dx check --strict
  vinhphuc-dx export --format datapackage --output vinhphuc-dx-data
  vinhphuc-dx export --format sqlite --output vinhphuc.db
  vinhphuc-dx export --format xlsx --output vinhphuc.xlsx
  vinhphuc-dx cite --style bibtex
  vinhphuc-dx cite budget.total
  vinhphuc-dx diff old-report.json new-report.json
"""


class _UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the usage and exits; we want one line, and to let
        # main() decide how to leave (tests call main() in-process).
        raise _UsageError(message)


# ---------------------------------------------------------------- output


def _width(text: str) -> int:
    """Columns *text* takes in a terminal: marks take none, wide letters two."""
    return sum(
        0
        if unicodedata.combining(c)
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _fit(text: str, width: int) -> str:
    """Cut *text* to *width* columns (marking the cut), then pad it."""
    if _width(text) > width:
        while text and _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


_SIGN = {"more_than": ">", "approximately": "~", "exact": ""}
_UNIT = {"count": "", "percent": " %", "billion_vnd": " bn VND"}


def _shown_value(figure: Indicator) -> str:
    estimate = " est." if figure.estimated else ""
    sign, unit = _SIGN[figure.qualifier.value], _UNIT[figure.unit.value]
    return f"{sign}{figure.value}{unit}{estimate}"


def _label(record: Any, lang: str) -> str:
    from vinhphuc_dx.query import _texts  # noqa: PLC0415

    texts, _ = _texts(record)
    if not texts:
        return ""
    return texts[0] if lang == "vi" else texts[1]


def _table(records: Iterable[Any], lang: str, out: TextIO) -> None:
    rows = [
        (
            r.id,
            _shown_value(r) if hasattr(r, "value") else type(r).__name__,
            _label(r, lang),
        )
        for r in records
    ]
    if not rows:
        return
    total = shutil.get_terminal_size((80, 24)).columns
    id_width = max(_width(r[0]) for r in rows)
    value_width = max(_width(r[1]) for r in rows)
    label_width = max(10, total - id_width - value_width - 4)
    for record_id, value, label in rows:
        line = f"{_fit(record_id, id_width)}  {value.rjust(value_width)}  "
        out.write((line + _fit(label, label_width)).rstrip() + "\n")


def _records_json(records: Iterable[Any]) -> str:
    from vinhphuc_dx._loading import json_text, unstructure  # noqa: PLC0415

    return json_text([unstructure(r) for r in records])


def _emit(records: Records[Any], fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(_records_json(records))
    elif fmt == "csv":
        from vinhphuc_dx import export  # noqa: PLC0415

        if records and not all(type(r).__name__ == "Indicator" for r in records):
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["id", "kind", "label"])
            writer.writerows([r.id, type(r).__name__, _label(r, lang)] for r in records)
        else:
            out.write(export.to_csv(records))
    else:
        _table(records, lang, out)


# ---------------------------------------------------------------- commands


def _report(args: argparse.Namespace) -> Report:
    from vinhphuc_dx import load  # noqa: PLC0415

    return load(args.file)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date (YYYY-MM-DD): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _during(text: str) -> tuple[dt.date, dt.date]:
    start, _, end = text.partition("..")
    first = _date(start)
    return first, _date(end) if end else first


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    criteria = {
        name: getattr(args, name)
        for name in ("pillar", "unit", "qualifier", "estimated", "paragraph")
        if getattr(args, name) is not None
    }
    if args.during is not None:
        criteria["overlaps"] = args.during
    if criteria.get("pillar") == "none":
        criteria["pillar"] = None
    figures = _report(args).indicators
    try:
        records = figures.filter(**criteria)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    _emit(records, args.format, args.lang, out)
    return 0


def _all_records(report: Report) -> Iterable[Any]:
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    for name in COLLECTIONS:
        yield from getattr(report, name)


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    record = everything.get(args.id)  # UnknownIdError names the closest ids
    from vinhphuc_dx._loading import json_text, unstructure  # noqa: PLC0415

    fields = unstructure(record)
    if args.format == "json":
        out.write(json_text(fields))
        return 0
    width = max(map(len, fields))
    out.write(f"{'kind'.ljust(width)}  {type(record).__name__}\n")
    for name, value in fields.items():
        out.writelines(
            f"{(name if i == 0 else '').ljust(width)}  {line}\n"
            for i, line in enumerate(_show_lines(value))
        )
    return 0


def _show_lines(value: object) -> list[str]:
    if value is None:
        return ["-"]
    if isinstance(value, dict):
        if set(value) == {"vi", "en"}:
            return [f"en: {value['en']}", f"vi: {value['vi']}"]
        return [", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())]
    if isinstance(value, list):
        return [" ".join(map(_scalar, value)) or "-"]
    return [_scalar(value)]


def _scalar(value: object) -> str:
    """A JSON scalar as the file format writes it, without quotes."""
    from vinhphuc_dx._loading import _MARKED  # noqa: PLC0415

    return _MARKED.sub(r"\1", json.dumps(value, ensure_ascii=False)).strip('"')


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    try:
        found = everything.search(args.text)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    _emit(found, args.format, args.lang, out)
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    findings = _report(args).check()
    out.writelines(
        f"{'ok  ' if finding.holds else 'FAIL'}  {finding.rule:<6}  {finding.message}\n"
        for finding in findings
    )
    failed = sum(not f.holds for f in findings)
    out.write(f"{len(findings) - failed} hold, {failed} do not hold\n")
    return 1 if args.strict and failed else 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import export  # noqa: PLC0415

    report = _report(args)
    if args.output == "-":
        if args.format == "datapackage":
            msg = "a data package is a directory: give --output DIR"
            raise _UsageError(msg)
        if args.format in {"sqlite", "xlsx"}:
            msg = f"{args.format} is a binary file: give --output FILE"
            raise _UsageError(msg)
        out.write(
            export.to_json(report)
            if args.format == "json"
            else export.to_csv(report.indicators)
        )
        return 0
    written = export.write(report, args.output, args.format, overwrite=args.force)
    sys.stderr.write(f"wrote {written}\n")
    return 0


def _cmd_cite(args: argparse.Namespace, out: TextIO) -> int:
    report = _report(args)
    if args.id is None:
        out.write(report.source.cite(args.style))
        return 0
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(report))
    record = everything.get(args.id)  # UnknownIdError names the closest ids
    out.write(record.cite(args.style, source=report.source))
    return 0


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import load  # noqa: PLC0415
    from vinhphuc_dx.diff import diff  # noqa: PLC0415
    from vinhphuc_dx.exceptions import DataError  # noqa: PLC0415

    try:
        old, new = load(args.old), load(args.new)
    except (DataError, OSError) as exc:
        # As diff(1) does: 2 for trouble, so that 1 always means "they differ".
        lines = str(exc).splitlines() or [type(exc).__name__]
        sys.stderr.write(f"{PROG}: {lines[0]}\n")
        return 2
    changes = diff(old, new)
    if args.format == "json":
        out.write(changes.to_json(args.old, args.new))
    else:
        out.writelines(f"{line}\n" for line in changes.lines(args.old, args.new))
    return 1 if changes else 0


def _cmd_schema(_: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx._loading import schema  # noqa: PLC0415

    out.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


# ---------------------------------------------------------------- parser


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--file",
        metavar="PATH",
        help="read this report file instead of the bundled one",
    )
    common.add_argument(
        "--lang",
        choices=("en", "vi"),
        default="en",
        help="language of labels (default: en)",
    )
    shown = _Parser(add_help=False)
    shown.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )

    parser = _Parser(
        prog=PROG,
        description=(
            "The figures of Vĩnh Phúc's digital transformation "
            "(Vietnam Business Forum, 27 Dec 2024)."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    commands.required = True

    def add(
        name: str,
        help_text: str,
        example: str,
        parents: Sequence[_Parser],
    ) -> _Parser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            parents=list(parents),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    lister = add(
        "list",
        "list the figures, filtered",
        "vinhphuc-dx list --pillar digital-society --unit count",
        [common, shown],
    )
    lister.add_argument(
        "--pillar", metavar="ID", help="a pillar id, or 'none' for figures of no pillar"
    )
    lister.add_argument("--unit", choices=("count", "percent", "billion_vnd"))
    lister.add_argument("--qualifier", choices=("exact", "more_than", "approximately"))
    estimate = lister.add_mutually_exclusive_group()
    estimate.add_argument(
        "--estimated", action="store_true", default=None, help="only estimates"
    )
    estimate.add_argument(
        "--not-estimated", dest="estimated", action="store_false", help="no estimates"
    )
    lister.add_argument(
        "--paragraph", type=int, metavar="N", help="only figures from paragraph N"
    )
    lister.add_argument(
        "--during",
        type=_during,
        metavar="DATE[..DATE]",
        help="only figures whose period overlaps these days",
    )
    lister.set_defaults(run=_cmd_list)

    show = add(
        "show",
        "show every field of one record",
        "vinhphuc-dx show directive.05",
        [common],
    )
    show.add_argument("id", help="the record's id")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=_cmd_show)

    search = add(
        "search",
        "find records by text, ignoring case and diacritics",
        'vinhphuc-dx search "dich vu cong"',
        [common, shown],
    )
    search.add_argument("text")
    search.set_defaults(run=_cmd_search)

    check = add(
        "check",
        "check the report's sums, rates and shares",
        "vinhphuc-dx check --strict",
        [common],
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 when any finding does not hold"
    )
    check.set_defaults(run=_cmd_check)

    exporter = add(
        "export",
        "write the report as JSON, CSV, a data package, a SQLite database "
        "(for Datasette) or an Excel workbook",
        "vinhphuc-dx export --format csv --output figures.csv",
        [common],
    )
    exporter.add_argument(
        "--format",
        choices=("json", "csv", "datapackage", "sqlite", "xlsx"),
        required=True,
        help="sqlite also writes FILE.metadata.json for datasette -m; "
        'xlsx needs pip install "vinhphuc-dx[excel]"',
    )
    exporter.add_argument(
        "--output",
        required=True,
        metavar="PATH",
        help="a file, a directory for datapackage, or - for stdout",
    )
    exporter.add_argument(
        "--force", action="store_true", help="replace what is at PATH"
    )
    exporter.set_defaults(run=_cmd_export)

    cite = add(
        "cite",
        "cite the article, or one record of it (its figure and paragraph)",
        "vinhphuc-dx cite gov.documents.signing-rate --style bibtex",
        [common],
    )
    cite.add_argument(
        "id", nargs="?", help="the record to cite; the article when omitted"
    )
    cite.add_argument("--style", choices=("bibtex", "apa", "csl-json"), default="apa")
    cite.set_defaults(run=_cmd_cite)

    differ = add(
        "diff",
        "show the records added, removed and changed between two report files "
        "(exit 0 when equal, 1 when they differ, 2 on error)",
        "vinhphuc-dx diff old-report.json new-report.json --format json",
        [],
    )
    differ.add_argument("old", metavar="OLD", help="the earlier report file")
    differ.add_argument("new", metavar="NEW", help="the later report file")
    differ.add_argument("--format", choices=("text", "json"), default="text")
    differ.set_defaults(run=_cmd_diff)

    schema = add(
        "schema",
        "print the JSON Schema of the report format",
        "vinhphuc-dx schema > report.schema.json",
        [],
    )
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with *argv*; return the exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]``
            when omitted.
        out: Where to write results; standard output when omitted.

    Returns:
        0 on success, 1 for a data problem, 2 for a usage mistake.
    """
    from vinhphuc_dx.exceptions import DataError, UnknownIdError  # noqa: PLC0415

    out = out or sys.stdout
    try:
        args = _parser().parse_args(argv)
        return int(args.run(args, out))
    except _UsageError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except UnknownIdError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 1
    except DataError as exc:
        lines = str(exc).splitlines()
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        sys.stderr.write(f"{PROG}: {lines[0]}{more}\n")
        return 1
    except (OSError, ValueError, ImportError) as exc:
        # ImportError: an optional extra is missing; its message names it.
        if isinstance(exc, BrokenPipeError):
            raise
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 1


def run() -> NoReturn:
    """The console script: :func:`main`, quiet when a pipe closes early."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (``| head``) has gone: point stdout at nothing so that
        # the interpreter's final flush does not complain, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
    sys.exit(status)

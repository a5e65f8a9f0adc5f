"""Mutation fuzzing: any damaged report file is refused at its place, or works.

Each example takes the bundled report's JSON and damages it (see
``strategies.mutated_files``). The file must either raise a DataError whose
every line names the file, or load as a report that the JSON Schema accepts,
that survives export and reload, and whose check(), exports, ``show`` and
to_pandas() all run.

CI runs a bounded number of examples; run more locally with, for example::

    VINHPHUC_DX_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings

import vinhphuc_dx
from conftest import BUNDLED
from strategies import LOADABLE_OPERATIONS, mutated_files
from vinhphuc_dx import DataError, _json, cli, export
from vinhphuc_dx.model import COLLECTIONS

BASE = json.loads(BUNDLED.read_text("utf-8"), parse_float=Decimal)

#: How many files one run tries: bounded for CI (about a minute on a slow
#: machine), larger through the environment.
EXAMPLES = int(os.environ.get("VINHPHUC_DX_FUZZ_EXAMPLES", "400"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_VALIDATOR = jsonschema.Draft202012Validator(vinhphuc_dx.schema())

#: The consumers' property opens every export in the program that reads it:
#: fewer files by default (each takes about a second), the same variable for
#: more.
CONSUMER_EXAMPLES = int(os.environ.get("VINHPHUC_DX_FUZZ_EXAMPLES", "50"))


def _works(report: vinhphuc_dx.Report, data: bytes, folder: Path) -> None:
    """Everything a user does with a loaded report runs."""
    # The loader accepts no file the schema refuses.
    parsed = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    _VALIDATOR.validate(parsed)
    report.check()
    again = folder / "again.json"
    again.write_text(export.to_json(report), encoding="utf-8")
    assert vinhphuc_dx.load(again) == report
    for fmt in export.FORMATS:
        export.write(report, folder / f"out.{fmt}", fmt, overwrite=True)
    for name in COLLECTIONS:
        records = getattr(report, name)
        if records:  # an empty collection has no columns: a ValueError, by design
            records.to_pandas()
    for record in (*report.indicators[:1], *report.pillars[:1], *report.goals[:1]):
        out = io.StringIO()
        status = cli.main(["show", record.id, "--file", str(again)], out=out)
        assert status == 0
        out.getvalue().encode("utf-8")


@FUZZ
@given(data=mutated_files(BASE))
def test_mutated_file_is_refused_at_its_place_or_works(data):
    """A damaged file raises a DataError naming the file, or loads and works."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "mutated.json"
        path.write_bytes(data)
        try:
            report = vinhphuc_dx.load(path)
        except DataError as exc:
            message = str(exc)
            message.encode("utf-8")  # printable: no lone surrogate
            for line in message.splitlines():
                assert line.startswith(f"{path}: ")
                assert len(line) <= len(str(path)) + 2 + _json.MAX_LINE
            event("refused")
            return
        event("loaded")
        _works(report, data, folder)


# ---------------------------------------------------------------- consumers


def _bibtex_entries(text: str) -> list[str]:
    """Why *text* is not exactly one BibTeX entry to bibtexparser and to pybtex."""
    import bibtexparser
    import pybtex.database

    problems = []
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or len(library.entries) != 1:
        problems.append(
            f"bibtexparser: {len(library.entries)} entries, "
            f"{len(library.failed_blocks)} failed blocks"
        )
    try:
        entries = pybtex.database.parse_string(text, "bibtex").entries
    except Exception as exc:  # noqa: BLE001 - any failure to parse is the finding
        problems.append(f"pybtex: {type(exc).__name__}: {exc}")
    else:
        if len(entries) != 1:
            problems.append(f"pybtex: {len(entries)} entries")
    return problems


def _consumers_read(  # noqa: C901, PLR0915 - one check per consumer, side by side
    report: vinhphuc_dx.Report, path: Path, folder: Path
) -> list[str]:
    """What fails of: every export opening in its consumer; cite, check, show, diff, to_pandas."""
    import sqlite3

    import frictionless
    import openpyxl

    problems: list[str] = []

    def attempt(what: str, check) -> None:
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            problems.append(f"{what}: {type(exc).__name__}: {str(exc)[:300]}")

    def workbook() -> None:  # text stays text
        book = openpyxl.load_workbook(export.write(report, folder / "r.xlsx", "xlsx"))
        live = [
            f"{sheet.title}!{cell.coordinate} {cell.data_type} {cell.value!r}"
            for sheet in book
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type in {"f", "e"}
        ]
        assert live == [], f"formula or error cells: {live}"

    def database() -> None:  # and the Datasette metadata beside it
        written = export.write(report, folder / "r.db", "sqlite")
        connection = sqlite3.connect(written)
        try:
            assert connection.execute("pragma integrity_check").fetchone() == ("ok",)
            assert connection.execute("pragma foreign_key_check").fetchall() == []
            for name in COLLECTIONS:
                query = f"select count(*) from [{name}]"  # noqa: S608 - the model's names
                (rows,) = connection.execute(query).fetchone()
                assert rows == len(getattr(report, name)), name
        finally:
            connection.close()
        json.loads(export.metadata_path(written).read_text("utf-8"))

    def package() -> None:  # and the JSON-LD beside it
        written = export.write(report, folder / "pkg", "datapackage")
        validated = frictionless.validate(str(written))
        assert validated.valid, validated.flatten(
            ["rowNumber", "fieldName", "type", "note"]
        )
        assert isinstance(
            json.loads((written.parent / "dataset.jsonld").read_text("utf-8")), dict
        )

    def citations() -> None:  # one BibTeX entry each; CSL-JSON that is JSON
        cited = [("source", report.source.cite)]
        cited += [
            (record.id, lambda style, r=record: r.cite(style, source=report.source))
            for name in COLLECTIONS
            for record in getattr(report, name)
            if hasattr(record, "source")
        ]
        for what, cite in cited:
            entries = _bibtex_entries(cite("bibtex"))
            assert entries == [], f"{what}: bibtex: {entries}"
            json.loads(cite("csl-json"))
            cite("apa")

    def command_line() -> None:
        first = [getattr(report, name)[:1] for name in COLLECTIONS]
        for argv in (
            ["check"],
            ["cite"],
            ["cite", "--style", "bibtex"],
            *(["show", r.id] for records in first for r in records),
            *(
                ["cite", r.id]
                for records in first
                for r in records
                if hasattr(r, "source")
            ),
        ):
            out = io.StringIO()
            status = cli.main([*argv, "--file", str(path)], out=out)
            assert status == 0, f"{argv}: exit {status}"
            out.getvalue().encode("utf-8")
        status = cli.main(["diff", str(BUNDLED), str(path)], out=io.StringIO())
        assert status in {0, 1}, f"diff: exit {status}"

    def pandas() -> None:  # an empty collection included: a frame with no rows
        for name in COLLECTIONS:
            frame = getattr(report, name).to_pandas()
            assert len(frame) == len(getattr(report, name)), name

    attempt("xlsx in openpyxl", workbook)
    attempt("sqlite in sqlite3", database)
    attempt("datapackage in frictionless", package)
    attempt("citations", citations)
    attempt("command line", command_line)
    attempt(
        "diff()", lambda: list(vinhphuc_dx.diff(vinhphuc_dx.load(), report).lines())
    )
    attempt("to_pandas()", pandas)
    return problems


# A failing file is not shrunk (each try takes a second): its message says
# which consumer refused what. Its repr is large, which Hypothesis warns of.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(
    FUZZ,
    max_examples=CONSUMER_EXAMPLES,
    phases=tuple(p for p in Phase if p is not Phase.shrink),
)
@given(data=mutated_files(BASE, operations=LOADABLE_OPERATIONS))
def test_every_export_of_an_accepted_file_opens_in_its_consumer(data):
    """An accepted file's exports open in openpyxl, sqlite3, frictionless, BibTeX parsers and json; the CLI, diff and to_pandas run."""
    pytest.importorskip("bibtexparser", reason="pip install bibtexparser pybtex")
    pytest.importorskip("pybtex", reason="pip install bibtexparser pybtex")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "mutated.json"
        path.write_bytes(data)
        try:
            report = vinhphuc_dx.load(path)
        except DataError:
            event("refused")
            return
        event("loaded")
        problems = _consumers_read(report, path, folder)
        for problem in problems:
            event(problem.split(":", 1)[0])
        assert problems == [], "\n".join(problems)

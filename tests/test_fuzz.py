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
from hypothesis import HealthCheck, event, given, settings

import vinhphuc_dx
from conftest import BUNDLED
from strategies import mutated_files
from vinhphuc_dx import DataError, _converter, _loading, cli, export
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


def _works(report: vinhphuc_dx.Report, data: bytes, folder: Path) -> None:
    """Everything a user does with a loaded report runs."""
    # The loader accepts no file the schema refuses.
    parsed = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    _VALIDATOR.validate(parsed)
    report.check()
    again = folder / "again.json"
    again.write_text(_converter.dump_json(report), encoding="utf-8")
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
                assert len(line) <= len(str(path)) + 2 + _loading.MAX_LINE
            event("refused")
            return
        event("loaded")
        _works(report, data, folder)

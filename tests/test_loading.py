"""load(): the bundled report, users' files, and every way a file can be wrong."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vinhphuc_dx
from conftest import BUNDLED, dumps
from strategies import reports
from vinhphuc_dx import DataError, FieldError, _json, _loading, export, model


def fresh_python(code: str, cwd: Path | None = None) -> str:
    """Run *code* in a new interpreter (in *cwd*) and return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    return done.stdout.strip()


def set_in(raw, path, value):
    """Set raw[path[0]][path[1]]... = value."""
    *parents, last = path
    for key in parents:
        raw = raw[key]
    raw[last] = value


def delete_in(raw, path):
    *parents, last = path
    for key in parents:
        raw = raw[key]
    del raw[last]


class TestBundled:
    def test_cached(self):
        """load() returns the same object on every call."""
        assert vinhphuc_dx.load() is vinhphuc_dx.load()

    def test_reset_reads_again(self):
        """After _reset() a new, equal report is read."""
        first = vinhphuc_dx.load()
        _loading._reset()
        second = vinhphuc_dx.load()
        assert second is not first
        assert second == first

    def test_threads_share_one_object(self):
        """32 threads making the first call in a fresh interpreter get one object."""
        code = (
            "import threading, vinhphuc_dx\n"
            "got = []\n"
            "barrier = threading.Barrier(32)\n"
            "def run():\n"
            "    barrier.wait()\n"
            "    got.append(vinhphuc_dx.load())\n"
            "threads = [threading.Thread(target=run) for _ in range(32)]\n"
            "[t.start() for t in threads]\n"
            "[t.join() for t in threads]\n"
            "print(len(got), len({id(r) for r in got}))\n"
        )
        assert fresh_python(code).split() == ["32", "1"]

    def test_import_is_cheap(self):
        """import vinhphuc_dx imports neither cattrs nor the model, nor reads data."""
        code = (
            "import sys, vinhphuc_dx\n"
            "print(sorted(m for m in sys.modules if m.startswith(('cattrs', 'vinhphuc_dx', 'json', 'decimal'))))\n"
        )
        assert fresh_python(code) == "['vinhphuc_dx', 'vinhphuc_dx._version']"

    def test_reading_layers_import_no_cattrs(self):
        """Valid files are built without cattrs; only a refused one is explained with it."""
        code = (
            "import sys, vinhphuc_dx._loading, vinhphuc_dx._json, vinhphuc_dx._build\n"
            "print('cattrs' in sys.modules, 'vinhphuc_dx._converter' in sys.modules)\n"
            "report = vinhphuc_dx._loading.load()\n"
            "report.indicators.get('budget.total')\n"
            "print('cattrs' in sys.modules)\n"
            "import tempfile, pathlib\n"
            "path = pathlib.Path(tempfile.mkdtemp()) / 'r.json'\n"
            "path.write_bytes(vinhphuc_dx._loading._resource('report.json'))\n"
            "print(vinhphuc_dx._loading.load(path) == report, 'cattrs' in sys.modules)\n"
            'path.write_text(\'{"format_version": 2, "people": 1, "statements": []}\')\n'
            "try:\n    vinhphuc_dx._loading.load(path)\n"
            "except vinhphuc_dx.DataError:\n    print('cattrs' in sys.modules)\n"
        )
        assert fresh_python(code).split() == [
            "False",
            "False",
            "False",
            "True",
            "False",
            "True",
        ]

    def test_version_without_metadata(self):
        """__version__ is the installed version, read without importlib.metadata."""
        from importlib.metadata import version

        assert vinhphuc_dx.__version__ == version("vinhphuc-dx")
        code = (
            "import sys, vinhphuc_dx; vinhphuc_dx.__version__; "
            "print('importlib.metadata' in sys.modules)"
        )
        assert fresh_python(code) == "False"

    def test_unknown_attribute(self):
        """A missing top-level name raises AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            vinhphuc_dx.nope  # noqa: B018


class TestUsersFiles:
    def test_reads_path_and_str(self, write, raw, report):
        """A file is read from a Path or a str, and equals the bundled report."""
        path = write(raw)
        assert vinhphuc_dx.load(path) == report
        assert vinhphuc_dx.load(str(path)) == report

    def test_not_cached(self, write, raw):
        """Each load(path) reads the file again."""
        path = write(raw)
        assert vinhphuc_dx.load(path) is not vinhphuc_dx.load(path)

    def test_missing_file(self, tmp_path):
        """A missing file raises FileNotFoundError, as Python users expect."""
        with pytest.raises(FileNotFoundError):
            vinhphuc_dx.load(tmp_path / "nope.json")

    def test_not_a_path(self):
        """load(3) is a TypeError, not a DataError."""
        with pytest.raises(TypeError, match="takes a path"):
            vinhphuc_dx.load(3)  # type: ignore[arg-type]

    def test_decimal_stays_exact(self, write, raw):
        """99.7 is read as Decimal('99.7'), never through a float."""
        path = write(raw)
        value = (
            vinhphuc_dx.load(path).indicators.get("gov.documents.signing-rate").value
        )
        assert value == Decimal("99.7")
        assert type(value) is Decimal

    def test_bom_accepted(self, write, raw):
        """A UTF-8 byte-order mark (as Windows editors write) is skipped."""
        path = write(b"\xef\xbb\xbf" + dumps(raw).encode())
        assert len(vinhphuc_dx.load(path).indicators) == 38

    def test_loading_never_writes(self, write, raw):
        """Reading a file leaves it byte for byte as it was."""
        path = write(raw)
        before = path.read_bytes(), path.stat().st_mtime_ns
        vinhphuc_dx.load(path)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# Each case: what to change in the bundled JSON, and what the message must say.
# fmt: off
DEFECTS = [
    (("indicators", 3, "value"), "many", r"indicators\[3\]\.value: expected a number, got 'many'"),
    (("indicators", 3, "value"), True, r"indicators\[3\]\.value: expected a number, got true"),
    (("indicators", 3, "value"), -5, r"indicators\[3\]\.value: must not be negative, got -5"),
    (("indicators", 3, "value"), None, r"indicators\[3\]\.value: expected a number, got null"),
    (("indicators", 3, "unit"), "kg", r"indicators\[3\]\.unit: expected one of 'count', 'percent', 'billion_vnd', got 'kg'"),
    (("indicators", 3, "qualifier"), "over", r"indicators\[3\]\.qualifier: expected one of 'exact', 'more_than', 'approximately'"),
    (("indicators", 3, "pillar"), "digital-health", r"indicators\[3\]\.pillar: unknown pillar 'digital-health'"),
    (("indicators", 3, "pillar"), 7, r"indicators\[3\]\.pillar: expected a pillar id or null, got 7"),
    (("indicators", 3, "estimated"), "no", r"indicators\[3\]\.estimated: expected true or false, got 'no'"),
    (("indicators", 3, "label"), "Label", r"indicators\[3\]\.label: expected a JSON object"),
    (("indicators", 3, "label", "vi"), "", r"indicators\[3\]\.label\.vi: must not be empty"),
    (("indicators", 3, "label", "en"), 12, r"indicators\[3\]\.label\.en: expected a string, got 12"),
    (("indicators", 3, "source", "paragraph"), 0, r"indicators\[3\]\.source\.paragraph: paragraphs count from 1, got 0"),
    (("indicators", 3, "source", "paragraph"), 2.0, r"indicators\[3\]\.source\.paragraph: expected an integer, got 2\.0"),
    # Equal to a value already built (10.0 == 10, 0 == False, 1 == True): the
    # loader's sharing of small values must not accept them.
    (("indicators", 3, "source", "paragraph"), 10.0, r"indicators\[3\]\.source\.paragraph: expected an integer, got 10\.0"),
    (("indicators", 3, "period", "stated"), 0, r"indicators\[3\]\.period\.stated: expected true or false, got 0"),
    (("indicators", 12, "period", "stated"), 1, r"indicators\[12\]\.period\.stated: expected true or false, got 1"),
    (("indicators", 3, "period", "start"), "2024-02-30", r"indicators\[3\]\.period\.start: expected a date as YYYY-MM-DD, got '2024-02-30'"),
    (("indicators", 3, "period", "end"), "27/12/2024", r"indicators\[3\]\.period\.end: expected a date"),
    (("indicators", 3, "period", "start"), "2025-01-01", r"indicators\[3\]\.period\.end: ends on 2024-12-27 before it starts on 2025-01-01"),
    (("indicators", 3, "parts"), "abc", r"indicators\[3\]\.parts: expected a list, got 'abc'"),
    (("indicators", 1, "parts"), ["gov.nope"], r"indicators\[1\]\.parts: names no indicator of this report: 'gov.nope'"),
    (("indicators", 11, "part_of"), "gov.nope", r"indicators\[11\]\.part_of: names no indicator"),
    (("indicators", 4, "id"), "gov.online-services.total", r"indicators\[4\]\.id: duplicate id 'gov.online-services.total' \(first at indicators\[1\]\)"),
    (("indicators", 4, "id"), "has space", r"indicators\[4\]\.id: an id has no spaces"),
    (("indicators",), {}, r"indicators: expected a list, got an object"),
    (("directives", 1, "kind"), "law", r"directives\[1\]\.kind: expected one of 'directive'"),
    (("directives", 1, "number"), 5, r"directives\[1\]\.number: expected a string, got 5"),
    (("source", "published"), "2024-12-27", r"source\.published: expected a date-time"),
    (("source", "published"), "2024-12-27T14:15:24", r"source\.published: expected a date-time"),
    (("context", "merged"), "Phú Thọ", r"context\.merged: expected a list"),
    (("revision",), "1", r"revision: expected an integer, got '1'"),
    (("goals", 0, "horizon"), "2030", r"goals\[0\]\.horizon: expected an integer"),
    (("source", "published"), "2024-12-27T25:15:24+07:00", r"source\.published: expected a date-time"),
    (("indicators", 3, "period"), {"start": "2024-12-27", "end": "2024-12-27", "stated": "no"}, r"indicators\[3\]\.period\.stated: expected true or false"),
    # Added in format_version 2.
    (("indicators", 3, "as_written"), 954, r"indicators\[3\]\.as_written: expected a string, got 954"),
    (("indicators", 3, "as_written"), " ", r"indicators\[3\]\.as_written: must not be empty"),
    (("indicators", 3, "as_written"), "một hai ba bốn năm sáu bảy tám chín", r"indicators\[3\]\.as_written: at most 8 words as printed, got 9"),
    (("indicators", 3, "attributed_to"), "person.nobody", r"indicators\[3\]\.attributed_to: names no person of this report: 'person.nobody'"),
    (("directives", 0, "attributed_to"), "person.nobody", r"directives\[0\]\.attributed_to: names no person"),
    (("projects", 1, "attributed_to"), "person.nobody", r"projects\[1\]\.attributed_to: names no person"),
    (("goals", 3, "attributed_to"), 7, r"goals\[3\]\.attributed_to: expected a string, got 7"),
    (("statements", 2, "attributed_to"), "person.nobody", r"statements\[2\]\.attributed_to: names no person"),
    (("statements", 2, "pillar"), "digital-health", r"statements\[2\]\.pillar: unknown pillar 'digital-health'"),
    (("statements", 2, "text"), None, r"statements\[2\]\.text: expected a JSON object"),
    (("statements", 2, "id"), "budget.total", r"statements\[2\]\.id: duplicate id 'budget.total' \(first at indicators\[0\]\)"),
    (("people", 0, "name"), "", r"people\[0\]\.name: must not be empty"),
    (("people", 1, "id"), "person.bui-hong-do", r"people\[1\]\.id: duplicate id 'person.bui-hong-do' \(first at people\[0\]\)"),
    (("people", 0, "role"), "director", r"people\[0\]\.role: expected a JSON object"),
    (("people",), {}, r"people: expected a list, got an object"),
]
# fmt: on


class TestDefects:
    @pytest.mark.parametrize(("path", "value", "message"), DEFECTS)
    def test_each_defect_named(self, write, raw, path, value, message):
        """A wrong value raises DataError naming the file and the place."""
        set_in(raw, path, value)
        file = write(raw)
        with pytest.raises(DataError, match=message) as caught:
            vinhphuc_dx.load(file)
        assert str(caught.value).startswith(f"{file}: ")

    @pytest.mark.parametrize(
        ("path", "message"),
        [
            (
                ("indicators", 2, "label"),
                r"indicators\[2\]\.label: required field missing",
            ),
            (("source", "author"), r"source\.author: required field missing"),
            (("pillars",), r"pillars: required field missing"),
            (("people",), r"people: required field missing"),
            (("statements",), r"statements: required field missing"),
        ],
    )
    def test_missing_field(self, write, raw, path, message):
        """A missing required field is named."""
        delete_in(raw, path)
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(raw))

    def test_unknown_field(self, write, raw):
        """An unknown field is refused with its name: typos must not pass."""
        raw["indicators"][7]["lable"] = {"vi": "x", "en": "y"}
        with pytest.raises(DataError, match=r"indicators\[7\]: unknown field 'lable'"):
            vinhphuc_dx.load(write(raw))

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("period", {"start": "2024-12-27", "end": "2024-12-27", "typo": True}),
            ("label", {"vi": "Nhãn", "en": "Label", "fr": "Étiquette"}),
            ("source", {"paragraph": 10, "line": 2}),
        ],
    )
    def test_unknown_field_in_a_repeated_value(self, write, raw, field, value):
        """A value seen before, plus an unknown key, is still refused."""
        raw["indicators"][5][field] = value
        with pytest.raises(
            DataError, match=rf"indicators\[5\]\.{field}: unknown field"
        ):
            vinhphuc_dx.load(write(raw))

    def test_same_values_are_equal_values(self, report):
        """Figures with the same period hold equal Periods."""
        first, second = report.indicators[1], report.indicators[2]
        assert first.period == second.period

    def test_several_defects_all_reported(self, write, raw):
        """Every defect is listed, one per line."""
        raw["indicators"][0]["value"] = "x"
        raw["indicators"][5]["unit"] = "y"
        raw["goals"][1]["label"]["en"] = ""
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(write(raw))
        lines = str(caught.value).splitlines()
        assert len(lines) == 3
        assert [line.split(": ")[1] for line in lines] == [
            "indicators[0].value",
            "indicators[5].unit",
            "goals[1].label.en",
        ]

    def test_defects_capped(self, write, raw):
        """A file broken everywhere lists the first defects, then says there are more."""
        for figure in raw["indicators"]:
            figure["value"] = "x"
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(write(raw))
        message = str(caught.value)
        assert len(message.splitlines()) == _json.MAX_PROBLEMS + 1
        assert message.endswith("... and more problems")

    def test_defects_counted_when_all_read(self, write, raw):
        """Defects in several lists, none cut short, are counted exactly."""
        for figure in raw["indicators"][:15]:
            figure["value"] = "x"
        for goal in raw["goals"][:8]:
            goal["label"] = "x"
        total = 15 + len(raw["goals"][:8])
        assert total > _json.MAX_PROBLEMS
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(write(raw))
        message = str(caught.value)
        assert message.endswith(f"and {total - _json.MAX_PROBLEMS} more problems")

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "the file is empty"),
            (b"  \n\t", "the file is empty"),
            (b"[]", "expected a JSON object at the top, got a list"),
            (b"42", "expected a JSON object at the top, got 42"),
            (b'{"format_version": 1', r"invalid JSON at line 1, column 21"),
            (b'{"a": 1,\n  "b": }', r"invalid JSON at line 2, column 8"),
            (b"\xff\xfe{}", r"not UTF-8 text \(byte 0 is 0xff\)"),
            (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
            (
                b'{"format_version": 3}',
                "format_version 3 is not one this release reads \\(it reads 1, 2\\)",
            ),
            (b'{"format_version": "1"}', "format_version '1' is not one"),
            (b'{"revision": 1}', "format_version null is not one"),
        ],
    )
    def test_broken_files(self, write, content, message):
        """Files that are not a report object at all give one clear line."""
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(content))

    def test_truncated(self, write):
        """A truncated file is invalid JSON with its line and column."""
        text = BUNDLED.read_bytes()[:5000]
        with pytest.raises(DataError, match=r"invalid JSON at line \d+, column \d+"):
            vinhphuc_dx.load(write(text))

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_non_finite(self, write, raw, constant):
        """NaN and Infinity are refused at their place."""
        text = dumps(raw).replace('"value": 954', f'"value": {constant}', 1)
        with pytest.raises(
            DataError, match=r"indicators\[2\]\.value: expected a finite number"
        ):
            vinhphuc_dx.load(write(text))

    def test_repeated_key(self, write, raw):
        """A key repeated in one object is an error, not a silent overwrite."""
        text = dumps(raw).replace('"value": 954', '"value": 954, "value": 955', 1)
        with pytest.raises(
            DataError, match=r"indicators\[2\]: the key 'value' is repeated"
        ):
            vinhphuc_dx.load(write(text))

    def test_deep_nesting_inside(self, write, raw):
        """Deep nesting where a record belongs is refused, not a RecursionError."""
        raw["source"] = "@@"
        deep = '{"a": ' * 500 + "1" + "}" * 500
        with pytest.raises(DataError, match="source"):
            vinhphuc_dx.load(write(dumps(raw).replace('"@@"', deep)))

    def test_too_large(self, write, monkeypatch, raw):
        """A file over the size limit is refused before it is parsed."""
        monkeypatch.setattr(_loading, "MAX_BYTES", 1000)
        with pytest.raises(DataError, match="over the 1000-byte limit"):
            vinhphuc_dx.load(write(raw))


V1 = Path(__file__).parent / "data" / "report-v1.json"


class TestVersions:
    """Version 2 is written; version-1 files still load; later ones are refused."""

    def test_writes_version_2(self, report):
        """The bundled report and every export are format_version 2."""
        assert report.format_version == model.FORMAT_VERSION == 2
        assert json.loads(export.to_json(report))["format_version"] == 2

    def test_version_1_loads(self):
        """A version-1 file loads with no people, statements or attributions."""
        old = vinhphuc_dx.load(V1)
        assert old.format_version == 2  # read as the current version
        assert len(old.people) == len(old.statements) == 0
        assert [f.as_written for f in old.indicators] == [None] * 4
        assert old.get("directive.05").attributed_to is None
        figure = old.indicators.get("gov.documents.signing-rate")
        assert figure.value == Decimal("99.7")
        assert (figure.numerator, figure.denominator) == (
            "gov.documents.outgoing-signed",
            "gov.documents.outgoing",
        )

    def test_version_1_round_trip(self, write):
        """A version-1 report exported is a version-2 file that loads equal."""
        old = vinhphuc_dx.load(V1)
        again = vinhphuc_dx.load(write(export.to_json(old)))
        assert again == old
        assert json.loads(export.to_json(old))["people"] == []

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda raw: raw.update(people=[]),
                r"people: unknown field in format_version 1 \(added in 2\)",
            ),
            (
                lambda raw: raw["indicators"][1].update(as_written="150.811"),
                r"indicators\[1\]\.as_written: unknown field in format_version 1",
            ),
            (
                lambda raw: raw["goals"][0].update(attributed_to=None),
                r"goals\[0\]\.attributed_to: unknown field in format_version 1",
            ),
        ],
    )
    def test_version_1_holds_only_version_1(self, write, change, message):
        """A file that says version 1 but holds version-2 fields is refused at the place."""
        raw = json.loads(V1.read_text("utf-8"), parse_float=Decimal)
        change(raw)
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(raw))

    @pytest.mark.parametrize("version", [0, 3, 99, True, "2", 2.0])
    def test_other_versions_refused(self, write, raw, version):
        """Any version but 1 and 2 is a DataError naming what this release reads."""
        raw["format_version"] = version
        with pytest.raises(
            DataError, match=r"is not one this release reads \(it reads 1, 2\)"
        ):
            vinhphuc_dx.load(write(raw))


def _with_value(raw, index, text):
    """The JSON text of *raw* with indicators[index].value written as *text*."""
    raw["indicators"][index]["value"] = "@@"
    return dumps(raw).replace('"@@"', text)


def _limited_python(code: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Run *code* (given the file as argv[1]) with at most 1 GB of address space."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))\n"
    return subprocess.run(
        [sys.executable, "-c", limit + code, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


class TestHostileNumbers:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                "1e9999999999999999999",
                "the number '1e9999999999999999999' is out of range",
            ),
            (
                "1" * 4301,
                "expected an integer of at most 15 digits, got 4301 characters",
            ),
            (
                "-1e9999999999999999999",
                "the number '-1e9999999999999999999' is out of range",
            ),
        ],
    )
    def test_beyond_the_parser_at_its_place(self, write, raw, text, message):
        """Numbers the decimal module or int() cannot hold are a DataError at their place."""
        path = write(_with_value(raw, 2, text))
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(path)
        assert str(caught.value) == f"{path}: indicators[2].value: {message}"

    def test_no_traceback_on_the_command_line(self, write, raw):
        """The CLI prints one line, not a traceback, for such a number."""
        path = write(_with_value(raw, 2, "1" * 4301))
        done = subprocess.run(
            [sys.executable, "-m", "vinhphuc_dx", "check", "--file", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith(f"vinhphuc-dx: {path}: indicators[2].value:")

    @pytest.mark.parametrize(
        "text",
        [
            "1e999999999",
            "99.70000000000000000000000000001",
            "1000000000000000",
            "1E+15",
            "0.0000000000000001",
            "1E-400",
            "0e1000",
            "123456789.0123456",
        ],
    )
    def test_figure_out_of_bounds(self, write, raw, text):
        """A figure past the documented bounds is refused at its place."""
        with pytest.raises(
            DataError,
            match=r"indicators\[18\]\.value: a figure has at most 15 significant digits",
        ):
            vinhphuc_dx.load(write(_with_value(raw, 18, text)))

    @pytest.mark.parametrize(
        ("path", "text"),
        [
            (("revision",), "1000000000000000"),
            (("goals", 0, "horizon"), "-1000000000000000"),
            (("indicators", 3, "source", "paragraph"), "100000000000000000000"),
        ],
    )
    def test_integers_out_of_bounds(self, write, raw, path, text):
        """Every integer of the file has at most 15 digits."""
        set_in(raw, path, "@@")
        where = re.escape(_json._path(path))
        with pytest.raises(
            DataError, match=rf"{where}: expected an integer of at most 15 digits"
        ):
            vinhphuc_dx.load(write(dumps(raw).replace('"@@"', text)))

    def test_figures_at_the_bounds_work(self, write, raw):
        """Figures at the bounds load, check, export and convert to pandas exactly."""
        rate = raw["indicators"][18]
        # The article gives its rate no base: state one here, to check a rate.
        rate["numerator"] = "gov.documents.outgoing-signed"
        rate["denominator"] = "gov.documents.outgoing"
        ids = {f["id"]: i for i, f in enumerate(raw["indicators"])}
        raw["indicators"][ids[rate["numerator"]]]["value"] = 999999999999999
        # Counts are whole numbers: the smallest bound is tried on the rate.
        raw["indicators"][ids[rate["denominator"]]]["value"] = 1
        rate["value"] = Decimal("0.000000000000001")
        raw["indicators"][0]["value"] = Decimal("123456789.012345")
        report = vinhphuc_dx.load(write(raw))
        assert any(f.rule == "rate" and not f.holds for f in report.check())
        frame = report.indicators.to_pandas()
        assert frame["value"].iloc[0] == 123456789.012345
        assert Decimal(repr(float(frame["value"].iloc[0]))) == Decimal(
            "123456789.012345"
        )
        assert vinhphuc_dx.load(write(export.to_json(report), "again.json")) == report

    def test_model_refuses_out_of_bounds(self, report):
        """A figure built in code has the same bounds as one read from a file."""
        figure = report.indicators[0]
        for value in (Decimal("1e999999999"), 10**15, Decimal("1E-16"), 10**5000):
            with pytest.raises(FieldError, match="value: a figure has at most 15"):
                attrs.evolve(figure, value=value)


class TestBoundedWork:
    @pytest.mark.parametrize("where", ["indicators", "parts"])
    def test_a_million_defects_in_seconds(self, tmp_path, raw, where):
        """A 2 MB file of a million bad items is refused in seconds, in well under 1 GB."""
        if where == "indicators":
            raw["indicators"] = [1] * 1_000_000
        else:
            raw["indicators"][0]["parts"] = [1] * 1_000_000
        path = tmp_path / "million.json"
        path.write_text(
            json.dumps(raw, default=str, separators=(",", ":")), encoding="utf-8"
        )
        code = (
            "import sys, time, vinhphuc_dx\n"
            "start = time.perf_counter()\n"
            "try:\n"
            "    vinhphuc_dx.load(sys.argv[1])\n"
            "except vinhphuc_dx.DataError as exc:\n"
            "    print(time.perf_counter() - start)\n"
            "    print(exc)\n"
        )
        done = _limited_python(code, path)
        assert done.returncode == 0, done.stderr[-2000:]
        seconds, *lines = done.stdout.splitlines()
        assert float(seconds) < 10
        assert len(lines) == _json.MAX_PROBLEMS + 1
        assert lines[-1].endswith("... and more problems")


class TestPlaces:
    @pytest.mark.parametrize(
        ("parts", "message"),
        [
            (
                [f"p{i}" for i in range(300_000)],
                r"indicators\[1\]\.parts: names no indicator of this report: 'p0', 'p1', 'p2', 'p3', 'p4' and 299995 more$",
            ),
            (["x"] * 300_000, r"indicators\[1\]\.parts: the id 'x' is named twice$"),
        ],
    )
    def test_many_bad_parts_one_line(self, write, raw, parts, message):
        """Many unknown or repeated ids in one relation make one short line."""
        raw["indicators"][1]["parts"] = parts
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(raw))

    def test_repeated_key_at_the_top(self, write, raw):
        """A key repeated in the report object itself is named at 'report'."""
        text = dumps(raw).replace('"revision": 3', '"revision": 3, "revision": 3', 1)
        with pytest.raises(
            DataError, match=r": report: the key 'revision' is repeated"
        ):
            vinhphuc_dx.load(write(text))

    def test_repeated_keys_each_named(self, write, raw):
        """Each object with a repeated key is named by its path."""
        text = dumps(raw).replace(
            '"estimated": false', '"estimated": false, "estimated": true'
        )
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(write(text))
        lines = str(caught.value).splitlines()
        assert len(lines) > 2
        assert all(
            re.search(r"indicators\[\d+\]: the key 'estimated' is repeated", line)
            for line in lines[:-1]
        )

    def test_too_deep_names_line_and_column(self, write, raw):
        """Nesting past the parser's depth gives the line and column where it goes past 64 levels."""
        text = _with_value(raw, 2, "[" * 100_000 + "]" * 100_000)
        line = text[: text.index("[[[")].count("\n") + 1
        # How deep the parser follows depends on Python: the recursion limit
        # up to 3.11 (which hypothesis may have raised in this process: it is
        # pinned to the default here), a C stack limit from 3.12 on. A
        # hundred thousand levels are past both.
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(1000)
        try:
            with pytest.raises(
                DataError,
                match=rf"invalid JSON at line {line}, column \d+: nested too deeply",
            ):
                vinhphuc_dx.load(write(text))
        finally:
            sys.setrecursionlimit(limit)

    def test_nesting_the_parser_follows_is_named_at_its_place(self, write, raw):
        """Where the parser does follow deep nesting, the value is refused at its place."""
        text = _with_value(raw, 2, "[" * 500 + "]" * 500)
        with pytest.raises(
            DataError, match=r"indicators\[2\]\.value: expected a number, got a list"
        ):
            vinhphuc_dx.load(write(text))

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("indicators", 11, "part_of"), "x" * 5_000_000),
            (("indicators", 12, "id"), "y " * 2_000_000),
            (("indicators", 12, "parts"), ["z"] * 300_000),
            (("indicators", 12, "unit"), "u" * 5_000_000),
        ],
    )
    def test_huge_value_is_cut(self, write, raw, path, value):
        """A value of megabytes is quoted only in part: every line of the message is short."""
        set_in(raw, path, value)
        file = write(raw)
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(file)
        lines = str(caught.value).splitlines()
        assert lines[0].startswith(f"{file}: {_json._path(path)}: ")
        assert all(len(line) <= len(str(file)) + 2 + _json.MAX_LINE for line in lines)


class TestText:
    @pytest.mark.parametrize(
        ("path", "char"),
        [
            (("statements", 3, "note", "vi"), "\x1b"),
            (("indicators", 0, "label", "en"), "a\x07b"),
            (("source", "outlet"), "x\x0c"),
        ],
    )
    def test_control_character_refused(self, write, raw, path, char):
        """A control character (no spreadsheet cell holds one) is refused at its place."""
        set_in(raw, path, char)
        where = re.escape(_json._path(path))
        with pytest.raises(
            DataError, match=rf"{where}: must not hold a control character \(U\+00"
        ):
            vinhphuc_dx.load(write(raw))

    def test_tab_and_line_breaks_kept(self, write, raw):
        """Tab, line feed and carriage return are text, not control, here."""
        raw["indicators"][0]["label"]["en"] = "a\tb\nc\r\nd"
        assert vinhphuc_dx.load(write(raw)).indicators[0].label.en == "a\tb\nc\r\nd"

    @pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "x\\udc00y"])
    def test_lone_surrogate_refused_at_its_place(self, write, raw, escape):
        """A lone surrogate in a label is refused where it stands."""
        raw["indicators"][0]["label"]["en"] = "@@"
        text = dumps(raw).replace('"@@"', f'"{escape}"')
        with pytest.raises(
            DataError, match=r"indicators\[0\]\.label\.en: a lone surrogate"
        ) as caught:
            vinhphuc_dx.load(write(text))
        str(caught.value).encode("utf-8")

    def test_lone_surrogate_in_a_key(self, write, raw):
        """A lone surrogate in a key is refused, and the message stays printable."""
        text = dumps(raw).replace(
            '"estimated": false', '"estimated": false, "\\ud800": 1', 1
        )
        with pytest.raises(
            DataError, match=r"the key '\\ud800' holds a lone surrogate"
        ) as caught:
            vinhphuc_dx.load(write(text))
        str(caught.value).encode("utf-8")

    def test_surrogate_pair_is_text(self, write, raw):
        """An escaped surrogate pair is one character, and loads."""
        raw["indicators"][0]["label"]["en"] = "@@"
        text = dumps(raw).replace('"@@"', '"\\ud83d\\ude00 budget"')
        report = vinhphuc_dx.load(write(text))
        assert report.indicators[0].label.en == "\U0001f600 budget"

    @pytest.mark.parametrize(
        "id_",
        [
            "goal.a\u200bb",  # zero-width space
            "goal.\u202eab",  # right-to-left override
            "goal.\u2066a\u2069",  # bidi isolate
            "goal.a\u00adb",  # soft hyphen
            "goal.\ufeffa",  # byte-order mark
            "goal.\u3164",  # Hangul filler
            "goal.a\ufe0f",  # variation selector
            "goal.a\x07",  # control
            "goal.\ue000",  # private use
            "goal.e\u0301",  # not NFC
        ],
    )
    def test_id_is_a_visible_slug(self, write, raw, id_):
        """An id holding an invisible, bidi or control character, or not NFC, is refused."""
        raw["goals"][2]["id"] = id_
        with pytest.raises(DataError, match=r"goals\[2\]\.id: an id "):
            vinhphuc_dx.load(write(raw))

    def test_ids_differing_by_normalisation(self, write, raw):
        """Two ids that differ only by Unicode normalisation are refused."""
        raw["goals"][0]["id"] = "goal.fix"
        raw["goals"][3]["id"] = "goal.\ufb01x"
        with pytest.raises(
            DataError,
            match=r"goals\[3\]\.id: the id 'goal.\ufb01x' differs from 'goal.fix' \(goals\[0\]\) only by Unicode normalisation",
        ):
            vinhphuc_dx.load(write(raw))

    def test_vietnamese_id_loads(self, write, raw):
        """A visible NFC id in Vietnamese is a valid slug."""
        raw["goals"][0]["id"] = "mục-tiêu.chính-quyền-số"
        assert vinhphuc_dx.load(write(raw)).goals[0].id == "mục-tiêu.chính-quyền-số"


class TestStatedRules:
    def test_revision_counts_from_one(self, write, raw):
        """Revision 0 is refused, as the schema's minimum says."""
        raw["revision"] = 0
        with pytest.raises(DataError, match=r": revision: counts from 1, got 0"):
            vinhphuc_dx.load(write(raw))

    def test_directive_kind(self, write, raw):
        """A directive's kind is always 'directive'."""
        raw["directives"][1]["kind"] = "regulation"
        with pytest.raises(
            DataError,
            match=r"directives\[1\]\.kind: a directive's kind is 'directive', got 'regulation'",
        ):
            vinhphuc_dx.load(write(raw))


class TestRoundTrip:
    def test_bundled_export_then_load(self, report, write):
        """The bundled report written as JSON and read back is equal."""
        text = export.to_json(report)
        assert '"value": 99.7,' in text
        assert vinhphuc_dx.load(write(text)) == report

    def test_dump_is_the_bundled_format(self, report):
        """dump_json writes the bundled file's content, key for key."""
        assert json.loads(export.to_json(report)) == json.loads(
            BUNDLED.read_text("utf-8")
        )

    @settings(
        max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(reports())
    def test_generated(self, tmp_path, generated):
        """Random valid reports survive export then load."""
        path = tmp_path / "r.json"
        path.write_text(export.to_json(generated), encoding="utf-8")
        assert vinhphuc_dx.load(path) == generated


def _mutations():
    """Ways to damage a valid report's JSON text."""
    return st.one_of(
        st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=40000)),
        st.tuples(st.just("delete"), st.integers(min_value=0, max_value=10**6)),
        st.tuples(
            st.just("retype"),
            st.integers(min_value=0, max_value=10**6),
            st.sampled_from([None, True, -1, 1.5, "x", [], {}]),
        ),
    )


def _walk(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


class TestFuzz:
    @settings(
        max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(mutation=_mutations())
    def test_load_succeeds_or_raises_data_error(self, raw, tmp_path, mutation):
        """Whatever the damage, load() returns a report or raises DataError."""
        kind, where, *rest = mutation
        if kind == "truncate":
            data = dumps(raw).encode()[:where]
        else:
            places = [p for p, _ in _walk(raw) if p]
            target = places[where % len(places)]
            if kind == "delete":
                delete_in(raw, target)
            else:
                set_in(raw, target, rest[0])
            data = dumps(raw).encode()
        path = tmp_path / "fuzz.json"
        path.write_bytes(data)
        try:
            vinhphuc_dx.load(path)
        except DataError as exc:
            message = str(exc)
        else:
            return
        assert message.startswith(str(path))


def test_imports_from_outside_the_source_tree():
    """The package and its data load from a directory that is not the checkout."""
    code = "import vinhphuc_dx; print(vinhphuc_dx.load().source.outlet)"
    assert fresh_python(code, cwd=Path("/")) == "Vietnam Business Forum"


class TestRelationsThatCannotHold:
    """Relations are the report's reading of the article: some can never hold."""

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda r: r["indicators"][1].update(
                    parts=["gov.procedures.eligible-full-process-share", "budget.total"]
                ),
                r"indicators\[1\]\.parts: part 'gov\.procedures\.eligible-full-process-\.\.\.' is in percent, its whole in count",
            ),
            (
                lambda r: r["indicators"][10].update(part_of="budget.total"),
                r"indicators\[10\]\.part_of: a part in count of a whole in billion_vnd",
            ),
            (
                lambda r: r["indicators"][1].update(
                    numerator="gov.online-services.full-process",
                    denominator="gov.online-services.partial",
                ),
                r"indicators\[1\]\.numerator: a stated rate is in percent, this figure in count",
            ),
            (
                lambda r: r["indicators"][11].update(
                    numerator="gov.online-services.partial",
                    denominator="gov.online-services.partial",
                ),
                r"indicators\[11\]\.denominator: a rate's numerator and denominator are two figures",
            ),
            (
                lambda r: (
                    r["indicators"][2].update(part_of="gov.online-services.partial"),
                    r["indicators"][3].update(
                        part_of="gov.online-services.full-process"
                    ),
                ),
                r"contains itself: 'gov\.online-services\.",
            ),
            (
                lambda r: r["indicators"][2].update(value=Decimal("954.5")),
                r"indicators\[2\]\.value: a count is a whole number",
            ),
        ],
    )
    def test_refused_at_their_place(self, write, raw, change, message):
        """Mixed units, a rate of a count, a figure containing itself, a fractional count."""
        change(raw)
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(raw))

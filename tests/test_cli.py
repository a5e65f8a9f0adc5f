"""The vinhphuc-dx command line, in-process and as the real console script."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vinhphuc_dx
from vinhphuc_dx import export
from vinhphuc_dx.cli import main
from vinhphuc_dx.model import COLLECTIONS

SCRIPT = shutil.which("vinhphuc-dx", path=str(Path(sys.executable).parent))


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def script(*argv: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the installed console script."""
    assert SCRIPT, "the console script is installed beside the interpreter"
    return subprocess.run(
        [SCRIPT, *argv], capture_output=True, text=True, check=False, **kwargs
    )


class TestList:
    def test_table_fits_80_columns(self, monkeypatch):
        """The table fits 80 columns, one row per figure."""
        monkeypatch.setenv("COLUMNS", "80")
        status, out = run("list")
        lines = out.splitlines()
        assert status == 0
        assert len(lines) == 38
        assert max(len(line) for line in lines) <= 80

    def test_vietnamese_aligned(self, monkeypatch):
        """Vietnamese labels start in the same column on every row."""
        monkeypatch.setenv("COLUMNS", "120")
        _, out = run("list", "--lang", "vi", "--pillar", "digital-society")
        starts = {line.index(line.split("  ")[-1]) for line in out.splitlines()}
        assert len(starts) == 1
        assert "Thuê bao Internet băng rộng cố định" in out

    def test_filters(self):
        """The query layer's filters narrow the list as in Python."""
        _, out = run(
            "list",
            "--format",
            "json",
            "--pillar",
            "digital-economy",
            "--qualifier",
            "more_than",
        )
        ids = [r["id"] for r in json.loads(out)]
        expected = (
            vinhphuc_dx.load()
            .indicators.filter(pillar="digital-economy", qualifier="more_than")
            .ids
        )
        assert tuple(ids) == expected

    def test_no_pillar_estimated_during(self):
        """--pillar none, --estimated and --during work."""
        assert (
            json.loads(run("list", "--pillar", "none", "--format", "json")[1])[0]["id"]
            == "budget.total"
        )
        assert len(json.loads(run("list", "--estimated", "--format", "json")[1])) == 2
        assert (
            len(json.loads(run("list", "--not-estimated", "--format", "json")[1])) == 36
        )
        h1 = json.loads(
            run(
                "list",
                "--during",
                "2024-01-01..2024-06-30",
                "--unit",
                "count",
                "--format",
                "json",
            )[1]
        )
        assert "gov.documents.incoming" in {r["id"] for r in h1}

    def test_json_is_the_file_format(self):
        """list --format json prints records as the file format writes them."""
        _, out = run("list", "--format", "json", "--paragraph", "11")
        records = json.loads(out)
        rate = next(r for r in records if r["id"] == "gov.documents.signing-rate")
        assert '"value": 99.7' in out
        assert rate["numerator"] == "gov.documents.outgoing-signed"

    def test_csv_matches_python(self):
        """list --format csv parses back to the Python values."""
        _, out = run("list", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        report = vinhphuc_dx.load()
        assert [r["id"] for r in rows] == list(report.indicators.ids)
        for row, figure in zip(rows, report.indicators, strict=True):
            assert row["value"] == str(figure.value)
            assert row["paragraph"] == str(figure.source.paragraph)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["list", "--unit", "kg"], "invalid choice: 'kg'"),
            (
                ["list", "--pillar", "digital-health"],
                "pillar='digital-health' is not one of",
            ),
            (["list", "--during", "yesterday"], "not a date"),
            (["list", "--format", "xml"], "invalid choice: 'xml'"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
            ([], "the following arguments are required: COMMAND"),
            (["search", " "], "needs some text"),
            (
                ["export", "--format", "datapackage", "--output", "-"],
                "a data package is a directory",
            ),
        ],
    )
    def test_usage_errors(self, capsys, argv, message):
        """A usage mistake is one line on stderr and exit status 2."""
        status = main(argv, io.StringIO())
        err = capsys.readouterr().err
        assert status == 2
        assert err.count("\n") == 1
        assert message in err


class TestShowSearchCheck:
    def test_show_every_field(self):
        """show prints every field, both languages, relations and paragraph."""
        status, out = run("show", "gov.documents.signing-rate")
        assert status == 0
        for text in (
            "numerator    gov.documents.outgoing-signed",
            "source       paragraph: 11",
            "value        99.7",
            "vi: Tỷ lệ văn bản có chữ ký số",
        ):
            assert text in out

    def test_show_any_record(self):
        """show finds directives and projects too; --format json is the file format."""
        _, out = run("show", "directive.05", "--format", "json")
        assert json.loads(out)["number"] == "05"

    def test_show_unknown(self, capsys):
        """An unknown id prints the closest ids and exits 1."""
        status = main(["show", "gov.documents.signin"], io.StringIO())
        err = capsys.readouterr().err
        assert status == 1
        assert "closest: gov.documents.signing-rate" in err

    def test_search(self):
        """search folds case and diacritics, across every kind of record."""
        _, out = run("search", "CHU KY SO", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["id"] == "gov.documents.signing-rate"
        assert "instrument.regulation.digital-signature" in {r["id"] for r in rows}

    def test_check(self):
        """check prints each finding; --strict fails on the anomaly."""
        status, out = run("check")
        assert status == 0
        assert out.splitlines()[-1] == "5 hold, 1 do not hold"
        assert run("check", "--strict")[0] == 1


class TestExportCiteSchema:
    def test_json_export_loads_equal(self, tmp_path):
        """export --format json then load gives an equal report."""
        path = tmp_path / "r.json"
        assert run("export", "--format", "json", "--output", str(path))[0] == 0
        assert vinhphuc_dx.load(path) == vinhphuc_dx.load()

    def test_no_overwrite_without_force(self, tmp_path, capsys):
        """An existing file is kept unless --force is given."""
        path = tmp_path / "r.csv"
        path.write_text("keep me")
        assert (
            main(["export", "--format", "csv", "--output", str(path)], io.StringIO())
            == 1
        )
        assert "exists" in capsys.readouterr().err
        assert path.read_text() == "keep me"
        assert (
            run("export", "--format", "csv", "--output", str(path), "--force")[0] == 0
        )
        assert path.read_bytes().startswith(b"\xef\xbb\xbfid,pillar,")

    def test_unwritable(self, tmp_path, capsys):
        """A missing directory is one line on stderr, exit 1."""
        status = main(
            ["export", "--format", "json", "--output", str(tmp_path / "no" / "r.json")],
            io.StringIO(),
        )
        assert status == 1
        assert "No such file or directory" in capsys.readouterr().err

    def test_csv_export_is_exact(self, tmp_path):
        """The CSV keeps 99.7 as written and reads back in a spreadsheet encoding."""
        path = tmp_path / "r.csv"
        run("export", "--format", "csv", "--output", str(path))
        with path.open(encoding=export.CSV_ENCODING, newline="") as stream:
            rows = {r["id"]: r for r in csv.DictReader(stream)}
        assert rows["gov.documents.signing-rate"]["value"] == "99.7"
        assert rows["budget.total"]["period_start"] == "2014-01-01"
        assert rows["gov.online-services.total"]["parts"].split() == [
            "gov.online-services.full-process",
            "gov.online-services.partial",
            "gov.online-services.information",
        ]

    @pytest.mark.parametrize("style", ["bibtex", "apa", "csl-json"])
    def test_cite(self, style):
        """cite prints the article with title, outlet, author and date."""
        _, out = run("cite", "--style", style)
        for text in (
            "Chuyển đổi số để thu hút đầu tư",
            "Vietnam Business Forum",
            "Hiền Hưng",
            "2024",
        ):
            assert text in out

    def test_schema(self):
        """schema prints the package's JSON Schema."""
        assert json.loads(run("schema")[1]) == vinhphuc_dx.schema()

    def test_broken_file(self, tmp_path, capsys):
        """A broken --file is one line on stderr, naming file and place, exit 1."""
        path = tmp_path / "bad.json"
        raw = json.loads(export.to_json(vinhphuc_dx.load()))
        raw["indicators"][3]["value"] = "many"
        raw["indicators"][4]["unit"] = "kg"
        path.write_text(json.dumps(raw), encoding="utf-8")
        assert main(["list", "--file", str(path)], io.StringIO()) == 1
        err = capsys.readouterr().err
        assert (
            err
            == f"vinhphuc-dx: {path}: indicators[3].value: expected a number, got 'many' (and 1 more)\n"
        )


class TestConsoleScript:
    @pytest.mark.parametrize(
        "argv",
        [
            ["list"],
            ["list", "--format", "json"],
            ["list", "--format", "csv"],
            ["search", "thuê bao"],
            ["show", "project.fpt-data-centre"],
            ["check"],
            ["cite"],
            ["schema"],
            ["--version"],
        ],
    )
    def test_runs(self, argv):
        """Every subcommand runs as the installed script, exit 0, no stderr."""
        done = script(*argv)
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout

    @pytest.mark.parametrize("command", ["list", "search"])
    def test_json_and_csv_match_python(self, command):
        """What the script prints as JSON and CSV is what the Python API returns."""
        argv = [command] if command == "list" else [command, "thuê bao"]
        report = vinhphuc_dx.load()
        everything = vinhphuc_dx.Records(
            r for name in COLLECTIONS for r in getattr(report, name)
        )
        expected = (
            report.indicators.ids
            if command == "list"
            else everything.search("thuê bao").ids
        )
        as_json = json.loads(script(*argv, "--format", "json").stdout)
        as_csv = list(
            csv.DictReader(io.StringIO(script(*argv, "--format", "csv").stdout))
        )
        assert tuple(r["id"] for r in as_json) == expected
        assert tuple(r["id"] for r in as_csv) == expected
        if command == "list":
            assert [r["value"] for r in as_json] == [
                float(f.value) if not isinstance(f.value, int) else f.value
                for f in report.indicators
            ]

    @pytest.mark.parametrize("fmt", ["json", "csv", "datapackage"])
    def test_export_every_format(self, tmp_path, fmt):
        """export writes each format as the script, and refuses to overwrite."""
        target = tmp_path / f"out.{fmt}"
        first = script("export", "--format", fmt, "--output", str(target))
        assert first.returncode == 0
        assert target.exists()
        again = script("export", "--format", fmt, "--output", str(target))
        assert again.returncode == 1
        assert again.stderr.count("\n") == 1

    @pytest.mark.parametrize("style", ["bibtex", "apa", "csl-json"])
    def test_cite_every_style(self, style):
        """cite prints each style as the script."""
        done = script("cite", "--style", style)
        assert done.returncode == 0
        assert "Hiền Hưng" in done.stdout

    def test_module_form(self):
        """python -m vinhphuc_dx is the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "vinhphuc_dx", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == f"vinhphuc-dx {vinhphuc_dx.__version__}"

    def test_help_everywhere(self):
        """--help works on every level, with examples."""
        for argv in (["--help"], ["list", "--help"], ["export", "--help"]):
            done = script(*argv)
            assert done.returncode == 0
            assert "example" in done.stdout

    def test_datapackage_validates(self, tmp_path):
        """The data package passes frictionless validate."""
        frictionless = shutil.which(
            "frictionless", path=str(Path(sys.executable).parent)
        )
        if frictionless is None:
            pytest.skip("frictionless is not installed")
        done = script(
            "export", "--format", "datapackage", "--output", str(tmp_path / "pkg")
        )
        assert done.returncode == 0
        check = subprocess.run(
            [
                frictionless,
                "validate",
                "--json",
                str(tmp_path / "pkg" / "datapackage.json"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        result = json.loads(check.stdout)
        assert result["valid"], check.stdout[:2000]
        assert len(result["tasks"]) == 6

    def test_pipe_closed_early(self):
        """Output into a pipe whose reader has gone (| head) ends quietly."""
        assert SCRIPT
        with subprocess.Popen(
            [SCRIPT, "export", "--format", "json", "--output", "-"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            process.stdout.close()  # the reader goes before the first write
            stderr = process.stderr.read()
            status = process.wait()
        assert stderr == b""
        assert status == 0

    def test_traceback_never(self, tmp_path):
        """A file that is not a report gives one line, not a traceback."""
        path = tmp_path / "x.json"
        path.write_bytes(b"\xff")
        done = script("check", "--file", str(path))
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1


def test_env_untouched():
    """Running main() does not change the environment it was given."""
    before = dict(os.environ)
    run("list")
    assert dict(os.environ) == before


#: Loaded at start-up by a child Python whose PYTHONPATH holds it: sends the
#: process a signal at the N-th call of an os function, so that a signal
#: arrives at a known moment of an export.
SIGNAL_HOOK = """\
import os, signal
_spec = os.environ.get("VINHPHUC_DX_TEST_SIGNAL_AT")
if _spec:
    _name, _nth, _sig = _spec.split(":")
    class _Hook:  # an object, not a function: pathlib (3.10) keeps it unbound
        calls = 0
        real = getattr(os, _name)
        def __call__(self, *args, **kwargs):
            type(self).calls += 1
            if self.calls == int(_nth):
                os.kill(os.getpid(), getattr(signal, _sig))
            return self.real(*args, **kwargs)
    setattr(os, _name, _Hook())
"""

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and fds")


@posix_only
class TestSignalsAndStreams:
    @pytest.fixture
    def signal_at(self, tmp_path):
        """Run a command whose process gets a signal at an os call."""
        hook = tmp_path / "hook"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(SIGNAL_HOOK)

        def signal_at(where, argv, *, module=False):
            env = {
                **os.environ,
                "PYTHONPATH": os.pathsep.join(
                    [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]
                ),
                "VINHPHUC_DX_TEST_SIGNAL_AT": where,
            }
            assert SCRIPT
            command = [sys.executable, "-m", "vinhphuc_dx"] if module else [SCRIPT]
            return subprocess.run(
                [*command, *argv],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )

        return signal_at

    @pytest.mark.parametrize("module", [False, True], ids=["script", "module"])
    @pytest.mark.parametrize("fmt", ["json", "csv", "datapackage"])
    def test_ctrl_c_during_export(self, tmp_path, signal_at, fmt, module):
        """Ctrl-C while the file is being written: one line, 130, nothing left."""
        out = tmp_path / "out"
        out.mkdir()
        done = signal_at(
            "fsync:1:SIGINT",
            ["export", "--format", fmt, "--output", str(out / "r")],
            module=module,
        )
        assert (done.returncode, done.stderr) == (130, "vinhphuc-dx: interrupted\n")
        assert list(out.iterdir()) == []

    def test_ctrl_c_while_replacing_a_package(self, tmp_path, signal_at):
        """Ctrl-C between the renames of --force puts the old package back."""
        folder = tmp_path / "pkg"
        assert script("export", "--format", "datapackage", "--output", str(folder))
        (folder / "mine").write_text("old")
        done = signal_at(
            "rename:2:SIGINT",
            ["export", "--format", "datapackage", "--output", str(folder), "--force"],
        )
        assert (done.returncode, done.stderr) == (130, "vinhphuc-dx: interrupted\n")
        assert (folder / "mine").read_text() == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["hook", "pkg"]

    def test_sigterm_during_export(self, tmp_path, signal_at):
        """SIGTERM ends an export with one line and 143, leaving no temporary file."""
        out = tmp_path / "out"
        out.mkdir()
        done = signal_at(
            "fsync:1:SIGTERM",
            ["export", "--format", "csv", "--output", str(out / "r.csv")],
        )
        assert (done.returncode, done.stderr) == (
            143,
            "vinhphuc-dx: stopped by SIGTERM\n",
        )
        assert list(out.iterdir()) == []

    @pytest.mark.parametrize("argv", [["list"], ["export", "--format", "json"]])
    def test_stdout_closed(self, argv):
        """With standard output closed (>&-): one line on stderr, exit 1."""
        assert SCRIPT
        if argv[0] == "export":
            argv = [*argv, "--output", "-"]
        done = subprocess.run(
            ["/bin/sh", "-c", 'exec "$0" "$@" >&-', SCRIPT, *argv],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stderr) == (
            1,
            "vinhphuc-dx: standard output is closed\n",
        )

    def test_stdout_closed_file_export_works(self, tmp_path):
        """An export to a file does not need standard output."""
        assert SCRIPT
        target = tmp_path / "r.json"
        done = subprocess.run(
            [
                *["/bin/sh", "-c", 'exec "$0" "$@" >&-', SCRIPT, "export"],
                *["--format", "json", "--output", str(target)],
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, f"wrote {target}\n")
        assert vinhphuc_dx.load(target) == vinhphuc_dx.load()

    def test_stdout_and_stderr_closed(self):
        """With both streams closed there is nothing to say, and no crash."""
        assert SCRIPT
        done = subprocess.run(
            ["/bin/sh", "-c", 'exec "$0" "$@" >&- 2>&-', SCRIPT, "list"],
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
    def test_stdout_full(self):
        """A full standard output is one line on stderr, exit 1."""
        assert SCRIPT
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                [SCRIPT, "list"], stdout=full, stderr=subprocess.PIPE, check=False
            )
        assert done.returncode == 1
        assert b"Traceback" not in done.stderr
        assert done.stderr.count(b"\n") == 1

    def test_pipe_closed_after_some_lines(self):
        """A reader that takes one line and goes (| head -1) ends quietly."""
        assert SCRIPT
        with subprocess.Popen(
            [SCRIPT, "export", "--format", "json", "--output", "-"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            process.stdout.readline()
            process.stdout.close()
            stderr = process.stderr.read()
            status = process.wait()
        assert stderr == b""
        assert status == 0


class TestOutputArgument:
    def test_empty_output_is_a_usage_error(self, capsys):
        """--output "" is a usage mistake: one line, exit 2."""
        assert main(["export", "--format", "csv", "--output", ""], io.StringIO()) == 2
        err = capsys.readouterr().err
        assert err.startswith("vinhphuc-dx: error: argument --output: ")
        assert "empty path" in err
        assert err.count("\n") == 1

    def test_error_names_the_target(self, tmp_path, capsys):
        """A failed export names the path given, never the temporary file."""
        target = tmp_path / "no" / "r.csv"
        status = main(
            ["export", "--format", "csv", "--output", str(target)], io.StringIO()
        )
        err = capsys.readouterr().err
        assert status == 1
        assert str(target) in err
        assert ".tmp" not in err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_fifo_refused_with_force(self, tmp_path, capsys):
        """--force does not replace a FIFO: one line, exit 1."""
        target = tmp_path / "r.csv"
        os.mkfifo(target)
        argv = ["export", "--format", "csv", "--output", str(target), "--force"]
        assert main(argv, io.StringIO()) == 1
        assert capsys.readouterr().err == (
            f"vinhphuc-dx: {target} is a FIFO; refusing to replace it, "
            "even with --force\n"
        )

    def test_spreadsheet_csv_neutralised(self, raw, write, tmp_path):
        """export --format csv of a user's file defuses a formula label."""
        raw["indicators"][0]["label"]["en"] = '=HYPERLINK("http://x.example","y")'
        source = write(raw)
        target = tmp_path / "r.csv"
        argv = ["export", "--file", str(source), "--format", "csv"]
        assert main([*argv, "--output", str(target)], io.StringIO()) == 0
        with target.open(encoding=export.CSV_ENCODING, newline="") as stream:
            first = next(csv.DictReader(stream))
        assert first["label_en"] == '\'=HYPERLINK("http://x.example","y")'

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

BUNDLED = Path(vinhphuc_dx.__file__).parent / "data" / "report.json"

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


def rows(out: str) -> list[dict[str, str]]:
    """The rows of CSV printed by the command line, which starts with a BOM."""
    assert out.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))


def blocks(out: str) -> dict[str, tuple[str, str]]:
    """A table's records: id -> (label as printed, unwrapped; detail)."""
    lines = out.splitlines()[3:]
    found: dict[str, tuple[str, str]] = {}
    label: list[str] = []
    for line in lines:
        if line.startswith("    "):  # the id, and the detail at the margin
            record_id, _, detail = line.strip().partition("  ")
            found[record_id] = (" ".join(label), detail.strip())
            label = []
        elif line.startswith("  "):  # a label's later line stands in
            assert label, line
            label.append(line.strip())
        else:
            label.append(line)
    return found


class TestList:
    @pytest.mark.parametrize("columns", [80, 60])
    @pytest.mark.parametrize("lang", ["en", "vi"])
    def test_table_fits(self, monkeypatch, columns, lang):
        """The table fits COLUMNS, has a header and shows every label whole."""
        monkeypatch.setenv("COLUMNS", str(columns))
        status, out = run("list", "--lang", lang)
        lines = out.splitlines()
        assert status == 0
        assert max(len(line) for line in lines) <= columns
        assert lines[0] == ("figure" if lang == "en" else "chỉ tiêu")
        assert lines[1].split(None, 1) == ["id", "value" if lang == "en" else "giá trị"]
        assert len(lines[1]) == columns  # the value's header at the right margin
        shown = blocks(out)
        figures = vinhphuc_dx.load().indicators
        assert list(shown) == list(figures.ids)
        for figure in figures:
            label = figure.label.en if lang == "en" else figure.label.vi
            assert shown[figure.id] == (label, figure.value_text(lang))
        assert "…" not in out

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            (
                "en",
                {
                    "soc.subscriptions.mobile-phone": "1,350,000",
                    "gov.documents.signing-rate": "99.7%",
                    "budget.total": "over 1,283 billion VND",
                    "econ.digital-economy.grdp-share": "about 21% (estimate)",
                },
            ),
            (
                "vi",
                {
                    "soc.subscriptions.mobile-phone": "1.350.000",
                    "gov.documents.signing-rate": "99,7%",
                    "budget.total": "trên 1.283 tỷ đồng",
                    "econ.digital-economy.grdp-share": "khoảng 21% (ước tính)",
                },
            ),
        ],
    )
    def test_values_read_as_a_person_reads_them(self, monkeypatch, lang, expected):
        """Digits grouped by language; qualifier, unit and estimate in words."""
        monkeypatch.setenv("COLUMNS", "60")
        shown = blocks(run("list", "--lang", lang)[1])
        assert {i: shown[i][1] for i in expected} == expected

    def test_long_label_wraps_at_60(self, monkeypatch):
        """A label longer than the line wraps onto the next, standing in, never cut."""
        monkeypatch.setenv("COLUMNS", "60")
        _, out = run("list", "--paragraph", "10")
        assert "Online services integrated with the National Public Service\n" in out
        assert "\n  Portal\n    gov.national-portal.integrated " in out

    def test_real_script_honours_columns(self):
        """The installed script reads COLUMNS from the environment."""
        done = script("list", "--lang", "vi", env={**os.environ, "COLUMNS": "60"})
        assert done.returncode == 0
        assert max(map(len, done.stdout.splitlines())) <= 60

    @pytest.mark.parametrize(
        ("records", "first", "detail"),
        [
            ("pillars", "digital-government", ""),
            ("directives", "directive.23", "23"),
            ("instruments", None, None),
            ("projects", "project.fpt-data-centre", ""),
            ("goals", "goal.practical-benefits", ""),
        ],
    )
    def test_other_records(self, monkeypatch, records, first, detail):
        """list RECORDS lists every kind of record of the report."""
        monkeypatch.setenv("COLUMNS", "60")
        status, out = run("list", records)
        assert status == 0
        shown = blocks(out)
        assert list(shown) == list(getattr(vinhphuc_dx.load(), records).ids)
        if first is not None:
            assert shown[first][1] == detail

    def test_every_collection_is_listable(self):
        """Every collection of the model can be listed, as JSON too."""
        report = vinhphuc_dx.load()
        for name in COLLECTIONS:
            status, out = run("list", name, "--format", "json")
            if getattr(report, name):
                assert status == 0
                assert [r["id"] for r in json.loads(out)] == list(
                    getattr(report, name).ids
                )

    def test_filters_of_other_records(self):
        """--kind filters instruments; --paragraph applies to every kind."""
        _, out = run("list", "instruments", "--kind", "regulation", "--format", "json")
        assert {r["kind"] for r in json.loads(out)} == {"regulation"}
        _, out = run("list", "projects", "--paragraph", "16", "--format", "json")
        expected = vinhphuc_dx.load().projects.filter(paragraph=16).ids
        assert tuple(r["id"] for r in json.loads(out)) == expected
        assert expected

    def test_filter_that_does_not_apply(self, capsys):
        """A filter the records lack is a usage error naming what it filters."""
        assert main(["list", "directives", "--unit", "percent"], io.StringIO()) == 2
        err = capsys.readouterr().err
        assert "--unit does not apply to directives; it filters indicators" in err

    def test_other_records_as_csv(self):
        """list directives --format csv has the directives' own columns."""
        _, out = run("list", "directives", "--format", "csv")
        table = rows(out)
        assert [r["id"] for r in table] == [
            "directive.23",
            "directive.05",
            "directive.04",
        ]
        assert table[1]["number"] == "05"

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
        signed = next(r for r in records if r["id"] == "gov.documents.outgoing-signed")
        assert '"value": 99.7' in out
        # The article gives the rate no base; the signed documents are a part.
        assert (rate["numerator"], rate["denominator"]) == (None, None)
        assert signed["part_of"] == "gov.documents.outgoing"

    def test_csv_matches_python(self):
        """list --format csv parses back to the Python values."""
        _, out = run("list", "--format", "csv")
        table = rows(out)
        report = vinhphuc_dx.load()
        assert [r["id"] for r in table] == list(report.indicators.ids)
        for row, figure in zip(table, report.indicators, strict=True):
            assert row["value"] == str(figure.value)
            assert row["paragraph"] == str(figure.source.paragraph)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["list", "--unit", "kg"], "invalid choice: 'kg'"),
            (
                ["list", "--pillar", "digital-health"],
                "argument --pillar: 'digital-health' is not one of",
            ),
            (["list", "--paragraph", "0"], "argument --paragraph: paragraphs count"),
            (["--lang", "vi", "cite"], "--lang does not apply to cite"),
            (["export", "--lang", "vi", "--format", "csv", "--output", "-"], "--lang"),
            (["schema", "--file", "x.json"], "unrecognized arguments: --file"),
            (["list", "--during", "yesterday"], "not a date"),
            (["list", "--format", "xml"], "invalid choice: 'xml'"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
            (["search", " "], "needs some text"),
            (
                ["export", "--format", "datapackage", "--output", "-"],
                "datapackage is a folder: give --output PATH",
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


class TestCommandLine:
    def test_bare_prints_usage(self, capsys):
        """No command: the usage, the commands and a pointer to --help; exit 2."""
        assert main([], io.StringIO()) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith("usage: vinhphuc-dx ")
        assert "no command given: choose one of list, show," in err[1]
        assert "'vinhphuc-dx --help'" in err[1]

    @pytest.mark.parametrize(
        "argv",
        [
            ["--lang", "vi", "list", "--format", "json"],
            ["--lang=vi", "--format", "json", "list"],
            ["list", "--format", "json", "--lang", "vi"],
            ["--file", str(BUNDLED), "--lang", "vi", "list", "--format=json"],
        ],
    )
    def test_common_options_either_side(self, argv):
        """--file, --lang and --format work before or after the command."""
        status, out = run(*argv)
        assert status == 0
        assert len(json.loads(out)) == len(vinhphuc_dx.load().indicators)

    def test_option_after_command_wins(self):
        """Given on both sides, the option after the command's name wins."""
        status, out = run("--format", "csv", "list", "--format", "json")
        assert status == 0
        assert json.loads(out)[0]["id"] == "budget.total"

    def test_lang_before_command_reaches_it(self, monkeypatch):
        """--lang vi given before list gives Vietnamese labels."""
        monkeypatch.setenv("COLUMNS", "80")
        _, out = run("--lang", "vi", "list", "--pillar", "digital-society")
        assert "Thuê bao Internet băng rộng cố định" in out
        assert "1.350.000" in out

    def test_force_named_as_an_option(self, tmp_path, capsys):
        """An existing file: the message names --force, not overwrite=True."""
        path = tmp_path / "r.json"
        path.write_text("keep me")
        assert main(["export", "--format", "json", "--output", str(path)]) == 1
        err = capsys.readouterr().err
        assert "give --force to replace it" in err
        assert "overwrite" not in err


class TestSilence:
    def test_search_nothing(self, capsys):
        """search with no match says so on stderr and exits 1, as grep."""
        status, out = run("search", "xyzzy")
        assert (status, out) == (1, "")
        assert capsys.readouterr().err == "vinhphuc-dx: nothing matches 'xyzzy'\n"

    def test_paragraph_past_the_end(self, capsys):
        """A paragraph past the end says how many the article has; exit 1."""
        status, out = run("list", "--paragraph", "99")
        assert (status, out) == (1, "")
        err = capsys.readouterr().err
        assert "the article has 18 paragraphs; --paragraph 99 is past its end" in err

    def test_no_match(self, capsys):
        """Filters that match nothing say so; exit 1."""
        assert run("list", "--paragraph", "2")[0] == 1
        assert "no indicators match these filters" in capsys.readouterr().err


class TestShowSearchCheck:
    def test_show_every_field(self):
        """show prints every field, both languages, relations and paragraph."""
        status, out = run("show", "gov.documents.signing-rate")
        assert status == 0
        for text in (
            "numerator      -",
            "source         paragraph: 11",
            "value          99.7",
            "as_written     99.7%",
            "attributed_to  -",
            "vi: Tỷ lệ ký bằng chữ ký số",
        ):
            assert text in out
        status, out = run("show", "gov.documents.outgoing-signed")
        assert status == 0
        assert "part_of        gov.documents.outgoing" in out

    def test_show_any_record(self):
        """show finds directives and projects too; --format json is the file format."""
        _, out = run("show", "directive.05", "--format", "json")
        assert json.loads(out)["number"] == "05"
        assert json.loads(out)["attributed_to"] == "person.bui-hong-do"

    def test_show_people_and_statements(self):
        """show prints a person's name as written and a statement's attribution."""
        _, out = run("show", "person.tran-duy-dong")
        assert "record  Person" in out
        assert "name    Trần Duy Đông" in out
        _, out = run("show", "statement.fpt-cooperation-focal-point")
        assert "record         Statement" in out
        assert "attributed_to  person.tran-duy-dong" in out

    def test_search_finds_a_person(self):
        """search reads a person's name, typed without diacritics."""
        _, out = run("search", "tran duy dong", "--format", "csv")
        assert out.startswith("\ufeff")  # every CSV route writes the BOM
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
        assert rows[0]["id"] == "person.tran-duy-dong"

    def test_show_kind_once(self):
        """show names the record's class once, and a directive's kind once."""
        _, out = run("show", "directive.05")
        lines = out.splitlines()
        assert lines[0].split() == ["record", "Directive"]
        assert sum(line.startswith("kind ") for line in lines) == 1

    def test_show_reads_and_lang(self, monkeypatch):
        """show begins with how the record reads; --lang keeps one language."""
        monkeypatch.setenv("COLUMNS", "100")
        _, out = run("show", "budget.total", "--lang", "vi")
        reads = next(line for line in out.splitlines() if line.startswith("reads "))
        assert reads.split(None, 1)[1] == (
            "Ngân sách đầu tư cho chuyển đổi số 2014–2024: trên 1.283 tỷ đồng (đoạn 3)"
        )
        assert "Budget for investment" not in out
        _, both = run("show", "budget.total")
        assert "en: Budget for investment in digital transformation" in both
        assert "vi: Ngân sách" in both

    def test_show_wraps(self, monkeypatch):
        """show wraps long texts to the terminal."""
        monkeypatch.setenv("COLUMNS", "60")
        _, out = run("show", "budget.total")
        assert max(map(len, out.splitlines())) <= 60

    @pytest.mark.parametrize(
        ("wanted", "hint"),
        [
            ("BUDGET.TOTAL", "closest: budget.total"),
            (
                "chu ky so",
                'to find records by their text: vinhphuc-dx search "chu ky so"',
            ),
        ],
    )
    def test_show_hints(self, capsys, wanted, hint):
        """Capitals find the id; words point to search."""
        assert main(["show", wanted], io.StringIO()) == 1
        assert hint in capsys.readouterr().err

    def test_show_unknown(self, capsys):
        """An unknown id prints the closest ids and exits 1."""
        status = main(["show", "gov.documents.signin"], io.StringIO())
        err = capsys.readouterr().err
        assert status == 1
        assert "closest: gov.documents.signing-rate" in err

    def test_search(self):
        """search folds case and diacritics, across every kind of record."""
        _, out = run("search", "CHU KY SO", "--format", "csv")
        table = rows(out)
        assert table[0]["id"] == "gov.documents.signing-rate"
        assert "instrument.regulation.digital-signature" in {r["id"] for r in table}
        rate = vinhphuc_dx.load().indicators.get("gov.documents.signing-rate")
        assert (table[0]["label_en"], table[0]["label_vi"]) == (
            rate.label.en,
            rate.label.vi,
        )

    def test_search_table(self, monkeypatch):
        """search's table gives a figure's value, another record's kind."""
        monkeypatch.setenv("COLUMNS", "60")
        shown = blocks(run("search", "chu ky so")[1])
        assert shown["gov.documents.signing-rate"][1] == "99.7%"
        assert shown["instrument.regulation.digital-signature"][1] == "instrument"

    def test_check(self):
        """check prints each finding; --strict passes the article's own slip."""
        status, out = run("check")
        assert status == 0
        assert "4 hold, 1 does not hold" in out
        assert run("check", "--strict")[0] == 0

    def test_strict_fails_on_a_broken_relation(self, raw, write):
        """--strict exits 1 when a finding fails that is not the article's slip."""
        raw["indicators"][6]["value"] = 1218  # its parts add up to 1217
        assert run("check", "--strict", "--file", str(write(raw)))[0] == 1

    @pytest.mark.parametrize("columns", [60, 80])
    def test_check_wraps_and_names_the_slip(self, monkeypatch, columns):
        """check fits the terminal, never splits an id, and names the slip."""
        monkeypatch.setenv("COLUMNS", str(columns))
        _, out = run("check")
        assert max(map(len, out.splitlines())) <= columns
        words = out.split()
        for finding in vinhphuc_dx.load().check():
            for record_id in finding.indicators:
                assert any(w.startswith(record_id) for w in words)
        assert "The article's own slip: The article says" in " ".join(words)
        assert " ".join(words).count("kept as stated") == 2  # the note's, the summary's
        assert "not an error in this package" in " ".join(words)

    def test_check_lang(self):
        """check --lang vi gives the article's slip in Vietnamese."""
        _, out = run("check", "--lang", "vi")
        assert "Bài báo nêu" in out


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

    @pytest.mark.parametrize(
        "argv",
        [
            ["list", "--format", "csv"],
            ["list", "goals", "--format", "csv"],
            ["search", "thuê bao", "--format", "csv"],
            ["export", "--format", "csv", "--output", "-"],
        ],
    )
    def test_one_csv_policy(self, argv):
        """Every route to a CSV starts with the byte-order mark Excel needs."""
        assert SCRIPT
        done = subprocess.run([SCRIPT, *argv], capture_output=True, check=True)
        assert done.stdout.startswith(b"\xef\xbb\xbfid,")
        assert done.stdout.count(b"\xef\xbb\xbf") == 1

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
        as_csv = rows(script(*argv, "--format", "csv").stdout)
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
        assert len(result["tasks"]) == 8

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
    if _sig == "SIGINT":
        # As at a terminal: a job started in the background inherits SIGINT
        # ignored, and Python then never raises KeyboardInterrupt.
        signal.signal(signal.SIGINT, signal.default_int_handler)
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

    def test_ctrl_c_after_a_forced_file_is_in_place(self, tmp_path, signal_at):
        """Ctrl-C once --force has put the file in place keeps it: never nothing."""
        target = tmp_path / "out" / "r.json"
        target.parent.mkdir()
        target.write_text("old")
        done = signal_at(  # the second fsync: the folder's, after the replace
            "fsync:2:SIGINT",
            ["export", "--format", "json", "--output", str(target), "--force"],
        )
        assert (done.returncode, done.stderr) == (130, "vinhphuc-dx: interrupted\n")
        assert target.read_text("utf-8") == export.to_json(vinhphuc_dx.load())
        assert list(target.parent.iterdir()) == [target]

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

    @pytest.mark.parametrize(
        "argv",
        [
            ("list", "--format", "csv"),
            ("search", "HYPERLINK", "--format", "csv"),
            ("export", "--format", "csv", "--output", "-"),
        ],
    )
    def test_every_csv_route_neutralised(self, raw, write, argv):
        """Every CSV the command line prints is for spreadsheets: BOM, no formula."""
        raw["indicators"][0]["label"]["en"] = '=HYPERLINK("http://x.example","y")'
        out = io.StringIO()
        assert main([*argv, "--file", str(write(raw))], out) == 0
        text = out.getvalue()
        assert text.startswith("\ufeff")
        first = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert first["label_en"] == '\'=HYPERLINK("http://x.example","y")'


class TestReviewedMessages:
    def test_missing_file_is_named_first(self, capsys):
        """A missing report file is one line naming it, for show and diff alike."""
        assert (
            main(
                ["show", "budget.total", "--file", "/nonexistent/r.json"], io.StringIO()
            )
            == 1
        )
        assert (
            capsys.readouterr().err
            == "vinhphuc-dx: /nonexistent/r.json: No such file or directory\n"
        )
        assert (
            main(["diff", "/nonexistent/a.json", "/nonexistent/b.json"], io.StringIO())
            == 2
        )
        assert (
            capsys.readouterr().err
            == "vinhphuc-dx: /nonexistent/a.json: No such file or directory\n"
        )

    def test_sqlite_refusal_names_the_database(self, tmp_path, capsys):
        """A second sqlite export names the database it will not replace."""
        target = tmp_path / "out.db"
        assert (
            main(
                ["export", "--format", "sqlite", "--output", str(target)], io.StringIO()
            )
            == 0
        )
        assert capsys.readouterr().err == (
            f"wrote {target} and {tmp_path / 'out.metadata.json'}\n"
        )
        assert (
            main(
                ["export", "--format", "sqlite", "--output", str(target)], io.StringIO()
            )
            == 1
        )
        assert capsys.readouterr().err == (
            f"vinhphuc-dx: {target} exists; give --force to replace it\n"
        )

    def test_dir_lists_only_public_names(self):
        """dir(vinhphuc_dx) shows the public names, not the helpers __init__ imports."""
        import vinhphuc_dx

        names = [n for n in dir(vinhphuc_dx) if not n.startswith("__")]
        assert names == sorted(n for n in vinhphuc_dx.__all__ if not n.startswith("__"))


def test_check_speaks_vietnamese_around_the_findings(monkeypatch):
    """check --lang vi gives its own words in Vietnamese: the slip's lead and the summary."""
    monkeypatch.setenv("COLUMNS", "100")
    status, out = run("check", "--lang", "vi")
    assert status == 0
    assert "Chỗ sai của chính bài báo: Bài báo nêu" in out
    tail = " ".join(out.splitlines()[-2:])
    assert "4 đúng, 1 không đúng; 1 là chỗ sai của chính bài báo" in tail
    assert "The article's own slip" not in out


class TestTerminalsAndHints:
    def test_cp1258_gets_the_whole_text(self):
        """Windows' Vietnamese code page holds the text, tones as marks after whole letters."""
        env = {**os.environ, "PYTHONIOENCODING": "cp1258"}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "vinhphuc_dx",
                "show",
                "budget.total",
                "--lang",
                "vi",
            ],
            capture_output=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        import unicodedata

        shown = unicodedata.normalize("NFC", done.stdout.decode("cp1258"))
        assert "Ngân sách đầu tư cho chuyển đổi số" in shown

    def test_a_terminal_that_cannot_show_the_text_is_named_as_python_names_it(self):
        """Latin-1 holds no Vietnamese tone: nothing on stdout, one line naming the
        stream's encoding, exit 1."""
        env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
        done = subprocess.run(
            [sys.executable, "-m", "vinhphuc_dx", "list", "--lang", "vi"],
            capture_output=True,
            env=env,
            check=False,
        )
        assert (done.returncode, done.stdout) == (1, b"")
        assert done.stderr.decode() == (
            "vinhphuc-dx: the terminal's encoding (iso8859-1) cannot show this "
            "text; set PYTHONIOENCODING=utf-8, or ask for --format json or csv\n"
        )

    def test_bare_hint_only_when_it_finds(self, capsys):
        """A marked search that finds nothing suggests its bare form only if that finds something."""
        assert main(["search", "thủy"]) == 1
        assert "try it without them" not in capsys.readouterr().err
        assert main(["search", "thuế bao xyz"]) == 1
        err = capsys.readouterr().err
        assert "nothing matches" in err
        assert main(["search", "chũ ký số"]) == 1  # a wrong tone: no chũ
        assert (
            'try it without them: vinhphuc-dx search "chu ky so"'
            in capsys.readouterr().err
        )

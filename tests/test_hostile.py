"""Hostile report files and hostile surroundings (issue #21).

Each test states, in its docstring, a behaviour that must hold, and asserts
that behaviour (not today's bug), through the public API only: a report file
built from the bundled report's JSON with a few fields changed and read with
``load(path)``, or a loaded report changed with ``attrs.evolve``; the command
line through ``main(argv, out)`` or, where streams and exit statuses matter,
``python -m vinhphuc_dx`` in a subprocess.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
import urllib.parse
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vinhphuc_dx
from conftest import dumps
from vinhphuc_dx import DataError, _validators, export
from vinhphuc_dx.cli import main

if TYPE_CHECKING:
    from pathlib import Path

openpyxl = pytest.importorskip("openpyxl")
try:  # BibTeX's consumers: pip install bibtexparser pybtex
    import bibtexparser
    import pybtex.database as pybtex_database
except ImportError:  # pragma: no cover - the BibTeX test skips itself
    bibtexparser = pybtex_database = None

needs_bibtex_parsers = pytest.mark.skipif(
    bibtexparser is None or pybtex_database is None,
    reason="the BibTeX test reads citations with bibtexparser 2 and pybtex: "
    "pip install bibtexparser pybtex",
)

with warnings.catch_warnings():
    # Importing Datasette leaves an in-memory database to the collector
    # (see tests/test_sqlite.py): theirs, ignored for the import only.
    warnings.simplefilter("ignore", ResourceWarning)
    datasette_app = pytest.importorskip("datasette.app")
    gc.collect()


# ---------------------------------------------------------------- helpers


def bundled_raw() -> dict:
    """The bundled report as JSON, exact decimals kept, ready to damage."""
    return json.loads(export.to_json(vinhphuc_dx.load()), parse_float=Decimal)


def write_raw(folder: Path, raw: dict, name: str = "hostile.json") -> Path:
    path = folder / name
    path.write_text(dumps(raw), encoding="utf-8")
    return path


def by_id(raw: dict, collection: str, record_id: str) -> dict:
    return next(r for r in raw[collection] if r["id"] == record_id)


def run_cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """Start ``python -m vinhphuc_dx ARGS`` (not waited for)."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "-m", "vinhphuc_dx", *args], env=env, **kwargs
    )


def clean_env(**changes: str) -> dict[str, str]:
    """This process's environment without locale or encoding settings, plus *changes*."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8", "LANG"))
        and k not in {"PYTHONCOERCECLOCALE", "PYTHONLEGACYWINDOWSSTDIO"}
    }
    env.update(changes)
    return env


# ---------------------------------------------------------------- 1. workbook

#: What a spreadsheet would run or show as an error, were it a formula cell.
LIVE = {
    "id": '=HYPERLINK("http://evil.example/","click")',
    "label": "=cmd|' /C calc'!A0",
    "na": "#N/A",
    "div": "#DIV/0!",
    "ref": "#REF!",
    "person": "=1+2",
    "author": '=HYPERLINK("http://evil.example/")',
    "outlet": "#N/A",
    "merger": "=2+2",
}


class TestWorkbook:
    def test_text_is_never_a_formula_or_an_error_cell(self, tmp_path):
        """Every text of the report is a text cell ('s') in the xlsx, on every sheet, About included."""
        raw = bundled_raw()
        # budget.total is named by no other record: its id may change alone.
        by_id(raw, "indicators", "budget.total")["id"] = LIVE["id"]
        raw["indicators"][1]["label"]["en"] = LIVE["label"]
        raw["indicators"][2]["label"]["vi"] = LIVE["na"]
        raw["indicators"][3]["as_written"] = LIVE["div"]
        raw["goals"][0]["label"]["en"] = LIVE["ref"]
        raw["people"][0]["name"] = LIVE["person"]
        raw["source"]["author"] = LIVE["author"]
        raw["source"]["outlet"] = LIVE["outlet"]
        raw["context"]["description"]["en"] = LIVE["merger"]
        report = vinhphuc_dx.load(write_raw(tmp_path, raw))
        path = export.write(report, tmp_path / "out.xlsx", "xlsx")

        book = openpyxl.load_workbook(path)
        live = [
            f"{sheet.title}!{cell.coordinate} is a {'formula' if cell.data_type == 'f' else 'error'} "
            f"cell: {cell.value!r}"
            for sheet in book
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type in {"f", "e"}
        ]
        assert live == [], "\n".join(live)
        # And each text is still there, as text.
        texts = [
            cell.value
            for sheet in book
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "s"
        ]
        for name, text in LIVE.items():
            assert any(text in value for value in texts), f"{name}: {text!r} is lost"


# ---------------------------------------------------------------- 2. source.url


class TestSourceUrl:
    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://example.com/article",
        ],
    )
    def test_only_http_and_https_links_load(self, tmp_path, url):
        """load() refuses a source.url that is not http or https, naming source.url."""
        raw = bundled_raw()
        raw["source"]["url"] = "https://vccinews.com/news/article.html"
        assert vinhphuc_dx.load(write_raw(tmp_path, raw, "https.json")).source.url
        raw["source"]["url"] = url
        path = write_raw(tmp_path, raw)
        try:
            loaded = vinhphuc_dx.load(path)
        except DataError as exc:
            assert "source.url" in str(exc)  # noqa: PT017 - and the else names the url
        else:
            pytest.fail(f"{url!r} loaded as source.url={loaded.source.url!r}")

    @given(st.from_regex(_validators._PLAIN_URL, fullmatch=True))
    def test_a_plain_url_is_one_urlsplit_reads_as_http(self, url):
        """The shortcut that spares urllib.parse at the first load accepts only
        URLs that urlsplit reads with an http(s) scheme and a host."""
        parts = urllib.parse.urlsplit(url)
        assert parts.scheme in ("http", "https")
        assert parts.netloc


# ---------------------------------------------------------------- 3. BibTeX


class _NotLatexTextError(AssertionError):
    """A BibTeX field holds something LaTeX would not print as text."""


#: Characters escaped by a backslash.
_ESCAPED = {c: c for c in "#$%&_{} "}
#: Control words that print one character (and eat the spaces after them).
_CONTROL_WORDS = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textunderscore": "_",
    "textdollar": "$",
    "textquotedbl": '"',
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
}


def latex_text(value: str) -> str:  # noqa: C901 - a tokenizer reads best whole
    """What LaTeX prints for a BibTeX field's value, or _NotLatexTextError.

    A strict reader of the escapes a writer uses for text: ``\\#``,
    ``\\{``, ``\\textbackslash{}``, ``\\~{}`` and the like; grouping braces
    vanish, ``~`` is a non-breaking space. An unescaped ``# $ & _ ^`` (an
    error in LaTeX's text mode), a ``%`` (a comment: the rest of the line is
    lost) or an unknown command is refused.
    """
    out: list[str] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1 : i + 2]
            if nxt in _ESCAPED and nxt:
                out.append(_ESCAPED[nxt])
                i += 2
                continue
            if nxt in {"~", "^"} and value.startswith("{}", i + 2):
                out.append(nxt)
                i += 4
                continue
            word = re.match(r"[A-Za-z]+", value[i + 1 :])
            if word and word.group() in _CONTROL_WORDS:
                out.append(_CONTROL_WORDS[word.group()])
                i += 1 + len(word.group())
                if value.startswith("{}", i):
                    i += 2
                else:
                    while value[i : i + 1] == " ":
                        i += 1
                continue
            msg = f"an unescaped backslash or unknown command: {value[i : i + 20]!r}"
            raise _NotLatexTextError(msg)
        if c in "{}":
            i += 1
        elif c == "~":
            out.append("\u00a0")
            i += 1
        elif c in "#$%&_^":
            msg = f"an unescaped {c!r} at {value[max(0, i - 10) : i + 10]!r}"
            raise _NotLatexTextError(msg)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _spaces(text: str) -> str:
    """Whitespace as TeX reads it: any run is one space."""
    return " ".join(text.split())


def _printed_problems(
    parser: str, found: dict[str, str], expected: dict[str, str]
) -> list[str]:
    """Why the fields *found* do not print each expected text, if they do not."""
    problems = []
    for name, original in expected.items():
        try:
            printed = latex_text(found.get(name, ""))
        except _NotLatexTextError as exc:
            problems.append(f"{parser}: {name}: {exc}")
            continue
        if _spaces(original) not in _spaces(printed):
            problems.append(f"{parser}: {name} = {printed!r} lacks {original!r}")
    return problems


def bibtex_problems(text: str, expected: dict[str, str], fields: set[str]) -> list[str]:
    """Why *text* is not one BibTeX entry holding *expected* (field: text), if it is not.

    Read with bibtexparser 2 and with pybtex; each must find exactly one
    entry, the fields *fields* (those of the same citation of a clean
    record), and each expected text in its field once LaTeX is read.
    """
    problems = []
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or len(library.entries) != 1:
        problems.append(
            f"bibtexparser: {len(library.entries)} entries, "
            f"{len(library.failed_blocks)} failed blocks"
        )
    else:
        (entry,) = library.entries
        found = {f.key: f.value for f in entry.fields}
        if set(found) != fields:
            problems.append(
                f"bibtexparser: fields {sorted(found)}, not {sorted(fields)}"
            )
        problems += _printed_problems("bibtexparser", found, expected)
    try:
        database = pybtex_database.parse_string(text, "bibtex")
    except Exception as exc:  # noqa: BLE001 - any parse failure is the finding
        problems.append(f"pybtex: {type(exc).__name__}: {exc}")
        return problems
    if len(database.entries) != 1:
        problems.append(f"pybtex: {len(database.entries)} entries")
        return problems
    (entry,) = database.entries.values()
    found = dict(entry.fields)
    found["author"] = " and ".join(str(p) for p in entry.persons.get("author", []))
    return problems + _printed_problems("pybtex", found, expected)


#: Texts that end a BibTeX value early, open one that never closes, add a
#: second entry, or mean something to LaTeX.
BIBTEX_HOSTILE = (
    "close}brace",
    "open{brace",
    'a "quoted" word',
    "comma, and key = value",
    "Budget}\n}\n@misc{injected,\n  title = {pwned",
    "# $ % & ~ _ ^ \\ { }",
    "100% & more_than #1 ~ $5 ^ \\relax",
    "trailing backslash\\",
)
#: The same for ids and as_written, which hold no spaces or few words.
BIBTEX_HOSTILE_WORDS = (
    "close}brace",
    "open{brace",
    '"quoted"',
    "a,b=c",
    "#$%&~_^\\{}",
    "\\relax",
)


class TestBibtex:
    @needs_bibtex_parsers
    def test_hostile_text_gives_one_entry_holding_it(self):
        """Source.cite and record.cite in bibtex parse as one entry (bibtexparser, pybtex) holding each hostile text."""
        report = vinhphuc_dx.load()
        source, figure = report.source, report.indicators.get("budget.total")

        def fields_of(text: str) -> set[str]:
            (entry,) = bibtexparser.parse_string(text).entries
            return {f.key for f in entry.fields}

        article_fields = fields_of(source.cite("bibtex"))
        record_fields = fields_of(figure.cite("bibtex", source=source))
        problems: list[str] = []

        def check(where: str, text: str, expected: dict[str, str], fields: set[str]):
            problems.extend(
                f"{where}: {p}" for p in bibtex_problems(text, expected, fields)
            )

        for value in BIBTEX_HOSTILE:
            for where, hostile, expected in (
                (
                    "source.title.vi",
                    attrs.evolve(source, title=attrs.evolve(source.title, vi=value)),
                    {"title": value},
                ),
                (
                    "source.title.en",
                    attrs.evolve(source, title=attrs.evolve(source.title, en=value)),
                    {"note": value},
                ),
                (
                    "source.author",
                    attrs.evolve(source, author=value),
                    {"author": value},
                ),
                (
                    "source.outlet",
                    attrs.evolve(source, outlet=value),
                    {"journal": value},
                ),
            ):
                check(
                    f"{where}={value!r}, source.cite",
                    hostile.cite("bibtex"),
                    expected,
                    article_fields,
                )
                check(
                    f"{where}={value!r}, record.cite",
                    figure.cite("bibtex", source=hostile),
                    expected,
                    record_fields,
                )
            labelled = attrs.evolve(figure, label=attrs.evolve(figure.label, en=value))
            check(
                f"label.en={value!r}",
                labelled.cite("bibtex", source=source),
                {"note": value},
                record_fields,
            )
        for value in BIBTEX_HOSTILE_WORDS:
            written = attrs.evolve(figure, as_written=value)
            check(
                f"as_written={value!r}",
                written.cite("bibtex", source=source),
                {"note": value},
                record_fields,
            )
            renamed = attrs.evolve(figure, id=f"budget.{value}")
            check(
                f"id={renamed.id!r}",
                renamed.cite("bibtex", source=source),
                {},
                record_fields,
            )
        assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


# ---------------------------------------------------------------- 4. the key


class TestCitationKey:
    @pytest.mark.parametrize("title", ["\u0301", "\u0301 \u0323"])
    def test_title_of_combining_marks_alone_still_cites(self, tmp_path, title):
        """A title of lone combining marks loads and cites (API and CLI), its key made of what is left."""
        raw = bundled_raw()
        raw["source"]["title"]["vi"] = title
        path = write_raw(tmp_path, raw)
        report = vinhphuc_dx.load(path)  # it loads today: so it must cite
        for style in ("bibtex", "csl-json", "apa"):
            text = report.source.cite(style)
            assert text.strip()
            text = report.indicators[0].cite(style, source=report.source)
            assert text.strip()
        key = re.match(r"@\w+\{([^,\s]*),\n", report.source.cite("bibtex"))
        assert key, report.source.cite("bibtex")
        assert key.group(1).startswith("hienhung2024"), key.group(1)
        (item,) = json.loads(report.source.cite("csl-json"))
        assert item["id"].startswith("hienhung2024"), item["id"]
        for style in ("bibtex", "csl-json"):
            out = io.StringIO()
            status = main(["cite", "--style", style, "--file", str(path)], out=out)
            assert status == 0
            out = io.StringIO()
            status = main(
                ["cite", "budget.total", "--style", style, "--file", str(path)], out=out
            )
            assert status == 0
            assert "hienhung2024" in out.getvalue()


# ---------------------------------------------------------------- 5. big files

_BIG_LOAD = textwrap.dedent(
    """
    import resource, sys, time
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import vinhphuc_dx
    vinhphuc_dx.load()  # the bundled report: the limit itself is fine
    start = time.perf_counter()
    try:
        vinhphuc_dx.load(sys.argv[1])
        outcome = "loaded"
    except vinhphuc_dx.DataError:
        outcome = "DataError"
    except BaseException as exc:
        outcome = type(exc).__name__
    print(outcome, time.perf_counter() - start)
    """
)


class TestBigFiles:
    @pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's"
    )
    def test_big_file_is_refused_in_time_and_memory_of_its_size(self, tmp_path):
        """A 20 MB file (a long string, then deep nesting) is a DataError within 1 GB and a few seconds."""
        size, depth = 20 * 1024 * 1024, 100_000
        filler = size - 2 * depth - 20
        path = tmp_path / "big.json"
        path.write_text(
            '{"a":"' + "x" * filler + '","b":' + "[" * depth + "]" * depth + "}",
            encoding="ascii",
        )
        limit = 1024 * 1024 * 1024
        done = subprocess.run(
            [sys.executable, "-c", _BIG_LOAD, str(path), str(limit)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        outcome, seconds = done.stdout.split()
        assert outcome == "DataError", (
            f"{outcome} after {float(seconds):.1f} s under a 1 GB address-space limit"
        )
        assert float(seconds) < 3, f"refused after {float(seconds):.1f} s"


# ---------------------------------------------------------------- 6. queries


class TestSearchLimits:
    def test_overlong_query_is_refused_quickly(self, capsys):
        """A 1 MB query is a ValueError stating the limit, at once; the CLI says one line, exit 2."""
        report = vinhphuc_dx.load()
        assert report.indicators.search("thuê bao")  # a short query still works
        query = ("thuê bao " * 120_000)[:1_000_000].strip()
        start = time.perf_counter()
        with pytest.raises(ValueError, match=r"\d") as caught:
            report.indicators.search(query)
        seconds = time.perf_counter() - start
        assert seconds < 0.5, f"refused after {seconds:.2f} s"
        assert len(str(caught.value)) < 300  # the limit, not the query
        capsys.readouterr()
        out = io.StringIO()
        status = main(["search", query], out=out)
        err = capsys.readouterr().err
        assert (status, out.getvalue()) == (2, "")
        assert len(err.splitlines()) == 1, err[:300]


# ---------------------------------------------------------------- 7. TMPDIR


class TestSqliteBuild:
    def test_database_is_built_beside_its_target(self, tmp_path, monkeypatch):
        """With the temporary folder missing, the SQLite export still writes (it builds beside the target)."""
        missing = tmp_path / "no-such-tmp"
        monkeypatch.setenv("TMPDIR", str(missing))
        monkeypatch.setattr(tempfile, "tempdir", str(missing))
        out = tmp_path / "out"
        out.mkdir()
        written = export.write(vinhphuc_dx.load(), out / "v.db", "sqlite")
        assert written == out / "v.db"
        with sqlite3.connect(written) as db:
            assert db.execute("select count(*) from indicators").fetchone()[0] == 38
        db.close()
        assert sorted(p.name for p in out.iterdir()) == ["v.db", "v.metadata.json"]


# ---------------------------------------------------------------- 8. the pair


class TestSqlitePair:
    def test_database_and_metadata_land_together_or_not_at_all(self, tmp_path):
        """When the metadata file cannot be written, overwrite=True leaves the old database as it was."""
        target = tmp_path / "v.db"
        old = b"the user's database, which must survive"
        target.write_bytes(old)
        export.metadata_path(target).mkdir()
        with pytest.raises(OSError):  # noqa: PT011 - FileExistsError, IsADirectoryError: either
            export.write(vinhphuc_dx.load(), target, "sqlite", overwrite=True)
        assert target.read_bytes() == old
        assert sorted(p.name for p in tmp_path.iterdir()) == ["v.db", "v.metadata.json"]


# ---------------------------------------------------------------- 9. diff


def _respelt_pair(folder: Path) -> tuple[Path, Path]:
    raw = bundled_raw()
    old = write_raw(folder, raw, "old.json")
    by_id(raw, "indicators", "budget.total")["value"] = Decimal("1283.0")
    by_id(raw, "indicators", "gov.documents.signing-rate")["value"] = Decimal("99.70")
    new = write_raw(folder, raw, "new.json")
    assert "1283.0" in new.read_text("utf-8")
    assert "99.70," in new.read_text("utf-8")
    return old, new


class TestDiff:
    def test_respelt_number_is_a_change(self, tmp_path):
        """1283 -> 1283.0 and 99.7 -> 99.70, which show prints differently, are changes: exit 1."""
        old, new = _respelt_pair(tmp_path)
        shown = []
        for path in (old, new):
            out = io.StringIO()
            assert main(["show", "budget.total", "--file", str(path)], out=out) == 0
            shown.append(out.getvalue())
        assert shown[0] != shown[1]  # so they are not the same to a reader
        changes = vinhphuc_dx.diff(vinhphuc_dx.load(old), vinhphuc_dx.load(new))
        assert changes, "diff() says the reports are equal"
        out = io.StringIO()
        status = main(["diff", str(old), str(new)], out=out)
        assert status == 1, out.getvalue()
        assert "budget.total" in out.getvalue()
        assert "gov.documents.signing-rate" in out.getvalue()

    def test_status_survives_output_faults(self, tmp_path):
        """diff's status is 0 equal, 1 different, 2 trouble, whatever becomes of stdout (closed, or a reader gone)."""
        raw = bundled_raw()
        same = write_raw(tmp_path, raw, "same.json")
        raw["revision"] += 1
        other = write_raw(tmp_path, raw, "other.json")
        allowed = {"equal": {0, 2}, "different": {1, 2}}
        pairs = {"equal": (same, same), "different": (same, other)}
        started = {}
        for kind, (a, b) in pairs.items():
            # Standard output closed, as `>&-` leaves it.
            started[kind, "closed stdout"] = subprocess.Popen(
                [
                    "/bin/sh",
                    "-c",
                    'exec "$0" -m vinhphuc_dx diff "$1" "$2" >&-',
                    sys.executable,
                    str(a),
                    str(b),
                ],
                stderr=subprocess.PIPE,
            )
            # A reader that has gone before anything is written (`| head -c 0`).
            read, write = os.pipe()
            os.close(read)
            started[kind, "reader gone"] = run_cli("diff", str(a), str(b), stdout=write)
            os.close(write)
        wrong = []
        for (kind, fault), process in started.items():
            _, err = process.communicate(timeout=60)
            if process.returncode not in allowed[kind]:
                wrong.append(
                    f"{kind} files, {fault}: exit {process.returncode} "
                    f"(stderr {err.decode(errors='replace').strip()!r})"
                )
        assert wrong == [], "\n".join(wrong)


# ---------------------------------------------------------------- 10. Datasette


def serve(database: Path, *paths: str) -> list:
    """GET each path from Datasette serving *database* with its metadata."""
    meta = json.loads(export.metadata_path(database).read_text("utf-8"))

    async def fetch():
        ds = datasette_app.Datasette([str(database)], metadata=meta)
        await ds.invoke_startup()
        answers = []
        try:
            for path in paths:
                response = await ds.client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
                answers.append(response.json())
        finally:
            for served in ds.databases.values():
                served.close()
        return answers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        answers = asyncio.run(fetch())
        gc.collect()
    return answers


class TestDatasetteSearch:
    def test_decomposed_query_finds_what_composed_finds(self, tmp_path):
        """Datasette's _search finds the same rows for a query typed in NFD as in NFC."""
        database = export.write(vinhphuc_dx.load(), tmp_path / "vinhphuc.db", "sqlite")
        words = ("thuê bao", "điện thoại")
        paths = [
            "/vinhphuc/indicators.json?_shape=array&_search="
            + urllib.parse.quote_plus(unicodedata.normalize(form, text))
            for text in words
            for form in ("NFC", "NFD")
        ]
        answers = serve(database, *paths)
        found = [sorted(row["id"] for row in rows) for rows in answers]
        for i, text in enumerate(words):
            composed, decomposed = found[2 * i], found[2 * i + 1]
            assert composed, text
            assert decomposed == composed, f"{text!r} in NFD: {decomposed}"


# ---------------------------------------------------------------- 11. schema


class TestSchemaAgreement:
    @pytest.mark.parametrize(
        "text", ["1\n283", "1\r\n283", "1\r283", "1\t283", "1\u2028283"]
    )
    def test_loader_and_schema_agree_on_as_written(self, tmp_path, text):
        """load() accepts an as_written with a line break or tab exactly when the JSON Schema does."""
        raw = bundled_raw()
        by_id(raw, "indicators", "budget.total")["as_written"] = text
        path = write_raw(tmp_path, raw)
        validator = jsonschema.Draft202012Validator(vinhphuc_dx.schema())
        errors = list(validator.iter_errors(json.loads(path.read_text("utf-8"))))
        try:
            vinhphuc_dx.load(path)
            loaded = "loads"
        except DataError as exc:
            loaded = f"is refused ({exc})"
        schema = "refuses it" if errors else "accepts it"
        assert (loaded == "loads") == (not errors), (
            f"{text!r} {loaded}; the schema {schema}"
        )


# ---------------------------------------------------------------- 12. terminals

#: Terminals that cannot hold every character of the report.
NARROW = {
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "cp1258": {"PYTHONIOENCODING": "cp1258"},
    "C locale": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
}
COMMANDS = (
    ("list",),
    ("list", "people", "--lang", "vi"),
    ("show", "budget.total"),
    ("show", "person.bui-hong-do", "--lang", "vi"),
    ("cite", "budget.total"),
    ("list", "--format", "json"),
    ("search", "dien thoai"),
    ("check",),
)


class TestTerminals:
    def test_output_is_whole_or_one_line_of_refusal(self, tmp_path):
        """On a terminal that cannot hold the text: all the output, or nothing and one line on stderr, exit 1."""
        started = {}
        for command in COMMANDS:
            utf8 = clean_env(PYTHONIOENCODING="utf-8")
            started["utf-8", command] = run_cli(*command, env=utf8, cwd=tmp_path)
            for name, changes in NARROW.items():
                env = clean_env(**changes)
                started[name, command] = run_cli(*command, env=env, cwd=tmp_path)
        done = {key: (p, *p.communicate(timeout=60)) for key, p in started.items()}
        wrong = []
        for (name, command), (process, out, err) in done.items():
            if name == "utf-8":
                continue
            where = f"{name}: vinhphuc-dx {' '.join(command)}"
            status = process.returncode
            reference = done["utf-8", command][1].decode("utf-8")
            message = err.decode(errors="replace").strip()
            if status == 0:
                lines = len(out.splitlines())
                if lines != len(reference.splitlines()):
                    wrong.append(
                        f"{where}: exit 0 after {lines} of {len(reference.splitlines())} lines"
                    )
            elif status != 1 or out or len(message.splitlines()) != 1:
                wrong.append(
                    f"{where}: exit {status} after writing {len(out)} bytes; "
                    f"stderr {message[:160]!r}"
                )
        assert wrong == [], "\n".join(wrong)

    def test_csv_is_utf8_with_bom_on_any_terminal(self, tmp_path):
        """list --format csv (and export --output -) writes UTF-8 bytes with a BOM, whatever stdout's encoding."""
        expected = export.write(
            vinhphuc_dx.load(), tmp_path / "expected.csv", "csv"
        ).read_bytes()
        assert expected.startswith(b"\xef\xbb\xbf")
        envs = {
            "utf-8": {"PYTHONIOENCODING": "utf-8"},
            **NARROW,
            "utf-16": {"PYTHONIOENCODING": "utf-16"},
        }
        started = {
            (name, command): run_cli(*command, env=clean_env(**changes), cwd=tmp_path)
            for name, changes in envs.items()
            for command in (
                ("list", "--format", "csv"),
                ("export", "--format", "csv", "--output", "-"),
            )
        }
        wrong = []
        for (name, command), process in started.items():
            out, err = process.communicate(timeout=60)
            if process.returncode != 0 or out != expected:
                wrong.append(
                    f"{name}: vinhphuc-dx {' '.join(command)}: exit {process.returncode}, "
                    f"starts {out[:8]!r} (expected {expected[:8]!r}), "
                    f"stderr {err.decode(errors='replace').strip()[:120]!r}"
                )
        assert wrong == [], "\n".join(wrong)


# ---------------------------------------------------------------- wrong types


@attrs.frozen
class _Given:
    """What a wrong-type call is made on."""

    report: vinhphuc_dx.Report
    folder: Path

    @property
    def records(self):
        return self.report.indicators

    @property
    def figure(self):
        return self.report.indicators[0]


#: Wrong values for a parameter that takes a string, a path, a record...
WRONG = (3, 2.5, b"bytes")
#: ... and for one that takes an int or a bool.
WRONG_FOR_NUMBERS = ("3", 2.5, b"bytes")

#: Each public call given a wrong type: the names its message may give (the
#: parameter's or the function's), the wrong values, the call.
WRONG_TYPE_CALLS = {
    "load(path=)": (("path", "load"), WRONG, lambda _, w: vinhphuc_dx.load(w)),
    "Records.search(text=)": (
        ("text", "search"),
        WRONG,
        lambda g, w: g.records.search(w),
    ),
    "Records.get(id=)": (("id", "get"), WRONG, lambda g, w: g.records.get(w)),
    "Records.filter(unit=)": (("unit",), WRONG, lambda g, w: g.records.filter(unit=w)),
    "Records.filter(qualifier=)": (
        ("qualifier",),
        WRONG,
        lambda g, w: g.records.filter(qualifier=w),
    ),
    "Records.filter(pillar=)": (
        ("pillar",),
        WRONG,
        lambda g, w: g.records.filter(pillar=w),
    ),
    "Records.filter(estimated=)": (
        ("estimated",),
        WRONG_FOR_NUMBERS,
        lambda g, w: g.records.filter(estimated=w),
    ),
    "Records.filter(paragraph=)": (
        ("paragraph",),
        WRONG_FOR_NUMBERS,
        lambda g, w: g.records.filter(paragraph=w),
    ),
    "Records.filter(overlaps=)": (
        ("overlaps",),
        WRONG,
        lambda g, w: g.records.filter(overlaps=w),
    ),
    "diff(old=)": (("old", "diff"), WRONG, lambda g, w: vinhphuc_dx.diff(w, g.report)),
    "diff(new=)": (("new", "diff"), WRONG, lambda g, w: vinhphuc_dx.diff(g.report, w)),
    "record.cite(style=)": (
        ("style", "cite"),
        WRONG,
        lambda g, w: g.figure.cite(style=w),
    ),
    "record.cite(source=)": (
        ("source", "cite"),
        WRONG,
        lambda g, w: g.figure.cite("apa", source=w),
    ),
    "Source.cite(style=)": (
        ("style", "cite"),
        WRONG,
        lambda g, w: g.report.source.cite(w),
    ),
    "record.describe(lang=)": (
        ("lang", "describe"),
        WRONG,
        lambda g, w: g.figure.describe(lang=w),
    ),
    "fold(text=)": (("text", "fold"), WRONG, lambda _, w: vinhphuc_dx.fold(w)),
    "export.write(report=) json": (
        ("report", "write"),
        WRONG,
        lambda g, w: export.write(w, g.folder / "o.json", "json"),
    ),
    "export.write(report=) csv": (
        ("report", "write"),
        WRONG,
        lambda g, w: export.write(w, g.folder / "o.csv", "csv"),
    ),
    "export.write(report=) sqlite": (
        ("report", "write"),
        WRONG,
        lambda g, w: export.write(w, g.folder / "o.db", "sqlite"),
    ),
    "export.write(path=)": (
        ("path", "write"),
        WRONG,
        lambda g, w: export.write(g.report, w, "json"),
    ),
    "export.write(fmt=)": (
        ("fmt", "write"),
        WRONG,
        lambda g, w: export.write(g.report, g.folder / "f.json", w),
    ),
    "export.write(overwrite=)": (
        ("overwrite", "write"),
        ("no", 2.5, b"bytes"),
        lambda g, w: export.write(g.report, g.folder / "w.json", "json", overwrite=w),
    ),
    "export.to_json(report=)": (
        ("report", "to_json"),
        WRONG,
        lambda _, w: export.to_json(w),
    ),
    "export.to_csv(records=)": (
        ("records", "to_csv"),
        WRONG,
        lambda _, w: export.to_csv(w),
    ),
    "export.metadata_path(path=)": (
        ("path", "metadata_path"),
        WRONG,
        lambda _, w: export.metadata_path(w),
    ),
}


class TestWrongTypes:
    @pytest.mark.parametrize("call", list(WRONG_TYPE_CALLS))
    def test_wrong_type_is_a_type_error_naming_the_argument(self, tmp_path, call):
        """A public function given an argument of the wrong type raises TypeError naming it."""
        names, values, function = WRONG_TYPE_CALLS[call]
        given = _Given(vinhphuc_dx.load(), tmp_path)
        for wrong in values:
            try:
                result = function(given, wrong)
            except TypeError as exc:  # noqa: PERF203 - a few calls, clearer apart
                message = str(exc)
                assert any(n in message for n in names), (
                    f"{call} with {wrong!r}: TypeError {message!r} names none of {names}"
                )
            except Exception as exc:  # noqa: BLE001 - the wrong kind is the finding
                pytest.fail(f"{call} with {wrong!r}: {type(exc).__name__}: {exc}")
            else:
                pytest.fail(
                    f"{call} with {wrong!r}: no error, returned {result!r}"[:300]
                )

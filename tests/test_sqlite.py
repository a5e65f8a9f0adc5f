"""The SQLite export, read back by sqlite3 and served by Datasette itself."""

# ruff: noqa: S608 - table names in queries are the model's own

from __future__ import annotations

import asyncio
import gc
import json
import sqlite3
import warnings
from decimal import Decimal

import attrs
import pytest

from vinhphuc_dx import _search, _table, export, model

with warnings.catch_warnings():
    # Importing Datasette opens an in-memory database to probe for JSON1 and
    # leaves it to be collected; Python 3.13 warns of that, and warnings are
    # errors here. Theirs, not ours: ignored for the import only.
    warnings.simplefilter("ignore", ResourceWarning)
    datasette_app = pytest.importorskip("datasette.app")
    gc.collect()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    import vinhphuc_dx

    path = tmp_path_factory.mktemp("sqlite") / "vinhphuc.db"
    export.write(vinhphuc_dx.load(), path, "sqlite")
    return path


@pytest.fixture
def db(database):
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


async def _metadata(ds):
    """The metadata Datasette serves: /-/metadata.json (0.x), else its 1.0 API."""
    response = await ds.client.get("/-/metadata.json")
    if response.status_code == 200:
        return response.json()
    # Datasette 1.0 keeps metadata in its internal database instead.
    meta = dict(await ds.get_instance_metadata())
    tables = {}
    for name in model.COLLECTIONS:
        columns = {}
        for column in ("unit", "label_vi", "value"):
            described = await ds.get_column_metadata("vinhphuc", name, column)
            if described:
                columns[column] = described["description"]
        resource = await ds.get_resource_metadata("vinhphuc", name)
        tables[name] = {**resource, "columns": columns}
    meta["databases"] = {"vinhphuc": {"tables": tables}}
    return meta


def serve(database, *paths):
    """GET each path from Datasette serving the database with its metadata."""
    meta = json.loads(export.metadata_path(database).read_text("utf-8"))

    async def fetch():
        ds = datasette_app.Datasette([str(database)], metadata=meta)
        await ds.invoke_startup()
        answers = []
        try:
            for path in paths:
                if path == "metadata":
                    answers.append(await _metadata(ds))
                    continue
                response = await ds.client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
                answers.append(response.json())
        finally:
            # Datasette keeps its connections open; close them (Python 3.13
            # warns of an unclosed database, and warnings are errors here).
            for served in ds.databases.values():
                served.close()
        return answers

    with warnings.catch_warnings():
        # Datasette opens in-memory databases of its own (to read SQLite's
        # version) and leaves them to the collector: see the import above.
        warnings.simplefilter("ignore", ResourceWarning)
        answers = asyncio.run(fetch())
        gc.collect()
    return answers


class TestTables:
    def test_one_table_per_collection(self, db, report):
        """Every collection is a table with one row per record, keyed by id."""
        for name in model.COLLECTIONS:
            ids = [r[0] for r in db.execute(f"select id from [{name}] order by rowid")]
            assert ids == [r.id for r in getattr(report, name)]
            unique = [
                db.execute(f"pragma index_info([{index['name']}])").fetchone()["name"]
                for index in db.execute(f"pragma index_list([{name}])")
                if index["unique"]
            ]
            assert unique == ["id"]
            info = {
                r["name"]: r["notnull"]
                for r in db.execute(f"pragma table_info([{name}])")
            }
            assert info["id"] == 1

    def test_foreign_keys(self, db):
        """An indicator's pillar and relations are real foreign keys, and none is broken."""
        keys = {
            (r["from"], r["table"])
            for r in db.execute("pragma foreign_key_list(indicators)")
        }
        assert ("pillar", "pillars") in keys
        assert ("part_of", "indicators") in keys
        assert db.execute("pragma foreign_key_check").fetchall() == []

    def test_attributed_to_references_people(self, db):
        """Wherever a record has attributed_to, it is a key to the people."""
        for name, cls in model.RECORD_CLASSES.items():
            columns = {c.name: c for c in _table.columns(cls)}
            if "attributed_to" in columns:
                assert columns["attributed_to"].references == "people"
                keys = {
                    (r["from"], r["table"])
                    for r in db.execute(f"pragma foreign_key_list([{name}])")
                }
                assert ("attributed_to", "people") in keys

    def test_values_exact(self, db, report):
        """Every value reads back as stated: a number for sorting, the exact decimal as text."""
        for figure in report.indicators:
            row = db.execute(
                "select value, value_exact, typeof(value) from indicators where id = ?",
                (figure.id,),
            ).fetchone()
            assert Decimal(row[1]) == figure.value
            assert str(row[0]) == str(figure.value)
            assert row[2] == ("integer" if isinstance(figure.value, int) else "real")
        row = db.execute(
            "select value from indicators where id = 'gov.documents.signing-rate'"
        ).fetchone()
        assert row[0] == 99.7

    def test_every_field_has_a_column(self, db):
        """Texts in both languages, period, paragraph and the rest: nothing is lost."""
        columns = {r["name"] for r in db.execute("pragma table_info(indicators)")}
        for field in attrs.fields(model.Indicator):
            assert any(
                c == field.name or c.startswith(f"{field.name}_") for c in columns
            ) or (field.name == "source" and "paragraph" in columns), field.name
        assert {"label_vi", "label_en", "unit", "qualifier", "estimated"} <= columns

    def test_report_unchanged(self, report, tmp_path):
        """Exporting reads the report and never changes it."""
        before = export.to_json(report)
        export.write(report, tmp_path / "again.db", "sqlite")
        assert export.to_json(report) == before

    def test_no_clobber(self, database, report):
        """An existing database or metadata file is kept without overwrite."""
        before = database.read_bytes()
        with pytest.raises(FileExistsError):
            export.write(report, database, "sqlite")
        assert database.read_bytes() == before


def search(db, table, words):
    """The ids Datasette's _search would find (each word quoted, all required)."""
    query = " ".join(f'"{w}"' for w in words.split())
    return [
        r[0]
        for r in db.execute(
            f"select id from [{table}] where rowid in "
            f"(select rowid from [{table}_fts] where [{table}_fts] match ?)",
            (query,),
        )
    ]


class TestSearch:
    def test_fts_beside_each_table(self, db, database):
        """Each table has <table>_fts, an FTS5 table of its searched columns, named in the metadata."""
        meta = json.loads(export.metadata_path(database).read_text("utf-8"))
        tables = meta["databases"]["vinhphuc"]["tables"]
        for name, cls in model.RECORD_CLASSES.items():
            (sql,) = db.execute(
                "select sql from sqlite_master where name = ?", (f"{name}_fts",)
            ).fetchone()
            assert "USING FTS5" in sql
            columns = [
                r["name"] for r in db.execute(f"pragma table_info([{name}_fts])")
            ]
            assert columns == [c for _, _, c in _search.searched(cls)]
            assert tables[name]["fts_table"] == f"{name}_fts"
            assert tables[f"{name}_fts"] == {"hidden": True}

    def test_typed_diacritics_are_honoured(self, db):
        """'thuê bao' finds subscriptions and never taxes ('thuế')."""
        found = search(db, "indicators", "thuê bao")
        assert "soc.subscriptions.mobile-phone" in found
        assert not [i for i in found if "tax" in i]
        assert any("tax" in i for i in search(db, "indicators", "thuế"))

    def test_plain_letters_match_any_diacritics(self, db):
        """Words typed without diacritics (đ too) find the words that carry them."""
        assert "gov.documents.signing-rate" in search(db, "indicators", "chu ky so")
        assert "soc.subscriptions.mobile-phone" in search(
            db, "indicators", "dien thoai"
        )


class TestDatasette:
    def test_search_through_the_json_api(self, database):
        """Datasette detects the FTS tables and ?_search honours diacritics as typed."""
        plain, accented, tax, folded = serve(
            database,
            "/vinhphuc/indicators.json?_search=chu+ky+so&_shape=array",
            "/vinhphuc/indicators.json?_search=thu%C3%AA+bao&_shape=array",
            "/vinhphuc/indicators.json?_search=thu%E1%BA%BF&_shape=array",
            "/vinhphuc/indicators.json?_search=dien+thoai&_shape=array",
        )
        assert "gov.documents.signing-rate" in {r["id"] for r in plain}
        subscriptions = {r["id"] for r in accented}
        assert "soc.subscriptions.fixed-broadband" in subscriptions
        assert not {i for i in subscriptions if "tax" in i}
        assert {r["id"] for r in tax} & {"econ.tax-payments.electronic-share"}
        assert "soc.telecom.phone-providers" in {r["id"] for r in folded}

    def test_per_column_and_raw_search(self, database):
        """?_search_<column>= searches one column; _searchmode=raw takes FTS5 syntax."""
        vietnamese, english, raw = serve(
            database,
            "/vinhphuc/indicators.json?_search_label_vi=thu%C3%AA+bao&_shape=array",
            "/vinhphuc/indicators.json?_search_label_en=subscriptions&_shape=array",
            "/vinhphuc/indicators.json?_search=label_vi:thue+NOT+bao"
            "&_searchmode=raw&_shape=array",
        )
        assert "soc.subscriptions.mobile-phone" in {r["id"] for r in vietnamese}
        assert not {r["id"] for r in vietnamese if "tax" in r["id"]}
        assert english
        raw_ids = {r["id"] for r in raw}
        assert "econ.enterprises.online-tax-filing-share" in raw_ids
        assert not {i for i in raw_ids if "subscriptions" in i}

    def test_values_through_the_json_api(self, database):
        """Datasette serves 99.7 as 99.7 and the exact text beside it."""
        (rows,) = serve(
            database,
            "/vinhphuc/indicators.json?id=gov.documents.signing-rate&_shape=array",
        )
        assert rows[0]["value"] == 99.7
        assert rows[0]["value_exact"] == "99.7"

    def test_metadata(self, database):
        """/-/metadata.json has the title, source, licence and described columns with units."""
        (meta,) = serve(database, "metadata")
        assert meta["title"].startswith("Vĩnh Phúc")
        assert "Vietnam Business Forum" in meta["source"]
        assert meta["license"].startswith("MIT")
        tables = meta["databases"]["vinhphuc"]["tables"]
        assert set(model.COLLECTIONS) <= set(tables)
        value = tables["indicators"]["columns"]["unit"]
        assert "billion_vnd" in value
        assert "percent" in value
        assert tables["indicators"]["columns"]["label_vi"].endswith("In Vietnamese.")


@attrs.frozen
class _Quote:
    """A record kind the model may gain: what the tables must make of it."""

    id: str
    label: model.Text
    value: model.Value
    attributed_to: str | None = attrs.field(metadata={"reference": True})
    as_written: str
    source: model.SourceRef


class TestGeneric:
    def test_new_fields_become_columns(self):
        """attributed_to becomes a key to people, columns follow the fields, texts are searched."""
        columns = _table.columns(_Quote)
        names = [c.name for c in columns]
        assert names == [
            "id",
            "label_vi",
            "label_en",
            "value",
            "value_exact",
            "attributed_to",
            "as_written",
            "paragraph",
        ]
        by_name = {c.name: c for c in columns}
        assert by_name["attributed_to"].references == "people"
        searched = [column for _, _, column in _search.searched(_Quote)]
        assert searched == ["id", "label_vi", "label_en", "as_written"]
        assert by_name["as_written"].description == (
            "The figure exactly as the article prints it."
        )

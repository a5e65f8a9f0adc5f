"""The SQLite export, read back by sqlite3 and served by Datasette itself."""

# ruff: noqa: S608 - table names in queries are the model's own

from __future__ import annotations

import asyncio
import gc
import html
import json
import re
import sqlite3
import unicodedata
import urllib.parse
import warnings
from decimal import Decimal

import attrs
import pytest

import vinhphuc_dx
from vinhphuc_dx import _search, _sqlite, _table, export, model
from vinhphuc_dx._spelling import fold

with warnings.catch_warnings():
    # Importing Datasette opens an in-memory database to probe for JSON1 and
    # leaves it to be collected; Python 3.13 warns of that, and warnings are
    # errors here. Theirs, not ours: ignored for the import only.
    warnings.simplefilter("ignore", ResourceWarning)
    datasette_app = pytest.importorskip("datasette.app")
    gc.collect()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
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
    """GET each path from Datasette serving the database with its metadata.

    A ``.json`` path gives its JSON, another its page's HTML, and
    ``metadata`` the metadata Datasette serves.
    """
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
                page = ".json" not in path.split("?")[0]
                answers.append(response.text if page else response.json())
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


def _css(page):
    """The stylesheets a page links to as data: URLs, decoded."""
    return [
        urllib.parse.unquote(html.unescape(href)[len("data:text/css,") :])
        for href in re.findall(r'<link rel="stylesheet" href="(data:[^"]*)"', page)
    ]


def _classes(page):
    """Every class name an element of the page carries."""
    return {
        name for value in re.findall(r'class="([^"]*)"', page) for name in value.split()
    }


class TestFirstScreen:
    def test_stylesheet_reaches_the_page(self, database):
        """The metadata's stylesheet is linked from every table's page, and it hides Datasette's column list."""
        pages = serve(database, *(f"/vinhphuc/{name}" for name in model.COLLECTIONS))
        for page in pages:
            (css,) = _css(page)
            assert css == _sqlite._CSS
            assert "dl.column-descriptions{display:none}" in css
            # What it hides is there to hide: Datasette still lists the columns.
            assert '<dl class="column-descriptions">' in page

    def test_stylesheet_names_what_datasette_draws(self, database):
        """Every class the stylesheet selects is one Datasette's indicators page carries."""
        (page,) = serve(database, "/vinhphuc/indicators")
        (css,) = _css(page)
        selected = set(re.findall(r"\.([A-Za-z][\w-]*)", css))
        assert selected == {
            "column-descriptions",
            "columns-held",
            "table",
            "rows-and-columns",
            "col-rowid",
            "col-id",
            "type-none",
            "facet-info",
        }
        assert selected <= _classes(page)
        assert re.search(r'<body class="table\b', page)
        assert 'class="col-label_vi type-str"' in page  # td[class*="col-label_"]

    def test_rows_are_a_line_each_on_a_wide_screen(self):
        """Above phone width, table cells do not wrap: long texts end in an ellipsis, ids stay whole."""
        css = _sqlite._CSS
        wide = css[css.index("@media (min-width:577px){") :]
        wide = wide[: wide.index("}}") + 2]
        assert "white-space:nowrap" in wide
        assert "text-overflow:ellipsis" in wide
        assert "td.col-id{max-width:none}" in wide
        # Scoped to table pages: a row's page shows every text whole.
        assert all(
            rule.startswith("body.table ")
            for rule in re.findall(r"[^{}]+(?=\{)", wide)
            if not rule.startswith("@media")
        )

    def test_descriptions_fold_away(self, database):
        """A table's description holds each column's description in a closed <details>; the menus keep theirs."""
        (meta,) = serve(database, "metadata")
        tables = meta["databases"]["vinhphuc"]["tables"]
        (page,) = serve(database, "/vinhphuc/indicators")
        described = tables["indicators"]["description_html"]
        assert "<details>" in described  # closed: no open attribute
        for column in export.columns(model.Indicator):
            assert f"<dt>{column.name}</dt>" in described
            assert html.escape(column.description) in described
            assert tables["indicators"]["columns"][column.name] == column.description
        assert 'data-column-description="A stable, readable identifier' in page
        assert (
            page.index("<details>")
            < page.index('id="_search"')
            < page.index('class="rows-and-columns"')
        )


class TestBrowsedTables:
    def test_no_internal_columns(self, database):
        """Each browsed table has the flat table's columns and no more; every _fts table is hidden."""
        listing, *pages = serve(
            database,
            "/vinhphuc.json",
            *(f"/vinhphuc/{name}.json?_size=1" for name in model.COLLECTIONS),
        )
        for name, page in zip(model.COLLECTIONS, pages, strict=True):
            columns = [c.name for c in export.columns(model.RECORD_CLASSES[name])]
            assert page["columns"] == ["rowid", *columns], name
        shown = {t["name"] for t in listing["tables"] if not t["hidden"]}
        assert shown == set(model.COLLECTIONS)

    def test_descriptions_are_prose(self, database):
        """No Sphinx roles, backquotes or Python None in any title or description Datasette shows."""
        (meta,) = serve(database, "metadata")
        texts = [meta["title"], meta["description"], meta["source"], meta["license"]]
        for table in meta["databases"]["vinhphuc"]["tables"].values():
            texts += [
                table.get("description_html", ""),
                *table.get("columns", {}).values(),
            ]
        assert len(texts) > 100
        for text in texts:
            assert not re.search(r":[a-z]+:`|`|\bNone\b|\bTrue\b|\bFalse\b", text), text

    def test_estimated_reads_true_or_false(self, database, db):
        """estimated and period_stated are the words true and false, in the rows and in the facet."""
        for column in ("estimated", "period_stated"):
            kinds = db.execute(
                f"select distinct typeof({column}), {column} from indicators"
            ).fetchall()
            assert {tuple(k) for k in kinds} == {("text", "true"), ("text", "false")}
        rows, estimated = serve(
            database,
            "/vinhphuc/indicators.json?_shape=array&_size=max",
            "/vinhphuc/indicators.json?estimated=true",
        )
        assert {r["estimated"] for r in rows} == {"true", "false"}
        facet = estimated["facet_results"]["estimated"]["results"]
        assert [(f["value"], f["count"]) for f in facet] == [("true", 2)]

    def test_facets(self, database):
        """The indicators page offers pillar, unit, qualifier and estimated as facets, with counts."""
        (page,) = serve(database, "/vinhphuc/indicators.json?_size=1")
        facets = page["facet_results"]
        assert list(facets) == ["pillar", "unit", "qualifier", "estimated"]
        assert {f["value"] for f in facets["unit"]["results"]} == {
            "count",
            "percent",
            "billion_vnd",
        }
        assert sum(f["count"] for f in facets["qualifier"]["results"]) == 38

    def test_rows_in_the_articles_order(self, database, report):
        """Every table's page lists its rows in the article's order, not sorted by id."""
        pages = serve(
            database,
            *(
                f"/vinhphuc/{name}.json?_shape=array&_size=max"
                for name in model.COLLECTIONS
            ),
        )
        unsorted = []
        for name, rows in zip(model.COLLECTIONS, pages, strict=True):
            ids = [r.id for r in getattr(report, name)]
            assert [r["id"] for r in rows] == ids, name
            unsorted += [name] if ids != sorted(ids) else []
        assert "indicators" in unsorted  # so an order by id would show


def _nfd(text):
    return unicodedata.normalize("NFD", text)


#: The marks in VIQR, the ASCII way of writing Vietnamese: hóa is ho'a.
_VIQR = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0303": "~",
    "\u0309": "?",
    "\u0323": ".",
    "\u0302": "^",
    "\u0306": "(",
    "\u031b": "+",
}


def _typed_id(query):
    """A test id for a query: the query in VIQR (hóa đơn is ho'a_ddo+n), -nfd if decomposed."""
    spelled = "".join(
        _VIQR.get(c, c) for c in unicodedata.normalize("NFD", query)
    ).translate({ord("đ"): "dd", ord("Đ"): "DD", ord(" "): "_"})
    return spelled + ("-nfd" if not unicodedata.is_normalized("NFC", query) else "")


#: Spellings of one search, each group typed the ways readers type it: both
#: placements of a tone (hòa/hoà, thủy/thuỷ, ủy/uỷ), i or y (kí/ký, lí/lý,
#: tỉ/tỷ), upper case, decomposed (NFD), without marks. True where the
#: report holds the words (the article has no hòa and no thủy).
SPELLINGS = {
    "hóa đơn": (True, ["hóa đơn", "hoá đơn", "HOÁ ĐƠN", _nfd("hóa đơn"), "hoa don"]),
    "hòa": (False, ["hòa", "hoà", "HÒA", _nfd("hoà"), "Hoà"]),
    "thủy": (False, ["thủy", "thuỷ", "THUỶ", _nfd("thủy")]),
    "ủy ban": (True, ["ủy ban", "uỷ ban", "ỦY BAN", _nfd("uỷ ban"), "uy ban"]),
    "chữ ký số": (
        True,
        [
            "chữ ký số",
            "chữ kí số",
            "CHỮ KÝ SỐ",
            _nfd("chữ kí số"),
            "chu ky so",
            "chu ki so",
        ],
    ),
    "quản lý": (
        True,
        ["quản lý", "quản lí", "QUẢN LÝ", _nfd("quản lí"), "quan ly", "quan li"],
    ),
    "tỷ đồng": (
        True,
        ["tỷ đồng", "tỉ đồng", "TỶ ĐỒNG", _nfd("tỉ đồng"), "ty dong", "ti dong"],
    ),
    "ký-số": (True, ["ký-số", "kí-số", "KÝ-SỐ", _nfd("kí-số"), "ky-so", "chu-ki-so"]),
    "thuê bao": (True, ["thuê bao", "Thuê Bao", _nfd("thuê bao"), "THUÊ BAO"]),
    "thuế": (True, ["thuế", "Thuế", _nfd("thuế"), "THUẾ"]),
}
#: And a few more: bare, marked without a tone, đ and d.
MORE = ["thue", "thuê", "d", "đ"]
QUERIES = [q for _, typed in SPELLINGS.values() for q in typed] + MORE


@pytest.fixture(scope="module")
def found(database):
    """What Datasette's _search finds in each table for each query: {(query, table): ids}."""
    keys = [(q, name) for q in QUERIES for name in model.COLLECTIONS]
    answers = serve(
        database,
        *(
            f"/vinhphuc/{name}.json?_shape=array&_size=max&_search="
            + urllib.parse.quote_plus(q)
            for q, name in keys
        ),
    )
    return {
        key: {r["id"] for r in rows} for key, rows in zip(keys, answers, strict=True)
    }


class TestSearchAsTyped:
    @pytest.mark.parametrize("query", QUERIES, ids=_typed_id)
    def test_finds_what_the_library_finds(self, found, report, query):
        """Datasette's _search finds, in every table, the records Records.search finds for the same words."""
        for name in model.COLLECTIONS:
            expected = {r.id for r in getattr(report, name).search(query)}
            assert found[query, name] == expected, (name, query)

    @pytest.mark.parametrize("words", list(SPELLINGS), ids=_typed_id)
    def test_every_spelling_finds_the_same(self, found, words):
        """Each way of typing the words (tone placement, i or y, case, NFD, no marks) finds the same rows."""
        held, typed = SPELLINGS[words]
        for name in model.COLLECTIONS:
            results = {frozenset(found[q, name]) for q in typed}
            # Typed without marks, words may find more (any marking), never less.
            marked = {frozenset(found[q, name]) for q in typed if fold(q) != q.lower()}
            assert len(marked) == 1, (name, words, results)
            assert all(r >= next(iter(marked)) for r in results), (name, words)
        assert held == any(found[typed[0], name] for name in model.COLLECTIONS)

    def test_thue_bao_is_not_tax(self, found):
        """'thuê bao' (subscription) finds subscriptions and no tax record; 'thuế' (tax) finds taxes and no subscription."""
        rent = found["thuê bao", "indicators"]
        tax = found["thuế", "indicators"]
        assert "soc.subscriptions.mobile-phone" in rent
        assert not {i for i in rent if "tax" in i}
        assert tax
        assert all("tax" in i for i in tax)
        assert not rent & tax
        assert rent | tax <= found["thue", "indicators"]  # bare: both

    def test_no_phrase_across_spellings(self, database):
        """The index's spellings of a text stand apart: a phrase never runs from one into the next."""
        (rows,) = serve(
            database,
            # The last word of a label, then its first: no label holds that.
            "/vinhphuc/indicators.json?_shape=array&_search=2024-ng%C3%A2n",
        )
        assert rows == []
        assert not vinhphuc_dx.load().indicators.search("2024-ngân")

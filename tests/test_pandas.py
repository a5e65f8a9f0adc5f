"""Records.to_pandas(): dtypes, exact values, attrs, and the missing extra."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import vinhphuc_dx

pd = pytest.importorskip("pandas")


def test_indexed_by_id_in_order(report):
    """One row per record, indexed by id, in the article's order."""
    df = report.indicators.to_pandas()
    assert list(df.index) == list(report.indicators.ids)
    assert df.index.name == "id"


def test_dtypes(report):
    """Categoricals for pillar, unit and qualifier; datetimes; numbers."""
    df = report.indicators.to_pandas()
    for column in ("pillar", "unit", "qualifier"):
        assert isinstance(df[column].dtype, pd.CategoricalDtype)
    assert list(df["unit"].cat.categories) == ["count", "percent", "billion_vnd"]
    assert pd.api.types.is_datetime64_any_dtype(df["period_start"])
    assert pd.api.types.is_float_dtype(df["value"])
    assert df.loc["gov.documents.signing-rate", "value_exact"] == Decimal("99.7")
    assert df.loc["gov.documents.incoming", "period_end"] == pd.Timestamp("2024-06-30")
    assert df.loc["budget.total", "paragraph"] == 3
    assert pd.isna(df.loc["budget.total", "pillar"])


def test_filtered_keeps_categories(report):
    """A filtered frame has the same pillar categories as the whole."""
    df = report.indicators.filter(pillar="digital-society").to_pandas()
    assert len(df) == 9
    assert list(df["pillar"].cat.categories) == [
        "digital-government",
        "digital-economy",
        "digital-society",
    ]


def test_attrs_carry_source(report):
    """The source and its citation travel in DataFrame.attrs."""
    df = report.indicators.to_pandas()
    assert df.attrs["source"]["published"] == "2024-12-27T14:15:24+07:00"
    assert df.attrs["citation"].startswith("Hiền Hưng. (2024, December 27).")


def test_other_records(report):
    """Directives and projects convert too."""
    df = report.projects.to_pandas()
    assert (
        df.loc["project.fpt-data-centre", "location_vi"]
        == "Khu công nghiệp Thanh Long, Vĩnh Phúc"
    )
    assert pd.isna(df.loc["project.fpt-data-centre", "milestone_en"])


def test_new_fields_and_records(report):
    """as_written and attributed_to are columns; people and statements convert."""
    figures = report.indicators.to_pandas()
    assert figures.loc["budget.total", "as_written"] == "trên 1.283 tỷ đồng"
    assert pd.isna(figures.loc["budget.total", "attributed_to"])
    people = report.people.to_pandas()
    assert people.loc["person.bui-hong-do", "name"] == "Bùi Hồng Đô"
    statements = report.statements.to_pandas()
    assert (
        statements.loc["statement.fpt-cooperation-focal-point", "attributed_to"]
        == "person.tran-duy-dong"
    )
    assert str(statements["pillar"].dtype) == "category"


def test_empty(report):
    """An empty collection gives an empty frame with its columns."""
    empty = report.indicators.filter(paragraph=1).to_pandas()
    assert len(empty) == 0
    assert list(empty.columns) == list(report.indicators.to_pandas().columns)
    with pytest.raises(ValueError, match="several kinds, or none"):
        vinhphuc_dx.Records().to_pandas()


def test_missing_pandas(report, monkeypatch):
    """Without pandas, an ImportError says how to install it.

    The advice names pandas itself, not the package's extra: it works
    whether the package came from a clone or from PyPI, and asks for the
    version the extra asks for.
    """
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as caught:
        report.indicators.to_pandas()
    assert caught.value.name == "pandas"
    advice = re.search(r"pip install '(.+)'$", str(caught.value))
    assert advice, str(caught.value)
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8")
    extra = re.search(r'^pandas = \["([^"]+)"\]', pyproject, re.MULTILINE)
    assert extra, "the pandas extra in pyproject.toml"
    assert advice[1] == extra[1]


class TestMissing:
    def test_one_missing_value(self, report):
        """Missing text, ids and relations are pd.NA alike, never ''."""
        df = report.indicators.to_pandas()
        row = df.loc["budget.total"]
        for column in ("parts", "part_of", "numerator", "denominator"):
            assert df.loc["budget.total", column] is pd.NA, column
        assert not (df.select_dtypes("string") == "").any().any()
        assert row["note_en"].startswith("The article misspells")
        total = df.loc["gov.online-services.total", "parts"]
        assert total.split()[0] == "gov.online-services.full-process"

    def test_optional_texts_of_projects(self, report):
        """An optional Text left empty is pd.NA in both language columns."""
        df = report.projects.to_pandas()
        assert df.loc["project.fpt-data-centre", "milestone_en"] is pd.NA
        assert df.loc["project.fpt-data-centre", "milestone_vi"] is pd.NA

    def test_groupby_keeps_the_budget(self, report):
        """groupby(dropna=False) keeps the budget, which belongs to no pillar."""
        df = report.indicators.to_pandas()
        kept = df.groupby("pillar", observed=True, dropna=False).size()
        assert int(kept.sum()) == len(report.indicators)
        dropped = df.groupby("pillar", observed=True).size()
        assert int(dropped.sum()) == len(report.indicators) - 1

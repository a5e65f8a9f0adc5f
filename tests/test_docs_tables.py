"""The docs' generated data tables (docs/_ext/vinhphuc_data.py) read as promised."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("docutils")  # in the test extra; skipped only without it

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))
import vinhphuc_data

import vinhphuc_dx


@pytest.fixture(scope="module")
def pages():
    return vinhphuc_data._pages(vinhphuc_dx.load())


def test_values_are_grouped_and_qualified(pages):
    figures = pages["indicators.rst"]
    assert "over 1,283 billion VND" in figures
    assert "1,350,000" in figures
    assert "99.7%" in figures
    assert "about 21% (estimate)" in figures
    values = [
        line.split("`", 2)[2]
        for line in figures.splitlines()
        if line.startswith("     - :colname:`value:`")
    ]
    assert len(values) == len(vinhphuc_dx.load().indicators)
    assert not [v for v in values if re.search(r"\d{4}", v)]


def test_unstated_period_is_explained_once_not_per_row(pages):
    figures = pages["indicators.rst"]
    assert "held at" not in figures
    assert "unstated" in figures


def test_every_text_is_marked_with_its_language(pages):
    report = vinhphuc_dx.load()
    for figure in report.indicators:
        assert (
            f":en:`{vinhphuc_data._escaped(figure.label.en)}`"
            in pages["indicators.rst"]
        )
        assert (
            f":vi:`{vinhphuc_data._escaped(figure.label.vi)}`"
            in pages["indicators.rst"]
        )
    assert "|br|" not in "".join(pages.values())


def test_ids_never_break(pages):
    for record in vinhphuc_dx.load().indicators:
        assert f":recordid:`{record.id}`" in pages["indicators.rst"]


def test_each_project_is_one_block_with_one_field_a_line(pages):
    projects = pages["projects.rst"]
    report = vinhphuc_dx.load()
    assert projects.count(".. rubric::") == len(report.projects)
    for field in ("location", "status", "milestone", "coordinator"):
        assert projects.count(f"   :{field}: ") == len(report.projects)


def test_every_table_cell_names_its_column_for_the_phone_layout(pages):
    header, first_row = pages["directives.rst"].split("   * - ")[1:3]
    assert ":colname:`issuer:`" in first_row
    assert "colname" not in header


def test_every_figure_shows_it_as_written(pages):
    """Each figure's row quotes the figure as the article prints it."""
    figures = pages["indicators.rst"]
    for figure in vinhphuc_dx.load().indicators:
        assert f"“{figure.as_written}”" in figures, figure.id


def test_people_and_statements_have_their_pages(pages):
    """The people and the statements are tabled, attributions by name."""
    report = vinhphuc_dx.load()
    for person in report.people:
        assert person.name in pages["people.rst"]
    for statement in report.statements:
        assert statement.id in pages["statements.rst"]
    chairman = report.get("person.tran-duy-dong").name
    assert chairman in pages["goals.rst"]
    assert chairman in pages["projects.rst"]

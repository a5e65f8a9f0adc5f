"""Citations of the article."""

from __future__ import annotations

import json

import pytest

import vinhphuc_dx
from vinhphuc_dx import export


def test_bibtex(report):
    """BibTeX keeps the byline whole, the Vietnamese title, outlet, date and language."""
    text = report.source.cite("bibtex")
    assert text.startswith("@article{hienhung2024chuyen,\n")
    assert "  author = {{Hiền Hưng}},\n" in text
    assert "  title = {Chuyển đổi số để thu hút đầu tư},\n" in text
    assert "  month = dec,\n" in text
    assert "  language = {vietnamese},\n" in text
    assert text.count("{") == text.count("}")


def test_apa(report):
    """APA: author. (date). title [translation]. outlet."""
    assert report.source.cite("apa") == (
        "Hiền Hưng. (2024, December 27). Chuyển đổi số để thu hút đầu tư "
        "[Digital transformation to attract investment]. Vietnam Business Forum.\n"
    )


def test_csl_json(report):
    """CSL-JSON is a JSON array of one item in the CSL schema's shape."""
    (item,) = json.loads(report.source.cite("csl-json"))
    assert item["type"] == "article-newspaper"
    assert item["issued"] == {"date-parts": [[2024, 12, 27]]}
    assert item["author"] == [{"literal": "Hiền Hưng"}]
    assert item["container-title"] == "Vietnam Business Forum"
    assert item["language"] == "vi"


def test_unknown_style(report):
    """An unknown style names the known ones."""
    with pytest.raises(ValueError, match="choose one of bibtex, apa, csl-json"):
        report.source.cite("mla")


# The constraints of the CSL 1.0 input schemas (csl-citation.json and
# csl-data.json, citation-style-language/schema) that a record's citation
# relies on, restated: a citation item allows only these keys, a label is one
# of the CSL locator terms, an item's data needs a type and an id and allows
# only CSL variables.
CSL_CITATION = {
    "type": "object",
    "required": ["citationItems"],
    "properties": {
        "schema": {"type": "string"},
        "citationID": {"type": ["string", "number"]},
        "properties": {
            "type": "object",
            "properties": {"noteIndex": {"type": "number"}},
            "additionalProperties": False,
        },
        "citationItems": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": ["string", "number"]},
                    "itemData": {
                        "type": "object",
                        "required": ["type", "id"],
                        "additionalProperties": False,
                        "properties": {
                            name: {}
                            for name in (
                                "type",
                                "id",
                                "title",
                                "container-title",
                                "author",
                                "issued",
                                "language",
                                "note",
                                "URL",
                            )
                        },
                    },
                    "prefix": {"type": "string"},
                    "suffix": {"type": "string"},
                    "locator": {"type": "string"},
                    "label": {"enum": ["page", "paragraph", "section", "line"]},
                    "suppress-author": {"type": ["string", "number", "boolean"]},
                    "author-only": {"type": ["string", "number", "boolean"]},
                    "uris": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
    "additionalProperties": False,
}


class TestRecordCitation:
    def test_apa_names_the_figure_as_stated(self, report):
        """APA: label, qualifier, value with grouping, unit, period, the article and the paragraph."""
        text = report.indicators.get("budget.total").cite("apa")
        assert text.startswith(
            "Budget for investment in digital transformation, 2014–2024: over 1,283"
            " billion VND (2014–2024; as written: “trên 1.283 tỷ đồng”). "
        )
        assert "Hiền Hưng. (2024, December 27). Chuyển đổi số" in text
        assert text.endswith("Vietnam Business Forum, para. 3.\n")

    def test_apa_decimal_percent_and_estimate(self, report):
        """A decimal stays as stated and an estimate says so."""
        assert "99.7%" in report.indicators.get("gov.documents.signing-rate").cite()
        estimate = next(f for f in report.indicators if f.estimated)
        assert "estimated" in estimate.cite("apa")

    def test_bibtex_note_holds_the_paragraph(self, report):
        """BibTeX: a key per record and the paragraph and the figure in note, % escaped."""
        text = report.indicators.get("gov.documents.signing-rate").cite("bibtex")
        assert text.startswith(
            "@article{hienhung2024chuyen:gov.documents.signing-rate,\n"
        )
        (note,) = [line for line in text.splitlines() if line.startswith("  note = ")]
        assert note.startswith("  note = {Paragraph 11: ")
        assert "99.7\\%" in note
        assert text.count("{") == text.count("}")

    def test_csl_json_locator_and_label(self, report):
        """CSL-JSON: a citation object in the CSL schema's shape, the paragraph as locator."""
        jsonschema = pytest.importorskip("jsonschema")
        citation = json.loads(report.directives[0].cite("csl-json"))
        jsonschema.validate(citation, CSL_CITATION)
        (item,) = citation["citationItems"]
        assert item["label"] == "paragraph"
        assert item["locator"] == str(report.directives[0].source.paragraph)
        assert item["itemData"]["type"] == "article-newspaper"

    def test_every_record_with_a_source_cites(self, report):
        """Every record with a paragraph cites in every style; one without says to cite the article."""
        from vinhphuc_dx import model

        for name in model.COLLECTIONS:
            for record in getattr(report, name):
                if hasattr(record, "source"):
                    for style in ("apa", "bibtex", "csl-json"):
                        assert f"{record.source.paragraph}" in record.cite(style)
                else:
                    with pytest.raises(ValueError, match="cite the article"):
                        record.cite()

    def test_source_of_another_report(self, report):
        """A record cites the article it is given."""
        import attrs

        other = attrs.evolve(report.source, outlet="Another Outlet")
        assert "Another Outlet, para. 3." in report.indicators.get("budget.total").cite(
            source=other
        )

    def test_unknown_style(self, report):
        """An unknown style names the known ones."""
        with pytest.raises(ValueError, match="choose one of"):
            report.indicators[0].cite("mla")

    def test_a_record_read_cites_its_own_article(self, report, write):
        """A record of any report read from a file cites that report's article."""
        import attrs

        assert report.indicators[0].source.article is report.source
        other = attrs.evolve(report.source, outlet="Another Outlet")
        path = write(export.to_json(attrs.evolve(report, source=other)))
        again = vinhphuc_dx.load(path)
        assert "Another Outlet, para. 3." in again.indicators.get("budget.total").cite()

    def test_a_record_built_in_code_asks_for_source(self, report):
        """A record built in code knows no article: cite() asks for source=."""
        import attrs

        figure = report.indicators.get("budget.total")
        built = attrs.evolve(figure, source=vinhphuc_dx.SourceRef(3))
        with pytest.raises(ValueError, match=r"pass source=report\.source"):
            built.cite()
        assert "para. 3." in built.cite(source=report.source)


class TestCliCite:
    def test_cite_id(self, capsys):
        """cite ID prints the record's citation; with no id, the article's."""
        from vinhphuc_dx import cli

        assert cli.main(["cite", "budget.total", "--style", "bibtex"]) == 0
        assert "note = {Paragraph 3: " in capsys.readouterr().out
        assert cli.main(["cite"]) == 0
        assert capsys.readouterr().out.startswith("Hiền Hưng. (2024, December 27).")

    def test_cite_unknown_id(self, capsys):
        """An unknown id is one line naming the closest, exit 1."""
        from vinhphuc_dx import cli

        assert cli.main(["cite", "budget.totl"]) == 1
        assert "budget.total" in capsys.readouterr().err

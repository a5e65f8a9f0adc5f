"""The schema.org Dataset description (JSON-LD)."""

from __future__ import annotations

import json

from vinhphuc_dx import _jsonld, export


class TestDataset:
    def test_required_and_recommended_properties(self, report):
        """Name, description, creator, citation, licence, coverage and variables are there."""
        described = _jsonld.dataset(report)
        assert described["@context"] == "https://schema.org/"
        assert described["@type"] == "Dataset"
        for key in ("name", "description", "creator", "citation", "license"):
            assert described[key]
        assert 50 <= len(described["description"]) <= 5000  # what Google asks
        assert described["citation"]["author"]["name"] == report.source.author
        assert (
            described["citation"]["datePublished"]
            == report.source.published.isoformat()
        )

    def test_coverage(self, report):
        """Time: the span of the figures' periods; place: the former province in Vietnam."""
        described = _jsonld.dataset(report)
        start = min(f.period.start for f in report.indicators)
        end = max(f.period.end for f in report.indicators)
        assert described["temporalCoverage"] == f"{start}/{end}"
        place = described["spatialCoverage"]
        assert place["name"] == report.context.former_province.en
        assert place["identifier"]["value"] == "VN-70"
        assert place["containedInPlace"]["identifier"] == "VN"
        assert "VN-68" in place["description"]

    def test_variables_with_units(self, report):
        """One variable per figure, with its unit named and coded where UN/CEFACT has a code."""
        variables = _jsonld.dataset(report)["variableMeasured"]
        assert [v["propertyID"] for v in variables] == [f.id for f in report.indicators]
        by_id = {v["propertyID"]: v for v in variables}
        assert by_id["gov.documents.signing-rate"]["unitText"] == "percent"
        assert by_id["gov.documents.signing-rate"]["unitCode"] == "P1"
        assert by_id["budget.total"]["unitText"] == "billion VND"
        assert "unitCode" not in by_id["budget.total"]

    def test_in_the_data_package(self, report, tmp_path):
        """The data package carries dataset.jsonld beside datapackage.json."""
        export.write(report, tmp_path / "pkg", "datapackage")
        written = json.loads((tmp_path / "pkg" / "dataset.jsonld").read_text("utf-8"))
        assert written == json.loads(json.dumps(_jsonld.dataset(report)))

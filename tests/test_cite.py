"""Citations of the article."""

from __future__ import annotations

import json

import pytest


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

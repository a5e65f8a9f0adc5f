"""Shared fixtures: the bundled report, its raw JSON, and a file writer."""

from __future__ import annotations

import copy
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import vinhphuc_dx
from vinhphuc_dx import _json, _loading

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "src" / "vinhphuc_dx" / "data" / "report.json"
#: The article (plain text, one paragraph a line), which the locator tests
#: read. It is not part of the package: it sits in the project's shared
#: folder, beside the clone (../shared/source/article-vi.txt), or wherever
#: the environment variable VINHPHUC_DX_ARTICLE says.
ARTICLE_VARIABLE = "VINHPHUC_DX_ARTICLE"
ARTICLE = Path(
    os.environ.get(ARTICLE_VARIABLE)
    or ROOT.parent / "shared" / "source" / "article-vi.txt"
)
#: Skips a test that reads the article when it is not there. A path set in
#: VINHPHUC_DX_ARTICLE is never skipped: if it is wrong, the tests fail.
needs_article = pytest.mark.skipif(
    ARTICLE_VARIABLE not in os.environ and not ARTICLE.exists(),
    # Short: the skip is listed once per test. CONTRIBUTING.md says where the
    # article goes (../shared/source/article-vi.txt, or VINHPHUC_DX_ARTICLE).
    reason="needs the article's text (not in the repository; CONTRIBUTING.md)",
)

_RAW = json.loads(BUNDLED.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture
def report() -> vinhphuc_dx.Report:
    return vinhphuc_dx.load()


@pytest.fixture
def raw() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled report's JSON."""
    return copy.deepcopy(_RAW)


@pytest.fixture
def write(tmp_path: Path):
    """Write a dict (as JSON) or bytes to a file and return its path."""

    def write(content: Any, name: str = "report.json") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(dumps(content), encoding="utf-8")
        return path

    return write


def dumps(content: Any) -> str:
    """JSON text of a raw report, writing Decimals as exact numbers."""
    return _json.json_text(content)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with no cached report, as a new process would."""
    _loading._reset()
    yield
    _loading._reset()

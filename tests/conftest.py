"""Shared fixtures: the bundled report, its raw JSON, and a file writer."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import vinhphuc_dx
from vinhphuc_dx import _loading

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "src" / "vinhphuc_dx" / "data" / "report.json"
#: The article, where the checkout sits beside the project's shared folder.
ARTICLE = ROOT.parent / "shared" / "source" / "article-vi.txt"

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
    marked = json.dumps(
        content,
        ensure_ascii=False,
        default=_loading._mark_decimal,
    )
    return _loading._MARKED.sub(r"\1", marked)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with no cached report, as a new process would."""
    _loading._reset()
    yield
    _loading._reset()

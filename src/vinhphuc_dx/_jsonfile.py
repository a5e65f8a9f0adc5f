"""The report in its own file format, the JSON that :func:`vinhphuc_dx.load` reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinhphuc_dx._converter import unstructure
from vinhphuc_dx._json import json_text

if TYPE_CHECKING:
    from vinhphuc_dx.model import Report

__all__ = ["text"]


def text(report: Report) -> str:
    """*report* as indented JSON text, exact decimals as bare numbers."""
    return json_text(unstructure(report))

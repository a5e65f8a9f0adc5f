"""The report in its own file format, the JSON that :func:`vinhphuc_dx.load` reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinhphuc_dx._atomic import write_bytes
from vinhphuc_dx._converter import unstructure
from vinhphuc_dx._json import json_text

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from vinhphuc_dx.model import Report

__all__ = ["text", "write"]


def text(report: Report) -> str:
    """*report* as indented JSON text, exact decimals as bare numbers."""
    return json_text(unstructure(report))


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write *report* as JSON."""
    return write_bytes(path, text(report).encode("utf-8"), overwrite=overwrite)

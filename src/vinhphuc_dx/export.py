"""Writing a report out: JSON, CSV, a data package, SQLite, Excel.

JSON, a flat CSV, a Frictionless Data Package, a SQLite database for
Datasette, an Excel workbook.

Every writer goes through :func:`write_text`: the file is written beside its
target under a temporary name, flushed to disk, then renamed into place, so
that a crash or a full disk never leaves half a file; an existing file is
replaced only when asked.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx import model
from vinhphuc_dx._loading import dump_json
from vinhphuc_dx.model import (
    Directive,
    Goal,
    Indicator,
    InvestmentProject,
    Pillar,
    PolicyInstrument,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from vinhphuc_dx.model import Report

__all__ = [
    "CSV_ENCODING",
    "FORMATS",
    "columns",
    "to_csv",
    "to_json",
    "write",
    "write_bytes",
    "write_datapackage",
    "write_sqlite",
    "write_text",
    "write_xlsx",
]

#: What :func:`write` can write.
FORMATS = ("json", "csv", "datapackage", "sqlite", "xlsx")

#: The encoding of the CSV export, UTF-8 with a byte-order mark, so that Excel
#: shows Vietnamese correctly when the file is opened by double-click; csv,
#: pandas (``encoding="utf-8-sig"``) and LibreOffice read it as well. The
#: data package's tables are plain UTF-8, as its schema declares.
CSV_ENCODING = "utf-8-sig"


def to_json(report: Report) -> str:
    """Return *report* in the file format that :func:`vinhphuc_dx.load` reads.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_json
    >>> text = to_json(vinhphuc_dx.load())
    >>> '"value": 99.7,' in text
    True
    """
    return dump_json(report)


# ---------------------------------------------------------------- flat tables


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return str(value)  # str, int, Decimal (as stated), date


#: A flat column: its name, how to read it from a record, its Table Schema.
Column = tuple[str, "Callable[[Any], Any]", dict[str, Any]]


def columns(cls: type) -> list[Column]:  # noqa: C901 - a branch per kind of field
    """The flat columns of a record class: one per plain field, two per Text.

    >>> from vinhphuc_dx import Pillar
    >>> from vinhphuc_dx.export import columns
    >>> [name for name, _, _ in columns(Pillar)]
    ['id', 'name_en', 'name_vi', 'description_en', 'description_vi']

    Args:
        cls: A record class, such as :class:`~vinhphuc_dx.Indicator`.

    Returns:
        ``(name, getter, table_schema_field)`` triples, in field order.
    """
    result: list[Column] = []
    for name, (kind, optional) in model.field_types(cls).items():

        def spec(
            field_type: str, *, optional: bool = optional, **more: Any
        ) -> dict[str, Any]:
            constraints = {**more, **({} if optional else {"required": True})}
            return {
                "type": field_type,
                **({"constraints": constraints} if constraints else {}),
            }

        def part(record: Any, name: str = name, attribute: str | None = None) -> Any:
            value = getattr(record, name)
            return (
                value
                if attribute is None or value is None
                else getattr(value, attribute)
            )

        if kind is model.Text:
            result += [
                (
                    f"{name}_{lang}",
                    functools.partial(part, name=name, attribute=lang),
                    spec("string"),
                )
                for lang in ("en", "vi")
            ]
        elif kind is model.SourceRef:
            getter = functools.partial(part, name=name, attribute="paragraph")
            result.append(("paragraph", getter, spec("integer", minimum=1)))
        elif kind is model.Period:
            result += [
                (
                    f"{name}_{attr}",
                    functools.partial(part, name=name, attribute=attr),
                    spec(ftype),
                )
                for attr, ftype in (
                    ("start", "date"),
                    ("end", "date"),
                    ("stated", "boolean"),
                )
            ]
        elif kind is model.Pillar:
            result.append(
                (
                    name,
                    functools.partial(part, name=name, attribute="id"),
                    spec("string"),
                )
            )
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            members = [m.value for m in kind]
            result.append(
                (name, functools.partial(part, name=name), spec("string", enum=members))
            )
        else:
            simple = {str: "string", int: "integer", bool: "boolean", dt.date: "date"}
            if kind == model.Value:
                column = spec("number", minimum=0)
            elif kind in simple:
                column = spec(simple[kind])
            else:  # tuple[str, ...]: ids, space-separated
                column = spec("string", optional=True)
            result.append((name, functools.partial(part, name=name), column))
    return result


def _rows(records: Iterable[Any], cls: type) -> tuple[list[str], list[list[str]]]:
    cols = columns(cls)
    header = [name for name, _, _ in cols]
    return header, [[_cell(get(r)) for _, get, _ in cols] for r in records]


def to_csv(records: Iterable[Indicator]) -> str:
    """Return indicators as one flat CSV table, a row per figure.

    Values are written exactly as stated (``99.7``), periods as ISO dates,
    relations as space-separated ids, texts in English and Vietnamese.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_csv
    >>> text = to_csv(vinhphuc_dx.load().indicators.filter(paragraph=3))
    >>> print(text.splitlines()[1].split(",1283,")[0][:57])
    budget.total,,"Digital transformation budget, 2014–2024",

    Args:
        records: The indicators, for example a filtered collection.

    Returns:
        The CSV text (no byte-order mark; :func:`write` adds one).
    """
    header, rows = _rows(records, Indicator)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# ---------------------------------------------------------------- writing


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    overwrite: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write *text* to *path* atomically.

    Args:
        path: Where to write.
        text: What to write.
        overwrite: Replace an existing file; without it, one is an error.
        encoding: The text encoding.

    Returns:
        The path written.

    Raises:
        FileExistsError: *path* exists and *overwrite* is false.
        OSError: The directory is missing or not writable, or the disk is full.
    """
    target = Path(path)
    if not overwrite and target.exists():
        msg = f"{target} exists; pass overwrite=True (--force) to replace it"
        raise FileExistsError(msg)
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write(
    report: Report,
    path: str | os.PathLike[str],
    fmt: str = "json",
    *,
    overwrite: bool = False,
) -> Path:
    """Export *report* to *path* in one of :data:`FORMATS`.

    Args:
        report: The report.
        path: A file for json, csv, sqlite and xlsx; a directory for
            datapackage.
        fmt: One of :data:`FORMATS`.
        overwrite: Replace what is there.

    Returns:
        The file written (``datapackage.json`` for a data package).

    Raises:
        ValueError: *fmt* is not one of :data:`FORMATS`.
        FileExistsError: The target exists and *overwrite* is false.
        ImportError: ``xlsx`` without openpyxl (the ``excel`` extra).

    .. versionchanged:: 0.2.0
       ``sqlite`` and ``xlsx``.
    """
    if fmt == "json":
        return write_text(path, to_json(report), overwrite=overwrite)
    if fmt == "csv":
        text = to_csv(report.indicators)
        return write_text(path, text, overwrite=overwrite, encoding=CSV_ENCODING)
    if fmt == "datapackage":
        return write_datapackage(report, path, overwrite=overwrite)
    if fmt == "sqlite":
        return write_sqlite(report, path, overwrite=overwrite)
    if fmt == "xlsx":
        return write_xlsx(report, path, overwrite=overwrite)
    msg = f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"
    raise ValueError(msg)


#: The data package's tables: the report's collection each comes from, and
#: the class of its records.
_TABLES: tuple[tuple[str, type], ...] = (
    ("pillars", Pillar),
    ("indicators", Indicator),
    ("directives", Directive),
    ("instruments", PolicyInstrument),
    ("projects", InvestmentProject),
    ("goals", Goal),
)


def _datapackage(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    """The descriptor and the CSV text of each table."""
    source = report.source
    resources = []
    tables: dict[str, str] = {}
    for name, record_class in _TABLES:
        header, rows = _rows(getattr(report, name), record_class)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        tables[f"{name}.csv"] = out.getvalue()
        fields = [{"name": col, **spec} for col, _, spec in columns(record_class)]
        schema: dict[str, Any] = {
            "fields": fields,
            "primaryKey": ["id"],
            "missingValues": [""],
        }
        if name == "indicators":
            schema["foreignKeys"] = [
                {
                    "fields": ["pillar"],
                    "reference": {"resource": "pillars", "fields": ["id"]},
                }
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "vinhphuc-dx",
        "title": (
            "Vĩnh Phúc digital transformation figures "
            "(Vietnam Business Forum, 2024-12-27)"
        ),
        "description": (
            "The figures, directives, policy instruments, investment projects "
            "and goals "
            "of one article, with unit, qualifier, period and paragraph. "
            f"Data revision {report.revision}."
        ),
        "version": f"{report.format_version}.{report.revision}",
        "sources": [
            {
                "title": f"{source.author}, {source.title.vi}, {source.outlet}, "
                f"{source.published.date().isoformat()}",
            }
        ],
        "licenses": [
            {
                "name": "MIT",
                "title": (
                    "MIT License (labels and descriptions); the facts are the article's"
                ),
            }
        ],
        "resources": resources,
    }
    return descriptor, tables


def write_datapackage(
    report: Report, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a Frictionless Data Package into *directory*.

    One CSV per table (pillars, indicators, directives, instruments,
    projects, goals) and ``datapackage.json`` with a Table Schema for each:
    field types, enum constraints, primary keys, the indicator → pillar
    foreign key, the source and the licence. Beside them, ``dataset.jsonld``:
    a schema.org ``Dataset`` description for search engines and catalogues.

    .. versionchanged:: 0.2.0
       ``dataset.jsonld``.

    Args:
        report: The report.
        directory: Where to write; created if missing.
        overwrite: Replace an existing package there.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        FileExistsError: *directory* holds a data package and *overwrite* is
            false.
    """
    target = Path(directory)
    descriptor, tables = _datapackage(report)
    if not overwrite and (target / "datapackage.json").exists():
        msg = f"{target} already holds a data package; pass overwrite=True (--force)"
        raise FileExistsError(msg)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        write_text(target / name, text, overwrite=True)
    from vinhphuc_dx._jsonld import to_jsonld  # noqa: PLC0415 - a sibling writer

    write_text(target / "dataset.jsonld", to_jsonld(report), overwrite=True)
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    # The descriptor last: a package is complete once it is there.
    return write_text(target / "datapackage.json", text, overwrite=True)


# ---------------------------------------------------------------- binary files


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write *data* to *path* atomically, through :func:`write_text`.

    Latin-1 maps each of the 256 byte values to one character and back, and
    :func:`write_text` translates no newline, so the file holds *data*
    exactly: one writer, whatever guarantees it gives, for text and binary.

    Args:
        path: Where to write.
        data: What to write.
        overwrite: Replace an existing file; without it, one is an error.

    Returns:
        The path written.

    Raises:
        FileExistsError: *path* exists and *overwrite* is false.

    .. versionadded:: 0.2.0
    """
    return write_text(
        path, data.decode("latin-1"), overwrite=overwrite, encoding="latin-1"
    )


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at *path* goes.

    >>> metadata_path("out/vinhphuc.db").as_posix()
    'out/vinhphuc.metadata.json'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def write_sqlite(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a SQLite database for Datasette, with its metadata.

    Beside ``FILE.db`` goes ``FILE.metadata.json``, for
    ``datasette FILE.db -m FILE.metadata.json``. See the module ``vinhphuc_dx._sqlite``
    for the tables, the exact values and the full-text search.

    Args:
        report: The report.
        path: The database file.
        overwrite: Replace the database and its metadata file.

    Returns:
        The database's path.

    Raises:
        FileExistsError: The database or its metadata file exists and
            *overwrite* is false; then neither is written.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _sqlite  # noqa: PLC0415 - only for this format

    target = Path(path)
    meta_path = metadata_path(target)
    if not overwrite and meta_path.exists():
        msg = f"{meta_path} exists; pass overwrite=True (--force) to replace it"
        raise FileExistsError(msg)
    meta = _sqlite.metadata(report, target.stem)
    written = write_bytes(target, _sqlite.to_sqlite(report), overwrite=overwrite)
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_text(meta_path, text, overwrite=overwrite)
    return written


def write_xlsx(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as an Excel workbook: a sheet per collection, and About.

    Needs openpyxl: ``pip install "vinhphuc-dx[excel]"``.

    Args:
        report: The report.
        path: The workbook file.
        overwrite: Replace an existing file.

    Returns:
        The path written.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        FileExistsError: *path* exists and *overwrite* is false.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _xlsx  # noqa: PLC0415 - only for this format

    return write_bytes(path, _xlsx.to_xlsx(report), overwrite=overwrite)

"""A schema.org ``Dataset`` description of the report, as JSON-LD.

What search engines and data catalogues read to find a data set: its name,
description, creator, the article it cites, licence, the time it covers
(the span of its figures' periods), the place (the former province, with
its ISO 3166-2 code, inside Vietnam) and each variable measured with its
unit. Written into the data package as ``dataset.jsonld`` and into the head
of the documentation's front page.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vinhphuc_dx import _vocabulary
from vinhphuc_dx._json import json_text
from vinhphuc_dx._vocabulary import CREATOR, LICENCE_URL, UNIT_MEANINGS, UNIT_NAMES

if TYPE_CHECKING:
    from vinhphuc_dx.model import Report

__all__ = ["dataset", "to_jsonld"]

#: UN/CEFACT common codes, where one exists (``P1`` percent, ``C62`` one).
_UNIT_CODE = {"count": "C62", "percent": "P1"}


def _place(name: str, code: str | None) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "AdministrativeArea", "name": name}
    if code is not None:
        place["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "ISO 3166-2",
            "value": code,
        }
    return place


def dataset(report: Report) -> dict[str, Any]:
    """The schema.org ``Dataset`` describing *report*, as a JSON-ready dict.

    >>> import vinhphuc_dx
    >>> described = dataset(vinhphuc_dx.load())
    >>> described["@type"], described["temporalCoverage"]
    ('Dataset', '2014-01-01/2024-12-31')
    >>> described["spatialCoverage"]["identifier"]["value"]
    'VN-70'

    Args:
        report: The report; it is only read.

    Returns:
        A dict for :func:`json.dumps`.
    """
    source, context = report.source, report.context
    about = _vocabulary.dataset(report)
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": source.title.vi,
        "alternativeHeadline": source.title.en,
        "author": {"@type": "Person", "name": source.author},
        "publisher": {"@type": "Organization", "name": source.outlet},
        "datePublished": source.published.isoformat(),
        "inLanguage": source.language,
        **({"url": source.url} if source.url else {}),
    }
    periods = [figure.period for figure in report.indicators]
    coverage = (
        f"{min(p.start for p in periods).isoformat()}/"
        f"{max(p.end for p in periods).isoformat()}"
        if periods
        else source.published.date().isoformat()
    )
    place = _place(context.former_province.en, context.former_province_code)
    place["containedInPlace"] = {
        "@type": "Country",
        "name": "Vietnam",
        "identifier": "VN",
    }
    successor = context.successor.en + (
        f" (ISO 3166-2 {context.successor_code})" if context.successor_code else ""
    )
    place["description"] = f"{context.description.en} Successor: {successor}."
    variables = []
    for figure in report.indicators:
        unit = figure.unit.value
        variable: dict[str, Any] = {
            "@type": "PropertyValue",
            "propertyID": figure.id,
            "name": figure.label.en,
            "alternateName": figure.label.vi,
            "description": figure.description.en,
            "unitText": UNIT_NAMES[unit],
            **({"unitCode": _UNIT_CODE[unit]} if unit in _UNIT_CODE else {}),
        }
        variables.append(variable)
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": about["title"],
        "alternateName": "vinhphuc-dx",
        "description": (
            f"{about['description']} {about['merger']} Units: "
            + "; ".join(f"{u}: {m}" for u, m in UNIT_MEANINGS.items())
            + "."
        ),
        "creator": {"@type": "Organization", "name": CREATOR},
        "citation": article,
        "isBasedOn": article,
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": ["vi", "en"],
        "keywords": [
            "Vĩnh Phúc",
            "Vietnam",
            "digital transformation",
            "chuyển đổi số",
            "e-government",
            "digital economy",
        ],
        "version": f"{report.format_version}.{report.revision}",
        "temporalCoverage": coverage,
        "spatialCoverage": place,
        "variableMeasured": variables,
    }


def to_jsonld(report: Report) -> str:
    """:func:`dataset` as indented JSON-LD text, ending in a newline."""
    return json_text(dataset(report))

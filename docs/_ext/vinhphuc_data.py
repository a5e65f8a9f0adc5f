"""Generate the data reference pages and the charts from the bundled report.

Runs when the builder starts: it writes reStructuredText tables and PNG
charts into ``docs/_generated/``, which the pages include. Every number in
them comes from ``vinhphuc_dx.load()``; none is typed by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import vinhphuc_dx

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SIGN = {"more_than": "over ", "approximately": "about ", "exact": ""}
UNIT = {"count": "", "percent": " %", "billion_vnd": " billion VND"}


def _cell(text: object) -> str:
    """A table cell: escaped for reStructuredText, on one line."""
    value = "" if text is None else str(text)
    for char in ("\\", "*", "`", "|", "_"):
        value = value.replace(char, "\\" + char)
    return " ".join(value.split()) or "—"


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(map(str, widths))}",
        "",
    ]
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return "\n".join(lines) + "\n"


def _period(figure: vinhphuc_dx.Indicator) -> str:
    period = figure.period
    if not period.stated:
        return f"unstated (held at {period.start})"
    return f"{period.start} – {period.end}"


def _indicators(report: vinhphuc_dx.Report) -> str:
    parts = []
    groups: list[tuple[str, Any]] = [("Cross-cutting", None)]
    groups += [(p.name.en + " · " + p.name.vi, p) for p in report.pillars]
    for title, pillar in groups:
        figures = report.indicators.filter(pillar=pillar)
        rows = [
            [
                f"``{f.id}``",
                _cell(f.label.en) + " |br| " + _cell(f.label.vi),
                _cell(
                    f"{SIGN[f.qualifier.value]}{f.value}{UNIT[f.unit.value]}"
                    + (" (estimate)" if f.estimated else "")
                ),
                _cell(_period(f)),
                str(f.source.paragraph),
            ]
            for f in figures
        ]
        parts.append(f"{title}\n{'~' * len(title) * 2}\n\n")
        parts.append(
            _table(
                ["id", "label (en · vi)", "value", "period", "¶"],
                rows,
                [24, 36, 16, 18, 6],
            )
        )
        parts.append("\n")
    return "".join(parts)


def _records(records: Any, columns: list[tuple[str, Any]], widths: list[int]) -> str:
    rows = [[get(r) for _, get in columns] for r in records]
    return _table([name for name, _ in columns], rows, widths)


def _bilingual(text: vinhphuc_dx.Text | None) -> str:
    return "—" if text is None else _cell(text.en) + " |br| " + _cell(text.vi)


def _pages(report: vinhphuc_dx.Report) -> dict[str, str]:
    source_ref = ("¶", lambda r: str(r.source.paragraph))
    return {
        "indicators.rst": _indicators(report),
        "directives.rst": _records(
            report.directives,
            [
                ("id", lambda r: f"``{r.id}``"),
                ("number", lambda r: f"``{r.number}``"),
                ("issuer", lambda r: _bilingual(r.issuer)),
                ("subject", lambda r: _bilingual(r.subject)),
                source_ref,
            ],
            [18, 8, 30, 38, 6],
        ),
        "instruments.rst": _records(
            report.instruments,
            [
                ("id", lambda r: f"``{r.id}``"),
                ("kind", lambda r: f"``{r.kind.value}``"),
                ("title", lambda r: _bilingual(r.title)),
                source_ref,
            ],
            [30, 16, 48, 6],
        ),
        "projects.rst": _records(
            report.projects,
            [
                ("id", lambda r: f"``{r.id}``"),
                (
                    "name and location",
                    lambda r: _bilingual(r.name) + " |br| " + _bilingual(r.location),
                ),
                ("status", lambda r: _bilingual(r.status)),
                ("milestone", lambda r: _bilingual(r.milestone)),
                ("coordinator", lambda r: _bilingual(r.coordinator)),
                source_ref,
            ],
            [14, 20, 20, 20, 20, 6],
        ),
        "goals.rst": _records(
            report.goals,
            [
                ("id", lambda r: f"``{r.id}``"),
                ("goal", lambda r: _bilingual(r.label)),
                ("horizon", lambda r: str(r.horizon or "—")),
                source_ref,
            ],
            [30, 50, 10, 6],
        ),
        "findings.rst": _records(
            report.check(),
            [
                ("rule", lambda f: f"``{f.rule}``"),
                ("holds", lambda f: "yes" if f.holds else "**no**"),
                ("what was checked", lambda f: _cell(f.message)),
            ],
            [10, 8, 82],
        ),
        "notes.rst": _records(
            [
                r
                for name in ("indicators", "directives", "goals")
                for r in getattr(report, name)
                if r.note
            ],
            [
                ("id", lambda r: f"``{r.id}``"),
                ("¶", lambda r: str(r.source.paragraph)),
                ("note", lambda r: _bilingual(r.note)),
            ],
            [30, 6, 64],
        ),
    }


def _charts(report: vinhphuc_dx.Report, out: Path) -> None:
    import matplotlib as mpl  # noqa: PLC0415 - a docs dependency only

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    figures = report.indicators

    def bars(ids: list[str], title: str, name: str, colour: str) -> None:
        chosen = [figures.get(i) for i in ids]
        labels = [f"{f.label.vi}\n{f.label.en}" for f in chosen]
        values = [float(f.value) for f in chosen]
        fig, ax = plt.subplots(figsize=(8, 0.9 + 0.8 * len(chosen)), dpi=110)
        ax.barh(labels[::-1], values[::-1], color=colour)
        for y, value in enumerate(values[::-1]):
            ax.text(value, y, f" {value:,.0f}", va="center", fontsize=9)
        ax.set_title(title, fontsize=11)
        ax.set_xlim(0, max(values) * 1.18)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=8.5)
        paragraph = chosen[0].source.paragraph
        fig.text(
            0.99,
            0.01,
            f"Source: {report.source.outlet}, "
            f"{report.source.published:%d %b %Y}, ¶{paragraph}",
            ha="right",
            fontsize=7,
            color="#555",
        )
        fig.tight_layout()
        fig.savefig(out / name)
        plt.close(fig)

    bars(
        [
            "gov.online-services.full-process",
            "gov.online-services.partial",
            "gov.online-services.information",
        ],
        "Dịch vụ công theo mức độ trực tuyến\n"
        "Public services by level of online provision",
        "services.png",
        "#2b6cb0",
    )
    bars(
        [
            "gov.documents.incoming",
            "gov.documents.outgoing",
            "gov.documents.outgoing-signed",
        ],
        "Văn bản điện tử, 6 tháng đầu 2024\nElectronic documents, H1 2024",
        "documents.png",
        "#2f855a",
    )


def generate(app: Sphinx) -> None:
    """Write the generated pages and charts (the builder-inited hook)."""
    out = Path(app.srcdir) / "_generated"
    out.mkdir(exist_ok=True)
    report = vinhphuc_dx.load()
    for name, text in _pages(report).items():
        path = out / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
    _charts(report, out)


def dataset_head(
    app: Sphinx,
    pagename: str,
    _template: str,
    context: dict[str, Any],
    _doctree: object,
) -> None:
    """Put the schema.org Dataset description in the front page's HTML head."""
    if pagename != app.config.root_doc:
        return
    from vinhphuc_dx._jsonld import to_jsonld  # noqa: PLC0415 - HTML pages only

    # "</" could close the script element early; JSON reads "<\/" the same.
    text = to_jsonld(vinhphuc_dx.load()).replace("</", "<\\/")
    script = f'<script type="application/ld+json">\n{text}</script>\n'
    context["metatags"] = context.get("metatags", "") + script


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks."""
    app.connect("builder-inited", generate)
    app.connect("html-page-context", dataset_head)
    return {"parallel_read_safe": True, "version": "1"}

"""Generate the data reference pages and the charts from the bundled report.

Runs when the builder starts: it writes reStructuredText tables and PNG
charts into ``docs/_generated/``, which the pages include. Every number in
them comes from ``vinhphuc_dx.load()``; none is typed by hand.

How the tables read (the styles are in ``docs/_static/vinhphuc.css``):

* Each text is marked with its language, ``:en:`…``` and ``:vi:`…```, two
  roles registered here that give the HTML ``lang="en"`` / ``lang="vi"``
  (docutils turns a ``language-xx`` class into that attribute, which the
  styles select). English comes first; the Vietnamese follows on its own
  line, in a muted colour. Vietnamese that has no English beside it (a
  figure as the article prints it, a person's name) is marked
  ``:viplain:`…``` (a name ``:viname:`…```, which never breaks):
  ``lang="vi"`` too, but in the text's colour and flow.
* Ids never break at their hyphens; values are grouped as the charts'
  captions are (``1,865``, ``99.7``).
* Every table has the class ``vp-data``: on a phone its rows become stacked
  blocks, each value preceded by its column's name (the ``:colname:`` role,
  hidden on wider screens where the header row says it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import unescape

import vinhphuc_dx

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

#: A column: its header, and how a record gives its cell (reStructuredText).
Column = tuple[str, "Callable[[Any], str]"]


def _escaped(text: object) -> str:
    """Text escaped for reStructuredText, on one line."""
    value = "" if text is None else str(text)
    for char in ("\\", "*", "`", "|", "_"):
        value = value.replace(char, "\\" + char)
    return " ".join(value.split())


def _cell(text: object) -> str:
    """A table cell of plain text; a dash when there is none."""
    return _escaped(text) or "—"


def _id(record_id: str) -> str:
    """An id, as code that never breaks at its hyphens."""
    return f":recordid:`{_escaped(record_id)}`"


def _bilingual(text: vinhphuc_dx.Text | None) -> str:
    """The English, then the Vietnamese, each marked with its language."""
    if text is None:
        return "—"
    return f":en:`{_escaped(text.en)}` :vi:`{_escaped(text.vi)}`"


def _as_written(figure: vinhphuc_dx.Indicator) -> str:
    """The figure as the article prints it, in quotation marks, in Vietnamese."""
    if figure.as_written is None:
        return "—"
    return f":viplain:`“{_escaped(figure.as_written)}”`"


def _person_name(report: vinhphuc_dx.Report, person_id: str | None) -> str:
    """The name of the person a record is attributed to; a dash for no one."""
    if person_id is None:
        return "—"
    return f":viname:`{_escaped(report.people.get(person_id).name)}`"


def _pillar(record: Any) -> str:
    """The name of a record's pillar; a dash when it has none."""
    return "—" if record.pillar is None else _bilingual(record.pillar.name)


def _number(value: Any) -> str:
    """A value grouped the English way, as the charts' captions are."""
    from vinhphuc_dx.model import format_number

    return format_number(value)


def _value(figure: vinhphuc_dx.Indicator) -> str:
    """A figure as the package reads it: "over 1,283 billion VND"."""
    return _cell(figure.value_text())


def _period(figure: vinhphuc_dx.Indicator) -> str:
    """The period, or "unstated" (the page says once what that means)."""
    period = figure.period
    if not period.stated:
        return "unstated"
    return f":nobreak:`{period.start} –` :nobreak:`{period.end}`"


def _paragraph(record: Any) -> str:
    return str(record.source.paragraph)


def _table(
    records: Iterable[Any], columns: list[Column], widths: list[int], name: str
) -> str:
    """A list-table of *records*, one row each, one column per *columns*.

    Every cell but the first starts with its column's name (``:colname:``),
    shown only where the table is read as stacked blocks (on a phone).
    """
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(map(str, widths))}",
        f"   :class: vp-data vp-{name}",
        "",
    ]
    header = [title for title, _ in columns]
    # "value: 954", but "¶ 10": the sign is a name and a colon at once.
    names = [_escaped(t if t == "¶" else f"{t}:") for t in header]
    rows = [header]
    for record in records:
        cells = [get(record) for _, get in columns]
        rows.append(
            [cells[0]]
            + [f":colname:`{n}` {c}" for n, c in zip(names[1:], cells[1:], strict=True)]
        )
    for row in rows:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return "\n".join(lines) + "\n"


#: The columns of the figures' tables. This is the one place to add a column:
#: add a ``(header, cell)`` pair here and a width to FIGURE_WIDTHS.
FIGURE_COLUMNS: list[Column] = [
    ("figure", lambda f: f"{_id(f.id)} {_bilingual(f.label)}"),
    ("value", _value),
    ("as written", _as_written),
    ("period", _period),
    ("¶", _paragraph),
]
FIGURE_WIDTHS = [44, 16, 20, 14, 6]


def _indicators(report: vinhphuc_dx.Report) -> str:
    parts = []
    groups: list[tuple[str, Any]] = [("Cross-cutting", None)]
    groups += [(f":en:`{p.name.en}` · :vi:`{p.name.vi}`", p) for p in report.pillars]
    for title, pillar in groups:
        figures = report.indicators.filter(pillar=pillar)
        parts.append(f"{title}\n{'~' * len(title)}\n\n")
        parts.append(_table(figures, FIGURE_COLUMNS, FIGURE_WIDTHS, "figures"))
        parts.append("\n")
    return "".join(parts)


def _blocks(records: Iterable[Any], fields: list[Column], title: Column) -> str:
    """One block per record: its *title*, then one of *fields* a line.

    For records of several long texts in two languages, which a table row
    would stack in a few narrow cells.
    """
    parts = []
    for record in records:
        parts.append(f".. rubric:: {title[1](record)}\n")
        parts.append("   :class: vp-record-title\n\n")
        parts.append(".. container:: vp-record\n\n")
        parts.extend(f"   :{name}: {get(record)}\n" for name, get in fields)
        parts.append("\n")
    return "".join(parts)


def _projects(report: vinhphuc_dx.Report) -> str:
    """A block per project: a project has five texts in two languages."""
    return _blocks(
        report.projects,
        [
            ("id", lambda r: _id(r.id)),
            ("investor", lambda r: _bilingual(r.investor)),
            ("location", lambda r: _bilingual(r.location)),
            ("status", lambda r: _bilingual(r.status)),
            ("milestone", lambda r: _bilingual(r.milestone)),
            ("coordinator", lambda r: _bilingual(r.coordinator)),
            ("note", lambda r: _bilingual(r.note)),
            ("attributed to", lambda r: _person_name(report, r.attributed_to)),
            ("¶", _paragraph),
        ],
        ("project", lambda r: _bilingual(r.name)),
    )


def _statements(report: vinhphuc_dx.Report) -> str:
    """A block per statement: its label, then what it says, at full width."""
    return _blocks(
        report.statements,
        [
            ("id", lambda r: _id(r.id)),
            ("says", lambda r: _bilingual(r.text)),
            ("pillar", _pillar),
            ("attributed to", lambda r: _person_name(report, r.attributed_to)),
            ("note", lambda r: _bilingual(r.note)),
            ("¶", _paragraph),
        ],
        ("statement", lambda r: _bilingual(r.label)),
    )


def _pages(report: vinhphuc_dx.Report) -> dict[str, str]:
    paragraph: Column = ("¶", _paragraph)
    attributed: Column = (
        "attributed to",
        lambda r: _person_name(report, r.attributed_to),
    )
    return {
        "indicators.rst": _indicators(report),
        "directives.rst": _table(
            report.directives,
            [
                ("directive", lambda r: f"{_id(r.id)} :nobreak:`No. {r.number}`"),
                ("issuer", lambda r: _bilingual(r.issuer)),
                ("subject", lambda r: _bilingual(r.subject)),
                attributed,
                paragraph,
            ],
            [18, 30, 32, 14, 6],
            "directives",
        ),
        "instruments.rst": _table(
            report.instruments,
            [
                ("instrument", lambda r: f"{_id(r.id)} {_bilingual(r.title)}"),
                ("kind", lambda r: f"``{r.kind.value}``"),
                paragraph,
            ],
            [72, 20, 8],
            "instruments",
        ),
        "projects.rst": _projects(report),
        "goals.rst": _table(
            report.goals,
            [
                ("goal", lambda r: f"{_id(r.id)} {_bilingual(r.label)}"),
                ("horizon", lambda r: str(r.horizon or "—")),
                attributed,
                paragraph,
            ],
            [64, 12, 16, 8],
            "goals",
        ),
        "people.rst": _table(
            report.people,
            [
                ("person", lambda r: f"{_id(r.id)} :viplain:`{_escaped(r.name)}`"),
                ("role", lambda r: _bilingual(r.role)),
                paragraph,
            ],
            [36, 56, 8],
            "people",
        ),
        "statements.rst": _statements(report),
        "findings.rst": _table(
            report.check(),
            [
                ("rule", lambda f: f"``{f.rule}``"),
                ("holds", lambda f: "yes" if f.holds else "**no**"),
                ("what was checked", lambda f: _cell(f.message)),
            ],
            [12, 10, 78],
            "findings",
        ),
        "notes.rst": _table(
            [
                r
                for name in ("indicators", "directives", "goals")
                for r in getattr(report, name)
                if r.note
            ],
            [
                ("record and note", lambda r: f"{_id(r.id)} {_bilingual(r.note)}"),
                paragraph,
            ],
            [92, 8],
            "notes",
        ),
    }


def _charts(report: vinhphuc_dx.Report, out: Path) -> None:
    import matplotlib as mpl
    import matplotlib.ticker

    mpl.use("Agg")
    import matplotlib.pyplot as plt

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
        ax.xaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
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


def _classed(
    *classes: str, node_class: type[nodes.TextElement] = nodes.inline
) -> Callable[..., tuple[list[nodes.Node], list[Any]]]:
    """A role that wraps its text in a *node_class* node of *classes*."""

    def role(
        _name: str,
        rawtext: str,
        text: str,
        _lineno: int,
        _inliner: Inliner,
        _options: dict[str, Any] | None = None,
        _content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[Any]]:
        node = node_class(rawtext, unescape(text), classes=list(classes))
        return [node], []

    return role


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
    from vinhphuc_dx._jsonld import to_jsonld

    # "</" could close the script element early; JSON reads "<\/" the same.
    text = to_jsonld(vinhphuc_dx.load()).replace("</", "<\\/")
    script = f'<script type="application/ld+json">\n{text}</script>\n'
    context["metatags"] = context.get("metatags", "") + script


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks and the roles the generated tables use."""
    app.connect("builder-inited", generate)
    app.connect("html-page-context", dataset_head)
    # docutils writes a "language-xx" class as the HTML attribute lang="xx".
    app.add_role("en", _classed("language-en"))
    app.add_role("vi", _classed("language-vi"))
    # Vietnamese shown as it is, in the text's colour and flow: a figure as
    # printed, a person's name.
    app.add_role("viplain", _classed("language-vi", "vp-vi-plain"))
    app.add_role("viname", _classed("language-vi", "vp-vi-plain", "vp-nobreak"))
    app.add_role("nobreak", _classed("vp-nobreak"))
    app.add_role("recordid", _classed("vp-nobreak", node_class=nodes.literal))
    app.add_role("colname", _classed("vp-colname"))
    return {"parallel_read_safe": True, "version": "2"}

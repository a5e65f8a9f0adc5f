"""What every record with an id shares: its repr, a line, a citation, a table.

:class:`_Record` is the base of the record classes of
:mod:`vinhphuc_dx._records` (a :class:`~vinhphuc_dx._values._Shown`, so its
repr, equality and hash are the shared ones).
"""

from __future__ import annotations

import attrs

from vinhphuc_dx._values import Source, _Shown
from vinhphuc_dx._wording import cell, words


class _Record(_Shown):
    """What every record with an id shares: its repr, a table for notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Each field and its value, for Jupyter and other notebooks."""
        import html  # noqa: PLC0415 - notebooks only

        cells = [
            (field.name, html.escape(cell(getattr(self, field.name))))
            for field in attrs.fields(type(self))  # type: ignore[arg-type]
        ]
        rows = "".join(f"<tr><th>{n}</th><td>{v}</td></tr>" for n, v in cells)
        return f"<table><caption>{type(self).__name__}</caption>{rows}</table>"

    def describe(self, lang: str = "en") -> str:
        """The record in a line, as a person reads it, in *lang*.

        Its label (or name, title, subject) and the paragraph that states
        it; a figure also gives its value as the article states it.

        >>> import vinhphuc_dx
        >>> report = vinhphuc_dx.load()
        >>> report.pillars.get("digital-society").describe()
        'Digital society'
        >>> report.directives.get("directive.05").describe()[-13:]
        '(paragraph 5)'
        >>> report.indicators.get("budget.total").describe("vi")
        'Ngân sách đầu tư cho chuyển đổi số 2014–2024: trên 1.283 tỷ đồng (đoạn 3)'

        Args:
            lang: ``"en"`` (the default, also what ``str()`` gives) or
                ``"vi"``.

        Returns:
            One line of text.

        Raises:
            ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

        .. versionadded:: 0.2.0
        """
        said = words(lang)
        from vinhphuc_dx._labels import label_strings  # noqa: PLC0415 - sits below

        label = label_strings(self)
        name = (label[0] if lang == "vi" else label[1]) if label else self.id  # type: ignore[attr-defined]
        source = getattr(self, "source", None)
        where = f" ({said['paragraph']} {source.paragraph})" if source else ""
        return name + where

    def __str__(self) -> str:
        return self.describe()

    def cite(self, style: str = "apa", *, source: Source | None = None) -> str:
        """Return a citation of this record: what it says, its paragraph, the article.

        A figure is named as stated: value, qualifier, unit, estimate,
        period and, where the record has it, the figure as written.

        >>> import vinhphuc_dx
        >>> budget = vinhphuc_dx.load().indicators.get("budget.total")
        >>> print(budget.cite("apa")[:70])
        Budget for investment in digital transformation, 2014–2024: over 1,283

        Args:
            style: ``"apa"``, ``"bibtex"`` (the paragraph and the figure in
                ``note``) or ``"csl-json"`` (a CSL citation object: the
                article as ``itemData``, ``locator`` the paragraph, ``label``
                ``"paragraph"``).
            source: The article the record comes from; the bundled report's
                when omitted (once :func:`vinhphuc_dx.load` has been used in
                this process). Pass ``report.source`` for a record of a
                report loaded from a file, or built in code.

        Returns:
            The citation text, ending in a newline.

        Raises:
            ValueError: *style* is unknown, or the record has no paragraph
                (a pillar): cite the article with :meth:`Source.cite`; or no
                *source* is given and no report has been loaded.

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._cite import cite_record  # noqa: PLC0415 - only when citing

        return cite_record(self, source, style)

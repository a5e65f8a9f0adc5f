"""Hypothesis strategies for records and whole reports."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from vinhphuc_dx import (
    AdministrativeContext,
    Indicator,
    Period,
    Person,
    Pillar,
    Qualifier,
    Records,
    Report,
    Source,
    SourceRef,
    Statement,
    Text,
    Unit,
)
from vinhphuc_dx.model import FORMAT_VERSION

#: Letters a Vietnamese label is made of, with and without diacritics.
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"

words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=5).map(" ".join)
texts = st.builds(Text, vi=phrases, en=phrases)
slugs = st.from_regex(
    r"[a-z][a-z0-9]{0,6}(\.[a-z0-9][a-z0-9-]{0,6}){1,2}", fullmatch=True
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(dates)
    end = draw(st.dates(min_value=start, max_value=dt.date(2040, 12, 31)))
    return Period(start, end, stated=draw(st.booleans()))


values = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(
        lambda d: d.normalize() if d != d.to_integral_value() else d
    ),
)

PILLARS = (
    Pillar(
        "digital-government",
        Text("Chính quyền số", "Digital government"),
        Text("a", "b"),
    ),
    Pillar("digital-economy", Text("Kinh tế số", "Digital economy"), Text("c", "d")),
    Pillar("digital-society", Text("Xã hội số", "Digital society"), Text("e", "f")),
)


@st.composite
def indicators(draw: st.DrawFn, ids: st.SearchStrategy[str] = slugs) -> Indicator:
    return Indicator(
        id=draw(ids),
        pillar=draw(st.sampled_from((None, *PILLARS))),
        label=draw(texts),
        description=draw(texts),
        value=draw(values),
        unit=draw(st.sampled_from(Unit)),
        qualifier=draw(st.sampled_from(Qualifier)),
        estimated=draw(st.booleans()),
        period=draw(periods()),
        source=SourceRef(draw(st.integers(min_value=1, max_value=40))),
        note=draw(st.none() | texts),
        as_written=draw(st.none() | phrases),
    )


# Prefixed with an underscore, which figure slugs never hold: ids stay unique
# across the report.
people = st.builds(
    Person,
    id=slugs.map("p_".__add__),
    name=phrases,
    role=texts,
    source=st.builds(SourceRef, st.integers(min_value=1, max_value=40)),
)


SOURCE = Source(
    title=Text("Tiêu đề", "Title"),
    outlet="Outlet",
    author="Author",
    published=dt.datetime(
        2024, 12, 27, 14, 15, 24, tzinfo=dt.timezone(dt.timedelta(hours=7))
    ),
    language="vi",
)
CONTEXT = AdministrativeContext(
    former_province=Text("A", "A"),
    successor=Text("B", "B"),
    merged=(Text("A", "A"), Text("C", "C")),
    effective=dt.date(2025, 7, 1),
    districts_abolished=True,
    description=Text("x", "y"),
)


@st.composite
def reports(draw: st.DrawFn, max_size: int = 12) -> Report:
    """Small valid reports whose relations name their own indicators."""
    figures = draw(st.lists(indicators(), max_size=max_size, unique_by=lambda i: i.id))
    if len(figures) >= 3 and draw(st.booleans()):
        # Relate the first figure to the next two: a sum, maybe a rate.
        first, a, b = figures[:3]
        rate = draw(st.booleans())
        figures[0] = attrs.evolve(
            first,
            parts=(a.id, b.id),
            numerator=a.id if rate else None,
            denominator=b.id if rate else None,
        )
        figures[1] = attrs.evolve(a, part_of=b.id)
    who = draw(st.lists(people, max_size=3, unique_by=lambda p: p.id))
    names = st.none() | st.sampled_from([p.id for p in who]) if who else st.none()
    figures = [attrs.evolve(f, attributed_to=draw(names)) for f in figures]
    claims = draw(
        st.lists(
            st.builds(
                Statement,
                id=slugs.map("s_".__add__),
                pillar=st.sampled_from((None, *PILLARS)),
                label=texts,
                text=texts,
                source=st.builds(SourceRef, st.integers(min_value=1, max_value=40)),
                attributed_to=names,
            ),
            max_size=3,
            unique_by=lambda s: s.id,
        )
    )
    return Report(
        format_version=FORMAT_VERSION,
        revision=draw(st.integers(min_value=1, max_value=99)),
        source=SOURCE,
        context=CONTEXT,
        pillars=Records(PILLARS),
        indicators=Records(figures),
        directives=Records(()),
        instruments=Records(()),
        projects=Records(()),
        goals=Records(()),
        people=Records(who),
        statements=Records(claims),
    )

"""Hypothesis strategies for records and whole reports."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

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
    unit = draw(st.sampled_from(Unit))
    return Indicator(
        id=draw(ids),
        pillar=draw(st.sampled_from((None, *PILLARS))),
        label=draw(texts),
        description=draw(texts),
        # A count is a whole number.
        value=draw(
            values.filter(lambda v: type(v) is int) if unit is Unit.COUNT else values
        ),
        unit=unit,
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
        # Parts count what their whole counts; a stated rate is a percentage.
        unit = Unit.PERCENT if rate else first.unit
        first, a, b = (
            attrs.evolve(f, unit=unit, value=draw(st.integers(0, 10**6)))
            for f in (first, a, b)
        )
        figures[0] = attrs.evolve(
            first,
            parts=(a.id, b.id),
            numerator=a.id if rate else None,
            denominator=b.id if rate else None,
        )
        figures[1] = attrs.evolve(a, part_of=b.id)
        figures[2] = b
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


# ---------------------------------------------------------------- mutated files
# A report file damaged as an attacker or an unlucky user would: any value
# replaced by any JSON value, keys deleted, added and repeated, deep nesting,
# numbers spelled every way JSON allows. The strategies know nothing of the
# format's fields: they walk whatever JSON the bundled file holds, so fields
# added later are mutated too.


class Obj:
    """A JSON object as its list of pairs, so that a key may repeat."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs

    def __repr__(self) -> str:
        return f"Obj({self.pairs!r})"


class Raw:
    """JSON text written as is: a number's spelling, a deep nest."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        text = self.text if len(self.text) < 60 else self.text[:57] + "..."
        return f"Raw({text!r})"


def as_tree(value: Any) -> Any:
    """Parsed JSON (dicts, lists, scalars) as a tree of Obj and lists."""
    if isinstance(value, dict):
        return Obj([(k, as_tree(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [as_tree(v) for v in value]
    return value


def render(tree: Any, *, ascii_only: bool = True) -> bytes:
    """The tree as the bytes of a JSON file.

    ``ascii_only`` writes every non-ASCII character as a ``\\u`` escape (a lone
    surrogate among them); otherwise as UTF-8, a lone surrogate as bytes no
    UTF-8 decoder accepts.
    """
    parts: list[str] = []
    stack: list[Any] = [tree]
    while stack:  # iterative: a tree may nest deeply
        node = stack.pop()
        if isinstance(node, Raw):
            parts.append(node.text)
        elif isinstance(node, Obj):
            items: list[Any] = [_OPEN_OBJ]
            for i, (key, value) in enumerate(node.pairs):
                items.extend((_COMMA,) if i else ())
                items.extend((key, _COLON, value))
            items.append(_CLOSE_OBJ)
            stack.extend(reversed(items))
        elif isinstance(node, list):
            items = [_OPEN_LIST]
            for i, value in enumerate(node):
                items.extend((_COMMA, value) if i else (value,))
            items.append(_CLOSE_LIST)
            stack.extend(reversed(items))
        elif isinstance(node, str):
            parts.append(json.dumps(node, ensure_ascii=ascii_only))
        elif isinstance(node, Decimal):
            parts.append(str(node))
        else:  # None, bool, int
            parts.append(json.dumps(node))
    return "".join(parts).encode("utf-8", "surrogatepass")


_OPEN_OBJ, _CLOSE_OBJ, _OPEN_LIST, _CLOSE_LIST = Raw("{"), Raw("}"), Raw("["), Raw("]")
_COMMA, _COLON = Raw(","), Raw(":")


def _places(tree: Any) -> tuple[list[tuple[Any, int]], list[Any]]:
    """Every slot of the tree (a pair of an Obj, an item of a list), and every container."""
    slots: list[tuple[Any, int]] = []
    containers: list[Any] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Obj):
            containers.append(node)
            for i, (_, value) in enumerate(node.pairs):
                slots.append((node, i))
                stack.append(value)
        elif isinstance(node, list):
            containers.append(node)
            for i, value in enumerate(node):
                slots.append((node, i))
                stack.append(value)
    return slots, containers


def _get(container: Any, slot: int) -> Any:
    return container.pairs[slot][1] if isinstance(container, Obj) else container[slot]


def _set(container: Any, slot: int, value: Any) -> None:
    if isinstance(container, Obj):
        container.pairs[slot] = (container.pairs[slot][0], value)
    else:
        container[slot] = value


#: Numbers at and past every bound, and spellings JSON allows or not.
SPECIAL_NUMBERS = (
    "1e9999999999999999999",
    "1e999999999",
    "-1e999999999",
    "1E-400",
    "1e-999999999",
    "0e1000",
    "0E-1000",
    "-0",
    "-0.0",
    "0.000000000000001",
    "0.0000000000000001",
    "99.70000000000000000000000000001",
    "99.700000000000000",
    "1" * 4301,
    "1" * 4300,
    "9" * 16,
    "9" * 15,
    "999999999999999.9",
    "1000000000000000",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.5",
    "-1",
    "0",
    "1e2",
    "1E+2",
    "100e-2",
    "0.1e1",
    "1.0",
    "01",
    "1.",
    ".5",
    "+1",
)
#: Texts a report must refuse or hold: empty, NUL, surrogates, bidi and
#: invisible marks, other normal forms, a long one, and valid-looking ones.
SPECIAL_TEXTS = (
    "",
    " ",
    "\t",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff",
    "\udc00\ud800",
    "\u202egnp.exe",
    "id\u200b",
    "\u2066x\u2069",
    "\ufeff",
    "e\u0301",
    "\u00e9",
    "\ufb01",
    "\uff41",
    "\u3164",
    "\U000e0001",
    "\U0010ffff",
    "a b",
    "=HYPERLINK(1)",
    "x" * 100_000,
    "digital-economy",
    "count",
    "percent",
    "directive",
    "exact",
    "2024-02-30",
    "2024-01-01",
    "2024-12-27T14:15:24+07:00",
    "1",
)
_NUMBER_TEXT = r"-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,22})?"

any_chars = st.characters(exclude_categories=())  # surrogates included
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from(SPECIAL_NUMBERS).map(Raw),
    st.from_regex(_NUMBER_TEXT, fullmatch=True).map(Raw),
    st.sampled_from(SPECIAL_TEXTS),
    st.text(any_chars, max_size=12),
)
keys = st.one_of(st.text(any_chars, max_size=8), st.sampled_from(SPECIAL_TEXTS[:20]))
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(st.tuples(keys, inner), max_size=4).map(Obj)
    ),
    max_leaves=8,
)


def respell(value: Any, choice: int) -> Raw | None:
    """Another JSON spelling of the number *value*, or None for no number."""
    if type(value) is int:
        ways = (
            f"{value}.0",
            f"{value}e0",
            f"{value}E+0",
            f"{value}0e-1",
            f"{value}.000E0",
        )
    elif type(value) is Decimal:
        ways = (format(value, "E"), format(value, "e"), f"{value}0", f"{value}e-0")
    else:
        return None
    return Raw(ways[choice % len(ways)])


def nested(depth: int, *, lists: bool) -> Raw:
    """A value nested *depth* levels deep."""
    if lists:
        return Raw("[" * depth + "1" + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * depth)


def _replace(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    _set(container, slot, draw(json_values))


def _delete(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    del (container.pairs if isinstance(container, Obj) else container)[slot]


def _add(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    containers = _places(tree)[1]
    target = containers[draw(st.integers(0, len(containers) - 1))]
    value = draw(json_values)
    if isinstance(target, Obj):
        known = sorted(
            {k for c in containers if isinstance(c, Obj) for k, _ in c.pairs}
        )
        target.pairs.append((draw(st.sampled_from(known) | keys), value))
    else:
        target.insert(draw(st.integers(0, len(target))), value)


def _repeat(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    if isinstance(container, Obj):
        key, value = container.pairs[slot]
        again = value if draw(st.booleans()) else draw(json_values)
        where = draw(st.integers(0, len(container.pairs)))
        container.pairs.insert(where, (key, again))


def _nest(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    depth = draw(st.sampled_from((2, 10, 64, 65, 500, 5000)))
    _set(container, slot, nested(depth, lists=draw(st.booleans())))


def _respell(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    spelled = respell(_get(container, slot), draw(st.integers(0, 10)))
    if spelled is not None:
        _set(container, slot, spelled)


def _copy(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    slots = _places(tree)[0]
    source, at = slots[draw(st.integers(0, len(slots) - 1))]
    # A copy: the value may be an ancestor of the slot, which must not loop.
    _set(container, slot, copy.deepcopy(_get(source, at)))


numbers = st.one_of(
    st.integers(min_value=0),
    st.decimals(min_value=0, allow_nan=False, allow_infinity=False),
    st.sampled_from(SPECIAL_NUMBERS).map(Raw),
    st.from_regex(_NUMBER_TEXT, fullmatch=True).map(Raw),
)


def _alike(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    """Another string for a string, another number for a number: often loads."""
    value = _get(container, slot)
    if isinstance(value, str):
        _set(container, slot, draw(st.sampled_from(SPECIAL_TEXTS) | st.text(any_chars)))
    elif type(value) in (int, Decimal):
        _set(container, slot, draw(numbers))


#: Each way to damage one place of a file.
OPERATIONS = {
    "alike": _alike,
    "replace": _replace,
    "delete": _delete,
    "add": _add,
    "repeat": _repeat,
    "nest": _nest,
    "respell": _respell,
    "copy": _copy,
}

#: Texts a loader may accept that mean something to an export's consumer: a
#: spreadsheet formula or error, BibTeX's and LaTeX's specials, a line break,
#: a lone combining mark, a script link (issue #21).
HOSTILE_TEXTS = (
    '=HYPERLINK("http://evil.example/","x")',
    "=cmd|' /C calc'!A0",
    "#N/A",
    "#DIV/0!",
    "@SUM(1)",
    "close}brace",
    "open{brace",
    "x}\n@misc{injected,\n  title = {pwned",
    "# $ % & ~ _ ^ \\ { }",
    "a,b=c",
    "line\nbreak",
    "\u0301",
    "javascript:alert(1)",
)


def _hostile(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    """Some string of the file replaced by a text one export's consumer reads specially."""
    strings = [(c, i) for c, i in _places(tree)[0] if isinstance(_get(c, i), str)]
    if strings:
        where, at = strings[draw(st.integers(0, len(strings) - 1))]
        _set(where, at, draw(st.sampled_from(HOSTILE_TEXTS)))


def _empty(draw: st.DrawFn, container: Any, slot: int, tree: Any) -> None:
    """Some list of the file emptied: a collection with no records, no parts."""
    lists = [(c, i) for c, i in _places(tree)[0] if isinstance(_get(c, i), list)]
    if lists:
        where, at = lists[draw(st.integers(0, len(lists) - 1))]
        _set(where, at, [])


#: The damage a file often survives, and texts and emptiness that the
#: exports' consumers (a spreadsheet, a BibTeX parser, pandas) may choke on.
LOADABLE_OPERATIONS = {
    "alike": _alike,
    "respell": _respell,
    "hostile": _hostile,
    "empty": _empty,
}


@st.composite
def mutated_files(
    draw: st.DrawFn,
    base: Any,
    max_operations: int = 4,
    operations: dict[str, Any] = OPERATIONS,
) -> bytes:
    """The bytes of the JSON *base* (a parsed report) after a few mutations."""
    tree = as_tree(base)
    for _ in range(draw(st.integers(min_value=1, max_value=max_operations))):
        slots = _places(tree)[0]
        operation = operations[draw(st.sampled_from(sorted(operations)))]
        container, slot = slots[draw(st.integers(0, len(slots) - 1))]
        operation(draw, container, slot, tree)
    text = render(tree, ascii_only=draw(st.booleans()))
    return b"\xef\xbb\xbf" + text if draw(st.booleans()) else text

"""No hidden count on the public page can be worked back out of what it shows.

The check is an attacker's: read the page's HTML, then for every column (an indicator's
numerator or denominator over the communes, with the province total) enumerate every
assignment of the hidden cells consistent with what is shown — the markers ("<5": 0–4; "*":
5 or more), the total, a numerator never above its shown denominator, counts equal by
definition — and require at least two possible values for each hidden cell.
"""

import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.indicators import disclosure, report, services
from marketplace.indicators.definitions import CODES
from marketplace.indicators.selectors import Filters

from .conftest import DAY


def possible_values(shown, total, extra_part=False, caps=None, floors=None):
    """Every value each cell can take given what is shown (exact, by reachable sums).

    ``shown``: per cell an int, "<5" or "*"; ``total`` likewise.
    ``extra_part``: the total also counts an unshown part (0 or more), returned last.
    """
    caps = caps or [None] * len(shown)
    floors = floors or [0] * len(shown)
    totals = {"<5": range(5), "*": range(5, 60)}.get(total, [total])
    top = max(totals)
    if extra_part:
        shown, caps, floors = [*shown, "any"], [*caps, None], [*floors, 0]
    ranges = []
    for value, cap, floor in zip(shown, caps, floors, strict=True):
        if isinstance(value, int):
            ranges.append([value])
        elif value == "<5":
            ranges.append([v for v in range(floor, 5) if cap is None or v <= cap])
        elif value == "any":
            ranges.append(list(range(0, top + 1)))
        else:
            ranges.append([v for v in range(max(5, floor), top + 1) if cap is None or v <= cap])
    seen = []
    for i, own in enumerate(ranges):
        # Sums the other cells can reach together (a set, built one cell at a time).
        reachable = {0}
        for j, values in enumerate(ranges):
            if j != i:
                reachable = {r + v for r in reachable for v in values if r + v <= top}
        seen.append({v for v in own if any(t - v in reachable for t in totals)})
    return seen


def shown_as(values, states):
    return [
        v if s is None else ("<5" if s == disclosure.SMALL else "*")
        for v, s in zip(values, states, strict=True)
    ]


@pytest.mark.parametrize(
    "values",
    [
        [3, 12, 20, 9],  # one small cell beside a shown total: subtraction would give it
        [4, 4, 30, 6],  # two small cells summing to 8: both must be 4
        [0, 0, 25, 7],  # two zeros: the sum 0 pins both
        [2, 6, 7, 8, 40],
        [1, 1, 1, 1, 1],  # everything small, total 5 shown
    ],
)
def test_each_hidden_cell_keeps_two_possible_values(values):
    total = sum(values)
    states, total_state = disclosure.protect_column(values, total)
    shown = shown_as(values, states)
    for i, possible in enumerate(possible_values(shown, shown_as([total], [total_state])[0])):
        if states[i] is not None:
            assert len(possible) >= 2, (values, shown, i, possible)
        else:
            assert possible == {values[i]}
    assert any(s is not None for s in states)  # the small ones are hidden at all


def test_a_part_of_no_commune_is_protected_too():
    # I6: 3 province-level staff beside communes all shown would be 3 by subtraction.
    values = [6, 7, 8]
    states, total_state = disclosure.protect_column(values, sum(values) + 3, extra_part=True)
    assert total_state is None and states.count(disclosure.HIDDEN) == 1
    possible = possible_values(shown_as(values, states), sum(values) + 3, extra_part=True)
    assert len(possible[-1]) >= 2  # the province-level count is no longer 3 for sure


@given(st.lists(st.integers(min_value=0, max_value=14), min_size=2, max_size=6))
@settings(max_examples=150, deadline=None)
def test_no_column_is_solvable_after_protection(values):
    total = sum(values)
    states, total_state = disclosure.protect_column(values, total)
    shown = shown_as(values, states)
    for i, possible in enumerate(possible_values(shown, shown_as([total], [total_state])[0])):
        if states[i] is not None:
            assert len(possible) >= 2, (values, shown, i, possible)


def _public_cells(html):
    """{(code, "num"|"den"): [per commune shown]} and the province totals, read from the page."""

    def parse(text):
        return int(text) if text.isdigit() else text

    columns = {(code, part): [] for code in CODES for part in ("num", "den")}
    for row in re.findall(r'<tr data-commune="[^"]+">(.*?)</tr>', html, re.S):
        for code, num, den in re.findall(
            r'data-code="(I\d)">[^<]*<small>(.+?)/(.+?)</small>', row.replace("&lt;", "<")
        ):
            columns[(code, "num")].append(parse(num))
            columns[(code, "den")].append(parse(den))
    totals = {}
    for code, num, den in re.findall(r'data-count="(I\d)">(.+?) / (.+?)</span>', html.replace("&lt;", "<")):
        totals[(code, "num")], totals[(code, "den")] = parse(num), parse(den)
    return columns, totals


@pytest.mark.django_db
def test_nothing_hidden_on_the_public_page_can_be_solved_for(client, province, worked_example):
    # Two communes with 5 or more OCOP producers and every other commune's count small or zero:
    # without complementary suppression the hidden cells of I1's denominator sum to 0 (each is
    # then 0 for sure), and other columns have a single small cell beside a shown total.
    for n in range(6):
        seller = province.seller(f"Hộ Mường Ảng {n}", commune_name="Mường Ảng")
        province.certificate(seller)
        province.product(seller)
    services.take_snapshot(DAY)
    html = client.get(reverse("indicators-public")).content.decode()
    columns, totals = _public_cells(html)
    assert columns[("I1", "den")], "the commune table is on the page"
    hidden = 0
    for (code, part), shown in columns.items():
        total = totals[(code, part)]
        pair = columns[(code, "den" if part == "num" else "num")]
        caps = [d if isinstance(d, int) else None for d in pair] if part == "num" else None
        floors = [n if isinstance(n, int) else 0 for n in pair] if part == "den" else None
        possible = possible_values(
            shown,
            total,
            extra_part=code in disclosure.WITH_PROVINCE_PART,
            caps=caps,
            floors=floors,
        )
        for i, cell in enumerate(shown):
            if not isinstance(cell, int):
                hidden += 1
                assert len(possible[i]) >= 2, (code, part, i, shown, total)
    assert hidden > 0
    # Counts equal by definition are shown or hidden together.
    built = report.build(DAY, Filters(), months=0)
    for a, b in disclosure.EQUAL_BY_DEFINITION:
        for i, row in enumerate(built.communes):
            figures = {f.code: f for f in row.figures}
            if getattr(figures[a[0]], a[1]) == getattr(figures[b[0]], b[1]):
                assert isinstance(columns[a][i], int) == isinstance(columns[b][i], int), (a, b, i)


def test_the_rule_is_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "indicators.md").read_text()
    assert "complementary suppression" in text

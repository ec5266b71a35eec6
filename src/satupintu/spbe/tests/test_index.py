"""The SPBE index formula against examples computed by hand (PermenPAN-RB 59/2020: weighted
means of the levels with the framework's weights; the predicate from the shown figure)."""

from decimal import Decimal

import pytest

from satupintu.spbe import index
from satupintu.spbe.index import Item

PREDICATES = [
    {"name": "Memuaskan", "min": "4.2"},
    {"name": "Sangat Baik", "min": "3.5"},
    {"name": "Baik", "min": "2.6"},
    {"name": "Cukup", "min": "1.8"},
    {"name": "Kurang", "min": "0"},
]
D = Decimal
# Domain 1 (40): aspect 1 (40) = indicators 1 (20), 2 (20).
# Domain 2 (60): aspect 2 (30) = indicator 3 (30); aspect 3 (30) = indicators 4 (10), 5 (20).
TREE = [
    (Item(1, "D1", D(40)), [(Item(1, "A1", D(40)), [Item(1, "i1", D(20)), Item(2, "i2", D(20))])]),
    (
        Item(2, "D2", D(60)),
        [
            (Item(2, "A2", D(30)), [Item(3, "i3", D(30))]),
            (Item(3, "A3", D(30)), [Item(4, "i4", D(10)), Item(5, "i5", D(20))]),
        ],
    ),
]


def test_worked_example():
    levels = {1: 3, 2: 4, 3: 2, 4: 5, 5: 1}
    result = index.compute(TREE, levels, PREDICATES)
    a1, a2, a3 = result.aspects
    # A1 = (3×20 + 4×20) / 40 = 140/40 = 3,5
    assert a1.exact == D("3.5") and a1.predicate == "Sangat Baik"
    # A2 = 2×30 / 30 = 2
    assert a2.exact == D(2) and a2.predicate == "Cukup"
    # A3 = (5×10 + 1×20) / 30 = 70/30 = 2,333… → 2,33
    assert a3.shown == D("2.33") and a3.predicate == "Cukup"
    d1, d2 = result.domains
    assert d1.exact == D("3.5")
    # D2 = (60 + 70) / 60 = 2,1666… → 2,17
    assert d2.shown == D("2.17") and d2.predicate == "Cukup"
    # Overall = (140 + 60 + 70) / 100 = 2,70
    assert result.overall.exact == D("2.7") and result.overall.predicate == "Baik"
    assert result.complete


def test_missing_levels_count_zero_and_make_it_provisional():
    result = index.compute(TREE, {1: 5, 2: 5}, PREDICATES)
    # (5×20 + 5×20) / 100 = 2,00
    assert result.overall.exact == D(2)
    assert result.domains[1].exact == D(0) and result.domains[1].predicate == "Kurang"
    assert not result.complete


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4.2", "Memuaskan"),
        ("4.195", "Memuaskan"),  # shown as 4,20
        ("4.194", "Sangat Baik"),
        ("3.5", "Sangat Baik"),
        ("3.49", "Baik"),
        ("2.6", "Baik"),
        ("2.59", "Cukup"),
        ("1.8", "Cukup"),
        ("1.79", "Kurang"),
        ("0", "Kurang"),
    ],
)
def test_predicate_bounds(value, expected):
    assert index.predicate_for(D(value), PREDICATES) == expected

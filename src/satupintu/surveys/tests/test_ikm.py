"""The IKM arithmetic against hand-computed examples (PermenPAN-RB 14/2017)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from satupintu.surveys import ikm
from satupintu.surveys.elements import CODES, ELEMENTS


def test_nine_standard_elements_with_four_answers_each():
    assert tuple(f"u{i}" for i in range(1, 10)) == CODES
    assert all(len(e.answers) == 4 for e in ELEMENTS)
    assert str(ELEMENTS[0].answers[3]) == "Sangat sesuai"


def test_everyone_answering_4_scores_exactly_100_not_99_9():
    nrrs = ikm.nrr(dict.fromkeys(CODES, 40), 10)
    assert ikm.ikm(nrrs) == 100
    assert ikm.shown(ikm.ikm(nrrs)) == Decimal("100.00")
    # The regulation's rounded weight 0,111 would give 99,9: we do not use it.
    assert sum(Decimal(4) * Decimal("0.111") for _ in CODES) * 25 == Decimal("99.900")
    assert ikm.band(ikm.ikm(nrrs)).letter == "A"


def test_worked_example_computed_by_hand():
    # Five respondents; sums of their answers per element, U1..U9:
    sums = [16, 15, 14, 20, 16, 17, 18, 13, 12]
    nrrs = ikm.nrr(dict(zip(CODES, sums, strict=True)), 5)
    # NRR: 3,2 3,0 2,8 4,0 3,2 3,4 3,6 2,6 2,4 → Σ = 28,2
    assert nrrs["u1"] == Fraction(16, 5)
    assert sum(nrrs.values()) == Fraction(282, 10)
    # IKM = 28,2 × 1/9 × 25 = 705/9 = 78,333… → 78,33, band B (Baik)
    value = ikm.ikm(nrrs)
    assert value == Fraction(705, 9)
    assert ikm.shown(value) == Decimal("78.33")
    assert ikm.band(value).letter == "B"
    assert ikm.weakest(nrrs) == ["u9", "u8", "u3"]


@pytest.mark.parametrize(
    ("figure", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("88.305", "A"),  # published as 88,31 (half up)
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_band_limits(figure, letter):
    assert ikm.band(Fraction(Decimal(figure))).letter == letter


@pytest.mark.parametrize(
    ("population", "sample"),
    [(0, 0), (7, 7), (10, 10), (100, 80), (101, 86), (1000, 278), (10000, 370),
     (100000, 384), (5000000, 384)],
)  # fmt: skip
def test_krejcie_morgan_minimum_sample(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_no_respondents_no_index():
    assert ikm.nrr(dict.fromkeys(CODES, 0), 0) == {}
    assert ikm.ikm({}) is None
    assert ikm.band(None) is None

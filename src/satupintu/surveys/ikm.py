"""The arithmetic of the Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017), exact.

NRR_i = Σ answers to element i / respondents; IKM = (Σ NRR_i × 1/9) × 25. Everything is a
`Fraction` until it is shown: the regulation's own 0,111 weight would make a unit answered
"4" by everyone score 99,9 instead of 100, and rounding the NRRs first moves a unit across a
band boundary. Bands (A–D) and the Krejcie–Morgan minimum sample are data here too.
"""

import bisect
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from satupintu.surveys.elements import CODES


@dataclass(frozen=True)
class Band:
    letter: str
    label: str
    lower: Decimal  # the lowest IKM (two decimals, as published) in the band


BANDS = (
    Band("A", _("Sangat Baik"), Decimal("88.31")),
    Band("B", _("Baik"), Decimal("76.61")),
    Band("C", _("Kurang Baik"), Decimal("65.00")),
    Band("D", _("Tidak Baik"), Decimal("25.00")),
)

# Krejcie & Morgan (1970), as the regulation's annex prints it: population N → sample S.
# A population between two rows needs the sample of the next row up; above the last row, 384.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)  # fmt: skip
_POPULATIONS = [n for n, _s in KREJCIE_MORGAN]


def minimum_sample(population: int) -> int:
    """The respondents needed for a population served in the period (everyone when the
    population is smaller than the table's first row)."""
    if population <= 0:
        return 0
    if population < _POPULATIONS[0]:
        return population
    i = bisect.bisect_left(_POPULATIONS, population)
    return KREJCIE_MORGAN[min(i, len(KREJCIE_MORGAN) - 1)][1]


def nrr(totals: dict[str, int], respondents: int) -> dict[str, Fraction]:
    """NRR per element from the sums of the answers."""
    if respondents <= 0:
        return {}
    return {code: Fraction(totals[code], respondents) for code in CODES}


def ikm(nrrs: dict[str, Fraction]) -> Fraction | None:
    """(Σ NRR × 1/9) × 25, exactly."""
    if not nrrs:
        return None
    return sum((nrrs[code] for code in CODES), Fraction(0)) * Fraction(1, 9) * 25


def shown(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A fraction as the published decimal (half up)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        quantum, rounding=ROUND_HALF_UP
    )


def band(value: Fraction | None) -> Band | None:
    """The band of an IKM, judged on the published two-decimal figure (the bands' limits
    are printed with two decimals: 88,30 is B, 88,31 is A)."""
    if value is None:
        return None
    figure = shown(value)
    for b in BANDS:
        if figure >= b.lower:
            return b
    return BANDS[-1]


def weakest(nrrs: dict[str, Fraction], count: int = 3) -> list[str]:
    """The element codes with the lowest NRR (ties in element order)."""
    return [c for c, _v in sorted(nrrs.items(), key=lambda kv: (kv[1], CODES.index(kv[0])))][:count]

"""The SPBE index (PermenPAN-RB 59/2020): a weighted mean of the indicators' levels.

    index of an aspect  = Σ (level × indicator weight) / aspect weight
    index of a domain   = Σ (level × indicator weight) / domain weight
    index overall       = Σ (level × indicator weight) / Σ all weights (100)

over the indicators inside it. An indicator without an accepted level counts 0 (the result is
then provisional: `complete` is False). Computed exactly in decimals; shown with two decimals
(half up), and the predicate is read from the shown figure so the two never disagree."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Item:
    number: int
    name: str
    weight: Decimal


@dataclass
class Score:
    number: int
    name: str
    weight: Decimal
    exact: Decimal
    predicate: str
    children: list = field(default_factory=list)

    @property
    def shown(self) -> Decimal:
        return self.exact.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Result:
    overall: Score
    domains: list[Score]
    aspects: list[Score]
    complete: bool
    levels: dict


def predicate_for(value: Decimal, predicates: list[dict]) -> str:
    """`predicates` from the highest lower bound down; the last bound is 0."""
    shown = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    for predicate in predicates:
        if shown >= Decimal(predicate["min"]):
            return predicate["name"]
    return predicates[-1]["name"]


def _weighted(indicators: list[Item], levels: dict[int, int | None]) -> Decimal:
    return sum((Decimal(levels.get(i.number) or 0) * i.weight for i in indicators), Decimal(0))


def compute(tree, levels: dict[int, int | None], predicates: list[dict]) -> Result:
    """`tree`: [(domain Item, [(aspect Item, [indicator Item, ...]), ...]), ...];
    `levels`: indicator number → accepted level (1–5) or None."""
    domains, aspects, everything = [], [], []
    for domain, domain_aspects in tree:
        in_domain = []
        aspect_scores = []
        for aspect, indicators in domain_aspects:
            in_domain.extend(indicators)
            value = _weighted(indicators, levels) / aspect.weight
            score = Score(
                aspect.number, aspect.name, aspect.weight, value, predicate_for(value, predicates)
            )
            aspect_scores.append(score)
        value = _weighted(in_domain, levels) / domain.weight
        domains.append(
            Score(
                domain.number,
                domain.name,
                domain.weight,
                value,
                predicate_for(value, predicates),
                aspect_scores,
            )
        )
        aspects.extend(aspect_scores)
        everything.extend(in_domain)
    total_weight = sum((i.weight for i in everything), Decimal(0))
    value = _weighted(everything, levels) / total_weight if total_weight else Decimal(0)
    overall = Score(0, "SPBE", total_weight, value, predicate_for(value, predicates), domains)
    complete = all(levels.get(i.number) for i in everything)
    return Result(overall, domains, aspects, complete, levels)

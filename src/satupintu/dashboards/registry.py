"""The registry of dashboard figures. Each figure reads through the rollup table or another
app's selectors and answers rows for a scope (which units, which days); the pages, the CSV
export and the public transparency page all draw from here."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.functional import Promise


@dataclass
class Scope:
    units: Q  # a filter on OrgUnit (Q() = the whole city)
    start: date
    end: date
    staff: bool = False  # drill-down links into the back office


@dataclass
class Row:
    label: str
    values: list
    links: dict = field(default_factory=dict)  # column index → URL of the list behind it


@dataclass(frozen=True)
class Figure:
    key: str
    title: str | Promise
    description: str | Promise
    columns: tuple
    rows: Callable[[Scope], list[Row]]
    chart_column: int = 0  # the column drawn as bars


_figures: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    _figures[figure.key] = figure
    return figure


def figures() -> list[Figure]:
    return list(_figures.values())


def get(key: str) -> Figure | None:
    return _figures.get(key)

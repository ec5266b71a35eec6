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
    # The figure's trend: (label, value) per week over the weeks before the period's end,
    # read from the rollup (see `trends.py`). Every figure has one (a test checks).
    trend: Callable[[Scope], list[tuple[str, object]]] | None = None
    trend_title: str | Promise = ""
    # Which page shows it: "kota" (/kantor/dasbor/, /transparansi/, the monthly PDF) or a
    # page of its own, e.g. "dprd" (the DPRD secretariat's dashboard).
    group: str = "kota"
    # Whether the figure concerns this scope at all (e.g. DPRD figures: only a scope that
    # holds the DPRD secretariat); a figure that does not is left out of the page.
    applies: Callable[[Scope], bool] | None = None


_figures: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    _figures[figure.key] = figure
    return figure


def figures(group: str = "kota", scope: Scope | None = None) -> list[Figure]:
    return [
        f
        for f in _figures.values()
        if f.group == group and (scope is None or f.applies is None or f.applies(scope))
    ]


def all_figures() -> list[Figure]:
    return list(_figures.values())


# Rollup contributors: an app adds its own daily metrics to the rollup table. A contributor
# takes a day and answers {(metric, org_unit_id, region_id, key): [count, total]}; the rollup
# recomputes the day whole, contributors included (one transaction).
_contributors: dict[str, Callable] = {}


def register_rollup(prefix: str, compute: Callable) -> None:
    _contributors[prefix] = compute


def rollup_contributors() -> dict[str, Callable]:
    return dict(_contributors)


def get(key: str) -> Figure | None:
    return _figures.get(key)

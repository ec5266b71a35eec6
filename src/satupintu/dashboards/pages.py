"""What /transparansi/ and /kantor/dasbor/ show: each figure's rows, bars and trend.

The figures read the daily rollup (and, for IKM and queues, the surveys' and queues' own
tables), and the rollup changes once an hour: `figure_data` computes a page's figures once
per rollup version, scope (which units, which period, staff or public) and language and keeps
them in the shared cache (at most `CACHE_SECONDS`, for the few numbers that do not come from
the rollup). The page itself is still rendered per request (the visitor's language, CSRF,
nonce). /transparansi/ shows each figure's `PUBLIC_ROWS` largest rows; the dashboard and a
figure's own page /transparansi/<key>/ show all of them."""

import hashlib

from django.core.cache import cache
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from satupintu.dashboards import charts, registry, rollup
from satupintu.dashboards.registry import Figure, Row, Scope

PUBLIC_ROWS = 10  # rows per figure on /transparansi/; all of them on the figure's own page
CACHE_SECONDS = 15 * 60


def _cache_key(scope: Scope, group: str) -> str:
    # The scope's units as its filter reads (a leader's units: their paths), hashed.
    units = hashlib.sha256(repr(scope.units).encode()).hexdigest()[:32]
    return (
        f"dashboards:figures:{rollup.version()}:{group}:{get_language()}:{scope.start}:"
        f"{scope.end}:{int(scope.staff)}:{units}"
    )


def figure_data(scope: Scope, group: str = "kota") -> dict[str, tuple[list[Row], list]]:
    """{figure key: (rows, trend points)} of every figure of the group for the scope."""
    key = _cache_key(scope, group)
    data = cache.get(key)
    if data is None:
        data = {
            figure.key: (figure.rows(scope), figure.trend(scope) if figure.trend else [])
            for figure in registry.figures(group, scope)
        }
        cache.set(key, data, CACHE_SECONDS)
    return data


def _size(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("-inf")


def largest(rows: list[Row], column: int, limit: int) -> list[Row]:
    """The `limit` rows with the largest value in `column`, largest first (stable)."""
    return sorted(rows, key=lambda row: -_size(row.values[column]))[:limit]


def _cell(value, link) -> str:
    if link:
        return format_html('<td><a href="{}">{}</a></td>', link, localize(value))
    return format_html("<td>{}</td>", "—" if value is None else localize(value))


def table_body(rows: list[Row]) -> SafeString:
    """The rows of a figure's table (drawn here, not in the template: it is cached with the
    figures, and a city's rows are most of the page's rendering)."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                row.label,
                SafeString("".join(_cell(v, row.links.get(i)) for i, v in enumerate(row.values))),
            )
            for row in rows
        ),
    )


def trend_body(points: list) -> SafeString:
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td></tr>',
        ((label, "—" if value is None else localize(value)) for label, value in points),
    )


def block(figure: Figure, rows: list[Row], points: list, limit: int | None = None) -> dict:
    """What the template draws for one figure (`figure` apart, all of it cacheable): its
    rows (the `limit` largest, when given), the bars, the trend line and its table."""
    total = len(rows)
    if limit is not None and total > limit:
        rows = largest(rows, figure.chart_column, limit)
    chart = charts.bars_svg(
        str(figure.title),
        [(r.label, r.values[figure.chart_column]) for r in rows],
        f"grafik-{figure.key}",
    )
    spark = charts.sparkline_svg(
        f"{figure.trend_title} ({len(points)} minggu)", points, f"tren-{figure.key}"
    )
    return {
        "key": figure.key,
        "shown": len(rows),
        "body": table_body(rows),
        "chart": chart,
        "trend": bool(points),
        "trend_body": trend_body(points),
        "spark": spark,
        "total": total,
        "ranked_by": str(figure.columns[figure.chart_column]),
    }


def blocks(scope: Scope, group: str = "kota", limit: int | None = None) -> list[dict]:
    """Every figure's block, drawn once per rollup version, scope, language and `limit`."""
    key = f"{_cache_key(scope, group)}:blocks:{limit}"
    drawn = cache.get(key)
    if drawn is None:
        data = figure_data(scope, group)
        drawn = [block(registry.get(k), rows, points, limit) for k, (rows, points) in data.items()]
        cache.set(key, drawn, CACHE_SECONDS)
    return [{**b, "figure": registry.get(b["key"])} for b in drawn]

"""The figures of the public /transparansi/ page and how each is shown (also on the leaders'
dashboard, which shows every row).

The public figures read the daily rollup (and, for IKM and queues, the surveys' and queues'
own tables), and the rollup changes once an hour: `figure_data` computes every figure's rows
and trend once per rollup version, period and language and keeps them in the shared cache
(at most `CACHE_SECONDS`, for the few numbers that do not come from the rollup). The page
itself is still rendered per request (the visitor's language, CSRF, nonce)."""

from django.core.cache import cache
from django.utils.translation import get_language

from satupintu.dashboards import charts, registry, rollup
from satupintu.dashboards.registry import Figure, Row, Scope

PUBLIC_ROWS = 10  # rows per figure on /transparansi/; all of them on the figure's own page
CACHE_SECONDS = 15 * 60


def figure_data(scope: Scope) -> dict[str, tuple[list[Row], list]]:
    """{figure key: (rows, trend points)} of every public ("kota") figure for the scope."""
    key = f"dashboards:public:{rollup.version()}:{get_language()}:{scope.start}:{scope.end}"
    data = cache.get(key)
    if data is None:
        data = {
            figure.key: (figure.rows(scope), figure.trend(scope) if figure.trend else [])
            for figure in registry.figures("kota", scope)
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


def block(figure: Figure, rows: list[Row], points: list, limit: int | None = None) -> dict:
    """What the template draws for one figure: its rows (the `limit` largest, when given),
    the bars, the trend line and its table."""
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
    cells = [[(value, row.links.get(i)) for i, value in enumerate(row.values)] for row in rows]
    return {
        "figure": figure,
        "rows": list(zip(rows, cells, strict=True)),
        "chart": chart,
        "trend": points,
        "spark": spark,
        "total": total,
        "ranked_by": figure.columns[figure.chart_column],
    }


def blocks(scope: Scope, limit: int | None = PUBLIC_ROWS) -> list[dict]:
    data = figure_data(scope)
    return [block(registry.get(key), rows, points, limit) for key, (rows, points) in data.items()]

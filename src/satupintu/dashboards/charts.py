"""Horizontal bars drawn on the server as SVG (no JavaScript); the table beside them holds
the same numbers and is what screen readers read."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, BAR, GAP, LABEL = 320, 14, 6, 120


def bars_svg(title: str, items: list[tuple[str, object]], chart_id: str) -> SafeString:
    """At most 25 bars. Compact, since every public figure carries one: the bars are one
    `<path>`, the font size is set once, and each bar's label and value are a `<text>`."""
    values = [(label, float(v)) for label, v in items if v is not None][:25]
    if not values:
        return SafeString("")
    top = max(v for _l, v in values) or 1
    height = len(values) * (BAR + GAP) + GAP
    scale = (WIDTH - LABEL - 40) / top
    bars = "".join(
        f"M{LABEL} {GAP + i * (BAR + GAP)}h{v * scale:.1f}v{BAR}H{LABEL}z"
        for i, (_label, v) in enumerate(values)
    )
    labels = format_html_join(
        "",
        '<text y="{0}">{1}</text><text x="{2}" y="{0}">{3}</text>',
        (
            (
                GAP + i * (BAR + GAP) + BAR - 3,
                label[:22],
                f"{LABEL + v * scale + 3:.1f}",
                f"{v:g}".replace(".", ","),
            )
            for i, (label, v) in enumerate(values)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}" class="chart" font-size="10"><title id="{}">{}</title>'
        '<path class="bar" d="{}"></path>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        title,
        bars,
        labels,
    )


SPARK_W, SPARK_H, SPARK_PAD = 160, 36, 3


def sparkline_svg(title: str, points: list[tuple[str, object]], chart_id: str) -> SafeString:
    """A small line over the trend's points (weeks), drawn on the server. Missing values
    (None) break nothing: the line joins the points that exist. The numbers themselves are in
    the table that goes with it (the template), which is what screen readers read."""
    values = [(i, float(v)) for i, (_label, v) in enumerate(points) if v is not None]
    if not values:
        return SafeString("")
    low = min(v for _i, v in values)
    high = max(v for _i, v in values)
    span = (high - low) or 1
    steps = max(len(points) - 1, 1)

    def xy(i, v):
        x = SPARK_PAD + (SPARK_W - 2 * SPARK_PAD) * i / steps
        y = SPARK_H - SPARK_PAD - (SPARK_H - 2 * SPARK_PAD) * (v - low) / span
        return f"{x:.1f},{y:.1f}"

    line = " ".join(xy(i, v) for i, v in values)
    last_i, last_v = values[-1]
    last_x, last_y = xy(last_i, last_v).split(",")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-labelledby="{}" class="sparkline"><title id="{}">{}</title>'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"></polyline>'
        '<circle cx="{}" cy="{}" r="2.5" fill="currentColor"></circle></svg>',
        SPARK_W,
        SPARK_H,
        SPARK_W,
        SPARK_H,
        chart_id,
        chart_id,
        title,
        line,
        last_x,
        last_y,
    )

"""Server-drawn SVG charts (no JavaScript); the page puts the same figures in a table."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 320, 160, 16, 24, 28


def trend_svg(trend) -> SafeString:
    """Bars: the unit's IKM per year (0–100)."""
    points = [(year, f.ikm_shown) for year, f in trend if f.ikm_shown is not None]
    if not points:
        return SafeString("")
    inner = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT) / len(points)
    bar = max(8.0, step * 0.6)
    bars = []
    for i, (year, value) in enumerate(points):
        h = float(value) / 100 * inner
        x = LEFT + i * step + (step - bar) / 2
        y = TOP + inner - h
        bars.append(
            (
                f"{x:.1f}",
                f"{y:.1f}",
                f"{bar:.1f}",
                f"{h:.1f}",
                f"{x + bar / 2:.1f}",
                f"{y - 3:.1f}",
                f"{value:.2f}".replace(".", ","),
                f"{HEIGHT - 8}",
                str(year),
            )
        )
    body = format_html_join(
        "",
        '<rect x="{0}" y="{1}" width="{2}" height="{3}" class="bar"></rect>'
        '<text x="{4}" y="{5}" text-anchor="middle" font-size="10">{6}</text>'
        '<text x="{4}" y="{7}" text-anchor="middle" font-size="10">{8}</text>',
        bars,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="ikm-chart-title" class="chart"><title id="ikm-chart-title">{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor"></line>{}</svg>',
        WIDTH,
        HEIGHT,
        _("IKM per tahun (0–100); angka yang sama ada pada tabel di bawah."),
        LEFT,
        HEIGHT - BOTTOM,
        WIDTH,
        HEIGHT - BOTTOM,
        body,
    )

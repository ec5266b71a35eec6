"""The integration map: applications on a circle, an arrow per integration (server SVG)."""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SIZE = 360


def integration_svg(apps, edges, title: str) -> SafeString:
    if not apps:
        return SafeString("")
    centre, radius = SIZE / 2, SIZE / 2 - 60
    where = {}
    for i, app in enumerate(apps):
        angle = 2 * math.pi * i / len(apps) - math.pi / 2
        where[app.pk] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    lines = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
        'marker-end="url(#panah)"></line>',
        (tuple(f"{v:.1f}" for v in (*where[a], *where[b])) for a, b in edges),
    )
    nodes = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" class="bar"></circle>'
        '<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>',
        (
            (f"{x:.1f}", f"{y:.1f}", f"{x:.1f}", f"{y - 8:.1f}", app.name[:24])
            for app in apps
            for x, y in [where[app.pk]]
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="peta-integrasi" class="chart"><title id="peta-integrasi">{}</title>'
        '<defs><marker id="panah" viewBox="0 0 10 10" refX="14" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>'
        "{}{}</svg>",
        SIZE,
        SIZE,
        title,
        lines,
        nodes,
    )

from django import template

from satupintu.core import maptiles
from satupintu.dprd import lines

register = template.Library()


@register.inclusion_tag("dprd/_line_map.html")
def line_map(mode: str, points=None, input_id: str = "id_line"):
    """The line of a proposal on a map: `draw` beside the form's textarea (taps add points),
    `show` on the proposal's page. Hidden without JavaScript; Leaflet and the tiles load
    only when the map is opened."""
    return {
        "mode": mode,
        "map": maptiles.picker_config(),
        "input_id": input_id,
        "geojson": lines.as_geojson(points or []),
    }

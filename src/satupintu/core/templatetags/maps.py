from django import template

from satupintu.core import maptiles

register = template.Library()


@register.inclusion_tag("core/map_picker.html")
def map_picker(latitude_id: str = "id_latitude", longitude_id: str = "id_longitude"):
    """A "pick a point on the map" panel that fills two coordinate inputs. Hidden without
    JavaScript; Leaflet and the tiles load only when the citizen opens it."""
    return {
        "map": maptiles.picker_config(),
        "latitude_id": latitude_id,
        "longitude_id": longitude_id,
    }

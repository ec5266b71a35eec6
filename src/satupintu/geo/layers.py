"""The layers of the one map (/peta/): each domain adds its own, the map names none.

A domain writes a `maplayers.py` module calling `register(Layer(...))`; `GeoConfig.ready`
imports every installed app's `maplayers` module (as the search does with `findable`).
A layer only ever returns what is public, as `cluster.Feature`s, filtered by a bounding box.
Layers uploaded by OPDs (`geo.models.MapLayer`) join them in `selectors.all_layers`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from satupintu.geo.cluster import Feature

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Layer:
    key: str
    title: str | Promise
    description: str | Promise
    # (bbox or None, region code or "") → the public features / how many there are
    features: Callable[[BBox | None, str], Iterable[Feature]]
    count: Callable[[BBox | None, str], int]
    owner: str | Promise = ""  # who publishes it (an OPD's name)
    order: int = 100
    symbol: str = "pin"  # legend/marker style: pin, square, diamond, triangle, circle


_layers: dict[str, Layer] = {}


def register(layer: Layer) -> None:
    _layers[layer.key] = layer


def registered() -> list[Layer]:
    return sorted(_layers.values(), key=lambda layer: (layer.order, layer.key))

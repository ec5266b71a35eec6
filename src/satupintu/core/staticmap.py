"""A small picture of one point on a map, drawn on the server (the tracking pages).

With the configured MBTiles file (`core.maptiles`) the tiles around the point are pasted
together, cropped and marked: no script, no request to another host, the same picture with
JavaScript off. Without a base map (no file, the point outside it, or only an external tile
host, which the server never fetches from) it draws a plain grid with the marker, so the page
still shows that a point was given; the words beside the picture say where.

An approximate point (a confidential or anonymous report, rounded to about 100 m) is drawn
as a circle of that size instead of a pin.
"""

import math
from io import BytesIO

from django.conf import settings
from django.utils.html import strip_tags
from PIL import Image, ImageDraw

from satupintu.core import maptiles

TILE = 256
WIDTH, HEIGHT = 480, 240
PREFERRED_ZOOM = 16
APPROXIMATE_METRES = 110  # 0.001° of latitude
EARTH_METRES_PER_PIXEL_Z0 = 156543.03392  # at the equator, 256-px tiles
PIN = (192, 41, 43)  # dark red: readable on streets, parks and water alike
BACKGROUND = (232, 238, 243)
GRID = (207, 216, 224)


def world_pixel(latitude: float, longitude: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom` (256-px tiles, as XYZ maps)."""
    scale = TILE * 2**zoom
    lat = math.radians(max(min(latitude, 85.0511), -85.0511))
    x = (longitude + 180.0) / 360.0 * scale
    y = (1.0 - math.log(math.tan(lat) + 1.0 / math.cos(lat)) / math.pi) / 2.0 * scale
    return x, y


def _zoom(path: str) -> int:
    info = maptiles.metadata(path)

    def number(name: str, default: int) -> int:
        value = info.get(name, "")
        return int(value) if value.isdigit() else default

    low, high = number("minzoom", 0), number("maxzoom", maptiles.MAX_ZOOM)
    return max(low, min(PREFERRED_ZOOM, high))


def _from_tiles(path, latitude, longitude, width, height) -> tuple[Image.Image, int] | None:
    zoom = _zoom(path)
    cx, cy = world_pixel(latitude, longitude, zoom)
    left, top = int(cx - width / 2), int(cy - height / 2)
    image = Image.new("RGB", (width, height), BACKGROUND)
    found = 0
    count = 2**zoom
    for ty in range(top // TILE, (top + height - 1) // TILE + 1):
        if not 0 <= ty < count:
            continue
        for tx in range(left // TILE, (left + width - 1) // TILE + 1):
            data = maptiles.read_tile(path, zoom, tx % count, ty)
            if data is None:
                continue
            try:
                tile = Image.open(BytesIO(data)).convert("RGB")
            except (OSError, ValueError):
                continue
            image.paste(tile, (tx * TILE - left, ty * TILE - top))
            found += 1
    return (image, zoom) if found else None


def _plain(width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for x in range(width // 2 % 40, width, 40):
        draw.line([(x, 0), (x, height)], fill=GRID)
    for y in range(height // 2 % 40, height, 40):
        draw.line([(0, y), (width, y)], fill=GRID)
    return image


def _mark(image: Image.Image, *, approximate: bool, radius: float) -> None:
    draw = ImageDraw.Draw(image, "RGBA")
    cx, cy = image.width / 2, image.height / 2
    if approximate:
        box = [cx - radius, cy - radius, cx + radius, cy + radius]
        draw.ellipse(box, fill=(*PIN, 60), outline=(*PIN, 255), width=3)
        return
    # A pin whose tip is the point: a head of 9 px radius 20 px above it.
    head_y = cy - 20
    draw.polygon([(cx, cy), (cx - 8, head_y + 4), (cx + 8, head_y + 4)], fill=(*PIN, 255))
    draw.ellipse([cx - 10, head_y - 10, cx + 10, head_y + 10], fill=(*PIN, 255))
    draw.ellipse([cx - 4, head_y - 4, cx + 4, head_y + 4], fill=(255, 255, 255, 255))


def render(
    latitude: float,
    longitude: float,
    *,
    approximate: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> tuple[bytes, bool]:
    """(PNG bytes, whether a base map is under the marker)."""
    path = maptiles.mbtiles_path()
    based = _from_tiles(path, latitude, longitude, width, height) if path else None
    if based is not None:
        image, zoom = based
        metres_per_pixel = EARTH_METRES_PER_PIXEL_Z0 * math.cos(math.radians(latitude)) / 2**zoom
        radius = max(12.0, APPROXIMATE_METRES / metres_per_pixel)
    else:
        image, radius = _plain(width, height), 40.0
    _mark(image, approximate=approximate, radius=radius)
    out = BytesIO()
    # A palette keeps a map picture small on a slow link (tens of KB, not hundreds).
    image.quantize(colors=128).save(out, "PNG", optimize=True)
    return out.getvalue(), based is not None


def attribution() -> str:
    """Plain-text credit of the base map (SP_MAP_ATTRIBUTION or the file's), "" without one."""
    path = maptiles.mbtiles_path()
    if not path:
        return ""
    text = settings.MAP_ATTRIBUTION or maptiles.metadata(path).get("attribution", "")
    return strip_tags(text).strip()

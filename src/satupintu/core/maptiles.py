"""Map tiles served by the application itself, from an MBTiles file.

MBTiles (https://github.com/mapbox/mbtiles-spec) is a SQLite database with a `tiles` table
(zoom_level, tile_column, tile_row, tile_data) and a `metadata` table of name/value pairs.
Rows are numbered the TMS way (row 0 at the bottom); web maps ask for XYZ tiles (row 0 at
the top), so y is flipped: tile_row = 2**z - 1 - y.

Settings (docs/configuration.md): `MAP_MBTILES` (a file path; tiles at /peta/ubin/z/x/y),
or `MAP_TILE_URL` (an external `{z}/{x}/{y}` template, added to the CSP's img-src by
settings.py), `MAP_CENTER`, `MAP_ZOOM`, `MAP_ATTRIBUTION`. Without either source the map
picker still opens, says there is no base map, and lets the citizen pick a point.

Shared by every page with a map (complaints now, development projects later).
"""

import logging
import os
import sqlite3
from functools import lru_cache
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

MAX_ZOOM = 22
TILE_MAX_AGE = 30 * 24 * 3600  # tiles change when the file is replaced: rarely
MISSING_MAX_AGE = 3600
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
]
FORMATS = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def csp_tile_source(url_template: str) -> str:
    """The CSP source for an external tile URL template (`{s}.` subdomains become `*.`)."""
    parts = urlsplit(url_template)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise ValueError("a tile URL template must be an http(s) address with a host")
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:
        raise ValueError("only {s} may stand in the host of a tile URL template")
    return f"{parts.scheme}://{host}"


def _connect(path: str) -> sqlite3.Connection:
    # Read-only: the file belongs to whoever produced it, never to the application.
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)


def read_tile(path: str, z: int, x: int, y: int) -> bytes | None:
    """The tile at XYZ coordinates, or None (missing tile, missing or unreadable file)."""
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        return None
    try:
        connection = _connect(path)
    except sqlite3.Error:
        logger.warning("map tiles: cannot open the MBTiles file %s", path)
        return None
    try:
        row = connection.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (2**z - 1) - y),
        ).fetchone()
    except sqlite3.Error:
        logger.warning("map tiles: %s is not a readable MBTiles file", path)
        return None
    finally:
        connection.close()
    return bytes(row[0]) if row and row[0] else None


def content_type(data: bytes, declared: str = "") -> str:
    for signature, mime in SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return FORMATS.get(declared.lower(), "application/octet-stream")


@lru_cache(maxsize=4)
def _metadata(path: str, _mtime_ns: int) -> dict[str, str]:
    try:
        connection = _connect(path)
        try:
            return {
                str(k): str(v) for k, v in connection.execute("SELECT name, value FROM metadata")
            }
        finally:
            connection.close()
    except sqlite3.Error:
        logger.warning("map tiles: no metadata in %s", path)
        return {}


def metadata(path: str) -> dict[str, str]:
    """The MBTiles metadata table (format, minzoom, maxzoom, attribution…), cached per file
    version; {} when the file is missing or has none."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return {}
    return _metadata(path, mtime)


def mbtiles_path() -> str:
    path = getattr(settings, "MAP_MBTILES", "") or ""
    return path if path and os.path.isfile(path) else ""


@require_safe
def tile(request, z: int, x: int, y: int):
    """GET /peta/ubin/<z>/<x>/<y>: one raster tile, or an empty 404."""
    path = mbtiles_path()
    data = read_tile(path, z, x, y) if path else None
    if data is None:
        response = HttpResponseNotFound(b"", content_type="text/plain")
        # Maps ask for tiles past the edge of the file all the time: not worth a log line.
        response._has_been_logged = True
        if path:  # outside the file's coverage today, probably tomorrow too
            response["Cache-Control"] = f"public, max-age={MISSING_MAX_AGE}"
        return response
    response = HttpResponse(data, content_type=content_type(data, metadata(path).get("format", "")))
    response["Cache-Control"] = f"public, max-age={TILE_MAX_AGE}"
    return response


def _zoom(value: str, default: int) -> int:
    return int(value) if value.isdigit() and int(value) <= MAX_ZOOM else default


def picker_config() -> dict:
    """What the map picker needs, for data attributes: where tiles come from (or "" when
    there are none), their zoom range and attribution, and the city's centre."""
    latitude, longitude = settings.MAP_CENTER
    config = {
        "tile_url": "",
        "min_zoom": 0,
        "max_zoom": 19,
        "max_native_zoom": 19,
        "attribution": settings.MAP_ATTRIBUTION,
        "latitude": f"{latitude:.6f}",
        "longitude": f"{longitude:.6f}",
        "zoom": settings.MAP_ZOOM,
    }
    if settings.MAP_TILE_URL:
        config["tile_url"] = settings.MAP_TILE_URL
    elif path := mbtiles_path():
        sample = reverse("maps:tile", kwargs={"z": 1, "x": 2, "y": 3})
        config["tile_url"] = sample.removesuffix("1/2/3") + "{z}/{x}/{y}"
        info = metadata(path)
        config["min_zoom"] = _zoom(info.get("minzoom", ""), 0)
        config["max_native_zoom"] = _zoom(info.get("maxzoom", ""), 19)
        config["attribution"] = config["attribution"] or info.get("attribution", "")
    return config


def write_mbtiles(path, tiles: dict[tuple[int, int, int], bytes], meta: dict[str, str]) -> None:
    """Write an MBTiles file from XYZ tiles {(z, x, y): bytes} (tests, `mbtiles_from_dir`)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.executescript(
                "CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT);"
                "CREATE UNIQUE INDEX IF NOT EXISTS name ON metadata (name);"
                "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, "
                "tile_row INTEGER, tile_data BLOB);"
                "CREATE UNIQUE INDEX IF NOT EXISTS tile_index "
                "ON tiles (zoom_level, tile_column, tile_row);"
            )
            connection.executemany(
                "INSERT OR REPLACE INTO metadata (name, value) VALUES (?, ?)", meta.items()
            )
            connection.executemany(
                "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)",
                [(z, x, (2**z - 1) - y, data) for (z, x, y), data in tiles.items()],
            )
    finally:
        connection.close()

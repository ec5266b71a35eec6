"""Reading an OPD's layer file: GeoJSON, a zipped Shapefile (pyshp) or CSV with coordinates.

Every feature is checked before anything is saved: the result is either all features or the
list of errors, each naming its feature (GeoJSON, Shapefile) or line (CSV). The caller saves
nothing when there is an error.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

import shapefile
from django.utils.translation import gettext as _

from satupintu.geo.geometry import Geometry, GeometryError, parse

MAX_FEATURES = 20_000
MAX_FILE_BYTES = 20 * 1024 * 1024
NAME_KEYS = ("name", "nama", "NAMA", "Name", "NAME", "title", "judul")
CATEGORY_KEYS = ("category", "kategori", "jenis", "KATEGORI", "JENIS")
LAT_KEYS = ("lat", "latitude", "lintang", "y")
LON_KEYS = ("lon", "lng", "long", "longitude", "bujur", "x")


@dataclass
class ParsedFeature:
    name: str
    category: str
    geometry: Geometry
    properties: dict


@dataclass
class ParseResult:
    features: list[ParsedFeature] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text_property(properties: dict, keys) -> str:
    for key in keys:
        value = properties.get(key)
        if value not in (None, ""):
            return str(value).strip()[:200]
    return ""


def _clean_properties(properties: dict) -> dict:
    """Only scalar attributes, as text or numbers: nothing nested is carried to the map."""
    clean = {}
    for key, value in list(properties.items())[:30]:
        if isinstance(value, (int, float, bool)) or value is None:
            clean[str(key)[:50]] = value
        else:
            clean[str(key)[:50]] = str(value)[:300]
    return clean


def _add(result: ParseResult, label: str, properties: dict, raw_geometry) -> None:
    try:
        geometry = parse(raw_geometry)
    except GeometryError as exc:
        result.errors.append(f"{label}: {exc.messages[0]}")
        return
    name = _text_property(properties, NAME_KEYS)
    if not name:
        result.errors.append(f"{label}: " + _("tidak ada atribut nama (name/nama)."))
        return
    result.features.append(
        ParsedFeature(
            name=name,
            category=_text_property(properties, CATEGORY_KEYS)[:100],
            geometry=geometry,
            properties=_clean_properties(properties),
        )
    )


def _check_count(result: ParseResult, count: int) -> bool:
    if count == 0:
        result.errors.append(_("Berkas tidak berisi satu fitur pun."))
        return False
    if count > MAX_FEATURES:
        result.errors.append(_("Lebih dari %(n)d fitur dalam satu lapisan.") % {"n": MAX_FEATURES})
        return False
    return True


def read_geojson(data: bytes) -> ParseResult:
    result = ParseResult()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        result.errors.append(_("Bukan GeoJSON yang sah (JSON tidak terbaca)."))
        return result
    if isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    elif isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features")
    else:
        features = None
    if not isinstance(features, list):
        result.errors.append(_("GeoJSON harus berupa FeatureCollection atau Feature."))
        return result
    if not _check_count(result, len(features)):
        return result
    for number, feature in enumerate(features, start=1):
        label = _("Fitur %(n)d") % {"n": number}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            result.errors.append(f"{label}: " + _("bukan Feature."))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        _add(result, label, properties, feature.get("geometry"))
    return result


def read_shapefile(data: bytes) -> ParseResult:
    """A .zip holding one .shp with its .shx and .dbf (coordinates in WGS 84 degrees)."""
    result = ParseResult()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        result.errors.append(_("Shapefile harus dikirim sebagai berkas .zip yang utuh."))
        return result
    parts = {}
    for name in names:
        base, _dot, extension = name.rpartition(".")
        if extension.lower() in ("shp", "shx", "dbf") and "__MACOSX" not in name:
            parts.setdefault(extension.lower(), (base, name))
    missing = [ext for ext in ("shp", "shx", "dbf") if ext not in parts]
    if missing:
        result.errors.append(
            _("Zip tidak berisi berkas %(parts)s.") % {"parts": ", ".join("." + m for m in missing)}
        )
        return result
    try:
        files = {ext: io.BytesIO(archive.read(parts[ext][1])) for ext in ("shp", "shx", "dbf")}
        reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"])
        count = len(reader)
        if not _check_count(result, count):
            return result
        for number, record in enumerate(reader.iterShapeRecords(), start=1):
            label = _("Fitur %(n)d") % {"n": number}
            try:
                geometry = record.shape.__geo_interface__
            except Exception:  # noqa: BLE001 - a damaged or null shape
                result.errors.append(f"{label}: " + _("bentuk tidak terbaca."))
                continue
            _add(result, label, record.record.as_dict(), geometry)
    except (shapefile.ShapefileException, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        result.features.clear()
        result.errors.append(_("Shapefile rusak atau tidak terbaca (%(why)s).") % {"why": exc})
    except Exception as exc:  # noqa: BLE001 - pyshp raises struct errors on truncated files
        result.features.clear()
        result.errors.append(
            _("Shapefile rusak atau tidak terbaca (%(why)s).") % {"why": type(exc).__name__}
        )
    return result


def _column(header: list[str], keys) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    for key in keys:
        if key in lowered:
            return lowered[key]
    return None


def read_csv(data: bytes) -> ParseResult:
    """A header line with a name column and lat/lon (lintang/bujur) columns; `;` or `,`."""
    result = ParseResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("CSV harus berenkode UTF-8."))
        return result
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    lat_key, lon_key = _column(header, LAT_KEYS), _column(header, LON_KEYS)
    name_key = _column(header, [k.lower() for k in NAME_KEYS])
    if not (lat_key and lon_key and name_key):
        result.errors.append(
            _("Baris 1: kolom nama, lat (lintang) dan lon (bujur) wajib ada di baris judul.")
        )
        return result
    rows = list(reader)
    if not _check_count(result, len(rows)):
        return result
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        label = _("Baris %(n)d") % {"n": number}
        if None in row:
            result.errors.append(f"{label}: " + _("jumlah kolom lebih dari baris judul."))
            continue
        try:
            lat = float((row.get(lat_key) or "").replace(",", "."))
            lon = float((row.get(lon_key) or "").replace(",", "."))
        except ValueError:
            result.errors.append(f"{label}: " + _("lintang/bujur bukan angka."))
            continue
        properties = {k: v for k, v in row.items() if k not in (lat_key, lon_key)}
        properties["name"] = row.get(name_key) or ""
        _add(result, label, properties, {"type": "Point", "coordinates": [lon, lat]})
    return result


READERS = {"geojson": read_geojson, "shp": read_shapefile, "csv": read_csv}


def read(source_format: str, data: bytes) -> ParseResult:
    if len(data) > MAX_FILE_BYTES:
        return ParseResult(errors=[_("Berkas lebih dari 20 MB.")])
    return READERS[source_format](data)

"""Map tiles from an MBTiles file: the endpoint, the y-flip, the picker's configuration, CSP."""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.csp import CSP
from PIL import Image

from satupintu.core import maptiles

TILE_PATH = "/peta/ubin/{z}/{x}/{y}"


def image_bytes(color: str, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), color).save(buffer, format=fmt)
    return buffer.getvalue()


def raw_mbtiles(path: Path, rows: list[tuple[int, int, int, bytes]], meta: dict) -> Path:
    """An MBTiles file written by hand with the spec's schema: rows are TMS (z, x, row)."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE metadata (name text, value text)")
        connection.execute(
            "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
            "tile_data blob)"
        )
        connection.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
        connection.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
    connection.close()
    return path


@pytest.fixture
def red():
    return image_bytes("red")


@pytest.fixture
def blue():
    return image_bytes("blue")


@pytest.fixture
def mbtiles(tmp_path, settings, red, blue):
    # Zoom 2 has rows 0..3. TMS row 3 is the top row, i.e. XYZ y = 0; TMS row 0 is y = 3.
    path = raw_mbtiles(
        tmp_path / "kota.mbtiles",
        [(2, 1, 3, red), (2, 1, 0, blue)],
        {"name": "Uji", "format": "png", "minzoom": "2", "maxzoom": "2", "attribution": "Uji"},
    )
    settings.MAP_MBTILES = str(path)
    settings.MAP_TILE_URL = ""
    return path


def test_tile_is_served_with_its_type_and_a_long_cache(client, mbtiles, red):
    response = client.get(TILE_PATH.format(z=2, x=1, y=0))
    assert response.status_code == 200
    assert response.content == red
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == f"public, max-age={maptiles.TILE_MAX_AGE}"
    assert maptiles.TILE_MAX_AGE >= 7 * 24 * 3600
    assert "Set-Cookie" not in response


def test_rows_are_flipped_from_tms_to_xyz(client, mbtiles, red, blue):
    assert client.get(TILE_PATH.format(z=2, x=1, y=0)).content == red  # TMS row 3
    assert client.get(TILE_PATH.format(z=2, x=1, y=3)).content == blue  # TMS row 0
    assert client.get(TILE_PATH.format(z=2, x=1, y=1)).status_code == 404
    assert client.get(TILE_PATH.format(z=2, x=1, y=2)).status_code == 404


def test_missing_and_impossible_tiles_are_404(client, mbtiles):
    for z, x, y in [(2, 0, 0), (3, 1, 0), (2, 4, 0), (2, 1, 4), (40, 0, 0)]:
        response = client.get(TILE_PATH.format(z=z, x=x, y=y))
        assert response.status_code == 404, (z, x, y)
        assert response.content == b""
    assert client.get("/peta/ubin/2/1/-1").status_code == 404


def test_only_get(client, mbtiles):
    assert client.post(TILE_PATH.format(z=2, x=1, y=0)).status_code == 405


def test_no_mbtiles_configured_is_404(client, settings):
    settings.MAP_MBTILES = ""
    assert client.get(TILE_PATH.format(z=0, x=0, y=0)).status_code == 404


def test_configured_file_missing_or_not_mbtiles_is_404(client, settings, tmp_path):
    settings.MAP_MBTILES = str(tmp_path / "tidak-ada.mbtiles")
    assert client.get(TILE_PATH.format(z=0, x=0, y=0)).status_code == 404
    junk = tmp_path / "bukan.mbtiles"
    junk.write_bytes(b"bukan sqlite")
    settings.MAP_MBTILES = str(junk)
    assert client.get(TILE_PATH.format(z=0, x=0, y=0)).status_code == 404


def test_jpeg_tiles_get_their_type(client, settings, tmp_path):
    jpeg = image_bytes("green", "JPEG")
    maptiles.write_mbtiles(tmp_path / "foto.mbtiles", {(0, 0, 0): jpeg}, {"format": "jpg"})
    settings.MAP_MBTILES = str(tmp_path / "foto.mbtiles")
    response = client.get(TILE_PATH.format(z=0, x=0, y=0))
    assert response["Content-Type"] == "image/jpeg"
    assert response.content == jpeg


def test_write_mbtiles_stores_tms_rows(tmp_path, red):
    path = tmp_path / "tulis.mbtiles"
    maptiles.write_mbtiles(path, {(3, 5, 1): red}, {"format": "png"})
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT zoom_level, tile_column, tile_row FROM tiles").fetchall() == [
        (3, 5, 6)
    ]
    connection.close()
    assert maptiles.read_tile(str(path), 3, 5, 1) == red


def test_picker_uses_the_mbtiles_endpoint_and_its_metadata(mbtiles, settings):
    settings.MAP_ATTRIBUTION = ""
    config = maptiles.picker_config()
    assert config["tile_url"] == "/peta/ubin/{z}/{x}/{y}"
    assert config["min_zoom"] == 2
    assert config["max_native_zoom"] == 2
    assert config["attribution"] == "Uji"
    assert (config["latitude"], config["longitude"]) == ("-1.237900", "116.852900")


def test_picker_without_tiles_has_no_tile_url(settings):
    settings.MAP_MBTILES = ""
    settings.MAP_TILE_URL = ""
    assert maptiles.picker_config()["tile_url"] == ""


def test_picker_uses_an_external_template_when_set(settings):
    settings.MAP_TILE_URL = "https://ubin.contoh.id/{z}/{x}/{y}.png"
    assert maptiles.picker_config()["tile_url"] == "https://ubin.contoh.id/{z}/{x}/{y}.png"


def test_csp_source_of_a_tile_template():
    assert maptiles.csp_tile_source("https://ubin.contoh.id/{z}/{x}/{y}.png") == (
        "https://ubin.contoh.id"
    )
    assert maptiles.csp_tile_source("https://{s}.ubin.contoh.id:8443/{z}/{x}/{y}") == (
        "https://*.ubin.contoh.id:8443"
    )
    for bad in ["/lokal/{z}/{x}/{y}", "javascript:alert(1)", "https://{z}.contoh.id/{x}/{y}"]:
        with pytest.raises(ValueError):
            maptiles.csp_tile_source(bad)


def test_default_csp_allows_images_from_this_site_only(client, settings, db):
    assert settings.SECURE_CSP["img-src"] == [CSP.SELF, "data:"]
    header = client.get("/healthz")["Content-Security-Policy"]
    assert "img-src 'self' data:;" in header + ";"


def load_settings(**env) -> subprocess.CompletedProcess:
    """Import the settings module afresh with SP_* variables, as a new process would."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SP_")}
    source = str(Path(maptiles.__file__).resolve().parents[2])  # src/, where satupintu is
    environment.update(
        {
            "SP_SECRET_KEY": "x" * 50,
            "SP_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWI=",
            "SP_BLIND_INDEX_KEY": "test-only-blind-index-key",
            "SP_AUDIT_KEY": "test-only-audit-key-not-for-production-0123456789",
            "PYTHONPATH": source,
            **env,
        }
    )
    code = (
        "import json; from satupintu import settings; "
        "print(json.dumps({k: [str(v) for v in vs] for k, vs in settings.SECURE_CSP.items()}))"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_an_external_tile_host_is_added_to_img_src_only():
    default = json.loads(load_settings().stdout)
    external = load_settings(SP_MAP_TILE_URL="https://{s}.ubin.contoh.id/{z}/{x}/{y}.png")
    policy = json.loads(external.stdout)
    assert default["img-src"] == ["'self'", "data:"]
    assert policy["img-src"] == ["'self'", "data:", "https://*.ubin.contoh.id"]
    assert {k: v for k, v in policy.items() if k != "img-src"} == {
        k: v for k, v in default.items() if k != "img-src"
    }


def test_bad_map_settings_stop_the_start():
    assert "SP_MAP_TILE_URL" in load_settings(SP_MAP_TILE_URL="ubin/{z}/{x}/{y}").stderr
    assert "SP_MAP_CENTER" in load_settings(SP_MAP_CENTER="balikpapan").stderr


def test_mbtiles_from_a_tile_directory(tmp_path, red, blue):
    from django.core.management import call_command

    for (z, x, y), data in {(1, 0, 0): red, (1, 1, 1): blue}.items():
        (tmp_path / "ubin" / str(z) / str(x)).mkdir(parents=True, exist_ok=True)
        (tmp_path / "ubin" / str(z) / str(x) / f"{y}.png").write_bytes(data)
    (tmp_path / "ubin" / "catatan.txt").write_text("bukan ubin")
    output = str(tmp_path / "kota.mbtiles")
    call_command(
        "mbtiles_from_dir", str(tmp_path / "ubin"), output, attribution="Uji", stdout=io.StringIO()
    )
    assert maptiles.read_tile(output, 1, 0, 0) == red
    assert maptiles.read_tile(output, 1, 1, 1) == blue
    assert maptiles.metadata(output) | {} == {
        "name": "Peta kota",
        "type": "baselayer",
        "version": "1",
        "format": "png",
        "minzoom": "1",
        "maxzoom": "1",
        "attribution": "Uji",
    }
    tms = str(tmp_path / "tms.mbtiles")
    call_command("mbtiles_from_dir", str(tmp_path / "ubin"), tms, tms=True, stdout=io.StringIO())
    assert maptiles.read_tile(tms, 1, 0, 1) == red  # row 0 from the bottom is y = 1

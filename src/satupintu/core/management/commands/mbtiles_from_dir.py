"""Pack a directory of raster tiles (DIR/z/x/y.png, as most tile tools write them) into the
MBTiles file that SP_MAP_MBTILES points to. See docs/maps.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.core import maptiles

EXTENSIONS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".webp": "webp"}
BATCH = 2000


class Command(BaseCommand):
    help = "Kemas direktori ubin peta z/x/y.png menjadi satu berkas MBTiles."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="direktori berisi z/x/y.png (atau .jpg, .webp)")
        parser.add_argument("output", help="berkas .mbtiles yang dibuat atau ditambah")
        parser.add_argument(
            "--tms", action="store_true", help="baris diberi nomor dari bawah (gdal2tiles)"
        )
        parser.add_argument("--name", default="Peta kota")
        parser.add_argument("--attribution", default="", help="mis. © kontributor OpenStreetMap")

    def handle(self, directory, output, tms, name, attribution, **options):
        root = Path(directory)
        if not root.is_dir():
            raise CommandError(f"{directory} bukan direktori")
        batch, count, zooms, kinds = {}, 0, set(), set()
        for path in sorted(root.glob("*/*/*")):
            kind = EXTENSIONS.get(path.suffix.lower())
            parts = [path.parent.parent.name, path.parent.name, path.stem]
            if kind is None or not all(p.isdigit() for p in parts):
                continue
            z, x, y = (int(p) for p in parts)
            if not (x < 2**z and y < 2**z):
                continue
            if tms:
                y = (2**z - 1) - y
            batch[(z, x, y)] = path.read_bytes()
            zooms.add(z)
            kinds.add(kind)
            if len(batch) >= BATCH:
                maptiles.write_mbtiles(output, batch, {})
                count += len(batch)
                batch = {}
        if not zooms:
            raise CommandError(f"tidak ada ubin z/x/y di {directory}")
        if len(kinds) > 1:
            raise CommandError(f"campuran format ubin: {', '.join(sorted(kinds))}")
        metadata = {
            "name": name,
            "type": "baselayer",
            "version": "1",
            "format": kinds.pop(),
            "minzoom": str(min(zooms)),
            "maxzoom": str(max(zooms)),
        }
        if attribution:
            metadata["attribution"] = attribution
        maptiles.write_mbtiles(output, batch, metadata)
        count += len(batch)
        self.stdout.write(f"{count} ubin (zoom {min(zooms)}–{max(zooms)}) ditulis ke {output}")

from pathlib import Path

from django.core.management.base import BaseCommand

from satupintu.cityconfig.schema import schema_texts
from satupintu.cityconfig.selectors import export_texts


class Command(BaseCommand):
    help = (
        "Tulis konfigurasi kota (layanan, kategori pengaduan, SLA, pengaturan surat, klasifikasi "
        "arsip, penanda tangan, hari libur, lokasi antrean, masa E-Pokir, susunan DPRD) ke folder "
        "DIR, satu berkas YAML per jenis."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder tujuan (dibuat bila belum ada)")
        parser.add_argument(
            "--schemas", action="store_true", help="tulis JSON Schema berkas-berkasnya saja"
        )

    def handle(self, directory, schemas=False, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        texts = schema_texts() if schemas else export_texts()
        for name, text in texts.items():
            (target / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"{len(texts)} berkas ditulis ke {target}.")

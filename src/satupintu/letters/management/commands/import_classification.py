from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.letters.services import import_classification

# The table shipped with the app (primary classes, their second level and the 000.x third
# level of Permendagri 83/2022; see docs/eoffice.md).
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "klasifikasi-permendagri-83-2022.csv"


class Command(BaseCommand):
    help = (
        "Muat tabel kode klasifikasi arsip (CSV: kode,nama,retensi_aktif,retensi_inaktif,"
        "keterangan_akhir). Tanpa nama berkas: tabel bawaan aplikasi. Aman dijalankan ulang: "
        "baris yang ada diperbarui; baris tanpa nilai retensi tidak menghapus retensi yang "
        "sudah dicatat untuk kode itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", default=SHIPPED)

    def handle(self, file: Path, **options):
        if not file.exists():
            raise CommandError(f"Berkas tidak ditemukan: {file}")
        created, updated = import_classification(file)
        self.stdout.write(f"Kode klasifikasi: {created} baru, {updated} diperbarui.")

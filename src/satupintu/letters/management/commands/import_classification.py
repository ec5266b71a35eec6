from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.letters.services import import_classification


class Command(BaseCommand):
    help = (
        "Muat tabel kode klasifikasi arsip (CSV: kode,nama,retensi_aktif,retensi_inaktif,"
        "keterangan_akhir). Aman dijalankan ulang: baris yang ada diperbarui."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, file: Path, **options):
        if not file.exists():
            raise CommandError(f"Berkas tidak ditemukan: {file}")
        created, updated = import_classification(file)
        self.stdout.write(f"Kode klasifikasi: {created} baru, {updated} diperbarui.")

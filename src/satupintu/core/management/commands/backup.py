from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from satupintu.core import backup


class Command(BaseCommand):
    help = (
        "Cadangkan basis data dan semua berkas yang dirujuk ke satu berkas terenkripsi "
        "(kunci SP_FIELD_KEYS). Lihat docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            help="berkas tujuan, atau folder (nama berkas dibuat dari waktu sekarang)",
        )

    def handle(self, *args, target, **options):
        path = Path(target)
        if path.is_dir() or target.endswith("/"):
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            path = path / f"satupintu-{stamp}.spbackup"
        manifest = backup.backup(path)
        files = len(manifest["files"])
        missing = manifest["missing_files"]
        self.stdout.write(f"Cadangan ditulis: {path} ({files} berkas, {missing} tidak ditemukan)")
        if missing:
            self.stderr.write(
                f"Peringatan: {missing} berkas yang dirujuk basis data tidak ada di penyimpanan."
            )

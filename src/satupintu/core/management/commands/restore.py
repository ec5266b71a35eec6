from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.core import backup


class Command(BaseCommand):
    help = (
        "Pulihkan cadangan dari `manage.py backup` ke basis data dan penyimpanan yang kosong, "
        "lalu periksa jejak audit, setiap berkas (SHA-256) dan setiap tanda tangan dokumen."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="berkas cadangan")
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="hanya periksa basis data dan berkas yang sudah ada",
        )

    def handle(self, *args, source, verify_only, **options):
        if not verify_only:
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"Berkas cadangan {source} tidak ada.")
            try:
                manifest = backup.restore(path)
            except backup.BackupError as exc:
                raise CommandError(f"Pemulihan gagal: {exc}.") from exc
            self.stdout.write(
                f"Dipulihkan: cadangan {manifest['created_at']}, {len(manifest['files'])} berkas."
            )
        result = backup.verify()
        self.stdout.write(
            f"Jejak audit: {result.audit_rows} baris; berkas diperiksa: {result.files_checked}; "
            f"dokumen bertanda tangan diperiksa: {result.documents_checked}."
        )
        if not result.ok:
            for problem in ([result.audit_problem] if result.audit_problem else []) + (
                result.problems
            ):
                self.stderr.write(f"MASALAH: {problem}")
            raise CommandError("Pemeriksaan setelah pemulihan GAGAL.")
        self.stdout.write("Pemeriksaan setelah pemulihan: semua utuh.")

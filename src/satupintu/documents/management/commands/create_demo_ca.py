from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from satupintu.documents import services


class Command(BaseCommand):
    help = (
        "Buat CA demo dan sertifikat tanda tangan untuk unit dan pejabat (hanya mode demo, "
        "SP_DEMO=1). Tanpa --unit/--user: semua OPD, pemkot dan setiap kepala unit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", action="append", dest="units", metavar="KODE", help="kode unit (berulang)"
        )
        parser.add_argument(
            "--user", action="append", dest="users", metavar="EMAIL", help="e-mail pejabat"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="jalankan walau SP_DEMO tidak aktif (CA demo menjadi CA tepercaya!)",
        )

    def handle(self, units=None, users=None, force=False, **options):
        if not (settings.DEMO or force):
            raise CommandError(
                "SP_DEMO tidak aktif: CA demo tidak dibuat. Di produksi unggah sertifikat "
                "PKCS#12 OPD di admin (lihat docs/documents.md)."
            )
        try:
            setup = services.setup_demo_signing(unit_codes=units, user_emails=users)
        except services.DocumentError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"CA demo: {setup.ca.name} (SHA-256 {setup.ca.fingerprint_sha256[:16]}…); "
            f"{len(setup.created)} sertifikat tanda tangan baru."
        )

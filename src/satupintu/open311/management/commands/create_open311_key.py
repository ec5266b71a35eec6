from django.core.management.base import BaseCommand, CommandError

from satupintu.open311 import services
from satupintu.org.models import OrgUnit


class Command(BaseCommand):
    help = "Buat kunci API Open311 untuk sebuah aplikasi dan cetak kuncinya (sekali saja)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="nama aplikasi klien")
        parser.add_argument("--unit", default="", help="kode unit pemilik (opsional)")

    def handle(self, name, unit="", **options):
        org_unit = None
        if unit:
            org_unit = OrgUnit.objects.filter(code=unit).first()
            if org_unit is None:
                raise CommandError(f"Unit {unit} tidak ditemukan.")
        api_key, raw = services.create_api_key(actor=None, name=name, org_unit=org_unit)
        self.stdout.write(raw)
        self.stderr.write(
            f"Kunci untuk {api_key.name} dibuat (awalan {api_key.key_prefix}). "
            "Simpan sekarang: kunci tidak dapat ditampilkan lagi."
        )

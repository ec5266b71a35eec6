from django.core.management.base import BaseCommand, CommandError

from satupintu.cityconfig.services import CityConfigError, import_city_config


class Command(BaseCommand):
    help = (
        "Muat konfigurasi kota dari folder DIR (berkas YAML dari export_city_config): periksa "
        "semua berkas terhadap skemanya dulu, lalu terapkan dalam satu transaksi."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder berisi berkas *.yaml")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan perubahan tanpa menyimpannya"
        )
        parser.add_argument(
            "--only", default="", help="hanya jenis ini, dipisah koma (mis. services,life-events)"
        )

    def handle(self, directory, dry_run=False, only="", **options):
        parts = {name.strip() for name in only.split(",") if name.strip()}
        try:
            summary = import_city_config(directory, dry_run=dry_run, only=parts or None)
        except CityConfigError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} kesalahan; tidak ada yang dimuat.") from exc
        for line in summary.lines():
            self.stdout.write(line)
        done = "uji coba, tidak ada yang disimpan" if dry_run else "disimpan"
        self.stdout.write(f"Konfigurasi kota: {summary.changed} perubahan ({done}).")

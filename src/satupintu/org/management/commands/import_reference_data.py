from django.core.management.base import BaseCommand, CommandError

from satupintu.org.importer import ReferenceDataError
from satupintu.org.services import import_reference_data


class Command(BaseCommand):
    help = "Muat data referensi kota (wilayah, dapil, OPD) dari folder berisi tiga berkas CSV."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder berisi wilayah-*.csv, dapil-*.csv, opd-*.csv")

    def handle(self, directory, **options):
        try:
            summary = import_reference_data(directory)
        except ReferenceDataError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} kesalahan; tidak ada data yang dimuat.") from exc
        self.stdout.write(
            f"Data referensi dimuat: {summary.regions} wilayah, {summary.districts} dapil, "
            f"{summary.org_units} OPD, {summary.offices} kantor kecamatan/kelurahan."
        )

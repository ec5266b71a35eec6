from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from satupintu.dashboards import rollup


class Command(BaseCommand):
    help = "Hitung ulang rekap harian dasbor untuk rentang tanggal (bawaan: 30 hari terakhir)."

    def add_arguments(self, parser):
        parser.add_argument("--dari", type=date.fromisoformat)
        parser.add_argument("--sampai", type=date.fromisoformat)

    def handle(self, dari=None, sampai=None, **options):
        end = sampai or timezone.localdate()
        start = dari or end - timedelta(days=30)
        written = rollup.rollup_range(start, end)
        self.stdout.write(f"Rekap {start}..{end}: {written} baris.")

from django.core.management.base import BaseCommand

from satupintu.catalog.demo import make_bench_services


class Command(BaseCommand):
    help = "Isi katalog sampai N layanan (layanan demo lalu layanan contoh) untuk uji beban."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=500, help="jumlah layanan yang dituju")

    def handle(self, count=500, **options):
        added = make_bench_services(count)
        self.stdout.write(f"{added} layanan contoh ditambahkan (target {count}).")

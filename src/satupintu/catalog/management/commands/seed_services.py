from django.core.management.base import BaseCommand

from satupintu.catalog.bench import make_bench_services
from satupintu.cityconfig.demo import load_catalogue


class Command(BaseCommand):
    help = "Isi katalog sampai N layanan (layanan demo lalu layanan contoh) untuk uji beban."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=500, help="jumlah layanan yang dituju")

    def handle(self, count=500, **options):
        load_catalogue()
        added = make_bench_services(count)
        self.stdout.write(f"{added} layanan contoh ditambahkan (target {count}).")

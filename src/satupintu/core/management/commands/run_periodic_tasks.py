import time

from django.core.management.base import BaseCommand

from satupintu.core.periodic import enqueue_due


class Command(BaseCommand):
    help = "Antrekan tugas berkala (SLA, kirim ulang notifikasi) saat waktunya tiba."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="satu putaran lalu berhenti")
        parser.add_argument("--interval", type=int, default=30, help="detik antar putaran")

    def handle(self, once=False, interval=30, **options):
        while True:
            for name in enqueue_due():
                self.stdout.write(f"diantrekan: {name}")
            if once:
                return
            time.sleep(interval)

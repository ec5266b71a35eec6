from django.core.management.base import BaseCommand

from satupintu.opendata import services


class Command(BaseCommand):
    help = "Write the generated open-data datasets again from the platform's figures."

    def handle(self, *args, **options):
        done = services.regenerate_all()
        self.stdout.write(f"{len(done)} datasets: {', '.join(done)}")

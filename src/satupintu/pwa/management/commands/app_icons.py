from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from satupintu.pwa.icons import ICONS, png_bytes


class Command(BaseCommand):
    help = "Draw the installable app's icons into static/img/ (run after changing pwa/icons.py)."

    def handle(self, *args, **options):
        folder = Path(settings.PACKAGE_DIR) / "static" / "img"
        for name, size, maskable in ICONS:
            (folder / name).write_bytes(png_bytes(size, maskable=maskable))
            self.stdout.write(f"{folder / name}")

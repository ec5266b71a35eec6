from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.spbe import framework
from satupintu.spbe.services import framework as services


class Command(BaseCommand):
    help = (
        "Muat kerangka evaluasi SPBE dari berkas YAML/JSON (bawaan: PermenPAN-RB 59/2020). "
        "Semua atau tidak sama sekali; berkas yang sama dua kali tidak mengubah apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(framework.BUNDLED))

    def handle(self, path, **options):
        source = Path(path)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{source}: {exc}") from exc
        try:
            loaded = services.load_framework(text)
        except services.FrameworkRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"{source}:{problem.line}: {problem.message}")
            raise CommandError(
                f"{source}: {len(refused.problems)} kesalahan, tidak ada yang dimuat."
            ) from refused
        fw = loaded.framework
        state = "dimuat" if loaded.created else "sudah ada, tidak berubah"
        self.stdout.write(f"{fw.code} versi {fw.version}: {state}.")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.core.audit import current_anchor, verify_chain
from satupintu.core.management.commands.verify_audit_chain import chain_failure


class Command(BaseCommand):
    help = (
        "Tulis jangkar jejak audit (nomor urut, hash kepala rantai, waktu) ke BERKAS atau ke "
        "layar, setelah memeriksa rantai. Simpan di luar server basis data."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", metavar="BERKAS", help="tanpa BERKAS: ke layar")

    def handle(self, file=None, **options):
        # Anchor the head as it is now, then check everything up to it: an anchor must never
        # bless a chain that was already broken.
        anchor = current_anchor()
        checked, problem = verify_chain(anchor=anchor)
        if problem:
            raise chain_failure(checked, problem)
        text = anchor.to_json() + "\n"
        if not file:
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Berkas {file} tidak dapat ditulis: {exc.strerror}.") from exc
        self.stderr.write(f"Jangkar #{anchor.seq} ditulis ke {file}.")

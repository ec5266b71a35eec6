from django.core.management.base import BaseCommand, CommandError

from satupintu.core.audit import verify_chain

REASONS = {
    "missing": "baris hilang (dihapus)",
    "broken_link": "rantai terputus (baris sebelumnya diubah atau dihapus)",
    "altered": "isi baris diubah",
}


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit; gagal dan sebutkan baris pertama yang rusak."

    def handle(self, **options):
        checked, problem = verify_chain()
        if problem:
            raise CommandError(
                f"Jejak audit RUSAK pada baris #{problem.seq}: {REASONS[problem.reason]} "
                f"({checked} baris sebelumnya utuh)."
            )
        self.stdout.write(self.style.SUCCESS(f"Jejak audit utuh: {checked} baris diperiksa."))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satupintu.core.audit import Anchor, verify_chain

REASONS = {
    "missing": "baris hilang (dihapus)",
    "broken_link": "rantai terputus (baris sebelumnya diubah atau dihapus)",
    "altered": "isi baris diubah",
    "unknown_key": "ditandatangani dengan kunci audit yang tidak dikenal (kunci lama belum "
    "dipasang di SP_AUDIT_OLD_KEYS, atau baris dipalsukan)",
    "downgraded": "baris tanpa kunci setelah rantai berkunci (dipalsukan)",
    "unkeyed_head": "baris terakhir tanpa kunci (baris baru dihapus atau rantai disusun ulang)",
    "truncated": "baris-baris terbaru dipotong (jangkar menyebut baris yang tidak ada lagi)",
    "anchor_mismatch": "baris berbeda dengan jangkar yang diekspor (ditulis ulang)",
}


def read_anchor(path: str) -> Anchor:
    try:
        return Anchor.from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CommandError(
            f"Berkas jangkar {path} tidak dapat dibaca atau bukan hasil export_audit_anchor."
        ) from exc


def chain_failure(checked: int, problem) -> CommandError:
    return CommandError(
        f"Jejak audit RUSAK pada baris #{problem.seq}: {REASONS[problem.reason]} "
        f"({checked} baris sebelumnya utuh)."
    )


class Command(BaseCommand):
    help = (
        "Periksa rantai hash berkunci jejak audit; gagal dan sebutkan baris pertama yang rusak. "
        "Dengan --anchor, periksa juga kepala rantai terhadap jangkar yang diekspor."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor", metavar="BERKAS", help="jangkar dari manage.py export_audit_anchor"
        )

    def handle(self, anchor=None, **options):
        expected = read_anchor(anchor) if anchor else None
        checked, problem = verify_chain(anchor=expected)
        if problem:
            raise chain_failure(checked, problem)
        self.stdout.write(self.style.SUCCESS(f"Jejak audit utuh: {checked} baris diperiksa."))
        if expected:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Cocok dengan jangkar #{expected.seq} ({expected.exported_at})."
                )
            )

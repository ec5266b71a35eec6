from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from satupintu.accounts import enrolment
from satupintu.accounts.models import User


class Command(BaseCommand):
    help = (
        "Terbitkan tautan aktivasi TOTP sekali pakai untuk akun pegawai "
        "(tautan lama yang belum dipakai tidak berlaku lagi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mail akun pegawai")

    def handle(self, email, **options):
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"Tidak ada akun dengan e-mail {email}.")
        token = enrolment.issue(actor=None, user=user)
        self.stdout.write(enrolment.enrolment_url(token))
        self.stdout.write(
            f"Berlaku {settings.TOTP_ENROLMENT_HOURS} jam, sekali pakai. "
            "Berikan hanya kepada pemilik akun."
        )

from django.core.management.base import BaseCommand, CommandError

from satupintu.letters import inbox


class Command(BaseCommand):
    help = (
        "Bangun ulang baris kotak masuk surat per orang dari aturannya (setelah impor massal "
        "atau bila angka kotak masuk diragukan). Tanpa --email: semua orang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="hanya kotak masuk orang ini")

    def handle(self, *args, email=None, **options):
        if email:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"Tidak ada akun dengan e-mail {email}.")
            inbox.sync_user(user)
            self.stdout.write(f"Kotak masuk {email} dibangun ulang.")
            return
        people = inbox.rebuild_all()
        self.stdout.write(f"Kotak masuk {people} orang dibangun ulang.")

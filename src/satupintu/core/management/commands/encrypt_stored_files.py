from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Enkripsi berkas pribadi yang masih tersimpan tanpa enkripsi (diunggah sebelum "
        "enkripsi berkas diaktifkan). Aman dijalankan berulang kali."
    )

    def handle(self, **options):
        if not hasattr(default_storage, "encrypt_existing"):
            raise CommandError("Penyimpanan bawaan bukan EncryptedFileSystemStorage.")
        encrypted = already = 0
        for name in default_storage.walk():
            if default_storage.encrypt_existing(name):
                encrypted += 1
            else:
                already += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"{encrypted} berkas dienkripsi, {already} sudah terenkripsi sebelumnya."
            )
        )

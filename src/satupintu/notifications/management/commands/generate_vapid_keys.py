from django.core.management.base import BaseCommand

from satupintu.notifications.vapid import new_key_pair


class Command(BaseCommand):
    help = (
        "Make a VAPID key pair for Web Push and print it as SP_VAPID_PRIVATE_KEY and "
        "SP_VAPID_PUBLIC_KEY lines for the environment file (docs/pwa.md). Changing the pair "
        "makes every browser's subscription useless: do it once per site."
    )

    def handle(self, *args, **options):
        private, public = new_key_pair()
        self.stdout.write(f"SP_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"SP_VAPID_PUBLIC_KEY={public}")

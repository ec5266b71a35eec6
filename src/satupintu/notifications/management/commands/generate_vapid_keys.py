from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand
from py_vapid import Vapid, b64urlencode


class Command(BaseCommand):
    help = (
        "Make a VAPID key pair for Web Push and print it as SP_VAPID_PRIVATE_KEY and "
        "SP_VAPID_PUBLIC_KEY lines for the environment file (docs/pwa.md). Changing the pair "
        "makes every browser's subscription useless: do it once per site."
    )

    def handle(self, *args, **options):
        vapid = Vapid()
        vapid.generate_keys()
        private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
        public = vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.stdout.write(f"SP_VAPID_PRIVATE_KEY={b64urlencode(private)}")
        self.stdout.write(f"SP_VAPID_PUBLIC_KEY={b64urlencode(public)}")

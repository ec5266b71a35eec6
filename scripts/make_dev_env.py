"""Print a dev.env with fresh random secrets for `make run` (never used in production)."""

import secrets

from cryptography.fernet import Fernet

from satupintu.notifications.vapid import new_key_pair

print("SP_DEBUG=1")
print("SP_DEMO=1")
print(f"SP_SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"SP_FIELD_KEYS={Fernet.generate_key().decode()}")
print(f"SP_BLIND_INDEX_KEY={secrets.token_urlsafe(32)}")
print(f"SP_AUDIT_KEY={secrets.token_urlsafe(48)}")
print("SP_DATABASE_URL=sqlite:///var/satupintu.sqlite3")
print("SP_MEDIA_ROOT=var/media")

# Web Push (docs/pwa.md): a key pair, so the notification page offers the switch.
_private, _public = new_key_pair()
print(f"SP_VAPID_PRIVATE_KEY={_private}")
print(f"SP_VAPID_PUBLIC_KEY={_public}")

"""Print a dev.env with fresh random secrets for `make run` (never used in production)."""

import secrets

from cryptography.fernet import Fernet

print("SP_DEBUG=1")
print("SP_DEMO=1")
print(f"SP_SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"SP_FIELD_KEYS={Fernet.generate_key().decode()}")
print(f"SP_BLIND_INDEX_KEY={secrets.token_urlsafe(32)}")
print(f"SP_AUDIT_KEY={secrets.token_urlsafe(48)}")
print("SP_DATABASE_URL=sqlite:///var/satupintu.sqlite3")
print("SP_MEDIA_ROOT=var/media")

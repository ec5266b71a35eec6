"""allauth.mfa stores TOTP secrets and recovery-code seeds through these hooks: field keys.

Values are Fernet tokens under SP_FIELD_KEYS (core.crypto), re-encrypted by
`manage.py rotate_field_keys`. A value that is not a Fernet token is a secret stored in clear
before encryption was switched on (migration accounts 0003 encrypts those); it still works.
"""

from allauth.mfa.adapter import DefaultMFAAdapter

from satupintu.core import crypto

FERNET_PREFIX = "gAAAAA"  # every Fernet token starts with its version byte 0x80, base64

# Where allauth keeps encrypted values in Authenticator.data: single strings and lists.
SECRET_KEYS = ("secret", "seed")
SECRET_LIST_KEYS = ("migrated_codes",)


def is_encrypted(value: str) -> bool:
    return value.startswith(FERNET_PREFIX)


class MfaAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The set-up QR code as inline SVG, drawn on the server with segno (the project's QR
        library): no image request, no data: URI, sized by CSS (mfa/totp/activate_form.html).
        Only presentation attributes, no style attribute, so the CSP allows it."""
        import segno

        return segno.make(url, error="m").svg_inline(
            scale=1, border=4, omitsize=True, svgclass="totp-qr-code", lineclass=None
        )

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        if not is_encrypted(encrypted_text):
            return encrypted_text
        return crypto.decrypt(encrypted_text)


def transform_secrets(data: dict, change) -> bool:
    """Apply `change(value) -> value | None` to every secret in `data`; True if any changed."""
    changed = False
    for key in SECRET_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value:
            new = change(value)
            if new is not None and new != value:
                data[key] = new
                changed = True
    for key in SECRET_LIST_KEYS:
        values = data.get(key)
        if isinstance(values, list):
            new_values = [change(v) if isinstance(v, str) else None for v in values]
            merged = [n if n is not None else v for n, v in zip(new_values, values, strict=True)]
            if merged != values:
                data[key] = merged
                changed = True
    return changed


def encrypt_if_clear(value: str) -> str | None:
    return None if is_encrypted(value) else crypto.encrypt(value)


def rotate_if_stale(value: str) -> str | None:
    if not is_encrypted(value):
        return crypto.encrypt(value)
    return None if crypto.is_current(value) else crypto.rotate(value)


def reencrypt_authenticators(change=rotate_if_stale, model=None) -> int:
    """Re-encrypt every authenticator's secrets (for key rotation and the migration)."""
    if model is None:
        from allauth.mfa.models import Authenticator

        model = Authenticator
    count = 0
    for authenticator in model.objects.all().iterator():
        data = dict(authenticator.data or {})
        if transform_secrets(data, change):
            model.objects.filter(pk=authenticator.pk).update(data=data)
            count += 1
    return count

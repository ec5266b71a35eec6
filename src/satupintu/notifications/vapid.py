"""A VAPID key pair for Web Push, as the settings and browsers take it: the private key as
the base64url of its 32 bytes, the public key as the base64url of the uncompressed P-256 point
(what `pushManager.subscribe({applicationServerKey})` expects). No Django here: the dev
environment script uses it too."""

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid, b64urlencode


def new_key_pair() -> tuple[str, str]:
    vapid = Vapid()
    vapid.generate_keys()
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64urlencode(private), b64urlencode(public)

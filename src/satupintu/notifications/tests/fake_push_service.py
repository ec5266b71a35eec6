"""A local push service for tests: it checks what a real one checks (RFC 8292 VAPID
`Authorization: vapid t=<JWT>,k=<key>` signed by that key, for this origin, not expired;
RFC 8291 aes128gcm body with a TTL) and decrypts the message with the subscriber's key, as
the browser would. Answers with the status a test sets (201, 410, 500…)."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """The subscriber's side: its key pair and auth secret, as a browser makes them."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = b"0123456789abcdef"

    @property
    def p256dh(self) -> str:
        raw = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(raw)


def verify_vapid(header: str, origin: str) -> dict:
    """The JWT's claims, or AssertionError with what is wrong."""
    assert header.startswith("vapid "), header
    fields = dict(part.strip().split("=", 1) for part in header[len("vapid ") :].split(","))
    token, key = fields["t"], fields["k"]
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    head, claims, signature = token.split(".")
    assert json.loads(unb64url(head))["alg"] == "ES256"
    raw = unb64url(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    values = json.loads(unb64url(claims))
    assert values["aud"] == origin, values
    assert values["exp"] > time.time(), values
    assert values["sub"].startswith(("mailto:", "https://", "http://")), values
    values["k"] = key
    return values


class FakePushService:
    def __init__(self):
        self.status = 201
        self.received: list[dict] = []
        self.browsers: dict[str, Browser] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                record = {"path": self.path, "headers": dict(self.headers), "error": ""}
                try:
                    record["claims"] = verify_vapid(
                        self.headers.get("Authorization", ""), service.origin
                    )
                    assert self.headers.get("Content-Encoding") == "aes128gcm"
                    assert int(self.headers.get("TTL", "-1")) > 0
                    browser = service.browsers[self.path.rsplit("/", 1)[-1]]
                    plain = http_ece.decrypt(
                        body,
                        private_key=browser.private_key,
                        auth_secret=browser.auth,
                        version="aes128gcm",
                    )
                    record["payload"] = json.loads(plain)
                except Exception as exc:  # noqa: BLE001 - reported to the test
                    record["error"] = f"{type(exc).__name__}: {exc}"
                    self.send_response(400)
                    self.end_headers()
                    service.received.append(record)
                    return
                service.received.append(record)
                self.send_response(service.status)
                self.send_header("Location", f"{service.origin}/m/{len(service.received)}")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def subscription(self, name: str) -> dict:
        """What a browser's `PushSubscription.toJSON()` would give for a new subscriber."""
        browser = self.browsers.setdefault(name, Browser())
        return {
            "endpoint": f"{self.origin}/push/{name}",
            "keys": {"p256dh": browser.p256dh, "auth": b64url(browser.auth)},
        }

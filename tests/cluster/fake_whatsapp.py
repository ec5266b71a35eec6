"""A fake WhatsApp Cloud API for the worker fault (test_faults.py), speaking the protocol
`notifications.whatsapp.CloudApiClient` speaks (the adapter's own tests use the same kind of
server, intake/tests/conftest.py). It counts every message it receives, as the real provider
would deliver it, and can hold one request open so the test kills the worker mid-delivery."""

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeWhatsApp:
    def __init__(self, hold_request: int):
        # The hold_request-th message is received, then held unanswered until `release`.
        self.hold_request = hold_request
        self.holding = threading.Event()
        self.release = threading.Event()
        self.received = Counter()  # message body -> how many times the provider got it
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                body = (payload.get("text") or {}).get("body", "")
                with fake.lock:
                    fake.received[body] += 1
                    number = sum(fake.received.values())
                if number == fake.hold_request:
                    fake.holding.set()
                    fake.release.wait(120)
                data = json.dumps({"messages": [{"id": f"wamid.FAULT{number}"}]}).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the worker was killed while we held its request

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def counts(self, bodies: list[str]) -> list[int]:
        with self.lock:
            return [self.received[body] for body in bodies]

import base64
import hashlib
import hmac
import io
import json
import re
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from satupintu.cases.models import Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.org.models import OrgUnit

APP_SECRET = "uji-app-secret"
VERIFY_TOKEN = "uji-verify-token"
MAIL_TOKEN = "uji-mail-token"
WA_TOKEN = "uji-wa-token"
PHONE_NUMBER_ID = "1234567890"
CITIZEN_WA = "6281234567890"


def png_bytes(color="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture
def secrets_configured():
    with override_settings(
        WHATSAPP_APP_SECRET=APP_SECRET,
        WHATSAPP_VERIFY_TOKEN=VERIFY_TOKEN,
        INBOUND_EMAIL_TOKEN=MAIL_TOKEN,
    ):
        yield


@pytest.fixture
def categories(reference_data):
    tier = SlaTier.objects.get(code="normatif")
    made = {}
    for order, (code, name, unit) in enumerate(
        [
            ("jalan-rusak", "Jalan rusak atau berlubang", "DPU"),
            ("lampu-jalan", "Lampu penerangan jalan mati", "DPU"),
            ("sampah", "Sampah tidak diangkut", "DLH"),
            ("lainnya", "Lainnya", None),
        ],
        1,
    ):
        made[code] = Category.objects.create(
            kind=KIND,
            code=code,
            name=name,
            sla_tier=tier,
            sort_order=order,
            default_org_unit=OrgUnit.objects.filter(code=unit).first() if unit else None,
        )
    return made


# --- WhatsApp webhook helpers ---------------------------------------------------------------


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


_counter = iter(range(1, 10**9))


def wa_message(kind="text", *, sender=CITIZEN_WA, timestamp=None, wamid=None, **content):
    message = {
        "from": sender,
        "id": wamid or f"wamid.UJI{next(_counter):08d}",
        "timestamp": str(int(timestamp if timestamp is not None else time.time())),
        "type": kind,
    }
    if kind == "text":
        message["text"] = {"body": content["body"]}
    elif kind == "location":
        message["location"] = content
    elif kind == "image":
        message["image"] = {"id": content["media_id"], "mime_type": "image/jpeg"}
        if content.get("caption"):
            message["image"]["caption"] = content["caption"]
    else:
        message[kind] = content
    return message


def wa_payload(*messages, statuses=None, name="Budi Santoso", sender=CITIZEN_WA):
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "62542000000", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": name}, "wa_id": sender}],
    }
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = statuses
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA1", "changes": [{"field": "messages", "value": value}]}],
    }


def post_webhook(client, payload, *, secret=APP_SECRET, signature=None):
    body = json.dumps(payload).encode()
    headers = {}
    if signature is not False:
        headers["HTTP_X_HUB_SIGNATURE_256"] = signature or sign(body, secret)
    return client.post(
        reverse("intake:whatsapp"), data=body, content_type="application/json", **headers
    )


@pytest.fixture
def say(client, secrets_configured, django_capture_on_commit_callbacks):
    """Send one message from the citizen; returns (response, reply texts queued)."""
    from satupintu.notifications.models import OutboxMessage

    def send(message_or_text, **kwargs):
        message = (
            wa_message(body=message_or_text, **kwargs)
            if isinstance(message_or_text, str)
            else message_or_text
        )
        before = set(OutboxMessage.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            response = post_webhook(client, wa_payload(message))
        assert response.status_code == 200, response.content
        replies = [
            m.body
            for m in OutboxMessage.objects.exclude(pk__in=before).order_by("pk")
            if m.channel == "whatsapp"
        ]
        return response, replies

    return send


# --- A fake WhatsApp Cloud API (http.server on 127.0.0.1) -----------------------------------


class FakeCloudApi:
    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict | bytes, dict]] = []
        self.media: dict[str, tuple[bytes, str]] = {}
        self._sent = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": body,
                    }
                )

            def _answer(self, status, body, headers=None):
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                self._record()
                if fake.answers:
                    self._answer(*fake.answers.pop(0))
                    return
                fake._sent += 1
                self._answer(200, {"messages": [{"id": f"wamid.OUT{fake._sent}"}]})

            def do_GET(self):
                self._record()
                if fake.answers:
                    self._answer(*fake.answers.pop(0))
                    return
                path = self.path.strip("/")
                if path.startswith("download/"):
                    data, _mime = fake.media.get(path.split("/", 1)[1], (b"", ""))
                    self._answer(200, data)
                    return
                media_id = path.rsplit("/", 1)[-1]
                if media_id not in fake.media:
                    self._answer(404, {"error": {"message": "Unknown media", "code": 100}})
                    return
                data, mime = fake.media[media_id]
                self._answer(
                    200,
                    {
                        "url": f"{fake.url}/download/{media_id}",
                        "mime_type": mime,
                        "file_size": len(data),
                        "id": media_id,
                    },
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def messages_sent(self) -> list[dict]:
        return [
            json.loads(r["body"])
            for r in self.requests
            if r["method"] == "POST" and r["path"].endswith("/messages")
        ]


@pytest.fixture
def cloud_api():
    fake = FakeCloudApi()
    fake.thread.start()
    with override_settings(
        WHATSAPP_CLIENT="satupintu.notifications.whatsapp.CloudApiClient",
        WHATSAPP_API_BASE=f"{fake.url}/v21.0",
        WHATSAPP_TOKEN=WA_TOKEN,
        WHATSAPP_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
    ):
        yield fake
    fake.server.shutdown()
    fake.server.server_close()


# --- A fake IMAP server (socketserver on 127.0.0.1) -----------------------------------------


class FakeImapServer:
    """Speaks just the IMAP4rev1 that imaplib and `intake.mail` use."""

    def __init__(self):
        self.user, self.password = "aduan@kota.go.id", "sandi imap"
        self.messages: dict[int, dict] = {}  # uid -> {"raw": bytes, "seen": bool}
        self.commands: list[str] = []
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def send(self, line: str | bytes):
                self.wfile.write(line if isinstance(line, bytes) else line.encode() + b"\r\n")

            def handle(self):
                self.send("* OK [CAPABILITY IMAP4rev1] Fake IMAP ready")
                selected = False
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    text = line.decode().rstrip("\r\n")
                    fake.commands.append(text)
                    tag, _sp, rest = text.partition(" ")
                    command, _sp, args = rest.partition(" ")
                    command = command.upper()
                    if command == "CAPABILITY":
                        self.send("* CAPABILITY IMAP4rev1")
                        self.send(f"{tag} OK CAPABILITY completed")
                    elif command == "LOGIN":
                        user, password = re.match(r'(\S+) "?(.*?)"?$', args).groups()
                        if (user, password) == (fake.user, fake.password):
                            self.send(f"{tag} OK LOGIN completed")
                        else:
                            self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
                    elif command == "SELECT":
                        selected = args.strip('"') == "INBOX"
                        if selected:
                            self.send(f"* {len(fake.messages)} EXISTS")
                            self.send(f"{tag} OK [READ-WRITE] SELECT completed")
                        else:
                            self.send(f"{tag} NO no such mailbox")
                    elif command == "UID" and selected:
                        self.uid(tag, args)
                    elif command == "LOGOUT":
                        self.send("* BYE logging out")
                        self.send(f"{tag} OK LOGOUT completed")
                        return
                    else:
                        self.send(f"{tag} BAD unsupported command")

            def uid(self, tag, args):
                sub, _sp, rest = args.partition(" ")
                sub = sub.upper()
                uids = sorted(fake.messages)
                if sub == "SEARCH" and rest.upper() == "UNSEEN":
                    found = [str(u) for u in uids if not fake.messages[u]["seen"]]
                    self.send("* SEARCH" + "".join(f" {u}" for u in found))
                    self.send(f"{tag} OK SEARCH completed")
                elif sub == "FETCH" and "BODY.PEEK[]" in rest.upper():
                    uid = int(rest.split()[0])
                    raw = fake.messages[uid]["raw"]
                    seq = uids.index(uid) + 1
                    self.send(f"* {seq} FETCH (UID {uid} BODY[] {{{len(raw)}}}".encode() + b"\r\n")
                    self.send(raw + b")\r\n")
                    self.send(f"{tag} OK FETCH completed")
                elif sub == "STORE" and "+FLAGS" in rest.upper() and "\\SEEN" in rest.upper():
                    uid = int(rest.split()[0])
                    fake.messages[uid]["seen"] = True
                    self.send(f"* {uids.index(uid) + 1} FETCH (UID {uid} FLAGS (\\Seen))")
                    self.send(f"{tag} OK STORE completed")
                else:
                    self.send(f"{tag} BAD unsupported UID command")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, raw: bytes, seen: bool = False) -> int:
        uid = max(self.messages, default=0) + 1
        self.messages[uid] = {"raw": raw, "seen": seen}
        return uid


@pytest.fixture
def imap_server():
    fake = FakeImapServer()
    fake.thread.start()
    with override_settings(
        IMAP_HOST="127.0.0.1",
        IMAP_PORT=fake.port,
        IMAP_SSL=False,
        IMAP_USER=fake.user,
        IMAP_PASSWORD=fake.password,
        IMAP_FOLDER="INBOX",
    ):
        yield fake
    fake.server.shutdown()
    fake.server.server_close()

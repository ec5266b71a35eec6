"""WhatsApp Business Cloud API client (outbound text messages, inbound media).

`CloudApiClient` talks to the real API (configured by SP_WHATSAPP_*); `LoggingClient` is the
stand-in when no token is configured (development, demo).

WhatsApp only lets a business send free text within 24 hours of the citizen's last message.
Status updates often come later, so `send_message` falls back to an approved message template
(SP_WHATSAPP_TEMPLATE, one body parameter) when the API refuses the text for that reason."""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from satupintu.core.masking import mask_phone

logger = logging.getLogger("satupintu.whatsapp")

MAX_TEXT_LENGTH = 4096
MAX_MEDIA_BYTES = 10 * 1024 * 1024
# A template body parameter: at most 1024 characters, no newlines or tabs.
MAX_TEMPLATE_PARAMETER = 1024
# Graph error "re-engagement message": outside the 24-hour customer service window.
OUTSIDE_WINDOW = 131047


class WhatsAppError(Exception):
    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


def template_parameter(body: str) -> str:
    """A message body as one template parameter: lines joined, within the length limit."""
    text = " · ".join(line.strip() for line in body.splitlines() if line.strip())
    text = " ".join(text.replace("\t", " ").split())
    return text[:MAX_TEMPLATE_PARAMETER]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Never follow redirects: urllib would replay the Bearer token to whatever host answers."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError for the 3xx answer


_opener = urllib.request.build_opener(_NoRedirect)


def _error(exc: urllib.error.HTTPError) -> WhatsAppError:
    """'HTTP 400: (#131030) Recipient phone number not in allowed list' from a Graph error."""
    try:
        raw = exc.read()[:2000]
    except OSError:
        raw = b""
    try:
        error = json.loads(raw.decode() or "{}").get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    if isinstance(error, dict) and error.get("message"):
        code = error.get("code") if isinstance(error.get("code"), int) else None
        shown = f"(#{error['code']}) " if error.get("code") else ""
        return WhatsAppError(f"HTTP {exc.code}: {shown}{error['message']}"[:300], code)
    return WhatsAppError(f"HTTP {exc.code}: {raw[:200]!r}")


class LoggingClient:
    def send_text(self, to: str, body: str) -> str:
        logger.info("WhatsApp to %s: %s", mask_phone(to), body)
        return ""

    def send_message(self, to: str, body: str) -> str:
        return self.send_text(to, body)

    def fetch_media(self, media_id: str, *, max_bytes: int = MAX_MEDIA_BYTES):
        raise WhatsAppError("WhatsApp Cloud API is not configured: media cannot be downloaded")


class CloudApiClient:
    def __init__(self, base_url=None, token=None, phone_number_id=None, timeout=10):
        self.base_url = (base_url or settings.WHATSAPP_API_BASE).rstrip("/")
        self.token = token or settings.WHATSAPP_TOKEN
        self.phone_number_id = phone_number_id or settings.WHATSAPP_PHONE_NUMBER_ID
        self.timeout = timeout

    def _check_configured(self) -> None:
        if not self.token or not self.phone_number_id:
            raise WhatsAppError(
                "WhatsApp Cloud API is not configured "
                "(SP_WHATSAPP_TOKEN and SP_WHATSAPP_PHONE_NUMBER_ID)"
            )
        if urllib.parse.urlsplit(self.base_url).scheme not in ("https", "http"):
            raise WhatsAppError("SP_WHATSAPP_API_BASE must be an https:// URL")

    def _open(self, request: urllib.request.Request):
        try:
            return _opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise _error(exc) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise WhatsAppError(f"{type(exc).__name__}: {exc}"[:300]) from exc

    def _get_json(self, url: str) -> dict:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in _check_configured
            url, headers={"Authorization": f"Bearer {self.token}"}, method="GET"
        )
        with self._open(request) as response:
            try:
                data = json.loads(response.read(1_000_000).decode() or "{}")
            except ValueError as exc:
                raise WhatsAppError("Cloud API answered with invalid JSON") from exc
        if not isinstance(data, dict):
            raise WhatsAppError("Cloud API answered with unexpected JSON")
        return data

    def send_message(self, to: str, body: str) -> str:
        """Free text when WhatsApp allows it, else the configured template (see module doc)."""
        try:
            return self.send_text(to, body)
        except WhatsAppError as exc:
            template = settings.WHATSAPP_TEMPLATE
            if exc.code != OUTSIDE_WINDOW or not template:
                raise
        return self.send_template(
            to, template, settings.WHATSAPP_TEMPLATE_LANGUAGE, [template_parameter(body)]
        )

    def send_text(self, to: str, body: str) -> str:
        """Send a text message; return the provider's message id (wamid)."""
        return self._send(
            to, {"type": "text", "text": {"preview_url": False, "body": body[:MAX_TEXT_LENGTH]}}
        )

    def send_template(self, to: str, name: str, language: str, parameters: list[str]) -> str:
        """Send an approved template whose body has {{1}}..{{n}} text parameters."""
        component = {
            "type": "body",
            "parameters": [{"type": "text", "text": value} for value in parameters],
        }
        return self._send(
            to,
            {
                "type": "template",
                "template": {
                    "name": name,
                    "language": {"code": language},
                    "components": [component],
                },
            },
        )

    def _send(self, to: str, message: dict) -> str:
        self._check_configured()
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to.lstrip("+"),
            **message,
        }
        request = urllib.request.Request(  # noqa: S310 - scheme checked in _check_configured
            f"{self.base_url}/{self.phone_number_id}/messages",
            data=json.dumps(payload).encode(),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
            },
            method="POST",
        )
        with self._open(request) as response:
            try:
                data = json.loads(response.read(1_000_000).decode() or "{}")
            except ValueError:
                data = {}
        messages = data.get("messages") if isinstance(data, dict) else None
        if not messages or not isinstance(messages[0], dict) or not messages[0].get("id"):
            # Accepted (2xx) without an id: do not raise, a retry could send it twice.
            logger.warning("WhatsApp to %s accepted without a message id", mask_phone(to))
            return ""
        return str(messages[0]["id"])

    def fetch_media(self, media_id: str, *, max_bytes: int = MAX_MEDIA_BYTES):
        """Download an inbound photo: returns (bytes, mime type). Two calls: the media's
        metadata (a short-lived URL), then the file itself, both with the token."""
        self._check_configured()
        if not media_id or not media_id.replace("_", "").isalnum():
            raise WhatsAppError("invalid media id")
        meta = self._get_json(f"{self.base_url}/{urllib.parse.quote(media_id)}")
        url = str(meta.get("url") or "")
        if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
            raise WhatsAppError("Cloud API gave no download URL for the media")
        size = meta.get("file_size")
        if isinstance(size, int) and size > max_bytes:
            raise WhatsAppError(f"media is larger than {max_bytes // 2**20} MB")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url, headers={"Authorization": f"Bearer {self.token}"}, method="GET"
        )
        with self._open(request) as response:
            data = response.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise WhatsAppError(f"media is larger than {max_bytes // 2**20} MB")
        return data, str(meta.get("mime_type") or "")

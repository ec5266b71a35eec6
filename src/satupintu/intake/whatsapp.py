"""WhatsApp Business Cloud API webhook: signature, replay protection, and the short dialogue
that turns messages into a complaint.

Dialogue (Indonesian): greeting → what happened (text, photos welcome) → category (a number
from the list) → location (shared WhatsApp location, or a kelurahan name; "lewati" skips) →
the complaint is filed and the tracking code goes back. "batal" cancels at any step. Every
reply goes through the outbox (`queue_message`), keyed on the inbound message id, so a reply
is retried when the API fails and never sent twice.
"""

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.accounts.phone import normalize_phone
from satupintu.cases import selectors as case_selectors
from satupintu.cases.models import Case, Category
from satupintu.cases.notify import track_url
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND, Subtype
from satupintu.core import crypto
from satupintu.core.masking import mask_phone
from satupintu.core.validators import MARKUP
from satupintu.intake import destinations, services
from satupintu.intake.models import WhatsAppConversation, WhatsAppInboundMessage
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.services import queue_message
from satupintu.org.models import Region
from satupintu.org.selectors import kelurahan_choices

logger = logging.getLogger("satupintu.intake.whatsapp")

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_MESSAGE_AGE = timedelta(hours=24)
MAX_CLOCK_SKEW = timedelta(minutes=5)
CONVERSATION_TIMEOUT = timedelta(hours=24)
MIN_DESCRIPTION = 20
MAX_DESCRIPTION = 5000
# A first message this long is taken as the story itself rather than a greeting.
FIRST_MESSAGE_AS_STORY = 40
MAX_PHOTOS = 5
MAX_REGION_CHOICES = 9
CANCEL_WORDS = {"batal", "batalkan", "cancel"}
SKIP_WORDS = {"lewati", "lewat", "skip", "tidak tahu"}
SUPPORTED_TYPES = {"text", "location", "image", "interactive", "button"}
# Indonesia's bounding box, as on the web form.
LATITUDE_RANGE = (Decimal(-11), Decimal(6))
LONGITUDE_RANGE = (Decimal(95), Decimal(141))

State = WhatsAppConversation.State


class PayloadError(ValueError):
    pass


def signature_ok(secret: str, body: bytes, header: str) -> bool:
    """`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body under the app secret>`."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest().encode()
    given = header[len("sha256=") :].strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(expected, given)


@dataclass
class Incoming:
    wamid: str
    sender: str  # wa_id digits as sent ("6281234567890")
    sent_at: datetime
    type: str
    text: str = ""
    contact_name: str = ""
    media_id: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    place: str = ""


def _obj(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text_of(message: dict, kind: str) -> str:
    if kind == "text":
        return str(_obj(message.get("text")).get("body") or "")
    if kind == "image":
        return str(_obj(message.get("image")).get("caption") or "")
    if kind == "interactive":
        interactive = _obj(message.get("interactive"))
        reply = _obj(interactive.get("list_reply") or interactive.get("button_reply"))
        return str(reply.get("title") or reply.get("id") or "")
    if kind == "button":
        button = _obj(message.get("button"))
        return str(button.get("text") or button.get("payload") or "")
    return ""


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
        return number.quantize(Decimal("0.000001")) if number.is_finite() else None
    except (InvalidOperation, ValueError, TypeError):
        return None


def parse_message(message: dict, names: dict[str, str]) -> Incoming:
    if not isinstance(message, dict):
        raise PayloadError("message is not an object")
    wamid = str(message.get("id") or "")
    sender = str(message.get("from") or "")
    if not wamid or len(wamid) > 255 or not re.fullmatch(r"\d{6,15}", sender):
        raise PayloadError("message without a valid id or sender")
    try:
        sent_at = datetime.fromtimestamp(int(message.get("timestamp")), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError) as exc:
        raise PayloadError("message without a valid timestamp") from exc
    kind = str(message.get("type") or "")
    incoming = Incoming(
        wamid=wamid,
        sender=sender,
        sent_at=sent_at,
        type=kind,
        text=_text_of(message, kind)[: MAX_DESCRIPTION * 2],
        contact_name=names.get(sender, ""),
    )
    if kind == "image":
        incoming.media_id = str(_obj(message.get("image")).get("id") or "")
    if kind == "location":
        location = _obj(message.get("location"))
        incoming.latitude = _decimal(location.get("latitude"))
        incoming.longitude = _decimal(location.get("longitude"))
        parts = [str(location.get(k) or "").strip() for k in ("name", "address")]
        incoming.place = ", ".join(p for p in parts if p)[:200]
    return incoming


def _list(value) -> list:
    return value if isinstance(value, list) else []


def iter_values(payload) -> list[dict]:
    """The `value` objects of a webhook call (entry[].changes[].value)."""
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        raise PayloadError("not a WhatsApp Business Account webhook")
    if not isinstance(payload.get("entry"), list):
        raise PayloadError("entry must be a list")
    values = []
    for entry in payload["entry"]:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in _list(changes):
            value = change.get("value") if isinstance(change, dict) else None
            if isinstance(value, dict):
                values.append(value)
    return values


def handle_payload(payload) -> dict:
    """Handle every message and delivery status in a webhook call; report what became of each."""
    results, statuses = [], []
    for value in iter_values(payload):
        names = {}
        for contact in _list(value.get("contacts")):
            if isinstance(contact, dict) and contact.get("wa_id"):
                profile = contact.get("profile") if isinstance(contact.get("profile"), dict) else {}
                names[str(contact["wa_id"])] = str(profile.get("name") or "")
        for message in _list(value.get("messages")):
            try:
                incoming = parse_message(message, names)
            except PayloadError as exc:
                wamid = str(message.get("id", "")) if isinstance(message, dict) else ""
                results.append({"id": wamid[:80], "result": "invalid", "error": str(exc)})
                continue
            results.append({"id": incoming.wamid, "result": handle_message(incoming)})
        for status in _list(value.get("statuses")):
            statuses.append(handle_status(status))
    return {"messages": results, "statuses": statuses}


def handle_status(status) -> dict:
    """Delivery receipts: a `failed` receipt marks the outbox message failed, with the reason."""
    if not isinstance(status, dict) or not status.get("id"):
        return {"id": "", "result": "invalid"}
    provider_id, state = str(status["id"]), str(status.get("status") or "")
    updated = 0
    if state == "failed":
        errors = _list(status.get("errors")) or [{}]
        error = errors[0] if isinstance(errors[0], dict) else {}
        reason = f"WhatsApp: ({error.get('code', '?')}) {error.get('title') or 'failed'}"
        updated = OutboxMessage.objects.filter(
            channel=OutboxMessage.Channel.WHATSAPP, provider_id=provider_id
        ).update(status=OutboxMessage.Status.FAILED, last_error=reason[:300])
    return {"id": provider_id[:80], "result": state or "unknown", "updated": updated}


def sender_phone(wa_id: str) -> str:
    """The sender as E.164: Indonesian mobiles through `normalize_phone`, others as +digits."""
    try:
        return normalize_phone(f"+{wa_id}")
    except ValidationError:
        return f"+{wa_id}"


def _short_key(prefix: str, wamid: str, limit: int) -> str:
    key = f"{prefix}{wamid}"
    if len(key) <= limit:
        return key
    return f"{prefix}{hashlib.sha256(wamid.encode()).hexdigest()}"


def handle_message(incoming: Incoming) -> str:
    """'processed', 'duplicate' (already handled: nothing happens again) or 'stale'."""
    now = timezone.now()
    if incoming.sent_at < now - MAX_MESSAGE_AGE or incoming.sent_at > now + MAX_CLOCK_SKEW:
        logger.warning("WhatsApp message %s refused: timestamp out of range", incoming.wamid)
        return "stale"
    with transaction.atomic():
        try:
            with transaction.atomic():
                WhatsAppInboundMessage.objects.create(
                    wamid=incoming.wamid, message_type=incoming.type[:20], sent_at=incoming.sent_at
                )
        except IntegrityError:
            return "duplicate"
        phone = sender_phone(incoming.sender)
        conversation = _conversation_for(phone)
        reply, case = Dialogue(conversation, incoming, phone).respond()
        conversation.save()
        if reply:
            queue_message(
                channel="whatsapp",
                recipient=phone,
                body=reply,
                dedupe_key=(
                    services.confirmation_key(case, "whatsapp")
                    if case
                    else _short_key("wa-reply:", incoming.wamid, 120)
                ),
                reference=case.tracking_code if case else "",
            )
    return "processed"


def _conversation_for(phone: str) -> WhatsAppConversation:
    index = crypto.blind_index(phone, "whatsapp")
    conversation, _created = WhatsAppConversation.objects.get_or_create(
        phone_index=index, defaults={"phone": phone}
    )
    return WhatsAppConversation.objects.select_for_update().get(pk=conversation.pk)


# --- The dialogue ---------------------------------------------------------------------------


def _greeting() -> str:
    return _("Halo! Ini layanan pengaduan %(site)s.") % {"site": settings.SITE_NAME}


def _ask_story() -> str:
    return _(
        "Ceritakan apa yang terjadi: apa masalahnya, di mana, dan sejak kapan "
        "(minimal %(n)d huruf). Anda juga boleh mengirim foto. "
        "Ketik *batal* kapan saja untuk membatalkan."
    ) % {"n": MIN_DESCRIPTION}


def _ask_location() -> str:
    return _(
        "Di mana lokasinya? Bagikan lokasi lewat tombol lampiran (📎) → *Lokasi*, "
        "atau ketik nama kelurahannya, misalnya *Sepinggan*. Ketik *lewati* bila tidak tahu."
    )


def _markup_refused() -> str:
    return _(
        "Maaf, pesan Anda berisi tanda seperti tag HTML atau skrip yang tidak dapat kami terima. "
        "Mohon tulis ulang sebagai teks biasa."
    )


class Dialogue:
    def __init__(self, conversation: WhatsAppConversation, incoming: Incoming, phone: str):
        self.conversation = conversation
        self.incoming = incoming
        self.phone = phone
        self.text = " ".join(incoming.text.split()) if incoming.type != "text" else incoming.text
        self.text = self.text.strip()
        self.word = " ".join(self.text.lower().split()).strip(".!")

    # -- entry point --

    def respond(self) -> tuple[str, Case | None]:
        conversation, incoming = self.conversation, self.incoming
        now = timezone.now()
        if (
            conversation.state != State.IDLE
            and conversation.updated_at
            and conversation.updated_at < now - CONVERSATION_TIMEOUT
        ):
            self._reset()
        if self.word in CANCEL_WORDS:
            if conversation.state == State.IDLE:
                return _(
                    "Tidak ada laporan yang sedang dibuat. Kirim pesan kapan saja untuk "
                    "membuat laporan baru."
                ), None
            self._reset()
            return _("Laporan dibatalkan. Kirim pesan kapan saja untuk membuat laporan baru."), None
        if incoming.type not in SUPPORTED_TYPES:
            return _(
                "Maaf, jenis pesan ini belum dapat kami proses. Kirim teks, foto, atau lokasi."
            ), None
        if self.text and MARKUP.search(self.text):
            return _markup_refused(), None
        if incoming.contact_name and not conversation.contact_name:
            try:
                conversation.contact_name = services.plain_text(incoming.contact_name)[:150]
            except ValidationError:
                conversation.contact_name = ""
        handler = {
            State.IDLE: self._start,
            State.DESCRIPTION: self._story,
            State.CATEGORY: self._category,
            State.LOCATION: self._location,
        }[conversation.state]
        return handler()

    def _reset(self) -> None:
        conversation = self.conversation
        conversation.state = State.IDLE
        conversation.description = ""
        conversation.category = None
        conversation.data = {}
        conversation.started_at = None

    # -- shared pieces --

    def _collect_extras(self) -> str:
        """Photos and locations are welcome at any step; returns an acknowledgement."""
        incoming, data = self.incoming, self.conversation.data
        if incoming.type == "image" and incoming.media_id:
            photos = data.setdefault("photos", [])
            if len(photos) >= MAX_PHOTOS:
                return _("Paling banyak %(n)d foto; foto ini tidak kami simpan.") % {
                    "n": MAX_PHOTOS
                }
            photos.append(incoming.media_id)
            return _("Foto diterima.")
        if incoming.type == "location":
            if not self._valid_location():
                return _("Lokasi itu di luar wilayah Indonesia; kirim ulang lokasi yang benar.")
            try:
                place = services.plain_text(incoming.place)[:200]
            except ValidationError:
                place = ""
            data["location"] = {
                "latitude": str(incoming.latitude),
                "longitude": str(incoming.longitude),
                "place": place,
            }
            return _("Lokasi diterima.")
        return ""

    def _valid_location(self) -> bool:
        lat, lon = self.incoming.latitude, self.incoming.longitude
        return (
            lat is not None
            and lon is not None
            and LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]
            and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]
        )

    @staticmethod
    def _join(*parts: str) -> str:
        return "\n\n".join(p for p in parts if p)

    # -- steps --

    def _start(self) -> tuple[str, Case | None]:
        conversation = self.conversation
        self._reset()
        conversation.state = State.DESCRIPTION
        conversation.started_at = timezone.now()
        extra = self._collect_extras()
        if len(self.text) >= FIRST_MESSAGE_AS_STORY:
            conversation.description = self.text[:MAX_DESCRIPTION]
            reply, case = self._to_category()
            return self._join(_greeting(), extra, reply), case
        return self._join(_greeting(), extra, _ask_story()), None

    def _story(self) -> tuple[str, Case | None]:
        conversation = self.conversation
        extra = self._collect_extras()
        if not self.text:
            return self._join(extra, _("Sekarang ceritakan apa yang terjadi.")), None
        story = f"{conversation.description}\n{self.text}".strip()
        if len(story) > MAX_DESCRIPTION:
            return _("Ceritanya terlalu panjang (paling banyak %(n)d huruf). Mohon persingkat.") % {
                "n": MAX_DESCRIPTION
            }, None
        conversation.description = story
        if len(story) < MIN_DESCRIPTION:
            return _(
                "Mohon ceritakan sedikit lebih lengkap: apa masalahnya, di mana, sejak kapan "
                "(minimal %(n)d huruf)."
            ) % {"n": MIN_DESCRIPTION}, None
        reply, case = self._to_category()
        return self._join(extra, reply), case

    def _categories(self) -> list[Category]:
        return list(case_selectors.categories(KIND))

    def _to_category(self) -> tuple[str, Case | None]:
        categories = self._categories()
        if not categories:
            # No categories configured: the coordinator will classify it.
            return self._after_category()
        elsewhere = destinations.all_destinations()
        self.conversation.state = State.CATEGORY
        self.conversation.data["category_ids"] = [c.pk for c in categories]
        # Other destinations (the DPRD) follow the categories in the same numbered list.
        self.conversation.data["destination_keys"] = [d.key for d in elsewhere]
        lines = [_("Termasuk kategori apa laporan Anda? Balas dengan angkanya:")]
        lines += [f"{number}. {category.name}" for number, category in enumerate(categories, 1)]
        lines += [f"{n}. {d.label}" for n, d in enumerate(elsewhere, len(categories) + 1)]
        return "\n".join(lines), None

    def _to_option(self, destination) -> tuple[str, Case | None]:
        data = self.conversation.data
        data["destination"] = destination.key
        data["option_values"] = [value for value, _label in destination.options()]
        lines = [_("Ditujukan kepada siapa? Balas dengan angkanya:")]
        lines += [f"{n}. {label}" for n, (_v, label) in enumerate(destination.options(), 1)]
        return "\n".join(lines), None

    def _option(self) -> tuple[str, Case | None]:
        data = self.conversation.data
        extra = self._collect_extras()
        values = data.get("option_values") or []
        if self.word.isdigit() and 1 <= int(self.word) <= len(values):
            data["option"] = values[int(self.word) - 1]
            data.pop("option_values", None)
            return self._after_category()
        destination = destinations.get(data.get("destination", ""))
        hint = _("Balas dengan angka 1 sampai %(n)d.") % {"n": len(values)}
        reply, case = self._to_option(destination)
        return self._join(extra, hint, reply), case

    def _needs_kelurahan(self) -> bool:
        data = self.conversation.data
        destination = destinations.get(data.get("destination", ""))
        return destination is not None and destination.needs_kelurahan(data.get("option", ""))

    def _category(self) -> tuple[str, Case | None]:
        conversation = self.conversation
        if conversation.data.get("option_values"):
            return self._option()
        extra = self._collect_extras()
        ids = conversation.data.get("category_ids") or []
        keys = conversation.data.get("destination_keys") or []
        chosen = None
        if self.word.isdigit() and len(ids) < int(self.word) <= len(ids) + len(keys):
            destination = destinations.get(keys[int(self.word) - len(ids) - 1])
            if destination is not None:
                return self._join(extra, self._to_option(destination)[0]), None
        if self.word.isdigit() and 1 <= int(self.word) <= len(ids):
            chosen = Category.objects.filter(pk=ids[int(self.word) - 1], is_active=True).first()
        elif self.word:
            chosen = next((c for c in self._categories() if c.name.lower() == self.word), None)
        if chosen is None:
            if extra and not self.text:
                return self._join(extra, _("Sekarang pilih kategorinya: balas dengan angka.")), None
            hint = _("Balas dengan angka 1 sampai %(n)d.") % {"n": len(ids) + len(keys)}
            reply, case = self._to_category()
            return self._join(extra, hint, reply), case
        conversation.category = chosen
        return self._after_category()

    def _after_category(self) -> tuple[str, Case | None]:
        if "location" in self.conversation.data and not self._needs_kelurahan():
            return self._finish(region=None)
        self.conversation.state = State.LOCATION
        self.conversation.data.pop("region_ids", None)
        return _ask_location(), None

    def _location(self) -> tuple[str, Case | None]:
        conversation, incoming = self.conversation, self.incoming
        if incoming.type == "location":
            extra = self._collect_extras()
            if "location" not in conversation.data or self._needs_kelurahan():
                return self._join(extra, _ask_location()), None
            return self._finish(region=None)
        if incoming.type == "image":
            return self._join(self._collect_extras(), _ask_location()), None
        if self.word in SKIP_WORDS:
            if self._needs_kelurahan():
                return _(
                    "Untuk anggota DPRD dapil Anda, kami perlu nama kelurahan Anda "
                    "(misalnya *Sepinggan*)."
                ), None
            return self._finish(region=None)
        region_ids = conversation.data.get("region_ids") or []
        if self.word.isdigit() and region_ids:
            if 1 <= int(self.word) <= len(region_ids):
                return self._finish(region=Region.objects.get(pk=region_ids[int(self.word) - 1]))
            return _("Balas dengan angka 1 sampai %(n)d.") % {"n": len(region_ids)}, None
        matches = find_kelurahan(self.text)
        if len(matches) == 1:
            return self._finish(region=matches[0])
        if len(matches) > 1:
            conversation.data["region_ids"] = [r.pk for r in matches]
            lines = [_("Ada beberapa kelurahan yang cocok. Balas dengan angkanya:")]
            lines += [
                f"{n}. {r.name}" + (f" ({r.parent.name})" if r.parent else "")
                for n, r in enumerate(matches, 1)
            ]
            return "\n".join(lines), None
        return _(
            "Kelurahan “%(name)s” tidak kami temukan. Ketik nama kelurahannya saja "
            "(misalnya *Sepinggan*), bagikan lokasi lewat 📎 → *Lokasi*, atau ketik *lewati*."
        ) % {"name": self.text[:60]}, None

    def _finish(self, region: Region | None) -> tuple[str, Case]:
        conversation, incoming = self.conversation, self.incoming
        location = conversation.data.get("location") or {}
        description = conversation.description
        first_line = description.split("\n", 1)[0]
        photos = list(conversation.data.get("photos") or [])
        destination = destinations.get(conversation.data.get("destination", ""))
        filer = file_complaint
        if destination is not None:
            option = conversation.data.get("option", "")

            def filer(**values):
                for name in ("subtype", "category", "latitude", "longitude"):
                    values.pop(name)
                return destination.file(option=option, **values)

        try:
            case, secret = filer(
                channel=Case.Channel.WHATSAPP,
                subtype=Subtype.COMPLAINT,
                category=conversation.category,
                title=services.shorten(first_line, 100),
                description=description,
                identity=Identity.NAMED,
                reporter_name=conversation.contact_name,
                reporter_phone=self.phone,
                kelurahan=region,
                street=str(location.get("place") or "")[:200],
                latitude=Decimal(location["latitude"]) if location else None,
                longitude=Decimal(location["longitude"]) if location else None,
                idempotency_key=_short_key("whatsapp:", incoming.wamid, 80),
                attributes={"whatsapp_photos": len(photos)} if photos else None,
            )
        except ValueError as exc:  # refused by the destination: say why, keep the story
            return str(exc), None
        if photos:
            from satupintu.intake.tasks import attach_whatsapp_photos

            transaction.on_commit(
                lambda: attach_whatsapp_photos.enqueue(case.pk, photos), robust=True
            )
        self._reset()
        conversation.last_case = case
        logger.info("WhatsApp complaint %s from %s", case.tracking_code, mask_phone(self.phone))
        lines = [
            _("Terima kasih. Laporan Anda tercatat dengan kode *%(code)s*.")
            % {"code": case.tracking_code},
            _("Laporan akan diverifikasi paling lambat %(date)s.")
            % {"date": services.due_date_text(case)},
            _("Pantau perkembangannya lewat tautan pribadi ini (jangan dibagikan): %(url)s")
            % {"url": track_url(case, secret or "")},
            _("Kami akan mengabari Anda lewat WhatsApp ini."),
        ]
        return "\n".join(lines), case


def find_kelurahan(text: str) -> list[Region]:
    """Kelurahan (or desa) named `text`, case-insensitively; else those whose name contains it."""
    name = " ".join(text.split())
    if len(name) < 3:
        return []
    choices = kelurahan_choices()
    exact = list(choices.filter(name__iexact=name))
    if exact:
        return exact[:MAX_REGION_CHOICES]
    for prefix in ("kelurahan ", "kel. ", "kel ", "desa "):
        if name.lower().startswith(prefix):
            return find_kelurahan(name[len(prefix) :])
    return list(choices.filter(name__icontains=name)[:MAX_REGION_CHOICES])

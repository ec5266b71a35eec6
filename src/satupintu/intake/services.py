"""Complaints that arrive by phone, at the counter, or by e-mail; all end in `file_complaint`.

WhatsApp has its own dialogue (`intake.whatsapp`) but files through the same function.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from satupintu.cases import selectors as case_selectors
from satupintu.cases import uploads
from satupintu.cases.models import Case, Category
from satupintu.cases.notify import event_message_key, track_url
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND, Subtype
from satupintu.core.validators import MARKUP, no_markup
from satupintu.intake import destinations
from satupintu.notifications.services import queue_message

OPERATOR_CHANNELS = (Case.Channel.PHONE, Case.Channel.WALK_IN)
FALLBACK_CATEGORY = "lainnya"
MAX_TITLE = 150
MAX_DESCRIPTION = 5000
# Read at call time so tests can lower it.
MAX_ATTACHMENT_BYTES = uploads.MAX_FILE_BYTES
MAX_ATTACHMENTS = uploads.MAX_FILES
STOP_WORDS = {
    "atau",
    "yang",
    "dan",
    "dengan",
    "untuk",
    "dari",
    "tidak",
    "sudah",
    "belum",
    "ada",
    "ini",
    "itu",
    "lainnya",
    "umum",
}


# --- Phone calls and walk-ins ---------------------------------------------------------------


def record_for_citizen(*, operator, channel: str, data: dict, files=()) -> tuple[Case, bool]:
    """An operator records a call or a visit. Returns (case, created)."""
    if channel not in OPERATOR_CHANNELS:
        raise ValueError(f"operators record phone or walk-in complaints, not {channel!r}")
    if data.get("destination_option"):
        # Another destination (the DPRD); a refusal is a ValueError with its message.
        destination, option = data["destination_option"]
        case, secret = destination.file(
            option=option,
            channel=channel,
            title=data["title"],
            description=data["description"],
            identity=data["identity"],
            reporter_name=data.get("reporter_name", ""),
            reporter_email=data.get("reporter_email", ""),
            reporter_phone=data.get("reporter_phone", ""),
            kelurahan=data.get("kelurahan"),
            rt=data.get("rt", ""),
            street=data.get("street", ""),
            files=list(files),
            idempotency_key=data.get("idempotency_key") or None,
            recorded_by=operator,
            attributes={"recorded_by": operator.pk},
        )
        return case, secret is not None
    case, secret = file_complaint(
        channel=channel,
        subtype=data["subtype"],
        category=data["category"],
        title=data["title"],
        description=data["description"],
        user=None,
        identity=data["identity"],
        reporter_name=data.get("reporter_name", ""),
        reporter_email=data.get("reporter_email", ""),
        reporter_phone=data.get("reporter_phone", ""),
        kelurahan=data.get("kelurahan"),
        rt=data.get("rt", ""),
        street=data.get("street", ""),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        files=files,
        idempotency_key=data.get("idempotency_key") or None,
        recorded_by=operator,
        attributes={"recorded_by": operator.pk},
    )
    return case, secret is not None


def confirmation_key(case: Case, channel: str) -> str:
    """The outbox key `cases.notify.notify_reporter` gives the submission event's message.
    A channel that confirms in its own words queues its reply under this key first, so the
    citizen gets one confirmation, not ours plus the generic "menunggu verifikasi" one."""
    event = case.events.filter(action="submit").order_by("pk").first()
    return event_message_key(event.pk, channel) if event else f"case-submit:{case.pk}:{channel}"


def recorded_by(case: Case, user) -> bool:
    """True when `user` recorded this case (the submission event names them as actor)."""
    return case.events.filter(action="submit", actor=user).exists()


# --- Text from outside: plain text only -----------------------------------------------------


def plain_text(value: str) -> str:
    """Turn e-mail text into plain text that passes `no_markup`: tags are stripped and what
    still looks like markup (`<x`, `javascript:`) is defused, never stored as is."""
    text = strip_tags(value or "").replace("\r\n", "\n").replace("\r", "\n")
    for _attempt in range(3):
        if not MARKUP.search(text):
            break
        text = MARKUP.sub(lambda m: m.group(0).replace("<", "‹").replace(":", " :"), text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    no_markup(text)  # raises if something slipped through: better refuse than store markup
    return text


def shorten(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def words(text: str) -> set[str]:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return {w for w in cleaned.split() if len(w) >= 3 and w not in STOP_WORDS}


def guess_category(text: str) -> Category | None:
    """The active complaint category sharing most words with the text, else "lainnya"."""
    found = words(text)
    best, best_score = None, 0
    fallback = None
    for category in case_selectors.categories(KIND):
        if category.code == FALLBACK_CATEGORY:
            fallback = category
            continue
        vocabulary = words(f"{category.name} {category.code.replace('-', ' ')}")
        score = len(found & vocabulary)
        if score > best_score:
            best, best_score = category, score
    return best or fallback


# --- E-mail ---------------------------------------------------------------------------------


@dataclass
class InboundAttachment:
    filename: str
    content_type: str
    data: bytes


@dataclass
class InboundEmail:
    sender: str
    subject: str
    text: str
    message_id: str = ""
    sender_name: str = ""
    attachments: list[InboundAttachment] = field(default_factory=list)
    # Attachments that could not even be decoded: (file name, reason).
    broken_attachments: list[tuple[str, str]] = field(default_factory=list)
    auto_submitted: bool = False


@dataclass
class EmailResult:
    case: Case | None
    created: bool
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: str = ""

    def as_json(self) -> dict:
        if self.case is None:
            return {"ignored": self.ignored}
        return {
            "tracking_code": self.case.tracking_code,
            "track_url": track_url(self.case),
            "created": self.created,
            "skipped_attachments": [{"filename": n, "reason": r} for n, r in self.skipped],
        }


class InboundEmailError(ValueError):
    """The e-mail cannot become a complaint; `message` says why."""

    def __init__(self, message: str, code: str):
        self.message, self.code = message, code
        super().__init__(message)


def decode_attachment(item: dict) -> InboundAttachment:
    """An attachment from the JSON endpoint: base64 content, name and declared type."""
    name = str(item.get("filename") or "berkas")[:200]
    try:
        data = base64.b64decode(str(item.get("content_base64") or ""), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InboundEmailError(
            _("Lampiran %(name)s rusak.") % {"name": name}, "bad_base64"
        ) from exc
    return InboundAttachment(name, str(item.get("content_type") or ""), data)


def email_key(message: InboundEmail) -> str:
    """Idempotency key: the Message-ID, else the content (an exact resend is the same e-mail)."""
    source = message.message_id.strip() or f"{message.sender}\n{message.subject}\n{message.text}"
    return "email:" + hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()


def check_attachments(message: InboundEmail) -> tuple[list, list[tuple[str, str]]]:
    checked, skipped = [], list(message.broken_attachments)
    for attachment in message.attachments:
        name = attachment.filename or "berkas"
        if len(checked) >= MAX_ATTACHMENTS:
            skipped.append((name, _("Paling banyak %(n)d berkas.") % {"n": MAX_ATTACHMENTS}))
            continue
        upload = SimpleUploadedFile(name, attachment.data, attachment.content_type)
        try:
            checked.append(uploads.check_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES))
        except ValidationError as exc:
            skipped.append((name, " ".join(str(m) for m in exc.messages)))
    return checked, skipped


def due_date_text(case: Case) -> str:
    return date_format(case.verify_due_date, "j F Y") if case.verify_due_date else "-"


def _reply_body(case: Case, skipped: list[tuple[str, str]], secret: str) -> str:
    lines = [
        _("Terima kasih. Laporan Anda tercatat dengan kode %(code)s.")
        % {"code": case.tracking_code},
        _("Laporan akan diverifikasi paling lambat %(date)s.") % {"date": due_date_text(case)},
        _(
            "Pantau perkembangannya, jawab pertanyaan petugas, dan beri penilaian lewat tautan "
            "pribadi ini (jangan dibagikan): %(url)s"
        )
        % {"url": track_url(case, secret)},
    ]
    if skipped:
        lines.append(_("Lampiran berikut tidak kami terima:"))
        lines.extend(f"- {name}: {reason}" for name, reason in skipped)
        lines.append(_("Kirim ulang sebagai JPG, PNG, WEBP atau PDF (maks. 10 MB) bila perlu."))
    lines.append(
        _("Anda tidak perlu membalas e-mail ini; sebutkan kode di atas bila menghubungi kami.")
    )
    return "\n\n".join(lines)


@transaction.atomic
def receive_email(message: InboundEmail) -> EmailResult:
    """Turn an inbound e-mail into a complaint and queue the reply with the tracking code."""
    if message.auto_submitted:
        return EmailResult(None, False, ignored="auto-submitted")
    sender = (message.sender or "").strip()
    try:
        validate_email(sender)
    except ValidationError as exc:
        raise InboundEmailError(_("Alamat pengirim tidak valid."), "bad_sender") from exc
    try:
        subject = shorten(" ".join(plain_text(message.subject).split()), MAX_TITLE)
        text = shorten(plain_text(message.text), MAX_DESCRIPTION)
        name = shorten(" ".join(plain_text(message.sender_name).split()), 150)
    except ValidationError as exc:
        raise InboundEmailError(_("Isi e-mail tidak dapat dibaca."), "markup") from exc
    subject = re.sub(r"^((re|fw|fwd|aw)\s*:\s*)+", "", subject, flags=re.IGNORECASE).strip()
    if not text and not subject:
        raise InboundEmailError(_("E-mail tidak berisi teks."), "empty")
    title = subject or shorten(text.split("\n", 1)[0], MAX_TITLE)
    description = text or subject
    checked, skipped = check_attachments(message)
    key = email_key(message)
    addressed = destinations.for_subject(subject)
    if addressed is not None:
        # "DPRD: …": to the whole council; its secretariat forwards it to a komisi or members.
        destination, rest = addressed
        title = rest or shorten(text.split("\n", 1)[0], MAX_TITLE) or title
        try:
            case, secret = destination.file(
                option=destination.options()[0][0],
                channel=Case.Channel.EMAIL,
                title=title,
                description=description,
                identity=Identity.NAMED,
                reporter_name=name,
                reporter_email=sender,
                files=checked,
                idempotency_key=key,
                attributes={"email_skipped_attachments": [n for n, _r in skipped]}
                if skipped
                else None,
            )
        except ValueError as exc:
            raise InboundEmailError(str(exc), "refused") from exc
    else:
        case, secret = file_complaint(
            channel=Case.Channel.EMAIL,
            subtype=Subtype.COMPLAINT,
            category=guess_category(f"{title} {description}"),
            title=title,
            description=description,
            identity=Identity.NAMED,
            reporter_name=name,
            reporter_email=sender,
            files=checked,
            idempotency_key=key,
            attributes={"email_skipped_attachments": [n for n, _r in skipped]} if skipped else None,
        )
    created = secret is not None
    if created:
        queue_message(
            channel="email",
            recipient=sender,
            subject=_("Laporan Anda tercatat: %(code)s") % {"code": case.tracking_code},
            body=_reply_body(case, skipped, secret),
            dedupe_key=confirmation_key(case, "email"),
            reference=case.tracking_code,
        )
    return EmailResult(case, created, skipped)

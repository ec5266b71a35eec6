"""Who hears about a case, through which channel, and in which words (the outbox delivers).

Every message to the reporter carries the **private link** (`/lacak/<code>/<secret>/`): the
confirmation sent when a case is filed (`confirm_submission`) and every later status message.
The secret is kept encrypted on the case for that (`Case.secret_token`, docs/tracking.md);
a case filed before it was kept falls back to the public page. Links start with
`settings.PUBLIC_BASE_URL` (SP_PUBLIC_BASE_URL), never with the host of a request.

Message texts are templates with `{placeholders}` filled by `core.placeholders` over a flat
dict of strings (`message_values`), the one way the platform fills texts that may become
editable: {kode}, {jenis}, {status}, {batas}, {tautan}.
"""

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.accounts.phone import normalize_phone
from satupintu.cases import codes
from satupintu.cases.models import Case, CaseEvent
from satupintu.cases.progress import progress_of
from satupintu.cases.workflow import get_kind
from satupintu.core import placeholders
from satupintu.core.masking import mask_email, mask_phone
from satupintu.notifications.push import queue_push
from satupintu.notifications.services import queue_message
from satupintu.org.models import Membership

logger = logging.getLogger(__name__)
PUBLIC_ACTIONS_WITHOUT_STATUS_CHANGE = {"reply"}

# Apps above `cases` add lines to the message that tells the reporter the case is closed
# (the satisfaction survey's invitation): each hook takes the case and returns a line or "".
CLOSING_LINE_HOOKS: list = []


def register_closing_line(hook) -> None:
    if hook not in CLOSING_LINE_HOOKS:
        CLOSING_LINE_HOOKS.append(hook)


def closing_lines(event: CaseEvent) -> list[str]:
    """The hooks' lines when `event` closes its case (empty otherwise)."""
    closed = get_kind(event.case.kind).closed_statuses
    if event.to_status not in closed or event.from_status in closed:
        return []
    lines = []
    for hook in CLOSING_LINE_HOOKS:
        try:
            line = hook(event.case)
        except Exception:  # noqa: BLE001 - the status message itself must still go out
            logger.exception("closing-line hook %s failed for case %s", hook, event.case_id)
            continue
        if line:
            lines.append(line)
    return lines


# --- Message templates (placeholders: MESSAGE_PLACEHOLDERS) -----------------------------------

MESSAGE_PLACEHOLDERS = ["kode", "jenis", "status", "batas", "tautan"]
CONFIRMATION_SUBJECT = gettext_lazy("{jenis} Anda tercatat: {kode}")
CONFIRMATION_BODY = gettext_lazy(
    "Terima kasih. {jenis} Anda tercatat dengan kode {kode}.\n\n"
    "{batas}\n\n"
    "Pantau perkembangannya, jawab pertanyaan petugas, dan beri penilaian lewat tautan "
    "pribadi ini (jangan dibagikan): {tautan}\n\n"
    "Simpan pesan ini. Sebutkan kode di atas bila menghubungi kami."
)
STATUS_SUBJECT = gettext_lazy("Kabar {jenis} {kode}")
STATUS_LINE = gettext_lazy("{jenis} {kode}: {status}.")
LINK_LINE = gettext_lazy(
    "Lihat perkembangannya dan tanggapi lewat tautan pribadi Anda (jangan dibagikan): {tautan}"
)


def event_message_key(event_id: int, channel: str) -> str:
    """Outbox key of the reporter's message about one event. A channel that answers the
    reporter itself (e.g. WhatsApp replying with the tracking code) uses the same key, so the
    reporter gets one message, not two."""
    return f"case-event:{event_id}:{channel}"


def reporter_channel(case: Case) -> tuple[str, str] | None:
    """The reporter's channel and address: the one they used, else what they left."""
    if case.channel == Case.Channel.WHATSAPP and case.reporter_phone:
        return "whatsapp", case.reporter_phone
    if case.reporter_email:
        return "email", case.reporter_email
    if case.reporter_phone:
        return "sms", case.reporter_phone
    return None


def track_path(case: Case, secret: str = "") -> str:
    """The public tracking page; with `secret`, the reporter's own page (answer, rate, reopen),
    the secret in the path (`/lacak/<code>/<secret>/`), never in a query string."""
    if secret:
        return reverse("cases:track_secret", args=[case.tracking_code, secret])
    return reverse("cases:track", args=[case.tracking_code])


def track_url(case: Case, secret: str = "") -> str:
    """`track_path` as an absolute link on the configured public address, for messages."""
    return f"{settings.PUBLIC_BASE_URL}{track_path(case, secret)}"


def reporter_secret(case: Case) -> str:
    """The private link's secret as kept on the case; "" for a case filed before it was kept
    (or whose kept value does not match the hash: the hash decides who holds the link)."""
    secret = case.secret_token or ""
    return secret if codes.secret_matches(secret, case.secret_hash) else ""


def private_url(case: Case) -> str:
    """The reporter's private link, or the public page when the secret was not kept."""
    return track_url(case, reporter_secret(case))


def _deadline_lines(case: Case) -> str:
    progress = progress_of(case, events=[])
    if progress is None:
        return ""
    return "\n".join(f"{d.label}: {d.date_text}." for d in progress.deadlines)


def message_values(case: Case) -> dict[str, str]:
    """The placeholders' values for messages about `case` (pre-formatted strings only)."""
    kind = get_kind(case.kind)
    return {
        "kode": case.tracking_code,
        "jenis": kind.noun_label(),
        "status": kind.status_label(case.status),
        "batas": _deadline_lines(case),
        "tautan": private_url(case),
    }


def fill_message(template, values: dict[str, str]) -> str:
    """A message template filled, without the empty paragraphs an empty value leaves."""
    text = placeholders.fill(str(template), values)
    return "\n\n".join(part for part in text.split("\n\n") if part.strip())


def link_line(case: Case) -> str:
    """The closing line of every status message: the private link."""
    return placeholders.fill(str(LINK_LINE), {"tautan": private_url(case)})


# --- The confirmation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    channel: str  # "email", "whatsapp" or "sms"
    address: str

    @property
    def masked(self) -> str:
        return mask_email(self.address) if self.channel == "email" else mask_phone(self.address)


def contact_from(value: str, *, whatsapp: bool = False) -> Contact:
    """An e-mail address or an Indonesian mobile number as typed; raises ValidationError
    (Indonesian message) for anything else. A number gets SMS unless `whatsapp`."""
    text = (value or "").strip()
    if "@" not in text and any(c.isalpha() for c in text):
        raise ValidationError(
            _(
                "Tulis alamat e-mail (contoh: nama@contoh.id) atau nomor HP "
                "(contoh: 0812 3456 7890)."
            ),
            code="invalid_contact",
        )
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as exc:
            raise ValidationError(
                _("Alamat e-mail tidak valid. Contoh: nama@contoh.id."), code="invalid_email"
            ) from exc
        return Contact("email", text)
    return Contact("whatsapp" if whatsapp else "sms", normalize_phone(text))


def reporter_contact(case: Case) -> Contact | None:
    target = reporter_channel(case)
    return Contact(*target) if target else None


def confirmation_text(case: Case) -> tuple[str, str]:
    values = message_values(case)
    return fill_message(CONFIRMATION_SUBJECT, values), fill_message(CONFIRMATION_BODY, values)


def _submission_event(case: Case) -> CaseEvent | None:
    return case.events.filter(action="submit").order_by("pk").first()


def confirm_submission(filed, contact: "Contact | str | None" = None, preface: str = ""):
    """Send the confirmation of a filed case (or application): its tracking code, its
    deadlines and the private link, through the outbox (delivered after commit).

    `contact`: where to send it (a `Contact`, or an e-mail address or mobile number as typed);
    by default the reporter's own channel. For an anonymous reporter the case keeps no contact:
    the message is then tied to nothing (no reference, a random key), so nobody reading the
    case learns where its link went. Returns the outbox message, or None without a contact.

    `preface`: pre-formatted lines put before the confirmation (a counter officer's filing
    says which counter filed it); never a template.
    """
    case = filed if isinstance(filed, Case) else filed.case
    own = reporter_contact(case)
    if contact is None:
        target = own
    elif isinstance(contact, Contact):
        target = contact
    else:
        target = contact_from(contact, whatsapp=case.channel == Case.Channel.WHATSAPP)
    if target is None:
        return None
    if case.is_anonymous:
        key, reference = f"case-link:{secrets.token_hex(16)}", ""
    elif target == own:
        # The key the engine's own message about the submission would use: one message.
        event = _submission_event(case)
        key = event_message_key(event.pk, target.channel) if event else ""
        key = key or f"case-confirm:{case.pk}:{target.channel}"
        reference = case.tracking_code
    else:
        key, reference = f"case-confirm:{case.pk}:{target.channel}", case.tracking_code
    subject, body = confirmation_text(case)
    if preface:
        body = f"{preface}\n\n{body}"
    return queue_message(
        channel=target.channel,
        recipient=target.address,
        subject=subject,
        body=body,
        dedupe_key=key,
        reference=reference,
    )


# --- Status messages ----------------------------------------------------------------------------


def notify_reporter(case_id: int, event_id: int) -> None:
    """Engine hook: the submission is confirmed (`confirm_submission`); a later public status
    change or reply is told to the reporter, with the private link."""
    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    if event is None or not event.is_public:
        return
    case = event.case
    if event.action == "submit":
        confirm_submission(case)
        return
    changed = event.to_status != event.from_status
    if not changed and event.action not in PUBLIC_ACTIONS_WITHOUT_STATUS_CHANGE:
        return
    if event.actor_role == "reporter":
        return
    values = message_values(case)
    status_line = fill_message(STATUS_LINE, values)
    queue_push(
        case.submitter_id,
        title=fill_message(STATUS_SUBJECT, {**values, "jenis": values["jenis"].lower()}),
        body=status_line,
        url=track_path(case),
        dedupe_key=f"case-event:{event.pk}",
        reference=case.tracking_code,
    )
    target = reporter_channel(case)
    if target is None:
        return
    channel, address = target
    lines = [status_line]
    if event.note:
        lines.append(event.note[:1000])
    lines.append(link_line(case))
    lines.extend(closing_lines(event))
    queue_message(
        channel=channel,
        recipient=address,
        subject=fill_message(STATUS_SUBJECT, {**values, "jenis": values["jenis"].lower()}),
        body="\n\n".join(lines),
        dedupe_key=event_message_key(event.pk, channel),
        reference=case.tracking_code,
    )


def staff_to_alert(case: Case) -> list:
    """The assignee, the heads of the case's unit, and the city coordinators.

    A case still waiting for verification belongs to the coordinators alone: the unit it is
    provisionally routed to cannot open it yet, so it hears nothing about it either."""
    users = get_user_model().objects.filter(is_active=True).exclude(email=None)
    people = {}
    in_triage = case.status in get_kind(case.kind).triage_statuses
    assignee = case.assignee if case.assignee_id else None
    if assignee and assignee.is_active and assignee.email and not in_triage:
        people[assignee.pk] = assignee
    if case.org_unit_id and not in_triage:
        for user in users.filter(
            memberships__org_unit=case.org_unit,
            memberships__role=Membership.Role.HEAD,
            memberships__is_active=True,
        ):
            people[user.pk] = user
    for user in users.filter(
        memberships__role=Membership.Role.COORDINATOR,
        memberships__org_unit__parent=None,
        memberships__is_active=True,
    ):
        people[user.pk] = user
    return list(people.values())


def alert_staff(case: Case, reason: str, text: str) -> int:
    count = 0
    link = f"{settings.PUBLIC_BASE_URL}{reverse('cases:staff_detail', args=[case.tracking_code])}"
    for user in staff_to_alert(case):
        message = queue_message(
            channel="email",
            recipient=user.email,
            subject=f"[{case.tracking_code}] {text}",
            body=f"{text}\n\n{case.title}\n{link}",
            dedupe_key=f"sla:{case.pk}:{reason}:{user.pk}",
            reference=case.tracking_code,
        )
        count += message is not None
    return count

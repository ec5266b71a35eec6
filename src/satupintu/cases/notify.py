"""Who hears about a case event, and through which channel (the outbox delivers)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.cases.models import Case, CaseEvent
from satupintu.cases.workflow import get_kind
from satupintu.notifications.services import queue_message
from satupintu.org.models import Membership

PUBLIC_ACTIONS_WITHOUT_STATUS_CHANGE = {"reply"}


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


def track_url(case: Case, secret: str = "") -> str:
    """The public tracking page; with `secret`, the reporter's own link (answer, rate, reopen)."""
    url = f"{settings.PUBLIC_BASE_URL}{reverse('cases:track', args=[case.tracking_code])}"
    return f"{url}?k={secret}" if secret else url


def notify_reporter(case_id: int, event_id: int) -> None:
    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    if event is None or not event.is_public:
        return
    case = event.case
    changed = event.to_status != event.from_status
    if not changed and event.action not in PUBLIC_ACTIONS_WITHOUT_STATUS_CHANGE:
        return
    if event.actor_role == "reporter":
        return
    target = reporter_channel(case)
    if target is None:
        return
    channel, address = target
    kind = get_kind(case.kind)
    lines = [
        _("Laporan %(code)s: %(status)s.")
        % {"code": case.tracking_code, "status": kind.status_label(case.status)}
    ]
    if event.note:
        lines.append(event.note[:1000])
    lines.append(_("Lihat: %(url)s") % {"url": track_url(case)})
    queue_message(
        channel=channel,
        recipient=address,
        subject=_("Kabar laporan %(code)s") % {"code": case.tracking_code},
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

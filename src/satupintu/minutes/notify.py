"""Messages about meetings, through the notifications outbox (delivered by its task)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.notifications.services import queue_message
from satupintu.org.models import Membership


def staff_link(meeting) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('minutes:staff_detail', args=[meeting.pk])}"


def _when(meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{start:%d-%m-%Y %H.%M}–{end:%H.%M}"


def _heads(unit) -> list:
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__org_unit=unit,
            memberships__role=Membership.Role.HEAD,
            memberships__is_active=True,
        )
        .exclude(email=None)
        .exclude(email="")
        .distinct()
    )


def invitation_recipients(meeting) -> list[tuple[str, str]]:
    """(key, e-mail) of every invitee: people, and each invited unit's office or heads."""
    recipients: dict[str, str] = {}
    for user in meeting.invited_users.filter(is_active=True):
        if user.email:
            recipients[f"u{user.pk}"] = user.email
    for unit in meeting.invited_units.all():
        if unit.email:
            recipients[f"ou{unit.pk}"] = unit.email
        else:
            for head in _heads(unit):
                recipients.setdefault(f"u{head.pk}", head.email)
    return sorted(recipients.items())


def queue_invitations(meeting) -> int:
    """One invitation per invitee per schedule version: a new time or place sends again,
    an unchanged meeting never does, and a newly added invitee gets the current one."""
    changed = meeting.schedule_version > 1
    subject = (
        _("Perubahan jadwal rapat: %(title)s") if changed else _("Undangan rapat: %(title)s")
    ) % {"title": meeting.title}
    lines = [
        _("Perubahan undangan rapat.") if changed else _("Anda diundang menghadiri rapat."),
        "",
        f"{meeting.get_kind_display()}: {meeting.title}",
        _("Waktu: %(when)s") % {"when": _when(meeting)},
        _("Tempat: %(place)s") % {"place": meeting.place},
        _("Pimpinan rapat: %(chair)s") % {"chair": meeting.chair},
        _("Penyelenggara: %(unit)s") % {"unit": meeting.org_unit.name},
        "",
        staff_link(meeting),
    ]
    body = "\n".join(lines)
    count = 0
    for key, address in invitation_recipients(meeting):
        message = queue_message(
            channel="email",
            recipient=address,
            subject=subject,
            body=body,
            dedupe_key=f"rapat:{meeting.pk}:v{meeting.schedule_version}:{key}",
            reference=meeting.reference,
        )
        count += message is not None
    return count


def status_changed(meeting, action: str, note: str) -> None:
    """Submitted: the chair hears; returned or approved: the notulis hears."""
    texts = {
        "submit": (meeting.chair, _("Risalah menunggu persetujuan Anda")),
        "return": (meeting.secretary, _("Risalah dikembalikan untuk diperbaiki")),
        "approve": (meeting.secretary, _("Risalah disetujui pimpinan")),
    }
    if action not in texts:
        return
    user, text = texts[action]
    if not user.email:
        return
    stamp = int(timezone.now().timestamp())
    body = f"{text}\n\n{meeting.title}\n{note}\n{staff_link(meeting)}".replace("\n\n\n", "\n\n")
    queue_message(
        channel="email",
        recipient=user.email,
        subject=f"[{meeting.reference}] {text}",
        body=body,
        dedupe_key=f"rapat:{meeting.pk}:{action}:{stamp}",
        reference=meeting.reference,
    )


def follow_up_people(action) -> list:
    """The owner, or the heads of the owning unit when no one person owns it."""
    if action.owner_user_id and action.owner_user.is_active and action.owner_user.email:
        return [action.owner_user]
    if action.owner_unit_id:
        return _heads(action.owner_unit)
    return []


def follow_up_alert(action, reason: str, text: str) -> int:
    people = {user.pk: user for user in follow_up_people(action)}
    if reason == "overdue":
        # Overdue follow-ups escalate to the chair, as overdue dispositions do to the disposer.
        chair = action.meeting.chair
        if chair.is_active and chair.email:
            people.setdefault(chair.pk, chair)
    link = f"{settings.PUBLIC_BASE_URL}{reverse('minutes:follow_ups')}"
    count = 0
    for user in people.values():
        message = queue_message(
            channel="email",
            recipient=user.email,
            subject=f"[{action.meeting.reference}] {text}",
            body=(
                f"{text}\n\n{action.description}\n"
                + _("Batas waktu: %(date)s") % {"date": f"{action.due_date:%d-%m-%Y}"}
                + f"\n{action.meeting.title}\n{link}"
            ),
            dedupe_key=f"rapat-tl:{action.pk}:{reason}:{user.pk}",
            reference=action.meeting.reference,
        )
        count += message is not None
    return count


def follow_up_done(action) -> None:
    meeting = action.meeting
    for user in {meeting.chair, meeting.secretary}:
        if not user.email or user.pk == getattr(action.done_by, "pk", None):
            continue
        queue_message(
            channel="email",
            recipient=user.email,
            subject=f"[{meeting.reference}] " + _("Tindak lanjut selesai"),
            body=f"{action.description}\n\n{action.report}\n{staff_link(meeting)}",
            dedupe_key=f"rapat-tl:{action.pk}:done:{user.pk}",
            reference=meeting.reference,
        )

"""Every write of e-Risalah: one transaction, one audit event each.

Refusals (wrong person, wrong status, bad dates) raise `MinutesError` with an Indonesian
message and are themselves recorded in the audit trail as `minutes.refused`.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.minutes import access, notify, signing
from satupintu.minutes.models import (
    MINUTES_CLASSIFICATION,
    AgendaItem,
    Attendance,
    FollowUpAction,
    Meeting,
)

Status = Meeting.Status

MEETING_FIELDS = (
    "org_unit",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "chair",
    "secretary",
    "is_public",
    "classification_code",
    "summary",
    "members_total",
)
SCHEDULE_FIELDS = ("starts_at", "ends_at", "place")
AGENDA_FIELDS = ("order", "title", "presenter", "discussion", "decisions")


class MinutesError(Exception):
    """A refused write. `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


def _refuse(actor, obj, action: str, message: str, status: int = 409):
    audit.record(
        "minutes.refused", actor=actor, obj=obj, data={"action": action, "reason": message}
    )
    raise MinutesError(message, status)


def _fresh(meeting: Meeting) -> Meeting:
    """The row as it is now: a caller's copy may predate another officer's transition."""
    return Meeting.objects.select_related("org_unit", "chair", "secretary").get(pk=meeting.pk)


def _require_manager(actor, meeting: Meeting, action: str) -> None:
    if not access.can_manage(actor, meeting):
        _refuse(actor, meeting, action, _("Anda tidak berwenang mengubah rapat ini."), 403)


def _require_editable(actor, meeting: Meeting, action: str) -> None:
    _require_manager(actor, meeting, action)
    if meeting.is_locked:
        _refuse(
            actor,
            meeting,
            action,
            _(
                "Risalah sudah disetujui pimpinan dan tidak dapat diubah. "
                "Pimpinan rapat dapat membukanya kembali."
            ),
        )


def _check_times(actor, meeting, starts_at: datetime, ends_at: datetime, action: str) -> None:
    if ends_at <= starts_at:
        _refuse(actor, meeting, action, _("Waktu selesai harus setelah waktu mulai."), 400)


def _attendee_defaults(user) -> dict:
    membership = user.memberships.filter(is_active=True).select_related("org_unit").first()
    return {
        "name": (user.full_name or str(user))[:150],
        "position": (membership.title if membership else "")[:150],
        "unit": membership.org_unit if membership else None,
    }


def _ensure_attendance_rows(meeting: Meeting) -> None:
    """The chair, the notulis and every invited person are on the attendance list."""
    people = {meeting.chair, meeting.secretary, *meeting.invited_users.all()}
    listed = set(meeting.attendances.exclude(user=None).values_list("user_id", flat=True))
    for user in people:
        if user.pk not in listed:
            Attendance.objects.create(meeting=meeting, user=user, **_attendee_defaults(user))


# --- Meetings -----------------------------------------------------------------------------------


def create_meeting(
    *,
    actor,
    org_unit,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    chair,
    secretary,
    invited_users=(),
    invited_units=(),
    is_public: bool = False,
    classification_code: str = MINUTES_CLASSIFICATION,
    summary: str = "",
    members_total: int | None = None,
) -> Meeting:
    if not access.can_create_in(actor, org_unit):
        _refuse(
            actor, org_unit, "create", _("Anda tidak berwenang membuat rapat di unit ini."), 403
        )
    _check_times(actor, org_unit, starts_at, ends_at, "create")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            org_unit=org_unit,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            chair=chair,
            secretary=secretary,
            is_public=is_public,
            classification_code=classification_code or MINUTES_CLASSIFICATION,
            summary=summary,
            members_total=members_total,
            created_by=actor,
        )
        meeting.invited_users.set(invited_users)
        meeting.invited_units.set(invited_units)
        _ensure_attendance_rows(meeting)
        sent = notify.queue_invitations(meeting)
        audit.record(
            "minutes.meeting_created",
            actor=actor,
            obj=meeting,
            data={"unit": org_unit.code, "kind": kind, "invitations": sent},
        )
    return meeting


def update_meeting(
    *, actor, meeting: Meeting, changes: dict, invited_users=None, invited_units=None
) -> Meeting:
    """Change details; a new time or place sends every invitee a changed invitation."""
    meeting = _fresh(meeting)
    _require_editable(actor, meeting, "update")
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if "org_unit" in changes and not access.can_create_in(actor, changes["org_unit"]):
        _refuse(
            actor, meeting, "update", _("Anda tidak berwenang memindahkan rapat ke unit itu."), 403
        )
    _check_times(
        actor,
        meeting,
        changes.get("starts_at", meeting.starts_at),
        changes.get("ends_at", meeting.ends_at),
        "update",
    )
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        changed = sorted(f for f, v in changes.items() if getattr(meeting, f) != v)
        for field in changed:
            setattr(meeting, field, changes[field])
        if any(f in SCHEDULE_FIELDS for f in changed):
            meeting.schedule_version += 1
        meeting.save()
        if invited_users is not None:
            before = set(meeting.invited_users.values_list("pk", flat=True))
            meeting.invited_users.set(invited_users)
            if before != {u.pk for u in invited_users}:
                changed.append("invited_users")
        if invited_units is not None:
            before = set(meeting.invited_units.values_list("pk", flat=True))
            meeting.invited_units.set(invited_units)
            if before != {u.pk for u in invited_units}:
                changed.append("invited_units")
        _ensure_attendance_rows(meeting)
        sent = notify.queue_invitations(meeting)
        audit.record(
            "minutes.meeting_updated",
            actor=actor,
            obj=meeting,
            data={"fields": changed, "version": meeting.schedule_version, "invitations": sent},
        )
    return meeting


# --- Agenda and minutes -------------------------------------------------------------------------


def add_agenda_item(
    *, actor, meeting: Meeting, title: str, presenter: str = "", order: int | None = None
) -> AgendaItem:
    meeting = _fresh(meeting)
    _require_editable(actor, meeting, "agenda_add")
    with transaction.atomic():
        if order is None:
            last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
            order = (last or 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting, order=order, title=title, presenter=presenter
        )
        audit.record(
            "minutes.agenda_added", actor=actor, obj=meeting, data={"item": item.pk, "order": order}
        )
    return item


def update_agenda_item(*, actor, item: AgendaItem, changes: dict) -> AgendaItem:
    """Agenda details and the minutes of the item (discussion, decisions)."""
    meeting = _fresh(item.meeting)
    _require_editable(actor, meeting, "agenda_update")
    unknown = set(changes) - set(AGENDA_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        changed = sorted(f for f, v in changes.items() if getattr(item, f) != v)
        for field in changed:
            setattr(item, field, changes[field])
        item.save()
        audit.record(
            "minutes.agenda_updated",
            actor=actor,
            obj=meeting,
            data={"item": item.pk, "fields": changed},
        )
    return item


def delete_agenda_item(*, actor, item: AgendaItem) -> None:
    meeting = _fresh(item.meeting)
    _require_editable(actor, meeting, "agenda_delete")
    with transaction.atomic():
        audit.record(
            "minutes.agenda_deleted",
            actor=actor,
            obj=meeting,
            data={"item": item.pk},  # no title: a closed meeting's agenda is not for the trail
        )
        item.delete()


# --- Attendance ---------------------------------------------------------------------------------


def record_attendance(*, actor, meeting: Meeting, entries: list[dict]) -> int:
    """Entries: {"attendance": Attendance, "status", "arrived_at", "note"}. Returns changes."""
    meeting = _fresh(meeting)
    _require_editable(actor, meeting, "attendance")
    valid = set(Attendance.Status.values)
    changed = []
    with transaction.atomic():
        for entry in entries:
            row = entry["attendance"]
            if row.meeting_id != meeting.pk:
                raise ValueError("attendance of another meeting")
            status = entry.get("status", row.status)
            if status not in valid:
                _refuse(actor, meeting, "attendance", _("Status kehadiran tidak dikenal."), 400)
            arrived_at = entry.get("arrived_at", row.arrived_at)
            if status != Attendance.Status.PRESENT:
                arrived_at = None
            note = entry.get("note", row.note)
            if (row.status, row.arrived_at, row.note) != (status, arrived_at, note):
                row.status, row.arrived_at, row.note = status, arrived_at, note
                row.save(update_fields=["status", "arrived_at", "note"])
                changed.append({"id": row.pk, "status": status})
        audit.record("minutes.attendance", actor=actor, obj=meeting, data={"changed": changed})
    return len(changed)


def add_attendee(
    *,
    actor,
    meeting: Meeting,
    user=None,
    name: str = "",
    position: str = "",
    unit=None,
    status: str = Attendance.Status.PRESENT,
    arrived_at=None,
) -> Attendance:
    """Someone not on the invitation list: a colleague with an account, or a guest by name."""
    meeting = _fresh(meeting)
    _require_editable(actor, meeting, "attendee_add")
    if user is None and not name.strip():
        _refuse(actor, meeting, "attendee_add", _("Isi nama peserta atau pilih pegawai."), 400)
    with transaction.atomic():
        if user is not None:
            row = meeting.attendances.filter(user=user).first()
            if row is None:
                defaults = _attendee_defaults(user)
                row = Attendance(meeting=meeting, user=user, **defaults)
        else:
            row = Attendance(meeting=meeting, name=name.strip(), position=position, unit=unit)
        row.status = status
        row.arrived_at = arrived_at if status == Attendance.Status.PRESENT else None
        row.save()
        audit.record(
            "minutes.attendee_added",
            actor=actor,
            obj=meeting,
            data={"attendance": row.pk, "user": user.pk if user else None, "status": status},
        )
    return row


# --- Follow-up actions --------------------------------------------------------------------------


def add_follow_up(
    *,
    actor,
    meeting: Meeting,
    description: str,
    due_date: date,
    owner_user=None,
    owner_unit=None,
    agenda_item: AgendaItem | None = None,
) -> FollowUpAction:
    meeting = _fresh(meeting)
    _require_editable(actor, meeting, "follow_up_add")
    if owner_user is None and owner_unit is None:
        _refuse(
            actor,
            meeting,
            "follow_up_add",
            _("Tentukan penanggung jawab: pegawai atau unit."),
            400,
        )
    if due_date < timezone.localdate():
        _refuse(actor, meeting, "follow_up_add", _("Batas waktu tidak boleh di masa lalu."), 400)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValueError("agenda item of another meeting")
    with transaction.atomic():
        action = FollowUpAction.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            description=description,
            due_date=due_date,
            owner_user=owner_user,
            owner_unit=owner_unit,
        )
        audit.record(
            "minutes.follow_up_added",
            actor=actor,
            obj=meeting,
            data={
                "follow_up": action.pk,
                "due_date": due_date.isoformat(),
                "owner_user": owner_user.pk if owner_user else None,
                "owner_unit": owner_unit.code if owner_unit else None,
            },
        )
    return action


def complete_follow_up(*, actor, action: FollowUpAction, report: str) -> FollowUpAction:
    if not access.can_report_follow_up(actor, action):
        _refuse(
            actor,
            action,
            "follow_up_done",
            _("Anda bukan penanggung jawab tindak lanjut ini."),
            403,
        )
    if action.status == FollowUpAction.Status.DONE:
        _refuse(actor, action, "follow_up_done", _("Tindak lanjut ini sudah selesai."))
    if not report.strip():
        _refuse(actor, action, "follow_up_done", _("Tulis laporan tindak lanjutnya."), 400)
    with transaction.atomic():
        action.status = FollowUpAction.Status.DONE
        action.report = report.strip()
        action.done_at = timezone.now()
        action.done_by = actor
        action.save(update_fields=["status", "report", "done_at", "done_by"])
        notify.follow_up_done(action)
        audit.record(
            "minutes.follow_up_done",
            actor=actor,
            obj=action,
            data={"meeting": action.meeting_id, "on_time": action.done_on_time},
        )
    return action


# --- Workflow -----------------------------------------------------------------------------------

ACTIONS = {
    # action: (allowed source statuses, target status)
    "submit": ({Status.DRAFT}, Status.REVIEW),
    "return": ({Status.REVIEW}, Status.DRAFT),
    "approve": ({Status.REVIEW}, Status.APPROVED),
    "publish": ({Status.APPROVED}, Status.PUBLISHED),
    "reopen": ({Status.APPROVED, Status.PUBLISHED}, Status.DRAFT),
}
CHAIR_ONLY = {"return", "approve", "reopen"}


def allowed_actions(user, meeting: Meeting) -> list[str]:
    result = []
    for action, (sources, _target) in ACTIONS.items():
        if meeting.status not in sources:
            continue
        if action in CHAIR_ONLY:
            if access.is_chair(user, meeting):
                result.append(action)
        elif access.can_manage(user, meeting):
            result.append(action)
    return result


def transition(*, actor, meeting: Meeting, action: str, note: str = "") -> Meeting:
    if action not in ACTIONS:
        raise MinutesError(_("Tindakan tidak dikenal."), 400)
    sources, target = ACTIONS[action]
    meeting = _fresh(meeting)
    if action in CHAIR_ONLY and not access.is_chair(actor, meeting):
        _refuse(
            actor,
            meeting,
            action,
            _(
                "Hanya pimpinan rapat yang dapat menyetujui, mengembalikan "
                "atau membuka kembali risalah."
            ),
            403,
        )
    if action not in CHAIR_ONLY and not access.can_manage(actor, meeting):
        _refuse(actor, meeting, action, _("Anda tidak berwenang mengubah rapat ini."), 403)
    if meeting.status not in sources:
        messages = {
            "publish": _("Hanya risalah yang sudah disetujui pimpinan yang dapat diterbitkan."),
            "approve": _("Risalah harus diajukan untuk ditinjau sebelum disetujui."),
            "submit": _("Hanya draf risalah yang dapat diajukan."),
        }
        _refuse(
            actor,
            meeting,
            action,
            messages.get(action, _("Tindakan ini tidak dapat dilakukan pada status sekarang.")),
        )
    if action == "submit" and not meeting.agenda_items.exists():
        _refuse(actor, meeting, action, _("Tambahkan setidaknya satu acara sebelum diajukan."), 400)
    if action in ("reopen", "return") and not note.strip():
        _refuse(actor, meeting, action, _("Tulis alasannya."), 400)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in sources:  # changed by someone else meanwhile
            raise MinutesError(_("Status risalah sudah berubah; muat ulang halaman."))
        previous = meeting.status
        meeting.status = target
        now = timezone.now()
        if action == "submit":
            meeting.submitted_at = now
        elif action == "approve":
            meeting.approved_at = now
        elif action == "publish":
            meeting.published_at = now
        elif action == "reopen":
            meeting.approved_at = None
            meeting.published_at = None
        meeting.save()
        if action == "publish":
            signing.sign_published(meeting, actor=actor)
        elif action == "reopen" and previous == Meeting.Status.PUBLISHED:
            signing.withdraw(meeting, actor=actor, reason=note.strip())
        notify.status_changed(meeting, action, note)
        audit.record(
            f"minutes.{action}",
            actor=actor,
            obj=meeting,
            data={"from": previous, "to": target, "note": note[:500]},
        )
    return meeting

"""Every write to a case: submission, actions from the transition table, files.

One transaction per call, one audit event, hooks (notifications) run on commit.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases import codes, notify, routing
from satupintu.cases.models import Case, CaseAttachment, CaseEvent, Category
from satupintu.cases.public import SUMMARY_MAX_LENGTH
from satupintu.cases.uploads import CheckedFile
from satupintu.cases.workflow import (
    COORDINATOR,
    PAUSE_EFFECT,
    REPORTER,
    RESUME_EFFECT,
    SYSTEM,
    UNIT,
    get_kind,
)
from satupintu.core import audit, workdays

VERIFY_WORKING_DAYS = 3
# Set on an anonymous case once its private link went to a contact (which is not kept).
LINK_SENT = "private_link_sent"
# Actions that may change the responsible unit; an org unit sent with any other is ignored
# (the staff page posts the current unit with every action).
ROUTING_ACTIONS = frozenset({"verify", "route"})
STAFF_ROLES = frozenset({COORDINATOR, UNIT})


class CaseError(Exception):
    """An action that cannot be taken; `status` is the HTTP status views should answer."""

    def __init__(self, message: str, status: int = 409):
        self.message, self.status = message, status
        super().__init__(message)


@dataclass
class NewCase:
    kind: str
    channel: str
    title: str
    description: str
    category: Category | None = None
    subtype: str = ""
    submitter: object = None
    is_anonymous: bool = False
    is_confidential: bool = False
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    region: object = None
    rt: str = ""
    street: str = ""
    latitude: object = None
    longitude: object = None
    attributes: dict = field(default_factory=dict)
    idempotency_key: str | None = None
    files: list[CheckedFile] = field(default_factory=list)
    # Kinds that know their unit and deadline up front (an application goes to the OPD that
    # offers the service, due in the service's published days) set these; others are routed.
    org_unit: object = None
    sla_working_days: int | None = None
    # A public note on the submission event, e.g. who filed it for the citizen at a counter.
    note: str = ""


def _store_files(case: Case, event: CaseEvent, files, role: str, public: bool, stored: list):
    for checked in files:
        name = default_storage.save(
            f"cases/{timezone.now():%Y/%m}/{codes.new_secret()}{checked.extension}",
            checked.upload,
        )
        stored.append(name)
        CaseAttachment.objects.create(
            case=case,
            event=event,
            file=name,
            original_name=(getattr(checked.upload, "name", "") or "berkas")[-200:],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            is_public=public,
            uploaded_by_role=role,
        )


def _discard(stored: list[str]) -> None:
    for name in stored:
        default_storage.delete(name)


def _recorded_actor(actor, role: str, is_anonymous: bool):
    """Who is written down as acting: nobody for an anonymous reporter (not even the account
    they happen to be logged in with), else the logged-in user."""
    if role == REPORTER and is_anonymous:
        return None
    return actor if getattr(actor, "is_authenticated", False) else None


def _run_hooks(case_id: int, event_id: int, kind_key: str) -> None:
    kind = get_kind(kind_key)
    for hook in kind.on_event:
        hook(case_id, event_id)


def _insert_case(case: Case) -> Case | None:
    """Insert with a fresh tracking code; None when the idempotency key already exists."""
    prefix = get_kind(case.kind).prefix
    for _attempt in range(8):
        case.tracking_code = codes.new_tracking_code(prefix)
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            return case
        except IntegrityError:
            if (
                case.idempotency_key
                and Case.objects.filter(idempotency_key=case.idempotency_key).exists()
            ):
                return None
            case.pk = None
    raise CaseError(_("Gagal membuat kode lacak, coba lagi."), status=503)


def submit(new: NewCase, *, actor=None) -> tuple[Case, str | None]:
    """Create a case. Returns (case, secret); secret is None for a replayed idempotency key."""
    if new.idempotency_key:
        existing = Case.objects.filter(idempotency_key=new.idempotency_key).first()
        if existing:
            return existing, None
    kind = get_kind(new.kind)
    stored: list[str] = []
    secret = codes.new_secret()
    try:
        with transaction.atomic():
            now = timezone.now()
            today = timezone.localdate(now)
            if new.sla_working_days is not None:
                sla_days = new.sla_working_days
            else:
                sla_days = new.category.sla_tier.working_days if new.category else 14
            case = Case(
                kind=new.kind,
                secret_hash=codes.hash_secret(secret),
                secret_token=secret,
                category=new.category,
                status=kind.initial_status,
                channel=new.channel,
                subtype=new.subtype,
                title=new.title,
                description=new.description,
                submitter=new.submitter if not new.is_anonymous else None,
                is_anonymous=new.is_anonymous,
                is_confidential=new.is_confidential and not new.is_anonymous,
                reporter_name="" if new.is_anonymous else new.reporter_name,
                reporter_email="" if new.is_anonymous else new.reporter_email,
                reporter_phone="" if new.is_anonymous else new.reporter_phone,
                region=new.region,
                rt=new.rt,
                street=new.street,
                latitude=new.latitude,
                longitude=new.longitude,
                org_unit=new.org_unit or routing.route_for(new.category, new.region),
                created_at=now,
                verify_due_date=workdays.add_working_days(today, VERIFY_WORKING_DAYS),
                due_date=workdays.add_working_days(today, sla_days),
                attributes=new.attributes,
                idempotency_key=new.idempotency_key or None,
            )
            inserted = _insert_case(case)
            if inserted is None:
                existing = Case.objects.get(idempotency_key=new.idempotency_key)
                return existing, None
            role = REPORTER if new.channel == Case.Channel.WEB else SYSTEM
            actor = _recorded_actor(actor, role, case.is_anonymous)
            event = CaseEvent.objects.create(
                case=case,
                created_at=now,
                actor=actor,
                actor_role=role,
                action="submit",
                to_status=case.status,
                is_public=True,
                note=new.note,
                data={"channel": new.channel},
            )
            _store_files(case, event, new.files, "reporter", False, stored)
            audit.record(
                "cases.submitted",
                actor=actor,
                obj=case,
                data={"kind": case.kind, "channel": case.channel},
            )
            transaction.on_commit(lambda: _run_hooks(case.pk, event.pk, case.kind), robust=True)
    except BaseException:
        _discard(stored)
        raise
    return case, secret


def send_private_link(case: Case, contact: "notify.Contact") -> "notify.Contact":
    """Send an anonymous case's confirmation (code and private link) once, to a contact its
    reporter typed on the confirmation page. The contact is used for this message only and
    not kept with the case; the audit records the channel alone."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not case.is_anonymous:
            raise CaseError(_("Tautan dikirim ke kontak yang Anda isi saat melapor."))
        if case.attributes.get(LINK_SENT):
            raise CaseError(_("Tautan laporan ini sudah dikirim."))
        case.attributes = {**case.attributes, LINK_SENT: True}
        case.save(update_fields=["attributes", "updated_at"])
        notify.confirm_submission(case, contact)
        audit.record(
            "cases.private_link_sent", actor=None, obj=case, data={"channel": contact.channel}
        )
    return contact


def _extend_for_pause(case: Case, today: date) -> None:
    """The SLA clock stood still while waiting for the reporter: move the deadlines."""
    if case.paused_at is None:
        return
    paused_days = workdays.working_days_between(timezone.localdate(case.paused_at), today)
    if paused_days and case.due_date:
        case.due_date = workdays.add_working_days(case.due_date, paused_days)
    case.paused_at = None


def perform(
    case: Case,
    action: str,
    *,
    actor,
    role: str,
    note: str = "",
    public: bool | None = None,
    files: list[CheckedFile] | None = None,
    org_unit=None,
    assignee=None,
    parent: Case | None = None,
    rating: int | None = None,
    public_summary: str | None = None,
    internal_note: str = "",
) -> CaseEvent:
    """Take `action` on a case as `role`; the kind's transition table decides if it may.

    `note` is what the reporter may read (the public answer) and `internal_note` what only
    staff read. A staff note on an event the reporter never sees (an internal action) is an
    internal note, so it is stored as one: `note` never holds text meant for staff only.

    `public_summary` (coordinators only, with any of their actions, above all `verify`) sets
    what the public sees instead of the citizen's title; "" goes back to the neutral title.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case.pk)
            kind = get_kind(case.kind)
            transition = kind.allowed(action, case.status, role)
            if transition is None:
                raise CaseError(
                    _("Tindakan ini tidak dapat dilakukan pada status %(status)s.")
                    % {"status": kind.status_label(case.status)}
                )
            if transition.guard and (reason := transition.guard(case)):
                raise CaseError(str(reason))
            now = timezone.now()
            today = timezone.localdate(now)
            data = _apply_parameters(case, action, org_unit, assignee, parent, rating, note)
            data.update(_apply_public_summary(case, role, public_summary))
            from_status = case.status
            if transition.target:
                case.status = transition.target
            if transition.effect == PAUSE_EFFECT and case.paused_at is None:
                case.paused_at = now
            elif transition.effect == RESUME_EFFECT:
                _extend_for_pause(case, today)
                # Paused while still waiting for verification: back to triage, not to the unit.
                paused_from = _status_before_pause(case, kind)
                if paused_from in kind.triage_statuses:
                    case.status = paused_from
            waiting = kind.triage_statuses | kind.paused_statuses
            if from_status in kind.triage_statuses and case.status not in waiting:
                # The "verification overdue" alert shares this stamp; the unit that now owns
                # the case must still hear when the case itself runs late.
                case.overdue_notified_at = None
            is_public = transition.public if public is None else public
            note, internal_note = (note or "").strip(), (internal_note or "").strip()
            if role not in STAFF_ROLES and internal_note:
                raise CaseError(_("Hanya petugas yang dapat menulis catatan internal."), 403)
            if not is_public and role in STAFF_ROLES and note:
                internal_note = "\n\n".join(t for t in (note, internal_note) if t)
                note = ""
            if is_public and role in STAFF_ROLES and note:
                case.first_response_at = case.first_response_at or now
            if case.status in kind.resolved_statuses and from_status not in kind.resolved_statuses:
                case.resolved_at = now
            if case.status in kind.closed_statuses and from_status not in kind.closed_statuses:
                case.closed_at = now
            elif case.status not in kind.closed_statuses:
                case.closed_at = None
                if case.status not in kind.resolved_statuses:
                    case.resolved_at = None
            case.save()
            actor = _recorded_actor(actor, role, case.is_anonymous)
            event = CaseEvent.objects.create(
                case=case,
                created_at=now,
                actor=actor,
                actor_role=role,
                action=action,
                from_status=from_status,
                to_status=case.status,
                is_public=is_public,
                note=note,
                internal_note=internal_note,
                data=data,
            )
            _store_files(case, event, files or [], role, is_public, stored)
            audit.record(
                f"cases.{action}",
                actor=actor,
                obj=case,
                data={"from": from_status, "to": case.status, "role": role, **data},
            )
            transaction.on_commit(lambda: _run_hooks(case.pk, event.pk, case.kind), robust=True)
    except BaseException:
        _discard(stored)
        raise
    return event


def _apply_public_summary(case: Case, role: str, summary: str | None) -> dict:
    if summary is None:
        return {}
    if role != COORDINATOR:
        raise CaseError(_("Hanya koordinator yang dapat mengubah ringkasan publik."), status=403)
    summary = " ".join(summary.split())
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise CaseError(
            _("Ringkasan publik paling panjang %(n)d karakter.") % {"n": SUMMARY_MAX_LENGTH},
            status=400,
        )
    if summary == case.public_summary:
        return {}
    case.public_summary = summary
    # A flag only: the audit and the staff history need not repeat the text.
    return {"public_summary_changed": True}


def _status_before_pause(case: Case, kind) -> str:
    pausing = [t.action for t in kind.transitions.values() if t.effect == PAUSE_EFFECT]
    event = case.events.filter(action__in=pausing).order_by("-created_at", "-pk").first()
    return event.from_status if event else ""


def _root_parent(parent: Case) -> Case:
    """A merged case points at the case it was merged into: follow to the one still standing."""
    seen = {parent.pk}
    while parent.parent_id and parent.parent_id not in seen:
        parent = Case.objects.get(pk=parent.parent_id)
        seen.add(parent.pk)
    return parent


def _apply_parameters(case, action, org_unit, assignee, parent, rating, note) -> dict:
    """Actions that carry a value: route (unit), assign (person), merge (parent), rate."""
    data: dict = {}
    if action == "route" and org_unit is None:
        raise CaseError(_("Pilih unit tujuan."), status=400)
    if org_unit is not None and action in ROUTING_ACTIONS:
        if org_unit.pk != case.org_unit_id:
            case.org_unit = org_unit
            case.assignee = None
        data["org_unit"] = org_unit.code
    if action == "verify":
        case.verified_at = case.verified_at or timezone.now()
        if case.org_unit is None:
            raise CaseError(_("Pilih unit penanggung jawab terlebih dahulu."), status=400)
    if action == "not_our_authority":
        data["previous_unit"] = case.org_unit.code if case.org_unit else None
        case.org_unit = None
        case.assignee = None
    if action == "assign":
        if assignee is None:
            raise CaseError(_("Pilih petugas."), status=400)
        case.assignee = assignee
        data["assignee_id"] = assignee.pk
    if action == "merge":
        if parent is not None:
            parent = _root_parent(parent)
        if parent is None or parent.pk == case.pk or parent.kind != case.kind:
            raise CaseError(_("Pilih kasus induk yang lain dari jenis yang sama."), status=400)
        case.parent = parent
        data["parent"] = parent.tracking_code
    if action == "rate":
        if rating is None or not 1 <= rating <= 5:
            raise CaseError(_("Nilai harus 1 sampai 5."), status=400)
        case.rating = rating
        case.rating_comment = note
        data["rating"] = rating
    return data


@transaction.atomic
def save_category(*, actor, kind: str, code: str, **values) -> Category:
    category, created = Category.objects.update_or_create(kind=kind, code=code, defaults=values)
    audit.record("cases.category_saved", actor=actor, obj=category, data={"created": created})
    return category

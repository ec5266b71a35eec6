"""The staff side of an application: working through the service's workflow steps.

Each step of a service (`catalog.WorkflowStep`) names the role that completes it and its
deadline in working days. `act()` is the one entry point for pages and the API:

- "advance": complete the current step and enter the next one. Completing the approval step
  also approves the application ("approve"); completing the last step issues the result
  document — rendered from the service's `ResultTemplate`, numbered, signed with the unit's
  certificate (documents app) — and closes the case ("issue"), all in one transaction;
- "approve": the same as "advance", only on the approval step;
- "request_correction": ask the applicant to fix some requirements (the SLA clock pauses);
- "reject": with a reason;
- "note" / "reply": an internal note, or a message to the applicant.

Every action takes `note` (what the applicant reads, on public events) and `internal_note`
(staff only, never shown or sent to the applicant).

Every write is one transaction (the Application row locked first) with one audit event on top
of the case engine's own. `expected_step_id` is the step the page or client saw: when the
application has moved on meanwhile, the action is refused with `Conflict` (409).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.applications.models import Application
from satupintu.applications.services.issuing import (  # some re-exported: see __all__
    ROMAN,
    format_result_number,
    holder_name_for,
    issue_result,
)
from satupintu.applications.services.processing_errors import Conflict, ProcessingError
from satupintu.applications.statuses import Status
from satupintu.cases import access
from satupintu.cases import services as case_services
from satupintu.cases.models import CaseEvent
from satupintu.catalog.models import Service, WorkflowStep
from satupintu.core import audit, workdays
from satupintu.documents import services as documents
from satupintu.documents.access import can_revoke
from satupintu.documents.models import IssuedDocument
from satupintu.org import permissions

__all__ = [
    "ROMAN",
    "STAFF_ACTIONS",
    "Conflict",
    "ProcessingError",
    "act",
    "extend_step_after_pause",
    "format_result_number",
    "holder_name_for",
    "reject",
    "request_correction",
    "revoke_result",
    "steps_of",
]

logger = logging.getLogger(__name__)

STAFF_ACTIONS = ("advance", "approve", "request_correction", "reject", "note", "reply")
# Actions that complete (or end) the current step: only the step's role may take them.
STEP_ACTIONS = frozenset({"advance", "approve", "request_correction", "reject"})


# --- Steps ------------------------------------------------------------------------------------


def steps_of(service: Service) -> list[WorkflowStep]:
    return list(WorkflowStep.objects.filter(service=service).order_by("order"))


def _is_approval(step: WorkflowStep, steps: list[WorkflowStep]) -> bool:
    """The approval step; a service without one approves when its last step is done."""
    if step.is_approval:
        return True
    return not any(s.is_approval for s in steps) and step.pk == steps[-1].pk


def _next_step(step: WorkflowStep, steps: list[WorkflowStep]) -> WorkflowStep | None:
    return next((s for s in steps if s.order > step.order), None)


def _enter_step(application: Application, step: WorkflowStep | None, now) -> None:
    application.current_step = step
    if step is None:
        application.step_started_at = None
        application.step_due_date = None
    else:
        application.step_started_at = now
        application.step_due_date = workdays.add_working_days(
            timezone.localdate(now), step.working_days
        )


def _locked(application: Application) -> Application:
    return (
        # Lock only the application row: PostgreSQL cannot lock the nullable side of the
        # outer join to current_step.
        Application.objects.select_for_update(of=("self",))
        .select_related("case", "case__org_unit", "service", "current_step")
        .get(pk=application.pk)
    )


def _current_step(application: Application, steps: list[WorkflowStep]) -> WorkflowStep | None:
    # Submitted before the service had steps, or by a channel that did not set one.
    if (
        application.current_step_id is None
        and steps
        and application.case.status == Status.SUBMITTED
    ):
        return steps[0]
    return application.current_step


def _check_expected(application: Application, expected_step_id) -> None:
    if expected_step_id in (None, ""):
        return
    try:
        expected = int(expected_step_id)
    except (TypeError, ValueError) as exc:
        raise Conflict() from exc
    if application.current_step_id != expected:
        raise Conflict()


def _engine_role(user, application: Application) -> str:
    role = access.staff_role(user, application.case)
    if role is None:
        raise PermissionDenied(_("Anda tidak bekerja di unit yang menangani permohonan ini."))
    return role


def _check_step_role(user, application: Application, step: WorkflowStep | None) -> None:
    if step is None:
        raise ProcessingError(_("Permohonan ini tidak sedang berada pada langkah mana pun."), 409)
    if not permissions.may_act_on_step(user, application.case.org_unit, step.role):
        raise PermissionDenied(
            _("Langkah “%(step)s” hanya dapat diproses oleh peran %(role)s.")
            % {"step": step.name, "role": step.get_role_display()}
        )


def _perform(
    application: Application, action: str, *, actor, role: str, note="", public=None, internal=""
):
    try:
        return case_services.perform(
            application.case,
            action,
            actor=actor,
            role=role,
            note=note,
            public=public,
            internal_note=internal,
        )
    except case_services.CaseError as exc:
        raise ProcessingError(exc.message, exc.status) from exc


def _tag_event(event: CaseEvent, **data) -> None:
    """Add step details to the engine's event (the timeline and notifications read them)."""
    event.data = {**(event.data or {}), **data}
    CaseEvent.objects.filter(pk=event.pk).update(data=event.data)


def _step_data(step: WorkflowStep | None, prefix: str) -> dict:
    if step is None:
        return {}
    return {
        f"{prefix}_step": step.code,
        f"{prefix}_step_name": step.name,
        f"{prefix}_step_public": step.is_public,
    }


# --- The entry point --------------------------------------------------------------------------


def act(
    application: Application,
    action: str,
    *,
    actor,
    note: str = "",
    correction_codes=(),
    expected_step_id=None,
    internal_note: str = "",
) -> Application:
    """Take a staff action on an application. Raises PermissionDenied (403), Conflict (409),
    ProcessingError (400/409) or ValidationError (400, bad correction codes).

    `note` is what the applicant reads (on public events); `internal_note` stays with staff."""
    note, internal = (note or "").strip(), (internal_note or "").strip()
    if action == "request_correction":
        return request_correction(
            application,
            actor=actor,
            codes=correction_codes,
            note=note,
            expected_step_id=expected_step_id,
            internal_note=internal,
        )
    if action == "reject":
        return reject(
            application,
            actor=actor,
            reason=note,
            expected_step_id=expected_step_id,
            internal_note=internal,
        )
    if action in ("advance", "approve"):
        return _complete_step(
            application,
            actor=actor,
            note=note,
            expected_step_id=expected_step_id,
            approving=action == "approve",
            internal=internal,
        )
    if action in ("note", "reply"):
        return _message(application, action, actor=actor, note=note, internal=internal)
    raise ProcessingError(_("Tindakan tidak dikenal."))


def _message(
    application: Application, action: str, *, actor, note: str, internal: str = ""
) -> Application:
    if not note and not (action == "note" and internal):
        raise ProcessingError(_("Tulis catatan atau pesannya."))
    with transaction.atomic():
        application = _locked(application)
        role = _engine_role(actor, application)
        event = _perform(application, action, actor=actor, role=role, note=note, internal=internal)
        audit.record(
            f"applications.{action}",
            actor=actor,
            obj=application.case,
            data={"event": event.pk},
        )
    return application


def _complete_step(
    application: Application, *, actor, note: str, expected_step_id, approving: bool, internal=""
) -> Application:
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            application = _locked(application)
            case = application.case
            _check_expected(application, expected_step_id)
            role = _engine_role(actor, application)
            steps = steps_of(application.service)
            step = _current_step(application, steps)
            if case.status == Status.CORRECTION:
                raise ProcessingError(
                    _("Permohonan sedang menunggu perbaikan dari pemohon."), status=409
                )
            if case.closed_at is not None:
                raise Conflict(_("Permohonan ini sudah selesai diproses."))
            _check_step_role(actor, application, step)
            is_approval = _is_approval(step, steps)
            if approving and not is_approval:
                raise ProcessingError(_("Langkah ini bukan langkah persetujuan."), status=409)
            following = _next_step(step, steps)
            now = timezone.now()
            tag = {**_step_data(step, "from"), **_step_data(following, "to")}
            if is_approval:
                if case.status == Status.APPROVED:
                    raise Conflict()
                event = _perform(
                    application, "approve", actor=actor, role=role, note=note, internal=internal
                )
            elif case.status == Status.APPROVED:
                # A step after the approval (e.g. handing over the document): internal.
                event = _perform(
                    application,
                    "note",
                    actor=actor,
                    role=role,
                    note=note or _("Langkah “%(step)s” selesai.") % {"step": step.name},
                    internal=internal,
                )
            else:
                event = _perform(
                    application, "advance", actor=actor, role=role, note=note, internal=internal
                )
            _tag_event(event, **tag)
            _enter_step(application, following, now)
            issued = None
            if following is None:
                application.case.refresh_from_db()
                issued = issue_result(application, actor=actor, role=role, stored=stored_files)
                event = _perform(application, "issue", actor=actor, role=role)
                _tag_event(event, document=issued.number if issued else None)
            application.save(
                update_fields=[
                    "current_step",
                    "step_started_at",
                    "step_due_date",
                    "result_document",
                ]
            )
            audit.record(
                "applications.step_completed",
                actor=actor,
                obj=case,
                data={
                    "step": step.code,
                    "next": following.code if following else None,
                    "approved": is_approval,
                    "document": issued.number if issued else None,
                },
            )
    except BaseException:
        for name in stored_files:
            default_storage.delete(name)
        raise
    return application


# --- Correction, rejection --------------------------------------------------------------------


def request_correction(
    application: Application,
    *,
    actor,
    codes,
    note: str,
    expected_step_id=None,
    internal_note: str = "",
) -> Application:
    """Ask the applicant to correct some requirements; the SLA clock stops until they answer."""
    codes = [str(c).strip() for c in (codes or []) if str(c).strip()]
    note = (note or "").strip()
    known = set(application.service.requirements.values_list("code", flat=True))
    unknown = sorted(set(codes) - known)
    if unknown:
        raise ValidationError(
            _("Persyaratan tidak dikenal untuk layanan ini: %(codes)s")
            % {"codes": ", ".join(unknown)},
            code="unknown_requirement",
        )
    if not note:
        raise ValidationError(
            _("Jelaskan apa yang perlu diperbaiki pemohon."), code="note_required"
        )
    with transaction.atomic():
        application = _locked(application)
        _check_expected(application, expected_step_id)
        role = _engine_role(actor, application)
        step = _current_step(application, steps_of(application.service))
        _check_step_role(actor, application, step)
        event = _perform(
            application,
            "request_correction",
            actor=actor,
            role=role,
            note=note,
            internal=internal_note,
        )
        _tag_event(event, correction_codes=codes, **_step_data(step, "at"))
        application.correction_codes = codes
        application.save(update_fields=["correction_codes"])
        audit.record(
            "applications.correction_requested",
            actor=actor,
            obj=application.case,
            data={"codes": codes, "step": step.code},
        )
    return application


def reject(
    application: Application, *, actor, reason: str, expected_step_id=None, internal_note=""
):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan penolakan wajib diisi."), code="reason_required")
    with transaction.atomic():
        application = _locked(application)
        _check_expected(application, expected_step_id)
        role = _engine_role(actor, application)
        step = _current_step(application, steps_of(application.service))
        _check_step_role(actor, application, step)
        event = _perform(
            application, "reject", actor=actor, role=role, note=reason, internal=internal_note
        )
        _tag_event(event, **_step_data(step, "at"))
        _enter_step(application, None, timezone.now())
        application.save(update_fields=["current_step", "step_started_at", "step_due_date"])
        audit.record(
            "applications.rejected",
            actor=actor,
            obj=application.case,
            data={"step": step.code if step else None},
        )
    return application


def extend_step_after_pause(case_id: int, event_id: int) -> None:
    """Engine hook: when the applicant answers a correction request, the current step's
    deadline moves by the working days the clock stood still (the case's own due date is
    moved by the engine). Idempotent: the event remembers that it was applied."""
    event = CaseEvent.objects.filter(pk=event_id, action="submit_correction").first()
    if event is None or (event.data or {}).get("step_due_extended") is not None:
        return
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(case_id=case_id).first()
        if application is None:
            return
        paused = (
            CaseEvent.objects.filter(
                case_id=case_id, action="request_correction", created_at__lte=event.created_at
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        days = 0
        if paused is not None:
            days = workdays.working_days_between(
                timezone.localdate(paused.created_at), timezone.localdate(event.created_at)
            )
        if days and application.step_due_date:
            application.step_due_date = workdays.add_working_days(application.step_due_date, days)
            application.save(update_fields=["step_due_date"])
        _tag_event(event, step_due_extended=days)


def revoke_result(application: Application, *, actor, reason: str) -> IssuedDocument:
    """Revoke the issued result (the QR page then says "dicabut"); noted on the timeline."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan pencabutan wajib diisi."), code="reason_required")
    with transaction.atomic():
        application = _locked(application)
        role = _engine_role(actor, application)
        document = application.result_document
        if document is None:
            raise ProcessingError(_("Permohonan ini belum memiliki dokumen hasil."), 409)
        if not can_revoke(actor, document):
            raise PermissionDenied(_("Anda tidak berwenang mencabut dokumen ini."))
        try:
            document = documents.revoke(document, reason=reason, actor=actor)
        except documents.DocumentError as exc:
            raise ProcessingError(exc.message, 409) from exc
        _perform(
            application,
            "note",
            actor=actor,
            role=role,
            note=_("Dokumen hasil %(number)s dicabut: %(reason)s")
            % {"number": document.number, "reason": reason},
        )
        audit.record(
            "applications.result_revoked",
            actor=actor,
            obj=application.case,
            data={"document": document.number},
        )
    return document

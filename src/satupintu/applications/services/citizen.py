"""Citizen writes: drafts saved step by step, documents, submission, corrections, withdrawal.

Every write is one transaction with one audit event; files are written to storage before the
transaction and removed again if it fails, so nothing is half-written.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from satupintu.applications import answers as answer_store
from satupintu.applications.errors import ApplicationError
from satupintu.applications.forms import FormSpec, step_form, validate_answers
from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.applications.services.processing import extend_step_after_pause
from satupintu.applications.statuses import KIND
from satupintu.cases import codes
from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.cases.uploads import check_upload
from satupintu.cases.workflow import REPORTER
from satupintu.catalog.models import Requirement, Service
from satupintu.catalog.selectors import current_form_version
from satupintu.core import audit, workdays

__all__ = [
    "ApplicationError",
    "answers_for",
    "SubmitProblem",
    "check_document",
    "reach_step",
    "missing_documents",
    "respond_to_correction",
    "save_step",
    "start_draft",
    "submit_draft",
    "upload_documents",
    "withdraw_application",
]

logger = logging.getLogger(__name__)

ACCEPTED_TYPES = {
    Requirement.FileKind.PDF: {"application/pdf"},
    Requirement.FileKind.IMAGE: {"image/jpeg", "image/png"},
    Requirement.FileKind.PDF_OR_IMAGE: {"application/pdf", "image/jpeg", "image/png"},
}
KIND_NAMES = {
    Requirement.FileKind.PDF: "PDF",
    Requirement.FileKind.IMAGE: "JPG/PNG",
    Requirement.FileKind.PDF_OR_IMAGE: "PDF, JPG/PNG",
}


@dataclass
class SubmitProblem(Exception):
    """Submission refused before anything was written: answers or documents missing."""

    field_errors: dict
    missing: list
    step: int | None = None

    def __str__(self):
        return "application not complete"


# --- Drafts ----------------------------------------------------------------------------------


def start_draft(*, user, service: Service, actor=None, fresh: bool = False) -> ApplicationDraft:
    """The user's open draft for the service, or a new one on the current published form.
    A draft keeps the form version it was started with, even when a newer one is published.

    `actor` is who starts it when that is not the applicant (a counter officer filing for a
    citizen); `fresh` always starts a new draft, so an officer never opens a draft the citizen
    saved at home."""
    if not service.is_published or not service.is_online:
        raise ApplicationError(_("Layanan ini tidak dapat diajukan secara daring."), status=404)
    existing = (
        ApplicationDraft.objects.filter(
            applicant=user, service=service, submitted_case=None, deleted_at=None
        )
        .order_by("-updated_at")
        .first()
    )
    if existing and not fresh:
        return existing
    version = current_form_version(service)
    if version is None:
        raise ApplicationError(
            _("Formulir daring layanan ini belum tersedia. Silakan datang langsung."), status=404
        )
    with transaction.atomic():
        draft = ApplicationDraft.objects.create(
            applicant=user, service=service, form_version=version
        )
        audit.record(
            "applications.draft_started",
            actor=actor or user,
            obj=draft,
            data={"service": service.slug, "form_version": version.version},
        )
    return draft


def _lock_open_draft(draft: ApplicationDraft) -> ApplicationDraft:
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.submitted_case_id:
        raise ApplicationError(_("Permohonan ini sudah dikirim; draf tidak dapat diubah lagi."))
    if locked.deleted_at is not None:
        raise ApplicationError(_("Draf ini sudah dihapus."), status=404)
    return locked


def save_step(draft: ApplicationDraft, index: int, raw, *, actor):
    """Validate one step's POST data and save it into the draft. Returns the bound form:
    when it has errors nothing was saved (the form shows what was typed)."""
    form = step_form(draft.form_version, index, raw)
    if not form.is_valid():
        return form
    spec = form.spec
    with transaction.atomic():
        locked = _lock_open_draft(draft)
        data = dict(locked.data or {})
        for name, value in form.answers().items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        locked.data = answer_store.protect(data, spec.sensitive_fields)
        locked.current_step = max(locked.current_step, index + 1)
        locked.save(update_fields=["data", "current_step", "updated_at"])
        audit.record("applications.draft_saved", actor=actor, obj=locked, data={"step": index + 1})
    draft.data, draft.current_step = locked.data, locked.current_step
    return form


def reach_step(draft: ApplicationDraft, index: int) -> None:
    """Remember that the applicant got past step `index` (a step without fields, such as the
    documents step), so a resumed draft opens where they were."""
    if draft.current_step < index:
        ApplicationDraft.objects.filter(pk=draft.pk, current_step__lt=index).update(
            current_step=index
        )
        draft.current_step = index


def _delete_files(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to clean
            logger.warning("could not delete %s", name)


# --- Documents --------------------------------------------------------------------------------


def check_document(requirement: Requirement, upload):
    """Content checks (cases.uploads) with the requirement's size limit and file kind."""
    checked = check_upload(upload, max_bytes=requirement.max_size_mb * 2**20)
    if checked.content_type not in ACCEPTED_TYPES.get(requirement.file_kind, set()):
        raise ValidationError(
            _("Jenis berkas %(name)s tidak sesuai: untuk %(req)s hanya %(kinds)s.")
            % {
                "name": getattr(upload, "name", "berkas"),
                "req": requirement.name,
                "kinds": KIND_NAMES[requirement.file_kind],
            }
        )
    return checked


def _store(checked, prefix: str = "applications") -> str:
    return default_storage.save(
        f"{prefix}/{timezone.now():%Y/%m}/{codes.new_secret()}{checked.extension}",
        checked.upload,
    )


def _document(requirement, checked, name, **owner) -> ApplicationDocument:
    return ApplicationDocument.objects.create(
        requirement=requirement,
        file=name,
        original_name=(getattr(checked.upload, "name", "") or "berkas")[-200:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        **owner,
    )


def document_requirements(service: Service):
    return service.requirements.filter(is_document=True).order_by("sort_order", "id")


def upload_documents(draft: ApplicationDraft, files: dict, *, actor) -> dict[str, str]:
    """Store one file per requirement code. Each file is checked and saved on its own, so a
    bad file does not lose the good ones (nor the documents already stored). Returns
    {requirement code: Indonesian message} for the files refused."""
    if draft.submitted_case_id:
        raise ApplicationError(_("Permohonan ini sudah dikirim; draf tidak dapat diubah lagi."))
    requirements = {r.code: r for r in document_requirements(draft.service)}
    errors: dict[str, str] = {}
    for code, upload in files.items():
        requirement = requirements.get(code)
        if requirement is None or upload is None:
            continue
        try:
            checked = check_document(requirement, upload)
        except ValidationError as exc:
            errors[code] = " ".join(str(m) for m in exc.messages)
            continue
        name = _store(checked)
        try:
            with transaction.atomic():
                locked = _lock_open_draft(draft)
                replaced = list(locked.documents.filter(requirement=requirement))
                old_names = [d.file.name for d in replaced]
                for old in replaced:
                    old.delete()
                document = _document(requirement, checked, name, draft=locked)
                locked.save(update_fields=["updated_at"])
                audit.record(
                    "applications.draft_document_uploaded",
                    actor=actor,
                    obj=locked,
                    data={"requirement": code, "sha256": document.sha256, "size": document.size},
                )
                transaction.on_commit(lambda names=old_names: _delete_files(names), robust=True)
        except BaseException:
            default_storage.delete(name)
            raise
    return errors


def missing_documents(draft: ApplicationDraft) -> list[Requirement]:
    have = set(draft.documents.values_list("requirement_id", flat=True))
    return [r for r in document_requirements(draft.service) if r.is_required and r.pk not in have]


# --- Submission -------------------------------------------------------------------------------


def _summary(form_version, data) -> str:
    lines = [f"{label}: {text}" for label, text in answer_store.rows(form_version, data)]
    return "\n".join(lines)[:5000] or "-"


def _record_texts(service: Service, form_version, data) -> tuple[str, str]:
    """The case's title and summary, in Indonesian whatever language the citizen used: they
    are the office's record (the tracking page shows the service in the reader's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return service.name[:200], _summary(form_version, data)


def _first_incomplete_step(spec: FormSpec, errors: dict) -> int | None:
    for step in spec.steps:
        if any(name in errors for name in step.fields):
            return step.index
    return None


def submit_draft(
    draft: ApplicationDraft,
    *,
    actor,
    channel: str = Case.Channel.WEB,
    reporter_email: str | None = None,
    reporter_phone: str | None = None,
    note: str = "",
) -> tuple[Application, str | None]:
    """Turn a complete draft into a case of kind "application" and its Application.

    Idempotent per draft: submitting the same draft again (a double-clicked button, a retry
    after a dropped connection, or two requests at once) answers with the same application
    and secret None. Raises SubmitProblem (nothing written) when answers or required
    documents are missing.

    A counter officer filing for a citizen passes the walk-in `channel`, the contact the
    citizen gave at the counter (`reporter_email`/`reporter_phone`, instead of the account's)
    and a public `note` for the submission event (who filed it).
    """
    if draft.submitted_case_id:
        return _existing(draft.submitted_case_id), None
    key = f"draft-{draft.public_id}"
    replayed = Application.objects.filter(case__idempotency_key=key).first()
    if replayed is not None:
        return replayed, None
    plain = answer_store.reveal(draft.data)
    errors = validate_answers(draft.form_version, plain)
    missing = missing_documents(draft)
    if errors or missing:
        step = _first_incomplete_step(FormSpec(draft.form_version), errors)
        raise SubmitProblem(field_errors=errors, missing=missing, step=step)
    service = draft.service
    user = draft.applicant
    spec = FormSpec(draft.form_version)
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.submitted_case_id:
            return _existing(locked.submitted_case_id), None
        if locked.deleted_at is not None:  # deleted in another tab meanwhile
            raise ApplicationError(_("Draf ini sudah dihapus."), status=404)
        title, summary = _record_texts(service, draft.form_version, locked.data)
        case, secret = case_services.submit(
            case_services.NewCase(
                kind=KIND,
                channel=channel,
                title=title,
                description=summary,
                submitter=user,
                reporter_name=user.full_name,
                reporter_email=(user.email or "") if reporter_email is None else reporter_email,
                reporter_phone=(user.phone or "") if reporter_phone is None else reporter_phone,
                note=note,
                org_unit=service.org_unit,
                sla_working_days=service.processing_days,
                idempotency_key=key,
                attributes={"service": service.slug, "form_version": draft.form_version.version},
            ),
            actor=actor,
        )
        existing = Application.objects.filter(case=case).first()
        if existing is not None:
            # Another request submitted this draft between our read and our lock.
            return existing, None
        now = timezone.now()
        first_step = service.steps.order_by("order").first()
        application = Application.objects.create(
            case=case,
            service=service,
            form_version=locked.form_version,
            data=answer_store.protect(plain, spec.sensitive_fields),
            current_step=first_step,
            step_started_at=now if first_step else None,
            step_due_date=(
                workdays.add_working_days(timezone.localdate(now), first_step.working_days)
                if first_step
                else None
            ),
        )
        moved = locked.documents.update(application=application, draft=None)
        locked.submitted_case = case
        locked.save(update_fields=["submitted_case", "updated_at"])
        audit.record(
            "applications.submitted",
            actor=actor,
            obj=application,
            data={
                "tracking_code": case.tracking_code,
                "service": service.slug,
                "form_version": locked.form_version.version,
                "documents": moved,
            },
        )
        transaction.on_commit(lambda: _queue_receipt(application.pk), robust=True)
    return application, secret


def _existing(case_id: int) -> Application:
    application = Application.objects.filter(case_id=case_id).first()
    if application is None:  # pragma: no cover - submission writes both in one transaction
        raise ApplicationError(_("Permohonan tidak ditemukan."), status=404)
    return application


def _queue_receipt(application_id: int) -> None:
    from satupintu.applications.tasks import render_receipt

    render_receipt.enqueue(application_id)


# --- After submission: correction and withdrawal -----------------------------------------------


def respond_to_correction(
    application: Application, files: dict, *, note: str = "", actor, secret: str = ""
) -> dict[str, str]:
    """The applicant answers a correction request: a new file for every requirement code the
    staff asked for (and only those), plus an optional note. All or nothing: returns
    {code: message} when a file is missing or refused, and then nothing is written.
    The case goes back to "diproses" through the engine, which also moves the SLA deadline by
    the working days it stood still; the current step's deadline moves by the same amount."""
    from satupintu.cases import access

    case = application.case
    if not access.is_reporter(actor, case, secret):
        raise ApplicationError(_("Anda tidak berhak mengubah permohonan ini."), status=404)
    asked = list(application.correction_codes or [])
    requirements = {
        r.code: r for r in application.service.requirements.filter(code__in=asked, is_document=True)
    }
    errors: dict[str, str] = {}
    checked_files = {}
    for code, requirement in requirements.items():
        upload = files.get(code)
        if upload is None:
            errors[code] = _("Unggah berkas perbaikan untuk %(req)s.") % {"req": requirement.name}
            continue
        try:
            checked_files[code] = check_document(requirement, upload)
        except ValidationError as exc:
            errors[code] = " ".join(str(m) for m in exc.messages)
    if errors:
        return errors
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            now = timezone.now()
            for code, checked in checked_files.items():
                name = _store(checked)
                stored.append(name)
                locked.documents.filter(
                    requirement=requirements[code], superseded_at__isnull=True
                ).update(superseded_at=now)
                _document(requirements[code], checked, name, application=locked)
            event = case_services.perform(
                case, "submit_correction", actor=actor, role=REPORTER, note=note
            )
            locked.correction_codes = []
            locked.save(update_fields=["correction_codes"])
            # The current step's deadline moves by the working days the clock stood still
            # (the staff side's rule, idempotent per event).
            extend_step_after_pause(case.pk, event.pk)
            audit.record(
                "applications.correction_submitted",
                actor=actor,
                obj=locked,
                data={"codes": sorted(checked_files)},
            )
    except case_services.CaseError as exc:
        _delete_files(stored)
        raise ApplicationError(exc.message, status=exc.status) from exc
    except BaseException:
        _delete_files(stored)
        raise
    application.refresh_from_db()
    return {}


def answers_for(application: Application) -> dict:
    """Plain (decrypted) answers of an application, e.g. for the result document."""
    return answer_store.reveal(application.data)


def withdraw_application(application: Application, *, actor, note: str = "", secret: str = ""):
    from satupintu.cases import access

    if not access.is_reporter(actor, application.case, secret):
        raise ApplicationError(_("Anda tidak berhak mengubah permohonan ini."), status=404)
    try:
        return case_services.perform(
            application.case, "withdraw", actor=actor, role=REPORTER, note=note
        )
    except case_services.CaseError as exc:
        raise ApplicationError(exc.message, status=exc.status) from exc

"""Staff processing: step roles, conflicts, issuing a signed result, corrections, rejection."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from satupintu.applications.services import processing
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.tests.staff_fixtures import advance, walk_to_end
from satupintu.applications.workflow import Status
from satupintu.cases import services as case_services
from satupintu.cases.models import CaseEvent
from satupintu.cases.workflow import REPORTER
from satupintu.core import workdays
from satupintu.core.models import AuditEvent
from satupintu.documents import services as documents
from satupintu.documents.models import IssuedDocument
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _pdf(document) -> bytes:
    with documents.open_signed_pdf(document) as handle:
        return handle.read()


def test_submitted_application_starts_at_the_first_step(submitted_application):
    assert submitted_application.current_step.code == "loket"
    assert submitted_application.case.status == Status.SUBMITTED


def test_operator_cannot_take_the_verification_step(submitted_application, operator):
    advance(submitted_application, operator)
    assert submitted_application.current_step.code == "verifikasi"
    events = CaseEvent.objects.filter(case=submitted_application.case).count()
    with pytest.raises(PermissionDenied):
        advance(submitted_application, operator)
    submitted_application.refresh_from_db()
    assert submitted_application.current_step.code == "verifikasi"
    assert CaseEvent.objects.filter(case=submitted_application.case).count() == events


def test_operator_cannot_approve_the_heads_step_but_the_head_can(
    submitted_application, operator, koordinator, head
):
    advance(submitted_application, operator)
    advance(submitted_application, koordinator)
    assert submitted_application.current_step.code == "persetujuan"
    with pytest.raises(PermissionDenied):
        processing.act(
            submitted_application,
            "approve",
            actor=operator,
            expected_step_id=submitted_application.current_step_id,
        )
    with pytest.raises(PermissionDenied):
        advance(submitted_application, koordinator)
    processing.act(
        submitted_application,
        "approve",
        actor=head,
        expected_step_id=submitted_application.current_step_id,
    )
    submitted_application.refresh_from_db()
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.APPROVED
    assert submitted_application.current_step.code == "penerbitan"


def test_approve_is_refused_on_a_step_that_is_not_the_approval(submitted_application, operator):
    with pytest.raises(processing.ProcessingError) as exc:
        processing.act(submitted_application, "approve", actor=operator)
    assert exc.value.status == 409


def test_staff_of_another_unit_cannot_act(submitted_application, staff_b):
    with pytest.raises(PermissionDenied):
        advance(submitted_application, staff_b)


def test_advancing_sets_the_step_deadline_in_working_days(submitted_application, operator):
    with time_machine.travel(date(2026, 11, 27), tick=False):  # a Friday
        advance(submitted_application, operator)
    # "Verifikasi teknis" takes 2 working days: Monday and Tuesday.
    assert submitted_application.step_due_date == date(2026, 12, 1)
    assert submitted_application.step_started_at is not None


def test_stale_expected_step_is_a_conflict_and_writes_nothing(submitted_application, operator):
    stale = submitted_application.current_step_id
    advance(submitted_application, operator)
    events = CaseEvent.objects.filter(case=submitted_application.case).count()
    audits = AuditEvent.objects.count()
    with pytest.raises(processing.Conflict) as exc:
        processing.act(submitted_application, "advance", actor=operator, expected_step_id=stale)
    assert exc.value.status == 409
    assert "sudah diproses oleh orang lain" in exc.value.message
    assert CaseEvent.objects.filter(case=submitted_application.case).count() == events
    assert AuditEvent.objects.count() == audits


def test_walk_through_all_steps_issues_a_signed_valid_document(
    issued_application, opd_a, django_capture_on_commit_callbacks
):
    application = issued_application
    assert application.case.status == Status.ISSUED
    assert application.current_step is None
    document = application.result_document
    assert document.status == IssuedDocument.Status.ISSUED
    assert document.kind == IssuedDocument.Kind.SERVICE_RESULT
    assert document.reference == application.case.tracking_code
    assert document.org_unit == opd_a
    assert document.valid_until is not None
    data = _pdf(document)
    result = documents.verify_pdf(data)
    assert result.is_valid, result.reason
    assert result.document == document
    tampered = bytearray(data)
    index = tampered.index(b"Nomor") if b"Nomor" in tampered else len(tampered) // 3
    tampered[index] = ord("X")
    assert not documents.verify_pdf(bytes(tampered)).is_valid
    assert documents.verify_token(document.token).is_valid


def test_result_numbers_are_sequential_and_formatted(
    submitted_application, operator, koordinator, head, signing, result_template, service
):
    from satupintu.applications.models import Application

    walk_to_end(submitted_application, operator, koordinator, head)
    first = submitted_application.result_document.number
    # A second application of the same service, made by copying the first one's case data.
    second = _clone(submitted_application)
    walk_to_end(second, operator, koordinator, head)
    today = date.today()
    roman = processing.ROMAN[today.month - 1]
    assert first == f"0001/AKL/{service.org_unit.short_name or 'DPU'}/{roman}/{today.year}"
    assert second.result_document.number.startswith("0002/AKL/")
    assert Application.objects.filter(result_document__isnull=False).count() == 2


def _clone(application):
    """Another submitted application of the same service (same applicant)."""
    from satupintu.applications.models import Application
    from satupintu.cases.services import NewCase, submit

    case, _secret = submit(
        NewCase(
            kind="application",
            channel="web",
            title=application.case.title,
            description=application.case.description,
            submitter=application.case.submitter,
            reporter_name=application.case.reporter_name,
            reporter_email=application.case.reporter_email,
            org_unit=application.case.org_unit,
            sla_working_days=5,
        ),
        actor=application.case.submitter,
    )
    steps = processing.steps_of(application.service)
    return Application.objects.create(
        case=case,
        service=application.service,
        form_version=application.form_version,
        data=application.data,
        current_step=steps[0],
    )


def test_number_format_placeholders(service):
    service.number_format = "{code}-{unit}/{seq:03d}/{month:02d}/{year}"
    assert processing.format_result_number(service, 7, date(2026, 3, 5)).startswith("AKL-")
    assert processing.format_result_number(service, 7, date(2026, 3, 5)).endswith("/007/03/2026")
    service.number_format = "{nomor}/{year}"
    with pytest.raises(processing.ProcessingError):
        processing.format_result_number(service, 1, date(2026, 3, 5))


def test_missing_signing_identity_is_a_clear_error_and_changes_nothing(
    submitted_application, operator, koordinator, head, result_template
):
    advance(submitted_application, operator)
    advance(submitted_application, koordinator)
    advance(submitted_application, head)
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.APPROVED
    events = CaseEvent.objects.filter(case=submitted_application.case).count()
    step = submitted_application.current_step_id
    with pytest.raises(processing.ProcessingError) as exc:
        advance(submitted_application, operator)
    assert "sertifikat tanda tangan" in exc.value.message
    submitted_application.refresh_from_db()
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.APPROVED
    assert submitted_application.current_step_id == step
    assert submitted_application.result_document is None
    assert CaseEvent.objects.filter(case=submitted_application.case).count() == events
    assert not IssuedDocument.objects.exists()


def test_double_submitted_final_step_is_a_conflict(issued_application, operator):
    events = CaseEvent.objects.filter(case=issued_application.case).count()
    with pytest.raises(processing.ProcessingError) as exc:
        processing.act(
            issued_application,
            "advance",
            actor=operator,
            expected_step_id=issued_application.service.steps.get(code="penerbitan").pk,
        )
    assert exc.value.status == 409
    assert CaseEvent.objects.filter(case=issued_application.case).count() == events
    assert IssuedDocument.objects.count() == 1


def test_request_correction_pauses_and_the_answer_resumes_with_moved_deadlines(
    submitted_application, operator, citizen, django_capture_on_commit_callbacks
):
    with time_machine.travel(date(2026, 11, 23), tick=False):  # Monday
        case = submitted_application.case
        case.refresh_from_db()
        due, step_due = case.due_date, submitted_application.step_due_date
        processing.act(
            submitted_application,
            "request_correction",
            actor=operator,
            correction_codes=["kk"],
            note="Foto KK buram, unggah ulang.",
            expected_step_id=submitted_application.current_step_id,
        )
        case.refresh_from_db()
        submitted_application.refresh_from_db()
        assert case.status == Status.CORRECTION
        assert case.paused_at is not None
        assert submitted_application.correction_codes == ["kk"]
    thursday = time_machine.travel(date(2026, 11, 26), tick=False)  # 3 working days later
    with thursday, django_capture_on_commit_callbacks(execute=True):
        case_services.perform(case, "submit_correction", actor=citizen, role=REPORTER)
    case.refresh_from_db()
    submitted_application.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.paused_at is None
    # The clock stood still Tuesday to Thursday: both deadlines move by 3 working days.
    assert case.due_date == workdays.add_working_days(due, 3)
    assert submitted_application.step_due_date == workdays.add_working_days(step_due, 3)


def test_request_correction_checks_codes_and_note(submitted_application, operator):
    with pytest.raises(ValidationError):
        processing.act(
            submitted_application,
            "request_correction",
            actor=operator,
            correction_codes=["tidak-ada"],
            note="x",
        )
    with pytest.raises(ValidationError):
        processing.act(
            submitted_application, "request_correction", actor=operator, correction_codes=["kk"]
        )
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.SUBMITTED


def test_reject_requires_a_reason(submitted_application, operator):
    with pytest.raises(ValidationError):
        processing.act(submitted_application, "reject", actor=operator, note="  ")
    processing.act(submitted_application, "reject", actor=operator, note="Bukan warga kota.")
    submitted_application.refresh_from_db()
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.REJECTED
    assert submitted_application.current_step is None


def test_revoke_result(issued_application, head, client):
    document = issued_application.result_document
    response = client.get(f"/verifikasi/{document.token}/")
    assert response.status_code == 200
    assert "Asli" in response.content.decode() or "asli" in response.content.decode()
    with pytest.raises(ValidationError):
        processing.revoke_result(issued_application, actor=head, reason="")
    processing.revoke_result(issued_application, actor=head, reason="Data kelahiran salah.")
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.REVOKED
    assert documents.verify_token(document.token).status == "revoked"
    response = client.get(f"/verifikasi/{document.token}/")
    assert "dicabut" in response.content.decode()


def test_revoke_by_another_unit_is_refused(issued_application, staff_b):
    with pytest.raises(PermissionDenied):
        processing.revoke_result(issued_application, actor=staff_b, reason="Salah.")


def test_applicant_hears_about_public_steps_and_the_result(
    submitted_application,
    operator,
    koordinator,
    head,
    signing,
    result_template,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        walk_to_end(submitted_application, operator, koordinator, head)
    code = submitted_application.case.tracking_code
    bodies = list(OutboxMessage.objects.filter(reference=code).values_list("body", flat=True))
    assert any("tahap: Persetujuan kepala" in body for body in bodies)
    assert any("sudah terbit" in body for body in bodies)
    assert all(f"/lacak/{code}/" in body for body in bodies)
    # One message per event, not the engine's generic one as well.
    events = CaseEvent.objects.filter(case=submitted_application.case, action="issue")
    assert (
        OutboxMessage.objects.filter(dedupe_key__startswith=f"case-event:{events[0].pk}:").count()
        == 1
    )

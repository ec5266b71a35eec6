"""Citizen pages after submission: my applications, the confirmation, receipt, documents and
result downloads, correction and withdrawal (by account or by the secret link)."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from satupintu.applications import services
from satupintu.applications.forms import (
    CorrectionForm,
    WithdrawForm,
)
from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.applications.services.drafts import restorable, undo_deadline
from satupintu.applications.views_shared import (
    SESSION_SECRETS,
    Pages,
    application_or_404,
    go,
    received_files,
    reporter_or_404,
    requirement_rows,
    secret_in_path,
    step_url,
    stream_file,
    upload_summary,
)
from satupintu.applications.workflow import Status
from satupintu.cases import access
from satupintu.cases.notify import reporter_contact, track_path, track_url
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.core import ratelimit
from satupintu.documents.services import DocumentError, open_signed_pdf
from satupintu.uploads import attach


@never_cache
@login_required
def my_list(request):
    drafts = (
        ApplicationDraft.objects.filter(
            applicant=request.user, submitted_case=None, deleted_at=None
        )
        .select_related("service", "form_version")
        .order_by("-updated_at")
    )
    deleted = [
        {"draft": d, "until": undo_deadline(d)}
        for d in restorable(request.user).select_related("service")
    ]
    applications = (
        Application.objects.filter(case__submitter=request.user)
        .select_related("case", "service", "current_step", "result_document")
        .order_by("-case__created_at")
    )
    kind = get_kind("application")
    draft_rows = [{"draft": d, "resume": step_url(d, Pages(d).resume_at(d))} for d in drafts]
    return render(
        request,
        "applications/citizen/my_list.html",
        {
            "drafts": draft_rows,
            "deleted_drafts": deleted,
            "applications": [
                {"application": a, "status_label": kind.status_label(a.case.status)}
                for a in applications
            ],
        },
    )


@never_cache
@login_required
def done(request, code):
    application = application_or_404(code)
    if application.case.submitter_id != request.user.pk:
        raise Http404
    secret = (request.session.get(SESSION_SECRETS) or {}).get(application.case.tracking_code)
    # On the configured public address, like the link the confirmation message carries.
    secret_url = track_url(application.case, secret) if secret else None
    contact = reporter_contact(application.case)
    return render(
        request,
        "applications/citizen/done.html",
        {
            "application": application,
            "case": application.case,
            "secret_url": secret_url,
            "sent_to": contact.masked if contact and secret else "",
        },
    )


def _can_read(request, application, secret: str = "") -> tuple[bool, str]:
    """Applicant (account or secret link) or staff for the case's unit."""
    if secret:
        return access.is_reporter(None, application.case, secret), secret
    if access.is_reporter(request.user, application.case):
        return True, secret
    return access.staff_role(request.user, application.case) is not None, secret


@never_cache
@secret_in_path("applications:receipt_secret")
def receipt(request, code, secret=""):
    application = application_or_404(code)
    allowed, _secret_used = _can_read(request, application, secret)
    if not allowed:
        raise Http404
    if not application.receipt:
        from satupintu.applications.tasks import make_receipt

        application = make_receipt(application.pk)
    return stream_file(
        application.receipt.open("rb"),
        f"tanda-terima-{application.case.tracking_code}.pdf",
        "application/pdf",
    )


@never_cache
@secret_in_path("applications:document_secret")
def document(request, code, doc_id, secret=""):
    """An uploaded document, for the applicant and for staff of the case's unit only."""
    application = application_or_404(code)
    allowed, _secret_used = _can_read(request, application, secret)
    if not allowed:
        raise Http404
    doc = get_object_or_404(ApplicationDocument, pk=doc_id, application=application)
    return stream_file(doc.file.open("rb"), doc.original_name, doc.content_type)


@never_cache
@secret_in_path("applications:result_secret")
def result(request, code, secret=""):
    """The signed result document, for the applicant (account or secret link) and staff."""
    application = application_or_404(code)
    allowed, _secret_used = _can_read(request, application, secret)
    if not allowed or application.result_document is None:
        raise Http404
    try:
        handle = open_signed_pdf(application.result_document)
    except DocumentError as exc:
        raise Http404 from exc
    number = application.result_document.number or application.case.tracking_code
    safe = "".join(ch if ch.isalnum() else "-" for ch in number).strip("-")
    return stream_file(handle, f"{safe or 'dokumen'}.pdf", "application/pdf")


@never_cache
@require_http_methods(["GET", "POST"])
@secret_in_path("applications:correction_secret")
def correction(request, code, secret=""):
    application = application_or_404(code)
    secret = reporter_or_404(request, application, secret)
    case = application.case
    back = track_path(case, secret)
    if case.status != Status.CORRECTION:
        messages.info(request, _("Tidak ada permintaan perbaikan untuk permohonan ini."))
        return go(request, back)
    asked = list(application.correction_codes or [])
    requirements = list(
        application.service.requirements.filter(code__in=asked, is_document=True).order_by(
            "sort_order", "id"
        )
    )
    request_event = (
        case.events.filter(action="request_correction", is_public=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        status = 400
        files, gone = received_files(request, requirements)
        if form.is_valid():
            sent = list(request.FILES.values())  # resumable uploads: counted when they began
            refusal = ratelimit.check(request, "upload", files=sent)
            if refusal is not None:
                messages.error(request, refusal.message)
                status = 429
        if form.is_valid() and status != 429:
            try:
                errors = services.respond_to_correction(
                    application,
                    files,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                    secret=secret,
                )
            except services.ApplicationError as exc:
                messages.error(request, exc.message)
                return go(request, back)
            errors = {**errors, **gone}
            if not errors:
                attach.discard_used(files.values(), user=request.user)
                messages.success(request, _("Perbaikan terkirim. Permohonan diproses kembali."))
                return go(request, back)
            attach.drop_refused(
                [f for code, f in files.items() if code in errors], user=request.user
            )
        _keep_correction_files(request, requirements, errors)
    current = {
        d.requirement_id: d for d in application.documents.filter(superseded_at__isnull=True)
    }
    rows = requirement_rows(requirements, current, errors)
    return render(
        request,
        "applications/citizen/correction.html",
        {
            "application": application,
            "case": case,
            "rows": rows,
            "form": form,
            "secret": secret,
            "request_event": request_event,
            "has_errors": bool(errors) or bool(form.errors),
            "upload_errors": upload_summary(rows),
        },
        status=status,
    )


def _keep_correction_files(request, requirements, errors: dict) -> None:
    """The correction was refused as a whole: files sent with it that were fine for their
    requirement are kept as finished uploads and shown again."""
    for requirement in requirements:
        if requirement.code not in errors:
            attach.keep_received(
                request,
                f"doc-{requirement.code}",
                check=functools.partial(services.citizen.check_document, requirement),
            )


@never_cache
@require_http_methods(["GET", "POST"])
@secret_in_path("applications:withdraw_secret")
def withdraw(request, code, secret=""):
    application = application_or_404(code)
    secret = reporter_or_404(request, application, secret)
    case = application.case
    back = track_path(case, secret)
    kind = get_kind(case.kind)
    if kind.allowed("withdraw", case.status, REPORTER) is None:
        messages.info(request, _("Permohonan ini tidak dapat dibatalkan lagi."))
        return redirect(back)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(
                application, actor=request.user, note=form.cleaned_data["note"], secret=secret
            )
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Permohonan dibatalkan."))
        return redirect(back)
    return render(
        request,
        "applications/citizen/withdraw.html",
        {"application": application, "case": case, "form": form, "secret": secret},
        status=400 if request.method == "POST" else 200,
    )

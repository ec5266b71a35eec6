"""Citizen pages: apply online step by step, my applications, downloads, correction, withdraw.

Every page works without JavaScript; POSTs redirect (POST/redirect/GET) so a reload never
sends twice. Drafts belong to an account, so they resume on any device after logging in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.applications import answers as answer_store
from satupintu.applications import services
from satupintu.applications.forms import (
    CorrectionForm,
    DeclarationForm,
    FormSpec,
    WithdrawForm,
    step_form,
)
from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.applications.workflow import Status
from satupintu.cases import access, codes
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.catalog.models import Service
from satupintu.documents.services import DocumentError, open_signed_pdf

SESSION_SECRETS = "application_secrets"
SESSION_UPLOAD_ERRORS = "application_upload_errors"


# --- Lookups (404 for anything not the user's own) ---------------------------------------------


def _own_draft(request, public_id) -> ApplicationDraft:
    draft = (
        ApplicationDraft.objects.select_related("service__org_unit", "form_version")
        .filter(public_id=public_id, applicant=request.user)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


def _application(code) -> Application:
    application = (
        Application.objects.select_related(
            "case", "case__org_unit", "service", "form_version", "current_step", "result_document"
        )
        .filter(case__tracking_code=codes.normalize_code(code))
        .first()
    )
    if application is None:
        raise Http404
    return application


def _secret(request) -> str:
    return request.GET.get("k") or request.POST.get("k") or ""


def _reporter_or_404(request, application) -> str:
    """The applicant (logged in, or holding the secret link); returns the secret used."""
    secret = _secret(request)
    if not access.is_reporter(request.user, application.case, secret):
        raise Http404
    return secret


def _stream(handle, filename: str, content_type: str, *, inline=False):
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Flow ---------------------------------------------------------------------------------


class Pages:
    """The pages of a draft, 1-based: the form steps, then documents, then review."""

    def __init__(self, draft: ApplicationDraft):
        self.spec = FormSpec(draft.form_version)
        self.form_count = len(self.spec.steps)
        self.documents = self.form_count + 1
        self.review = self.form_count + 2
        self.count = self.review

    def titles(self) -> list[str]:
        return [s.title for s in self.spec.steps] + [_("Dokumen"), _("Periksa dan kirim")]

    def resume_at(self, draft) -> int:
        return min(draft.current_step + 1, self.count)


def _go(request, url: str):
    """Redirect; the upload script (XMLHttpRequest) gets the address as JSON instead, so the
    flash messages are kept for the page it then opens."""
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"redirect": url})
    return redirect(url)


def _step_url(draft, n: int) -> str:
    return reverse("applications:step", args=[draft.public_id, n])


@login_required
def start(request, slug):
    """Create or resume the user's draft for a service and go to where they left off."""
    service = get_object_or_404(Service.objects.select_related("org_unit"), slug=slug)
    try:
        draft = services.start_draft(user=request.user, service=service)
    except services.ApplicationError as exc:
        return render(
            request,
            "applications/citizen/unavailable.html",
            {"service": service, "message": exc.message},
            status=exc.status,
        )
    if draft.current_step:
        messages.info(request, _("Melanjutkan draf permohonan yang tersimpan."))
    return redirect(_step_url(draft, Pages(draft).resume_at(draft)))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, n):
    draft = _own_draft(request, public_id)
    if draft.submitted_case_id:
        messages.info(request, _("Permohonan ini sudah dikirim."))
        return redirect("applications:done", code=draft.submitted_case.tracking_code)
    pages = Pages(draft)
    if not 1 <= n <= pages.count:
        raise Http404
    if n > pages.resume_at(draft):
        # Steps are done in order: no skipping ahead to the review.
        return redirect(_step_url(draft, pages.resume_at(draft)))
    if request.method == "POST" and request.POST.get("back"):
        return redirect(_step_url(draft, max(1, n - 1)))
    if n <= pages.form_count:
        return _form_step(request, draft, pages, n)
    if n == pages.documents:
        return _documents_step(request, draft, pages, n)
    return _review_step(request, draft, pages, n)


def _context(draft, pages, n, **extra):
    return {
        "draft": draft,
        "service": draft.service,
        "n": n,
        "pages": pages,
        "titles": pages.titles(),
        "title": pages.titles()[n - 1],
        **extra,
    }


def _form_step(request, draft, pages, n):
    index = n - 1
    if request.method == "POST":
        try:
            form = services.save_step(draft, index, request.POST, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("applications:my_list")
        if form.is_valid():
            return redirect(_step_url(draft, n + 1))
        status = 400
    else:
        initial = answer_store.reveal(draft.data)
        form = step_form(draft.form_version, index, initial=initial)
        status = 200
    return render(
        request,
        "applications/citizen/step_form.html",
        _context(draft, pages, n, form=form),
        status=status,
    )


def _upload_errors(request, draft, pop=False) -> dict:
    store = request.session.get(SESSION_UPLOAD_ERRORS) or {}
    key = str(draft.public_id)
    if pop and key in store:
        errors = store.pop(key)
        request.session[SESSION_UPLOAD_ERRORS] = store
        return errors
    return store.get(key, {})


def _documents_step(request, draft, pages, n):
    requirements = list(services.citizen.document_requirements(draft.service))
    if request.method == "POST":
        files = {
            r.code: request.FILES.get(f"doc-{r.code}")
            for r in requirements
            if request.FILES.get(f"doc-{r.code}")
        }
        try:
            errors = services.upload_documents(draft, files, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return _go(request, reverse("applications:my_list"))
        if errors:
            store = request.session.get(SESSION_UPLOAD_ERRORS) or {}
            store[str(draft.public_id)] = errors
            request.session[SESSION_UPLOAD_ERRORS] = store
            messages.error(
                request,
                _(
                    "Sebagian berkas ditolak. Berkas lain yang sah sudah tersimpan; pilih ulang "
                    "berkas yang ditolak."
                ),
            )
            return _go(request, _step_url(draft, n))
        if files:
            messages.success(request, _("Berkas tersimpan."))
        if request.POST.get("stay"):
            return _go(request, _step_url(draft, n))
        missing = services.missing_documents(draft)
        if missing:
            messages.error(
                request,
                _("Dokumen wajib belum lengkap: %(names)s.")
                % {"names": ", ".join(r.name for r in missing)},
            )
            return _go(request, _step_url(draft, n))
        services.reach_step(draft, n)
        return _go(request, _step_url(draft, n + 1))
    errors = _upload_errors(request, draft, pop=True)
    uploaded = {d.requirement_id: d for d in draft.documents.all()}
    rows = [
        {
            "requirement": r,
            "document": uploaded.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": _accept(r),
        }
        for r in requirements
    ]
    return render(
        request, "applications/citizen/step_documents.html", _context(draft, pages, n, rows=rows)
    )


def _accept(requirement) -> str:
    kinds = services.citizen.ACCEPTED_TYPES.get(requirement.file_kind, set())
    extensions = []
    if "application/pdf" in kinds:
        extensions += [".pdf", "application/pdf"]
    if "image/jpeg" in kinds:
        extensions += [".jpg", ".jpeg", "image/jpeg"]
    if "image/png" in kinds:
        extensions += [".png", "image/png"]
    return ",".join(extensions)


def _review_step(request, draft, pages, n):
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    problem = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application, secret = services.submit_draft(draft, actor=request.user)
        except services.SubmitProblem as exc:
            problem, status = exc, 400
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("applications:my_list")
        else:
            code = application.case.tracking_code
            if secret:
                stored = request.session.get(SESSION_SECRETS) or {}
                stored[code] = secret
                request.session[SESSION_SECRETS] = stored
                messages.success(request, _("Permohonan terkirim."))
            else:
                messages.info(request, _("Permohonan ini sudah dikirim sebelumnya."))
            return redirect("applications:done", code=code)
    elif request.method == "POST":
        status = 400
    rows = answer_store.rows(draft.form_version, draft.data, masked=True)
    documents = list(draft.documents.select_related("requirement"))
    missing = services.missing_documents(draft)
    field_errors = {}
    if problem is not None:
        spec = pages.spec
        field_errors = {spec.label(k) if k else "": v for k, v in problem.field_errors.items()}
    return render(
        request,
        "applications/citizen/step_review.html",
        _context(
            draft,
            pages,
            n,
            form=form,
            rows=rows,
            documents=documents,
            missing=missing,
            problem=problem,
            field_errors=field_errors,
            fix_step=(problem.step + 1) if problem and problem.step is not None else None,
        ),
        status=status,
    )


@login_required
@require_POST
def delete_draft(request, public_id):
    draft = _own_draft(request, public_id)
    try:
        services.delete_draft(draft, actor=request.user)
    except services.ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Draf dihapus."))
    return redirect("applications:my_list")


@login_required
def draft_document(request, public_id, doc_id):
    draft = _own_draft(request, public_id)
    document = get_object_or_404(ApplicationDocument, pk=doc_id, draft=draft)
    return _stream(document.file.open("rb"), document.original_name, document.content_type)


# --- After submission -------------------------------------------------------------------------


@never_cache
@login_required
def my_list(request):
    drafts = (
        ApplicationDraft.objects.filter(applicant=request.user, submitted_case=None)
        .select_related("service", "form_version")
        .order_by("-updated_at")
    )
    applications = (
        Application.objects.filter(case__submitter=request.user)
        .select_related("case", "service", "current_step", "result_document")
        .order_by("-case__created_at")
    )
    kind = get_kind("application")
    draft_rows = [{"draft": d, "resume": _step_url(d, Pages(d).resume_at(d))} for d in drafts]
    return render(
        request,
        "applications/citizen/my_list.html",
        {
            "drafts": draft_rows,
            "applications": [
                {"application": a, "status_label": kind.status_label(a.case.status)}
                for a in applications
            ],
        },
    )


@never_cache
@login_required
def done(request, code):
    application = _application(code)
    if application.case.submitter_id != request.user.pk:
        raise Http404
    secret = (request.session.get(SESSION_SECRETS) or {}).get(application.case.tracking_code)
    secret_url = None
    if secret:
        secret_url = request.build_absolute_uri(
            reverse("cases:track", args=[application.case.tracking_code]) + f"?k={secret}"
        )
    return render(
        request,
        "applications/citizen/done.html",
        {"application": application, "case": application.case, "secret_url": secret_url},
    )


def _can_read(request, application) -> tuple[bool, str]:
    """Applicant (account or secret link) or staff for the case's unit."""
    secret = _secret(request)
    if access.is_reporter(request.user, application.case, secret):
        return True, secret
    return access.staff_role(request.user, application.case) is not None, secret


@never_cache
def receipt(request, code):
    application = _application(code)
    allowed, _secret_used = _can_read(request, application)
    if not allowed:
        raise Http404
    if not application.receipt:
        from satupintu.applications.tasks import make_receipt

        application = make_receipt(application.pk)
    return _stream(
        application.receipt.open("rb"),
        f"tanda-terima-{application.case.tracking_code}.pdf",
        "application/pdf",
    )


@never_cache
def document(request, code, doc_id):
    """An uploaded document, for the applicant and for staff of the case's unit only."""
    application = _application(code)
    allowed, _secret_used = _can_read(request, application)
    if not allowed:
        raise Http404
    doc = get_object_or_404(ApplicationDocument, pk=doc_id, application=application)
    return _stream(doc.file.open("rb"), doc.original_name, doc.content_type)


@never_cache
def result(request, code):
    """The signed result document, for the applicant (account or secret link) and staff."""
    application = _application(code)
    allowed, _secret_used = _can_read(request, application)
    if not allowed or application.result_document is None:
        raise Http404
    try:
        handle = open_signed_pdf(application.result_document)
    except DocumentError as exc:
        raise Http404 from exc
    number = application.result_document.number or application.case.tracking_code
    safe = "".join(ch if ch.isalnum() else "-" for ch in number).strip("-")
    return _stream(handle, f"{safe or 'dokumen'}.pdf", "application/pdf")


@never_cache
@require_http_methods(["GET", "POST"])
def correction(request, code):
    application = _application(code)
    secret = _reporter_or_404(request, application)
    case = application.case
    back = reverse("cases:track", args=[case.tracking_code]) + (f"?k={secret}" if secret else "")
    if case.status != Status.CORRECTION:
        messages.info(request, _("Tidak ada permintaan perbaikan untuk permohonan ini."))
        return _go(request, back)
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
        if form.is_valid():
            files = {
                r.code: request.FILES.get(f"doc-{r.code}")
                for r in requirements
                if request.FILES.get(f"doc-{r.code}")
            }
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
                return _go(request, back)
            if not errors:
                messages.success(request, _("Perbaikan terkirim. Permohonan diproses kembali."))
                return _go(request, back)
        status = 400
    current = {
        d.requirement_id: d for d in application.documents.filter(superseded_at__isnull=True)
    }
    rows = [
        {
            "requirement": r,
            "document": current.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": _accept(r),
        }
        for r in requirements
    ]
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
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, code):
    application = _application(code)
    secret = _reporter_or_404(request, application)
    case = application.case
    back = reverse("cases:track", args=[case.tracking_code]) + (f"?k={secret}" if secret else "")
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

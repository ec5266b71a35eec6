"""Citizen pages: apply online step by step, my applications, downloads, correction, withdraw.

Every page works without JavaScript; POSTs redirect (POST/redirect/GET) so a reload never
sends twice. Drafts belong to an account, so they resume on any device after logging in.
"""

import functools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

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
from satupintu.applications.services.drafts import restorable, undo_deadline
from satupintu.applications.workflow import Status
from satupintu.cases import access, codes
from satupintu.cases.notify import reporter_contact, track_path, track_url
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.catalog.models import Service
from satupintu.core import ratelimit
from satupintu.documents.services import DocumentError, open_signed_pdf
from satupintu.uploads import attach

SESSION_SECRETS = "application_secrets"
RETURN_PARAM, RETURN_TO_REVIEW = "kembali", "periksa"
SESSION_UPLOAD_ERRORS = "application_upload_errors"


# --- Lookups (404 for anything not the user's own) ---------------------------------------------


def _own_draft(request, public_id) -> ApplicationDraft:
    draft = (
        ApplicationDraft.objects.select_related("service__org_unit", "form_version")
        # A deleted draft is gone for its pages; only "Urungkan" (views_drafts) finds it.
        .filter(public_id=public_id, applicant=request.user, deleted_at=None)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


def _application(code) -> Application:
    code = codes.normalize_code(code)
    if not codes.is_code_shaped(code):  # odd input (NUL, slashes, unicode): not found
        raise Http404
    application = (
        Application.objects.select_related(
            "case", "case__org_unit", "service", "form_version", "current_step", "result_document"
        )
        .filter(case__tracking_code=code)
        .first()
    )
    if application is None:
        raise Http404
    return application


LEGACY_SECRET_PARAM = "k"  # noqa: S105 - a parameter name


def secret_in_path(path_name: str):
    """The applicant's private links carry the secret in the path (`.../<code>/<secret>/...`,
    the route `path_name`); an old `?k=` link is redirected there. Pages reached with the
    secret send only their origin as Referer (docs/cases.md)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, secret="", **kwargs):
            legacy = request.GET.get(LEGACY_SECRET_PARAM, "")
            if not secret and re.fullmatch(codes.SECRET_SHAPE, legacy):
                code = codes.normalize_code(kwargs.pop("code"))
                response = HttpResponseRedirect(
                    reverse(path_name, kwargs={"code": code, "secret": legacy, **kwargs})
                )
                response["Referrer-Policy"] = "strict-origin"
                return response
            response = view(request, *args, secret=secret, **kwargs)
            if secret:
                response["Referrer-Policy"] = "strict-origin"
            return response

        return wrapper

    return decorator


def _secret(request, secret: str) -> str:
    # Forms rendered before the secret moved into the path post it in the body.
    return secret or request.POST.get(LEGACY_SECRET_PARAM, "")


def _reporter_or_404(request, application, secret: str) -> str:
    """The applicant (logged in, or holding the secret link); returns the secret used. With
    the secret in the path, that secret alone decides (those routes skip the CSRF check)."""
    if secret:
        if not access.is_reporter(None, application.case, secret):
            raise Http404
        return secret
    secret = _secret(request, secret)
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
    # Reached from an "Ubah" link on the review page: saving goes back there.
    to_review = request.GET.get(RETURN_PARAM) == RETURN_TO_REVIEW
    if request.method == "POST":
        try:
            form = services.save_step(draft, index, request.POST, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("applications:my_list")
        if form.is_valid():
            if to_review and pages.resume_at(draft) >= pages.review:
                # Back to the answers; the fragment also replaces the "#id_<field>" of the
                # "Ubah" link, which the browser would otherwise carry over the redirect.
                return redirect(_step_url(draft, pages.review) + "#review-answers")
            return redirect(_step_url(draft, n + 1))
        status = 400
    else:
        initial = answer_store.reveal(draft.data)
        form = step_form(draft.form_version, index, initial=initial)
        status = 200
    return render(
        request,
        "applications/citizen/step_form.html",
        _context(draft, pages, n, form=form, to_review=to_review),
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
        files, gone = _received_files(request, requirements)
        sent = list(request.FILES.values())  # resumable uploads were counted when they began
        refusal = ratelimit.check(request, "upload", files=sent) if files or gone else None
        if refusal is not None:
            messages.error(request, refusal.message)
            return _documents_page(request, draft, pages, n, requirements, status=429)
        try:
            errors = services.upload_documents(draft, files, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return _go(request, reverse("applications:my_list"))
        _release_uploads(request, files, errors)
        errors = {**gone, **errors}
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
    return _documents_page(request, draft, pages, n, requirements)


def _received_files(request, requirements) -> tuple[dict, dict]:
    """{requirement code: file} from the form, each sent with it or uploaded before through
    /unggah/ (its id posted as `doc-<code>_upload`); and {code: message} for ids that name
    nothing usable any more (expired)."""
    files, gone = {}, {}
    for requirement in requirements:
        name = f"doc-{requirement.code}"
        sent = request.FILES.get(name)
        if sent is not None:
            files[requirement.code] = sent
            continue
        opened, missing = attach.opened(request, name)
        if opened:
            files[requirement.code] = opened[-1]
        elif missing:
            gone[requirement.code] = attach.missing_message()
    return files, gone


def _release_uploads(request, files: dict, errors: dict) -> None:
    """Uploads now copied into the draft go soon; those refused for their requirement now."""
    attach.discard_used([f for code, f in files.items() if code not in errors], user=request.user)
    attach.drop_refused([f for code, f in files.items() if code in errors], user=request.user)


def _documents_page(request, draft, pages, n, requirements, status=200):
    errors = _upload_errors(request, draft, pop=True)
    uploaded = {d.requirement_id: d for d in draft.documents.all()}
    rows = [
        {
            "requirement": r,
            "document": uploaded.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": _accept(r),
            "types": _types(r),
        }
        for r in requirements
    ]
    return render(
        request,
        "applications/citizen/step_documents.html",
        _context(draft, pages, n, rows=rows, upload_errors=_upload_summary(rows)),
        status=status,
    )


def _upload_summary(rows) -> list[tuple[str, str]]:
    """(input id, text) of refused files, for the error summary."""
    return [
        (f"#doc-{r['requirement'].code}", f"{r['requirement'].name}: {r['error']}")
        for r in rows
        if r["error"]
    ]


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


def _types(requirement) -> str:
    """The content types the browser checks before sending (the server checks again)."""
    return ",".join(sorted(services.citizen.ACCEPTED_TYPES.get(requirement.file_kind, set())))


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
    documents = list(draft.documents.select_related("requirement"))
    missing = services.missing_documents(draft)
    errors = problem.field_errors if problem is not None else {}
    rows = _review_rows(draft, errors)
    summary = [(row["change_url"], row["error"]) for row in rows if row["error"]]
    summary += [("", message) for name, message in errors.items() if not name]
    if missing:
        documents_url = _step_url(draft, pages.documents)
        summary += [
            (documents_url, _("Dokumen wajib belum diunggah: %(name)s.") % {"name": r.name})
            for r in missing
        ]
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
            problem_summary=summary if problem is not None else [],
        ),
        status=status,
    )


def _review_rows(draft, errors: dict) -> list[dict]:
    """Every question with its answer and an "Ubah" link to the step and field that ask it;
    after saving that step the applicant comes back here (RETURN_TO_REVIEW)."""
    rows = answer_store.entries(draft.form_version, draft.data, masked=True)
    for row in rows:
        row["change_url"] = (
            f"{_step_url(draft, row['step'] + 1)}?{RETURN_PARAM}={RETURN_TO_REVIEW}"
            f"#id_{row['name']}"
        )
        row["error"] = errors.get(row["name"], "")
    return rows


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
    draft_rows = [{"draft": d, "resume": _step_url(d, Pages(d).resume_at(d))} for d in drafts]
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
    application = _application(code)
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
    application = _application(code)
    allowed, _secret_used = _can_read(request, application, secret)
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
@secret_in_path("applications:document_secret")
def document(request, code, doc_id, secret=""):
    """An uploaded document, for the applicant and for staff of the case's unit only."""
    application = _application(code)
    allowed, _secret_used = _can_read(request, application, secret)
    if not allowed:
        raise Http404
    doc = get_object_or_404(ApplicationDocument, pk=doc_id, application=application)
    return _stream(doc.file.open("rb"), doc.original_name, doc.content_type)


@never_cache
@secret_in_path("applications:result_secret")
def result(request, code, secret=""):
    """The signed result document, for the applicant (account or secret link) and staff."""
    application = _application(code)
    allowed, _secret_used = _can_read(request, application, secret)
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
@secret_in_path("applications:correction_secret")
def correction(request, code, secret=""):
    application = _application(code)
    secret = _reporter_or_404(request, application, secret)
    case = application.case
    back = track_path(case, secret)
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
        status = 400
        files, gone = _received_files(request, requirements)
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
                return _go(request, back)
            errors = {**errors, **gone}
            if not errors:
                attach.discard_used(files.values(), user=request.user)
                messages.success(request, _("Perbaikan terkirim. Permohonan diproses kembali."))
                return _go(request, back)
            attach.drop_refused(
                [f for code, f in files.items() if code in errors], user=request.user
            )
        _keep_correction_files(request, requirements, errors)
    current = {
        d.requirement_id: d for d in application.documents.filter(superseded_at__isnull=True)
    }
    rows = [
        {
            "requirement": r,
            "document": current.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": _accept(r),
            "types": _types(r),
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
            "upload_errors": _upload_summary(rows),
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
    application = _application(code)
    secret = _reporter_or_404(request, application, secret)
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

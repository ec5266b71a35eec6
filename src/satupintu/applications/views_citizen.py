"""Citizen pages: apply online step by step, my applications, downloads, correction, withdraw.

Every page works without JavaScript; POSTs redirect (POST/redirect/GET) so a reload never
sends twice. Drafts belong to an account, so they resume on any device after logging in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from satupintu.applications import answers as answer_store
from satupintu.applications import services
from satupintu.applications.forms import (
    DeclarationForm,
    step_form,
)
from satupintu.applications.models import ApplicationDocument
from satupintu.applications.views_shared import (
    RETURN_PARAM,
    RETURN_TO_REVIEW,
    SESSION_SECRETS,
    SESSION_UPLOAD_ERRORS,
    Pages,
    go,
    own_draft,
    received_files,
    release_uploads,
    requirement_rows,
    step_url,
    stream_file,
    upload_errors,
    upload_summary,
)
from satupintu.catalog.models import Service
from satupintu.core import ratelimit


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
    return redirect(step_url(draft, Pages(draft).resume_at(draft)))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, n):
    draft = own_draft(request, public_id)
    if draft.submitted_case_id:
        messages.info(request, _("Permohonan ini sudah dikirim."))
        return redirect("applications:done", code=draft.submitted_case.tracking_code)
    pages = Pages(draft)
    if not 1 <= n <= pages.count:
        raise Http404
    if n > pages.resume_at(draft):
        # Steps are done in order: no skipping ahead to the review.
        return redirect(step_url(draft, pages.resume_at(draft)))
    if request.method == "POST" and request.POST.get("back"):
        return redirect(step_url(draft, max(1, n - 1)))
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
                return redirect(step_url(draft, pages.review) + "#review-answers")
            return redirect(step_url(draft, n + 1))
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


def _documents_step(request, draft, pages, n):
    requirements = list(services.citizen.document_requirements(draft.service))
    if request.method == "POST":
        files, gone = received_files(request, requirements)
        sent = list(request.FILES.values())  # resumable uploads were counted when they began
        refusal = ratelimit.check(request, "upload", files=sent) if files or gone else None
        if refusal is not None:
            messages.error(request, refusal.message)
            return _documents_page(request, draft, pages, n, requirements, status=429)
        try:
            errors = services.upload_documents(draft, files, actor=request.user)
        except services.ApplicationError as exc:
            messages.error(request, exc.message)
            return go(request, reverse("applications:my_list"))
        release_uploads(request, files, errors)
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
            return go(request, step_url(draft, n))
        if files:
            messages.success(request, _("Berkas tersimpan."))
        if request.POST.get("stay"):
            return go(request, step_url(draft, n))
        missing = services.missing_documents(draft)
        if missing:
            messages.error(
                request,
                _("Dokumen wajib belum lengkap: %(names)s.")
                % {"names": ", ".join(r.name for r in missing)},
            )
            return go(request, step_url(draft, n))
        services.reach_step(draft, n)
        return go(request, step_url(draft, n + 1))
    return _documents_page(request, draft, pages, n, requirements)


def _documents_page(request, draft, pages, n, requirements, status=200):
    errors = upload_errors(request, draft, pop=True)
    uploaded = {d.requirement_id: d for d in draft.documents.all()}
    rows = requirement_rows(requirements, uploaded, errors)
    return render(
        request,
        "applications/citizen/step_documents.html",
        _context(draft, pages, n, rows=rows, upload_errors=upload_summary(rows)),
        status=status,
    )


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
        documents_url = step_url(draft, pages.documents)
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
            f"{step_url(draft, row['step'] + 1)}?{RETURN_PARAM}={RETURN_TO_REVIEW}#id_{row['name']}"
        )
        row["error"] = errors.get(row["name"], "")
    return rows


@login_required
def draft_document(request, public_id, doc_id):
    draft = own_draft(request, public_id)
    document = get_object_or_404(ApplicationDocument, pk=doc_id, draft=draft)
    return stream_file(document.file.open("rb"), document.original_name, document.content_type)

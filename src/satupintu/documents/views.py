"""Public verification pages (the QR code's page and the file check) and the staff page."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from satupintu.core import ratelimit
from satupintu.documents import access, selectors, services
from satupintu.documents.forms import RevokeForm, VerifyUploadForm
from satupintu.documents.models import IssuedDocument, VerificationLog
from satupintu.org import permissions


def _result_context(result) -> dict:
    document = result.document
    return {
        "result": result,
        "document": document,
        "holder": services.mask_name(document.holder_name) if document else "",
    }


@never_cache
@require_GET
def verify_token(request, token):
    result = services.verify_token(token)
    services.log_verification(result, method=VerificationLog.Method.PAGE)
    status = 404 if result.status == VerificationLog.Result.UNKNOWN else 200
    return render(request, "documents/verify_token.html", _result_context(result), status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_upload(request):
    if request.method == "GET":
        return render(request, "documents/verify_upload.html", {"form": VerifyUploadForm()})
    # File checks cost CPU: counted before the file is read (RATE_LIMITS["verify_document"]).
    refusal = ratelimit.check(request, "verify_document", files=request.FILES.getlist("file"))
    if refusal is not None:
        context = {"form": VerifyUploadForm(), "refusal": refusal.message}
        response = render(request, "documents/verify_upload.html", context, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    form = VerifyUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "documents/verify_upload.html", {"form": form}, status=400)
    result = services.verify_pdf(form.cleaned_data["file"])
    services.log_verification(result, method=VerificationLog.Method.UPLOAD)
    context = {"form": VerifyUploadForm(), **_result_context(result)}
    return render(request, "documents/verify_upload.html", context)


# --- Back office ------------------------------------------------------------------------------


def _staff_document(request, token) -> IssuedDocument:
    if not permissions.is_staff_member(request.user):
        raise Http404
    document = selectors.document_by_token(token)
    if document is None or not access.can_see(request.user, document):
        raise Http404
    return document


def _detail(request, document, form=None, status=200):
    return render(
        request,
        "documents/staff_detail.html",
        {
            "document": document,
            "can_revoke": access.can_revoke(request.user, document)
            and document.status == IssuedDocument.Status.ISSUED,
            "form": form or RevokeForm(),
            "verifications": selectors.recent_verifications(document),
            "verification_counts": selectors.verification_counts(document),
            "verify_url": services.verification_url(document.token),
            "qr": services.qr_svg(document.token, scale=3),
        },
        status=status,
    )


@login_required
@never_cache
@require_GET
def staff_detail(request, token):
    return _detail(request, _staff_document(request, token))


@login_required
@require_POST
def staff_revoke(request, token):
    document = _staff_document(request, token)
    if not access.can_revoke(request.user, document):
        raise Http404
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _detail(request, document, form, status=400)
    try:
        services.revoke(document, reason=form.cleaned_data["reason"], actor=request.user)
    except services.DocumentError as exc:
        form.add_error(None, exc.message)
        return _detail(request, document, form, status=409)
    messages.success(request, _("Dokumen telah dicabut."))
    return redirect("documents:staff_detail", token=document.token)


@login_required
@require_GET
def staff_download(request, token):
    document = _staff_document(request, token)
    try:
        handle = services.open_signed_pdf(document)
    except services.DocumentError as exc:
        raise Http404 from exc
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", document.number).strip("-") or "dokumen"
    return FileResponse(
        handle, as_attachment=True, filename=f"{filename}.pdf", content_type="application/pdf"
    )

"""The public tracking page, shared by every case kind, and the reporter's actions on it."""

from django.contrib import messages
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.cases import access, selectors, services
from satupintu.cases.forms import ReporterActionForm, TrackForm
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.portal.caching import public_page


def track_form(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect("cases:track", code=form.cleaned_data["code"].strip().upper())
    return render(request, "cases/track_form.html", {"form": form})


def _secret(request) -> str:
    return request.GET.get("k") or request.POST.get("k") or ""


def kind_template(kind_key: str) -> str | None:
    """A kind-specific block for the tracking page, `track_extra/<kind>.html`, when an app
    provides one (e.g. applications: service, step, result download)."""
    name = f"track_extra/{kind_key}.html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def _track_version(request, code):
    return selectors.public_case_version(code)


@never_cache
@require_http_methods(["GET"])
# Anonymous visitors without the secret link all see the same page: it is kept per case
# version (every write to the case changes updated_at), so a change shows at once.
@public_page(version=_track_version)
def track(request, code):
    case = selectors.public_case(code)
    kind = get_kind(case.kind)
    secret = _secret(request)
    is_reporter = access.is_reporter(request.user, case, secret)
    actions = {t.action for t in kind.actions_for(case.status, REPORTER)} if is_reporter else set()
    response = render(
        request,
        "cases/track.html",
        {
            "case": case,
            "kind": kind,
            "status_label": kind.status_label(case.status),
            "timeline": selectors.public_timeline(case, with_files=is_reporter),
            "is_reporter": is_reporter,
            "secret": secret,
            "actions": actions,
            "form": ReporterActionForm(),
            "kind_template": kind_template(case.kind),
        },
    )
    # The secret link must not leak through the Referer header to other sites. Not
    # "no-referrer": browsers then send "Origin: null" with the page's own POST forms
    # (rating, information, files) and Django's CSRF check refuses them.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_POST
def reporter_action(request, code):
    case = selectors.public_case(code)
    secret = _secret(request)
    if not access.is_reporter(request.user, case, secret):
        return HttpResponseBadRequest(_("Tautan rahasia tidak valid."))
    form = ReporterActionForm(request.POST, request.FILES)
    target = reverse("cases:track", args=[case.tracking_code]) + (f"?k={secret}" if secret else "")
    if not form.is_valid():
        kind = get_kind(case.kind)
        return render(
            request,
            "cases/track.html",
            {
                "case": case,
                "kind": kind,
                "status_label": kind.status_label(case.status),
                "timeline": selectors.public_timeline(case),
                "is_reporter": True,
                "secret": secret,
                "actions": {t.action for t in kind.actions_for(case.status, REPORTER)},
                "form": form,
                "kind_template": kind_template(case.kind),
            },
            status=400,
        )
    data = form.cleaned_data
    try:
        services.perform(
            case,
            data["action"],
            actor=request.user,
            role=REPORTER,
            note=data.get("note", ""),
            files=data.get("files"),
            rating=data.get("rating"),
        )
    except services.CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Terima kasih, sudah kami terima."))
    return redirect(target)


@never_cache
def reporter_attachment(request, code, attachment_id):
    case = selectors.public_case(code)
    if not access.is_reporter(request.user, case, _secret(request)):
        return HttpResponseBadRequest(_("Tautan rahasia tidak valid."))
    attachment = selectors.attachment_for(case, attachment_id, public_only=False)
    if attachment.uploaded_by_role != REPORTER and not attachment.is_public:
        return HttpResponseBadRequest(_("Berkas ini tidak tersedia."))
    return _stream(attachment)


def _stream(attachment):
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

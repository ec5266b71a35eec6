"""The public tracking page, shared by every case kind, and the reporter's actions on it.

Three ways in:
- `/lacak/<code>/`: anyone; the public summary, status and public replies. A logged-in
  submitter sees their own case here too (their account proves who they are).
- `/lacak/<code>/<secret>/`: the reporter's private link (notifications, confirmation
  pages, e-mail and WhatsApp replies). The secret is in the path, never in the query
  string, and the page sends only its origin as Referer.
- `/lacak/<code>/?k=<secret>`: links sent before the secret moved into the path; answered
  with a redirect to the path form.
"""

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.cases import access, codes, public, selectors, services, thumbnails
from satupintu.cases.forms import ReporterActionForm, TrackForm
from satupintu.cases.notify import track_path
from satupintu.cases.progress import progress_of
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.core import ratelimit, staticmap
from satupintu.portal.caching import public_page
from satupintu.uploads import attach

LEGACY_SECRET_PARAM = "k"  # noqa: S105 - a parameter name
# Pages holding the secret in their URL: the Referer carries the origin only, so the link never
# reaches another site or a log through that header. Not "no-referrer": under it browsers send
# `Origin: null` with the page's own POST forms (reporter actions, log-out) and the CSRF check
# refuses them.
SECRET_PAGE_REFERRER_POLICY = "strict-origin"  # noqa: S105 - a header value
# The public page and the logged-in submitter's: nothing secret in the URL.
PUBLIC_PAGE_REFERRER_POLICY = "same-origin"
# Reporter actions this page has a form for, in the order of the "Tindakan Anda" card.
PAGE_ACTIONS = ("provide_info", "add_files", "rate", "close", "reopen")
# The public map of a point changes only if the case's place does: rarely.
PUBLIC_MAP_MAX_AGE = 3600


@require_http_methods(["GET", "HEAD"])
def track_form(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect("cases:track", code=form.cleaned_data["code"])
    return _track_form_page(request, form)


def _track_form_page(request, form):
    """The form again, with what was typed: 404 for a code we do not know (a page of ours,
    also with DEBUG on), 400 for an empty one."""
    unknown = bool(form.is_bound and form.data.get("code", "").strip())
    status = 404 if unknown else 400 if form.errors else 200
    return render(request, "cases/track_form.html", {"form": form}, status=status)


def kind_template(kind_key: str) -> str | None:
    """A kind-specific block for the tracking page, `track_extra/<kind>.html`, when an app
    provides one (e.g. applications: service, step, result download)."""
    name = f"track_extra/{kind_key}.html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def _secret_case(code: str, secret: str, *, select=selectors.public_case):
    """The case whose private link this is; a wrong secret is a page that does not exist.
    `select`: `selectors.track_case` to render the page only (fewer columns)."""
    case = select(code)
    if not access.is_reporter(None, case, secret):
        raise Http404
    return case


def _legacy_redirect(target: str):
    """An old `?k=` link whose secret is right: on to the path form."""
    response = HttpResponseRedirect(target)
    response["Referrer-Policy"] = SECRET_PAGE_REFERRER_POLICY
    response["Cache-Control"] = "no-store"
    return response


def _reporter_actions(kind, case) -> list[str]:
    """The reporter's actions this page offers now (guards checked: no "Buka kembali" once
    the window has closed), so the "Tindakan Anda" card appears only with something in it."""
    allowed = {
        t.action
        for t in kind.actions_for(case.status, REPORTER)
        if t.guard is None or not t.guard(case)
    }
    return [a for a in PAGE_ACTIONS if a in allowed and not (a == "rate" and case.rating)]


def _map(case, *, is_reporter: bool, secret: str) -> dict | None:
    """The small map of the reported point: the exact point on the private page, the public
    (for confidential and anonymous cases, rounded) point elsewhere."""
    if case.latitude is None or case.longitude is None:
        return None
    location = public.public_location(case)
    approximate = public.is_sensitive(case) and not secret
    if secret:
        url = reverse("cases:track_map_secret", args=[case.tracking_code, secret])
    else:
        url = reverse("cases:track_map", args=[case.tracking_code])
    place = location.address or ""
    if is_reporter and case.street.strip():
        place = ", ".join(p for p in (case.street.strip(), str(case.region or "")) if p)
    latitude = case.latitude if secret else location.latitude
    longitude = case.longitude if secret else location.longitude
    return {
        "url": url,
        "place": place,
        "approximate": approximate,
        "coordinates": f"{latitude:.5f}, {longitude:.5f}" if not approximate else "",
        "attribution": staticmap.attribution(),
    }


def _page(request, case, *, is_reporter: bool, secret: str = "", form=None, status=200):
    kind = get_kind(case.kind)
    actions = _reporter_actions(kind, case) if is_reporter else []
    timeline = selectors.track_timeline(case, is_reporter=is_reporter)
    response = render(
        request,
        "cases/track.html",
        {
            "case": case,
            "kind": kind,
            # The reporter sees what they wrote; everyone else the public summary.
            "title": case.title if is_reporter else public.public_title(case),
            "status_label": kind.status_label(case.status),
            "timeline": timeline,
            "progress": progress_of(case, timeline),
            "map": _map(case, is_reporter=is_reporter, secret=secret),
            "image_types": thumbnails.IMAGE_TYPES,
            "is_reporter": is_reporter,
            "secret": secret,
            "action_url": reverse("cases:reporter_action_secret", args=[case.tracking_code, secret])
            if secret
            else reverse("cases:reporter_action", args=[case.tracking_code]),
            "actions": actions,
            # Only the reporter's card has forms: building one for every visitor (deep copies
            # of its fields and widgets) cost more than the case's queries.
            "form": form or (ReporterActionForm() if is_reporter else None),
            "kind_template": kind_template(case.kind),
        },
        status=status,
    )
    response["Referrer-Policy"] = (
        SECRET_PAGE_REFERRER_POLICY if secret else PUBLIC_PAGE_REFERRER_POLICY
    )
    return response


def _track_version(request, code):
    return selectors.public_case_version(code)


@never_cache
@require_http_methods(["GET", "HEAD"])
# Anonymous visitors all see the same page: it is kept per case version (every write to the
# case changes updated_at), so a change shows at once. Old `?k=` links are never cached (a
# query string is not).
@public_page(version=_track_version)
def track(request, code):
    try:
        case = selectors.track_case(code)
    except Http404:
        # An unknown code typed into the address: the form again, with it (not Django's page).
        form = TrackForm({"code": codes.normalize_code(code)[:40] or code[:40]})
        form.is_valid()
        return _track_form_page(request, form)
    legacy = request.GET.get(LEGACY_SECRET_PARAM, "")
    if legacy and access.is_reporter(None, case, legacy):
        return _legacy_redirect(track_path(case, legacy))
    return _page(request, case, is_reporter=access.is_reporter(request.user, case))


@never_cache
@require_http_methods(["GET", "HEAD"])
def track_secret(request, code, secret):
    case = _secret_case(code, secret, select=selectors.track_case)
    return _page(request, case, is_reporter=True, secret=secret)


@never_cache
@require_POST
@ratelimit.limit("reporter_action")
def reporter_action(request, code):
    """The logged-in submitter's actions (no secret in the URL: the usual CSRF check)."""
    case = selectors.public_case(code)
    # Forms rendered before the secret moved into the path post it in the body.
    secret = request.POST.get(LEGACY_SECRET_PARAM, "")
    if access.is_reporter(request.user, case):
        return _act(request, case, "")
    if not access.is_reporter(None, case, secret):
        return HttpResponseBadRequest(_("Tautan rahasia tidak valid."))
    return _act(request, case, secret)


# No CSRF token check here: pages rendered when the private page sent no Referer at all post
# with "Origin: null", which Django's check refuses. The secret in the path is what authorises
# the request, and a forging site cannot know it; the action is recorded as the reporter's,
# never as whoever happens to be logged in.
@csrf_exempt
@never_cache
@require_POST
@ratelimit.limit("reporter_action")
def reporter_action_secret(request, code, secret):
    case = _secret_case(code, secret)
    return _act(request, case, secret)


def _act(request, case, secret: str):
    form = attach.bind(ReporterActionForm(request.POST, request.FILES), request)
    if not form.is_valid():
        attach.keep_form_files(form, request)
        return _page(request, case, is_reporter=True, secret=secret, form=form, status=400)
    data = form.cleaned_data
    # Files sent with this request; resumable uploads were counted when they started.
    refusal = ratelimit.charge_upload(request, request.FILES.getlist("files"))
    if refusal is not None:
        return ratelimit.limited_response(request, refusal)
    actor = request.user if access.is_reporter(request.user, case) else None
    try:
        services.perform(
            case,
            data["action"],
            actor=actor,
            role=REPORTER,
            note=data.get("note", ""),
            files=data.get("files"),
            rating=data.get("rating"),
        )
    except services.CaseError as exc:
        messages.error(request, exc.message)
    else:
        attach.discard_used(data.get("files"), user=request.user)
        messages.success(request, _("Terima kasih, sudah kami terima."))
    response = redirect(track_path(case, secret))
    if secret:
        response["Referrer-Policy"] = SECRET_PAGE_REFERRER_POLICY
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def reporter_attachment(request, code, attachment_id):
    case = selectors.public_case(code)
    legacy = request.GET.get(LEGACY_SECRET_PARAM, "")
    if legacy and access.is_reporter(None, case, legacy):
        return _legacy_redirect(
            reverse(
                "cases:reporter_attachment_secret",
                args=[case.tracking_code, legacy, attachment_id],
            )
        )
    if not access.is_reporter(request.user, case):
        return HttpResponseBadRequest(_("Tautan rahasia tidak valid."))
    return _reporter_file(case, attachment_id)


@never_cache
@require_http_methods(["GET", "HEAD"])
def reporter_attachment_secret(request, code, secret, attachment_id):
    case = _secret_case(code, secret)
    response = _reporter_file(case, attachment_id)
    response["Referrer-Policy"] = SECRET_PAGE_REFERRER_POLICY
    return response


def _reporter_file(case, attachment_id):
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


# --- Thumbnails and the map ----------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def reporter_thumbnail(request, code, attachment_id):
    """A photo's thumbnail for the logged-in submitter: the same right as the file itself."""
    case = selectors.public_case(code)
    if not access.is_reporter(request.user, case):
        return HttpResponseBadRequest(_("Tautan rahasia tidak valid."))
    return _thumbnail(case, attachment_id)


@never_cache
@require_http_methods(["GET", "HEAD"])
def reporter_thumbnail_secret(request, code, secret, attachment_id):
    case = _secret_case(code, secret)
    response = _thumbnail(case, attachment_id)
    response["Referrer-Policy"] = SECRET_PAGE_REFERRER_POLICY
    return response


def _thumbnail(case, attachment_id):
    attachment = selectors.attachment_for(case, attachment_id, public_only=False)
    if attachment.uploaded_by_role != REPORTER and not attachment.is_public:
        raise Http404
    data = thumbnails.thumbnail(attachment)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    # Like the file: a shared kelurahan computer must not keep it for the next person.
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def track_map(request, code):
    """The public map of a case's point (rounded to about 100 m for confidential and
    anonymous cases, as everywhere public)."""
    case = selectors.public_case(code)
    location = public.public_location(case)
    if location.latitude is None or location.longitude is None:
        raise Http404
    response = _map_png(location.latitude, location.longitude, public.is_sensitive(case))
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAP_MAX_AGE}"
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def track_map_secret(request, code, secret):
    """The exact point, on the reporter's private page only."""
    case = _secret_case(code, secret)
    if case.latitude is None or case.longitude is None:
        raise Http404
    response = _map_png(case.latitude, case.longitude, False)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = SECRET_PAGE_REFERRER_POLICY
    return response


def _map_png(latitude, longitude, approximate: bool) -> HttpResponse:
    data, _based = staticmap.render(float(latitude), float(longitude), approximate=approximate)
    response = HttpResponse(data, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""What the citizen's application pages share: lookups that 404 for anything not the
user's own, the pages of a draft, redirects that the upload script understands, and the
files a documents form carries."""

import functools
import re

from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.applications import services
from satupintu.applications.forms import (
    FormSpec,
)
from satupintu.applications.models import Application, ApplicationDraft
from satupintu.cases import access, codes
from satupintu.uploads import attach

SESSION_SECRETS = "application_secrets"
RETURN_PARAM, RETURN_TO_REVIEW = "kembali", "periksa"
SESSION_UPLOAD_ERRORS = "application_upload_errors"
# Tracking links sent before the secret moved into the path carried it as ?k=.
LEGACY_SECRET_PARAM = "k"  # noqa: S105 - a parameter name


def own_draft(request, public_id) -> ApplicationDraft:
    draft = (
        ApplicationDraft.objects.select_related("service__org_unit", "form_version")
        # A deleted draft is gone for its pages; only "Urungkan" (views_drafts) finds it.
        .filter(public_id=public_id, applicant=request.user, deleted_at=None)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


def application_or_404(code) -> Application:
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


def session_secret(request, secret: str) -> str:
    # Forms rendered before the secret moved into the path post it in the body.
    return secret or request.POST.get(LEGACY_SECRET_PARAM, "")


def reporter_or_404(request, application, secret: str) -> str:
    """The applicant (logged in, or holding the secret link); returns the secret used. With
    the secret in the path, that secret alone decides (those routes skip the CSRF check)."""
    if secret:
        if not access.is_reporter(None, application.case, secret):
            raise Http404
        return secret
    secret = session_secret(request, secret)
    if not access.is_reporter(request.user, application.case, secret):
        raise Http404
    return secret


def stream_file(handle, filename: str, content_type: str, *, inline=False):
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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


def go(request, url: str):
    """Redirect; the upload script (XMLHttpRequest) gets the address as JSON instead, so the
    flash messages are kept for the page it then opens."""
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"redirect": url})
    return redirect(url)


def step_url(draft, n: int) -> str:
    return reverse("applications:step", args=[draft.public_id, n])


def upload_errors(request, draft, pop=False) -> dict:
    store = request.session.get(SESSION_UPLOAD_ERRORS) or {}
    key = str(draft.public_id)
    if pop and key in store:
        errors = store.pop(key)
        request.session[SESSION_UPLOAD_ERRORS] = store
        return errors
    return store.get(key, {})


def received_files(request, requirements) -> tuple[dict, dict]:
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


def release_uploads(request, files: dict, errors: dict) -> None:
    """Uploads now copied into the draft go soon; those refused for their requirement now."""
    attach.discard_used([f for code, f in files.items() if code not in errors], user=request.user)
    attach.drop_refused([f for code, f in files.items() if code in errors], user=request.user)


def requirement_rows(requirements, documents: dict, errors: dict) -> list[dict]:
    """One row per requirement of a documents form: the file kept for it (`documents`, by
    requirement id), the error of the last try and what the file input accepts."""
    return [
        {
            "requirement": r,
            "document": documents.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": accept_attribute(r),
            "types": types_attribute(r),
        }
        for r in requirements
    ]


def upload_summary(rows) -> list[tuple[str, str]]:
    """(input id, text) of refused files, for the error summary."""
    return [
        (f"#doc-{r['requirement'].code}", f"{r['requirement'].name}: {r['error']}")
        for r in rows
        if r["error"]
    ]


def accept_attribute(requirement) -> str:
    kinds = services.citizen.ACCEPTED_TYPES.get(requirement.file_kind, set())
    extensions = []
    if "application/pdf" in kinds:
        extensions += [".pdf", "application/pdf"]
    if "image/jpeg" in kinds:
        extensions += [".jpg", ".jpeg", "image/jpeg"]
    if "image/png" in kinds:
        extensions += [".png", "image/png"]
    return ",".join(extensions)


def types_attribute(requirement) -> str:
    """The content types the browser checks before sending (the server checks again)."""
    return ",".join(sorted(services.citizen.ACCEPTED_TYPES.get(requirement.file_kind, set())))

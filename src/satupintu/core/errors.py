"""Error pages a citizen can meet: Indonesian (or the chosen language), never Django's own, and
they keep the person's place: a link back to the page they were on, what was kept, what to do.

`server_error` is `handler500`: it renders with the request only (no context processors,
which may be what failed) and falls back to a fixed page if even that fails. `bad_request`
is `handler400`: a request whose form data is too large gets the 413 page instead.
Failures before Django (gunicorn down or timed out, nginx's own body limit) are answered by
nginx with the static pages in static/errors/ (docs/uploads.md, `error_page`).
"""

import contextlib
import logging
import sys

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

FALLBACK_500 = (
    '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Terjadi kesalahan · Satu Pintu</title></head><body><main>"
    "<h1>Terjadi kesalahan</h1><p>Maaf, terjadi kesalahan di server. Data yang sudah tersimpan "
    "tidak hilang. Kembali ke halaman sebelumnya dengan tombol Kembali di peramban, tunggu "
    'sebentar, lalu coba lagi.</p><p><a href="/">Kembali ke beranda</a></p></main></body></html>'
)


def _place(request) -> dict:
    """Where the person was: the page itself (a failed form post goes back to its form with
    GET) and the page they came from, if it is ours."""
    retry = request.path if request.method != "GET" else request.get_full_path()
    referer = request.headers.get("Referer", "")
    back = ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = referer
    return {"retry_url": retry, "back_url": back, "was_post": request.method == "POST"}


def _unavailable_part(exc) -> str | None:
    """Which shared service a failure came from: "database", "storage" or None."""
    from django.db import InterfaceError, OperationalError

    from satupintu.core.s3storage_errors import ObjectStoreUnavailable

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OperationalError | InterfaceError):
            return "database"
        if isinstance(exc, ObjectStoreUnavailable):
            return "storage"
        exc = exc.__cause__ or exc.__context__
    return None


def service_unavailable(request, part: str):
    """503 for a shared service that is down (PostgreSQL, the object store): rendered with no
    request context at all, since the context processors may need the database."""
    context = {"part": part}
    with contextlib.suppress(Exception):  # a broken request must still get the page
        context.update(_place(request))
    try:
        body = loader.get_template("503.html").render(context)
    except Exception:  # noqa: BLE001 - the page of last resort cannot fail
        logger.exception("the 503 page could not be rendered")
        body = FALLBACK_500
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    part = _unavailable_part(sys.exc_info()[1])
    if part:
        return service_unavailable(request, part)
    try:
        context = _place(request)
    except Exception:  # noqa: BLE001 - a broken request must still get the page
        context = {}
    try:
        body = loader.get_template(template_name).render(context)
    except Exception:  # noqa: BLE001 - the page of last resort cannot fail
        logger.exception("the 500 page could not be rendered")
        body = FALLBACK_500
    return HttpResponseServerError(body)


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    status = 400
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        template_name, status = "413.html", 413
    try:
        context = _place(request)
    except Exception:  # noqa: BLE001
        context = {}
    body = loader.get_template(template_name).render(context, request)
    return HttpResponse(body, status=status)

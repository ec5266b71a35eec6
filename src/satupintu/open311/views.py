"""Open311 GeoReport v2 at /open311/v2/ (see docs/open311.md).

No session, no cookie, no CSRF: reads are public, writes carry an `api_key`. Every answer,
errors included, is in the format the URL asks for (`.json` or `.xml`).
"""

import functools
import logging

from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from satupintu.cases import codes
from satupintu.cases.services import CaseError
from satupintu.core.middleware import client_ip
from satupintu.open311 import render, selectors, services, throttle
from satupintu.open311.forms import (
    CreateRequestForm,
    Open311Error,
    parse_request_filter,
)

logger = logging.getLogger("satupintu.open311")

READ_METHODS = ("GET", "HEAD")
MAX_IDEMPOTENCY_KEY = 60


def open311_view(methods=READ_METHODS):
    """Format check, allowed methods, read throttling and errors in the spec's format."""

    def decorator(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            fmt = fmt.lower()
            if fmt not in render.FORMATS:
                return render.error("json", 404, _("Format tidak dikenal: pakai .json atau .xml."))
            if request.method not in methods:
                response = render.error(fmt, 405, _("Metode HTTP ini tidak didukung di sini."))
                response["Allow"] = ", ".join(methods)
                return response
            reading = request.method in READ_METHODS
            ip = client_ip(request) or "unknown"
            if reading and throttle.over("read", ip, "OPEN311_READS_PER_MINUTE"):
                return _too_many(fmt)
            try:
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                response = render.error(fmt, exc.status, exc.description)
            if reading:
                # Public data without cookies: any web page may read it.
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorator


def _too_many(fmt):
    response = render.error(fmt, 429, _("Terlalu banyak permintaan. Coba lagi sebentar lagi."))
    response["Retry-After"] = str(throttle.retry_after())
    return response


# --- Services -------------------------------------------------------------------------------


@open311_view()
def service_list(request, fmt):
    items = [selectors.service_item(category) for category in selectors.services()]
    return render.document(fmt, items, root="services", item="service")


@open311_view()
def service_definition(request, code, fmt):
    category = selectors.service(code)
    if category is None:
        raise Open311Error(404, _("service_code %(code)s tidak ditemukan.") % {"code": code})
    return render.document(fmt, selectors.service_definition(category), root="service_definition")


# --- Service requests -----------------------------------------------------------------------


@open311_view(methods=(*READ_METHODS, "POST"))
def service_requests(request, fmt):
    if request.method == "POST":
        return _create_request(request, fmt)
    filters = parse_request_filter(request.GET)
    items = [selectors.request_item(case) for case in selectors.find_requests(filters)]
    return render.document(fmt, items, root="service_requests", item="request")


@open311_view()
def request_detail(request, code, fmt):
    case = selectors.find_request(codes.normalize_code(code))
    if case is None:
        raise Open311Error(404, _("service_request_id %(code)s tidak ditemukan.") % {"code": code})
    return render.document(
        fmt, [selectors.request_item(case)], root="service_requests", item="request"
    )


@open311_view()
def token_lookup(request, token, fmt):
    # Requests get their id at once, so a token is simply the id (the tracking code).
    case = selectors.find_request(codes.normalize_code(token))
    if case is None:
        raise Open311Error(404, _("token %(token)s tidak ditemukan.") % {"token": token})
    return render.document(
        fmt,
        [{"service_request_id": case.tracking_code, "token": token}],
        root="service_requests",
        item="request",
    )


def _authenticate(request, fmt):
    ip = client_ip(request) or "unknown"
    if throttle.exceeded("bad-key", ip, "OPEN311_BAD_KEYS_PER_MINUTE"):
        return None, _too_many(fmt)
    # The spec sends api_key in the form; some clients put it in the query string.
    raw = (request.POST.get("api_key") or request.GET.get("api_key") or "").strip()
    api_key = services.authenticate(raw)
    if api_key is None:
        throttle.count("bad-key", ip)
        return None, render.error(fmt, 403, _("api_key tidak ada atau tidak valid."))
    if throttle.over("write", str(api_key.pk), "OPEN311_WRITES_PER_MINUTE"):
        return None, _too_many(fmt)
    return api_key, None


def _create_request(request, fmt):
    api_key, refusal = _authenticate(request, fmt)
    if refusal is not None:
        return refusal
    code = request.POST.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code wajib diisi."))
    category = selectors.service(code)
    if category is None:
        raise Open311Error(404, _("service_code %(code)s tidak ditemukan.") % {"code": code})
    form = CreateRequestForm(request.POST)
    if not form.is_valid():
        raise Open311Error(400, form.first_error())
    header = request.headers.get("Idempotency-Key", "").strip()
    if len(header) > MAX_IDEMPOTENCY_KEY:
        raise Open311Error(
            400,
            _("Idempotency-Key paling panjang %(n)d karakter.") % {"n": MAX_IDEMPOTENCY_KEY},
        )
    data = form.cleaned_data
    new = services.NewRequest(
        category=category,
        subtype=data["subtype"],
        description=data["description"],
        latitude=data["lat"],
        longitude=data["long"],
        street=data["address_string"],
        kelurahan=data["address_id"],
        email=data["email"],
        phone=data["phone"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        device_id=data["device_id"],
        account_id=data["account_id"],
        media_url=data["media_url"],
    )
    try:
        case, _created = services.file_request(
            api_key=api_key,
            new=new,
            idempotency_key=services.scoped_idempotency_key(api_key, header),
        )
    except CaseError as exc:
        raise Open311Error(exc.status, exc.message) from exc
    item = {
        "service_request_id": case.tracking_code,
        "service_notice": selectors.service_notice(case.category),
        "account_id": None,
    }
    return render.document(fmt, [item], root="service_requests", item="request")

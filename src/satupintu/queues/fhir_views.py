"""/fhir/R4/: the hospital's SIMRS reads sites, services, doctors, schedules, slots and
appointments, and updates an appointment's status (arrived, fulfilled, noshow, cancelled).

Every request but `metadata` carries `Authorization: Bearer <token>` of a `FhirClient`
(one per client system, limited to its site; `can_write` for updates). Reads and updates of
appointments, which carry the patient's NIK, are audited with the client's id."""

import functools
import json
from datetime import date

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from satupintu.core import audit, crypto
from satupintu.queues import fhir, services
from satupintu.queues.models import Booking, FhirClient, Practitioner, QueueService
from satupintu.queues.params import small_int
from satupintu.queues.services import clients
from satupintu.queues.workflow import NotAllowed

CONTENT_TYPE = "application/fhir+json"


def _json(data, status=200):
    return JsonResponse(
        fhir.strip_empty(data),
        status=status,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def _error(status, code, text):
    return _json(fhir.outcome(code, text), status=status)


def _client(request) -> FhirClient | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return clients.authenticate(header[7:].strip())


def fhir_api(write=False):
    def decorator(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            client = _client(request)
            if client is None:
                response = _error(401, "login", "Bearer token required")
                response["WWW-Authenticate"] = 'Bearer realm="fhir"'
                return response
            if write and request.method not in ("GET", "HEAD") and not client.can_write:
                return _error(403, "forbidden", "this client may only read (scope: read)")
            request.fhir_client = client
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _base(request) -> str:
    return request.build_absolute_uri("/fhir/R4/")


@require_GET
def metadata(request):
    return _json(fhir.capability_statement(_base(request)))


def _ref_id(value: str, kind: str) -> str:
    return value.split("/", 1)[1] if value.startswith(f"{kind}/") else value


@fhir_api()
@require_GET
def location_search(request):
    return _json(fhir.bundle([fhir.location(request.fhir_client.site)], _base(request)))


@fhir_api()
@require_GET
def location_read(request, pk):
    site = request.fhir_client.site
    if str(site.pk) != pk:
        return _error(404, "not-found", "Location not found")
    return _json(fhir.location(site))


def _services(client):
    return QueueService.objects.filter(site=client.site)


@fhir_api()
@require_GET
def service_search(request):
    return _json(
        fhir.bundle(
            [fhir.healthcare_service(s) for s in _services(request.fhir_client)], _base(request)
        )
    )


@fhir_api()
@require_GET
def service_read(request, pk):
    service = _services(request.fhir_client).filter(pk=pk).first()
    if service is None:
        return _error(404, "not-found", "HealthcareService not found")
    return _json(fhir.healthcare_service(service))


@fhir_api()
@require_GET
def practitioner_search(request):
    rows = Practitioner.objects.filter(site=request.fhir_client.site)
    return _json(fhir.bundle([fhir.practitioner(p) for p in rows], _base(request)))


@fhir_api()
@require_GET
def practitioner_read(request, pk):
    p = Practitioner.objects.filter(site=request.fhir_client.site, pk=pk).first()
    if p is None:
        return _error(404, "not-found", "Practitioner not found")
    return _json(fhir.practitioner(p))


def _schedules(client):
    out = []
    for service in _services(client).prefetch_related("schedules__practitioner"):
        if service.needs_practitioner:
            doctors = {s.practitioner for s in service.schedules.all()}
            out.extend((service, d) for d in sorted(doctors, key=lambda d: d.pk))
        else:
            out.append((service, None))
    return out


@fhir_api()
@require_GET
def schedule_search(request):
    actor = request.GET.get("actor", "")
    rows = []
    for service, doctor in _schedules(request.fhir_client):
        refs = {f"HealthcareService/{service.pk}", f"Location/{service.site_id}"}
        if doctor:
            refs.add(f"Practitioner/{doctor.pk}")
        if actor and actor not in refs:
            continue
        rows.append(fhir.schedule(service, doctor))
    return _json(fhir.bundle(rows, _base(request)))


def _own_schedule(client, value):
    parsed = fhir.parse_schedule_id(value)
    if parsed is None or parsed[0].site_id != client.site_id:
        return None
    return parsed


@fhir_api()
@require_GET
def schedule_read(request, pk):
    parsed = _own_schedule(request.fhir_client, pk)
    if parsed is None:
        return _error(404, "not-found", "Schedule not found")
    return _json(fhir.schedule(*parsed))


def _date_param(value: str) -> date | None:
    value = (value or "").removeprefix("eq")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
DATE_PREFIXES = {"eq": "day", "ge": "day__gte", "gt": "day__gt", "le": "day__lte", "lt": "day__lt"}
MAX_RANGE_DAYS = 31


def _date_filter(values: list[str]) -> dict | None:
    """`date` search parameters (FHIR prefixes eq, ge, gt, le, lt) as a filter on the day;
    today without any. A range is limited to a month (and must be closed at both ends)."""
    if not values:
        return {"day": timezone.localdate()}
    lookups = {}
    for value in values[:2]:
        prefix = value[:2] if value[:2] in DATE_PREFIXES else "eq"
        day = _date_param(value[2:] if value[:2] in DATE_PREFIXES else value)
        if day is None:
            return None
        lookups[DATE_PREFIXES[prefix]] = day
    if "day" in lookups:
        return {"day": lookups["day"]}
    low = lookups.get("day__gte") or lookups.get("day__gt")
    high = lookups.get("day__lte") or lookups.get("day__lt")
    if low is None or high is None or (high - low).days > MAX_RANGE_DAYS:
        return None
    return lookups


@fhir_api()
@require_GET
def slot_search(request):
    parsed = _own_schedule(
        request.fhir_client, _ref_id(request.GET.get("schedule", ""), "Schedule")
    )
    day = _date_param(request.GET.get("start", ""))
    if parsed is None or day is None:
        return _error(400, "required", "search needs schedule=Schedule/<id> and start=YYYY-MM-DD")
    service, doctor = parsed
    return _json(fhir.bundle(fhir.slots(service, doctor, day), _base(request)))


def _appointments(client):
    return Booking.objects.filter(site=client.site).select_related(
        "service", "practitioner", "site"
    )


@fhir_api()
@require_GET
def appointment_search(request):
    client = request.fhir_client
    rows = _appointments(client)
    params = request.GET
    days = _date_filter(params.getlist("date"))
    if days is None:
        return _error(400, "value", "date must be [eq|ge|gt|le|lt]YYYY-MM-DD, a range of 31 days")
    rows = rows.filter(**days)
    if params.get("location") and _ref_id(params["location"], "Location") != str(client.site_id):
        rows = rows.none()
    if params.get("practitioner"):
        pid = small_int(_ref_id(params["practitioner"], "Practitioner"))
        rows = rows.filter(practitioner_id=pid) if pid is not None else rows.none()
    if params.get("status"):
        wanted = [fhir.STATUS_FROM_FHIR.get(s) for s in params["status"].split(",")]
        rows = rows.filter(status__in=[w for w in wanted if w])
    token = params.get("patient.identifier") or params.get("patient:identifier") or ""
    if token:
        system, _sep, value = token.rpartition("|")
        if system and system != settings.FHIR_NIK_SYSTEM:
            rows = [b for b in rows if b.mrn == value]
        else:
            rows = rows.filter(nik_index=crypto.blind_index(value, "nik"))
    if not isinstance(rows, list):
        rows = list(rows.order_by("day", "slot_start", "pk"))
    count = min(small_int(params.get("_count")) or PAGE_SIZE, MAX_PAGE_SIZE)
    offset = small_int(params.get("_offset")) or 0
    page = rows[offset : offset + count]
    resources = [fhir.appointment(b) for b in page]
    audit.record(
        "queues.fhir_appointment_search",
        obj=client,
        data={"count": len(resources), "by_patient": bool(token)},
    )
    result = fhir.bundle(resources, _base(request), total=len(rows))
    links = [{"relation": "self", "url": request.build_absolute_uri()}]
    if offset + count < len(rows):
        query = params.copy()
        query["_offset"] = str(offset + count)
        query["_count"] = str(count)
        links.append(
            {"relation": "next", "url": request.build_absolute_uri(f"?{query.urlencode()}")}
        )
    result["link"] = links
    return _json(result)


def _update(booking, status, client):
    target = fhir.STATUS_FROM_FHIR.get(status)
    if target is None:
        raise NotAllowed("unknown status")
    if target == booking.status:
        return
    if target == Booking.Status.CHECKED_IN:
        services.check_in(booking.site, booking.code)
    elif target == Booking.Status.CANCELLED:
        services.cancel(booking, reason="SIMRS", notify_person=True)
    else:
        services.bookings.close(booking, target, note=f"SIMRS {client.pk}")


@fhir_api(write=True)
@require_http_methods(["GET", "PUT"])
def appointment(request, code):
    client = request.fhir_client
    booking = _appointments(client).filter(code=code).first()
    if booking is None:
        return _error(404, "not-found", "Appointment not found")
    if request.method == "PUT":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return _error(400, "structure", "body must be an Appointment in JSON")
        if not isinstance(body, dict) or body.get("resourceType") != "Appointment":
            return _error(400, "structure", "body must be an Appointment")
        status = body.get("status")
        try:
            _update(booking, status, client)
        except NotAllowed as exc:
            return _error(422, "business-rule", f"status {status!r} not allowed: {exc}")
        booking.refresh_from_db()
        audit.record(
            "queues.fhir_appointment_updated",
            obj=booking,
            data={"client": client.pk, "status": status},
        )
    else:
        audit.record("queues.fhir_appointment_read", obj=booking, data={"client": client.pk})
    return _json(fhir.appointment(booking))

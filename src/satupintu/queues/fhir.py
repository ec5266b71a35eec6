"""FHIR R4 resources built from the queue's rows, for the hospital's SIMRS (docs/fhir.md).

Ids: Location = site id, HealthcareService = service id, Practitioner = doctor id,
Schedule = `<service>-<doctor or 0>`, Slot = `<schedule>-<YYYYMMDD>-<HHMM>`, Appointment =
the booking code. The patient travels inside the Appointment as a contained `Patient` whose
identifiers are the NIK (SATUSEHAT's system, `settings.FHIR_NIK_SYSTEM`) and the hospital's
record number: the platform holds no medical record."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from satupintu.queues import calendar
from satupintu.queues.models import Booking, Practitioner, QueueService
from satupintu.queues.params import small_int

FHIR_VERSION = "4.0.1"
APPOINTMENT_STATUS = {
    Booking.Status.BOOKED: "booked",
    Booking.Status.CHECKED_IN: "arrived",
    Booking.Status.DONE: "fulfilled",
    Booking.Status.CANCELLED: "cancelled",
    Booking.Status.NO_SHOW: "noshow",
}
STATUS_FROM_FHIR = {v: k for k, v in APPOINTMENT_STATUS.items()}


def _iso(dt: datetime) -> str:
    return timezone.localtime(dt).isoformat(timespec="seconds")


def location(site) -> dict:
    return {
        "resourceType": "Location",
        "id": str(site.pk),
        "status": "active" if site.is_active else "inactive",
        "name": site.name,
        "address": {"text": site.address} if site.address else None,
        "managingOrganization": {"display": site.org_unit.name},
    }


def healthcare_service(service) -> dict:
    return {
        "resourceType": "HealthcareService",
        "id": str(service.pk),
        "active": service.is_active,
        "name": service.name,
        "location": [{"reference": f"Location/{service.site_id}"}],
    }


def practitioner(p) -> dict:
    resource = {
        "resourceType": "Practitioner",
        "id": str(p.pk),
        "active": p.is_active,
        "name": [{"text": p.name}],
    }
    if p.identifier:
        resource["identifier"] = [
            {"system": settings.FHIR_PRACTITIONER_SYSTEM, "value": p.identifier}
        ]
    return resource


def schedule_id(service, p=None) -> str:
    return f"{service.pk}-{p.pk if p else 0}"


def schedule(service, p=None) -> dict:
    actors = [
        {"reference": f"HealthcareService/{service.pk}", "display": service.name},
        {"reference": f"Location/{service.site_id}"},
    ]
    if p is not None:
        actors.append({"reference": f"Practitioner/{p.pk}", "display": p.name})
    return {
        "resourceType": "Schedule",
        "id": schedule_id(service, p),
        "active": service.is_active,
        "serviceType": [{"text": service.name}],
        "actor": actors,
    }


def parse_schedule_id(value: str):
    """(service, practitioner or None), or None when the id names nothing."""
    parts = [small_int(part) for part in value.split("-")]
    if len(parts) != 2 or None in parts:
        return None
    service_pk, practitioner_pk = parts
    service = QueueService.objects.filter(pk=service_pk).select_related("site").first()
    if service is None:
        return None
    if practitioner_pk == 0:
        return (service, None) if not service.needs_practitioner else None
    p = Practitioner.objects.filter(pk=practitioner_pk, site=service.site).first()
    return (service, p) if p else None


def slot_id(service, p, day: date, starts) -> str:
    return f"{schedule_id(service, p)}-{day:%Y%m%d}-{starts:%H%M}"


def slots(service, p, day: date) -> list[dict]:
    plan = calendar.day_plan(service, day, p, now=timezone.now() - timedelta(days=1))
    out = []
    for s in plan.slots:
        begin = calendar.slot_datetime(day, s.starts)
        out.append(
            {
                "resourceType": "Slot",
                "id": slot_id(service, p, day, s.starts),
                "schedule": {"reference": f"Schedule/{schedule_id(service, p)}"},
                "status": "free" if s.free > 0 else "busy",
                "start": _iso(begin),
                "end": _iso(begin + timedelta(minutes=service.slot_minutes)),
            }
        )
    return out


def appointment(b: Booking) -> dict:
    begin = calendar.slot_datetime(b.day, b.slot_start)
    identifiers = []
    if b.nik:
        identifiers.append({"use": "official", "system": settings.FHIR_NIK_SYSTEM, "value": b.nik})
    if b.mrn:
        identifiers.append({"use": "usual", "system": settings.FHIR_MRN_SYSTEM, "value": b.mrn})
    patient = {"resourceType": "Patient", "id": "pasien", "name": [{"text": b.name}]}
    if identifiers:
        patient["identifier"] = identifiers
    if b.phone:
        patient["telecom"] = [{"system": "phone", "value": b.phone, "use": "mobile"}]
    participants = [
        {"actor": {"reference": "#pasien", "display": b.name}, "status": "accepted"},
        {"actor": {"reference": f"Location/{b.site_id}"}, "status": "accepted"},
    ]
    if b.practitioner_id:
        participants.append(
            {"actor": {"reference": f"Practitioner/{b.practitioner_id}"}, "status": "accepted"}
        )
    resource = {
        "resourceType": "Appointment",
        "id": b.code,
        "contained": [patient],
        "identifier": [{"system": f"{settings.PUBLIC_BASE_URL}/antrean", "value": b.code}],
        "status": APPOINTMENT_STATUS[b.status],
        "serviceType": [{"text": b.service.name}],
        "start": _iso(begin),
        "end": _iso(begin + timedelta(minutes=b.service.slot_minutes)),
        "created": _iso(b.created_at),
        "slot": [{"reference": f"Slot/{slot_id(b.service, b.practitioner, b.day, b.slot_start)}"}],
        "participant": participants,
    }
    if b.payer:
        resource["extension"] = [{"url": settings.FHIR_PAYER_EXTENSION, "valueCode": b.payer}]
    return resource


def bundle(resources: list[dict], base: str, total: int | None = None) -> dict:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources) if total is None else total,
        "entry": [
            {
                "fullUrl": f"{base}{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in resources
        ],
    }


def outcome(code: str, text: str, severity: str = "error") -> dict:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": text}],
    }


def capability_statement(base: str) -> dict:
    def res(kind, interactions, params=()):
        return {
            "type": kind,
            "interaction": [{"code": i} for i in interactions],
            "searchParam": [{"name": n, "type": t} for n, t in params],
        }

    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": timezone.localdate().isoformat(),
        "kind": "instance",
        "fhirVersion": FHIR_VERSION,
        "format": ["json"],
        "software": {"name": "Satu Pintu antrean"},
        "implementation": {"description": "Satu Pintu queue bookings", "url": base},
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Bearer token per client system (scopes: read, write)."
                },
                "resource": [
                    res("Location", ["read", "search-type"]),
                    res("HealthcareService", ["read", "search-type"], [("location", "reference")]),
                    res("Practitioner", ["read", "search-type"]),
                    res("Schedule", ["read", "search-type"], [("actor", "reference")]),
                    res("Slot", ["search-type"], [("schedule", "reference"), ("start", "date")]),
                    res(
                        "Appointment",
                        ["read", "search-type", "update"],
                        [
                            ("date", "date"),
                            ("location", "reference"),
                            ("practitioner", "reference"),
                            ("patient.identifier", "token"),
                            ("status", "token"),
                        ],
                    ),
                ],
            }
        ],
    }


def strip_empty(value):
    """Drop None values (FHIR forbids nulls)."""
    if isinstance(value, dict):
        return {k: strip_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_empty(v) for v in value]
    return value

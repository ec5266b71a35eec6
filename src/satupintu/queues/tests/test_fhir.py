"""/fhir/R4/: every interaction's answer validated against the FHIR models (fhir.resources,
R4B, and the SMART client's R4 models), token scopes, the SIMRS's status updates, audit, and
the client library used as a SIMRS would use it."""

import json

import pytest
from django.test import override_settings
from fhir.resources.R4B import get_fhir_model_class
from fhirclient.models.appointment import Appointment as ClientAppointment
from fhirclient.models.bundle import Bundle as ClientBundle
from fhirclient.models.capabilitystatement import CapabilityStatement as ClientCapability

from satupintu.core.models import AuditEvent
from satupintu.queues import services
from satupintu.queues.models import Booking, Ticket
from satupintu.queues.services import clients
from satupintu.queues.tests.conftest import NIK, request_for

pytestmark = pytest.mark.django_db
BASE = "/fhir/R4/"
READ_TOKEN = "token-baca-simrs-0001"  # noqa: S105
WRITE_TOKEN = "token-tulis-simrs-0001"  # noqa: S105


def validate(data: dict):
    """Parse with fhir.resources (R4B) and the fhirclient R4 models; both must accept it."""
    model = get_fhir_model_class(data["resourceType"])
    parsed = model.model_validate(data)
    from fhirclient.models import fhirelementfactory

    fhirelementfactory.FHIRElementFactory.instantiate(data["resourceType"], data)
    return parsed


@pytest.fixture
def simrs(rsud):
    clients.issue(rsud, "SIMRS baca", token=READ_TOKEN)
    clients.issue(rsud, "SIMRS tulis", write=True, token=WRITE_TOKEN)
    return rsud


@pytest.fixture
def booking(simrs):
    poli = simrs.services.get(prefix="B")
    doctor = simrs.practitioners.order_by("name").first()
    return services.book(
        request_for(poli, practitioner=doctor, nik=NIK, mrn="RM-0042", payer="bpjs")
    )[0]


def get(client, path, token=READ_TOKEN, **params):
    return client.get(BASE + path, params, headers={"authorization": f"Bearer {token}"})


def test_metadata_is_a_capability_statement(client):
    data = client.get(BASE + "metadata").json()
    validate(data)
    ClientCapability(data)
    assert data["fhirVersion"] == "4.0.1"


def test_token_required_and_wrong_token_refused(client, simrs):
    assert client.get(BASE + "Location").status_code == 401
    assert get(client, "Location", token="salah-salah-salah").status_code == 401


def test_every_read_and_search_validates(client, simrs, booking):
    doctor = booking.practitioner
    poli = booking.service
    paths = [
        "Location",
        f"Location/{simrs.pk}",
        "HealthcareService",
        f"HealthcareService/{poli.pk}",
        "Practitioner",
        f"Practitioner/{doctor.pk}",
        "Schedule",
        f"Schedule/{poli.pk}-{doctor.pk}",
    ]
    for path in paths:
        response = get(client, path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/fhir+json")
        validate(response.json())
    slots = get(client, "Slot", schedule=f"Schedule/{poli.pk}-{doctor.pk}", start="2026-12-07")
    bundle = slots.json()
    validate(bundle)
    assert bundle["total"] == 4 and bundle["entry"][0]["resource"]["start"].startswith(
        "2026-12-07T08:00:00+08:00"
    )


def test_appointment_search_by_date_practitioner_and_nik(client, booking):
    searches = [
        {"date": "2026-12-07"},
        {"date": "2026-12-07", "practitioner": f"Practitioner/{booking.practitioner_id}"},
        {"date": "2026-12-07", "location": f"Location/{booking.site_id}"},
        {"date": "2026-12-07", "patient.identifier": f"https://fhir.kemkes.go.id/id/nik|{NIK}"},
        {"date": "2026-12-07", "patient.identifier": "urn:satupintu:rsud:mrn|RM-0042"},
    ]
    for params in searches:
        bundle = get(client, "Appointment", **params).json()
        validate(bundle)
        ClientBundle(bundle)
        assert bundle["total"] == 1, params
    resource = bundle["entry"][0]["resource"]
    patient = resource["contained"][0]
    assert {"system": "https://fhir.kemkes.go.id/id/nik", "value": NIK, "use": "official"} in (
        patient["identifier"]
    )
    assert resource["status"] == "booked" and resource["id"] == booking.code
    ranged = client.get(
        BASE + "Appointment?date=ge2026-12-01&date=lt2026-12-08",
        headers={"authorization": f"Bearer {READ_TOKEN}"},
    ).json()
    assert ranged["total"] == 1
    assert get(client, "Appointment", date="ge2026-12-01").status_code == 400  # open range
    assert get(client, "Appointment", date="2026-99-01").status_code == 400
    empty = get(client, "Appointment", date="2026-12-07", **{"patient.identifier": "x|1"}).json()
    assert empty["total"] == 0
    assert AuditEvent.objects.filter(action="queues.fhir_appointment_search").count() == 7


@override_settings(FHIR_NIK_SYSTEM="urn:contoh:nik")
def test_nik_system_is_configurable(client, booking):
    resource = get(client, f"Appointment/{booking.code}").json()
    assert resource["contained"][0]["identifier"][0]["system"] == "urn:contoh:nik"


def test_appointment_search_pages(client, booking):
    other = services.book(
        request_for(
            booking.service,
            practitioner=booking.practitioner,
            hhmm="09:00",
            phone="+6281234567898",
            nik="6471051506900003",
        )
    )[0]
    first = get(client, "Appointment", date="2026-12-07", _count="1").json()
    validate(first)
    assert first["total"] == 2 and [e["resource"]["id"] for e in first["entry"]] == [booking.code]
    following = next(link["url"] for link in first["link"] if link["relation"] == "next")
    second = client.get(following, headers={"authorization": f"Bearer {READ_TOKEN}"}).json()
    assert [e["resource"]["id"] for e in second["entry"]] == [other.code]
    assert all(link["relation"] != "next" for link in second["link"])


def test_read_scope_cannot_update(client, booking):
    body = json.dumps({"resourceType": "Appointment", "status": "arrived"})
    response = client.put(
        BASE + f"Appointment/{booking.code}",
        body,
        content_type="application/fhir+json",
        headers={"authorization": f"Bearer {READ_TOKEN}"},
    )
    assert response.status_code == 403
    validate(response.json())


def put_status(client, code, status):
    return client.put(
        BASE + f"Appointment/{code}",
        json.dumps({"resourceType": "Appointment", "status": status}),
        content_type="application/fhir+json",
        headers={"authorization": f"Bearer {WRITE_TOKEN}"},
    )


def test_status_updates_arrived_fulfilled(client, booking):
    response = put_status(client, booking.code, "arrived")
    assert response.status_code == 200 and response.json()["status"] == "arrived"
    validate(response.json())
    assert Ticket.objects.get(booking=booking).label == "B-001"
    assert put_status(client, booking.code, "fulfilled").json()["status"] == "fulfilled"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DONE
    assert put_status(client, booking.code, "booked").status_code == 422
    assert AuditEvent.objects.filter(action="queues.fhir_appointment_updated").count() == 2


def test_status_updates_noshow_and_cancelled(client, simrs, booking):
    assert put_status(client, booking.code, "noshow").json()["status"] == "noshow"
    other = services.book(
        request_for(
            booking.service,
            practitioner=booking.practitioner,
            hhmm="09:00",
            phone="+6281234567899",
            nik="6471051506900003",
        )
    )[0]
    assert put_status(client, other.code, "cancelled").json()["status"] == "cancelled"
    assert put_status(client, other.code, "nonsense").status_code == 422


def test_other_sites_are_not_found(client, simrs, office):
    own = services.book(request_for(office.services.get(prefix="A")))[0]
    assert get(client, f"Appointment/{own.code}").status_code == 404
    assert get(client, f"Location/{office.pk}").status_code == 404
    assert get(client, f"HealthcareService/{office.services.first().pk}").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_fhir_client_library_against_the_live_server(live_server, rsud):
    """The SMART on FHIR Python client reads and updates as the SIMRS would."""
    from fhirclient import server as fhir_server

    clients.issue(rsud, "SIMRS", write=True, token=WRITE_TOKEN)
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").first()
    booking = services.book(request_for(poli, practitioner=doctor, nik=NIK))[0]
    server = fhir_server.FHIRServer(None, base_uri=f"{live_server.url}/fhir/R4/")
    server.session.headers["Authorization"] = f"Bearer {WRITE_TOKEN}"
    appointment = ClientAppointment.read(booking.code, server)
    assert appointment.status == "booked"
    found = ClientAppointment.where(struct={"date": "2026-12-07"}).perform_resources(server)
    assert [a.id for a in found] == [booking.code]
    appointment.status = "arrived"
    appointment.update(server)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN


def test_fulfilled_closes_the_called_ticket(client, simrs, booking):
    put_status(client, booking.code, "arrived")
    room = simrs.counters.get(number=2)
    called = services.call_next(room)
    version = type(simrs).objects.get(pk=simrs.pk).board_version
    assert put_status(client, booking.code, "fulfilled").status_code == 200
    called.refresh_from_db()
    assert called.status == Ticket.Status.DONE and called.finished_at is not None
    assert called.events.filter(action="closed", status=Ticket.Status.DONE).exists()
    assert services.tickets.active_ticket(room) is None
    assert type(simrs).objects.get(pk=simrs.pk).board_version > version
    closed = AuditEvent.objects.get(action="queues.ticket_closed")
    assert closed.data["status"] == Ticket.Status.DONE
    assert AuditEvent.objects.get(action="queues.booking_closed").data["ticket"] == called.pk


def test_noshow_takes_the_waiting_ticket_out_of_the_queue(client, simrs, booking):
    put_status(client, booking.code, "arrived")
    ticket = Ticket.objects.get(booking=booking)
    assert put_status(client, booking.code, "noshow").json()["status"] == "noshow"
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NO_SHOW and ticket.served_at is None
    assert services.call_next(simrs.counters.get(number=2)) is None


def test_cancelled_after_arrival_is_refused_and_leaves_the_ticket(client, simrs, booking):
    put_status(client, booking.code, "arrived")
    assert put_status(client, booking.code, "cancelled").status_code == 422
    assert Ticket.objects.get(booking=booking).status == Ticket.Status.WAITING
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN

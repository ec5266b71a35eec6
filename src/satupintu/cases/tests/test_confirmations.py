"""Confirmations with the private link, and the link in every later status message (issue 16)."""

import pytest

from satupintu.cases import notify
from satupintu.cases.models import Case
from satupintu.cases.tests.helpers import act, file_case, verify
from satupintu.complaints.forms import Identity
from satupintu.notifications.models import OutboxMessage

BASE = "https://layanan.contoh.go.id"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.PUBLIC_BASE_URL = BASE


def private_link(case: Case, secret: str) -> str:
    return f"{BASE}/lacak/{case.tracking_code}/{secret}/"


def filed(category, capture, **kwargs) -> tuple[Case, str]:
    with capture(execute=True):
        case, secret = file_case(category, **kwargs)
    case.refresh_from_db()
    return case, secret


# --- Each reporter type and channel ------------------------------------------------------------


@pytest.mark.parametrize(
    ("identity", "email", "phone", "channel", "address"),
    [
        (Identity.NAMED, "budi@contoh.id", "+6281234567890", "email", "budi@contoh.id"),
        (Identity.NAMED, "", "+6281234567890", "sms", "+6281234567890"),
        (Identity.CONFIDENTIAL, "rahasia@contoh.id", "", "email", "rahasia@contoh.id"),
        (Identity.CONFIDENTIAL, "", "+6281311112222", "sms", "+6281311112222"),
    ],
)
def test_a_filed_complaint_is_confirmed_with_its_code_and_private_link(
    category, django_capture_on_commit_callbacks, identity, email, phone, channel, address
):
    case, secret = filed(
        category,
        django_capture_on_commit_callbacks,
        identity=identity,
        reporter_email=email,
        reporter_phone=phone,
    )

    messages = list(OutboxMessage.objects.all())
    assert len(messages) == 1  # the confirmation replaces the engine's generic message
    message = messages[0]
    assert (message.channel, message.recipient) == (channel, address)
    assert message.reference == case.tracking_code
    assert case.tracking_code in message.subject
    assert case.tracking_code in message.body
    assert private_link(case, secret) in message.body
    assert "Batas verifikasi:" in message.body
    assert message.status == OutboxMessage.Status.SENT  # delivered after the commit


def test_an_anonymous_reporter_with_a_contact_gets_the_link_and_the_contact_is_not_kept(
    category, django_capture_on_commit_callbacks
):
    case, secret = filed(
        category,
        django_capture_on_commit_callbacks,
        identity=Identity.ANONYMOUS,
        reporter_name="",
        reporter_email="diam@contoh.id",
        reporter_phone="",
    )

    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("email", "diam@contoh.id")
    assert private_link(case, secret) in message.body
    # Nothing ties the message to the case, and the case keeps no contact.
    assert message.reference == ""
    assert message.dedupe_key.startswith("case-link:")  # random, not the case's event
    assert (case.reporter_email, case.reporter_phone, case.reporter_name) == ("", "", "")
    assert case.attributes["private_link_sent"] is True


def test_an_anonymous_reporter_with_a_phone_gets_an_sms(
    category, django_capture_on_commit_callbacks
):
    case, secret = filed(
        category,
        django_capture_on_commit_callbacks,
        identity=Identity.ANONYMOUS,
        reporter_email="",
        reporter_phone="+6281299998888",
    )

    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("sms", "+6281299998888")
    assert private_link(case, secret) in message.body


def test_an_anonymous_reporter_without_a_contact_gets_nothing(
    category, django_capture_on_commit_callbacks
):
    filed(
        category,
        django_capture_on_commit_callbacks,
        identity=Identity.ANONYMOUS,
        reporter_email="",
        reporter_phone="",
    )

    assert not OutboxMessage.objects.exists()


def test_a_whatsapp_reporter_is_confirmed_on_whatsapp(category, django_capture_on_commit_callbacks):
    from satupintu.cases.tests.helpers import SEPINGGAN, region
    from satupintu.complaints.services import file_complaint

    with django_capture_on_commit_callbacks(execute=True):
        case, secret = file_complaint(
            channel=Case.Channel.WHATSAPP,
            subtype="pengaduan",
            category=category,
            title="Sampah menumpuk",
            description="Sampah menumpuk di pinggir jalan sejak seminggu.",
            reporter_name="Wati",
            reporter_phone="+6281277776666",
            kelurahan=region(SEPINGGAN),
        )

    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("whatsapp", "+6281277776666")
    assert private_link(case, secret) in message.body


def test_confirming_twice_sends_one_message(category, django_capture_on_commit_callbacks):
    case, _secret = filed(category, django_capture_on_commit_callbacks)

    again = notify.confirm_submission(case)

    assert OutboxMessage.objects.count() == 1
    assert again == OutboxMessage.objects.get()


def test_confirmation_to_a_contact_given_by_someone_else(
    category, django_capture_on_commit_callbacks
):
    """A helper at a counter may name the contact to use (e.g. the citizen's phone)."""
    case, secret = filed(category, django_capture_on_commit_callbacks, reporter_phone="")

    message = notify.confirm_submission(case, "0812-4444-5555")

    assert (message.channel, message.recipient) == ("sms", "+6281244445555")
    assert message.reference == case.tracking_code
    assert private_link(case, secret) in message.body


def test_a_case_without_a_kept_secret_links_to_the_public_page(
    category, django_capture_on_commit_callbacks
):
    case, _secret = filed(category, django_capture_on_commit_callbacks)
    Case.objects.filter(pk=case.pk).update(secret_token="")
    case.refresh_from_db()

    assert notify.private_url(case) == f"{BASE}/lacak/{case.tracking_code}/"


def test_a_kept_secret_that_does_not_match_the_hash_is_not_used(
    category, django_capture_on_commit_callbacks
):
    case, _secret = filed(category, django_capture_on_commit_callbacks)
    Case.objects.filter(pk=case.pk).update(secret_token="y" * 32)
    case.refresh_from_db()

    assert notify.reporter_secret(case) == ""


def test_the_secret_is_stored_encrypted(category, django_capture_on_commit_callbacks):
    from django.db import connection

    case, secret = filed(category, django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_token FROM cases_case WHERE id = %s", [case.pk])
        stored = cursor.fetchone()[0]

    assert stored and secret not in stored
    assert case.secret_token == secret


# --- Later messages carry the link --------------------------------------------------------------


def test_later_status_messages_carry_the_private_link(
    category, coordinator, django_capture_on_commit_callbacks
):
    case, secret = filed(category, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        verify(case, by=coordinator, org_unit="DPU")
        act(case, "reply", by=coordinator, role="coordinator", note="Tim sudah dijadwalkan.")

    later = list(OutboxMessage.objects.order_by("pk"))[1:]  # after the confirmation
    assert len(later) == 2
    for message in later:
        assert private_link(case, secret) in message.body
        assert "?k=" not in message.body
    assert "Tim sudah dijadwalkan." in later[1].body
    assert "Kabar laporan" in later[0].subject


def test_a_note_with_braces_is_not_filled_as_a_placeholder(
    category, coordinator, django_capture_on_commit_callbacks
):
    case, _secret = filed(category, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "reply", by=coordinator, role="coordinator", note="Lihat {tautan} dan {kode}")

    reply = OutboxMessage.objects.order_by("pk").last()
    assert "Lihat {tautan} dan {kode}" in reply.body


def test_links_use_the_configured_address_not_the_request_host(
    client, category, django_capture_on_commit_callbacks
):
    """A complaint filed on any host name gets links on SP_PUBLIC_BASE_URL."""
    from satupintu.cases.tests.helpers import SEPINGGAN, region

    data = {
        "subtype": "pengaduan",
        "category": category.pk,
        "title": "Lampu jalan mati",
        "description": "Lampu jalan di depan masjid mati sejak minggu lalu, gelap sekali.",
        "kelurahan": region(SEPINGGAN).pk,
        "identity": Identity.NAMED,
        "reporter_name": "Ani",
        "reporter_email": "ani@contoh.id",
        "idempotency_key": "conf-host-1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/aduan/baru/", data, HTTP_HOST="evil.example")
    assert response.status_code == 302
    case = Case.objects.get()
    page = client.get(response["Location"], HTTP_HOST="evil.example").content.decode()

    assert f'href="{BASE}/lacak/{case.tracking_code}/' in page
    assert "evil.example" not in page
    message = OutboxMessage.objects.get()
    assert "evil.example" not in message.body
    assert f"{BASE}/lacak/{case.tracking_code}/" in message.body


def test_erasing_the_account_drops_the_kept_secret_but_the_link_still_opens(
    client, category, citizen, django_capture_on_commit_callbacks
):
    from satupintu.accounts.services import erase_account

    case, secret = filed(category, django_capture_on_commit_callbacks, user=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=citizen, actor=citizen)
    case.refresh_from_db()

    assert case.secret_token == ""
    assert notify.private_url(case) == f"{BASE}/lacak/{case.tracking_code}/"
    assert client.get(f"/lacak/{case.tracking_code}/{secret}/").status_code == 200

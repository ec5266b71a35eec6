""" "Kirim tautan ini ke saya" on the confirmation page of an anonymous complaint (issue 16)."""

import pytest
from django.urls import reverse

from satupintu.cases.models import Case
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Region


def form_data(category, key, **extra):
    data = {
        "subtype": "pengaduan",
        "category": category.pk,
        "title": "Pungutan liar di loket",
        "description": "Petugas meminta uang tambahan di luar tarif resmi saat mengurus surat.",
        "kelurahan": Region.objects.get(code="64.71.05.1002").pk,
        "identity": "anonymous",
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "idempotency_key": key,
    }
    data.update(extra)
    return data


@pytest.fixture
def anonymous_case(client, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:new"), form_data(category, "anon-1"))
    assert response.status_code == 302
    return Case.objects.get()


def send(client, case, contact, capture):
    with capture(execute=True):
        return client.post(
            reverse("complaints:send_link", args=[case.tracking_code]), {"contact": contact}
        )


def test_the_page_offers_to_send_the_link_to_an_anonymous_reporter_without_contact(
    client, anonymous_case
):
    page = client.get(reverse("complaints:sent", args=[anonymous_case.tracking_code]))

    body = page.content.decode()
    assert "Kirim tautan ini ke saya" in body
    assert 'name="contact"' in body
    assert not OutboxMessage.objects.exists()


def test_the_link_is_sent_once_and_the_contact_is_not_kept(
    client, anonymous_case, django_capture_on_commit_callbacks
):
    response = send(client, anonymous_case, "diam@contoh.id", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("email", "diam@contoh.id")
    assert f"/lacak/{anonymous_case.tracking_code}/" in message.body
    assert anonymous_case.tracking_code in message.body
    assert message.reference == ""
    anonymous_case.refresh_from_db()
    assert (anonymous_case.reporter_email, anonymous_case.reporter_phone) == ("", "")
    page = client.get(response["Location"]).content.decode()
    assert "d***@contoh.id" in page
    assert 'name="contact"' not in page  # sent: the form is gone

    again = send(client, anonymous_case, "lain@contoh.id", django_capture_on_commit_callbacks)
    assert again.status_code == 409
    assert "sudah dikirim" in again.content.decode()
    assert OutboxMessage.objects.count() == 1


def test_a_phone_number_gets_an_sms(client, anonymous_case, django_capture_on_commit_callbacks):
    response = send(client, anonymous_case, "0812 3456 7890", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient) == ("sms", "+6281234567890")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("bukan kontak", "Tulis alamat e-mail"),
        ("nama@", "Alamat e-mail tidak valid"),
        ("0812", "Nomor HP tidak valid"),
        ("", "Isi alamat e-mail atau nomor HP"),
    ],
)
def test_bad_input_keeps_what_was_typed_with_an_indonesian_message(
    client, anonymous_case, django_capture_on_commit_callbacks, typed, message
):
    response = send(client, anonymous_case, typed, django_capture_on_commit_callbacks)

    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    if typed:
        assert f'value="{typed}"' in body
    assert not OutboxMessage.objects.exists()


def test_sending_is_throttled(client, category, settings, django_capture_on_commit_callbacks):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "send_link": "1/h/session"}
    cases = []
    for key in ("anon-a", "anon-b"):
        client.post(reverse("complaints:new"), form_data(category, key))
        cases.append(Case.objects.get(idempotency_key=key))

    # The session now holds the second case's secret: send for it, then file a third.
    first = send(client, cases[1], "satu@contoh.id", django_capture_on_commit_callbacks)
    client.post(reverse("complaints:new"), form_data(category, "anon-c"))
    third = Case.objects.get(idempotency_key="anon-c")
    refused = send(client, third, "dua@contoh.id", django_capture_on_commit_callbacks)

    assert first.status_code == 302
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Terlalu banyak" in body
    assert 'value="dua@contoh.id"' in body
    assert OutboxMessage.objects.count() == 1


def test_only_the_browser_that_filed_it_can_send_the_link(
    client, anonymous_case, django_capture_on_commit_callbacks
):
    from django.test import Client

    stranger = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = stranger.post(
            reverse("complaints:send_link", args=[anonymous_case.tracking_code]),
            {"contact": "orang@contoh.id"},
        )

    assert response.status_code == 404
    assert not OutboxMessage.objects.exists()
    page = stranger.get(reverse("complaints:sent", args=[anonymous_case.tracking_code]))
    assert 'name="contact"' not in page.content.decode()


def test_a_named_reporter_is_told_where_the_link_went_and_gets_no_form(
    client, category, django_capture_on_commit_callbacks
):
    data = form_data(
        category, "named-1", identity="named", reporter_name="Budi", reporter_email="budi@contoh.id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:new"), data)
    case = Case.objects.get()

    page = client.get(response["Location"]).content.decode()
    refused = send(client, case, "lain@contoh.id", django_capture_on_commit_callbacks)

    assert "b***@contoh.id" in page
    assert 'name="contact"' not in page
    assert refused.status_code == 404


def test_an_anonymous_reporter_who_gave_a_contact_is_told_and_gets_no_form(
    client, category, django_capture_on_commit_callbacks
):
    data = form_data(category, "anon-contact", reporter_phone="0812-3456-7890")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:new"), data)

    page = client.get(response["Location"]).content.decode()

    assert 'id="link-sent"' in page
    assert 'name="contact"' not in page
    assert OutboxMessage.objects.get().channel == "sms"

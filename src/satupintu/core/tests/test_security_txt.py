"""/.well-known/security.txt (RFC 9116) tells researchers where to report a vulnerability."""

from datetime import UTC, datetime, timedelta

import time_machine

URL = "/.well-known/security.txt"


def test_security_txt_names_the_configured_contact(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "keamanan@balikpapan.go.id"
    settings.SECURITY_POLICY_URL = "https://layanan.balikpapan.go.id/kebijakan-keamanan"
    settings.SECURITY_TXT_EXPIRES_DAYS = 90

    with time_machine.travel(datetime(2026, 12, 5, 9, 30, tzinfo=UTC), tick=False):
        response = client.get(URL, HTTP_HOST="layanan.balikpapan.go.id", secure=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines == [
        "Contact: mailto:keamanan@balikpapan.go.id",
        "Expires: 2027-03-05T09:30:00Z",
        "Preferred-Languages: id, en",
        "Canonical: https://layanan.balikpapan.go.id/.well-known/security.txt",
        "Policy: https://layanan.balikpapan.go.id/kebijakan-keamanan",
    ]


def test_security_txt_expires_is_always_ahead(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "keamanan@balikpapan.go.id"
    settings.SECURITY_POLICY_URL = ""

    body = client.get(URL).content.decode()

    expires = next(line for line in body.splitlines() if line.startswith("Expires: "))
    when = datetime.strptime(expires.removeprefix("Expires: "), "%Y-%m-%dT%H:%M:%SZ")
    ahead = when.replace(tzinfo=UTC) - datetime.now(UTC)
    assert timedelta(days=179) < ahead <= timedelta(days=180)
    assert "Policy:" not in body


def test_without_a_contact_there_is_no_security_txt(client, settings):
    settings.SECURITY_CONTACT_EMAIL = ""

    assert client.get(URL).status_code == 404


def test_security_txt_answers_head_and_refuses_writes(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "keamanan@balikpapan.go.id"

    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405

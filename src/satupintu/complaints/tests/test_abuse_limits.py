"""Anonymous complaint submission is limited per client address, per session and in bytes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from satupintu.cases.models import Case
from satupintu.complaints.tests.test_flow import category, form_data, png_bytes  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/aduan/baru/"


def _post(client, category, n, **extra):  # noqa: F811
    return client.post(URL, form_data(category, idempotency_key=f"k-{n}", **extra))


@pytest.fixture
def limits(settings):
    def set_limit(spec, upload_bytes=None):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, "complaint": spec}
        if upload_bytes is not None:
            settings.UPLOAD_BYTES_PER_HOUR = upload_bytes

    return set_limit


def test_eight_quick_complaints_from_one_browser_are_not_all_accepted(client, category):  # noqa: F811
    statuses = [_post(client, category, n).status_code for n in range(8)]

    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert Case.objects.count() == 5


def test_per_address_limit_holds_across_fresh_sessions(category, limits):  # noqa: F811
    limits("3/h/ip,50/h/session")

    statuses = [_post(Client(), category, n).status_code for n in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert Case.objects.count() == 3


def test_refusal_is_indonesian_and_keeps_the_typed_form(category, limits):  # noqa: F811
    limits("1/h/ip")
    _post(Client(), category, 1)

    response = _post(Client(), category, 2, title="Lampu jalan padam semalaman")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak pengiriman" in html
    assert "Coba lagi dalam 1 jam" in html
    assert 'value="Lampu jalan padam semalaman"' in html
    assert "Lubang besar di depan sekolah" in html
    assert Case.objects.count() == 1


def test_per_session_limit_leaves_other_browsers_on_the_same_address_alone(category, limits):  # noqa: F811
    limits("100/h/ip,2/h/session")
    first = Client()

    statuses = [_post(first, category, n).status_code for n in range(3)]
    other = _post(Client(), category, 9).status_code

    assert statuses == [302, 302, 429]
    assert other == 302


def test_invalid_forms_do_not_use_up_the_allowance(client, category, limits):  # noqa: F811
    limits("1/h/ip")

    bad = client.post(URL, form_data(category, title="", idempotency_key="bad"))
    good = _post(client, category, 1)

    assert bad.status_code == 400
    assert good.status_code == 302


def test_upload_bytes_per_address_and_hour_are_budgeted(category, limits):  # noqa: F811
    size = len(png_bytes())
    limits("100/h/ip", upload_bytes=size * 3)

    def with_photos(n, count):
        photos = [
            SimpleUploadedFile(f"foto{i}.png", png_bytes(), content_type="image/png")
            for i in range(count)
        ]
        return Client().post(
            URL, {**form_data(category, idempotency_key=f"u-{n}"), "files": photos}
        )

    assert with_photos(1, 2).status_code == 302
    refused = with_photos(2, 2)
    assert refused.status_code == 429
    assert "Batas ukuran unggahan" in refused.content.decode()
    assert with_photos(3, 1).status_code == 302  # what is left of the budget still fits
    assert Case.objects.count() == 2

"""The privacy notice: every purpose with data, lawful basis, who sees it, retention and the
rights; periods rendered from the constants the code enforces; linked from every form that
collects personal data and from the footer."""

import pytest
from django.test import override_settings

from satupintu.documents.tasks import LOG_RETENTION
from satupintu.intake.tasks import KEEP_CONVERSATIONS, KEEP_MESSAGE_IDS
from satupintu.testing.factories import UserFactory

PRIVACY = "/privasi/"
LINK = 'href="/privasi/'


@pytest.fixture
def page(client, reference_data):
    response = client.get(PRIVACY)
    assert response.status_code == 200
    return response.content.decode()


def test_notice_covers_each_purpose_with_basis_audience_retention(page):
    for section in ("akun", "pengaduan", "permohonan", "antrean", "pesan", "keamanan", "hak"):
        assert f'id="{section}"' in page
    assert page.count("Dasar hukum") == 6
    assert page.count("Yang melihat") == 6
    assert page.count("Lama disimpan") == 6
    assert "Pasal 20 ayat (2)" in page
    for right in ("Akses dan salinan", "Perbaikan", "Penghapusan", "Keberatan", "Pengaduan"):
        assert right in page
    for url in ("/akun/data-saya/", "/akun/profil/", "/akun/hapus/"):
        assert f'href="{url}"' in page


def test_retention_periods_come_from_the_enforcing_constants(client, page, settings):
    assert f"disimpan {settings.APPLICATION_RECORD_RETENTION_YEARS} tahun" in page
    assert f"disimpan {LOG_RETENTION.days} hari" in page
    assert f"disimpan {KEEP_CONVERSATIONS.days} hari" in page
    assert f"masuk {KEEP_MESSAGE_IDS.days} hari" in page
    assert f"dihapus {settings.QUEUE_PERSONAL_DATA_DAYS} hari setelah hari booking" in page

    with override_settings(APPLICATION_RECORD_RETENTION_YEARS=11):
        assert "disimpan 11 tahun" in client.get(PRIVACY).content.decode()


def test_controller_contact_is_the_city_government(page):
    assert "Pengelola" in page


def test_linked_from_footer_sign_up_profile_and_complaint_form(client, reference_data):
    assert LINK in client.get("/").content.decode()
    assert LINK in client.get("/akun/signup/").content.decode()
    assert LINK in client.get("/aduan/baru/").content.decode()
    client.force_login(UserFactory())
    body = client.get("/akun/profil/").content.decode()
    assert 'href="/privasi/#akun"' in body


def test_linked_from_the_operator_intake_form(client, staff_a):
    client.force_login(staff_a)

    body = client.get("/kantor/aduan-telepon/").content.decode()

    assert 'href="/privasi/#pengaduan"' in body

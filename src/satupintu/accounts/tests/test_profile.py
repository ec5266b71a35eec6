"""The citizen's own profile: NIK encrypted and masked, address validated, input escaped."""

import pytest
from django.db import connection
from stdnum.id import nik as stdnum_nik

from satupintu.accounts.models import CitizenProfile
from satupintu.accounts.nik import nik_index
from satupintu.core.models import AuditEvent
from satupintu.org.models import Region
from satupintu.testing.factories import UserFactory

PROFILE_URL = "/akun/"
EDIT_URL = "/akun/profil/"
VALID_NIK = "6471054107900001"  # Balikpapan Selatan, woman born 1 July 1990
OTHER_VALID_NIK = "6471051505850003"


@pytest.fixture
def kelurahan(reference_data):
    return Region.objects.get(code="64.71.05.1002")  # Sepinggan, Balikpapan Selatan


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def profile_data(region, **overrides):
    data = {
        "full_name": "Siti Aminah",
        "nik": VALID_NIK,
        "kelurahan": str(region.pk),
        "rt": "7",
        "street": "Jl. Jenderal Sudirman No. 12",
    }
    data.update(overrides)
    return data


def raw_nik(user_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik FROM accounts_citizenprofile WHERE user_id = %s", [user_id])
        return cursor.fetchone()[0]


def test_fixture_niks_are_valid():
    assert stdnum_nik.validate(VALID_NIK) == VALID_NIK
    assert stdnum_nik.validate(OTHER_VALID_NIK) == OTHER_VALID_NIK


def test_profile_pages_need_login(client, db):
    for url in (PROFILE_URL, EDIT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/akun/login/")


def test_edit_form_lists_kelurahan_with_their_kecamatan(logged_in, kelurahan):
    response = logged_in.get(EDIT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{kelurahan.pk}">Sepinggan — Balikpapan Selatan</option>' in html
    # Kecamatan are not kelurahan: not offered.
    district = Region.objects.get(code="64.71.05")
    assert f'<option value="{district.pk}">' not in html


def test_valid_profile_is_saved_with_encrypted_nik_and_shown_masked(logged_in, citizen, kelurahan):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan))

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    citizen.refresh_from_db()
    profile = CitizenProfile.objects.get(user=citizen)
    assert citizen.full_name == "Siti Aminah"
    assert profile.nik == VALID_NIK
    assert profile.nik_index == nik_index(VALID_NIK)
    assert profile.kelurahan == kelurahan
    assert profile.rt == "007"  # padded to three digits
    assert profile.street == "Jl. Jenderal Sudirman No. 12"
    stored = raw_nik(citizen.pk)
    assert stored
    assert VALID_NIK not in stored
    assert "6471" not in stored

    page = logged_in.get(PROFILE_URL)
    html = page.content.decode()
    assert "6471********0001" in html
    assert VALID_NIK not in html
    assert "Profil disimpan" in html
    assert "RT 007" in html
    assert "Sepinggan" in html


def test_nik_with_spaces_or_dots_is_normalised(logged_in, citizen, kelurahan):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, nik="6471 0541 0790 0001"))

    assert response.status_code == 302
    assert CitizenProfile.objects.get(user=citizen).nik == VALID_NIK


def test_profile_update_is_audited_with_masked_nik_only(logged_in, citizen, kelurahan):
    logged_in.post(EDIT_URL, profile_data(kelurahan))

    event = AuditEvent.objects.get(action="accounts.profile_updated")
    assert event.actor_id == citizen.pk
    assert "nik" in event.data["fields"]
    assert event.data["nik"] == "6471********0001"
    for row in AuditEvent.objects.all():
        assert VALID_NIK not in str(row.data)
        assert VALID_NIK not in row.object_label


@pytest.mark.parametrize(
    "bad_nik",
    [
        "1234",
        "647105410790000",  # 15 digits
        "64710541079000012",  # 17 digits
        "6471053207900001",  # day 32
        "64710541079000AB",
        "abcdefghijklmnop",
    ],
)
def test_invalid_nik_is_refused_and_other_fields_are_kept(logged_in, citizen, kelurahan, bad_nik):
    data = profile_data(kelurahan, full_name="Siti Rahma", street="Gang Mawar 3", rt="12")
    data["nik"] = bad_nik

    response = logged_in.post(EDIT_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "NIK tidak valid" in html
    assert 'value="Siti Rahma"' in html
    assert 'value="Gang Mawar 3"' in html
    assert 'value="12"' in html
    assert f'<option value="{kelurahan.pk}" selected>' in html
    assert not CitizenProfile.objects.filter(user=citizen).exclude(nik="").exists()
    citizen.refresh_from_db()
    assert citizen.full_name != "Siti Rahma"
    assert not AuditEvent.objects.filter(action="accounts.profile_updated").exists()


def test_nik_used_by_another_account_is_refused(logged_in, citizen, kelurahan):
    other = UserFactory()
    CitizenProfile.objects.create(user=other, nik=VALID_NIK, nik_index=nik_index(VALID_NIK))

    response = logged_in.post(EDIT_URL, profile_data(kelurahan, full_name="Nama Baru"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "NIK ini sudah dipakai akun lain" in html
    assert 'value="Nama Baru"' in html
    # Nothing of the attempt was saved, not even the name.
    citizen.refresh_from_db()
    assert citizen.full_name != "Nama Baru"
    assert not CitizenProfile.objects.filter(user=citizen, nik=VALID_NIK).exists()
    assert CitizenProfile.objects.get(user=other).nik == VALID_NIK
    assert not AuditEvent.objects.filter(action="accounts.profile_updated").exists()


def test_citizen_may_keep_their_own_nik_when_editing_again(logged_in, citizen, kelurahan):
    logged_in.post(EDIT_URL, profile_data(kelurahan))

    response = logged_in.post(EDIT_URL, profile_data(kelurahan, street="Jl. Baru 1"))

    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.nik == VALID_NIK
    assert profile.street == "Jl. Baru 1"


def test_edit_form_prefills_the_saved_values(logged_in, kelurahan):
    logged_in.post(EDIT_URL, profile_data(kelurahan))

    html = logged_in.get(EDIT_URL).content.decode()

    assert 'value="Siti Aminah"' in html
    assert f'value="{VALID_NIK}"' in html  # the owner may see and correct their own NIK
    assert 'value="007"' in html
    assert f'<option value="{kelurahan.pk}" selected>' in html


def test_nik_may_be_left_empty(logged_in, citizen, kelurahan):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, nik=""))

    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.nik == ""
    assert profile.nik_index is None


def test_two_accounts_without_nik_do_not_collide(client, kelurahan):
    for _n in range(2):
        user = UserFactory()
        client.force_login(user)
        response = client.post(EDIT_URL, profile_data(kelurahan, nik=""))
        assert response.status_code == 302
    assert CitizenProfile.objects.filter(nik_index__isnull=True).count() == 2


@pytest.mark.parametrize("bad_rt", ["abc", "1a", "1234", "-1", "0 7"])
def test_non_numeric_rt_is_refused(logged_in, citizen, kelurahan, bad_rt):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, rt=bad_rt))

    assert response.status_code == 200
    assert "RT harus berupa angka" in response.content.decode()
    assert not CitizenProfile.objects.filter(user=citizen, nik=VALID_NIK).exists()


@pytest.mark.parametrize("bad_id", ["999999", "abc", "-1"])
def test_unknown_kelurahan_is_refused(logged_in, citizen, kelurahan, bad_id):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, kelurahan=bad_id))

    assert response.status_code == 200
    form = response.context["form"]
    assert "kelurahan" in form.errors
    assert "pilihan yang valid" in form.errors["kelurahan"][0]
    assert not CitizenProfile.objects.filter(user=citizen, nik=VALID_NIK).exists()


def test_a_kecamatan_is_not_accepted_as_kelurahan(logged_in, citizen, kelurahan):
    district = Region.objects.get(code="64.71.05")

    response = logged_in.post(EDIT_URL, profile_data(kelurahan, kelurahan=str(district.pk)))

    assert response.status_code == 200
    assert "kelurahan" in response.context["form"].errors


def test_full_name_is_required(logged_in, kelurahan):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, full_name=""))

    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors


def test_overlong_street_is_refused(logged_in, citizen, kelurahan):
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, street="x" * 201))

    assert response.status_code == 200
    assert "street" in response.context["form"].errors


def test_script_in_street_is_shown_escaped(logged_in, kelurahan):
    payload = '<script>alert("xss")</script>'
    response = logged_in.post(EDIT_URL, profile_data(kelurahan, street=payload))
    assert response.status_code == 302

    html = logged_in.get(PROFILE_URL).content.decode()

    assert payload not in html
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_script_in_name_is_escaped_on_the_edit_form(logged_in, kelurahan):
    payload = '"><script>alert(1)</script>'
    logged_in.post(EDIT_URL, profile_data(kelurahan, full_name=payload))

    html = logged_in.get(EDIT_URL).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_put_is_not_allowed(logged_in, db):
    assert logged_in.put(EDIT_URL).status_code == 405

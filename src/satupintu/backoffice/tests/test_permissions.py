"""Back-office access: staff see their own units (and below), others get 404, never 403."""

import pytest

from satupintu.core import audit
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import UserFactory, make_staff

Role = Membership.Role


@pytest.fixture
def auditor(reference_data):
    return make_staff(OrgUnit.objects.get(code="INSPEKTORAT"), Role.AUDITOR)


@pytest.fixture
def city_admin(reference_data):
    return make_staff(OrgUnit.objects.get(code="PEMKOT"), Role.ADMIN)


@pytest.fixture
def opd_admin(opd_a):
    """Admin of one OPD only: not city-wide, so not an auditor."""
    return make_staff(opd_a, Role.ADMIN)


# --- Anonymous and citizens --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/kantor/", "/kantor/unit/", "/kantor/unit/DPU/", "/kantor/audit/"]
)
def test_anonymous_is_sent_to_login(client, reference_data, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=")


@pytest.mark.parametrize("path", ["/api/v1/kantor/unit/DPU/pegawai/", "/api/v1/kantor/audit/"])
def test_anonymous_gets_403_from_the_staff_api(client, reference_data, path):
    response = client.get(path)

    assert response.status_code == 403
    assert "results" not in response.json()


@pytest.mark.parametrize(
    "path", ["/kantor/", "/kantor/unit/", "/kantor/unit/DPU/", "/kantor/audit/"]
)
def test_citizen_gets_404_in_the_back_office(client, citizen, reference_data, path):
    client.force_login(citizen)

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/kantor/unit/DPU/pegawai/", "/api/v1/kantor/audit/"])
def test_citizen_gets_refused_by_the_staff_api(client, citizen, reference_data, path):
    client.force_login(citizen)

    response = client.get(path)

    assert response.status_code == 403
    assert "results" not in response.json()


def test_citizen_is_refused_by_the_admin_site(client, citizen):
    client.force_login(citizen)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    # The admin's own login form is never shown: one login, with TOTP, for everyone.
    second = client.get(response["Location"])
    assert second.status_code == 302
    assert second["Location"].startswith("/akun/login/")


def test_inactive_membership_gives_no_access(client, opd_a):
    staff = make_staff(opd_a)
    Membership.objects.filter(user=staff).update(is_active=False)
    client.force_login(staff)

    assert client.get("/kantor/").status_code == 404
    assert client.get("/kantor/unit/DPU/").status_code == 404


def test_deactivated_unit_gives_no_access(client, staff_a, opd_a):
    OrgUnit.objects.filter(pk=opd_a.pk).update(is_active=False)
    client.force_login(staff_a)

    assert client.get("/kantor/").status_code == 404


# --- Units -------------------------------------------------------------------------------------


def test_staff_see_their_own_unit_page_with_its_members(client, staff_a, opd_a):
    colleague = make_staff(opd_a, Role.COORDINATOR, full_name="Rekan Kerja DPU")
    client.force_login(staff_a)

    response = client.get("/kantor/unit/DPU/")

    assert response.status_code == 200
    html = response.content.decode()
    assert opd_a.name in html
    assert colleague.full_name in html
    assert staff_a.full_name in html


def test_unit_code_is_case_insensitive(client, staff_a):
    client.force_login(staff_a)

    assert client.get("/kantor/unit/dpu/").status_code == 200


def test_staff_of_another_opd_get_404_on_its_page(client, staff_a, staff_b):
    client.force_login(staff_a)

    response = client.get("/kantor/unit/DINKES/")

    assert response.status_code == 404
    assert staff_b.full_name not in response.content.decode()


def test_unknown_unit_is_404_like_a_forbidden_one(client, staff_a):
    client.force_login(staff_a)

    assert client.get("/kantor/unit/TIDAK-ADA/").status_code == 404


def test_unit_list_shows_only_own_units(client, staff_a, opd_a, opd_b):
    client.force_login(staff_a)

    response = client.get("/kantor/unit/")

    assert response.status_code == 200
    codes = {unit.code for unit in response.context["units"]}
    assert codes == {"DPU"}
    assert opd_b.name not in response.content.decode()


def test_api_lists_members_of_own_unit(client, staff_a, staff_b):
    client.force_login(staff_a)

    response = client.get("/api/v1/kantor/unit/DPU/pegawai/")

    assert response.status_code == 200
    body = response.json()
    user_ids = {row["user_id"] for row in body["results"]}
    assert user_ids == {staff_a.pk}
    assert body["results"][0]["role"] == "operator"


def test_api_gives_404_for_another_opds_members(client, staff_a, staff_b):
    client.force_login(staff_a)

    response = client.get("/api/v1/kantor/unit/DINKES/pegawai/")

    assert response.status_code == 404
    assert str(staff_b.pk) not in response.content.decode()
    assert staff_b.full_name not in response.content.decode()


def test_role_on_a_kecamatan_covers_its_kelurahan_only(client, reference_data):
    kecamatan = OrgUnit.objects.get(code="KEC-64.71.05")
    own_kelurahan = OrgUnit.objects.get(code="KEL-64.71.05.1002")
    other_kelurahan = OrgUnit.objects.get(code="KEL-64.71.01.1001")
    staff = make_staff(kecamatan, Role.HEAD)
    client.force_login(staff)

    assert client.get(f"/kantor/unit/{kecamatan.code}/").status_code == 200
    assert client.get(f"/kantor/unit/{own_kelurahan.code}/").status_code == 200
    assert client.get(f"/kantor/unit/{other_kelurahan.code}/").status_code == 404
    assert client.get(f"/api/v1/kantor/unit/{own_kelurahan.code}/pegawai/").status_code == 200
    assert client.get(f"/api/v1/kantor/unit/{other_kelurahan.code}/pegawai/").status_code == 404
    listed = {unit.code for unit in client.get("/kantor/unit/").context["units"]}
    assert kecamatan.code in listed
    assert own_kelurahan.code in listed
    assert other_kelurahan.code not in listed


def test_kelurahan_staff_cannot_see_their_kecamatan(client, reference_data):
    kelurahan = OrgUnit.objects.get(code="KEL-64.71.05.1002")
    staff = make_staff(kelurahan)
    client.force_login(staff)

    assert client.get("/kantor/unit/KEC-64.71.05/").status_code == 404


def test_city_wide_role_sees_every_unit(client, city_admin):
    client.force_login(city_admin)

    assert client.get("/kantor/unit/DINKES/").status_code == 200
    assert client.get("/kantor/unit/DPU/").status_code == 200


# --- Audit trail -------------------------------------------------------------------------------


@pytest.fixture
def some_events(reference_data):
    actor = UserFactory()
    audit.record("accounts.profile_updated", actor=actor, obj=actor)
    audit.record("org.unit_created", actor=actor, obj=OrgUnit.objects.get(code="DPU"))
    return actor


@pytest.mark.parametrize("who", ["auditor", "city_admin"])
def test_auditor_and_city_admin_read_the_audit_trail(client, some_events, request, who):
    client.force_login(request.getfixturevalue(who))

    page = client.get("/kantor/audit/")
    api = client.get("/api/v1/kantor/audit/")

    assert page.status_code == 200
    assert "accounts.profile_updated" in page.content.decode()
    assert api.status_code == 200
    actions = [row["action"] for row in api.json()["results"]]
    assert "accounts.profile_updated" in actions
    assert "org.unit_created" in actions
    row = api.json()["results"][0]
    assert {"seq", "hash", "prev_hash", "actor_label"} <= set(row)


@pytest.mark.parametrize("who", ["staff_a", "opd_admin"])
def test_other_staff_get_404_on_the_audit_trail(client, some_events, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/kantor/audit/").status_code == 404
    response = client.get("/api/v1/kantor/audit/")
    assert response.status_code == 404
    assert "accounts.profile_updated" not in response.content.decode()


def test_audit_page_filters_by_action_and_escapes_the_query(client, some_events, auditor):
    client.force_login(auditor)

    response = client.get("/kantor/audit/", {"tindakan": "org."})

    events = list(response.context["page"])
    assert events
    assert all(event.action.startswith("org.") for event in events)

    response = client.get("/kantor/audit/", {"tindakan": '"><script>x()</script>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>x()</script>" not in html
    assert list(response.context["page"]) == []


def test_audit_api_filters_by_action(client, some_events, auditor):
    client.force_login(auditor)

    response = client.get("/api/v1/kantor/audit/", {"action": "accounts."})

    actions = {row["action"] for row in response.json()["results"]}
    assert actions
    assert all(action.startswith("accounts.") for action in actions)


def test_audit_api_is_read_only(client, some_events, auditor):
    client.force_login(auditor)

    response = client.post(
        "/api/v1/kantor/audit/", {"action": "palsu"}, content_type="application/json"
    )

    assert response.status_code == 405
    assert not audit.AuditEvent.objects.filter(action="palsu").exists()


def test_audit_page_survives_a_bad_page_number(client, some_events, auditor):
    client.force_login(auditor)

    response = client.get("/kantor/audit/", {"halaman": "bukan-angka"})

    assert response.status_code == 200
    assert response.context["page"].number == 1

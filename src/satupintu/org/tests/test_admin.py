"""The Django admin: who may open it, what each role may change, and that saves are audited."""

import pytest

from satupintu.core.models import AuditEvent, Holiday
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.org.services import ROOT_UNIT_CODE
from satupintu.testing.factories import UserFactory, make_staff

Role = Membership.Role


@pytest.fixture
def root(reference_data):
    return OrgUnit.objects.get(code=ROOT_UNIT_CODE)


@pytest.fixture
def city_admin(root):
    return make_staff(root, Role.ADMIN)


@pytest.fixture
def opd_admin(opd_a):
    return make_staff(opd_a, Role.ADMIN)


@pytest.fixture
def admin_client(client, city_admin):
    client.force_login(city_admin)
    return client


# --- who gets in ---------------------------------------------------------------------------


def test_city_admin_opens_the_org_unit_list(admin_client):
    response = admin_client.get("/admin/org/orgunit/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "DPU" in body
    assert "Dinas Pekerjaan Umum" in body


def test_city_admin_opens_admin_index_and_change_form(admin_client, opd_a):
    assert admin_client.get("/admin/").status_code == 200
    response = admin_client.get(f"/admin/org/orgunit/{opd_a.pk}/change/")
    assert response.status_code == 200
    assert "Dinas Pekerjaan Umum" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/admin/org/region/", "/admin/org/electoraldistrict/", "/admin/core/holiday/"]
)
def test_city_admin_opens_city_configuration(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_opd_operator_is_kept_out_of_the_admin(client, staff_a):
    client.force_login(staff_a)

    for url in ("/admin/", "/admin/org/orgunit/", "/admin/core/holiday/add/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"]


def test_citizen_is_kept_out_of_the_admin(client, citizen):
    client.force_login(citizen)

    response = client.get("/admin/org/orgunit/")

    assert response.status_code in (302, 403)


def test_anonymous_visitor_is_sent_to_the_one_login_page(client, db):
    response = client.get("/admin/org/orgunit/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_admin_login_form_redirects_to_allauth_login(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_city_admin_without_totp_must_set_it_up_first(client, root):
    admin = make_staff(root, Role.ADMIN, totp=False)
    client.force_login(admin)

    response = client.get("/admin/org/orgunit/")

    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_opd_admin_enters_the_admin_but_not_city_configuration(client, opd_admin):
    client.force_login(opd_admin)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/org/orgunit/").status_code == 403
    assert client.get("/admin/core/holiday/").status_code == 403
    assert client.get("/admin/core/holiday/add/").status_code == 403


def test_opd_admin_sees_only_memberships_of_their_own_units(client, opd_admin, staff_a, staff_b):
    client.force_login(opd_admin)

    response = client.get("/admin/org/membership/")

    assert response.status_code == 200
    ids = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert staff_a.memberships.get().pk in ids
    assert staff_b.memberships.get().pk not in ids
    other = staff_b.memberships.get()
    assert client.get(f"/admin/org/membership/{other.pk}/change/").status_code in (302, 403, 404)


def test_opd_admin_cannot_post_changes_to_city_configuration(client, opd_admin, opd_b):
    client.force_login(opd_admin)

    response = client.post(
        "/admin/core/holiday/add/",
        {"date": "2026-08-18", "name": "Libur palsu", "kind": "local"},
    )

    assert response.status_code == 403
    assert not Holiday.objects.exists()


def test_audit_trail_is_read_only_even_for_city_admin(admin_client):
    response = admin_client.get("/admin/core/auditevent/")

    assert response.status_code == 200
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403


# --- saves are audited ---------------------------------------------------------------------


def test_adding_a_holiday_in_admin_writes_one_audit_event(admin_client, city_admin):
    before = AuditEvent.objects.count()

    response = admin_client.post(
        "/admin/core/holiday/add/",
        {"date": "2026-08-18", "name": "Cuti bersama HUT RI", "kind": "cuti_bersama"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    holiday = Holiday.objects.get()
    assert holiday.name == "Cuti bersama HUT RI"
    events = list(AuditEvent.objects.order_by("seq")[before:])
    assert len(events) == 1
    event = events[0]
    assert event.action == "admin.add"
    assert event.actor_id == city_admin.pk
    assert event.object_type == "core.holiday"
    assert event.object_id == str(holiday.pk)
    assert event.ip == "127.0.0.1"
    assert set(event.data["fields"]) >= {"date", "name"}


def test_added_holiday_counts_at_once(admin_client):
    from datetime import date

    from satupintu.core.workdays import is_working_day

    assert is_working_day(date(2026, 8, 18)) is True

    admin_client.post(
        "/admin/core/holiday/add/",
        {"date": "2026-08-18", "name": "Cuti bersama", "kind": "cuti_bersama"},
    )

    assert is_working_day(date(2026, 8, 18)) is False


def test_invalid_holiday_form_saves_nothing(admin_client):
    before = AuditEvent.objects.count()

    response = admin_client.post(
        "/admin/core/holiday/add/", {"date": "bukan-tanggal", "name": "", "kind": "asal"}
    )

    assert response.status_code == 200  # the form again, with errors
    assert response.context["adminform"].form.errors
    assert not Holiday.objects.exists()
    assert AuditEvent.objects.count() == before


def test_changing_and_deleting_in_admin_are_audited(admin_client):
    holiday = Holiday.objects.create(date="2026-08-18", name="Cuti bersama")

    admin_client.post(
        f"/admin/core/holiday/{holiday.pk}/change/",
        {"date": "2026-08-18", "name": "Cuti bersama HUT RI", "kind": "cuti_bersama"},
    )
    admin_client.post(f"/admin/core/holiday/{holiday.pk}/delete/", {"post": "yes"})

    events = list(AuditEvent.objects.filter(object_type="core.holiday").order_by("seq"))
    assert [e.action for e in events] == ["admin.change", "admin.delete"]
    assert events[0].data["fields"] == ["name"]
    assert {e.object_id for e in events} == {str(holiday.pk)}
    assert not Holiday.objects.exists()


def test_editing_an_org_unit_in_admin_is_audited(admin_client, opd_a):
    before = AuditEvent.objects.count()
    data = {
        "code": "DPU",
        "name": "Dinas Pekerjaan Umum",
        "short_name": "DPU",
        "kind": "dinas",
        "parent": opd_a.parent_id,
        "region": "",
        "description": "",
        "address": "Jl. Jenderal Sudirman",
        "phone": "",
        "email": "",
        "website": "",
        "office_hours": "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }

    response = admin_client.post(f"/admin/org/orgunit/{opd_a.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    opd_a.refresh_from_db()
    assert opd_a.address == "Jl. Jenderal Sudirman"
    events = list(AuditEvent.objects.order_by("seq")[before:])
    assert [e.action for e in events] == ["admin.change"]
    assert events[0].data["fields"] == ["address"]


def test_bulk_delete_in_admin_audits_each_row(admin_client):
    Region.objects.create(code="64.72", level="kota", name="Kota Lain")
    Region.objects.create(code="64.73", level="kota", name="Kota Lain Lagi")
    pks = list(Region.objects.filter(code__in=["64.72", "64.73"]).values_list("pk", flat=True))

    response = admin_client.post(
        "/admin/org/region/",
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )

    assert response.status_code == 302
    assert not Region.objects.filter(pk__in=pks).exists()
    deleted = AuditEvent.objects.filter(action="admin.delete", object_type="org.region")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(pk) for pk in pks)


def test_superuser_can_use_the_admin(client, reference_data):
    from allauth.mfa.totp.internal.auth import TOTP

    from satupintu.testing.factories import TOTP_SECRET

    superuser = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(superuser, TOTP_SECRET)
    client.force_login(superuser)

    assert client.get("/admin/org/orgunit/").status_code == 200


def _org_unit_form(unit, **overrides) -> dict:
    data = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "region": unit.region_id or "",
        "description": unit.description,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "website": unit.website,
        "office_hours": unit.office_hours,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("target", ["self", "child"])
def test_admin_refuses_a_parent_that_would_make_a_cycle(admin_client, opd_a, target):
    from satupintu.testing.factories import OrgUnitFactory

    bidang = OrgUnitFactory(code="DPU-BM", name="Bidang Bina Marga", kind="bidang", parent=opd_a)
    parent = opd_a if target == "self" else bidang
    before = AuditEvent.objects.count()

    response = admin_client.post(
        f"/admin/org/orgunit/{opd_a.pk}/change/", _org_unit_form(opd_a, parent=parent.pk)
    )

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    opd_a.refresh_from_db()
    assert opd_a.parent.code == ROOT_UNIT_CODE
    assert AuditEvent.objects.count() == before


def test_admin_moves_a_unit_to_another_parent(admin_client, opd_a, opd_b):
    from satupintu.testing.factories import OrgUnitFactory

    bidang = OrgUnitFactory(code="DPU-BM", name="Bidang Bina Marga", kind="bidang", parent=opd_a)

    response = admin_client.post(
        f"/admin/org/orgunit/{bidang.pk}/change/", _org_unit_form(bidang, parent=opd_b.pk)
    )

    assert response.status_code == 302
    bidang.refresh_from_db()
    assert bidang.parent == opd_b
    assert bidang.path == f"{opd_b.path}{bidang.pk}/"

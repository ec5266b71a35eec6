"""org.services: every write is one transaction with exactly one audit event; the unit tree."""

import pytest
from django.core.exceptions import ValidationError

from satupintu.core.audit import verify_chain
from satupintu.core.models import AuditEvent
from satupintu.org import services
from satupintu.org.models import Membership, OrgUnit
from satupintu.org.permissions import visible_units
from satupintu.testing.factories import OrgUnitFactory, UserFactory, make_staff


@pytest.fixture
def root(reference_data):
    return OrgUnit.objects.get(code=services.ROOT_UNIT_CODE)


@pytest.fixture
def city_admin(root):
    return make_staff(root, Membership.Role.ADMIN)


def _new_events(before):
    return list(AuditEvent.objects.order_by("seq")[before:])


# --- add_membership / end_membership -------------------------------------------------------


def test_add_membership_creates_membership_and_one_audit_event(city_admin, opd_a):
    before = AuditEvent.objects.count()
    user = UserFactory()
    assert user.is_staff is False

    membership = services.add_membership(
        actor=city_admin, user=user, org_unit=opd_a, role=Membership.Role.OPERATOR, title="Staf"
    )

    assert membership.org_unit == opd_a
    assert membership.title == "Staf"
    user.refresh_from_db()
    assert user.is_staff is True
    events = _new_events(before)
    assert len(events) == 1
    event = events[0]
    assert event.action == "org.membership_added"
    assert event.actor_id == city_admin.pk
    assert event.object_type == "org.membership"
    assert event.object_id == str(membership.pk)
    assert event.data == {"user_id": user.pk, "org_unit": "DPU", "role": "operator"}
    assert user.email not in str(event.data)
    assert verify_chain()[1] is None


def test_add_membership_twice_does_not_duplicate(city_admin, opd_a):
    user = UserFactory()
    services.add_membership(actor=city_admin, user=user, org_unit=opd_a, role="operator")
    before = AuditEvent.objects.count()

    services.add_membership(actor=city_admin, user=user, org_unit=opd_a, role="operator")

    assert Membership.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.count() == before + 1


def test_add_membership_reactivates_an_ended_one(city_admin, opd_a):
    user = UserFactory()
    membership = services.add_membership(
        actor=city_admin, user=user, org_unit=opd_a, role="operator"
    )
    services.end_membership(actor=city_admin, membership=membership)

    again = services.add_membership(
        actor=city_admin, user=user, org_unit=opd_a, role="operator", title="Kembali"
    )

    assert again.pk == membership.pk
    again.refresh_from_db()
    assert again.is_active is True
    assert again.title == "Kembali"


def test_add_membership_refreshes_the_users_cached_permissions(city_admin, opd_a):
    user = UserFactory()
    assert list(visible_units(user)) == []  # caches "no memberships" on the instance

    services.add_membership(actor=city_admin, user=user, org_unit=opd_a, role="operator")

    assert opd_a in visible_units(user)


def test_end_membership_deactivates_and_audits(city_admin, staff_a, opd_a):
    membership = staff_a.memberships.get()
    assert opd_a in visible_units(staff_a)
    before = AuditEvent.objects.count()

    services.end_membership(actor=city_admin, membership=membership)

    membership.refresh_from_db()
    assert membership.is_active is False
    events = _new_events(before)
    assert [e.action for e in events] == ["org.membership_ended"]
    assert events[0].data == {"user_id": staff_a.pk, "org_unit": "DPU"}
    assert list(visible_units(membership.user)) == []


# --- update_org_unit -----------------------------------------------------------------------


def test_update_org_unit_writes_changes_and_one_audit_event(city_admin, opd_a):
    before = AuditEvent.objects.count()

    services.update_org_unit(
        actor=city_admin,
        unit=opd_a,
        changes={"phone": "0542-111", "office_hours": "Senin–Jumat 08.00–16.00"},
    )

    opd_a.refresh_from_db()
    assert opd_a.phone == "0542-111"
    assert opd_a.office_hours == "Senin–Jumat 08.00–16.00"
    events = _new_events(before)
    assert len(events) == 1
    assert events[0].action == "org.unit_updated"
    assert events[0].object_id == str(opd_a.pk)
    assert events[0].data == {"fields": ["office_hours", "phone"]}


def test_update_org_unit_without_real_changes_writes_nothing(city_admin, opd_a):
    before = AuditEvent.objects.count()

    services.update_org_unit(actor=city_admin, unit=opd_a, changes={"name": opd_a.name})

    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("field", ["code", "parent", "kind", "path", "region"])
def test_update_org_unit_refuses_structural_fields(city_admin, opd_a, opd_b, field):
    before = AuditEvent.objects.count()

    with pytest.raises(ValueError, match=field):
        services.update_org_unit(actor=city_admin, unit=opd_a, changes={field: opd_b})

    opd_a.refresh_from_db()
    assert opd_a.code == "DPU"
    assert opd_a.parent.code == services.ROOT_UNIT_CODE
    assert AuditEvent.objects.count() == before


# --- create_org_unit -----------------------------------------------------------------------


def test_create_org_unit_under_an_opd(city_admin, opd_a):
    before = AuditEvent.objects.count()

    unit = services.create_org_unit(
        actor=city_admin,
        code="DPU-SDA",
        name="Bidang Sumber Daya Air",
        kind=OrgUnit.Kind.DIVISION,
        parent=opd_a,
    )

    assert unit.path == f"{opd_a.path}{unit.pk}/"
    events = _new_events(before)
    assert [e.action for e in events] == ["org.unit_created"]
    assert events[0].data == {"parent": "DPU"}


@pytest.mark.parametrize("code", ["dpu-sda", "DPU SDA", "-DPU", ""])
def test_create_org_unit_rejects_bad_codes(city_admin, opd_a, code):
    before = (OrgUnit.objects.count(), AuditEvent.objects.count())

    with pytest.raises(ValidationError):
        services.create_org_unit(
            actor=city_admin, code=code, name="Bidang", kind="bidang", parent=opd_a
        )

    assert (OrgUnit.objects.count(), AuditEvent.objects.count()) == before


def test_create_org_unit_rejects_duplicate_code(city_admin, opd_a):
    with pytest.raises(ValidationError):
        services.create_org_unit(
            actor=city_admin, code="DINKES", name="Dinkes lagi", kind="dinas", parent=opd_a
        )

    assert OrgUnit.objects.filter(code="DINKES").count() == 1


def test_create_org_unit_rejects_unknown_kind(city_admin, opd_a):
    with pytest.raises(ValidationError):
        services.create_org_unit(
            actor=city_admin, code="DPU-X", name="X", kind="kementerian", parent=opd_a
        )

    assert not OrgUnit.objects.filter(code="DPU-X").exists()


# --- the unit tree (OrgUnit.path) ----------------------------------------------------------


def test_path_follows_the_tree(opd_a):
    bidang = OrgUnitFactory(kind=OrgUnit.Kind.DIVISION, parent=opd_a)
    seksi = OrgUnitFactory(kind=OrgUnit.Kind.SECTION, parent=bidang)

    assert bidang.path == f"{opd_a.path}{bidang.pk}/"
    assert seksi.path == f"{bidang.path}{seksi.pk}/"
    seksi.refresh_from_db()
    assert seksi.path == f"{opd_a.path}{bidang.pk}/{seksi.pk}/"


def test_moving_a_unit_moves_its_whole_subtree(opd_a, opd_b):
    bidang = OrgUnitFactory(kind=OrgUnit.Kind.DIVISION, parent=opd_a)
    seksi = OrgUnitFactory(kind=OrgUnit.Kind.SECTION, parent=bidang)

    bidang.parent = opd_b
    bidang.save()

    bidang.refresh_from_db()
    seksi.refresh_from_db()
    assert bidang.path == f"{opd_b.path}{bidang.pk}/"
    assert seksi.path == f"{opd_b.path}{bidang.pk}/{seksi.pk}/"
    assert OrgUnit.objects.filter(path__startswith=opd_a.path).count() == 1  # DPU alone


def test_is_opd(opd_a, reference_data):
    root = OrgUnit.objects.get(code=services.ROOT_UNIT_CODE)
    bidang = OrgUnitFactory(kind=OrgUnit.Kind.DIVISION, parent=opd_a)

    assert opd_a.is_opd is True
    assert OrgUnit.objects.get(code="KEC-64.71.01").is_opd is True
    assert root.is_opd is False
    assert bidang.is_opd is False


def test_str_prefers_short_name(opd_a):
    assert str(opd_a) == "DPU"
    assert str(OrgUnitFactory(name="Dinas Tanpa Singkatan")) == "Dinas Tanpa Singkatan"


def test_clean_refuses_a_unit_under_itself_or_its_subtree(opd_a):
    bidang = OrgUnitFactory(kind=OrgUnit.Kind.DIVISION, parent=opd_a)
    seksi = OrgUnitFactory(kind=OrgUnit.Kind.SECTION, parent=bidang)

    for parent in (opd_a, bidang, seksi):
        opd_a.parent = parent
        with pytest.raises(ValidationError) as excinfo:
            opd_a.full_clean()
        assert "parent" in excinfo.value.message_dict


def test_clean_accepts_ordinary_parents_and_the_root(opd_a, opd_b, reference_data):
    root = OrgUnit.objects.get(code=services.ROOT_UNIT_CODE)
    bidang = OrgUnitFactory(kind=OrgUnit.Kind.DIVISION, parent=opd_a)

    root.full_clean()  # no parent
    bidang.parent = opd_b
    bidang.full_clean()
    OrgUnit(code="BARU", name="Baru", kind="dinas", parent=root).full_clean()  # not saved yet

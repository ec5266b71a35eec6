"""org.permissions: a role covers its unit and the units below; nothing else leaks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from satupintu.org import permissions
from satupintu.org.models import Membership, OrgUnit
from satupintu.org.services import ROOT_UNIT_CODE
from satupintu.testing.factories import OrgUnitFactory, UserFactory, make_staff

Role = Membership.Role


@pytest.fixture
def root(reference_data):
    return OrgUnit.objects.get(code=ROOT_UNIT_CODE)


@pytest.fixture
def bidang_a(opd_a):
    return OrgUnitFactory(code="DPU-BM", name="Bidang Bina Marga", kind="bidang", parent=opd_a)


@pytest.fixture
def seksi_a(bidang_a):
    return OrgUnitFactory(code="DPU-BM-JLN", name="Seksi Jalan", kind="seksi", parent=bidang_a)


def _codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


# --- visibility ----------------------------------------------------------------------------


def test_staff_sees_own_unit_and_children_but_not_another_opd(staff_a, opd_a, bidang_a, seksi_a):
    visible = _codes(permissions.visible_units(staff_a))

    assert visible == {"DPU", "DPU-BM", "DPU-BM-JLN"}
    assert "DINKES" not in visible
    assert ROOT_UNIT_CODE not in visible


def test_staff_of_a_bidang_does_not_see_the_parent_opd(bidang_a, seksi_a):
    staff = make_staff(bidang_a)

    assert _codes(permissions.visible_units(staff)) == {"DPU-BM", "DPU-BM-JLN"}


def test_role_on_the_root_is_city_wide(root, opd_a, opd_b, bidang_a):
    coordinator = make_staff(root, Role.COORDINATOR)

    visible = permissions.visible_units(coordinator)

    assert visible.count() == OrgUnit.objects.count()
    assert {opd_a, opd_b, bidang_a} <= set(visible)
    assert permissions.is_city_wide(coordinator, Role.COORDINATOR) is True
    assert permissions.is_city_wide(coordinator, Role.ADMIN) is False


def test_role_on_an_opd_is_not_city_wide(staff_a):
    assert permissions.is_city_wide(staff_a, Role.OPERATOR) is False


def test_roles_filter_narrows_visibility(opd_a, opd_b):
    user = make_staff(opd_a, Role.OPERATOR)
    Membership.objects.create(user=user, org_unit=opd_b, role=Role.ADMIN)
    permissions.forget_cached_memberships(user)

    assert _codes(permissions.visible_units(user)) == {"DPU", "DINKES"}
    assert _codes(permissions.visible_units(user, roles=[Role.ADMIN])) == {"DINKES"}
    assert _codes(permissions.visible_units(user, roles=[Role.HEAD])) == set()
    assert permissions.roles_of(user) == {"operator", "admin"}


def test_path_prefix_does_not_match_a_sibling_with_a_longer_id(root):
    # Paths end with "/", so a role on unit 7 (/1/7/) never covers unit 71 (/1/71/). Explicit
    # ids make the case independent of the database's sequences.
    base = 7_000_000
    unit = OrgUnit.objects.create(pk=base, code="PFX-A", name="A", kind="dinas", parent=root)
    longer = OrgUnit.objects.create(
        pk=base * 10 + 1, code="PFX-B", name="B", kind="dinas", parent=root
    )
    assert longer.path.startswith(unit.path.rstrip("/"))
    staff = make_staff(unit)

    visible = set(permissions.visible_units(staff))

    assert visible == {unit}
    assert longer not in visible


def test_scope_to_units_filters_rows_by_their_unit(staff_a, opd_a, opd_b, bidang_a):
    in_bidang = make_staff(bidang_a)
    in_dinkes = make_staff(opd_b)

    scoped = permissions.scope_to_units(staff_a, Membership.objects.all())

    users = set(scoped.values_list("user_id", flat=True))
    assert staff_a.pk in users
    assert in_bidang.pk in users
    assert in_dinkes.pk not in users


def test_scope_to_units_on_units_themselves(staff_a, bidang_a):
    scoped = permissions.scope_to_units(staff_a, OrgUnit.objects.all(), unit_field="")

    assert _codes(scoped) == {"DPU", "DPU-BM"}


def test_scope_to_units_with_nothing_visible_is_empty(citizen, opd_a):
    assert permissions.scope_to_units(citizen, Membership.objects.all()).count() == 0
    assert permissions.visible_units(citizen).count() == 0


def test_get_visible_or_404(staff_a, opd_a, opd_b):
    found = permissions.get_visible_or_404(
        staff_a, OrgUnit.objects.all(), unit_field="", code="DPU"
    )
    assert found == opd_a

    with pytest.raises(Http404):
        permissions.get_visible_or_404(staff_a, OrgUnit.objects.all(), unit_field="", code="DINKES")
    with pytest.raises(Http404):
        permissions.get_visible_or_404(staff_a, OrgUnit.objects.all(), unit_field="", code="NOPE")


def test_get_visible_or_404_on_rows_of_another_unit(staff_a, staff_b):
    dinkes_membership = staff_b.memberships.get()

    with pytest.raises(Http404):
        permissions.get_visible_or_404(staff_a, Membership.objects.all(), pk=dinkes_membership.pk)


# --- what grants nothing -------------------------------------------------------------------


def test_inactive_membership_grants_nothing(opd_a):
    staff = make_staff(opd_a)
    Membership.objects.filter(user=staff).update(is_active=False)
    permissions.forget_cached_memberships(staff)

    assert permissions.visible_units(staff).count() == 0
    assert permissions.is_staff_member(staff) is False
    assert permissions.roles_of(staff) == set()
    assert staff.has_perm("backoffice.access") is False


def test_membership_in_an_inactive_unit_grants_nothing(opd_a):
    staff = make_staff(opd_a, Role.ADMIN)
    OrgUnit.objects.filter(pk=opd_a.pk).update(is_active=False)
    permissions.forget_cached_memberships(staff)

    assert permissions.visible_units(staff).count() == 0
    assert permissions.is_admin(staff) is False


def test_inactive_user_gets_nothing(root):
    staff = make_staff(root, Role.ADMIN)
    staff.is_active = False

    assert permissions.memberships_of(staff) == []
    assert permissions.visible_units(staff).count() == 0
    assert permissions.is_city_admin(staff) is False


def test_anonymous_user_gets_nothing(reference_data):
    anonymous = AnonymousUser()

    assert permissions.visible_units(anonymous).count() == 0
    assert permissions.is_staff_member(anonymous) is False
    assert permissions.is_admin(anonymous) is False
    assert permissions.is_auditor(anonymous) is False
    assert permissions.is_city_admin(anonymous) is False


def test_citizen_gets_nothing(citizen, reference_data):
    assert permissions.is_staff_member(citizen) is False
    assert citizen.has_perm("backoffice.access") is False
    assert citizen.has_perm("core.view_audit") is False


def test_is_staff_flag_alone_grants_nothing(reference_data):
    user = UserFactory(is_staff=True)

    assert permissions.visible_units(user).count() == 0
    assert permissions.is_staff_member(user) is False


# --- superuser -----------------------------------------------------------------------------


def test_superuser_sees_everything(opd_a, bidang_a):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    assert permissions.visible_units(superuser).count() == OrgUnit.objects.count()
    assert permissions.scope_to_units(superuser, OrgUnit.objects.all(), "").count() == (
        OrgUnit.objects.count()
    )
    assert permissions.is_admin(superuser) is True
    assert permissions.is_city_admin(superuser) is True
    assert permissions.is_auditor(superuser) is True
    assert permissions.is_staff_member(superuser) is True


def test_inactive_superuser_sees_nothing(opd_a):
    superuser = UserFactory(is_superuser=True, is_active=False)

    assert permissions.visible_units(superuser).count() == 0
    assert permissions.is_city_wide(superuser, Role.ADMIN) is False


# --- role predicates -----------------------------------------------------------------------


def test_is_admin(opd_a, staff_a):
    opd_admin = make_staff(opd_a, Role.ADMIN)

    assert permissions.is_admin(opd_admin) is True
    assert permissions.is_admin(staff_a) is False


def test_is_city_admin(root, opd_a):
    city_admin = make_staff(root, Role.ADMIN)
    opd_admin = make_staff(opd_a, Role.ADMIN)
    city_operator = make_staff(root, Role.OPERATOR)

    assert permissions.is_city_admin(city_admin) is True
    assert permissions.is_city_admin(opd_admin) is False
    assert permissions.is_city_admin(city_operator) is False


def test_is_auditor(root, opd_a, reference_data):
    inspektorat = OrgUnit.objects.get(code="INSPEKTORAT")
    auditor = make_staff(inspektorat, Role.AUDITOR)
    city_admin = make_staff(root, Role.ADMIN)
    opd_admin = make_staff(opd_a, Role.ADMIN)
    head = make_staff(opd_a, Role.HEAD)

    assert permissions.is_auditor(auditor) is True
    assert permissions.is_auditor(city_admin) is True
    assert permissions.is_auditor(opd_admin) is False
    assert permissions.is_auditor(head) is False


def test_rules_permissions(root, staff_a, opd_a, opd_b, bidang_a):
    city_admin = make_staff(root, Role.ADMIN)

    assert staff_a.has_perm("backoffice.access") is True
    assert staff_a.has_perm("org.view_unit_staff", opd_a) is True
    assert staff_a.has_perm("org.view_unit_staff", bidang_a) is True
    assert staff_a.has_perm("org.view_unit_staff", opd_b) is False
    assert staff_a.has_perm("org.view_unit_staff", None) is False
    assert staff_a.has_perm("core.view_audit") is False
    assert staff_a.has_perm("admin.access") is False
    assert city_admin.has_perm("core.view_audit") is True
    assert city_admin.has_perm("admin.access") is True
    assert city_admin.has_perm("org.view_unit_staff", opd_b) is True


def test_memberships_are_cached_per_user_instance(staff_a, opd_b, django_assert_num_queries):
    permissions.roles_of(staff_a)
    with django_assert_num_queries(0):
        permissions.roles_of(staff_a)
        permissions.unit_paths(staff_a)

    Membership.objects.create(user=staff_a, org_unit=opd_b, role=Role.HEAD)
    permissions.forget_cached_memberships(staff_a)

    assert permissions.roles_of(staff_a) == {"operator", "kepala"}

"""The disposition hierarchy rule, in org terms (letters.hierarchy)."""

from satupintu.letters import hierarchy
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff


def test_units_strictly_below_are_reachable(org):
    assert hierarchy.disposing_unit(org.sekda, to_unit=org.ass1) == org.setda
    assert hierarchy.disposing_unit(org.kadis_dpu, to_unit=org.dpu_bm) == org.dpu


def test_members_below_and_own_staff_are_reachable(org):
    assert hierarchy.disposing_unit(org.kadis_dpu, to_user=org.kabid_bm) == org.dpu
    assert hierarchy.disposing_unit(org.kadis_dpu, to_user=org.staff_bm) == org.dpu
    assert hierarchy.disposing_unit(org.kadis_dpu, to_user=org.tu_dpu) == org.dpu  # own staff
    assert hierarchy.disposing_unit(org.sekda, to_user=org.asisten1) == org.setda


def test_nobody_disposes_upwards_sideways_or_to_themselves(org):
    assert hierarchy.disposing_unit(org.kabid_bm, to_user=org.kadis_dpu) is None
    assert hierarchy.disposing_unit(org.kabid_bm, to_unit=org.dpu) is None
    assert hierarchy.disposing_unit(org.asisten1, to_user=org.sekda) is None
    assert hierarchy.disposing_unit(org.asisten1, to_user=org.asisten2) is None  # sideways
    assert hierarchy.disposing_unit(org.kadis_dpu, to_unit=org.dinkes) is None
    assert hierarchy.disposing_unit(org.kadis_dpu, to_user=org.kadis_dinkes) is None
    assert hierarchy.disposing_unit(org.kadis_dpu, to_unit=org.dpu) is None
    assert hierarchy.disposing_unit(org.kadis_dpu, to_user=org.kadis_dpu) is None


def test_sekda_reaches_every_opd_and_its_head_but_not_its_staff(org):
    assert hierarchy.disposing_unit(org.sekda, to_unit=org.dinkes) == org.setda
    assert hierarchy.disposing_unit(org.sekda, to_user=org.kadis_dinkes) == org.setda
    assert hierarchy.disposing_unit(org.sekda, to_user=org.tu_dinkes) is None
    assert hierarchy.disposing_unit(org.sekda, to_unit=org.dpu_bm) is None  # a bidang, not OPD


def test_asisten_reaches_coordinated_opd_heads_only(org):
    assert hierarchy.disposing_unit(org.asisten2, to_user=org.kadis_dpu) == org.ass2
    assert hierarchy.disposing_unit(org.asisten2, to_unit=org.dpu) == org.ass2
    assert hierarchy.disposing_unit(org.asisten2, to_user=org.tu_dpu) is None
    assert hierarchy.disposing_unit(org.asisten2, to_user=org.kadis_dinkes) is None
    assert hierarchy.disposing_unit(org.asisten1, to_user=org.kadis_dpu) is None


def test_non_leaders_cannot_dispose(org):
    assert not hierarchy.is_leader(org.staff_bm)
    assert hierarchy.disposing_unit(org.staff_bm, to_user=org.tu_dpu) is None
    assert hierarchy.disposing_unit(org.tu_setda, to_unit=org.ass1) is None


def test_inactive_membership_gives_no_reach(org):
    head = make_staff(org.dinkes, Membership.Role.HEAD)
    Membership.objects.filter(user=head).update(is_active=False)
    assert hierarchy.disposing_unit(head, to_user=org.tu_dinkes) is None


def test_form_choices_follow_the_rule(org):
    units = set(hierarchy.reachable_units(org.asisten2))
    assert org.dpu in units and org.dinkes not in units
    people = {m.user for m in hierarchy.reachable_people(org.sekda)}
    assert {org.asisten1, org.asisten2, org.kadis_dpu, org.kadis_dinkes, org.tu_setda} <= people
    assert org.tu_dinkes not in people and org.sekda not in people

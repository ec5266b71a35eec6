"""Who may dispose a letter to whom, in org-tree terms. The one place this rule lives.

A *leader* is a staff member with an active `kepala` membership in a unit (Sekda = kepala of
SETDA, asisten = kepala of SETDA-ASS1..3, kepala OPD, kepala bidang). A leader of unit L may
dispose to:

1. any unit strictly below L in the org tree, and any active member of such a unit;
2. any member of L itself who is not a kepala of L (their own staff);
3. for the Sekda (kepala of `SEKDA_UNIT_CODE`): any OPD unit and any kepala of an OPD;
4. for a unit whose letter settings list *coordinated units* (an asisten coordinating some
   OPDs): those units and their kepala.

Nobody disposes to themselves. A person who leads several units may use any of them; the first
unit (by membership order) whose reach covers the target becomes the disposition's `from_unit`.
"""

from django.conf import settings

from satupintu.org.models import Membership, OrgUnit
from satupintu.org.permissions import memberships_of

HEAD = Membership.Role.HEAD
# The TU/agenda officers who register letters: operators or admins of the unit (or above it).
REGISTRAR_ROLES = (Membership.Role.OPERATOR, Membership.Role.ADMIN)
SEKDA_UNIT_CODE = getattr(settings, "LETTERS_SEKDA_UNIT_CODE", "SETDA")


def led_units(user) -> list[OrgUnit]:
    """The units where `user` is an active kepala."""
    return [m.org_unit for m in memberships_of(user) if m.role == HEAD]


def is_leader(user) -> bool:
    return bool(led_units(user))


def is_sekda_unit(unit: OrgUnit) -> bool:
    return unit.code == SEKDA_UNIT_CODE


def _strictly_below(unit: OrgUnit, leader_unit: OrgUnit) -> bool:
    return unit.pk != leader_unit.pk and unit.path.startswith(leader_unit.path)


def _coordinated_ids(leader_unit: OrgUnit) -> set[int]:
    from satupintu.letters.models import UnitLetterSettings

    return set(
        UnitLetterSettings.coordinated_units.through.objects.filter(
            unitlettersettings__org_unit=leader_unit
        ).values_list("orgunit_id", flat=True)
    )


def _extra_reach(leader_unit: OrgUnit, target: OrgUnit) -> bool:
    """Units reached outside the tree: Sekda → every OPD; coordinating units → their list."""
    if is_sekda_unit(leader_unit) and target.is_opd:
        return True
    return target.pk in _coordinated_ids(leader_unit)


def unit_reachable_from(leader_unit: OrgUnit, target: OrgUnit) -> bool:
    if target.pk == leader_unit.pk or not target.is_active:
        return False
    return _strictly_below(target, leader_unit) or _extra_reach(leader_unit, target)


def user_reachable_from(leader_unit: OrgUnit, leader, target_user) -> bool:
    if target_user.pk == leader.pk or not target_user.is_active:
        return False
    for membership in memberships_of(target_user):
        unit = membership.org_unit
        if _strictly_below(unit, leader_unit):
            return True
        if unit.pk == leader_unit.pk and membership.role != HEAD:
            return True
        if membership.role == HEAD and _extra_reach(leader_unit, unit):
            return True
    return False


def disposing_unit(user, *, to_unit: OrgUnit | None = None, to_user=None) -> OrgUnit | None:
    """The unit from which `user` may dispose to the target, or None when outside their reach."""
    for leader_unit in led_units(user):
        if to_unit is not None and unit_reachable_from(leader_unit, to_unit):
            return leader_unit
        if to_user is not None and user_reachable_from(leader_unit, user, to_user):
            return leader_unit
    return None


def reachable_units(user):
    """Units a leader may dispose to (for the form's choices)."""
    from django.db.models import Q

    units = led_units(user)
    if not units:
        return OrgUnit.objects.none()
    condition = Q(pk__in=[])
    for leader_unit in units:
        condition |= Q(path__startswith=leader_unit.path) & ~Q(pk=leader_unit.pk)
        if is_sekda_unit(leader_unit):
            condition |= Q(kind__in=OrgUnit.OPD_KINDS)
        condition |= Q(pk__in=_coordinated_ids(leader_unit))
    return OrgUnit.objects.filter(condition, is_active=True).order_by("path")


def reachable_people(user):
    """Memberships whose person a leader may dispose to (for the form's choices)."""
    from django.db.models import Q

    units = led_units(user)
    if not units:
        return Membership.objects.none()
    condition = Q(pk__in=[])
    for leader_unit in units:
        condition |= Q(org_unit__path__startswith=leader_unit.path) & ~Q(org_unit=leader_unit)
        condition |= Q(org_unit=leader_unit) & ~Q(role=HEAD)
        extra = Q(org_unit__pk__in=_coordinated_ids(leader_unit))
        if is_sekda_unit(leader_unit):
            extra |= Q(org_unit__kind__in=OrgUnit.OPD_KINDS)
        condition |= extra & Q(role=HEAD)
    return (
        Membership.objects.filter(condition, is_active=True, user__is_active=True)
        .exclude(user=user)
        .select_related("user", "org_unit")
        .order_by("org_unit__path", "role")
    )

"""Who may see and do what: the one place where access is decided.

Views, the API and the admin all ask this module. Staff act through `Membership`: a role in a
unit covers that unit and everything below it, so a role on the city root (PEMKOT) is
city-wide. Objects that belong to a unit are found through `scope_to_units`, and anything
outside the user's units is reported as not found (404), never as forbidden, so that its
existence does not leak.

Staff rights need a session verified with TOTP. `StaffMfaRequiredMiddleware` marks every
request's user with `mark_staff_session`; a user marked unverified holds no membership and no
superuser rights here, so every check built on this module (pages, API, exports, file
downloads wherever their URL lives) treats them as a citizen. Users that never went through a
request (tasks, management commands) are not marked and keep their rights.
"""

from collections.abc import Iterable

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from satupintu.org.models import Membership, OrgUnit

Role = Membership.Role
STAFF_ROLES = frozenset(Role.values)
# The roles that give a say over a unit's own work (its cases, applications, letters,
# meetings). A counter officer (loket) only files applications for citizens, so that role
# is left out of every unit scope below unless a caller asks for it by name.
UNIT_ROLES = STAFF_ROLES - {Role.COUNTER}


_VERIFIED_ATTR = "_sp_staff_session_verified"


def mark_staff_session(user, *, verified: bool) -> None:
    """Record whether this request's session was verified with TOTP (set by the middleware)."""
    setattr(user, _VERIFIED_ATTR, verified)


def staff_session_verified(user) -> bool:
    return bool(getattr(user, _VERIFIED_ATTR, True))


def is_superuser(user) -> bool:
    """A superuser acting through a TOTP-verified session (or outside any request)."""
    return (
        bool(getattr(user, "is_superuser", False))
        and user.is_active
        and staff_session_verified(user)
    )


def _all_memberships(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_sp_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True, org_unit__is_active=True)
            .select_related("org_unit")
            .order_by("pk")
        )
        user._sp_memberships = cached
    return cached


def _memberships(user) -> list[Membership]:
    if not staff_session_verified(user):
        return []
    return _all_memberships(user)


def is_staff_account(user) -> bool:
    """Holds staff rights on paper (flag, superuser or a membership), verified or not."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or _all_memberships(user))


def memberships_of(user) -> list[Membership]:
    return list(_memberships(user))


def forget_cached_memberships(user) -> None:
    if hasattr(user, "_sp_memberships"):
        del user._sp_memberships


def roles_of(user) -> set[str]:
    return {m.role for m in _memberships(user)}


def is_staff_member(user) -> bool:
    return bool(_memberships(user)) or is_superuser(user)


# Accounts that may open the back office without a unit membership, decided by apps above
# `org` (a DPRD member: no unit, so no unit's inbox, but their own pages and the meetings they
# chair). Each is a predicate user -> bool; the account must still be a staff account (TOTP).
_back_office_doors: list = []


def register_back_office_door(predicate) -> None:
    if predicate not in _back_office_doors:
        _back_office_doors.append(predicate)


def may_use_back_office(user) -> bool:
    if is_staff_member(user):
        return True
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    return any(door(user) for door in _back_office_doors)


def unit_paths(user, roles: Iterable[str] | None = None) -> list[str]:
    wanted = set(roles) if roles is not None else UNIT_ROLES
    return [m.org_unit.path for m in _memberships(user) if m.role in wanted]


def units_q(user, roles: Iterable[str] | None = None, prefix: str = "") -> Q:
    """A filter matching the org units (and their subtrees) where `user` holds one of `roles`."""
    if is_superuser(user):
        return Q()
    paths = unit_paths(user, roles)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def visible_units(user, roles: Iterable[str] | None = None) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(units_q(user, roles))


def scope_to_units(
    user, queryset: QuerySet, unit_field: str = "org_unit", roles: Iterable[str] | None = None
) -> QuerySet:
    """Keep only the rows whose `unit_field` lies inside the user's units ("" for units)."""
    prefix = f"{unit_field}__" if unit_field else ""
    return queryset.filter(units_q(user, roles, prefix=prefix))


def get_visible_or_404(user, queryset: QuerySet, unit_field: str = "org_unit", **lookup):
    try:
        return scope_to_units(user, queryset, unit_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def is_city_wide(user, role: str) -> bool:
    if is_superuser(user):
        return True
    return any(m.role == role and m.org_unit.parent_id is None for m in _memberships(user))


@rules.predicate
def has_staff_role(user):
    return is_staff_member(user)


@rules.predicate
def is_admin(user):
    return is_superuser(user) or Role.ADMIN in roles_of(user)


@rules.predicate
def is_city_admin(user):
    return is_city_wide(user, Role.ADMIN)


@rules.predicate
def is_auditor(user):
    # The audit trail is city-wide: auditors (Inspektorat) anywhere, and city admins, read it.
    return Role.AUDITOR in roles_of(user) or is_city_wide(user, Role.ADMIN)


@rules.predicate
def can_see_unit(user, unit):
    if unit is None:
        return False
    return visible_units(user).filter(pk=unit.pk).exists()


rules.add_perm("backoffice.access", has_staff_role)
rules.add_perm("org.view_unit_staff", has_staff_role & can_see_unit)
rules.add_perm("core.view_audit", is_auditor)
rules.add_perm("admin.access", is_admin)


# --- Objects owned by a unit and raised by a citizen (cases) ---------------------------------


def can_coordinate(user) -> bool:
    """City-wide admin koordinator: verifies, routes and sees every case."""
    return is_city_wide(user, Role.COORDINATOR)


def scope_unit_owned(user, queryset: QuerySet, unit_field: str = "org_unit") -> QuerySet:
    """Coordinators see every row; other staff only rows routed inside their units.

    Same rows as `scope_to_units`, but the units are resolved to ids first (one small query)
    and the rows filtered by `unit_field IN (ids)`: a join on the unit's path gives the
    database no index to start from on a table of a million cases.
    """
    if can_coordinate(user) or is_superuser(user):
        return queryset
    unit_ids = list(visible_units(user).order_by().values_list("pk", flat=True))
    return queryset.filter(**{f"{unit_field}__in": unit_ids})


def works_in(user, unit) -> bool:
    """True when `unit` lies inside one of the user's units."""
    if unit is None:
        return False
    if is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user))


def can_see_reporter(user, case) -> bool:
    """Anonymous reporters are known to nobody; confidential ones only to coordinators."""
    if case.is_anonymous:
        return False
    return not case.is_confidential or can_coordinate(user)


# --- Service applications: who acts at which workflow step -----------------------------------

# A workflow step's role (catalog.WorkflowStep.Role, same values as Membership.Role) → the
# membership roles that may complete it. A role on a unit covers the units below it.
STEP_ACTORS = {
    Role.OPERATOR: frozenset({Role.OPERATOR}),
    Role.COORDINATOR: frozenset({Role.COORDINATOR, Role.ADMIN}),
    Role.HEAD: frozenset({Role.HEAD}),
}


def _holds_in(user, unit, roles) -> bool:
    if unit is None or not roles:
        return False
    if is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user, roles))


def may_act_on_step(user, unit, step_role: str) -> bool:
    """True when the user holds, in `unit` or above it, a role that completes a workflow step
    of role `step_role` (operator steps: operators; verification: koordinator or admin;
    the head's steps: kepala)."""
    return _holds_in(user, unit, STEP_ACTORS.get(step_role, frozenset()))


# --- Counter staff (loket): applications filed for citizens at an office counter ------------

COUNTER_ROLES = frozenset({Role.COUNTER})


def counter_units(user) -> list[OrgUnit]:
    """The units where the user sits at a counter (their own loket memberships)."""
    return [m.org_unit for m in _memberships(user) if m.role in COUNTER_ROLES]


def is_counter_officer(user) -> bool:
    return bool(counter_units(user)) or is_superuser(user)


def may_file_at(user, unit) -> bool:
    """True when the user may file at the counter of `unit` (their own loket membership)."""
    if unit is None:
        return False
    return is_superuser(user) or any(u.pk == unit.pk for u in counter_units(user))


def scope_counter_records(user, queryset: QuerySet, unit_field: str = "counter_unit"):
    """What a counter officer sees: records of the counters in their units (and the units
    below them, so a kecamatan counter sees its kelurahan counters'); nothing for other staff."""
    if is_superuser(user):
        return queryset
    return scope_to_units(user, queryset, unit_field, roles=COUNTER_ROLES)


# --- Queues (antrean): a site's kiosk and counters, and its figures --------------------------

# Who runs a site's kiosk and counters: counter officers (loket), operators and admins of the
# unit that owns the site or the counter (at the MPP, each OPD's counters are its own).
QUEUE_ROLES = frozenset({Role.COUNTER, Role.OPERATOR, Role.ADMIN})


def may_run_counter(user, counter) -> bool:
    return _holds_in(user, counter.org_unit, QUEUE_ROLES)


def queue_site_q(user) -> Q:
    """Sites the user works at: owned by one of their units or holding one of its counters."""
    if is_superuser(user):
        return Q()
    paths = unit_paths(user, QUEUE_ROLES)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(org_unit__path__startswith=path)
        condition |= Q(counters__org_unit__path__startswith=path)
    return condition


def scope_queue_sites(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(queue_site_q(user)).distinct()


def may_see_queue_figures(user, site) -> bool:
    """A site's daily figures with CSV: the staff of the unit that owns it (and above)."""
    return _holds_in(user, site.org_unit, UNIT_ROLES)


# --- SPBE self-evaluation: the SPBE team coordinates, each OPD answers its own indicators ----

SPBE_TEAM_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})


def is_spbe_team(user, team_unit_code: str) -> bool:
    """The SPBE team: city-wide admins and coordinators, and the coordinators and admins of
    the unit that runs SPBE (Diskominfo, named by the caller)."""
    if is_city_wide(user, Role.ADMIN) or is_city_wide(user, Role.COORDINATOR):
        return True
    return any(
        m.role in SPBE_TEAM_ROLES and m.org_unit.code == team_unit_code for m in _memberships(user)
    )


# --- City information (news): OPD editors write, reviewers publish ----------------------------

# Editors write and submit drafts of their unit's news; reviewers (koordinator, kepala, admin)
# also return, publish and withdraw them. A role on a unit covers the units below it.
NEWS_EDITOR_ROLES = frozenset({Role.OPERATOR, Role.COORDINATOR, Role.HEAD, Role.ADMIN})
NEWS_REVIEWER_ROLES = frozenset({Role.COORDINATOR, Role.HEAD, Role.ADMIN})


def may_write_news(user) -> bool:
    return is_superuser(user) or bool(unit_paths(user, NEWS_EDITOR_ROLES))


def scope_news(user, queryset: QuerySet) -> QuerySet:
    """News items of the units where the user is an editor or reviewer (and below)."""
    if is_superuser(user):
        return queryset
    return scope_to_units(user, queryset, roles=NEWS_EDITOR_ROLES)


def news_units(user) -> QuerySet[OrgUnit]:
    if is_superuser(user):
        return OrgUnit.objects.filter(is_active=True)
    return visible_units(user, NEWS_EDITOR_ROLES).filter(is_active=True)


def may_edit_news(user, unit) -> bool:
    return is_superuser(user) or _holds_in(user, unit, NEWS_EDITOR_ROLES)


def may_review_news(user, unit) -> bool:
    return is_superuser(user) or _holds_in(user, unit, NEWS_REVIEWER_ROLES)

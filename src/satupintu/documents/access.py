"""Who may see and revoke an issued document in the back office, from `org.permissions`."""

from satupintu.org import permissions
from satupintu.org.models import Membership

# Auditors read; the roles that run a unit's work may also withdraw its documents.
REVOKE_ROLES = (
    Membership.Role.OPERATOR,
    Membership.Role.COORDINATOR,
    Membership.Role.HEAD,
    Membership.Role.ADMIN,
)


def can_see(user, document) -> bool:
    """Staff of the issuing unit or of a unit above it."""
    return permissions.is_staff_member(user) and permissions.works_in(user, document.org_unit)


def can_revoke(user, document) -> bool:
    if not can_see(user, document):
        return False
    if permissions.is_superuser(user):
        return True
    path = document.org_unit.path
    return any(path.startswith(unit) for unit in permissions.unit_paths(user, REVOKE_ROLES))

"""In which role a user (or a holder of the secret link) stands towards a case.

The decisions themselves live in `org.permissions`; this module maps them to the roles
of the transition tables.
"""

from satupintu.cases import codes
from satupintu.cases.workflow import COORDINATOR, REPORTER, UNIT
from satupintu.org import permissions


def staff_role(user, case) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if permissions.can_coordinate(user):
        return COORDINATOR
    if case.org_unit_id and permissions.works_in(user, case.org_unit):
        return UNIT
    return None


def is_reporter(user, case, secret: str = "") -> bool:
    if secret and codes.secret_matches(secret, case.secret_hash):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and case.submitter_id is not None
        and case.submitter_id == user.pk
    )


def reporter_role(user, case, secret: str = "") -> str | None:
    return REPORTER if is_reporter(user, case, secret) else None

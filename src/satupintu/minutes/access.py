"""Who sees and does what with a meeting. Pages, the API and services all ask this module.

- See: staff of the organising unit and of the units above it, staff of an invited unit (and
  above), invited people, the chair, the notulis and anyone on the attendance list. Anyone else
  gets 404, never 403.
- Manage (details, agenda, attendance, minutes text): the notulis, the chair, whoever created
  the meeting, and staff of the organising unit (and above) other than auditors.
- Approve and reopen: the chair alone.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from satupintu.minutes.models import FollowUpAction, Meeting
from satupintu.org import permissions
from satupintu.org.models import Membership

MANAGING_ROLES = [
    Membership.Role.OPERATOR,
    Membership.Role.COORDINATOR,
    Membership.Role.HEAD,
    Membership.Role.ADMIN,
]


def _is_superuser(user) -> bool:
    return permissions.is_superuser(user)


def visible_meetings(user) -> QuerySet[Meeting]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Meeting.objects.none()
    if _is_superuser(user):
        return Meeting.objects.all()
    condition = (
        Q(chair=user)
        | Q(secretary=user)
        | Q(created_by=user)
        | Q(invited_users=user)
        | Q(attendances__user=user)
    )
    if permissions.unit_paths(user):
        condition |= permissions.units_q(user, prefix="org_unit__")
        condition |= permissions.units_q(user, prefix="invited_units__")
    ids = Meeting.objects.filter(condition).values("pk")
    return Meeting.objects.filter(pk__in=ids)


def meeting_or_404(user, pk) -> Meeting:
    meeting = (
        visible_meetings(user)
        .select_related("org_unit", "chair", "secretary")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def can_manage(user, meeting: Meeting) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (meeting.chair_id, meeting.secretary_id, meeting.created_by_id):
        return True
    if _is_superuser(user):
        return True
    paths = permissions.unit_paths(user, MANAGING_ROLES)
    return any(meeting.org_unit.path.startswith(path) for path in paths)


def can_create_in(user, unit) -> bool:
    if _is_superuser(user):
        return True
    return any(unit.path.startswith(path) for path in permissions.unit_paths(user, MANAGING_ROLES))


def creatable_units(user):
    return permissions.visible_units(user, MANAGING_ROLES).filter(is_active=True)


def is_chair(user, meeting: Meeting) -> bool:
    return getattr(user, "is_authenticated", False) and user.pk == meeting.chair_id


def can_report_follow_up(user, action: FollowUpAction) -> bool:
    """The owner, staff of the owning unit (and above), the chair and the notulis."""
    if not getattr(user, "is_authenticated", False):
        return False
    meeting = action.meeting
    if user.pk in (action.owner_user_id, meeting.chair_id, meeting.secretary_id):
        return True
    if action.owner_unit_id and permissions.works_in(user, action.owner_unit):
        return True
    return can_manage(user, meeting)


def visible_follow_ups(user) -> QuerySet[FollowUpAction]:
    """Follow-ups of meetings the user sees, plus those owned by the user or their units."""
    if not getattr(user, "is_authenticated", False):
        return FollowUpAction.objects.none()
    condition = Q(meeting__in=visible_meetings(user).values("pk")) | Q(owner_user=user)
    if permissions.unit_paths(user):
        condition |= permissions.units_q(user, prefix="owner_unit__")
    return FollowUpAction.objects.filter(condition)

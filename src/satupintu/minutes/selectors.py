"""Read queries: staff lists and search, the public list, follow-up lists."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from satupintu.minutes import access
from satupintu.minutes.models import DecisionLink, FollowUpAction, Meeting

MAX_QUERY = 200


def search_q(query: str) -> Q:
    """Every word must appear in the title, an agenda item, its discussion or decisions."""
    condition = Q()
    for word in query.split()[:10]:
        condition &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(agenda_items__title__icontains=word)
            | Q(agenda_items__discussion__icontains=word)
            | Q(agenda_items__decisions__icontains=word)
        )
    return condition


def _search(queryset: QuerySet[Meeting], query: str) -> QuerySet[Meeting]:
    query = query.strip()[:MAX_QUERY]
    if not query:
        return queryset
    ids = Meeting.objects.filter(search_q(query)).values("pk")
    return queryset.filter(pk__in=ids)


@dataclass
class MeetingFilter:
    query: str = ""
    status: str = ""
    kind: str = ""
    unit: str = ""
    period: str = ""  # "upcoming" / "past"

    @classmethod
    def from_params(cls, params) -> "MeetingFilter":
        status = params.get("status", "")
        kind = params.get("jenis", "")
        period = params.get("waktu", "")
        return cls(
            query=params.get("q", "").strip()[:MAX_QUERY],
            status=status if status in Meeting.Status.values else "",
            kind=kind if kind in Meeting.Kind.values else "",
            unit=params.get("unit", "").strip()[:40],
            period=period if period in ("upcoming", "past") else "",
        )


def staff_meetings(user, filters: MeetingFilter | None = None) -> QuerySet[Meeting]:
    filters = filters or MeetingFilter()
    queryset = access.visible_meetings(user).select_related("org_unit", "chair", "secretary")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.unit:
        queryset = queryset.filter(org_unit__code=filters.unit)
    if filters.period == "upcoming":
        queryset = queryset.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    elif filters.period == "past":
        queryset = queryset.filter(ends_at__lt=timezone.now())
    return _search(queryset, filters.query)


def public_meetings(query: str = "") -> QuerySet[Meeting]:
    queryset = Meeting.objects.filter(
        is_public=True, status=Meeting.Status.PUBLISHED
    ).select_related("org_unit", "chair")
    return _search(queryset.order_by("-starts_at", "-pk"), query)


def public_meeting_or_404(pk) -> Meeting:
    meeting = public_meetings().filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def attending(meeting: Meeting):
    return meeting.attendances.filter(status="present").select_related("unit")


def follow_ups_for(user, *, state: str = "open") -> QuerySet[FollowUpAction]:
    queryset = access.visible_follow_ups(user).select_related(
        "meeting", "owner_user", "owner_unit", "meeting__org_unit"
    )
    today = timezone.localdate()
    if state == "open":
        queryset = queryset.filter(status=FollowUpAction.Status.OPEN)
    elif state == "overdue":
        queryset = queryset.filter(status=FollowUpAction.Status.OPEN, due_date__lt=today)
    elif state == "done":
        queryset = queryset.filter(status=FollowUpAction.Status.DONE)
    return queryset.order_by("status", "due_date", "pk")


def follow_up_or_404(user, pk) -> FollowUpAction:
    action = follow_ups_for(user, state="all").filter(pk=pk).first()
    if action is None:
        raise Http404
    return action


@dataclass(frozen=True)
class Quorum:
    present: int  # members present
    total: int  # members of the body
    met: bool  # more than half of the members present


def quorum(meeting) -> Quorum | None:
    """Members present against the members of the body that meets (`members_total`). The
    members are the people invited by name and the chair; guests and staff of invited units
    do not count. None when the number of members is not recorded."""
    if not meeting.members_total:
        return None
    from satupintu.minutes.models import Attendance

    members = set(meeting.invited_users.values_list("pk", flat=True)) | {meeting.chair_id}
    present = Attendance.objects.filter(
        meeting=meeting, status=Attendance.Status.PRESENT, user_id__in=members
    ).count()
    return Quorum(
        present=present, total=meeting.members_total, met=present * 2 > meeting.members_total
    )


def public_decisions_on(code: str) -> QuerySet:
    """The decisions of published open meetings that answer `code` (for its public pages)."""
    return (
        DecisionLink.objects.filter(
            code=code,
            agenda_item__meeting__is_public=True,
            agenda_item__meeting__status=Meeting.Status.PUBLISHED,
        )
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__starts_at", "pk")
    )

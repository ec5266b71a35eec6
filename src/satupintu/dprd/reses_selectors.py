"""Reads of E-Reses: whose reses a user may see, a member's public record, report contents."""

from django.db.models import Count, Q

from satupintu.dprd import selectors
from satupintu.dprd.models import (
    Member,
    Recess,
    RecessApiWrite,
    RecessHeard,
    RecessPhoto,
    RecessReport,
    SittingPeriod,
)

S = Recess.Status
# What the public sees of a member's reses: only those that took place.
PUBLIC_STATUSES = (S.HELD, S.REPORTED)


def staff_recesses(user):
    """SETWAN staff and the city's koordinator see every reses; a member their own; anyone
    else none (other members and OPD staff included)."""
    from satupintu.dprd import services

    everything = Recess.objects.select_related("member", "member__district", "period", "kelurahan")
    if not getattr(user, "is_authenticated", False):
        return everything.none()
    if services.is_setwan(user):
        return everything
    member = selectors.member_for_user(user)
    if member is not None:
        return everything.filter(member=member)
    return everything.none()


def staff_recess_or_none(user, pk: int) -> Recess | None:
    return staff_recesses(user).filter(pk=pk).first()


def with_counts(recesses):
    return recesses.annotate(
        heard_count=Count("heard", distinct=True),
        filed_count=Count("heard", filter=Q(heard__case__isnull=False), distinct=True),
    )


def heard_of(recess: Recess):
    return recess.heard.select_related("case", "kelurahan").prefetch_related("photos")


def public_recesses(member: Member):
    """A member's held reses as the public sees them: date, kelurahan, attendance and the
    number of aspirations heard — never who spoke."""
    return (
        Recess.objects.filter(member=member, status__in=PUBLIC_STATUSES)
        .select_related("kelurahan", "period")
        .annotate(heard_count=Count("heard"))
        .order_by("-held_on")
    )


def public_reports(member: Member):
    return RecessReport.objects.filter(member=member).select_related("period")


def report_recesses(member: Member, period: SittingPeriod) -> list[Recess]:
    return list(
        Recess.objects.filter(member=member, period=period, status__in=PUBLIC_STATUSES)
        .select_related("kelurahan", "kelurahan__parent")
        .annotate(heard_count=Count("heard"))
        .order_by("held_on", "id")
    )


def report_heard(member: Member, period: SittingPeriod):
    return (
        RecessHeard.objects.filter(recess__member=member, recess__period=period)
        .exclude(recess__status=S.CANCELLED)
        .select_related("case", "kelurahan", "recess")
        .order_by("recess__held_on", "id")
    )


def report_or_none(slug: str, period_pk: int) -> RecessReport | None:
    return (
        RecessReport.objects.filter(member__slug=slug, period_id=period_pk)
        .select_related("member", "member__district", "period")
        .first()
    )


def periods(term=None):
    term = term or selectors.current_term()
    return SittingPeriod.objects.filter(term=term).order_by("-year", "-number")


def members_for_schedule(term=None):
    return selectors.active_members(term or selectors.current_term())


def staff_report_member_or_none(user, slug: str) -> Member | None:
    """The member whose laporan reses `user` may sign and download: SETWAN staff any member, a
    member themself; anyone else none."""
    from satupintu.dprd import services

    if not getattr(user, "is_authenticated", False):
        return None
    if services.is_setwan(user):
        return Member.objects.select_related("district", "term").filter(slug=slug).first()
    own = selectors.member_for_user(user)
    return own if own is not None and own.slug == slug else None


def api_write(key: str | None) -> RecessApiWrite | None:
    """The staff API write made under an (already scoped and hashed) Idempotency-Key."""
    if not key:
        return None
    return (
        RecessApiWrite.objects.select_related("recess", "heard", "report").filter(key=key).first()
    )


def photo_or_none(recess: Recess, pk: int) -> RecessPhoto | None:
    """A photo of the reses or of an aspiration heard there (never public)."""
    return RecessPhoto.objects.filter(recess=recess, pk=pk).first()


def photos_of(recess: Recess):
    return recess.photos.order_by("created_at", "id")


def member_period_or_none(member: Member, pk: int) -> SittingPeriod | None:
    return SittingPeriod.objects.filter(term_id=member.term_id, pk=pk).first()


def heard_or_none(recess: Recess, pk: int) -> RecessHeard | None:
    """One aspiration heard at the reses (no prefetch: completing it stores new photos)."""
    return recess.heard.filter(pk=pk).first()

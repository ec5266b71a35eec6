"""From a figure of the DPRD secretariat's dashboard to the list of what it counts.

Each link names the filter the figure's rollup counted with (figures.py, figures_reses.py): a
period of the city's days (`dari`, `sampai`, inclusive), and a komisi, dapil, status or member.
The staff lists apply the same filter here, inside the viewer's own selectors, so the list
shows exactly the figure's count to SETWAN (who see the dashboard) and never more than the
viewer may see to anyone else following the link.

`0` as komisi or dapil means "none" (an aspiration to the whole council, or without dapil),
as in the rollup's keys."""

from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.dprd.models import Body, Member, Recess
from satupintu.org.models import ElectoralDistrict


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _id(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _period(scope) -> dict:
    return {"dari": scope.start.isoformat(), "sampai": scope.end.isoformat()}


# --- Links (figures) --------------------------------------------------------------------------


def aspirations_url(scope, *, commission: int | None = None, district: int | None = None):
    filters = {"komisi": commission} if commission is not None else {"dapil": district}
    return _url("dprd:aspiration_staff_list", **filters, **_period(scope))


def proposals_url(*, district: int, status: str) -> str:
    return _url("dprd:staff_list", dapil=district, status=status)


def recesses_url(scope, *, member: int) -> str:
    return _url("dprd:reses_list", anggota=member, **_period(scope))


# --- Filters (lists) ----------------------------------------------------------------------------


def _created_in(queryset, field: str, params) -> tuple:
    start, end = _day(params.get("dari", "")), _day(params.get("sampai", ""))
    notes = []
    if start:
        queryset = queryset.filter(**{f"{field}__gte": _start_of(start)})
        notes.append(_("sejak %(day)s") % {"day": start.strftime("%d-%m-%Y")})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": _start_of(end + timedelta(days=1))})
        notes.append(_("sampai %(day)s") % {"day": end.strftime("%d-%m-%Y")})
    return queryset, notes


def _district_name(pk: int) -> str | None:
    return ElectoralDistrict.objects.filter(pk=pk).values_list("name", flat=True).first()


def filter_aspirations(aspirations, params) -> tuple:
    """(aspirations, what the filter says) for `?komisi=|dapil=&dari=&sampai=`."""
    notes = []
    commission, district = _id(params.get("komisi", "")), _id(params.get("dapil", ""))
    if commission is not None:
        aspirations = aspirations.filter(commission_id=commission or None)
        found = Body.objects.filter(pk=commission).values_list("name", flat=True).first()
        notes.append(found or _("tanpa komisi"))
    if district is not None:
        aspirations = aspirations.filter(district_id=district or None)
        notes.append(_district_name(district) or _("tanpa dapil"))
    aspirations, period = _created_in(aspirations, "case__created_at", params)
    return aspirations, notes + period


def filter_proposals(proposals, params, statuses) -> tuple:
    notes = []
    district = _id(params.get("dapil", ""))
    if district is not None:
        proposals = proposals.filter(district_id=district)
        notes.append(_district_name(district) or _("tanpa dapil"))
    status = params.get("status", "")
    if status in statuses:
        proposals = proposals.filter(case__status=status)
        notes.append(str(statuses[status]))
    return proposals, notes


def filter_recesses(recesses, params) -> tuple:
    """`?anggota=<member id>&dari=&sampai=`: the reses recorded as held in the period (the day
    of their change to "dilaksanakan", as the figure counts them)."""
    notes = []
    member = _id(params.get("anggota", ""))
    if member is not None:
        recesses = recesses.filter(member_id=member)
        notes.append(Member.objects.filter(pk=member).values_list("name", flat=True).first() or "")
    if params.get("dari") or params.get("sampai"):
        from satupintu.dprd.models import RecessStatusChange

        held = RecessStatusChange.objects.filter(to_status=Recess.Status.HELD)
        held, period = _created_in(held, "created_at", params)
        recesses = recesses.filter(pk__in=held.values("recess_id"))
        notes += [_("dicatat terlaksana"), *period]
    return recesses, notes

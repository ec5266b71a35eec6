"""Reses held per member (issue 10 item 7) on the DPRD secretariat's dashboard.

A reses counts on the day it was recorded as held (its status change to "dilaksanakan"), not
on its planned date: the rollup recomputes only yesterday and today, and a reses is often
recorded a day or two after it took place, so keying it by `held_on` would leave it out of
the figures for ever. The attendance recorded then is the metric's total. Aspirations heard
count on the day they were recorded.

Metrics (unit = SETWAN; key = member id):
- `dprd.recess.held` — reses recorded as held that day; total = attendance;
- `dprd.recess.heard` — aspirations heard recorded that day.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.dashboards.registry import Row, Scope, register_rollup
from satupintu.dprd import drilldown
from satupintu.dprd.figures import SETWAN_CODE, _figure, _sums
from satupintu.dprd.models import Member, Recess, RecessHeard, RecessStatusChange
from satupintu.org.models import OrgUnit


def _bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def cells(day) -> dict:
    unit = OrgUnit.objects.filter(code=SETWAN_CODE).values_list("pk", flat=True).first()
    if unit is None:
        return {}
    start, end = _bounds(day)
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    held = RecessStatusChange.objects.filter(
        to_status=Recess.Status.HELD, created_at__gte=start, created_at__lt=end
    ).values_list("recess__member_id", "recess__attendance")
    for member_id, attendance in held:
        cell = out[("dprd.recess.held", unit, None, str(member_id))]
        cell[0] += 1
        cell[1] += attendance or 0
    heard = RecessHeard.objects.filter(created_at__gte=start, created_at__lt=end)
    for member_id in heard.values_list("recess__member_id", flat=True):
        out[("dprd.recess.heard", unit, None, str(member_id))][0] += 1
    return dict(out)


register_rollup("dprd.recess", cells)  # its own prefix: "dprd" is figures.py's


def recesses_by_member(scope: Scope) -> list[Row]:
    held = _sums(scope, "dprd.recess.held")
    heard = _sums(scope, "dprd.recess.heard")
    ids = {int(key) for key in set(held) | set(heard)}
    names = dict(Member.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = []
    for pk in sorted(ids, key=lambda i: names.get(i, "")):
        count, attendance = held.get(str(pk), (0, 0))
        links = {0: drilldown.recesses_url(scope, member=pk)} if scope.staff and count else {}
        values = [count, attendance, heard.get(str(pk), (0, 0))[0]]
        rows.append(Row(names.get(pk, str(pk)), values, links))
    return rows


_figure(
    "dprd-reses-anggota",
    _("Reses per anggota DPRD"),
    _("Reses yang dicatat terlaksana pada periode per anggota, jumlah warga yang hadir, dan "
      "aspirasi yang didengar (dicatat sebagai usulan pokir atau aspirasi)."),
    (_("Reses terlaksana"), _("Warga hadir"), _("Aspirasi didengar")),
    recesses_by_member,
    "dprd.recess.held",
    _("Reses terlaksana per minggu"),
)  # fmt: skip

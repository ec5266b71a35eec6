"""The DPRD secretariat's figures (issue 10 item 7; issue 13 item 4 "DPRD aspirations and
proposals"): aspirations per komisi and dapil with the time to the first answer, proposals
per dapil and status, the adoption rate — and the city-wide summary on the leaders'
dashboard. The dprd app adds its own daily metrics to the dashboards' rollup
(`dashboards.registry.register_rollup`) and registers its figures (group "dprd": the
secretariat's page `/kantor/dprd/dasbor/`; the summary in group "kota"). Another figure (e.g.
reses held per member) joins the secretariat's page by registering a `Figure` with
`group=GROUP`; nothing here needs to change.

Metrics (unit = the case's unit, SETWAN):

- `dprd.aspiration.received` — aspirations filed that day; key = `komisi id:dapil id`
  (0 = none: addressed to the whole council, or no kelurahan);
- `dprd.aspiration.first_answer` — first public answer that day; same key; total = minutes;
- `dprd.proposal.received` — proposals filed that day; key = dapil id;
- `dprd.proposal.status` — at the end of the day, proposals per status (from the case's status
  history, so a past day is what it was then); key = `dapil id:status`;
- `dprd.proposal.verified`, `dprd.proposal.adopted` — at the end of the day, proposals that
  had been verified / adopted by then (whatever came after); key = dapil id.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.cases.models import CaseEvent
from satupintu.dashboards.figures import _ratio
from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Figure, Row, Scope, register, register_rollup
from satupintu.dashboards.trends import mean_of, trend
from satupintu.dprd import drilldown, workflow
from satupintu.dprd.models import Aspiration, Body, Proposal
from satupintu.org.models import ElectoralDistrict, OrgUnit

GROUP = "dprd"
SETWAN_CODE = "SETWAN"
STATUSES = list(workflow.LABELS)
# Reached by a proposal that was verified / adopted at some point (status history).
VERIFIED_OR_LATER = frozenset(STATUSES[1:]) - {workflow.Status.REJECTED}
ADOPTED_OR_LATER = VERIFIED_OR_LATER - {workflow.Status.VERIFIED}


def _bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def statuses_at(end, kind: str = workflow.KIND) -> dict[int, list[str]]:
    """{case id: the statuses it entered before `end`, in order} for cases of `kind` filed
    before `end` (status changes are CaseEvent rows, never updates)."""
    history = defaultdict(list)
    events = (
        CaseEvent.objects.filter(case__kind=kind, created_at__lt=end, case__created_at__lt=end)
        .exclude(to_status="")
        .order_by("created_at", "pk")
        .values_list("case_id", "to_status")
    )
    for case_id, status in events:
        history[case_id].append(status)
    return history


def cells(day) -> dict:
    start, end = _bounds(day)
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    aspirations = Aspiration.objects.select_related("case")
    for a in aspirations.filter(case__created_at__gte=start, case__created_at__lt=end):
        key = f"{a.commission_id or 0}:{a.district_id or 0}"
        out[("dprd.aspiration.received", a.case.org_unit_id, None, key)][0] += 1
    for a in aspirations.filter(
        case__first_response_at__gte=start, case__first_response_at__lt=end
    ):
        key = f"{a.commission_id or 0}:{a.district_id or 0}"
        minutes = int((a.case.first_response_at - a.case.created_at).total_seconds() // 60)
        cell = out[("dprd.aspiration.first_answer", a.case.org_unit_id, None, key)]
        cell[0] += 1
        cell[1] += max(minutes, 0)
    proposals = {
        p["case_id"]: p
        for p in Proposal.objects.filter(case__created_at__lt=end).values(
            "case_id", "district_id", "case__org_unit_id", "case__created_at"
        )
    }
    history = statuses_at(end)
    for case_id, p in proposals.items():
        unit, district = p["case__org_unit_id"], p["district_id"]
        if start <= p["case__created_at"] < end:
            out[("dprd.proposal.received", unit, None, str(district))][0] += 1
        went = history.get(case_id) or []
        now = went[-1] if went else workflow.Status.SUBMITTED
        out[("dprd.proposal.status", unit, None, f"{district}:{now}")][0] += 1
        if VERIFIED_OR_LATER & set(went):
            out[("dprd.proposal.verified", unit, None, str(district))][0] += 1
        if ADOPTED_OR_LATER & set(went):
            out[("dprd.proposal.adopted", unit, None, str(district))][0] += 1
    return dict(out)


register_rollup("dprd", cells)


# --- Figures ------------------------------------------------------------------------------


def holds_setwan(scope: Scope) -> bool:
    return OrgUnit.objects.filter(scope.units).filter(code=SETWAN_CODE).exists()


def _sums(scope: Scope, metric: str, *, day=None) -> dict[str, tuple[int, int]]:
    qs = DailyFigure.objects.filter(metric=metric, org_unit__in=OrgUnit.objects.filter(scope.units))
    qs = qs.filter(day=day) if day else qs.filter(day__gte=scope.start, day__lte=scope.end)
    return {
        row["key"]: (row["c"] or 0, row["t"] or 0)
        for row in qs.values("key").annotate(c=Sum("count"), t=Sum("total")).order_by()
    }


def _last_day(scope: Scope):
    return (
        DailyFigure.objects.filter(
            metric="dprd.proposal.status", day__gte=scope.start, day__lte=scope.end
        )
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )


def _by_part(sums: dict, part: int) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for key, (count, total) in sums.items():
        value = int(key.split(":")[part])
        out[value][0] += count
        out[value][1] += total
    return out


def _aspiration_link(scope: Scope, part: int, pk: int) -> dict:
    """Column "received" → the list of those aspirations (dprd/drilldown.py)."""
    if not scope.staff:
        return {}
    by = {"commission": pk} if part == 0 else {"district": pk}
    return {0: drilldown.aspirations_url(scope, **by)}


def _aspiration_rows(scope: Scope, part: int, names: dict, other) -> list[Row]:
    received = _by_part(_sums(scope, "dprd.aspiration.received"), part)
    answered = _by_part(_sums(scope, "dprd.aspiration.first_answer"), part)
    rows = []
    for pk in sorted(set(received) | set(answered), key=lambda i: (i == 0, str(names.get(i)))):
        count, minutes = answered.get(pk, (0, 0))
        rows.append(
            Row(
                str(names.get(pk, other)),
                [received.get(pk, (0, 0))[0], count, mean_of(60)(count, minutes)],
                _aspiration_link(scope, part, pk),
            )
        )
    return rows


def aspirations_by_commission(scope: Scope) -> list[Row]:
    names = dict(Body.objects.filter(kind=Body.Kind.COMMISSION).values_list("pk", "name"))
    return _aspiration_rows(scope, 0, names, _("Seluruh DPRD / anggota dapil"))


def _district_names() -> dict[int, str]:
    return {d.pk: f"{d.name}" for d in ElectoralDistrict.objects.order_by("number")}


def aspirations_by_district(scope: Scope) -> list[Row]:
    return _aspiration_rows(scope, 1, _district_names(), _("Tanpa dapil"))


def proposals_by_status(scope: Scope) -> list[Row]:
    last = _last_day(scope)
    if not last:
        return []
    per = defaultdict(dict)
    for key, (count, _total) in _sums(scope, "dprd.proposal.status", day=last).items():
        district, status = key.split(":", 1)
        per[int(district)][status] = count
    names = _district_names()
    # Today's snapshot is what the proposals' statuses are now: each count links to its list.
    linked = scope.staff and last == timezone.localdate()
    return [
        Row(
            names.get(pk, str(pk)),
            [per[pk].get(s, 0) for s in STATUSES],
            {
                i: drilldown.proposals_url(district=pk, status=s)
                for i, s in enumerate(STATUSES)
                if linked and per[pk].get(s)
            },
        )
        for pk in sorted(per, key=lambda i: names.get(i, ""))
    ]


def adoption(scope: Scope) -> list[Row]:
    received = _sums(scope, "dprd.proposal.received")
    last = _last_day(scope)
    verified = _sums(scope, "dprd.proposal.verified", day=last) if last else {}
    adopted = _sums(scope, "dprd.proposal.adopted", day=last) if last else {}
    names = _district_names()
    keys = {int(k) for k in set(received) | set(verified) | set(adopted)}
    rows = []
    for pk in sorted(keys, key=lambda i: names.get(i, "")):
        n_verified = verified.get(str(pk), (0, 0))[0]
        n_adopted = adopted.get(str(pk), (0, 0))[0]
        rows.append(
            Row(
                names.get(pk, str(pk)),
                [
                    received.get(str(pk), (0, 0))[0],
                    n_verified,
                    n_adopted,
                    _ratio(n_adopted, n_verified),
                ],
            )  # fmt: skip
        )
    return rows


def summary(scope: Scope) -> list[Row]:
    """The city-wide DPRD summary for the leaders: per dapil."""
    aspirations = {row.label: row.values[0] for row in aspirations_by_district(scope)}
    rows = []
    for row in adoption(scope):
        rows.append(Row(row.label, [aspirations.pop(row.label, 0), *row.values]))
    for label, count in aspirations.items():
        rows.append(Row(label, [count, 0, 0, 0, None]))
    return rows


ANSWER_COLUMNS = (_("Aspirasi diterima"), _("Dijawab"), _("Jam sampai jawaban pertama"))
ADOPTION_COLUMNS = (
    _("Usulan masuk"),
    _("Pernah diverifikasi"),
    _("Diadopsi anggota"),
    _("Tingkat adopsi (%)"),
)


def _figure(key, title, description, columns, rows, trend_metric, trend_title, **options):
    options.setdefault("group", GROUP)
    options.setdefault("applies", holds_setwan)
    return register(
        Figure(
            key,
            title,
            description,
            columns,
            rows,
            trend=trend(trend_metric, **options.pop("trend_options", {})),
            trend_title=trend_title,
            **options,
        )
    )


_figure(
    "dprd-aspirasi-komisi",
    _("Aspirasi DPRD per komisi"),
    _("Aspirasi warga yang diterima pada periode menurut komisi tujuan, yang dijawab, dan "
      "rata-rata jam sampai jawaban publik pertama."),
    ANSWER_COLUMNS,
    aspirations_by_commission,
    "dprd.aspiration.received",
    _("Aspirasi diterima per minggu"),
)  # fmt: skip
_figure(
    "dprd-aspirasi-dapil",
    _("Aspirasi DPRD per dapil"),
    _("Aspirasi warga yang diterima pada periode menurut dapil kelurahan pelapor, yang "
      "dijawab, dan rata-rata jam sampai jawaban publik pertama."),
    ANSWER_COLUMNS,
    aspirations_by_district,
    "dprd.aspiration.first_answer",
    _("Rata-rata jam sampai jawaban pertama per minggu"),
    chart_column=2,
    trend_options={"value": mean_of(60)},
)  # fmt: skip
_figure(
    "dprd-usulan-status",
    _("Usulan pokir per dapil dan status"),
    _("Usulan pokok pikiran per dapil menurut statusnya pada hari terakhir periode."),
    tuple(workflow.LABELS.values()),
    proposals_by_status,
    "dprd.proposal.received",
    _("Usulan masuk per minggu"),
)  # fmt: skip
_figure(
    "dprd-adopsi",
    _("Tingkat adopsi usulan per dapil"),
    _("Usulan yang masuk pada periode; sampai hari terakhir periode: usulan yang pernah "
      "diverifikasi Sekretariat DPRD, yang diadopsi anggota dapil, dan tingkat adopsi "
      "(diadopsi ÷ pernah diverifikasi)."),
    ADOPTION_COLUMNS,
    adoption,
    "dprd.proposal.adopted",
    _("Usulan diadopsi (kumulatif) pada akhir tiap minggu"),
    chart_column=3,
    trend_options={"snapshot": True},
)  # fmt: skip
_figure(
    "dprd-ringkasan",
    _("DPRD: aspirasi dan usulan per dapil"),
    _("Ringkasan kota: aspirasi warga kepada DPRD dan usulan pokir per dapil pada periode, "
      "usulan yang pernah diverifikasi, diadopsi anggota, dan tingkat adopsinya."),
    (_("Aspirasi diterima"), *ADOPTION_COLUMNS),
    summary,
    "dprd.aspiration.received",
    _("Aspirasi DPRD diterima per minggu"),
    group="kota",
)  # fmt: skip

"""Disposition response times down the chain, for the leaders' dashboard (issue 13 item 4).

The letters app adds its own daily metrics to the dashboards' rollup
(`dashboards.registry.register_rollup`) and registers its figures; the dashboards app knows
nothing of letters. A disposition's *level* is its depth in the letter's disposition tree:
1 = given by the letter's addressee (the Sekda to an asisten), 2 = the next step (asisten to
a kepala OPD), 3 = kepala OPD to a bidang, 4 = anything deeper. Its *unit* is the recipient:
the unit disposed to, or, for a disposition to a person, the unit the person leads (else the
person's first unit). Withdrawn dispositions count nowhere (they were never really given).

Metrics (unit = the recipient unit):

- `disposition.given` — given that day; key = level;
- `disposition.first_response` — first response (further disposition or report, `acted_at`)
  that day; key = `level:minutes from disposition`, one row per distinct time, so the median
  and 90th percentile are read exactly from the rollup;
- `disposition.overdue` — at the end of the day: not done, due date before the day; key = level.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from math import ceil
from urllib.parse import urlencode

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Figure, Row, Scope, register, register_rollup
from satupintu.dashboards.trends import mean_of, trend
from satupintu.letters.hierarchy import HEAD
from satupintu.letters.models import Disposition
from satupintu.org.models import Membership, OrgUnit

LEVELS = (1, 2, 3, 4)
DEEPEST = LEVELS[-1]


def level_label(level: int):
    if level >= DEEPEST:
        return _("Tingkat %(n)s dan lebih") % {"n": DEEPEST}
    return _("Tingkat %(n)s") % {"n": level}


def _bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def levels_of(dispositions: list[dict]) -> dict[int, int]:
    """{disposition id: level (1–4)} through the parents of each (one query per tree depth)."""
    parent = {d["pk"]: d["parent_id"] for d in dispositions}
    missing = {p for p in parent.values() if p and p not in parent}
    while missing:
        rows = Disposition.objects.filter(pk__in=missing).values_list("pk", "parent_id")
        found = dict(rows)
        parent.update(found)
        missing = {p for p in found.values() if p and p not in parent}

    def depth(pk):
        n = 1
        while parent.get(pk) and n < DEEPEST:
            pk, n = parent[pk], n + 1
        return n

    return {d["pk"]: depth(d["pk"]) for d in dispositions}


def person_units(user_ids) -> dict[int, int]:
    """{user id: the unit a disposition to that person counts for}: a unit they lead, else
    their first unit (by membership id)."""
    best: dict[int, tuple] = {}
    rows = Membership.objects.filter(user_id__in=set(user_ids), is_active=True).values_list(
        "user_id", "org_unit_id", "role", "pk"
    )
    for user_id, unit_id, role, pk in rows:
        rank = (role != HEAD, pk)
        if user_id not in best or rank < best[user_id][0]:
            best[user_id] = (rank, unit_id)
    return {user_id: unit for user_id, (_rank, unit) in best.items()}


def recipient_units(dispositions: list[dict]) -> dict[int, int | None]:
    people = person_units(d["to_user_id"] for d in dispositions if not d["to_unit_id"])
    return {d["pk"]: d["to_unit_id"] or people.get(d["to_user_id"]) for d in dispositions}


FIELDS = ("pk", "parent_id", "to_user_id", "to_unit_id", "created_at", "acted_at", "due_date")


def cells(day) -> dict:
    start, end = _bounds(day)
    live = Disposition.objects.filter(withdrawn_at__isnull=True)
    given = list(live.filter(created_at__gte=start, created_at__lt=end).values(*FIELDS))
    answered = list(live.filter(acted_at__gte=start, acted_at__lt=end).values(*FIELDS))
    overdue = list(
        live.filter(created_at__lt=end, due_date__lt=day)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=end))
        .values(*FIELDS)
    )
    every = {d["pk"]: d for d in given + answered + overdue}
    levels = levels_of(list(every.values()))
    units = recipient_units(list(every.values()))
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for d in given:
        out[("disposition.given", units[d["pk"]], None, str(levels[d["pk"]]))][0] += 1
    for d in answered:
        minutes = max(int((d["acted_at"] - d["created_at"]).total_seconds() // 60), 0)
        cell = out[("disposition.first_response", units[d["pk"]], None,
                    f"{levels[d['pk']]}:{minutes}")]  # fmt: skip
        cell[0] += 1
        cell[1] += minutes
    for d in overdue:
        out[("disposition.overdue", units[d["pk"]], None, str(levels[d["pk"]]))][0] += 1
    return dict(out)


register_rollup("disposition", cells)


# --- Figures ------------------------------------------------------------------------------


def percentile(histogram: dict[int, int], share: float):
    """Nearest-rank percentile of {minutes: how many}: the smallest time with at least
    ⌈share × n⌉ responses at or below it."""
    n = sum(histogram.values())
    if not n:
        return None
    rank, seen = max(1, ceil(share * n)), 0
    for minutes in sorted(histogram):
        seen += histogram[minutes]
        if seen >= rank:
            return minutes
    return None  # pragma: no cover - unreachable


def hours(minutes):
    if minutes is None:
        return None
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _rows(scope: Scope, metric: str, *, day=None):
    qs = DailyFigure.objects.filter(metric=metric, org_unit__in=OrgUnit.objects.filter(scope.units))
    qs = qs.filter(day=day) if day else qs.filter(day__gte=scope.start, day__lte=scope.end)
    return qs.values("org_unit", "key").annotate(c=Sum("count")).order_by()


def _overdue_day(scope: Scope):
    last = (
        DailyFigure.objects.filter(day__gte=scope.start, day__lte=scope.end)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return last


def table(scope: Scope) -> dict[tuple, dict]:
    """{(unit id, level): given, histogram, overdue} over the scope."""
    found: dict[tuple, dict] = defaultdict(
        lambda: {"given": 0, "histogram": defaultdict(int), "overdue": 0}
    )
    for row in _rows(scope, "disposition.given"):
        found[(row["org_unit"], int(row["key"]))]["given"] += row["c"]
    for row in _rows(scope, "disposition.first_response"):
        level, minutes = (int(part) for part in row["key"].split(":"))
        found[(row["org_unit"], level)]["histogram"][minutes] += row["c"]
    last = _overdue_day(scope)
    if last:
        for row in _rows(scope, "disposition.overdue", day=last):
            found[(row["org_unit"], int(row["key"]))]["overdue"] += row["c"]
    return found


def _values(cells: list[dict]) -> list:
    histogram: dict[int, int] = defaultdict(int)
    for cell in cells:
        for minutes, n in cell["histogram"].items():
            histogram[minutes] += n
    return [
        sum(c["given"] for c in cells),
        sum(histogram.values()),
        hours(percentile(histogram, 0.5)),
        hours(percentile(histogram, 0.9)),
        sum(c["overdue"] for c in cells),
    ]


def drill_url(unit_code: str, level: int | None = None) -> str:
    params = {"unit": unit_code}
    if level:
        params["tingkat"] = level
    return f"{reverse('letters:overdue_dispositions')}?{urlencode(params)}"


def by_level(scope: Scope) -> list[Row]:
    cells = table(scope)
    rows = []
    for level in LEVELS:
        mine = [c for (_unit, lv), c in cells.items() if lv == level]
        if mine:
            rows.append(Row(str(level_label(level)), _values(mine)))
    return rows


def by_unit(scope: Scope) -> list[Row]:
    cells = table(scope)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={k[0] for k in cells if k[0]})}
    rows = []
    for (unit_id, level), cell in sorted(
        cells.items(), key=lambda kv: (units[kv[0][0]].name if kv[0][0] in units else "", kv[0][1])
    ):
        unit = units.get(unit_id)
        if unit is None:
            continue
        row = Row(f"{unit.name} · {level_label(level)}", _values([cell]))
        if scope.staff and row.values[4]:
            row.links[4] = drill_url(unit.code, level)
        rows.append(row)
    return rows


COLUMNS = (
    _("Disposisi diberikan"),
    _("Ditanggapi"),
    _("Median tanggapan (jam)"),
    _("P90 tanggapan (jam)"),
    _("Lewat batas kini"),
)

register(
    Figure(
        "disposisi-tingkat",
        _("Waktu tanggapan disposisi per tingkat"),
        _("Per tingkat rantai disposisi (1: dari penerima surat, mis. Sekda ke asisten; 2: "
          "asisten ke kepala OPD; 3: kepala OPD ke bidang; 4: lebih dalam): disposisi yang "
          "diberikan dan yang ditanggapi pada periode, median dan persentil ke-90 jam sampai "
          "tanggapan pertama (disposisi lanjutan atau laporan), dan yang kini lewat batas."),
        COLUMNS,
        by_level,
        chart_column=2,
        trend=trend("disposition.first_response", value=mean_of(60)),
        trend_title=_("Rata-rata jam sampai tanggapan disposisi per minggu"),
    )
)  # fmt: skip
register(
    Figure(
        "disposisi-unit",
        _("Waktu tanggapan disposisi per unit penerima"),
        _("Per unit penerima dan tingkat: disposisi diberikan dan ditanggapi pada periode, "
          "median dan persentil ke-90 jam sampai tanggapan pertama, dan yang kini lewat batas "
          "(angka bertaut membuka daftar disposisinya)."),
        COLUMNS,
        by_unit,
        chart_column=4,
        trend=trend("disposition.overdue", snapshot=True),
        trend_title=_("Disposisi lewat batas pada akhir tiap minggu"),
    )
)  # fmt: skip


# --- The list behind the number -----------------------------------------------------------


def _overdue_of(unit: OrgUnit, level: int | None, letters=None) -> dict[int, int]:
    """{id: level} of the live dispositions past their due date counted for `unit` (and `level`),
    on `letters` when given (a queryset of letters the viewer may see)."""
    today = timezone.localdate()
    query = Disposition.objects.filter(
        withdrawn_at__isnull=True, done_at__isnull=True, due_date__lt=today
    ).filter(Q(to_unit=unit) | Q(to_unit__isnull=True, to_user__memberships__org_unit=unit))
    if letters is not None:
        query = query.filter(letter__in=letters)
    candidates = list(query.distinct().values(*FIELDS))
    units = recipient_units(candidates)
    levels = levels_of(candidates)
    return {
        d["pk"]: levels[d["pk"]]
        for d in candidates
        if units[d["pk"]] == unit.pk and (level is None or levels[d["pk"]] == level)
    }


def overdue_behind(user, unit: OrgUnit, level: int | None) -> list[Disposition]:
    """The dispositions behind "Lewat batas kini" of `unit` (and `level`): live, not done,
    past their due date, counted for that unit — and only on letters the viewer may see
    (`selectors.visible_letters`, the one gate of the letters app: a Rahasia letter stays
    with its chain)."""
    from satupintu.letters.selectors import visible_letters

    today = timezone.localdate()
    wanted = _overdue_of(unit, level, visible_letters(user))
    found = list(
        Disposition.objects.filter(pk__in=wanted)
        .select_related("letter", "from_user", "to_user", "to_unit")
        .order_by("due_date", "pk")
    )
    for d in found:
        d.level = wanted[d.pk]
        d.days_late = (today - d.due_date).days
    return found


def overdue_hidden(user, unit: OrgUnit, level: int | None) -> int:
    """How many of the same dispositions are on letters the viewer may not open (Rahasia,
    another chain): the figure counts them, the list cannot show them, the page says so."""
    from satupintu.letters.selectors import visible_letters

    seen = _overdue_of(unit, level, visible_letters(user)).keys()
    return len(_overdue_of(unit, level).keys() - seen)

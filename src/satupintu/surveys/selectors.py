"""Reads of the satisfaction survey: figures per unit, service and year."""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from satupintu.org import permissions
from satupintu.org.models import OrgUnit
from satupintu.surveys import ikm
from satupintu.surveys.elements import CODES, ELEMENTS
from satupintu.surveys.models import Invitation, Report, Response

_SUMS = {code: Sum(code) for code in CODES}


@dataclass
class ElementFigure:
    code: str
    name: str
    nrr: Fraction
    nrr_shown: object
    weighted_shown: object  # NRR × 1/9, four decimals (the regulation's table column)


@dataclass
class Figures:
    respondents: int
    population: int
    elements: list = field(default_factory=list)
    ikm: Fraction | None = None

    @property
    def ikm_shown(self):
        return ikm.shown(self.ikm)

    @property
    def band(self):
        return ikm.band(self.ikm)

    @property
    def minimum_sample(self) -> int:
        return ikm.minimum_sample(self.population)

    @property
    def sample_too_small(self) -> bool:
        return self.respondents < self.minimum_sample

    @property
    def weakest(self) -> list:
        codes = ikm.weakest({e.code: e.nrr for e in self.elements})
        return [e for code in codes for e in self.elements if e.code == code]


def _figures(responses, population: int) -> Figures:
    return _figures_of(responses.aggregate(n=Count("id"), **_SUMS), population)


def _figures_of(row: dict, population: int) -> Figures:
    """Figures from one row of sums: `n` responses and the sum of each element's answers."""
    n = row["n"] or 0
    nrrs = ikm.nrr({code: row[code] or 0 for code in CODES}, n)
    elements = [
        ElementFigure(
            e.code,
            e.name,
            nrrs[e.code],
            ikm.shown(nrrs[e.code]),
            ikm.shown(nrrs[e.code] / 9, 4),
        )
        for e in ELEMENTS
        if nrrs
    ]
    # Whoever answered was served: the population is never below the respondents.
    population = max(population, n)
    return Figures(respondents=n, population=population, elements=elements, ikm=ikm.ikm(nrrs))


def _unit_responses(unit: OrgUnit):
    return Response.objects.filter(org_unit__path__startswith=unit.path)


def population(unit: OrgUnit, year: int, service_label: str | None = None) -> int:
    """People served in the year, as far as the platform knows: finished cases and
    applications (invitations) plus queue visits answered at a kiosk."""
    invited = Invitation.objects.filter(org_unit__path__startswith=unit.path, created_at__year=year)
    kiosk = _unit_responses(unit).filter(submitted_at__year=year, channel=Response.Channel.KIOSK)
    if service_label is not None:
        invited = invited.filter(service_label=service_label)
        kiosk = kiosk.filter(service_label=service_label)
    return invited.count() + kiosk.count()


def unit_figures(unit: OrgUnit, year: int) -> Figures:
    responses = _unit_responses(unit).filter(submitted_at__year=year)
    return _figures(responses, population(unit, year))


def service_figures(unit: OrgUnit, year: int) -> list[tuple[str, Figures]]:
    responses = _unit_responses(unit).filter(submitted_at__year=year)
    labels = responses.values_list("service_label", flat=True).distinct().order_by("service_label")
    return [
        (label, _figures(responses.filter(service_label=label), population(unit, year, label)))
        for label in labels
    ]


def unit_trend(unit: OrgUnit) -> list[tuple[int, Figures]]:
    """Every year with responses, oldest first."""
    years = (
        _unit_responses(unit)
        .annotate(y=ExtractYear("submitted_at"))
        .values_list("y", flat=True)
        .distinct()
        .order_by("y")
    )
    return [(year, unit_figures(unit, year)) for year in years]


def suggestions(unit: OrgUnit, year: int, limit: int = 50):
    return (
        _unit_responses(unit)
        .filter(submitted_at__year=year)
        .exclude(suggestion="")
        .order_by("-submitted_at")
        .values_list("submitted_at", "service_label", "suggestion")[:limit]
    )


def public_units(year: int) -> list[tuple[OrgUnit, Figures]]:
    """Each unit with responses in the year and its own figures (its population: invitations
    and kiosk answers of the unit itself). Three queries however many units answer."""
    responses = Response.objects.filter(submitted_at__year=year)
    sums = {
        row["org_unit_id"]: row
        for row in responses.values("org_unit_id")
        .annotate(
            n=Count("id"), kiosk=Count("id", filter=Q(channel=Response.Channel.KIOSK)), **_SUMS
        )
        .order_by()
    }
    invited = dict(
        Invitation.objects.filter(created_at__year=year, org_unit_id__in=list(sums))
        .values("org_unit_id")
        .annotate(c=Count("id"))
        .values_list("org_unit_id", "c")
        .order_by()
    )
    units = OrgUnit.objects.filter(pk__in=list(sums)).order_by("name")
    return [
        (unit, _figures_of(sums[unit.pk], invited.get(unit.pk, 0) + sums[unit.pk]["kiosk"]))
        for unit in units
    ]


def population_own(unit: OrgUnit, year: int) -> int:
    invited = Invitation.objects.filter(org_unit=unit, created_at__year=year).count()
    kiosk = Response.objects.filter(
        org_unit=unit, submitted_at__year=year, channel=Response.Channel.KIOSK
    ).count()
    return invited + kiosk


def public_unit(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code).first()


def staff_units(user):
    """Units whose survey the user may read (their own and below) that have invited or been
    answered, plus the units the user is a member of."""
    active = set(Response.objects.values_list("org_unit_id", flat=True).distinct())
    active |= set(Invitation.objects.values_list("org_unit_id", flat=True).distinct())
    own = {m.org_unit_id for m in permissions.memberships_of(user)}
    return permissions.visible_units(user).filter(pk__in=active | own).order_by("path")


def staff_unit(user, code: str) -> OrgUnit:
    return permissions.get_visible_or_404(user, OrgUnit.objects.all(), unit_field="", code=code)


def reports(unit: OrgUnit):
    return Report.objects.filter(org_unit=unit).select_related("document")


def report(unit: OrgUnit, pk: int) -> Report | None:
    return reports(unit).filter(pk=pk).first()


def daily_answer_sums(day) -> list[dict]:
    """Per unit, the responses submitted on `day` (local time) and the sum of their nine
    answers (U1–U9): the dashboards' rollup of the IKM trend. With every element answered,
    IKM = 25 × sum ÷ (9 × responses), the regulation's formula on these sums."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return list(
        Response.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("org_unit_id")
        .annotate(n=Count("id"), **_SUMS)
        .order_by()
    )

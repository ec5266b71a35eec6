"""Reads of the SPBE self-evaluation: who is on the SPBE team, the assignments a person may
see (the team: all; an OPD: its own units'; anybody else: none, 404), the index of a year
and years side by side."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404

from satupintu.org import permissions
from satupintu.spbe import index
from satupintu.spbe.models import (
    Assignment,
    AssignmentStatus,
    Evaluation,
    EvaluationReport,
    Evidence,
    Framework,
    Indicator,
)


def team_unit_code() -> str:
    """The unit that runs SPBE (city data: SP_SPBE_TEAM_UNIT, Diskominfo by default)."""
    return settings.SPBE_TEAM_UNIT


def is_team(user) -> bool:
    return permissions.is_spbe_team(user, team_unit_code())


def team_or_404(user) -> None:
    if not is_team(user):
        raise Http404


def frameworks():
    return Framework.objects.all()


def latest_framework() -> Framework | None:
    return Framework.objects.order_by("-loaded_at", "-pk").first()


def evaluations():
    return Evaluation.objects.select_related("framework")


def evaluation_or_404(year: int) -> Evaluation:
    found = evaluations().filter(year=year).first()
    if found is None:
        raise Http404
    return found


def visible_assignments(user, evaluation: Evaluation):
    queryset = Assignment.objects.filter(evaluation=evaluation).select_related(
        "indicator__aspect__domain", "org_unit"
    )
    if is_team(user):
        return queryset
    return permissions.scope_to_units(user, queryset, "org_unit")


def assignment_or_404(user, evaluation: Evaluation, pk: int) -> Assignment:
    found = visible_assignments(user, evaluation).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def may_answer(user, assignment: Assignment) -> bool:
    """The OPD's own staff (not a counter officer) answer; the team reviews."""
    return permissions.works_in(user, assignment.org_unit) and bool(permissions.unit_paths(user))


def evidence_or_404(assignment: Assignment, pk: int) -> Evidence:
    found = assignment.evidence.filter(pk=pk, kind=Evidence.Kind.FILE).first()
    if found is None:
        raise Http404
    return found


def indicators(framework: Framework):
    return Indicator.objects.filter(aspect__domain__framework=framework).select_related(
        "aspect__domain"
    )


def tree(framework: Framework):
    """The framework as `index.compute` reads it."""
    domains = {}
    for indicator in indicators(framework).order_by("number"):
        aspect, domain = indicator.aspect, indicator.aspect.domain
        d_item = index.Item(domain.number, domain.name, domain.weight)
        a_item = index.Item(aspect.number, aspect.name, aspect.weight)
        aspects = domains.setdefault(d_item, {})
        aspects.setdefault(a_item, []).append(
            index.Item(indicator.number, indicator.name, indicator.weight)
        )
    return [
        (d, [(a, items) for a, items in sorted(aspects.items(), key=lambda x: x[0].number)])
        for d, aspects in sorted(domains.items(), key=lambda x: x[0].number)
    ]


def accepted_levels(evaluation: Evaluation) -> dict[int, int]:
    return dict(
        Assignment.objects.filter(
            evaluation=evaluation, status=AssignmentStatus.ACCEPTED
        ).values_list("indicator__number", "level")
    )


def year_index(evaluation: Evaluation) -> index.Result:
    framework = evaluation.framework
    return index.compute(tree(framework), accepted_levels(evaluation), framework.predicates)


@dataclass
class Comparison:
    years: list[int]
    rows: list  # (label, [shown index or None per year])


def compare(evaluations_: list[Evaluation]) -> Comparison:
    """Years side by side: overall, then each domain and aspect by number and name (a newer
    framework's parts with other names get their own rows)."""
    results = {e.year: year_index(e) for e in evaluations_}
    years = sorted(results)
    labels: list[str] = []
    values: dict[str, dict[int, object]] = {}

    def put(label, year, score):
        if label not in values:
            labels.append(label)
            values[label] = {}
        values[label][year] = score

    for year in years:
        result = results[year]
        put("SPBE", year, result.overall)
        for domain in result.domains:
            put(f"D{domain.number} {domain.name}", year, domain)
            for aspect in domain.children:
                put(f"  A{aspect.number} {aspect.name}", year, aspect)
    return Comparison(years, [(label, [values[label].get(y) for y in years]) for label in labels])


def reports(evaluation: Evaluation):
    return EvaluationReport.objects.filter(evaluation=evaluation).select_related("document")


def report_or_404(evaluation: Evaluation, pk: int) -> EvaluationReport:
    found = reports(evaluation).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found

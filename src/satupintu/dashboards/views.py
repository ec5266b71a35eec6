"""/kantor/dasbor/ (leaders: city-wide roles see the city, an OPD head their unit) and the
public /transparansi/ (the city). Every figure: SVG bars, the table beside it, a CSV."""

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.dashboards import charts, monthly, registry, rollup
from satupintu.dashboards import figures as _figures  # noqa: F401 - registers the figures
from satupintu.org import permissions
from satupintu.org.models import Membership, OrgUnit

LEADER_ROLES = {Membership.Role.HEAD, Membership.Role.ADMIN, Membership.Role.COORDINATOR}
MAX_DAYS = 366


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        end = date.fromisoformat(request.GET.get("sampai", ""))
    except ValueError:
        end = today
    try:
        start = date.fromisoformat(request.GET.get("dari", ""))
    except ValueError:
        start = end - timedelta(days=29)
    end = min(end, today)
    start = max(min(start, end), end - timedelta(days=MAX_DAYS))
    return start, end


def _leader_scope(request) -> registry.Scope:
    units = permissions.units_q(request.user, LEADER_ROLES)
    if not permissions.is_superuser(request.user) and not permissions.unit_paths(
        request.user, LEADER_ROLES
    ):
        raise Http404
    start, end = _period(request)
    return registry.Scope(units=units, start=start, end=end, staff=True)


def _public_scope(request) -> registry.Scope:
    start, end = _period(request)
    return registry.Scope(units=Q(), start=start, end=end)


def _blocks(scope):
    blocks = []
    for figure in registry.figures():
        rows = figure.rows(scope)
        chart = charts.bars_svg(
            str(figure.title),
            [(r.label, r.values[figure.chart_column]) for r in rows],
            f"grafik-{figure.key}",
        )
        cells = [[(value, row.links.get(i)) for i, value in enumerate(row.values)] for row in rows]
        blocks.append({"figure": figure, "rows": list(zip(rows, cells, strict=True)),
                       "chart": chart})  # fmt: skip
    return blocks


def _csv(figure, scope) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{figure.key}-{scope.start}-{scope.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([_("Nama"), *[str(c) for c in figure.columns]])
    for row in figure.rows(scope):
        writer.writerow([row.label, *["" if v is None else v for v in row.values]])
    return response


@staff_required
def home(request):
    scope = _leader_scope(request)
    return render(
        request,
        "dashboards/home.html",
        {"scope": scope, "blocks": _blocks(scope), "csv_url": "dashboards:csv"},
    )


@staff_required
def figure_csv(request, key):
    figure = registry.get(key)
    if figure is None:
        raise Http404
    return _csv(figure, _leader_scope(request))


@staff_required
@require_POST
def refresh(request):
    """Roll up today and yesterday now (the periodic task does it every hour)."""
    _leader_scope(request)
    today = timezone.localdate()
    rollup.rollup_range(today - timedelta(days=1), today)
    messages.success(request, _("Rekap hari ini dan kemarin diperbarui."))
    return redirect("dashboards:home")


def public(request):
    scope = _public_scope(request)
    return render(
        request,
        "dashboards/public.html",
        {"scope": scope, "blocks": _blocks(scope), "csv_url": "dashboards:public_csv"},
    )


def public_csv(request, key):
    figure = registry.get(key)
    if figure is None:
        raise Http404
    return _csv(figure, _public_scope(request))


@staff_required
def monthly_pdf(request, code, month):
    """One unit's monthly report: its heads and the leaders above it (404 for the rest)."""
    found = monthly.Month.parse(month)
    leader_units = OrgUnit.objects.filter(permissions.units_q(request.user, LEADER_ROLES))
    if not permissions.is_superuser(request.user) and not permissions.unit_paths(
        request.user, LEADER_ROLES
    ):
        raise Http404
    unit = leader_units.filter(code=code, is_active=True).first()
    if found is None or unit is None:
        raise Http404
    response = HttpResponse(monthly.render(unit, found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-{unit.code}-{found}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response

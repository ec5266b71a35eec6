"""/kantor/dasbor/ (leaders: city-wide roles see the city, an OPD head their unit) and the
public /transparansi/ (the city). Every figure: SVG bars, the table beside it, a CSV."""

from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.exports import csv_writer
from satupintu.dashboards import figures as _figures  # noqa: F401 - registers the figures
from satupintu.dashboards import monthly, pages, registry, rollup
from satupintu.org import permissions
from satupintu.org.models import Membership, OrgUnit

LEADER_ROLES = {Membership.Role.HEAD, Membership.Role.ADMIN, Membership.Role.COORDINATOR}
MAX_DAYS = 366


class BadParameter(ValueError):
    """A malformed query parameter: the page answers 400 with this (Indonesian) message."""


def _date_param(request, name: str) -> date | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadParameter(
            _("Tanggal “%(name)s” tidak dikenali: tulis sebagai TTTT-BB-HH, mis. 2026-01-31.")
            % {"name": name}
        ) from None


def period(request) -> tuple[date, date]:
    """The `dari`/`sampai` period: default the last 30 days; a future end is today; at most
    366 days. A malformed date raises BadParameter; `dari` after `sampai` as well."""
    today = timezone.localdate()
    end = min(_date_param(request, "sampai") or today, today)
    start = _date_param(request, "dari") or end - timedelta(days=29)
    if start > end:
        raise BadParameter(_("Tanggal “dari” harus sebelum atau sama dengan “sampai”."))
    start = max(start, end - timedelta(days=MAX_DAYS))
    return start, end


def bad_request(request, error: BadParameter, *, plain: bool = False) -> HttpResponse:
    if plain:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    return render(request, "dashboards/bad_request.html", {"message": str(error)}, status=400)


def answers_bad_parameters(plain: bool = False):
    """A view decorator: BadParameter raised inside → 400 with its message (never a 500)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except BadParameter as error:
                return bad_request(request, error, plain=plain)

        return wrapped

    return decorate


def _leader_scope(request) -> registry.Scope:
    units = permissions.units_q(request.user, LEADER_ROLES)
    if not permissions.is_superuser(request.user) and not permissions.unit_paths(
        request.user, LEADER_ROLES
    ):
        raise Http404
    start, end = period(request)
    return registry.Scope(units=units, start=start, end=end, staff=True)


def _public_scope(request) -> registry.Scope:
    start, end = period(request)
    return registry.Scope(units=Q(), start=start, end=end)


def csv_response(figure, scope) -> HttpResponse:
    if figure.applies is not None and not figure.applies(scope):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{figure.key}-{scope.start}-{scope.end}.csv"'
    )
    writer = csv_writer(response)  # a cell starting with = + - @ is text, not a formula
    writer.writerow([_("Nama"), *[str(c) for c in figure.columns]])
    for row in figure.rows(scope):
        writer.writerow([row.label, *["" if v is None else v for v in row.values]])
    return response


@staff_required
@answers_bad_parameters()
def home(request):
    scope = _leader_scope(request)
    return render(
        request,
        "dashboards/home.html",
        {"scope": scope, "blocks": pages.blocks(scope), "csv_url": "dashboards:csv"},
    )


@staff_required
@answers_bad_parameters(plain=True)
def figure_csv(request, key):
    figure = registry.get(key)
    if figure is None or figure.group != "kota":
        raise Http404
    return csv_response(figure, _leader_scope(request))


@staff_required
@require_POST
def refresh(request):
    """Roll up today and yesterday now (the periodic task does it every hour)."""
    _leader_scope(request)
    today = timezone.localdate()
    rollup.rollup_range(today - timedelta(days=1), today)
    messages.success(request, _("Rekap hari ini dan kemarin diperbarui."))
    return redirect("dashboards:home")


@answers_bad_parameters()
def public_page(request):
    scope = _public_scope(request)
    return render(
        request,
        "dashboards/public.html",
        {
            "scope": scope,
            "blocks": pages.blocks(scope, limit=pages.PUBLIC_ROWS),
            "csv_url": "dashboards:public_csv",
        },
    )


@answers_bad_parameters()
def public_figure(request, key):
    """One public figure with all its rows (the transparency page shows the largest)."""
    scope = _public_scope(request)
    found = [b for b in pages.blocks(scope) if b["key"] == key]
    if not found:
        raise Http404
    return render(
        request,
        "dashboards/public_figure.html",
        {
            "scope": scope,
            "figure": found[0]["figure"],
            "blocks": found,
            "csv_url": "dashboards:public_csv",
        },
    )


@answers_bad_parameters(plain=True)
def public_csv(request, key):
    figure = registry.get(key)
    if figure is None or figure.group != "kota":
        raise Http404
    return csv_response(figure, _public_scope(request))


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

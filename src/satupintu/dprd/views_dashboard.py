"""The DPRD secretariat's dashboard: /kantor/dprd/dasbor/ (SETWAN staff and the city's
koordinator; members and OPD staff get 404), every figure with its trend and a CSV."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from satupintu.backoffice.views import staff_required
from satupintu.dashboards import pages, registry
from satupintu.dashboards.views import answers_bad_parameters, csv_response, period
from satupintu.dprd import figures, services
from satupintu.org.models import OrgUnit


def _scope(request) -> registry.Scope:
    if not services.is_setwan(request.user):
        raise Http404
    setwan = OrgUnit.objects.filter(code=figures.SETWAN_CODE).first()
    if setwan is None:
        raise Http404
    start, end = period(request)
    return registry.Scope(units=Q(path__startswith=setwan.path), start=start, end=end, staff=True)


@staff_required
@answers_bad_parameters()
def dashboard(request):
    scope = _scope(request)
    return render(
        request,
        "dprd/dashboard.html",
        {
            "scope": scope,
            "blocks": pages.blocks(scope, figures.GROUP),
            "csv_url": "dprd:dashboard_csv",
        },
    )


@staff_required
@answers_bad_parameters(plain=True)
def dashboard_csv(request, key):
    scope = _scope(request)
    figure = registry.get(key)
    if figure is None or figure.group != figures.GROUP:
        raise Http404
    return csv_response(figure, scope)

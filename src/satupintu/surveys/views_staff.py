"""Back office (/kantor/ikm/): each OPD reads its own survey results (a city-wide role reads
every unit's), its suggestions, and issues the signed yearly report."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.documents.services import DocumentError, open_signed_pdf
from satupintu.surveys import charts, selectors, services
from satupintu.surveys.views_public import _year


@staff_required
def units(request):
    year = timezone.localdate().year
    rows = [(u, selectors.unit_figures(u, year)) for u in selectors.staff_units(request.user)]
    return render(request, "surveys/staff_units.html", {"rows": rows, "year": year})


@staff_required
def report(request, code):
    org_unit = selectors.staff_unit(request.user, code)
    year = _year(request)
    trend = selectors.unit_trend(org_unit)
    return render(
        request,
        "surveys/staff_report.html",
        {
            "unit": org_unit,
            "year": year,
            "figures": selectors.unit_figures(org_unit, year),
            "services": selectors.service_figures(org_unit, year),
            "trend": trend,
            "chart": charts.trend_svg(trend),
            "suggestions": selectors.suggestions(org_unit, year),
            "reports": selectors.reports(org_unit),
        },
    )


@staff_required
@require_POST
def issue(request, code):
    org_unit = selectors.staff_unit(request.user, code)
    year = _year(request)
    try:
        services.issue_report(org_unit=org_unit, year=year, actor=request.user)
    except (services.SurveyError, DocumentError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Laporan IKM ditandatangani dan diterbitkan."))
    return redirect(f"{request.path.rsplit('terbitkan/', 1)[0]}?tahun={year}")


@staff_required
def report_pdf(request, code, pk):
    org_unit = selectors.staff_unit(request.user, code)
    found = selectors.report(org_unit, pk)
    if found is None:
        raise Http404
    return FileResponse(
        open_signed_pdf(found.document),
        content_type="application/pdf",
        filename=f"ikm-{org_unit.code}-{found.year}.pdf",
    )

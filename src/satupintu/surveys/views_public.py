"""Citizens' pages: the survey from an invitation link, the kiosk at a queue site, and the
published IKM per unit (/ikm/)."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import ratelimit
from satupintu.documents.services import open_signed_pdf
from satupintu.queues import selectors as queue_selectors
from satupintu.surveys import charts, selectors, services
from satupintu.surveys.forms import KioskForm, SurveyForm

THANKS_SESSION_KEY = "survey_thanks"


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def index(request):
    year = _year(request)
    return render(
        request, "surveys/index.html", {"year": year, "units": selectors.public_units(year)}
    )


def unit(request, code):
    org_unit = selectors.public_unit(code)
    if org_unit is None:
        raise Http404
    year = _year(request)
    trend = selectors.unit_trend(org_unit)
    return render(
        request,
        "surveys/unit.html",
        {
            "unit": org_unit,
            "year": year,
            "figures": selectors.unit_figures(org_unit, year),
            "trend": trend,
            "chart": charts.trend_svg(trend),
            "reports": selectors.reports(org_unit),
        },
    )


def report_pdf(request, code, pk):
    org_unit = selectors.public_unit(code)
    report = selectors.report(org_unit, pk) if org_unit else None
    if report is None:
        raise Http404
    return FileResponse(
        open_signed_pdf(report.document),
        content_type="application/pdf",
        filename=f"ikm-{org_unit.code}-{report.year}.pdf",
    )


def answer(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        raise Http404
    done = services.hasattr_response(invitation)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        refusal = ratelimit.check(request, "survey")
        if refusal:
            form.add_error(None, refusal.message)
        else:
            try:
                services.answer_invitation(invitation, form.cleaned_data)
            except services.SurveyError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("surveys:thanks")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "invitation": invitation, "done": done},
    )


def kiosk(request, slug):
    site = queue_selectors.public_sites().filter(slug=slug).first()
    if site is None:
        raise Http404
    form = KioskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = ratelimit.check(request, "survey")
        ticket = queue_selectors.finished_ticket_today(site, form.cleaned_data["ticket"])
        if refusal:
            form.add_error(None, refusal.message)
        elif ticket is None:
            form.add_error(
                "ticket",
                _("Nomor antrean ini tidak ditemukan di antara layanan yang selesai hari ini."),
            )
        else:
            try:
                services.answer_at_kiosk(ticket, form.cleaned_data)
            except services.SurveyError as exc:
                form.add_error("ticket", str(exc))
            else:
                return redirect(f"{request.path}?terima-kasih=1")
    return render(
        request,
        "surveys/kiosk.html",
        {"form": form, "site": site, "thanks": request.GET.get("terima-kasih") == "1"},
    )


def thanks(request):
    return render(request, "surveys/thanks.html")

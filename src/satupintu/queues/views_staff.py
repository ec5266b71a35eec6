"""Staff pages under /kantor/antrean/: the kiosk (check-in by code, walk-in numbers, the
58 mm ticket), the counter console, doctors' leave, and the daily figures with CSV.

A site is found among the sites the user works at (`permissions.scope_queue_sites`); a
counter only when `permissions.may_run_counter`: anything else is 404."""

from datetime import date

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from satupintu.backoffice.views import staff_required
from satupintu.core.exports import csv_writer
from satupintu.core.masking import mask_nik
from satupintu.org import permissions
from satupintu.queues import selectors, services
from satupintu.queues.forms import CodeForm, LeaveForm
from satupintu.queues.models import Counter, QueueService, Site, Ticket
from satupintu.queues.params import small_int
from satupintu.queues.services.tickets import active_ticket, waiting_for
from satupintu.queues.workflow import NotAllowed


def _staff_site(user, slug) -> Site:
    site = selectors.staff_sites(user).filter(slug=slug).first()
    if site is None:
        raise Http404
    return site


# Logged in with a TOTP-verified staff session; which site or counter is decided per view.
queue_staff = staff_required


@never_cache
@queue_staff
@require_GET
def sites(request):
    rows = [
        {
            "site": s,
            "counters": selectors.counters_for(request.user, s),
            "figures": permissions.may_see_queue_figures(request.user, s),
        }
        for s in selectors.staff_sites(request.user)
    ]
    return render(request, "queues/staff/sites.html", {"rows": rows})


@never_cache
@queue_staff
@require_http_methods(["GET", "POST"])
def kiosk(request, slug):
    site = _staff_site(request.user, slug)
    form = CodeForm(request.POST if request.POST.get("action") == "checkin" else None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "walkin":
                service = get_object_or_404(
                    QueueService, site=site, pk=small_int(request.POST.get("service")) or 0
                )
                t = services.walk_in(
                    site,
                    service,
                    priority=bool(request.POST.get("priority")),
                    actor=request.user,
                )
                return redirect("queues:print", slug=site.slug, pk=t.pk)
            if form.is_valid():
                t = services.check_in(
                    site,
                    form.cleaned_data["code"],
                    priority=form.cleaned_data["priority"],
                    actor=request.user,
                )
                return redirect("queues:print", slug=site.slug, pk=t.pk)
            status = 400
        except NotAllowed as exc:
            form.add_error(None, str(exc))
            status = 400
    return render(
        request,
        "queues/staff/kiosk.html",
        {"site": site, "form": form, "services": site.services.filter(is_active=True)},
        status=status,
    )


@never_cache
@queue_staff
@require_GET
def print_ticket(request, slug, pk):
    site = _staff_site(request.user, slug)
    t = get_object_or_404(Ticket.objects.select_related("service", "booking"), site=site, pk=pk)
    return render(
        request,
        "queues/staff/print.html",
        {"site": site, "ticket": t, "ahead": selectors.position_of(t)},
    )


def _counter(user, pk) -> Counter:
    counter = get_object_or_404(Counter.objects.select_related("site", "org_unit"), pk=pk)
    if not permissions.may_run_counter(user, counter):
        raise Http404
    return counter


CONSOLE_ACTIONS = {"recall", "absent", "serve", "finish"}


@never_cache
@queue_staff
@require_http_methods(["GET", "POST"])
def console(request, pk):
    counter = _counter(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            current = active_ticket(counter)
            if action == "call":
                called = services.call_next(counter, actor=request.user)
                if called is None:
                    messages.info(request, _("Tidak ada yang menunggu."))
            elif action in ("pause", "resume"):
                services.pause(counter, paused=action == "pause", actor=request.user)
            elif action in CONSOLE_ACTIONS and current is not None:
                getattr(services, action)(current, actor=request.user)
            elif action == "transfer" and current is not None:
                service = QueueService.objects.filter(
                    site=counter.site, pk=small_int(request.POST.get("service")) or 0
                ).first()
                target = Counter.objects.filter(
                    site=counter.site, pk=small_int(request.POST.get("counter")) or 0
                ).first()
                services.transfer(current, service=service, counter=target, actor=request.user)
            else:
                raise NotAllowed(_("Tindakan tidak dikenal."))
        except NotAllowed as exc:
            messages.error(request, str(exc))
        return redirect("queues:console", pk=counter.pk)
    current = active_ticket(counter)
    booking = current.booking if current is not None else None
    return render(
        request,
        "queues/staff/console.html",
        {
            "counter": counter,
            "current": current,
            # Whom the counter serves: name, payer and record number; the NIK masked.
            "visitor": {
                "name": booking.name,
                "nik": mask_nik(booking.nik) if booking.nik else "",
                "mrn": booking.mrn,
                "payer": booking.get_payer_display() if booking.payer else "",
                "code": booking.code,
                "doctor": booking.practitioner.name if booking.practitioner_id else "",
            }
            if booking is not None
            else None,
            "waiting": waiting_for(counter)
            .select_related("service")
            .order_by("queue_key", "pk")[:15],
            "services": counter.site.services.filter(is_active=True),
            "counters": counter.site.counters.exclude(pk=counter.pk),
        },
    )


@never_cache
@queue_staff
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    site = _staff_site(request.user, slug)
    if not permissions.may_see_queue_figures(request.user, site):
        raise Http404
    form = LeaveForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = services.record_leave(
            data["practitioner"],
            starts=data["starts"],
            ends=data["ends"],
            reason=data["reason"],
            actor=request.user,
        )
        messages.success(
            request,
            _("Cuti dicatat: %(moved)d booking dipindah, %(cancelled)d dibatalkan.") % result,
        )
        return redirect("queues:leave", slug=site.slug)
    return render(
        request,
        "queues/staff/leave.html",
        {"site": site, "form": form},
        status=400 if form.errors else 200,
    )


def _period(request):
    start, end = selectors.default_period()
    try:
        start = date.fromisoformat(request.GET.get("dari") or start.isoformat())
        end = date.fromisoformat(request.GET.get("sampai") or end.isoformat())
    except ValueError:
        pass
    if (end - start).days > 92 or end < start:
        start, end = selectors.default_period()
    return start, end


def _figures_site(request, slug):
    site = _staff_site(request.user, slug)
    if not permissions.may_see_queue_figures(request.user, site):
        raise Http404
    return site


@never_cache
@queue_staff
@require_GET
def figures(request, slug):
    site = _figures_site(request, slug)
    start, end = _period(request)
    return render(
        request,
        "queues/staff/figures.html",
        {
            "site": site,
            "rows": selectors.daily_figures(site, start, end),
            "start": start,
            "end": end,
        },
    )


FIGURE_HEADER = [
    "tanggal",
    "layanan",
    "booking",
    "datang_langsung",
    "dilayani",
    "tidak_hadir",
    "tunggu_rata_menit",
    "tunggu_p90_menit",
    "layanan_rata_menit",
    "layanan_p90_menit",
]


@never_cache
@queue_staff
@require_GET
def figures_csv(request, slug):
    site = _figures_site(request, slug)
    start, end = _period(request)
    writer = csv_writer()
    rows = [FIGURE_HEADER] + [
        [
            f.day.isoformat(),
            f.service,
            f.booked,
            f.walk_in,
            f.served,
            f.no_show,
            f.wait_avg,
            f.wait_p90,
            f.service_avg,
            f.service_p90,
        ]
        for f in selectors.daily_figures(site, start, end)
    ]
    response = StreamingHttpResponse(
        (writer.writerow(r) for r in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="antrean-{site.slug}-{start}-{end}.csv"'
    )
    return response

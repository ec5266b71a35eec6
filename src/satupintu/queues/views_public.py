"""Citizens' pages under /antrean/: choose a site, service (and doctor), day and slot, confirm;
the ticket page, the private link (reschedule, cancel), the current number and the display
board. Every page works without JavaScript; the board adds short polling (ETag/304)."""

import json
from datetime import date, time

import segno
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from satupintu.cases.codes import secret_matches
from satupintu.core import ratelimit
from satupintu.queues import calendar, selectors, services
from satupintu.queues.forms import BookingForm
from satupintu.queues.models import Booking, Practitioner, QueueService, Site
from satupintu.queues.params import small_int
from satupintu.queues.services import BookingRefused, BookingRequest

BOARD_JSON_SECONDS = 60


def _site(slug) -> Site:
    return get_object_or_404(Site, slug=slug, is_active=True)


def _service(site, pk) -> QueueService:
    return get_object_or_404(QueueService, site=site, pk=pk, is_active=True)


def _practitioner(site, service, raw):
    if not service.needs_practitioner:
        return None
    pk = small_int(raw)
    if pk is None:
        return None
    return (
        Practitioner.objects.filter(site=site, pk=pk, is_active=True, schedules__service=service)
        .distinct()
        .first()
    )


def _day(raw) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _time(raw) -> time | None:
    try:
        return time.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@require_GET
def home(request):
    return render(request, "queues/home.html", {"sites": selectors.public_sites()})


@require_GET
def site_page(request, slug):
    site = _site(slug)
    return render(
        request,
        "queues/site.html",
        {"site": site, "services": site.services.filter(is_active=True)},
    )


@require_GET
def choose(request, slug, pk):
    """Doctor (at a polyclinic), then the day (14 days with free places), then the slot."""
    site = _site(slug)
    service = _service(site, pk)
    practitioner = _practitioner(site, service, request.GET.get("dokter"))
    context = {"site": site, "service": service, "practitioner": practitioner}
    if service.needs_practitioner and practitioner is None:
        context["practitioners"] = site.practitioners.filter(
            is_active=True, schedules__service=service
        ).distinct()
        return render(request, "queues/choose.html", context)
    days = calendar.bookable_days(service, practitioner)
    context["days"] = days
    chosen = _day(request.GET.get("tanggal"))
    if chosen:
        context["chosen"] = next((d for d in days if d.day == chosen), None)
    return render(request, "queues/choose.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, slug, pk):
    site = _site(slug)
    service = _service(site, pk)
    source = request.POST if request.method == "POST" else request.GET
    practitioner = _practitioner(site, service, source.get("dokter"))
    day, starts = _day(source.get("tanggal")), _time(source.get("jam"))
    if day is None or starts is None or (service.needs_practitioner and practitioner is None):
        return redirect("queues:choose", slug=site.slug, pk=service.pk)
    user = request.user if request.user.is_authenticated else None
    initial = {}
    if user is not None:
        initial = {"name": user.full_name, "phone": user.phone or "", "email": user.email or ""}
    form = BookingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        hospital=site.is_hospital,
    )
    context = {
        "site": site,
        "service": service,
        "practitioner": practitioner,
        "day": day,
        "starts": starts,
        "form": form,
    }
    if request.method != "POST":
        return render(request, "queues/confirm.html", context)
    status = 400
    if form.is_valid():
        refusal = ratelimit.check(request, "queue_booking")
        if refusal is not None:
            form.add_error(None, refusal.message)
            status = 429
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking, secret = services.book(
                BookingRequest(
                    service=service,
                    day=day,
                    slot_start=starts,
                    name=data["name"],
                    phone=data["phone"],
                    email=data.get("email") or "",
                    nik=data.get("nik", ""),
                    mrn=(data.get("mrn") or "").strip(),
                    payer=data.get("payer", ""),
                    practitioner=practitioner,
                    user=user,
                ),
                actor=user,
            )
        except BookingRefused as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            request.session["queues_new_booking"] = [booking.code, secret]
            return redirect("queues:ticket", code=booking.code)
    return render(request, "queues/confirm.html", context, status=status)


def qr_svg(booking) -> str:
    return segno.make(booking.code, error="m").svg_data_uri(scale=6, border=2)


@never_cache
@require_GET
def ticket(request, code):
    """The booking's ticket: code, place, time, QR (of the code), the queue number once
    checked in. Holds nothing personal; the private link is shown only in the browser that
    booked (kept in its session), and goes out in the confirmation message."""
    if len(code) > 16:
        raise Http404
    booking = get_object_or_404(
        Booking.objects.select_related("site", "service", "practitioner"), code=code.upper()
    )
    fresh = request.session.get("queues_new_booking")
    private = None
    if fresh and fresh[0] == booking.code:
        private = reverse("queues:booking_secret", args=fresh)
    ticket_row = getattr(booking, "ticket", None)
    return render(
        request,
        "queues/ticket.html",
        {
            "booking": booking,
            "qr": qr_svg(booking),
            "private": private,
            "queue_ticket": ticket_row,
            "ahead": selectors.position_of(ticket_row) if ticket_row else None,
        },
    )


def _private_booking(code, secret) -> Booking:
    if len(code) > 16:
        raise Http404
    booking = (
        Booking.objects.select_related("site", "service", "practitioner")
        .filter(code=code.upper())
        .first()
    )
    if booking is None or not secret_matches(secret, booking.token_hash):
        raise Http404
    return booking


@never_cache
@require_http_methods(["GET", "POST"])
def private(request, code, secret):
    """The private link: see the booking, move it to another slot, or cancel it."""
    booking = _private_booking(code, secret)
    error = ""
    if request.method == "POST":
        refusal = ratelimit.hit(request, "queue_manage")
        if refusal is not None:
            return ratelimit.limited_response(request, refusal)
        try:
            if request.POST.get("action") == "cancel":
                services.cancel(booking, reason=_("dibatalkan oleh pemesan"))
                return redirect("queues:booking_secret", code=booking.code, secret=secret)
            day, starts = _day(request.POST.get("tanggal")), _time(request.POST.get("jam"))
            if day is None or starts is None:
                raise BookingRefused(_("Pilih tanggal dan jam baru."))
            booking, new_secret = services.reschedule(booking, day=day, slot_start=starts)
            request.session["queues_new_booking"] = [booking.code, new_secret]
            return redirect("queues:ticket", code=booking.code)
        except (BookingRefused, services.tickets.NotAllowed) as exc:
            error = str(exc)
    days = calendar.bookable_days(booking.service, booking.practitioner)
    chosen = _day(request.GET.get("tanggal") or request.POST.get("tanggal"))
    return render(
        request,
        "queues/private.html",
        {
            "booking": booking,
            "secret": secret,
            "days": days,
            "chosen": next((d for d in days if d.day == chosen), None) if chosen else None,
            "error": error,
            "can_change": booking.status == Booking.Status.BOOKED,
        },
        status=400 if error else 200,
    )


@login_required
@require_GET
def my_bookings(request):
    return render(
        request, "queues/my_bookings.html", {"bookings": selectors.bookings_of(request.user)}
    )


@never_cache
@require_GET
def now_serving(request, slug):
    """The current numbers for phones, without JavaScript (a meta refresh when asked for)."""
    site = _site(slug)
    context = {
        "site": site,
        "state": selectors.board_state(site),
        "auto_refresh": request.GET.get("otomatis") == "1",
    }
    return render(request, "queues/now.html", context)


@require_GET
def figures(request, slug):
    """The last seven days' figures per service, for everyone (counts and minutes only)."""
    site = _site(slug)
    start, end = selectors.default_period()
    return render(
        request,
        "queues/figures_public.html",
        {"site": site, "rows": selectors.daily_figures(site, start, end)},
    )


@require_GET
def board(request, slug):
    site = _site(slug)
    return render(
        request, "queues/board.html", {"site": site, "state": selectors.board_state(site)}
    )


@require_GET
def board_data(request, slug):
    """The board's JSON: 304 when nothing was called since the board's last look (the
    version is read from the cache, so an unchanged board costs no database query)."""
    site_id = selectors.site_id_for(slug)
    if site_id is None:
        raise Http404
    version = selectors.board_version(site_id)
    etag = f'"{site_id}-{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        # Every open board asks for the new state within one poll of a call: the first one
        # renders it, the others get it from the shared cache (keyed by the version, so a
        # later call never serves an older state).
        key = f"queues:board-json:{site_id}:{version}:{get_language()}"
        body = cache.get(key)
        if body is None:
            state = selectors.board_state(Site.objects.get(pk=site_id))
            body = json.dumps(state, cls=DjangoJSONEncoder)
            cache.set(key, body, timeout=BOARD_JSON_SECONDS)
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response

"""Queue bookings in "Urusan saya" (`onedoor.registry`)."""

from datetime import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.onedoor.registry import Item, Source, register
from satupintu.queues.models import Booking
from satupintu.queues.selectors import bookings_of

B = Booking.Status


def items(user):
    today = timezone.localdate()
    for booking in bookings_of(user).annotate(last_event=Max("events__at"))[:100]:
        upcoming = booking.status == B.BOOKED and booking.day >= today
        is_open = upcoming or (booking.status == B.CHECKED_IN and booking.day == today)
        url = reverse("queues:ticket", args=[booking.code])
        action = ""
        if upcoming:
            action = _("Datang ke %(site)s pukul %(time)s dan tunjukkan kode booking") % {
                "site": booking.site.name,
                "time": booking.slot_start.strftime("%H:%M"),
            }
        activity = booking.last_event or booking.created_at
        if not isinstance(activity, datetime):  # pragma: no cover - defensive
            activity = booking.created_at
        yield Item(
            kind=gettext_lazy("Antrean"),
            title=f"{booking.service.name} — {booking.site.name}",
            code=booking.code,
            status=booking.get_status_display(),
            url=url,
            activity_at=activity,
            is_open=is_open,
            next_action=action,
            next_action_url=url if action else "",
            deadline=booking.day if upcoming else None,
            deadline_label=gettext_lazy("Tanggal kunjungan") if upcoming else "",
        )


register(Source(key="queue_bookings", items=items, order=30))

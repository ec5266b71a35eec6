"""The council's public calendar: upcoming open sessions (public meetings organised by the
secretariat in e-Risalah), as a page and as an iCalendar feed (RFC 5545, `icalendar`)."""

from datetime import timedelta

from django.utils import timezone

from satupintu.dprd.services import SETWAN_CODE

HORIZON_DAYS = 120


def upcoming_sessions(limit: int = 100):
    from satupintu.minutes.models import Meeting

    now = timezone.now()
    return (
        Meeting.objects.filter(
            org_unit__code=SETWAN_CODE,
            is_public=True,
            ends_at__gte=now,
            starts_at__lte=now + timedelta(days=HORIZON_DAYS),
        )
        .select_related("org_unit")
        .order_by("starts_at", "pk")[:limit]
    )


def as_ical(meetings, *, site_name: str, domain: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//Jadwal DPRD//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Jadwal rapat DPRD — {site_name}")
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"rapat-{meeting.pk}-v{meeting.schedule_version}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", f"{meeting.get_kind_display()}: {meeting.title}")
        event.add("location", meeting.place)
        event.add("sequence", meeting.schedule_version)
        calendar.add_component(event)
    return calendar.to_ical()

"""Public minutes in one search (/cari/, `portal.findable`): published, public meetings found
by their title, summary or agenda (discussion, decisions), typo-tolerant and best first (a
`core.textsearch` index per process, rebuilt when a meeting or its agenda changes)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from satupintu.core.textsearch import VersionedIndex
from satupintu.minutes.models import AgendaItem, Meeting
from satupintu.minutes.selectors import public_meetings
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source

WEIGHTS = {"title": 3.0, "summary": 1.5, "agenda": 1.0, "unit": 1.0}


def _rows():
    agenda: dict[int, list[str]] = {}
    items = AgendaItem.objects.filter(meeting__in=public_meetings().values("pk")).values_list(
        "meeting_id", "title", "discussion", "decisions"
    )
    for meeting_id, *texts in items.iterator(chunk_size=2000):
        agenda.setdefault(meeting_id, []).extend(texts)
    rows = public_meetings().values_list("pk", "title", "summary", "org_unit__name")
    for pk, title, summary, unit in rows.iterator(chunk_size=2000):
        yield {
            "id": pk,
            "title": title,
            "summary": summary,
            "agenda": " ".join(agenda.get(pk, []))[:8000],
            "unit": unit,
        }


minutes_index = VersionedIndex("minutes", WEIGHTS, _rows)


@receiver([post_save, post_delete], sender=Meeting)
@receiver([post_save, post_delete], sender=AgendaItem)
def _changed(**kwargs):
    minutes_index.bump()


def search(query: str) -> Group:
    label = _("Risalah rapat")
    ids = minutes_index.search(query) if query.strip() else []
    if not ids:
        return Group(key="minutes", label=label, count=0)
    first = ids[: HITS_PER_GROUP * 2]
    # Checked again (the index may be a moment behind); only the columns a hit shows.
    found = (
        public_meetings()
        .select_related(None)
        .select_related("org_unit")
        .only("title", "starts_at", "org_unit__name")
        .in_bulk(first)
    )
    meetings = [found[pk] for pk in first if pk in found][:HITS_PER_GROUP]
    hits = [
        Hit(
            title=meeting.title,
            url=reverse("minutes:public_detail", args=[meeting.pk]),
            detail=f"{meeting.org_unit.name}, "
            f"{date_format(timezone.localtime(meeting.starts_at), 'j M Y')}",
        )
        for meeting in meetings
    ]
    return Group(key="minutes", label=label, count=len(ids), hits=hits)


register_source(Source(key="minutes", search=search, order=60))

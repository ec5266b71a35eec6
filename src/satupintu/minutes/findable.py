"""Public minutes in one search (/cari/, `portal.findable`): published, public meetings whose
title, summary or agenda (discussion, decisions) holds every word typed."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from satupintu.minutes.selectors import public_meetings
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source


def search(query: str) -> Group:
    label = _("Risalah rapat")
    if not query.strip():
        return Group(key="minutes", label=label, count=0)
    found = public_meetings(query)
    count = found.count()
    hits = [
        Hit(
            title=meeting.title,
            url=reverse("minutes:public_detail", args=[meeting.pk]),
            detail=f"{meeting.org_unit.name}, {date_format(meeting.starts_at, 'j M Y')}",
        )
        for meeting in found[:HITS_PER_GROUP]
    ]
    return Group(key="minutes", label=label, count=count, hits=hits)


register_source(Source(key="minutes", search=search, order=60))

"""City information in one search (/cari/, `portal.findable`): published items whose time
has come, typo-tolerant and best first (`selectors.search`, a `core.textsearch` index)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from satupintu.news import selectors
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source


def search(query: str) -> Group:
    label = _("Berita, pengumuman dan agenda")
    if not query.strip():
        return Group(key="news", label=label, count=0)
    count, items = selectors.search(query, HITS_PER_GROUP)
    hits = [
        Hit(
            title=item.title,
            url=reverse("news:detail", args=[item.slug]),
            detail=(
                f"{item.get_kind_display()}, {item.org_unit.name}, "
                f"{date_format(timezone.localtime(item.published_at), 'j M Y')}"
            ),
        )
        for item in items
    ]
    return Group(key="news", label=label, count=count, hits=hits)


register_source(Source(key="news", search=search, order=20))

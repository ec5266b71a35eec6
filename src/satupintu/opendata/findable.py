"""Published datasets in one search (/cari/, `portal.findable`): title, description or a tag
holding every word typed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.opendata import selectors
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source


def search(query: str) -> Group:
    label = _("Data terbuka")
    if not query.strip():
        return Group(key="datasets", label=label, count=0)
    found = (
        selectors.search(selectors.Search(text=query[:200]))
        .select_related("org_unit")
        .only("title", "slug", "org_unit__name")
    )
    shown = list(found[:HITS_PER_GROUP])
    # Counted only when there may be more than those shown.
    count = found.count() if len(shown) == HITS_PER_GROUP else len(shown)
    hits = [
        Hit(
            title=dataset.title,
            url=reverse("opendata:detail", args=[dataset.slug]),
            detail=dataset.org_unit.name,
        )
        for dataset in shown
    ]
    return Group(key="datasets", label=label, count=count, hits=hits)


register_source(Source(key="datasets", search=search, order=70))

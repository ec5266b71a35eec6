"""RSS 2.0 and Atom feeds of published items, city-wide and per OPD (Django's syndication
framework). Only items whose time has come; the summary is plain text, never the body."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from satupintu.news import selectors
from satupintu.org import selectors as org_selectors

FEED_ITEMS = 30


class CityFeed(Feed):
    def title(self, obj=None):
        if obj is not None:
            return _("Informasi %(unit)s") % {"unit": obj.name}
        return _("Berita, pengumuman dan agenda kota")

    def link(self, obj=None):
        return reverse("news:by_unit", args=[obj.code]) if obj else reverse("news:list")

    def description(self, obj=None):
        return _("Informasi terbaru yang diterbitkan perangkat daerah.")

    def items(self, obj=None):
        return selectors.public_items(unit_code=obj.code if obj else "")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("news:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.org_unit.name

    def item_categories(self, item):
        return [item.get_kind_display()]


class CityAtomFeed(CityFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class UnitFeedMixin:
    def get_object(self, request, code):
        unit = org_selectors.opd_by_code(code)
        if unit is None:
            raise Http404
        return unit


class UnitFeed(UnitFeedMixin, CityFeed):
    pass


class UnitAtomFeed(UnitFeedMixin, CityAtomFeed):
    pass

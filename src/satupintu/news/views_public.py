"""Citizens' pages: /berita/, /pengumuman/, /agenda/, one item, per-OPD lists, and the lead
images' renditions. Only published items whose time has come; anything else is 404."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from satupintu.core.listing import page_of
from satupintu.news import selectors
from satupintu.news.images import FORMATS
from satupintu.news.models import Image, Item
from satupintu.org import selectors as org_selectors
from satupintu.portal.caching import public_page

PAGE_SIZE = 12
TITLES = {
    Item.Kind.NEWS: _("Berita"),
    Item.Kind.ANNOUNCEMENT: _("Pengumuman"),
}


def _listing(request, kind, *, unit=None):
    items = selectors.public_items(kind, unit.code if unit else "")
    return render(
        request,
        "news/list.html",
        {
            "page": page_of(request, items, PAGE_SIZE),
            "kind": kind,
            "heading": TITLES.get(kind, _("Berita, pengumuman dan agenda")),
            "unit": unit,
        },
    )


@require_GET
@public_page
def news_list(request):
    return _listing(request, Item.Kind.NEWS)


@require_GET
@public_page
def announcements(request):
    return _listing(request, Item.Kind.ANNOUNCEMENT)


@require_GET
@public_page
def events(request):
    return render(request, "news/events.html", {"events": selectors.upcoming_events()[:50]})


@require_GET
@public_page
def by_unit(request, code):
    unit = org_selectors.opd_by_code(code)
    if unit is None:
        raise Http404
    return _listing(request, "", unit=unit)


@require_GET
@public_page
def detail(request, slug):
    item = selectors.public_item(slug)
    if item is None:
        raise Http404
    return render(request, "news/detail.html", {"item": item})


def serve_rendition(request, found, width, fmt):
    """A rendition of a lead image or a gallery picture (`found`): public once its item is,
    staff see their own items' drafts too."""
    if found is None or fmt not in FORMATS:
        raise Http404
    public = selectors.public_items().filter(pk=found.item_id).exists()
    visible = public or selectors.staff_items(request.user).filter(pk=found.item_id).exists()
    name = found.renditions.get(str(width), {}).get(fmt)
    if not visible or not name:
        raise Http404
    response = FileResponse(found.original.storage.open(name), content_type=FORMATS[fmt][1])
    # Renditions never change (a new image gets new names): a public one is cached a day.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def image(request, pk, width, fmt):
    """A rendition of an item's lead image."""
    return serve_rendition(request, Image.objects.filter(pk=pk).first(), width, fmt)

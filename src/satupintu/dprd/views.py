"""Public pages of the council: structure, a member, a dapil."""

import functools
import re

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_safe

from satupintu.cases.workflow import get_kind
from satupintu.core.listing import uncounted_page_of
from satupintu.dprd import district_page, selectors, workflow
from satupintu.dprd.models import Body


@require_safe
def home(request):
    term = selectors.current_term()
    context = {
        "term": term,
        "leadership": selectors.bodies_with_members(term, [Body.Kind.LEADERSHIP]),
        "commissions": selectors.bodies_with_members(term, [Body.Kind.COMMISSION]),
        "other_bodies": selectors.bodies_with_members(term, [Body.Kind.BODY]),
        "factions": selectors.factions(term),
        "districts": selectors.districts(),
        "member_count": selectors.active_members(term).count(),
    }
    return render(request, "dprd/home.html", context)


@require_safe
def member(request, slug):
    found = selectors.member_by_slug(slug)
    if found is None:
        raise Http404
    positions = sorted(
        found.positions.all(), key=lambda p: (p.body.kind, selectors.ROLE_ORDER[p.role])
    )
    return render(request, "dprd/member.html", {"member": found, "positions": positions})


# Characters a tracking code is made of, which a URL carries as they are.
_PLAIN_CODE = re.compile(r"[A-Za-z0-9_-]+")
_CODE_MARK = "__code__"


@functools.lru_cache(maxsize=4096)
def _support_text(language: str, count: int) -> str:
    """ "12 dukungan" in the active language (`language` is the cache's key): the counts of a
    page are mostly different, and `ngettext` with `localize` was a fifth of the page. The
    catalogues change only with a deploy, which restarts the process."""
    return ngettext("%(n)s dukungan", "%(n)s dukungan", count) % {"n": formats.localize(count)}


def _labelled(page, kelurahan_names: dict):
    """The rows of the page as the list shows them (`str` each): title, address, and one line
    of details (kelurahan, year, support count and status in words) worked out here once: in the
    template, a `{% url %}`, a `{% blocktranslate count %}` and six variables for each of 25
    rows cost more than the page's queries."""
    kind = get_kind(workflow.KIND)
    pattern = reverse("dprd:proposal", args=[_CODE_MARK])
    # Rows repeat their years and statuses: each is put in words once a page (support counts
    # once a process, _support_text).
    years, statuses = {}, {}
    language = get_language()
    places = _place_names(page, kelurahan_names)
    rows = []
    for proposal in page:
        code = proposal["case__tracking_code"]
        year, status = proposal["planning_year"], proposal["case__status"]
        if year not in years:
            years[year] = str(formats.localize(year))
        if status not in statuses:
            statuses[status] = str(kind.status_label(status))
        details = (
            places.get(proposal["case__region_id"], ""),
            years[year],
            _support_text(language, proposal["support_count"]),
            statuses[status],
        )
        rows.append(
            {
                "title": proposal["case__title"],
                "path": (
                    pattern.replace(_CODE_MARK, code)
                    if _PLAIN_CODE.fullmatch(code)
                    else reverse("dprd:proposal", args=[code])
                ),
                "details": "; ".join(details),
            }
        )
    page.object_list = rows
    return page


def _place_names(page, kelurahan_names: dict) -> dict:
    """Each row's kelurahan name: the dapil's own from its kept structure, any other (a
    kecamatan moved to another dapil after the proposal was made) read here."""
    ids = {proposal["case__region_id"] for proposal in page}
    others = ids - kelurahan_names.keys() - {None}
    if not others:
        return kelurahan_names
    return {**kelurahan_names, **selectors.region_names(others)}


@require_safe
def district(request, number):
    found = district_page.district(number)
    if found is None:
        raise Http404
    context = {
        "district": found,
        # The structure (kecamatan, members, kelurahan) is read only when its kept HTML is
        # missing (dprd/district_page.py): callables, which the template calls when it must.
        "kelurahan": lambda: selectors.district_kelurahan(found).select_related("parent"),
        "members": lambda: selectors.active_members(selectors.current_term()).filter(
            district=found
        ),
        "structure_generation": district_page.generation(),
        "structure_seconds": district_page.cache_seconds(),
        # Previous and next only, so the dapil's proposals are not counted (core/listing.py).
        "proposals": _labelled(
            uncounted_page_of(request, selectors.public_proposals(found), 25),
            found.kelurahan_names,
        ),
    }
    return render(request, "dprd/district.html", context)


@require_safe
def calendar_page(request):
    from satupintu.dprd import calendar

    return render(request, "dprd/calendar.html", {"sessions": calendar.upcoming_sessions()})


@require_safe
def calendar_feed(request):
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.http import HttpResponse

    from satupintu.dprd import calendar

    body = calendar.as_ical(
        calendar.upcoming_sessions(),
        site_name=settings.SITE_NAME,
        domain=urlsplit(settings.PUBLIC_BASE_URL).hostname or "localhost",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jadwal-dprd.ics"'
    return response

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from satupintu.org import selectors
from satupintu.portal import entries, findable
from satupintu.portal import selectors as portal_selectors
from satupintu.portal.caching import public_page


@require_GET
@public_page
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "city": selectors.city_region(),
            "districts": selectors.districts_with_villages(),
            "panels": entries.panels_for(request),
        },
    )


@require_GET
@public_page
def opd_list(request):
    units = selectors.opd_list()
    groups: dict[str, list] = {}
    for unit in units:
        groups.setdefault(unit.get_kind_display(), []).append(unit)
    return render(request, "portal/opd_list.html", {"groups": groups})


@require_GET
@public_page
def opd_detail(request, code):
    unit = selectors.opd_by_code(code)
    if unit is None:
        raise Http404
    return render(request, "portal/opd_detail.html", {"unit": unit})


@require_GET
@public_page
def regions(request):
    return render(
        request,
        "portal/regions.html",
        {
            "city": selectors.city_region(),
            "districts": selectors.districts_with_villages(),
            "electoral_districts": selectors.electoral_districts(),
        },
    )


@require_GET
@public_page
def region_detail(request, code):
    region = selectors.region_by_code(code)
    if region is None:
        raise Http404
    return render(
        request,
        "portal/region_detail.html",
        {
            "region": region,
            "office": selectors.region_office(region),
            "children": region.children.order_by("name"),
        },
    )


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    # A tracking code of any kind goes straight to its page.
    code_page = findable.page_of_code(query)
    if code_page:
        return redirect(code_page)
    results = portal_selectors.search(query)
    return render(request, "portal/search.html", {"query": query, "results": results})

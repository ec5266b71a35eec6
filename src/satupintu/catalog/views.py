"""The public catalogue: every published service, searchable, and each one's standar pelayanan."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from satupintu.catalog import selectors
from satupintu.portal.caching import public_page

MAX_QUERY = 100


def _catalog_version(request, *args, **kwargs):
    # Cached copies follow the catalogue: an edit in the admin shows at once.
    return selectors.catalog_version()


@require_GET
@public_page(version=_catalog_version)
def service_list(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    opd = request.GET.get("opd", "").strip()[:40]
    life_event = request.GET.get("peristiwa", "").strip()[:40]
    units = selectors.units_with_services()
    events = selectors.life_events_with_services()
    unit = next((u for u in units if u.code.lower() == opd.lower()), None) if opd else None
    event = next((e for e in events if e.slug == life_event), None) if life_event else None
    context = {
        "query": query,
        "units": units,
        "events": events,
        "unit": unit,
        "event": event,
        "opd": unit.code if unit else "",
        "peristiwa": event.slug if event else "",
        "filtered": bool(query or unit or event),
    }
    if query:
        result = selectors.search_services(
            query, opd=context["opd"], life_event=context["peristiwa"]
        )
        context["results"] = result.services
        context["partial"] = result.partial
    elif unit or event:
        services = selectors.filter_services(
            selectors.published_services(), opd=context["opd"], life_event=context["peristiwa"]
        )
        context["groups"] = selectors.group_by_unit(services)
    else:
        services = list(selectors.published_services())
        context["groups"] = selectors.group_by_unit(services, limit=selectors.SERVICES_PER_UNIT)
        context["total"] = len(services)
    return render(request, "catalog/service_list.html", context)


@require_GET
@public_page(version=_catalog_version)
def service_detail(request, slug):
    service = selectors.service_detail(slug)
    if service is None:
        raise Http404
    return render(
        request,
        "catalog/service_detail.html",
        {
            "service": service,
            "requirements": list(service.requirements.all()),
            "steps": list(service.steps.all()),
            "apply_url": selectors.apply_url(service) if service.is_online else "",
        },
    )

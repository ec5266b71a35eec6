"""Citizens' pages of the open-data catalogue (/data/) and its DCAT catalogue."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from satupintu.core.listing import page_of
from satupintu.core.ratelimit import hit, limited_response
from satupintu.opendata import ckan_dicts, dcat, selectors
from satupintu.opendata.models import Group, Resource
from satupintu.portal.caching import public_page

CONTENT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "xlsx": (ckan_dicts.MIMETYPES["XLSX"], "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}


@public_page
def dataset_list(request):
    criteria = selectors.Search(text=request.GET.get("q", "")[:200])
    for param, attribute in (("opd", "organizations"), ("grup", "groups"), ("format", "formats")):
        value = request.GET.get(param, "")[:100]
        if value:
            getattr(criteria, attribute).append(value)
    page = page_of(request, selectors.with_relations(selectors.search(criteria)), 20)
    return render(
        request,
        "opendata/list.html",
        {
            "page": page,
            "criteria": criteria,
            "query": criteria.text,
            "organizations": [(selectors.org_name(u), u) for u in selectors.organizations()],
            "groups": Group.objects.order_by("title"),
            "formats": Resource.Format.values,
            "chosen": {k: request.GET.get(k, "") for k in ("opd", "grup", "format")},
        },
    )


def _dataset_version(request, slug):
    """The cached copy follows the dataset (a new version or its withdrawal shows at once)."""
    stamp = selectors.published().filter(slug=slug).values_list("modified_at", flat=True).first()
    return stamp.isoformat() if stamp else None


@public_page(version=_dataset_version)
def dataset_detail(request, slug):
    dataset = selectors.dataset(slug)
    if dataset is None or dataset.slug != slug:
        raise Http404
    columns, rows = selectors.preview(dataset)
    return render(
        request,
        "opendata/detail.html",
        {
            "dataset": dataset,
            "resources": list(dataset.resources.all()),
            "columns": columns,
            "rows": rows,
            "api_url": ckan_dicts.package_show_url(request, dataset),
        },
    )


def download(request, slug, fmt):
    fmt = fmt.lower()
    if fmt not in CONTENT_TYPES:
        raise Http404
    resource = selectors.dataset_resource(slug, fmt)
    if resource is None:
        raise Http404
    refusal = hit(request, "open_data_api")
    if refusal is not None:
        return limited_response(request, refusal)
    content_type, extension = CONTENT_TYPES[fmt]
    with resource.file.open("rb") as handle:
        body = handle.read()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}.{extension}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def catalog_jsonld(request):
    refusal = hit(request, "open_data_api")
    if refusal is not None:
        return limited_response(request, refusal)
    document = dcat.catalog(request, selectors.all_published())
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response

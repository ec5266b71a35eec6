"""The one map (/peta/): a page that works without JavaScript (legend, a GET form to choose
layers and kelurahan, the paged list of features in view), enhanced by `static/js/map-page.js`
with Leaflet and the self-hosted tiles; one GeoJSON endpoint per layer, bbox-filtered and
clustered per zoom (`cluster.py`). Staff upload their OPD's layers on /kantor/peta/."""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core import maptiles
from satupintu.core.listing import page_of
from satupintu.geo import cluster, selectors, services
from satupintu.geo.forms import LayerUploadForm
from satupintu.geo.geometry import GeometryError, parse_bbox
from satupintu.geo.listing import FeatureList
from satupintu.org.models import Region

LIST_PAGE = 25


def _region(request) -> Region | None:
    code = request.GET.get("wilayah", "")[:13]
    if not code:
        return None
    return Region.objects.filter(code=code, level__in=["kecamatan", "kelurahan"]).first()


@require_GET
def map_page(request):
    available = selectors.all_layers()
    keys = {layer.key for layer in available}
    chosen = [k for k in request.GET.getlist("lapisan") if k in keys]
    selected = [layer for layer in available if layer.key in chosen] if chosen else available
    region = _region(request)
    error = ""
    try:
        bbox = parse_bbox(request.GET.get("bbox"))
    except GeometryError as exc:
        bbox, error = None, exc.messages[0]
    features = FeatureList(selected, bbox, region.code if region else "")
    page = page_of(request, features, LIST_PAGE)
    fit = _extent(features) if region is not None and bbox is None else ""
    context = {
        "available": available,
        "selected_keys": [layer.key for layer in selected],
        "counts": features.counts(),
        "page": page,
        "region": region,
        "regions": Region.objects.filter(level__in=["kecamatan", "kelurahan"])
        .select_related("parent")
        .order_by("code"),
        "bbox": request.GET.get("bbox", "") if bbox else "",
        "bbox_error": error,
        "map": maptiles.picker_config(),
        "fit": fit,
    }
    return render(request, "geo/map.html", context, status=400 if error else 200)


def _extent(features: FeatureList, limit: int = 5000) -> str:
    """Where the map opens for a kelurahan or kecamatan: around what is shown there."""
    points = [(f.lon, f.lat) for _layer, f in features[:limit]]
    if not points:
        return ""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return ",".join(f"{v:.5f}" for v in (min(lons), min(lats), max(lons), max(lats)))


@gzip_page
@require_GET
def layer_data(request, key):
    layer = selectors.layer(key)
    if layer is None:
        raise Http404
    try:
        bbox = parse_bbox(request.GET.get("bbox"))
    except GeometryError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=400)
    region = _region(request)
    if request.GET.get("wilayah") and region is None:
        return JsonResponse({"error": _("Kode wilayah tidak dikenal.")}, status=400)
    zoom = cluster.clamp_zoom(request.GET.get("zoom", settings.MAP_ZOOM))
    data = cluster.collection(
        layer.features(bbox, region.code if region else ""), layer=layer.key, zoom=zoom
    )
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Staff: an OPD's uploaded layers --------------------------------------------------------


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def staff_layers(request):
    if not selectors.may_manage_layers(request.user):
        raise Http404
    form = LayerUploadForm(request.POST or None, request.FILES or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            layer = services.import_layer(
                actor=request.user,
                org_unit=form.cleaned_data["org_unit"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                source_format=form.cleaned_data["source_format"],
                data=upload.read(),
                filename=upload.name,
            )
        except services.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                _("Lapisan “%(title)s” dimuat: %(n)d fitur.")
                % {"title": layer.title, "n": layer.feature_count},
            )
            return redirect("geo:staff_layers")
    status = 400 if (form.errors or errors) else 200
    return render(
        request,
        "geo/staff/layers.html",
        {
            "form": form,
            "import_errors": errors[:100],
            "more_errors": max(len(errors) - 100, 0),
            "layers": selectors.staff_layers(request.user),
        },
        status=status,
    )


@staff_required
@require_POST
def staff_publish(request, slug):
    layer = selectors.staff_layers(request.user).filter(slug=slug).first()
    if layer is None:
        raise Http404
    services.set_published(
        actor=request.user, layer=layer, published=request.POST.get("terbit") == "1"
    )
    return redirect("geo:staff_layers")

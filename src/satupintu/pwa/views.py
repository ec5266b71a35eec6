from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from satupintu.pwa import manifest as app_manifest
from satupintu.pwa.offline import service_worker as worker_source


@require_GET
def manifest(request):
    response = JsonResponse(app_manifest.build(), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
def service_worker(request):
    response = HttpResponse(worker_source(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on every visit; no-cache makes that check reach us.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """The page the service worker shows for a page never opened before, without a network."""
    response = render(request, "pwa/offline.html")
    patch_cache_control(response, public=True, max_age=3600)
    return response

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from satupintu.core.health import database_status, worker_status


@never_cache
@require_GET
def healthz(request):
    database = database_status()
    body = {"status": "ok" if database["ok"] else "error", "database": database}
    if database["ok"]:
        body["worker"] = worker_status()
    return JsonResponse(body, status=200 if database["ok"] else 503)

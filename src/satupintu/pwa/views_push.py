"""Turning Web Push on and off for a browser: small JSON endpoints the notification page's
script calls (same origin, CSRF token in the X-CSRFToken header, throttled)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from satupintu.core import ratelimit
from satupintu.notifications import push

MAX_BODY = 8 * 1024


def _body(request):
    if len(request.body) > MAX_BODY:
        raise push.SubscriptionRefused(_("Data langganan terlalu besar."))
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise push.SubscriptionRefused(_("Data langganan tidak terbaca.")) from exc


@never_cache
@require_POST
@login_required
@ratelimit.limit("push_subscription")
def subscribe(request):
    try:
        push.subscribe(request.user, _body(request))
    except push.SubscriptionRefused as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    return JsonResponse({"detail": _("Notifikasi di perangkat ini aktif.")}, status=201)


@never_cache
@require_POST
@login_required
@ratelimit.limit("push_subscription")
def unsubscribe(request):
    try:
        data = _body(request)
        push.unsubscribe(request.user, data.get("endpoint") if isinstance(data, dict) else None)
    except push.SubscriptionRefused as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    return JsonResponse({"detail": _("Notifikasi di perangkat ini dimatikan.")})

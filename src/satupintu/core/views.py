from datetime import UTC, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from satupintu.core.health import report


@never_cache
@require_GET
def healthz(request):
    body, status = report()
    return JsonResponse(body, status=status)


@require_safe
def security_txt(request):
    """RFC 9116 `/.well-known/security.txt`: whom to tell about a vulnerability."""
    contact = settings.SECURITY_CONTACT_EMAIL
    if not contact:
        raise Http404
    expires = timezone.now().replace(microsecond=0) + timedelta(
        days=settings.SECURITY_TXT_EXPIRES_DAYS
    )
    lines = [
        f"Contact: mailto:{contact}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: id, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

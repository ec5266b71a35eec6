"""A short-lived copy of public pages for anonymous visitors.

Only what is the same for everyone is kept: GET, no user, no query string, no messages, and
the response sets no cookie and used no CSP nonce or CSRF token. Each language has its own
copy. Staleness is bounded by SP_PAGE_CACHE_SECONDS (60 s by default).
"""

from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language

HEADER = "X-Page-Cache"


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and not request.COOKIES.get("messages")
    )


def _cacheable_response(request, response) -> bool:
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (nonce is not None and bool(nonce))  # a used nonce is per response
    )


def public_page(view=None, *, version=None):
    """Cache the view's page for anonymous visitors (see the module docstring).

    `version(request, *args, **kwargs)` makes the copy follow the data it shows: its value
    (e.g. a case's `updated_at`) is part of the key, so a change is visible at once instead of
    after the timeout. When it returns None the view answers uncached (e.g. with a 404).
    """
    if view is None:
        return lambda function: public_page(function, version=version)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = f"page:{get_language()}:{request.path}"
        if version is not None:
            stamp = version(request, *args, **kwargs)
            if stamp is None:
                return view(request, *args, **kwargs)
            key = f"{key}:{stamp}"
        cache = caches["pages"]
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _cacheable_response(request, response):
            cache.set(key, (response.content, response["Content-Type"]))
            response[HEADER] = "miss"
        return response

    return wrapper

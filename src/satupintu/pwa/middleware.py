"""Marks the pages the service worker must not keep for offline reading (docs/pwa.md).

A page shown to a logged-in person may carry their details anywhere in it (a name in a
form, their bookings, their proposals), and no list of paths can say which. So every page
answered to a logged-in request is marked `X-Offline-Copy: no`, except the citizen's own
tracking pages and queue tickets, which are what they want on the way. Anonymous pages are
the same for everyone and may be kept."""

import re
from functools import lru_cache

from satupintu.pwa.offline import own_pages

HEADER = "X-Offline-Copy"


@lru_cache(maxsize=1)
def _own():
    return [re.compile(pattern) for pattern in own_pages()]


def is_own_page(path: str) -> bool:
    return any(pattern.match(path) for pattern in _own())


class OfflineCopyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not is_own_page(request.path):
            response[HEADER] = "no"
        return response

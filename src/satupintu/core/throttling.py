"""DRF throttles that identify a client the way the rest of the site does.

DRF's own `get_ident` trusts the whole X-Forwarded-For header unless NUM_PROXIES is set, so
any client could pick a new identity per request; these use `core.middleware.client_ip`.
"""

from rest_framework import throttling

from satupintu.core.middleware import client_ip


class ClientIdentMixin:
    def get_ident(self, request):
        return client_ip(request) or "unknown"


class AnonRateThrottle(ClientIdentMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIdentMixin, throttling.UserRateThrottle):
    pass

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from satupintu.portal.entries import entries_for


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "demo_mode": settings.DEMO,
        # Only the home page lists the entries: every other page would sort and translate them
        # for nothing, so they are worked out when a template first reads them.
        "service_entries": SimpleLazyObject(lambda: entries_for(request)),
    }

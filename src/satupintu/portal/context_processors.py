from django.conf import settings

from satupintu.portal.entries import entries_for


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "demo_mode": settings.DEMO,
        "service_entries": entries_for(request),
    }

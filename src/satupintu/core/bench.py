from django.http import HttpResponse


def bare(request):
    """The yardstick for `make bench`: a Django view that does nothing (enabled by SP_BENCH)."""
    return HttpResponse(b"ok", content_type="text/plain")

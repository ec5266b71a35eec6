"""Cases in one search (/cari/, `portal.findable`): any case's tracking code opens its public
tracking page, and the public summaries of reports are searchable.

Only what the tracking page already shows anyone: the summary a coordinator approved at
verification (masked), never the text the citizen typed; confidential and anonymous reports
stay out of the list (their codes still open their tracking page, as the code is the key).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.cases.public import public_title
from satupintu.portal.findable import (
    HITS_PER_GROUP,
    Group,
    Hit,
    Source,
    register_code,
    register_source,
)

MAX_WORDS = 6


def page_of(text: str) -> str | None:
    code = codes.normalize_code(text)
    if not codes.is_code_shaped(code) or not Case.objects.filter(tracking_code=code).exists():
        return None
    return reverse("cases:track", args=[code])


def summaries(query: str) -> Group:
    words = [w for w in query.split() if len(w) >= 3][:MAX_WORDS]
    label = _("Ringkasan laporan warga")
    if not words:
        return Group(key="case_summaries", label=label, count=0)
    match = Q()
    for word in words:
        match &= Q(public_summary__icontains=word)
    found = (
        Case.objects.filter(match, is_confidential=False, is_anonymous=False)
        .exclude(public_summary="")
        .select_related("region")
        .order_by("-created_at")
    )
    count = found.count()
    hits = [
        Hit(
            title=public_title(case),
            url=reverse("cases:track", args=[case.tracking_code]),
            detail=case.region.name if case.region_id else "",
        )
        for case in found[:HITS_PER_GROUP]
    ]
    return Group(key="case_summaries", label=label, count=count, hits=hits)


register_code("cases", page_of)
register_source(Source(key="case_summaries", search=summaries, order=50))

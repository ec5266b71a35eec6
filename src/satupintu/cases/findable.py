"""Cases in one search (/cari/, `portal.findable`): any case's tracking code opens its public
tracking page, and the public summaries of reports are searchable, typo-tolerant and best
first (a `core.textsearch` index per process, rebuilt when a case's public side changes).

Only what the tracking page already shows anyone: the summary a coordinator approved at
verification (masked), never the text the citizen typed; confidential and anonymous reports
stay out of the list (their codes still open their tracking page, as the code is the key).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.cases.public import public_title
from satupintu.core.masking import mask_personal_numbers
from satupintu.core.textsearch import VersionedIndex
from satupintu.portal.findable import (
    HITS_PER_GROUP,
    Group,
    Hit,
    Source,
    register_code,
    register_source,
)

# The fields of a case that decide whether and how it is listed.
PUBLIC_FIELDS = frozenset({"public_summary", "is_confidential", "is_anonymous", "region"})


def _public_cases():
    return (
        Case.objects.filter(is_confidential=False, is_anonymous=False)
        .exclude(public_summary="")
        .select_related("region")
    )


def _rows():
    rows = _public_cases().values_list("pk", "public_summary", "region__name")
    for pk, summary, place in rows.iterator(chunk_size=2000):
        # What public_title shows for a case with a summary: masked, never the typed text.
        yield {"id": pk, "summary": mask_personal_numbers(summary.strip()), "place": place or ""}


summary_index = VersionedIndex("case_summaries", {"summary": 3.0, "place": 1.0}, _rows)


@receiver(post_save, sender=Case)
def _case_saved(instance, created, update_fields=None, **kwargs):
    if created or update_fields is None or PUBLIC_FIELDS & set(update_fields):
        summary_index.bump()


@receiver(post_delete, sender=Case)
def _case_deleted(**kwargs):
    summary_index.bump()


def page_of(text: str) -> str | None:
    code = codes.normalize_code(text)
    if not codes.is_code_shaped(code) or not Case.objects.filter(tracking_code=code).exists():
        return None
    return reverse("cases:track", args=[code])


def summaries(query: str) -> Group:
    label = _("Ringkasan laporan warga")
    ids = summary_index.search(query) if query.strip() else []
    if not ids:
        return Group(key="case_summaries", label=label, count=0)
    # The index may be a moment behind: the rows are checked again.
    first = ids[: HITS_PER_GROUP * 2]
    found = _public_cases().in_bulk(first)
    hits = [
        Hit(
            title=public_title(case),
            url=reverse("cases:track", args=[case.tracking_code]),
            detail=case.region.name if case.region_id else "",
        )
        for case in (found[pk] for pk in first if pk in found)
    ][:HITS_PER_GROUP]
    return Group(key="case_summaries", label=label, count=len(ids), hits=hits)


register_code("cases", page_of)
register_source(Source(key="case_summaries", search=summaries, order=50))

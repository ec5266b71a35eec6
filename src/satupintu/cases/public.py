"""What the public sees of a case: the tracking page, Open311 and anything else public.

Never the text the citizen typed: the title may name people or carry a phone number. The
public sees the summary the coordinator approved or wrote at verification, or until then a
neutral title from the category ("Pengaduan: Jalan rusak"), with NIK- and phone-shaped
numbers masked in any case. Confidential and anonymous cases show their place only to about
100 m (coordinates to 3 decimals) and the kelurahan, never the street.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from satupintu.cases.models import Case
from satupintu.cases.workflow import get_kind
from satupintu.core.masking import mask_personal_numbers

SUMMARY_MAX_LENGTH = 200
# 0.001° of latitude is about 111 m; of longitude at Indonesia's latitudes, about 110 m.
COARSE = Decimal("0.001")


def neutral_title(case: Case) -> str:
    """e.g. "Pengaduan: Jalan rusak", from the subtype (or kind) and the category."""
    kind = get_kind(case.kind)
    label = str(kind.subtype_labels.get(case.subtype) or kind.label)
    if case.category_id is None:
        return label
    return _("%(label)s: %(category)s") % {"label": label, "category": case.category.name}


def public_title(case: Case) -> str:
    if case.public_summary.strip():
        return mask_personal_numbers(case.public_summary.strip())
    kind = get_kind(case.kind)
    if kind.system_titles:
        title = (kind.translated_title(case) if kind.translated_title else "") or case.title
        return mask_personal_numbers(title)
    return neutral_title(case)


def suggested_summary(case: Case) -> str:
    """What the coordinator's form proposes: the approved summary, else the title, masked."""
    return mask_personal_numbers((case.public_summary or case.title).strip())[:SUMMARY_MAX_LENGTH]


def is_sensitive(case: Case) -> bool:
    return case.is_confidential or case.is_anonymous


@dataclass(frozen=True)
class PublicLocation:
    address: str | None
    region_code: str | None
    latitude: Decimal | None
    longitude: Decimal | None


def _coarse(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(COARSE, rounding=ROUND_HALF_UP)


def public_location(case: Case) -> PublicLocation:
    region = str(case.region) if case.region_id else ""
    region_code = case.region.code if case.region_id else None
    if is_sensitive(case):
        return PublicLocation(
            address=region or None,
            region_code=region_code,
            latitude=_coarse(case.latitude),
            longitude=_coarse(case.longitude),
        )
    street = mask_personal_numbers(case.street.strip())
    parts = [part for part in (street, region) if part]
    return PublicLocation(
        address=", ".join(parts) or None,
        region_code=region_code,
        latitude=case.latitude,
        longitude=case.longitude,
    )

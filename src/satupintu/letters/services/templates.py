"""Body templates of outgoing letters: which a drafter may pick, and filling one in."""

from django.db.models import Q
from django.utils import timezone

from satupintu.core import placeholders
from satupintu.letters.letterhead import kop_for
from satupintu.letters.models import LetterTemplate
from satupintu.org.models import OrgUnit

# Admin-editable texts are filled by core.placeholders over flat dicts of strings.
BODY_PLACEHOLDERS = ["perihal", "unit", "kota", "tanggal"]


def validate_body_template(body: str) -> None:
    placeholders.check(body, BODY_PLACEHOLDERS)


def templates_for(unit: OrgUnit | None, letter_type: str = ""):
    """Body templates a drafter of `unit` may pick: city-wide ones and those of the unit or a
    unit above it."""

    templates = LetterTemplate.objects.filter(is_active=True)
    if letter_type:
        templates = templates.filter(letter_type=letter_type)
    condition = Q(org_unit__isnull=True)
    if unit is not None:
        ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
        condition |= Q(org_unit_id__in=ids)
    return templates.filter(condition).order_by("letter_type", "name")


def fill_template(template: LetterTemplate, *, unit: OrgUnit, subject: str = "") -> str:
    kop = kop_for(unit)
    values = {
        "perihal": subject or "...",
        "unit": kop.name,
        "kota": kop.government.title() if kop.government.isupper() else kop.government,
        "tanggal": timezone.localdate().strftime("%d-%m-%Y"),
    }
    return placeholders.fill(template.body, values)

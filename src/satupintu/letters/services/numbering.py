"""Letter and agenda numbers: a unit's gapless sequence and its number template."""

from django.db import transaction

from satupintu.core import placeholders
from satupintu.letters.letterhead import letter_settings
from satupintu.letters.models import DEFAULT_NUMBER_TEMPLATE, Letter, LetterSequence
from satupintu.org.models import OrgUnit


def next_number(unit: OrgUnit, year: int, kind: str) -> int:
    """Take the next number of a unit's sequence. Must run inside the caller's transaction:
    the sequence row stays locked until it commits, so numbers are gapless and unique."""
    assert transaction.get_connection().in_atomic_block, "next_number needs a transaction"
    sequence, _created = LetterSequence.objects.select_for_update().get_or_create(
        org_unit=unit, year=year, kind=kind
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Admin-editable texts are filled by core.placeholders over flat dicts of strings.
NUMBER_PLACEHOLDERS = ["klasifikasi", "urut", "unit", "tahun", "bulan_romawi"]


def validate_number_template(template: str) -> None:
    placeholders.check(template, NUMBER_PLACEHOLDERS, numeric=["urut"], required=["urut"])


def format_number(letter: Letter, number: int, when) -> str:
    settings_row = letter_settings(letter.org_unit)
    template = settings_row.number_template or DEFAULT_NUMBER_TEMPLATE
    values = {
        "klasifikasi": letter.classification.code,
        "urut": number,
        "unit": settings_row.number_code or letter.org_unit.short_name or letter.org_unit.code,
        "tahun": str(when.year),
        "bulan_romawi": ROMAN[when.month - 1],
    }
    return placeholders.fill(template, values)

"""The letterhead (kop surat) of a unit's letters and the unit's letter settings.

Below `services/`: the PDF bridge (`signing.py`) renders the kop and the services number and
fill letters with the same settings, so both import it from here."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from satupintu.letters.models import UnitLetterSettings
from satupintu.org.models import OrgUnit


def letter_settings(unit: OrgUnit) -> UnitLetterSettings:
    found = UnitLetterSettings.objects.filter(org_unit=unit).first()
    return found or UnitLetterSettings(org_unit=unit, letterhead_name=unit.name)


@dataclass
class Kop:
    """The letterhead of a unit's letters: its OPD's (a bidang writes on its dinas's kop)."""

    government: str
    name: str
    address: str
    contact: str
    unit: OrgUnit


def kop_unit(unit: OrgUnit) -> OrgUnit:
    """The unit whose kop a letter carries: the unit itself if it has its own letter settings
    with a kop name or is an OPD, else the nearest such unit above it."""
    current = unit
    while current is not None:
        own = UnitLetterSettings.objects.filter(org_unit=current).exclude(letterhead_name="")
        if current.is_opd or own.exists() or current.parent_id is None:
            return current
        current = current.parent
    return unit


def kop_for(unit: OrgUnit) -> Kop:
    """Kop surat from the unit's letter settings, falling back to the org data of the OPD
    (name, address, phone, e-mail, website)."""
    owner = kop_unit(unit)
    settings_row = letter_settings(owner)
    contact = settings_row.letterhead_contact
    if not contact:
        parts = []
        if owner.phone:
            parts.append(_("Telepon %(phone)s") % {"phone": owner.phone})
        if owner.email:
            parts.append(_("Pos-el %(email)s") % {"email": owner.email})
        if owner.website:
            parts.append(owner.website.removeprefix("https://").removeprefix("http://"))
        contact = " · ".join(parts)
    return Kop(
        government=settings_row.letterhead_government,
        name=settings_row.letterhead_name or owner.name,
        address=settings_row.letterhead_address or owner.address,
        contact=contact,
        unit=owner,
    )

"""Filings made for a citizen at a counter, in their PDP export and erasure
(`accounts.personal_data`): the consent they gave (text version and time), where and by
which unit the application was filed, and the contact the link went to."""

from satupintu.accounts.personal_data import Erasure, Section, register
from satupintu.assisted import consent
from satupintu.assisted.models import AssistedFiling


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> list[dict]:
    filings = AssistedFiling.objects.filter(citizen=user).select_related(
        "counter_unit", "service", "application__case"
    )
    return [
        {
            "counter": f.counter_unit.name,
            "service": f.service.name,
            "started_at": _iso(f.created_at),
            "submitted_at": _iso(f.submitted_at),
            "tracking_code": f.application.case.tracking_code if f.application else None,
            "identity_checked": f.identity_checked,
            "consent": {
                "version": f.consent_version,
                "text": str(consent.TEXTS.get(f.consent_version, "")),
                "given_at": _iso(f.consent_given_at),
            },
            "contact_email": f.contact_email,
            "contact_phone": f.contact_phone,
            "account_created_at_counter": f.citizen_created,
        }
        for f in filings
    ]


def erase(user, erasure: Erasure) -> None:
    # The record that an officer filed with the citizen's consent stays (who, where, when:
    # the public-service record); the contacts typed at the counter go.
    blanked = AssistedFiling.objects.filter(citizen=user).update(contact_email="", contact_phone="")
    if blanked:  # the audit event lists what an erasure touched, nothing else
        erasure.counts["assisted_filings"] = blanked


register(Section(key="assisted_filings", export=export, erase=erase, order=60))

"""Published minutes as a signed PDF: PAdES with the organising unit's seal (SETWAN's for the
DPRD's meetings, the unit's own — or its nearest parent's — for others), the verification QR
code on the last page, verifiable at `/verifikasi/`. Signed through the documents app, the way
application results are; nothing is signed when that app or a seal is missing (the minutes
are then published with the plain PDF, and staff see why)."""

from django.apps import apps
from django.utils import timezone

from satupintu.minutes.models import Meeting
from satupintu.minutes.pdf import render_minutes_pdf


def _documents():
    if not apps.is_installed("satupintu.documents"):
        return None
    from satupintu.documents import services

    return services


def reference(meeting: Meeting) -> str:
    return f"rapat:{meeting.pk}"


def number(meeting: Meeting) -> str:
    year = timezone.localtime(meeting.starts_at).year
    return f"{meeting.classification_code}/RISALAH/{meeting.pk}/{year}"


def signer_for(meeting: Meeting):
    documents = _documents()
    return documents.signing_identity_for(meeting.org_unit) if documents else None


def sign_published(meeting: Meeting, *, actor):
    """Sign the minutes as published now; returns the issued document, or None when there is
    no seal to sign with. Runs inside the publishing transaction: a failure publishes
    nothing."""
    documents = _documents()
    signer = signer_for(meeting)
    if documents is None or signer is None:
        return None
    from satupintu.documents.models import IssuedDocument

    return documents.issue_document(
        pdf=render_minutes_pdf(meeting),
        title=meeting.title,
        number=number(meeting),
        holder_name=meeting.org_unit.name,
        org_unit=meeting.org_unit,
        signer=signer,
        kind=IssuedDocument.Kind.MINUTES,
        reference=reference(meeting),
        actor=actor,
    )


def signed_document(meeting: Meeting):
    """The signed PDF of the minutes as published now, if any."""
    if _documents() is None:
        return None
    from satupintu.documents.models import IssuedDocument

    return (
        IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.MINUTES,
            reference=reference(meeting),
            status=IssuedDocument.Status.ISSUED,
        )
        .order_by("-issued_at")
        .first()
    )


def withdraw(meeting: Meeting, *, actor, reason: str) -> None:
    """Reopened minutes: their signed PDF no longer verifies as valid (revoked, with the
    chair's reason)."""
    documents = _documents()
    document = signed_document(meeting)
    if documents is not None and document is not None:
        documents.revoke(document, reason=reason, actor=actor)

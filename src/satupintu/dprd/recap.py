"""The signed E-Pokir recap of a dapil for a planning year: every proposal by status with the
fields SIPD needs, as a PDF signed with SETWAN's seal (PAdES, through the documents app, as
the minutes are) that carries the verification QR and verifies at `/verifikasi/`.

A recap is issued when first asked for and issued again only when what it lists has changed:
its number ends in a digest of its rows, so the same content is the same signed document."""

import hashlib

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases.workflow import get_kind
from satupintu.dprd import workflow
from satupintu.dprd.exports import COLUMNS
from satupintu.dprd.models import Proposal
from satupintu.org.models import OrgUnit

TEMPLATE = "dprd/recap_pdf.html"
SETWAN_CODE = "SETWAN"
# Statuses in the order of the workflow, for the recap's sections.
ORDER = [
    workflow.S.SUBMITTED,
    workflow.S.VERIFIED,
    workflow.S.ADOPTED,
    workflow.S.PROPOSED,
    workflow.S.ACCEPTED,
    workflow.S.BUDGETED,
    workflow.S.DONE,
    workflow.S.REJECTED,
]


def reference(district, year: int) -> str:
    return f"pokir-rekap:{district.number}:{year}"


def proposals_for(district, year: int):
    return (
        Proposal.objects.filter(district=district, planning_year=year)
        .select_related("case", "case__region__parent", "district", "adopted_by", "proposed_unit")
        .annotate(photo_count=Count("case__attachments"))
        .order_by("-support_count", "id")
    )


def sections(district, year: int) -> list[dict]:
    kind = get_kind(workflow.KIND)
    by_status = {status: [] for status in ORDER}
    for proposal in proposals_for(district, year):
        by_status.setdefault(proposal.case.status, []).append(proposal)
    return [
        {"status": status, "label": kind.status_label(status), "proposals": rows}
        for status, rows in by_status.items()
        if rows
    ]


def digest(district, year: int) -> str:
    """What the recap lists, every SIPD column of every proposal, in 10 hex digits."""
    hashed = hashlib.sha256()
    for proposal in proposals_for(district, year):
        row = [str(value(proposal)) for _name, value in COLUMNS]
        hashed.update("\x1f".join(row).encode() + b"\x1e")
    return hashed.hexdigest()[:10]


def number(district, year: int) -> str:
    return f"POKIR/DAPIL-{district.number}/{year}/{digest(district, year)}"


def context_for(district, year: int) -> dict:
    found = sections(district, year)
    return {
        "district": district,
        "year": year,
        "sections": found,
        "total": sum(len(s["proposals"]) for s in found),
        "generated_at": timezone.now(),
        "setwan": OrgUnit.objects.filter(code=SETWAN_CODE).first(),
    }


def render_recap_pdf(district, year: int) -> bytes:
    from satupintu.documents.pdf import render_pdf

    return render_pdf(TEMPLATE, context_for(district, year))


def signed_recap(district, year: int, *, actor):
    """The signed recap as the proposals are now (issued now when none is); None when SETWAN
    has no seal to sign with (the caller then serves the unsigned PDF)."""
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument

    setwan = OrgUnit.objects.filter(code=SETWAN_CODE).first()
    signer = documents.signing_identity_for(setwan) if setwan else None
    if signer is None:
        return None
    current = number(district, year)
    existing = (
        IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.OTHER,
            reference=reference(district, year),
            number=current,
            status=IssuedDocument.Status.ISSUED,
        )
        .order_by("-issued_at")
        .first()
    )
    if existing is not None:
        return existing
    return documents.issue_document(
        pdf=render_recap_pdf(district, year),
        title=_("Rekap usulan pokir %(dapil)s tahun %(year)s")
        % {"dapil": district.name, "year": year},
        number=current,
        holder_name=setwan.name,
        org_unit=setwan,
        signer=signer,
        kind=IssuedDocument.Kind.OTHER,
        reference=reference(district, year),
        actor=actor,
    )


def filename(district, year: int) -> str:
    return f"rekap-pokir-dapil-{district.number}-{year}.pdf"

"""Bridge to `satupintu.documents` (PDF rendering, PAdES signing, QR verification).

At signing, inside the signing transaction (so a failure gives the number back): register an
IssuedDocument (its token goes into the QR code), render the letter with its kop surat and QR
to PDF, sign it with the signer's own certificate in the unit (or the unit's/parent's seal),
and keep the signed PDF as the letter's `tte` file.

When no signing identity is configured for the unit, the letter is signed *logically* only
(number, signer, time, audit event): `sign_letter` returns None and no PDF is produced. See
docs/eoffice.md.
"""

from satupintu.documents import services
from satupintu.documents.models import IssuedDocument
from satupintu.documents.selectors import signatory_for
from satupintu.letters import hierarchy
from satupintu.letters.errors import LetterError
from satupintu.letters.letterhead import kop_for
from satupintu.letters.models import LetterFile
from satupintu.org.permissions import memberships_of


def identity_for(letter, user):
    """The signer's own certificate in the letter's unit or a unit above it (a kepala dinas
    signs a bidang's letter), else the nearest unit seal."""
    unit = letter.org_unit
    while unit is not None:
        found = services.signing_identity_for(unit, user=user)
        if found is not None and found.user_id == user.pk:
            return found
        unit = unit.parent
    return services.signing_identity_for(letter.org_unit)


def signatory_of(letter):
    """The designated signatory printed under the letter: that of the unit the signer heads
    (the letter's own or the one above it whose kepala signs), or None (the block then shows
    the signer's account name)."""
    headed = {m.org_unit_id for m in memberships_of(letter.signer) if m.role == hierarchy.HEAD}
    unit = letter.org_unit
    while unit is not None:
        if unit.pk in headed:
            return signatory_for(unit, IssuedDocument.Kind.LETTER, inherit=False)
        unit = unit.parent
    return None


def sign_letter(letter, actor):
    """Render and sign the letter's PDF; returns the stored LetterFile or None."""
    identity = identity_for(letter, actor)
    if identity is None:
        return None
    recipients = list(letter.recipients.select_related("org_unit"))
    addressees = [str(r.org_unit.name) for r in recipients if not r.is_copy] + [
        line.strip() for line in letter.external_recipients.splitlines() if line.strip()
    ]
    copies = [str(r.org_unit.name) for r in recipients if r.is_copy] + [
        line.strip() for line in letter.external_copies.splitlines() if line.strip()
    ]
    try:
        document = services.prepare_document(
            # The public verification page shows the title: a Rahasia subject stays inside.
            title="Surat (rahasia)" if letter.is_secret else letter.subject,
            number=letter.letter_number,
            holder_name=(addressees[0] if addressees else str(letter.org_unit))[:200],
            org_unit=letter.org_unit,
            signer=identity,
            kind=IssuedDocument.Kind.LETTER,
            reference=f"surat:{letter.pk}",
            actor=actor,
        )
        context = services.verification_context(document) | {
            "letter": letter,
            "kop": kop_for(letter.org_unit),
            "signatory": signatory_of(letter),
            "addressees": addressees,
            "copies": copies,
        }
        pdf = services.render_pdf("letters/pdf/letter.html", context)
        document = services.sign_and_store(document, pdf, actor=actor)
    except services.DocumentError as exc:
        raise LetterError(exc.message, code="signing_failed", obj=letter) from exc
    stored = LetterFile.objects.create(
        letter=letter,
        kind=LetterFile.Kind.SIGNED,
        file=document.file.name,
        original_name=f"surat-{letter.letter_number.replace('/', '-')}.pdf"[:150],
        content_type="application/pdf",
        size=document.size,
        sha256=document.sha256,
        uploaded_by=actor,
    )
    type(letter).objects.filter(pk=letter.pk).update(signed_document_id=document.pk)
    letter.signed_document_id = document.pk
    return stored

from django.db.models import Count

from satupintu.documents.models import (
    IssuedDocument,
    Signatory,
    VerificationLog,
    is_token_shaped,
)


def document_by_token(token: str) -> IssuedDocument | None:
    if not is_token_shaped(token):
        return None
    return (
        IssuedDocument.objects.select_related("org_unit", "signer", "revoked_by")
        .filter(token=token)
        .first()
    )


def recent_verifications(document: IssuedDocument, limit: int = 20) -> list[VerificationLog]:
    return list(document.verifications.order_by("-created_at")[:limit])


def verification_counts(document: IssuedDocument) -> dict[str, int]:
    rows = document.verifications.values("method").annotate(n=Count("pk"))
    return {row["method"]: row["n"] for row in rows}


def signatory_for(org_unit, kind: str, *, inherit: bool = True) -> Signatory | None:
    """The designated signatory printed under a `kind` document of `org_unit`: the unit's own,
    else (with `inherit`) the nearest parent unit's. None: the block shows the certificate's
    name only."""
    unit = org_unit
    while unit is not None:
        found = Signatory.objects.filter(org_unit=unit, kind=kind, is_active=True).first()
        if found is not None or not inherit:
            return found
        unit = unit.parent
    return None

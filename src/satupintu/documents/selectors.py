from django.db.models import Count

from satupintu.documents.models import IssuedDocument, VerificationLog, is_token_shaped


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

"""Trust roots, the demo CA and the signing identities (seals, personal certificates) of units."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.documents import pki, signing
from satupintu.documents.models import (
    DocumentCA,
    SigningIdentity,
)
from satupintu.documents.services.errors import DocumentError
from satupintu.org.models import Membership, OrgUnit

# --- Trust roots, the demo CA, signing identities --------------------------------------------


def root_unit_name() -> str:
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    return root.name if root else settings.SITE_NAME


def trust_roots() -> list[x509.Certificate]:
    return [
        pki.load_cert(pem)
        for pem in DocumentCA.objects.filter(is_active=True).values_list(
            "certificate_pem", flat=True
        )
    ]


def ca_fields(cert: x509.Certificate) -> dict:
    info = pki.describe(cert)
    return {
        "certificate_pem": pki.cert_to_pem(cert),
        "subject": info.subject,
        "serial_number": info.serial_number,
        "fingerprint_sha256": info.fingerprint_sha256,
        "not_before": info.not_before,
        "not_after": info.not_after,
    }


def create_demo_ca(*, key=None, actor=None) -> DocumentCA:
    """The demo root CA (created once, with its key, trusted). Only for demo mode."""
    existing = (
        DocumentCA.objects.filter(is_demo=True, is_active=True)
        .exclude(private_key_pem="")
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    key = key or pki.generate_key()
    name = f"{settings.SITE_NAME} Demo Root CA"
    cert = pki.make_root_ca(key, common_name=name, organization=root_unit_name())
    with transaction.atomic():
        ca = DocumentCA.objects.create(
            name=name,
            private_key_pem=pki.key_to_pem(key),
            is_demo=True,
            is_active=True,
            **ca_fields(cert),
        )
        audit.record(
            "documents.ca_create", actor=actor, obj=ca, data={"fingerprint": ca.fingerprint_sha256}
        )
    return ca


def add_trust_root(*, certificate: bytes, name: str, actor) -> DocumentCA:
    """Trust an outside CA (e.g. the root behind BSrE): its certificate only, no key."""
    try:
        cert = pki.read_certificate(certificate)
    except pki.CertificateError as exc:
        raise DocumentError(str(exc)) from exc
    fields = ca_fields(cert)
    if DocumentCA.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
        raise DocumentError(_("Sertifikat CA ini sudah terdaftar."))
    with transaction.atomic():
        ca = DocumentCA.objects.create(name=name or pki.describe(cert).common_name, **fields)
        audit.record(
            "documents.trust_root_add",
            actor=actor,
            obj=ca,
            data={"fingerprint": ca.fingerprint_sha256},
        )
    return ca


def identity_fields(cert: x509.Certificate, key, chain: list[x509.Certificate]) -> dict:
    info = pki.describe(cert)
    return {
        "subject_name": info.common_name,
        "issuer_name": info.issuer,
        "serial_number": info.serial_number,
        "fingerprint_sha256": info.fingerprint_sha256,
        "not_before": info.not_before,
        "not_after": info.not_after,
        "certificate_pem": pki.cert_to_pem(cert),
        "chain_pem": pki.certs_to_pem(chain),
        "private_key_pem": pki.key_to_pem(key),
    }


def check_unit_user(org_unit: OrgUnit, user) -> None:
    if (
        user is not None
        and not Membership.objects.filter(user=user, org_unit=org_unit, is_active=True).exists()
    ):
        raise DocumentError(_("Pejabat penanda tangan harus anggota aktif unit tersebut."))


def issue_demo_identity(
    *, ca: DocumentCA, org_unit: OrgUnit, user=None, label: str = "", key=None, actor=None
) -> SigningIdentity:
    """A signing certificate from the demo CA for a unit (its seal) or one official in it."""
    if not ca.private_key_pem:
        raise DocumentError(_("CA ini tidak menyimpan kunci privat, tidak dapat menerbitkan."))
    check_unit_user(org_unit, user)
    key = key or pki.generate_key()
    organization = root_unit_name()
    if user is not None:
        common_name = user.full_name or str(user)
        cert = pki.issue_signing_certificate(
            pki.load_cert(ca.certificate_pem),
            pki.load_key(ca.private_key_pem),
            key.public_key(),
            common_name=common_name,
            organization=organization,
            unit=org_unit.name,
            email=user.email or "",
        )
    else:
        cert = pki.issue_signing_certificate(
            pki.load_cert(ca.certificate_pem),
            pki.load_key(ca.private_key_pem),
            key.public_key(),
            common_name=org_unit.name,
            organization=organization,
        )
    with transaction.atomic():
        identity = SigningIdentity.objects.create(
            org_unit=org_unit,
            user=user,
            label=label or (f"{common_name} — {org_unit}" if user is not None else ""),
            ca=ca,
            **identity_fields(cert, key, [pki.load_cert(ca.certificate_pem)]),
        )
        audit.record(
            "documents.identity_create",
            actor=actor,
            obj=identity,
            data={"unit": org_unit.code, "demo": True, "serial": identity.serial_number},
        )
    return identity


def import_pkcs12(
    *, data: bytes, passphrase: str, org_unit: OrgUnit, user=None, label: str = "", actor
) -> SigningIdentity:
    """A certificate and key from a real CA (BSrE or another), as a PKCS#12 (.p12/.pfx) file.

    The passphrase only opens the file; the key is kept encrypted with the field keys."""
    try:
        key, cert, others = pki.read_pkcs12(data, passphrase)
    except pki.CertificateError as exc:
        raise DocumentError(str(exc)) from exc
    if cert.not_valid_after_utc < timezone.now():
        raise DocumentError(_("Sertifikat dalam berkas ini sudah kedaluwarsa."))
    check_unit_user(org_unit, user)
    fields = identity_fields(cert, key, others)
    if SigningIdentity.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
        raise DocumentError(_("Sertifikat ini sudah terdaftar."))
    with transaction.atomic():
        identity = SigningIdentity.objects.create(
            org_unit=org_unit, user=user, label=label, **fields
        )
        audit.record(
            "documents.identity_create",
            actor=actor,
            obj=identity,
            data={"unit": org_unit.code, "demo": False, "serial": identity.serial_number},
        )
    return identity


def chains_to_trust_root(identity: SigningIdentity) -> bool:
    """True when the identity's certificate validates now up to an active trust root."""
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    roots = trust_roots()
    if not roots:
        return False
    context = ValidationContext(
        trust_roots=[signing._asn1_cert(c) for c in roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(
        signing._asn1_cert(pki.load_cert(identity.certificate_pem)),
        intermediate_certs=[signing._asn1_cert(c) for c in pki.load_certs(identity.chain_pem)],
        validation_context=context,
    )
    try:
        signing.outside_event_loop(asyncio.run, validator.async_validate_path())
    except (PathBuildingError, PathValidationError):
        return False
    return True


def signing_identity_for(org_unit: OrgUnit, *, user=None) -> SigningIdentity | None:
    """The newest usable identity: the official's own in this unit when `user` is given, else
    the unit's seal, else the nearest parent unit's seal (a bidang signs with its OPD's)."""
    now = timezone.now()
    usable = SigningIdentity.objects.filter(
        is_active=True, not_before__lte=now, not_after__gte=now
    ).order_by("-created_at")
    if user is not None:
        own = usable.filter(org_unit=org_unit, user=user).first()
        if own is not None:
            return own
    unit = org_unit
    while unit is not None:
        seal = usable.filter(org_unit=unit, user__isnull=True).first()
        if seal is not None:
            return seal
        unit = unit.parent
    return None


@dataclass(frozen=True)
class DemoSetup:
    ca: DocumentCA
    created: list[SigningIdentity]


# Kelurahan, bidang and UPT sign with their parent's seal (see `signing_identity_for`).
DEMO_UNIT_KINDS = (*OrgUnit.OPD_KINDS, OrgUnit.Kind.GOVERNMENT)


def setup_demo_signing(
    *,
    unit_codes: list[str] | None = None,
    user_emails: list[str] | None = None,
    key_factory: Callable | None = None,
    actor=None,
) -> DemoSetup:
    """The demo CA, a seal for each unit and a personal certificate for each official.

    Without arguments: every active OPD (kecamatan included) and the city root, and every
    active kepala in their unit. Units and officials that already have a usable identity are
    skipped, so running it again only fills gaps.
    """
    from django.contrib.auth import get_user_model

    make_key = key_factory or pki.generate_key
    ca = create_demo_ca(key=make_key(), actor=actor)
    if unit_codes is None and user_emails is None:
        units = list(OrgUnit.objects.filter(is_active=True, kind__in=DEMO_UNIT_KINDS))
        officials = [
            (m.org_unit, m.user)
            for m in Membership.objects.filter(
                role=Membership.Role.HEAD, is_active=True, user__is_active=True
            ).select_related("org_unit", "user")
        ]
    else:
        units = list(OrgUnit.objects.filter(code__in=unit_codes or []))
        missing = set(unit_codes or []) - {u.code for u in units}
        if missing:
            raise DocumentError(
                _("Unit tidak ditemukan: %(codes)s") % {"codes": ", ".join(sorted(missing))}
            )
        users = list(get_user_model().objects.filter(email__in=user_emails or []))
        missing = set(user_emails or []) - {u.email for u in users}
        if missing:
            raise DocumentError(
                _("Pengguna tidak ditemukan: %(emails)s") % {"emails": ", ".join(sorted(missing))}
            )
        officials = [
            (m.org_unit, m.user)
            for m in Membership.objects.filter(user__in=users, is_active=True).select_related(
                "org_unit", "user"
            )
        ]
    now = timezone.now()
    usable = SigningIdentity.objects.filter(is_active=True, not_after__gt=now)
    created = []
    for unit in units:
        if not usable.filter(org_unit=unit, user__isnull=True).exists():
            created.append(issue_demo_identity(ca=ca, org_unit=unit, key=make_key(), actor=actor))
    seen = set()
    for unit, user in officials:
        if (unit.pk, user.pk) in seen or usable.filter(org_unit=unit, user=user).exists():
            continue
        seen.add((unit.pk, user.pk))
        created.append(
            issue_demo_identity(ca=ca, org_unit=unit, user=user, key=make_key(), actor=actor)
        )
    return DemoSetup(ca, created)

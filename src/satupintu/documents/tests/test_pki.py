"""The demo CA, signing identities, PKCS#12 import and the demo command."""

from io import StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.core.management import CommandError, call_command
from django.db import connection

from satupintu.core.models import AuditEvent
from satupintu.documents import pki, services
from satupintu.documents.models import DocumentCA, SigningIdentity
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff


def test_demo_ca_is_a_trusted_root_with_an_encrypted_key(demo_ca):
    cert = pki.load_cert(demo_ca.certificate_pem)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert demo_ca.is_demo and demo_ca.is_active
    assert services.create_demo_ca() == demo_ca  # created once
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT private_key_pem FROM documents_documentca WHERE id = %s", [demo_ca.pk]
        )
        raw = cursor.fetchone()[0]
    assert "PRIVATE KEY" not in raw and raw.startswith("gAAAA")  # a Fernet token
    assert AuditEvent.objects.filter(action="documents.ca_create").count() == 1


def test_signing_certificate_usages_and_chain(identity, demo_ca, opd_a):
    cert = pki.load_cert(identity.certificate_pem)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert pki.DOCUMENT_SIGNING in eku and ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert cert.issuer == pki.load_cert(demo_ca.certificate_pem).subject
    assert identity.subject_name == opd_a.name
    assert identity.is_usable()
    assert services.chains_to_trust_root(identity)
    assert services.signing_identity_for(opd_a) == identity
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT private_key_pem FROM documents_signingidentity WHERE id = %s", [identity.pk]
        )
        assert "PRIVATE KEY" not in cursor.fetchone()[0]


def test_personal_identity_for_an_official(demo_ca, opd_a, keys):
    head = make_staff(opd_a, Membership.Role.HEAD, full_name="Budi Santoso")
    identity = services.issue_demo_identity(
        ca=demo_ca, org_unit=opd_a, user=head, key=keys["signer"]
    )
    cert = pki.load_cert(identity.certificate_pem)
    assert identity.subject_name == "Budi Santoso"
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == [head.email]
    assert services.signing_identity_for(opd_a, user=head) == identity


def test_official_must_belong_to_the_unit(demo_ca, opd_a, staff_b, keys):
    with pytest.raises(services.DocumentError):
        services.issue_demo_identity(ca=demo_ca, org_unit=opd_a, user=staff_b, key=keys["signer"])


def test_division_signs_with_its_opd_seal(identity, opd_a):
    division = OrgUnit.objects.create(
        code="DPU-UJI", name="Bidang Uji", kind=OrgUnit.Kind.DIVISION, parent=opd_a
    )
    assert services.signing_identity_for(division) == identity


def _p12(keys, demo_ca, passphrase=b"rahasia-p12"):
    ca_cert = pki.load_cert(demo_ca.certificate_pem)
    cert = pki.issue_signing_certificate(
        ca_cert,
        pki.load_key(demo_ca.private_key_pem),
        keys["rogue"].public_key(),
        common_name="Dinas Kesehatan",
        organization="Pemerintah Kota Balikpapan",
    )
    return pkcs12.serialize_key_and_certificates(
        b"dinkes", keys["rogue"], cert, [ca_cert], BestAvailableEncryption(passphrase)
    )


def test_import_pkcs12(keys, demo_ca, opd_b, staff_b):
    p12 = _p12(keys, demo_ca)
    identity = services.import_pkcs12(
        data=p12, passphrase="rahasia-p12", org_unit=opd_b, actor=staff_b
    )
    assert identity.subject_name == "Dinas Kesehatan"
    assert identity.ca is None and "BEGIN CERTIFICATE" in identity.chain_pem
    assert services.chains_to_trust_root(identity)
    with pytest.raises(services.DocumentError, match="sudah terdaftar"):
        services.import_pkcs12(data=p12, passphrase="rahasia-p12", org_unit=opd_b, actor=staff_b)


def test_import_pkcs12_with_wrong_passphrase(keys, demo_ca, opd_b, staff_b):
    with pytest.raises(services.DocumentError, match="kata sandi salah"):
        services.import_pkcs12(
            data=_p12(keys, demo_ca), passphrase="salah", org_unit=opd_b, actor=staff_b
        )


@pytest.fixture
def fast_keys(monkeypatch, keys):
    monkeypatch.setattr(pki, "generate_key", lambda algorithm="rsa": keys["signer"])


def test_create_demo_ca_command_for_some_units(reference_data, fast_keys, capsys):
    call_command("create_demo_ca", "--unit", "DPU", "--unit", "DINKES")
    assert DocumentCA.objects.filter(is_demo=True).count() == 1
    assert set(SigningIdentity.objects.values_list("org_unit__code", flat=True)) == {
        "DPU",
        "DINKES",
    }
    assert "2 sertifikat" in capsys.readouterr().out


def test_create_demo_ca_command_for_everyone_is_idempotent(reference_data, fast_keys):
    head = make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.HEAD)
    call_command("create_demo_ca")
    count = SigningIdentity.objects.count()
    opds = OrgUnit.objects.filter(kind__in=services.DEMO_UNIT_KINDS, is_active=True).count()
    assert count == opds + 1
    assert SigningIdentity.objects.filter(user=head).count() == 1
    call_command("create_demo_ca")
    assert SigningIdentity.objects.count() == count


def test_create_demo_ca_command_refuses_outside_demo_mode(reference_data, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="SP_DEMO"):
        call_command("create_demo_ca")
    assert not DocumentCA.objects.exists()


def test_create_demo_ca_command_rejects_unknown_unit(reference_data, fast_keys):
    with pytest.raises(CommandError, match="TIDAK-ADA"):
        call_command("create_demo_ca", "--unit", "TIDAK-ADA")


def test_load_demo_data_sets_up_signing(reference_data, fast_keys):
    call_command("load_demo_data")
    assert DocumentCA.objects.filter(is_demo=True).exists()
    assert SigningIdentity.objects.filter(org_unit__code="DPU", user__isnull=True).exists()
    assert SigningIdentity.objects.filter(user__email__startswith="kepala.dpu@").exists()


def test_load_demo_data_leaves_no_official_without_a_certificate(reference_data, fast_keys):
    # Demos that add officials after the first signing set-up (queues, DPRD) are covered by
    # the second call at the end: a later run has nothing left to issue.
    call_command("load_demo_data")
    before = SigningIdentity.objects.count()
    out = StringIO()
    call_command("create_demo_ca", stdout=out)
    assert "0 sertifikat tanda tangan baru" in out.getvalue()
    assert SigningIdentity.objects.count() == before

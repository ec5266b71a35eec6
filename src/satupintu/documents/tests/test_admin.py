"""The admin: uploads in, private keys never out."""

from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.documents import pki
from satupintu.documents.models import DocumentCA, SigningIdentity
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff


def _city_admin():
    return make_staff(OrgUnit.objects.get(parent__isnull=True), Membership.Role.ADMIN)


def test_identity_pages_never_show_the_private_key(client, identity, issued):
    client.force_login(_city_admin())
    for url in (
        reverse("admin:documents_signingidentity_changelist"),
        reverse("admin:documents_signingidentity_change", args=[identity.pk]),
        reverse("admin:documents_documentca_change", args=[identity.ca.pk]),
        reverse("admin:documents_issueddocument_changelist"),
        reverse("admin:documents_issueddocument_change", args=[issued.pk]),
        reverse("admin:documents_verificationlog_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "PRIVATE KEY" not in html and "private_key" not in html


def test_issued_documents_are_read_only(client, issued):
    client.force_login(_city_admin())
    assert client.get(reverse("admin:documents_issueddocument_add")).status_code == 403
    response = client.post(
        reverse("admin:documents_issueddocument_change", args=[issued.pk]), {"number": "X"}
    )
    assert response.status_code == 403


def test_upload_pkcs12_in_the_admin(client, demo_ca, opd_b, keys):
    ca_cert = pki.load_cert(demo_ca.certificate_pem)
    cert = pki.issue_signing_certificate(
        ca_cert,
        pki.load_key(demo_ca.private_key_pem),
        keys["rogue"].public_key(),
        common_name="Dinas Kesehatan",
        organization="Pemerintah Kota Balikpapan",
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"dinkes", keys["rogue"], cert, [ca_cert], BestAvailableEncryption(b"sandi-p12")
    )
    client.force_login(_city_admin())
    response = client.post(
        reverse("admin:documents_signingidentity_add"),
        {
            "org_unit": opd_b.pk,
            "label": "Segel DINKES",
            "pkcs12_file": SimpleUploadedFile("dinkes.p12", p12),
            "passphrase": "sandi-p12",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    identity = SigningIdentity.objects.get(label="Segel DINKES")
    assert identity.org_unit == opd_b and identity.subject_name == "Dinas Kesehatan"
    assert identity.private_key_pem.startswith("-----BEGIN PRIVATE KEY-----")


def test_upload_pkcs12_with_wrong_passphrase(client, demo_ca, opd_b, keys):
    p12 = pkcs12.serialize_key_and_certificates(
        b"x",
        keys["ca"],
        pki.load_cert(demo_ca.certificate_pem),
        None,
        BestAvailableEncryption(b"benar"),
    )
    client.force_login(_city_admin())
    response = client.post(
        reverse("admin:documents_signingidentity_add"),
        {"org_unit": opd_b.pk, "pkcs12_file": SimpleUploadedFile("x.p12", p12), "passphrase": "x"},
    )
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()
    assert not SigningIdentity.objects.filter(org_unit=opd_b).exists()


def test_add_trust_root_in_the_admin(client, reference_data, keys):
    root = pki.make_root_ca(keys["rogue_ca"], common_name="Root CA Uji", organization="Uji")
    client.force_login(_city_admin())
    response = client.post(
        reverse("admin:documents_documentca_add"),
        {
            "name": "",
            "certificate_file": SimpleUploadedFile("root.crt", pki.cert_to_pem(root).encode()),
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    ca = DocumentCA.objects.get()
    assert ca.name == "Root CA Uji" and ca.private_key_pem == "" and not ca.is_demo


def test_opd_admin_sees_only_own_units_identities(client, identity, opd_b):
    client.force_login(make_staff(opd_b, Membership.Role.ADMIN))
    response = client.get(reverse("admin:documents_signingidentity_changelist"))
    assert response.status_code == 200
    assert identity.subject_name not in response.content.decode()
    url = reverse("admin:documents_signingidentity_change", args=[identity.pk])
    assert client.get(url).status_code in (302, 403, 404)

"""Files on an S3-compatible object store (moto's server on loopback): encrypted before they
leave the app, private in the bucket, streamed to the people allowed to see them."""

import hashlib

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from satupintu.cases.models import Case, CaseAttachment
from satupintu.core import filecrypto
from satupintu.core.s3storage import EncryptedS3Storage, ObjectStoreUnavailable
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing import servers
from satupintu.testing.complaints import png_bytes, road_category
from satupintu.testing.factories import make_staff

SECRET_TEXT = b"NIK 6471010101010001 - surat keterangan rahasia " * 200


def _object(s3_server, bucket, name) -> bytes:
    return servers.s3_client(s3_server).get_object(Bucket=bucket, Key=name)["Body"].read()


def test_a_file_is_stored_encrypted_and_read_back(s3_storage, s3_server, s3_bucket):
    assert isinstance(storages["default"], EncryptedS3Storage)
    name = s3_storage.save("cases/2026/12/rahasia.txt", ContentFile(SECRET_TEXT))

    stored = _object(s3_server, s3_bucket, name)
    assert stored.startswith(filecrypto.MAGIC)
    assert b"6471010101010001" not in stored

    with s3_storage.open(name) as handle:
        assert handle.read() == SECRET_TEXT
        handle.seek(10)  # PDF text extraction seeks
        assert handle.read(3) == SECRET_TEXT[10:13]
    assert s3_storage.size(name) == len(SECRET_TEXT)
    assert s3_storage.exists(name)
    assert list(s3_storage.walk()) == [name]
    assert s3_storage.get_modified_time(name).tzinfo is not None

    # Names are never reused: a second file with the same name gets its own object.
    again = s3_storage.save("cases/2026/12/rahasia.txt", ContentFile(b"lain"))
    assert again != name
    with s3_storage.open(name) as handle:
        assert handle.read() == SECRET_TEXT

    s3_storage.delete(name)
    assert not s3_storage.exists(name)
    with pytest.raises(FileNotFoundError):
        s3_storage.open(name)
    with pytest.raises(FileNotFoundError):
        s3_storage.get_modified_time(name)


def test_objects_are_private_anonymous_requests_fail(s3_storage, s3_server, s3_bucket):
    name = s3_storage.save("documents/surat.pdf", ContentFile(SECRET_TEXT))

    # The object's plain address, without a signature: refused.
    plain = f"{s3_server.url}/{s3_bucket}/{name}"
    assert requests.get(plain, timeout=5).status_code == 403
    # No public grant on the object.
    acl = servers.s3_client(s3_server).get_object_acl(Bucket=s3_bucket, Key=name)
    grantees = [grant["Grantee"].get("URI", "") for grant in acl["Grants"]]
    assert not any("AllUsers" in uri or "AuthenticatedUsers" in uri for uri in grantees)

    # A signed URL is short-lived, and even it gives only ciphertext.
    signed = s3_storage.url(name)
    assert "X-Amz-Expires=300" in signed
    body = requests.get(signed, timeout=5).content
    assert body.startswith(filecrypto.MAGIC) and b"6471010101010001" not in body


def test_clear_legacy_objects_are_read_and_encrypted_and_keys_rewrapped(
    s3_storage, s3_server, s3_bucket
):
    client = servers.s3_client(s3_server)
    client.put_object(Bucket=s3_bucket, Key="lama/berkas.txt", Body=b"berkas lama")
    assert not s3_storage.is_encrypted("lama/berkas.txt")
    with s3_storage.open("lama/berkas.txt") as handle:
        assert handle.read() == b"berkas lama"
    assert s3_storage.size("lama/berkas.txt") == len(b"berkas lama")

    assert s3_storage.encrypt_existing("lama/berkas.txt") is True
    assert s3_storage.encrypt_existing("lama/berkas.txt") is False
    assert _object(s3_server, s3_bucket, "lama/berkas.txt").startswith(filecrypto.MAGIC)
    with s3_storage.open("lama/berkas.txt") as handle:
        assert handle.read() == b"berkas lama"
    # Keys already current: nothing to re-wrap.
    assert s3_storage.rewrap("lama/berkas.txt") is False


def _png() -> bytes:
    return png_bytes(color="blue")


@pytest.fixture
def category(reference_data):
    return road_category()


def _complaint(category, key="s3-1"):
    return {
        "subtype": "pengaduan",
        "category": category.pk,
        "title": "Jalan berlubang besar",
        "description": "Lubang besar di depan sekolah, sudah dua minggu, berbahaya untuk motor.",
        "kelurahan": Region.objects.get(code="64.71.05.1002").pk,
        "rt": "7",
        "street": "Jl. Mulawarman",
        "identity": "named",
        "reporter_name": "Budi",
        "reporter_email": "budi@contoh.id",
        "reporter_phone": "",
        "idempotency_key": key,
        "files": [SimpleUploadedFile("foto.png", _png(), content_type="image/png")],
    }


def test_a_complaint_photo_goes_to_the_bucket_and_only_staff_of_the_unit_get_it(
    s3_storage, s3_server, s3_bucket, category, client
):
    response = client.post(reverse("complaints:new"), _complaint(category))
    assert response.status_code == 302
    case = Case.objects.get()
    attachment = CaseAttachment.objects.get()
    stored = _object(s3_server, s3_bucket, attachment.file.name)
    assert stored.startswith(filecrypto.MAGIC)
    assert hashlib.sha256(_png()).hexdigest() == attachment.sha256

    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    client.post(
        reverse("cases:act", args=[case.tracking_code]), {"action": "verify", "org_unit": "DPU"}
    )
    url = reverse("cases:staff_attachment", args=[case.tracking_code, attachment.pk])
    client.force_login(make_staff(OrgUnit.objects.get(code="DINKES")))
    assert client.get(url).status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _png()
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_object_store_down_refuses_the_upload_clearly_and_keeps_nothing(
    settings, s3_bucket, category
):
    # A store that does not answer (nothing listens on this port).
    dead = servers.Server(process=None, port=servers.free_port(), directory=None)
    settings.STORAGES = servers.s3_storages(dead, s3_bucket)
    from django.core.files.storage import default_storage

    with pytest.raises(ObjectStoreUnavailable):
        default_storage.save("x.txt", ContentFile(b"x"))

    client = Client(raise_request_exception=False)
    response = client.post(reverse("complaints:new"), _complaint(category, key="s3-down"))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Penyimpanan berkas sedang tidak tersedia" in page
    assert response["Retry-After"]
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()

"""backup → empty database and storage → restore → verify: the audit chain holds, every file
is back with its SHA-256, a signed document still verifies. On SQLite, and on PostgreSQL when
the suite runs there (.ci/run's second stage)."""

import importlib
import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from satupintu.cases.models import Case, CaseAttachment
from satupintu.cases.tests import helpers
from satupintu.core import backup
from satupintu.core.models import AuditEvent
from satupintu.documents import pki
from satupintu.documents import services as documents
from satupintu.documents.models import IssuedDocument
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_document():
    unit = OrgUnit.objects.get(code="DPU")
    ca = documents.create_demo_ca(key=pki.generate_key())
    identity = documents.issue_demo_identity(ca=ca, org_unit=unit, key=pki.generate_key())
    pdf = documents.render_pdf(
        "documents/pdf/example.html",
        {
            "document": SimpleNamespace(
                title="Surat Keterangan Uji",
                number="500/1/DPU/2026",
                holder_name="Siti Rahmawati",
                org_unit=unit,
                signer=SimpleNamespace(subject_name=unit.name),
                valid_until=None,
            ),
            "facts": [("Keperluan", "Pengujian")],
            "government_name": "Kota",
        },
    )
    return documents.issue_document(
        pdf=pdf,
        title="Surat Keterangan Uji",
        number="500/1/DPU/2026",
        holder_name="Siti Rahmawati",
        org_unit=unit,
        signer=identity,
        kind=IssuedDocument.Kind.SERVICE_RESULT,
        actor=make_staff(unit),
    )


@pytest.fixture
def world(reference_data):
    # Transactional tests start from a flushed database: put back the tiers a migration seeds.
    from django.apps import apps

    importlib.import_module("satupintu.cases.migrations.0002_standard_sla_tiers").create(apps, None)
    case, _secret = helpers.file_case(helpers.make_category(), files=[helpers.png_upload()])
    document = _signed_document()
    return SimpleNamespace(case=case, document=document)


def _empty_everything():
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(django_settings.MEDIA_ROOT, ignore_errors=True)


def test_backup_restore_verify(world, tmp_path, capsys):
    attachment = CaseAttachment.objects.get()
    with default_storage.open(attachment.file.name) as handle:
        photo = handle.read()
    audit_rows = AuditEvent.objects.count()
    assert audit_rows > 0

    target = tmp_path / "cadangan"
    target.mkdir()
    call_command("backup", str(target))
    [archive] = list(target.iterdir())
    raw = archive.read_bytes()
    assert raw.startswith(b"SPENC")  # encrypted as a whole
    assert b"Siti Rahmawati" not in raw and b"budi@contoh.id" not in raw

    _empty_everything()
    assert not Case.objects.exists()
    with pytest.raises(FileNotFoundError):
        default_storage.open(attachment.file.name)

    call_command("restore", str(archive))
    out = capsys.readouterr().out
    assert "semua utuh" in out

    case = Case.objects.get()
    assert case.tracking_code == world.case.tracking_code
    assert AuditEvent.objects.count() == audit_rows
    with default_storage.open(CaseAttachment.objects.get().file.name) as handle:
        assert handle.read() == photo
    document = IssuedDocument.objects.get()
    with documents.open_signed_pdf(document) as handle:
        assert documents.verify_pdf(handle.read()).status == "valid"
    result = backup.verify()
    assert result.ok and result.audit_rows == audit_rows
    assert result.files_checked >= 2 and result.documents_checked == 1

    # A second restore refuses a database that is not empty.
    with pytest.raises(CommandError, match="tidak kosong|not empty"):
        call_command("restore", str(archive))


def test_verify_finds_a_missing_or_changed_file_and_a_broken_chain(world):
    attachment = CaseAttachment.objects.get()
    assert backup.verify().ok
    CaseAttachment.objects.filter(pk=attachment.pk).update(sha256="0" * 64)
    assert any(p.startswith("sha256:") for p in backup.verify().problems)
    attachment.file.storage.delete(attachment.file.name)
    assert any(p.startswith("missing:") for p in backup.verify().problems)
    AuditEvent.objects.filter(seq=1).delete()
    result = backup.verify()
    assert result.audit_problem and not result.ok
    with pytest.raises(CommandError, match="GAGAL"):
        call_command("restore", "-", verify_only=True)


def test_restore_refuses_a_damaged_or_clear_file(world, tmp_path):
    archive = tmp_path / "b.spbackup"
    call_command("backup", str(archive))
    _empty_everything()
    damaged = tmp_path / "damaged.spbackup"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the decryption refuses it
        call_command("restore", str(damaged))
    clear = tmp_path / "clear.tar"
    clear.write_bytes(b"not a backup")
    with pytest.raises(CommandError, match="Pemulihan gagal"):
        call_command("restore", str(clear))
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("restore", str(tmp_path / "nothing"))

"""Backups that restore: `manage.py backup` and `manage.py restore` (docs/operations.md).

A backup is one file: a tar archive of

- `db.spjson`: every row of the database (Django's JSON with exact times,
  core/backup_serializer.py; natural keys for content types and permissions), read in one
  transaction (repeatable read on PostgreSQL), so rows and files agree;
- `files/<name>`: every stored file that a row refers to, as stored (already encrypted under
  the field keys), from the disk or the object store;
- `manifest.json`: format version, time, counts, and each file's name, size and SHA-256 of
  the stored bytes;

the whole archive encrypted with `core.filecrypto` under the field keys (SP_FIELD_KEYS): the
keys are needed to restore, as they are to read any personal data; keep them apart from the
backups. `restore` loads it into an empty database (after `migrate`) and an empty storage,
then `verify` checks the audit chain, every referenced file (present, and the SHA-256 its row
records), and every signed document's signature.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from satupintu.core import filecrypto

FORMAT = "satupintu-backup/1"
# Not backed up: rebuilt by `migrate` (content types, permissions) or worthless after a
# restore (sessions: everyone logs in again).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    pass


def _file_fields():
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f


def referenced_names() -> list[str]:
    names: set[str] = set()
    for model, f in _file_fields():
        values = (
            model._base_manager.exclude(**{f"{f.attname}__isnull": True})
            .exclude(**{f.attname: ""})
            .values_list(f.attname, flat=True)
        )
        names.update(values)
    return sorted(names)


def _sha256(handle) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while piece := handle.read(filecrypto.CHUNK_SIZE):
        digest.update(piece)
        size += len(piece)
    return digest.hexdigest(), size


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict:
    """Write the encrypted backup to `target` (a file path); return its manifest."""
    storage = storages["default"]
    with tempfile.TemporaryDirectory(prefix="sp-backup-") as work:
        work = Path(work)
        dump = work / "db.spjson"
        files = []
        tar_path = work / "backup.tar"
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                format="spjson",
                natural_foreign=True,
                use_base_manager=True,
                output=str(dump),
                verbosity=0,
            )
            names = referenced_names()
            with tarfile.open(tar_path, "w") as archive:
                archive.add(dump, "db.spjson")
                for name in names:
                    try:
                        handle = storage.open_raw(name)
                    except FileNotFoundError:
                        files.append({"name": name, "missing": True})
                        continue
                    with handle:
                        digest, size = _sha256(handle)
                        handle.seek(0)
                        info = tarfile.TarInfo(f"files/{name}")
                        info.size = size
                        archive.addfile(info, handle)
                    files.append({"name": name, "size": size, "sha256": digest})
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "database": connection.vendor,
                    "files": files,
                    "missing_files": sum(1 for f in files if f.get("missing")),
                }
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with open(tar_path, "rb") as clear, open(partial, "wb") as out:
            for piece in filecrypto.encrypt_stream(iter(lambda: clear.read(1 << 20), b"")):
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    return manifest


def _database_is_empty() -> bool:
    from satupintu.accounts.models import User
    from satupintu.core.models import AuditEvent

    return not User.objects.exists() and not AuditEvent.objects.exists()


def restore(source: Path) -> dict:
    """Rebuild from the backup at `source` into an empty database and storage."""
    storage = storages["default"]
    call_command("migrate", interactive=False, verbosity=0)
    if not _database_is_empty():
        raise BackupError("database not empty")
    with tempfile.TemporaryDirectory(prefix="sp-restore-") as work:
        work = Path(work)
        tar_path = work / "backup.tar"
        with open(source, "rb") as encrypted:
            reader, _size = filecrypto.open_plaintext(encrypted)
            if reader is encrypted:
                raise BackupError("not an encrypted backup")
            with open(tar_path, "wb") as out:
                while piece := reader.read(1 << 20):
                    out.write(piece)
        with tarfile.open(tar_path, "r") as archive:
            manifest = json.load(archive.extractfile("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise BackupError("unknown backup format")
            archive.extract("db.spjson", work, filter="data")
            for entry in manifest["files"]:
                if entry.get("missing"):
                    continue
                member = archive.extractfile(f"files/{entry['name']}")
                digest, _size = _sha256(member)
                if digest != entry["sha256"]:
                    raise BackupError(f"file damaged in the backup: {entry['name']}")
                member.seek(0)
                storage.save_raw(entry["name"], member)
        with transaction.atomic():
            call_command("loaddata", str(work / "db.spjson"), verbosity=0)
    return manifest


@dataclass
class Verification:
    audit_rows: int = 0
    audit_problem: str = ""
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)
    documents_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.audit_problem and not self.problems


def verify() -> Verification:
    """The audit chain, every referenced file with its recorded SHA-256, every signature."""
    from satupintu.core.audit import verify_chain
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument

    result = Verification()
    checked, problem = verify_chain()
    result.audit_rows = checked
    if problem:
        result.audit_problem = f"#{problem.seq} {problem.reason}"
    storage = storages["default"]
    for model, f in _file_fields():
        has_digest = any(x.name == "sha256" for x in model._meta.concrete_fields)
        rows = model._base_manager.exclude(**{f"{f.attname}__isnull": True}).exclude(
            **{f.attname: ""}
        )
        for row in rows.iterator():
            value = getattr(row, f.attname)
            name = getattr(value, "name", value)
            result.files_checked += 1
            try:
                with storage.open(name) as handle:
                    digest, _size = _sha256(handle)
            except FileNotFoundError:
                result.problems.append(f"missing: {model._meta.label} {row.pk} {name}")
                continue
            if has_digest and row.sha256 and digest != row.sha256:
                result.problems.append(f"sha256: {model._meta.label} {row.pk} {name}")
    signed = IssuedDocument.objects.exclude(status=IssuedDocument.Status.PENDING).exclude(file="")
    for document in signed.iterator():
        result.documents_checked += 1
        with documents.open_signed_pdf(document) as handle:
            outcome = documents.verify_pdf(handle.read())
        if outcome.status not in ("valid", "revoked"):
            result.problems.append(f"signature: document {document.pk} {outcome.status}")
    return result

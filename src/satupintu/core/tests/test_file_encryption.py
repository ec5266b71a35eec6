"""Personal files encrypted at rest (core.filecrypto, core.storage): nothing readable on disk,
identical bytes back, seekable reads, legacy clear files, key rotation."""

import hashlib
import io
import os

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import call_command
from django.test import override_settings

from satupintu.core import crypto, filecrypto
from satupintu.core.storage import EncryptedFileSystemStorage

OLD_KEY = settings.FIELD_ENCRYPTION_KEYS[0]
NEW_KEY = Fernet.generate_key().decode()
NIK_TEXT = b"NIK 6471054107900001 Siti Aminah Jl. Sudirman 12 "


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    crypto.reset_keys_cache()
    yield
    crypto.reset_keys_cache()


def _disk(name: str) -> bytes:
    with open(default_storage.path(name), "rb") as handle:
        return handle.read()


def _ten_megabytes() -> bytes:
    # Not a repetition of one chunk: every 64 KiB chunk differs.
    return b"".join(NIK_TEXT + i.to_bytes(4, "big") for i in range(10 * 2**20 // 54))


def test_default_storage_is_the_encrypted_one():
    assert isinstance(storages["default"], EncryptedFileSystemStorage)


@pytest.mark.parametrize(
    "size",
    [
        0,
        1,
        filecrypto.CHUNK_SIZE - 1,
        filecrypto.CHUNK_SIZE,
        filecrypto.CHUNK_SIZE + 1,
        3 * filecrypto.CHUNK_SIZE,
    ],
)
def test_round_trip_at_chunk_boundaries(size):
    content = (NIK_TEXT * (size // len(NIK_TEXT) + 1))[:size]

    name = default_storage.save("cases/2026/01/a.bin", ContentFile(content))

    raw = _disk(name)
    assert raw.startswith(filecrypto.MAGIC)
    if size >= len(NIK_TEXT):
        assert NIK_TEXT not in raw
    assert default_storage.size(name) == size
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == content


def test_large_upload_is_encrypted_on_disk_and_read_back_identically():
    content = _ten_megabytes()
    upload = TemporaryUploadedFile("ktp.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.flush()

    name = default_storage.save("applications/2026/01/ktp.pdf", upload)

    raw = _disk(name)
    assert NIK_TEXT not in raw and b"6471054107900001" not in raw
    # Chunk overhead only: a 16-byte tag per 64 KiB and a small header.
    assert len(raw) - len(content) < 4096
    with default_storage.open(name) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hashlib.sha256(content).hexdigest()
    # The temporary upload was streamed, not moved into place in clear.
    assert os.path.exists(upload.temporary_file_path())
    upload.close()


def test_reads_are_seekable_like_a_file():
    content = bytes(range(256)) * 1024  # 256 KiB, four chunks
    name = default_storage.save("letters/2026/01/s.pdf", ContentFile(content))

    with default_storage.open(name) as handle:
        handle.seek(filecrypto.CHUNK_SIZE - 10)
        assert handle.read(20) == content[filecrypto.CHUNK_SIZE - 10 : filecrypto.CHUNK_SIZE + 10]
        handle.seek(-5, io.SEEK_END)
        assert handle.read() == content[-5:]
        assert handle.tell() == len(content)
        handle.seek(0)
        assert handle.read(3) == content[:3]


def test_altered_or_truncated_files_are_refused():
    content = os.urandom(3 * filecrypto.CHUNK_SIZE)
    name = default_storage.save("cases/2026/01/x.bin", ContentFile(content))
    path = default_storage.path(name)
    raw = _disk(name)

    with open(path, "wb") as handle:  # one flipped bit in the second chunk
        handle.write(
            raw[: -filecrypto.CHUNK_SIZE]
            + bytes([raw[-filecrypto.CHUNK_SIZE] ^ 1])
            + raw[-filecrypto.CHUNK_SIZE + 1 :]
        )
    with pytest.raises(filecrypto.EncryptedFileError), default_storage.open(name) as handle:
        handle.read()

    sealed = filecrypto.CHUNK_SIZE + filecrypto.TAG_SIZE
    with open(path, "wb") as handle:  # the last whole chunk cut off
        handle.write(raw[: len(raw) - sealed])
    with pytest.raises(filecrypto.EncryptedFileError), default_storage.open(name) as handle:
        handle.read()


def test_opening_for_writing_is_refused():
    name = default_storage.save("cases/2026/01/y.bin", ContentFile(b"abc"))

    with pytest.raises(ValueError):
        default_storage.open(name, "wb")


def test_legacy_clear_files_are_still_read_and_the_command_encrypts_them(capsys):
    legacy = default_storage.path("cases/2025/12/lama.jpg")
    os.makedirs(os.path.dirname(legacy))
    with open(legacy, "wb") as handle:
        handle.write(NIK_TEXT * 100)
    new = default_storage.save("cases/2026/01/baru.jpg", ContentFile(b"baru" * 10))

    with default_storage.open("cases/2025/12/lama.jpg") as handle:
        assert handle.read() == NIK_TEXT * 100
    assert default_storage.size("cases/2025/12/lama.jpg") == len(NIK_TEXT) * 100

    call_command("encrypt_stored_files")

    assert "1 berkas dienkripsi, 1 sudah terenkripsi" in capsys.readouterr().out
    assert NIK_TEXT not in _disk("cases/2025/12/lama.jpg")
    with default_storage.open("cases/2025/12/lama.jpg") as handle:
        assert handle.read() == NIK_TEXT * 100
    with default_storage.open(new) as handle:
        assert handle.read() == b"baru" * 10
    # Nothing left beside the files.
    assert sorted(default_storage.walk()) == ["cases/2025/12/lama.jpg", new]


def test_rotate_field_keys_rewraps_file_keys_without_touching_the_content(db, capsys):
    content = os.urandom(100_000)
    name = default_storage.save("documents/2026/01/hasil.pdf", ContentFile(content))
    before = _disk(name)

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        call_command("rotate_field_keys")
        assert "1 kunci berkas dibungkus ulang" in capsys.readouterr().out
        after = _disk(name)
        header = filecrypto.Header.read(io.BytesIO(after))
        assert crypto.is_current(header.token.decode())
        assert after[header.length :] == before[header.length :]  # content not re-encrypted
        call_command("rotate_field_keys")
        assert "0 kunci berkas dibungkus ulang" in capsys.readouterr().out

    # With the new key alone (the old one removed), the file is still read.
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        crypto.reset_keys_cache()
        with default_storage.open(name) as handle:
            assert handle.read() == content
    # And with the old key alone it is not.
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        crypto.reset_keys_cache()
        with pytest.raises(filecrypto.EncryptedFileError):
            default_storage.open(name)


def test_simple_uploads_keep_their_plaintext_hash():
    content = NIK_TEXT * 10
    upload = SimpleUploadedFile("kk.pdf", content, content_type="application/pdf")
    name = default_storage.save("applications/2026/01/kk.pdf", upload)

    with default_storage.open(name) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hashlib.sha256(content).hexdigest()

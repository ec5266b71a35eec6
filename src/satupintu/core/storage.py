"""The private file storage: files on disk, encrypted at rest (`core.filecrypto`).

Every file saved through `default_storage` or a `FileField` is encrypted while it is written
(streamed, chunk by chunk) and decrypted while it is read, so views that stream a file after
their permission check need no change. Sizes are plaintext sizes. Clear files written before
encryption was switched on are still read; `manage.py encrypt_stored_files` encrypts them.
"""

import os
from collections.abc import Iterator

from django.core.files import File
from django.core.files.storage import FileSystemStorage

from satupintu.core import filecrypto


class _EncryptingContent(File):
    """Wraps the content being saved so that FileSystemStorage writes ciphertext.

    Deliberately has no `temporary_file_path`: the storage must stream through `chunks()`
    instead of moving a large upload's clear temporary file into place."""

    def __init__(self, content):
        super().__init__(None, getattr(content, "name", None))
        self._content = content

    def chunks(self, chunk_size=None) -> Iterator[bytes]:
        return filecrypto.encrypt_stream(self._content.chunks())


class EncryptedFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, _EncryptingContent(content))

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wa+x"):
            raise ValueError("the private storage is written through save() only")
        handle = open(self.path(name), "rb")  # noqa: SIM115 - closed by the returned File
        try:
            reader, size = filecrypto.open_plaintext(handle)
        except BaseException:
            handle.close()
            raise
        stored = File(reader, name)
        stored.size = size
        return stored

    def size(self, name):
        return filecrypto.plaintext_size(self.path(name))

    # --- maintenance (commands and periodic tasks) -----------------------------------------

    def walk(self) -> Iterator[str]:
        """Every stored file's name, relative to the storage root, with forward slashes."""
        root = self.location
        for directory, _dirs, files in os.walk(root):
            for filename in files:
                full = os.path.join(directory, filename)
                yield os.path.relpath(full, root).replace(os.sep, "/")

    def encrypt_existing(self, name) -> bool:
        return filecrypto.encrypt_in_place(self.path(name))

    def rewrap(self, name) -> bool:
        return filecrypto.rewrap_in_place(self.path(name))

    def is_encrypted(self, name) -> bool:
        with open(self.path(name), "rb") as handle:
            return filecrypto.is_encrypted(handle)

    # --- backups: the stored (encrypted) bytes as they are ---------------------------------

    def open_raw(self, name):
        return open(self.path(name), "rb")  # noqa: SIM115 - the caller closes it

    def save_raw(self, name, handle) -> None:
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.sp-restore"
        with open(temporary, "wb") as out:
            while piece := handle.read(filecrypto.CHUNK_SIZE):
                out.write(piece)
        os.replace(temporary, path)

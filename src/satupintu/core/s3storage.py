"""The private file storage on an S3-compatible object store (django-storages), for a cluster
of app servers with no shared disk. Chosen by setting SP_S3_BUCKET (docs/deploy.md).

Same contract as `core.storage.EncryptedFileSystemStorage`: every object is encrypted by this
application before it leaves the process (`core.filecrypto`, the field keys), and decrypted
when it is read, so neither the object store's operators nor anyone holding a URL to an
object can read a citizen's document. Objects are written with the `private` ACL; the app
never hands out object URLs (views stream files after their permission check) and `url()`
gives at most a short-lived signed URL, which still returns ciphertext.

Reads download the object to a spooled temporary file (memory up to 8 MiB, then disk), so a
view can seek in it (PDF text extraction does) and a large file does not fill memory.
"""

import io
import tempfile
from collections.abc import Iterator

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from satupintu.core import filecrypto
from satupintu.core.s3storage_errors import ObjectStoreUnavailable

SPOOL_BYTES = 8 * 1024 * 1024


def _spooled() -> tempfile.SpooledTemporaryFile:
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")


def _is_missing(err: ClientError) -> bool:
    status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    code = err.response.get("Error", {}).get("Code")
    return status == 404 or code in {"404", "NoSuchKey", "NotFound"}


class EncryptedS3Storage(S3Storage):
    # Never a public object, never overwrite (names are made unique like on disk), signed
    # URLs live five minutes.
    default_acl = "private"
    file_overwrite = False
    querystring_auth = True
    querystring_expire = 300

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            default_acl="private",
            file_overwrite=False,
            querystring_auth=True,
            querystring_expire=300,
        )
        return defaults

    # Any failure to reach the store is one error the views turn into a clear 503 page.

    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length)
        except ClientError as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc
        except BotoCoreError as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc

    def exists(self, name):
        try:
            return super().exists(name)
        except (BotoCoreError, ClientError) as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc

    def delete(self, name):
        try:
            return super().delete(name)
        except (BotoCoreError, ClientError) as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc

    def _save(self, name, content):
        encrypted = _spooled()
        try:
            for piece in filecrypto.encrypt_stream(content.chunks()):
                encrypted.write(piece)
            encrypted.seek(0)
            try:
                return super()._save(name, File(encrypted, name))
            except (BotoCoreError, ClientError) as exc:
                raise ObjectStoreUnavailable(str(exc)) from exc
        finally:
            encrypted.close()

    def _download(self, name):
        key = self._normalize_name(clean_name(name))
        handle = _spooled()
        try:
            self.bucket.Object(key).download_fileobj(handle)
        except ClientError as exc:
            handle.close()
            if _is_missing(exc):
                raise FileNotFoundError(f"File does not exist: {name}") from exc
            raise ObjectStoreUnavailable(str(exc)) from exc
        except BotoCoreError as exc:
            handle.close()
            raise ObjectStoreUnavailable(str(exc)) from exc
        handle.seek(0)
        return handle

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wa+x"):
            raise ValueError("the private storage is written through save() only")
        handle = self._download(name)
        try:
            reader, size = filecrypto.open_plaintext(handle)
        except BaseException:
            handle.close()
            raise
        stored = File(reader, name)
        stored.size = size
        return stored

    def size(self, name):
        key = self._normalize_name(clean_name(name))
        obj = self.bucket.Object(key)
        try:
            stored_size = obj.content_length
            head = obj.get(Range="bytes=0-4095")["Body"].read()
        except ClientError as exc:
            if _is_missing(exc):
                raise FileNotFoundError(f"File does not exist: {name}") from exc
            raise ObjectStoreUnavailable(str(exc)) from exc
        handle = io.BytesIO(head)
        if not filecrypto.is_encrypted(handle):
            return stored_size
        return filecrypto.Header.read(handle).plaintext_size(stored_size)

    def get_modified_time(self, name):
        try:
            return super().get_modified_time(name)
        except ClientError as exc:
            if _is_missing(exc):
                raise FileNotFoundError(f"File does not exist: {name}") from exc
            raise ObjectStoreUnavailable(str(exc)) from exc

    # --- maintenance (commands and periodic tasks), as on disk ------------------------------

    def walk(self) -> Iterator[str]:
        prefix = self._normalize_name("")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=prefix):
            for entry in page.get("Contents", ()):
                yield entry["Key"][len(prefix) :]

    def _rewrite(self, name, transform) -> bool:
        """Download, change with `transform(path) -> bool` on a local copy, upload back."""
        with tempfile.NamedTemporaryFile(prefix=".sp-s3-") as local:
            with self._download(name) as remote:
                while piece := remote.read(filecrypto.CHUNK_SIZE):
                    local.write(piece)
            local.flush()
            if not transform(local.name):
                return False
            key = self._normalize_name(clean_name(name))
            with open(local.name, "rb") as changed:
                params = self._get_write_parameters(key)
                self.bucket.Object(key).upload_fileobj(changed, ExtraArgs=params)
        return True

    def encrypt_existing(self, name) -> bool:
        return self._rewrite(name, filecrypto.encrypt_in_place)

    def rewrap(self, name) -> bool:
        return self._rewrite(name, filecrypto.rewrap_in_place)

    def is_encrypted(self, name) -> bool:
        key = self._normalize_name(clean_name(name))
        head = self.bucket.Object(key).get(Range="bytes=0-15")["Body"].read()
        return filecrypto.is_encrypted(io.BytesIO(head))

    # --- backups: the stored (encrypted) bytes as they are ---------------------------------

    def open_raw(self, name):
        return self._download(name)

    def save_raw(self, name, handle) -> None:
        key = self._normalize_name(clean_name(name))
        try:
            self.bucket.Object(key).upload_fileobj(
                handle, ExtraArgs=self._get_write_parameters(key)
            )
        except (BotoCoreError, ClientError) as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc

    def ping(self) -> None:
        """Raise ObjectStoreUnavailable unless the bucket answers (for /healthz)."""
        try:
            self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        except (BotoCoreError, ClientError) as exc:
            raise ObjectStoreUnavailable(str(exc)) from exc

"""Files encrypted at rest: a streaming, chunked format under a per-file data key.

Layout of an encrypted file::

    MAGIC (8 bytes) | key length (2 bytes) | wrapped data key | chunk size (4 bytes) | chunks…

The data key is 32 random bytes (AES-256-GCM), wrapped by the field keys (`core.crypto`, a
Fernet token), so `manage.py rotate_field_keys` re-wraps it without touching the content.
The plaintext is cut into chunks of `CHUNK_SIZE` bytes, each sealed on its own with AES-GCM
(the `cryptography` package): the nonce is the chunk's index plus a "last chunk" flag, and the
header is the associated data, so chunks cannot be reordered, dropped or cut off at the end
without the read failing. Memory stays bounded by one chunk whatever the file size, and a
reader can seek (PDF text extraction does) by decrypting only the chunk it lands in.

A file that does not start with MAGIC is a clear file stored before encryption was introduced:
it is read as it is, and `manage.py encrypt_stored_files` encrypts it in place.
"""

import io
import os
import tempfile
from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from satupintu.core import crypto

MAGIC = b"SPENC\x01\r\n"
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
KEY_SIZE = 32
_LENGTH_BYTES = 2
_CHUNK_FIELD_BYTES = 4


class EncryptedFileError(OSError):
    """The file is encrypted but cannot be read: wrong keys, damaged or truncated."""


def _nonce(index: int, last: bool) -> bytes:
    # The data key is unique to the file, so a counter is a safe nonce (the STREAM
    # construction); the last byte marks the final chunk, so truncation is detected.
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _header(token: bytes, chunk_size: int) -> bytes:
    return (
        MAGIC
        + len(token).to_bytes(_LENGTH_BYTES, "big")
        + token
        + chunk_size.to_bytes(_CHUNK_FIELD_BYTES, "big")
    )


def _aad(chunk_size: int) -> bytes:
    # The token is not part of the associated data: rotation re-wraps the same key.
    return MAGIC + chunk_size.to_bytes(_CHUNK_FIELD_BYTES, "big")


def _new_key() -> tuple[bytes, bytes]:
    key = AESGCM.generate_key(bit_length=KEY_SIZE * 8)
    token = crypto.encrypt(key.hex()).encode("ascii")
    return key, token


def _unwrap(token: bytes) -> bytes:
    try:
        return bytes.fromhex(crypto.decrypt(token.decode("ascii")))
    except (ValueError, UnicodeDecodeError) as exc:
        raise EncryptedFileError("the file key cannot be unwrapped with SP_FIELD_KEYS") from exc


def encrypt_stream(chunks: Iterable[bytes | str], chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the encrypted file (header first) for plaintext given in pieces of any size."""
    key, token = _new_key()
    aead = AESGCM(key)
    aad = _aad(chunk_size)
    yield _header(token, chunk_size)
    buffer = bytearray()
    index = 0
    for piece in chunks:
        buffer += piece.encode("utf-8") if isinstance(piece, str) else piece
        # Keep at least one byte back: only at the end do we know which chunk is last.
        while len(buffer) > chunk_size:
            yield aead.encrypt(_nonce(index, False), bytes(buffer[:chunk_size]), aad)
            del buffer[:chunk_size]
            index += 1
    yield aead.encrypt(_nonce(index, True), bytes(buffer), aad)


def is_encrypted(handle) -> bool:
    """Whether the open binary file starts with MAGIC (the position is restored)."""
    position = handle.tell()
    handle.seek(0)
    start = handle.read(len(MAGIC))
    handle.seek(position)
    return start == MAGIC


class Header:
    """The parsed header of an encrypted file."""

    def __init__(self, token: bytes, chunk_size: int, length: int):
        self.token, self.chunk_size, self.length = token, chunk_size, length

    @classmethod
    def read(cls, handle) -> "Header":
        handle.seek(0)
        if handle.read(len(MAGIC)) != MAGIC:
            raise EncryptedFileError("not an encrypted file")
        size = int.from_bytes(handle.read(_LENGTH_BYTES), "big")
        token = handle.read(size)
        chunk_field = handle.read(_CHUNK_FIELD_BYTES)
        if len(token) != size or len(chunk_field) != _CHUNK_FIELD_BYTES:
            raise EncryptedFileError("truncated header")
        chunk_size = int.from_bytes(chunk_field, "big")
        if chunk_size <= 0:
            raise EncryptedFileError("bad chunk size")
        length = len(MAGIC) + _LENGTH_BYTES + size + _CHUNK_FIELD_BYTES
        return cls(token, chunk_size, length)

    def plaintext_size(self, file_size: int) -> int:
        body = file_size - self.length
        sealed = self.chunk_size + TAG_SIZE
        count = max(1, -(-body // sealed))
        size = body - count * TAG_SIZE
        if size < 0:
            raise EncryptedFileError("truncated file")
        return size


class DecryptingReader(io.RawIOBase):
    """Seekable, read-only view of the plaintext of an encrypted file."""

    def __init__(self, handle):
        super().__init__()
        self._handle = handle
        self._header = Header.read(handle)
        handle.seek(0, io.SEEK_END)
        self._size = self._header.plaintext_size(handle.tell())
        self._chunks = max(1, -(-self._size // self._header.chunk_size))
        self._aead = AESGCM(_unwrap(self._header.token))
        self._aad = _aad(self._header.chunk_size)
        self._position = 0
        self._cached: tuple[int, bytes] | None = None
        self.name = getattr(handle, "name", "")

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        position = base + offset
        if position < 0:
            raise ValueError("negative seek position")
        self._position = position
        return position

    def _chunk(self, index: int) -> bytes:
        if self._cached and self._cached[0] == index:
            return self._cached[1]
        sealed_size = self._header.chunk_size + TAG_SIZE
        self._handle.seek(self._header.length + index * sealed_size)
        sealed = self._handle.read(sealed_size)
        last = index == self._chunks - 1
        try:
            plain = self._aead.decrypt(_nonce(index, last), sealed, self._aad)
        except InvalidTag as exc:
            raise EncryptedFileError("encrypted file is damaged or was altered") from exc
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer) -> int:
        if self._position >= self._size:
            return 0
        index, offset = divmod(self._position, self._header.chunk_size)
        plain = self._chunk(index)
        count = min(len(buffer), len(plain) - offset)
        buffer[:count] = plain[offset : offset + count]
        self._position += count
        return count

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
        super().close()


def open_plaintext(handle):
    """A buffered, seekable plaintext reader over an open binary file of either kind, and its
    size. Clear (legacy) files are returned as they are."""
    if not is_encrypted(handle):
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
        return handle, size
    reader = DecryptingReader(handle)
    return io.BufferedReader(reader, buffer_size=reader._header.chunk_size), reader.size


def plaintext_size(path: str) -> int:
    with open(path, "rb") as handle:
        if not is_encrypted(handle):
            return os.path.getsize(path)
        header = Header.read(handle)
        handle.seek(0, io.SEEK_END)
        return header.plaintext_size(handle.tell())


def _replace_atomically(path: str, pieces: Iterable[bytes]) -> None:
    directory = os.path.dirname(path)
    fd, temporary = tempfile.mkstemp(prefix=".sp-enc-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _read_pieces(handle, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    while piece := handle.read(size):
        yield piece


def encrypt_in_place(path: str) -> bool:
    """Encrypt a clear file (atomically: written beside it, then renamed over it).
    Returns False when the file was already encrypted."""
    with open(path, "rb") as handle:
        if is_encrypted(handle):
            return False
        _replace_atomically(path, encrypt_stream(_read_pieces(handle)))
    return True


def rewrap_in_place(path: str) -> bool:
    """Re-wrap the file's data key with the primary field key; the content is not touched
    unless the wrapped key changed length. Returns False when nothing needed doing."""
    with open(path, "rb") as handle:
        if not is_encrypted(handle):
            return False
        header = Header.read(handle)
        token = header.token.decode("ascii")
        if crypto.is_current(token):
            return False
        new_token = crypto.rotate(token).encode("ascii")
        new_header = _header(new_token, header.chunk_size)

        def pieces():
            yield new_header
            handle.seek(header.length)
            yield from _read_pieces(handle)

        _replace_atomically(path, pieces())
    return True

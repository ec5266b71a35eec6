"""Keys and certificates with `cryptography`: the demo CA, its signing certificates, and
reading the PKCS#12 files a real CA (BSrE or another) hands out. No database here."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils import timezone

# RFC 9336 id-kp-documentSigning.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
CA_YEARS = 10
SIGNER_YEARS = 3


class CertificateError(ValueError):
    """A certificate, key or PKCS#12 file that cannot be used; the message is for people."""


def generate_key(algorithm: str = "rsa"):
    """RSA-2048 (what PDF readers everywhere verify) or EC P-256 (fast, for tests)."""
    if algorithm == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def key_to_pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def load_key(pem: str):
    """A key we stored ourselves. Its RSA consistency was checked when it was made or imported
    (PKCS#12 loading checks it), so the slow re-check (~70 ms a key) is skipped here."""
    return serialization.load_pem_private_key(
        pem.encode("ascii"), password=None, unsafe_skip_rsa_key_validation=True
    )


def cert_to_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def certs_to_pem(certs) -> str:
    return "".join(cert_to_pem(cert) for cert in certs)


def load_cert(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def load_certs(pem: str) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(pem.encode("ascii")) if pem.strip() else []


def read_certificate(data: bytes) -> x509.Certificate:
    """One certificate from an uploaded PEM or DER file."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise CertificateError("Berkas bukan sertifikat X.509 (PEM atau DER).") from exc


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@dataclass(frozen=True)
class CertInfo:
    subject: str
    common_name: str
    issuer: str
    serial_number: str
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str


def describe(cert: x509.Certificate) -> CertInfo:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CertInfo(
        subject=cert.subject.rfc4514_string()[:500],
        common_name=str(names[0].value) if names else cert.subject.rfc4514_string()[:200],
        issuer=cert.issuer.rfc4514_string()[:500],
        serial_number=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint_sha256=fingerprint(cert),
    )


def _name(common_name: str, organization: str, unit: str = "") -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
    ]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit[:64]))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]))
    return x509.Name(attributes)


def make_root_ca(key, *, common_name: str, organization: str, years: int = CA_YEARS):
    now = timezone.now()
    name = _name(common_name, organization, "DEMO - BUKAN UNTUK PRODUKSI")
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def issue_signing_certificate(
    ca_cert: x509.Certificate,
    ca_key,
    public_key,
    *,
    common_name: str,
    organization: str,
    unit: str = "",
    email: str = "",
    years: int = SIGNER_YEARS,
) -> x509.Certificate:
    """A leaf certificate for signing documents: digitalSignature + nonRepudiation, extended
    key usage documentSigning (RFC 9336) and emailProtection."""
    now = timezone.now()
    not_after = min(now + timedelta(days=365 * years), ca_cert.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization, unit))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    return builder.sign(ca_key, hashes.SHA256())


def check_key_matches(key, cert: x509.Certificate) -> None:
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if key.public_key().public_bytes(der, spki) != cert.public_key().public_bytes(der, spki):
        raise CertificateError("Kunci privat tidak cocok dengan sertifikat.")


def read_pkcs12(data: bytes, passphrase: str) -> tuple[object, x509.Certificate, list]:
    """(key, certificate, other certificates) from a .p12/.pfx file."""
    try:
        key, cert, others = pkcs12.load_key_and_certificates(
            data, passphrase.encode("utf-8") if passphrase else None
        )
    except ValueError as exc:
        raise CertificateError(
            "Berkas PKCS#12 tidak dapat dibuka: kata sandi salah atau berkas rusak."
        ) from exc
    if key is None or cert is None:
        raise CertificateError("Berkas PKCS#12 harus berisi kunci privat dan sertifikatnya.")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateError("Hanya kunci RSA atau EC yang didukung.")
    check_key_matches(key, cert)
    return key, cert, list(others or [])

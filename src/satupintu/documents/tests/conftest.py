from types import SimpleNamespace

import pytest

from satupintu.documents import pki, services
from satupintu.documents.models import IssuedDocument

HOLDER = "Siti Rahmawati"


@pytest.fixture(scope="session")
def keys():
    """RSA keys made once: generating them is the slow part of making certificates."""
    return {name: pki.generate_key() for name in ("ca", "signer", "rogue_ca", "rogue")}


@pytest.fixture(scope="session")
def sample_pdf():
    """An unsigned PDF from the example template (no database needed)."""
    unit = SimpleNamespace(name="Dinas Pekerjaan Umum", address="Jl. Contoh 1", phone="0542")
    document = SimpleNamespace(
        title="Surat Keterangan Uji",
        number="500/1/DPU/2026",
        holder_name=HOLDER,
        org_unit=unit,
        signer=SimpleNamespace(subject_name="Dinas Pekerjaan Umum"),
        valid_until=None,
    )
    return services.render_pdf(
        "documents/pdf/example.html",
        {"document": document, "facts": [("Keperluan", "Pengujian")], "government_name": "Kota"},
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_ca(db, keys):
    return services.create_demo_ca(key=keys["ca"])


@pytest.fixture
def identity(demo_ca, opd_a, keys):
    return services.issue_demo_identity(ca=demo_ca, org_unit=opd_a, key=keys["signer"])


@pytest.fixture
def issue(identity, opd_a, sample_pdf, staff_a):
    def make(**overrides):
        values = {
            "pdf": sample_pdf,
            "title": "Surat Keterangan Uji",
            "number": "500/1/DPU/2026",
            "holder_name": HOLDER,
            "org_unit": opd_a,
            "signer": identity,
            "kind": IssuedDocument.Kind.SERVICE_RESULT,
            "actor": staff_a,
        }
        values.update(overrides)
        return services.issue_document(**values)

    return make


@pytest.fixture
def issued(issue):
    return issue()


def stored_bytes(document) -> bytes:
    with services.open_signed_pdf(document) as handle:
        return handle.read()

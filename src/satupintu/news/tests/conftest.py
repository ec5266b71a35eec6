from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from satupintu.news import services
from satupintu.news.models import Item
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff


def image_upload(width=1200, height=800, fmt="JPEG", name="foto.jpg") -> SimpleUploadedFile:
    out = BytesIO()
    PILImage.new("RGB", (width, height), (90, 120, 160)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def editor_a(opd_a):
    return make_staff(opd_a, Membership.Role.OPERATOR, full_name="Editor DPU")


@pytest.fixture
def reviewer_a(opd_a):
    return make_staff(opd_a, Membership.Role.HEAD, full_name="Kepala DPU")


@pytest.fixture
def editor_b(opd_b):
    return make_staff(opd_b, Membership.Role.OPERATOR, full_name="Editor Dinkes")


@pytest.fixture
def reviewer_b(opd_b):
    return make_staff(opd_b, Membership.Role.COORDINATOR, full_name="Koordinator Dinkes")


def write(actor, unit, **values) -> Item:
    defaults = {
        "kind": Item.Kind.NEWS,
        "title": "Pembangunan jalan di Sepinggan dimulai",
        "summary": "Dinas PU melebarkan jalan di Kelurahan Sepinggan.",
        "body": "<p>Pekerjaan berlangsung empat bulan.</p>",
    }
    defaults.update(values)
    return services.create_item(actor=actor, org_unit=unit, **defaults)


def publish(editor, reviewer, unit, **values) -> Item:
    item = write(editor, unit, **values)
    services.transition(actor=editor, item=item, action="submit")
    return services.transition(actor=reviewer, item=item, action="publish")

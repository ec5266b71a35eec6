import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from satupintu.core.filechecks import check_upload
from satupintu.dprd import services
from satupintu.dprd.models import Member, Proposal, SubmissionWindow
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import TOTP_SECRET, UserFactory, make_staff


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def photo():
    return check_upload(SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"))


@pytest.fixture
def window(reference_data):
    today = datetime.date.today()
    return SubmissionWindow.objects.create(
        planning_year=today.year + 1,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
    )


@pytest.fixture
def sepinggan(reference_data):
    return Region.objects.get(name="Sepinggan")


def new_proposal(kelurahan, **changes):
    values = {
        "title": "Semenisasi gang Mawar",
        "description": "Gang Mawar becek setiap hujan, dilalui anak sekolah setiap hari.",
        "work_type": Proposal.WorkType.PHYSICAL,
        "affair": "Pekerjaan umum — jalan lingkungan",
        "kelurahan": kelurahan,
        "rt": "012",
        "street": "Gg. Mawar, Jl. Marsma R. Iswahyudi",
        "boundaries": "Dari mulut gang sampai musala",
        "volume": 350,
        "volume_unit": "m",
        "line": [[-1.2601, 116.8901], [-1.2611, 116.8921]],
        "photos": [photo()],
    }
    values.update(changes)
    return services.NewProposal(**values)


@pytest.fixture
def proposal(window, sepinggan):
    citizen = UserFactory()
    case = services.submit_proposal(new_proposal(sepinggan), user=citizen)
    return case.proposal


@pytest.fixture
def setwan_staff(reference_data):
    return make_staff(OrgUnit.objects.get(code="SETWAN"))


def member_with_account(district_name, member=None):
    if member is None:
        member = Member.objects.filter(district__districts__name=district_name).order_by("name")[0]
    from allauth.mfa.totp.internal.auth import TOTP

    member.user = UserFactory(is_staff=True)
    member.save()
    TOTP.activate(member.user, TOTP_SECRET)
    return member


@pytest.fixture
def selatan_member(reference_data):
    return member_with_account("Balikpapan Selatan")


@pytest.fixture
def utara_member(reference_data):
    return member_with_account("Balikpapan Utara")

"""The intake doors' DPRD choice: WhatsApp, e-mail and the operator page file aspirations."""

import pytest
from django.urls import reverse

from satupintu.cases.models import Case
from satupintu.dprd.models import Aspiration, Body
from satupintu.intake.tests.conftest import categories, say, secrets_configured  # noqa: F401
from satupintu.intake.tests.test_email_endpoint import email_json, post
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
STORY = "Saluran air di Jl. Sepinggan Baru tersumbat, mohon DPRD mendorong perbaikannya."


def test_whatsapp_aspiration_to_komisi_iii(say, categories):  # noqa: F811
    _r, replies = say(STORY)
    assert "5. Aspirasi untuk DPRD" in replies[0]
    _r, replies = say("5")
    assert "Ditujukan kepada siapa?" in replies[0]
    assert "4. Komisi III" in replies[0]
    _r, replies = say("9")  # not offered: asked again
    assert "Balas dengan angka 1 sampai 6." in replies[0]
    _r, replies = say("4")
    assert "kelurahan" in replies[0]
    _r, replies = say("sepinggan")
    case = Case.objects.get()
    assert case.kind == "aspirasi_dprd" and case.channel == Case.Channel.WHATSAPP
    assert case.tracking_code in replies[0]
    assert case.aspiration.target == Aspiration.Target.COMMISSION
    assert case.aspiration.commission.code == "KOMISI-III"
    assert case.org_unit.code == "SETWAN"
    assert case.reporter_phone == "+6281234567890"


def test_whatsapp_aspiration_to_the_dapil_needs_the_kelurahan(say, categories):  # noqa: F811
    say(STORY)
    say("5")
    _r, replies = say("6")  # members of my dapil
    _r, replies = say("lewati")
    assert "kelurahan Anda" in replies[0]
    assert not Case.objects.exists()
    say("Sepinggan")
    aspiration = Aspiration.objects.get()
    assert aspiration.target == Aspiration.Target.DISTRICT
    assert aspiration.district.districts.get().name == "Balikpapan Selatan"


def test_email_with_dprd_subject_is_an_aspiration(client, secrets_configured):  # noqa: F811
    from django.core.management import call_command  # noqa: F401 - reference data below

    from satupintu.org.services import import_reference_data
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    import_reference_data(REFERENCE_DATA_DIR)
    response = post(client, email_json(subject="DPRD: drainase Sepinggan", text=STORY))
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert case.kind == "aspirasi_dprd" and case.channel == Case.Channel.EMAIL
    assert case.title == "drainase Sepinggan"
    assert case.aspiration.target == Aspiration.Target.COUNCIL
    # An ordinary subject stays a complaint.
    post(client, email_json(message_id="<other@x>", subject="Lampu mati", text=STORY))
    assert Case.objects.filter(kind="complaint").count() == 1


def _operator_data(**extra):
    data = {
        "channel": "phone",
        "destination": "dprd|dapil",
        "subtype": "aspirasi",
        "title": "Aspirasi drainase Sepinggan",
        "description": STORY,
        "kelurahan": Region.objects.get(name="Sepinggan").pk,
        "rt": "7",
        "street": "Jl. Sepinggan Baru",
        "identity": "named",
        "reporter_name": "Pak Darto",
        "reporter_email": "",
        "reporter_phone": "0812-3456-7890",
        "idempotency_key": "op-dprd-1",
    }
    data.update(extra)
    return data


def test_operator_records_an_aspiration_for_the_dprd(client, categories):  # noqa: F811
    operator = make_staff(OrgUnit.objects.get(code="DPU"))
    client.force_login(operator)
    page = client.get(reverse("intake:operator_new"))
    assert "Aspirasi untuk DPRD: Komisi III" in page.content.decode()
    missing = client.post(reverse("intake:operator_new"), _operator_data(kelurahan=""))
    assert missing.status_code == 400
    assert "Pilih kelurahan warga untuk tujuan ini." in missing.content.decode()
    assert "Aspirasi drainase Sepinggan" in missing.content.decode()
    response = client.post(reverse("intake:operator_new"), _operator_data())
    assert response.status_code == 302
    aspiration = Aspiration.objects.get()
    assert aspiration.case.channel == Case.Channel.PHONE
    assert aspiration.target == Aspiration.Target.DISTRICT
    recorded = client.get(response["Location"])
    assert aspiration.case.tracking_code in recorded.content.decode()
    # The city's complaints still need a category.
    city = client.post(
        reverse("intake:operator_new"), _operator_data(destination="", idempotency_key="op-2")
    )
    assert city.status_code == 400 and "Pilih kategori." in city.content.decode()
    komisi = Body.objects.get(code="KOMISI-III")
    to_komisi = client.post(
        reverse("intake:operator_new"),
        _operator_data(destination="dprd|komisi:KOMISI-III", idempotency_key="op-3"),
    )
    assert to_komisi.status_code == 302
    assert Aspiration.objects.filter(commission=komisi).count() == 1

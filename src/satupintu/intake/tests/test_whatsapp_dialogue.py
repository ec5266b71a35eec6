"""The Indonesian dialogue that turns WhatsApp messages into a complaint."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.intake.models import WhatsAppConversation
from satupintu.intake.tests.conftest import CITIZEN_WA, PHONE_NUMBER_ID, WA_TOKEN, png_bytes
from satupintu.intake.tests.conftest import wa_message as message
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Region

pytestmark = pytest.mark.django_db

STORY = "Jalan berlubang besar di depan SD 012, sudah dua minggu tidak diperbaiki."


def state():
    return WhatsAppConversation.objects.get().state


def test_full_dialogue_files_a_complaint_and_replies_with_the_code(say, categories):
    _r, replies = say("Halo")
    assert "Halo! Ini layanan pengaduan" in replies[0]
    assert "Ceritakan apa yang terjadi" in replies[0] and "batal" in replies[0]
    assert state() == "description"

    _r, replies = say("Jalan rusak")  # too short: kept, more asked for
    assert "sedikit lebih lengkap" in replies[0]
    _r, replies = say("di depan SD 012, sudah dua minggu")
    assert "1. Jalan rusak atau berlubang" in replies[0]
    assert "4. Lainnya" in replies[0]
    assert state() == "category"

    _r, replies = say("1")
    assert "kelurahan" in replies[0] and "Lokasi" in replies[0]
    assert state() == "location"

    _r, replies = say("sepinggan")
    case = Case.objects.get()
    assert re.search(rf"Laporan Anda tercatat dengan kode \*{case.tracking_code}\*", replies[0])
    secret = re.search(rf"/lacak/{case.tracking_code}/([\w-]{{20,}})/", replies[0]).group(1)
    assert codes.secret_matches(secret, case.secret_hash)
    assert case.channel == Case.Channel.WHATSAPP
    assert case.kind == "complaint" and case.subtype == "pengaduan"
    assert case.category == categories["jalan-rusak"]
    assert case.region == Region.objects.get(code="64.71.05.1002")
    assert case.reporter_phone == "+6281234567890"
    assert case.reporter_name == "Budi Santoso"
    assert case.description == "Jalan rusak\ndi depan SD 012, sudah dua minggu"
    assert case.title == "Jalan rusak"
    assert case.org_unit.code == "DPU"
    assert case.events.get().actor_role == "system"
    conversation = WhatsAppConversation.objects.get()
    assert conversation.state == "idle" and conversation.last_case == case
    assert conversation.description == "" and conversation.data == {}
    # Every reply went out through the outbox to the citizen's number, once.
    messages = OutboxMessage.objects.filter(channel="whatsapp")
    assert messages.count() == 5
    assert {m.recipient for m in messages} == {"+6281234567890"}
    assert all(m.status == OutboxMessage.Status.SENT for m in messages)


def test_long_first_message_is_taken_as_the_story(say, categories):
    _r, replies = say(STORY)
    assert "Halo!" in replies[0] and "1. Jalan rusak" in replies[0]
    assert state() == "category"
    say("Sampah tidak diangkut")  # a category may also be chosen by its name
    say("lewati")
    case = Case.objects.get()
    assert case.description == STORY and case.region is None
    assert case.category == categories["sampah"]


def test_wrong_category_number_asks_again(say, categories):
    say(STORY)
    _r, replies = say("9")
    # Four categories, then the DPRD (intake.destinations).
    assert "Balas dengan angka 1 sampai 5." in replies[0]
    assert "1. Jalan rusak" in replies[0]
    assert "5. Aspirasi untuk DPRD" in replies[0]
    assert state() == "category"


def test_unknown_kelurahan_gets_a_retry_message(say, categories):
    say(STORY)
    say("2")
    _r, replies = say("Kelurahan Antah Berantah")
    assert "tidak kami temukan" in replies[0] and "lewati" in replies[0]
    assert state() == "location"
    assert not Case.objects.exists()
    say("Kelurahan Klandasan Ilir")
    assert Case.objects.get().region.name == "Klandasan Ilir"


def test_ambiguous_kelurahan_offers_a_numbered_choice(say, categories):
    say(STORY)
    say("2")
    _r, replies = say("gunung sari")
    assert "1. Gunung Sari Ilir" in replies[0] and "2. Gunung Sari Ulu" in replies[0]
    _r, replies = say("7")
    assert "Balas dengan angka 1 sampai 2." in replies[0]
    say("2")
    assert Case.objects.get().region.name == "Gunung Sari Ulu"


def test_shared_location_is_used(say, categories):
    say(STORY)
    say("3")
    _r, replies = say(
        message(
            "location",
            latitude=-1.2654,
            longitude=116.8312,
            name="SD 012",
            address="Jl. Mulawarman",
        )
    )
    case = Case.objects.get()
    assert "ADU-" in replies[0]
    assert str(case.latitude) == "-1.265400" and str(case.longitude) == "116.831200"
    assert case.street == "SD 012, Jl. Mulawarman"


def test_markup_in_a_shared_place_name_is_not_stored(say, categories):
    say(STORY)
    say("3")
    say(message("location", latitude=-1.2, longitude=116.8, name="<script>x</script>Pasar"))
    street = Case.objects.get().street
    assert "<" not in street and "Pasar" in street


def test_location_outside_indonesia_is_refused(say, categories):
    say(STORY)
    say("3")
    _r, replies = say(message("location", latitude=48.85, longitude=2.35))
    assert "di luar wilayah Indonesia" in replies[0]
    assert not Case.objects.exists()


def test_location_sent_early_skips_the_location_question(say, categories):
    say(STORY)
    say(message("location", latitude=-1.2654, longitude=116.8312))
    _r, replies = say("1")
    assert "ADU-" in replies[0]
    assert Case.objects.get().latitude is not None


def test_batal_cancels_at_any_step(say, categories):
    say(STORY)
    say("2")
    _r, replies = say("Batal")
    assert "Laporan dibatalkan" in replies[0]
    assert state() == "idle"
    assert not Case.objects.exists()
    _r, replies = say("batal")
    assert "Tidak ada laporan yang sedang dibuat" in replies[0]


def test_markup_is_refused_politely(say, categories):
    say("halo")
    _r, replies = say("<script>alert(1)</script> jalan rusak parah sekali di sini")
    assert "teks biasa" in replies[0]
    assert state() == "description"
    assert WhatsAppConversation.objects.get().description == ""
    _r, replies = say("lihat javascript:alert(1) di jalan depan rumah saya")
    assert "teks biasa" in replies[0]


def test_unsupported_message_types_get_a_polite_answer(say, categories):
    _r, replies = say(message("audio", id="media1"))
    assert "belum dapat kami proses" in replies[0]


def test_interactive_replies_count_as_text(say, categories):
    say(STORY)
    say(message("interactive", type="list_reply", list_reply={"id": "x", "title": "2"}))
    assert WhatsAppConversation.objects.get().category == categories["lampu-jalan"]


def test_stale_conversation_starts_over(say, categories):
    say(STORY)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        _r, replies = say("halo lagi")
    assert "Halo!" in replies[0]
    assert state() == "description"
    assert WhatsAppConversation.objects.get().description == ""


def test_no_categories_goes_straight_to_location(say, reference_data):
    _r, replies = say(STORY)
    assert "kelurahan" in replies[0]
    say("lewati")
    assert Case.objects.get().category is None


def test_numbers_have_separate_dialogues_and_foreign_numbers_are_kept(say, categories):
    foreign = "14155550123"
    say(STORY, sender=foreign)
    _r, replies = say("1")  # the Indonesian citizen is only starting
    assert "Halo!" in replies[0]
    say("1", sender=foreign)
    say("lewati", sender=foreign)
    case = Case.objects.get()
    assert case.reporter_phone == "+14155550123"
    assert WhatsAppConversation.objects.count() == 2
    assert state_of(CITIZEN_WA) == "description"


def state_of(wa_id):
    from satupintu.core import crypto
    from satupintu.intake.whatsapp import sender_phone

    index = crypto.blind_index(sender_phone(wa_id), "whatsapp")
    return WhatsAppConversation.objects.get(phone_index=index).state


def test_photos_are_downloaded_checked_and_attached(say, categories, cloud_api):
    cloud_api.media["MEDIA1"] = (png_bytes(), "image/png")
    cloud_api.media["MEDIA2"] = (b"MZ\x90\x00 bukan gambar", "image/jpeg")
    say("halo")
    _r, replies = say(message("image", media_id="MEDIA1", caption=STORY))
    assert "Foto diterima." in replies[0] and "1. Jalan rusak" in replies[0]
    _r, replies = say(message("image", media_id="MEDIA2"))
    assert "Foto diterima." in replies[0]
    say("1")
    say("lewati")
    case = Case.objects.get()
    attachment = case.attachments.get()
    assert attachment.content_type == "image/png"
    assert attachment.uploaded_by_role == "reporter" and not attachment.is_public
    refused = OutboxMessage.objects.get(dedupe_key=f"wa-photos:{case.pk}")
    assert "1 foto" in refused.body and case.tracking_code in refused.body
    # Downloads used the token; the replies went to the Cloud API, to the citizen's number.
    media_calls = [r for r in cloud_api.requests if r["method"] == "GET"]
    assert {r["headers"]["Authorization"] for r in media_calls} == {f"Bearer {WA_TOKEN}"}
    sent = cloud_api.messages_sent()
    assert {m["to"] for m in sent} == {CITIZEN_WA}
    assert any(case.tracking_code in m["text"]["body"] for m in sent)
    assert all(
        r["path"] == f"/v21.0/{PHONE_NUMBER_ID}/messages"
        for r in cloud_api.requests
        if r["method"] == "POST"
    )

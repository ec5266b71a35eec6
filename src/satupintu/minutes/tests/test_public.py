"""/risalah/: published minutes of public meetings, a PDF, and search."""

import pytest
from django.urls import reverse

from satupintu.minutes import pdf, services
from satupintu.minutes.tests.conftest import publish, schedule
from satupintu.testing.pages import without_app_script

pytestmark = pytest.mark.django_db


def test_public_list_and_detail(client, published, people):
    listing = client.get(reverse("minutes:public_list"))
    assert listing.status_code == 200
    assert published.title in listing.content.decode()
    page = client.get(reverse("minutes:public_detail", args=[published.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Perbaikan drainase dianggarkan" in html
    assert "Ketua Rapat Hadi" in html
    assert "000.1.5" in html
    # no e-mail addresses of officials on the public page
    assert (
        people["chair"].email not in html
        and "@" not in html.split("<main", 1)[1].split("</main>")[0]
    )


def test_attending_officials_are_listed_absent_ones_are_not(client, people, setwan):
    meeting = schedule(people["notulis"], setwan, people)
    rows = {r.user_id: r for r in meeting.attendances.all()}
    services.record_attendance(
        actor=people["notulis"],
        meeting=meeting,
        entries=[
            {"attendance": rows[people["chair"].pk], "status": "present"},
            {"attendance": rows[people["invitee"].pk], "status": "absent"},
        ],
    )
    publish(meeting, people)
    html = client.get(reverse("minutes:public_detail", args=[meeting.pk])).content.decode()
    section = html.split("Yang hadir", 1)[1]
    assert "Ketua Rapat Hadi" in section and "Indra Undangan" not in section


def test_pdf_download(client, published):
    response = client.get(reverse("minutes:public_pdf", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(response.content) > 500
    assert "attachment" in response["Content-Disposition"]


def test_builtin_pdf_prints_the_classification(published):
    lines = pdf.text_lines(pdf.context_for(published))
    assert ("", "Klasifikasi: 000.1.5") in lines
    data = pdf.plain_pdf(lines)
    assert b"Klasifikasi: 000.1.5" in data and data.rstrip().endswith(b"%%EOF")


def test_public_search_only_over_published_public_minutes(client, published, people, setwan):
    draft = schedule(people["notulis"], setwan, people, title="Rapat drainase rahasia")
    services.add_agenda_item(actor=people["notulis"], meeting=draft, title="Drainase")
    hits = client.get(reverse("minutes:public_list") + "?q=drainase").content.decode()
    assert published.title in hits and "Rapat drainase rahasia" not in hits
    misses = client.get(reverse("minutes:public_list") + "?q=jembatan").content.decode()
    assert published.title not in misses and "Tidak ada risalah yang cocok" in misses


def test_public_pages_need_no_login_and_no_script(client, published):
    html = client.get(reverse("minutes:public_list")).content.decode()
    assert "<script" not in without_app_script(html)
    html = client.get(reverse("minutes:public_detail", args=[published.pk])).content.decode()
    assert "<script" not in without_app_script(html)


def test_portal_entry_and_backoffice_module(client, people):
    assert "/risalah/" in client.get("/").content.decode()
    client.force_login(people["notulis"])
    assert "/kantor/rapat/" in client.get("/kantor/").content.decode()


def test_public_detail_lists_follow_ups_owned_by_a_unit(client, meeting, people, opd_a):
    # A follow-up owned by a unit (no person) answered 500: `default:` resolved the missing
    # owner's name as a filter argument. Found by the access matrix (tests/security/).
    from datetime import timedelta

    from django.utils import timezone

    services.add_follow_up(
        actor=people["notulis"],
        meeting=meeting,
        description="Perbaiki drainase Sepinggan",
        owner_unit=opd_a,
        due_date=timezone.localdate() + timedelta(days=14),
    )
    published = publish(meeting, people)

    page = client.get(reverse("minutes:public_detail", args=[published.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Perbaiki drainase Sepinggan" in html
    assert opd_a.name in html or str(opd_a) in html

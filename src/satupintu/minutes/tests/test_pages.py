"""Staff pages: schedule, agenda, minutes editor, workflow buttons, PDF."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.minutes.models import Meeting
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_schedule_write_and_publish_through_the_pages(client, people, setwan):
    client.force_login(people["notulis"])
    assert client.get(reverse("minutes:create")).status_code == 200
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("minutes:create"),
        {
            "org_unit": setwan.pk,
            "kind": "koordinasi",
            "title": "Rapat koordinasi persiapan reses",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Ruang Banmus",
            "chair": people["chair"].pk,
            "secretary": people["notulis"].pk,
            "invited_users": [people["invitee"].pk],
            "is_public": "on",
            "classification_code": "000.1.5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(title="Rapat koordinasi persiapan reses")
    assert OutboxMessage.objects.filter(reference=meeting.reference).count() == 1
    detail = reverse("minutes:staff_detail", args=[meeting.pk])
    assert response["Location"] == detail

    client.post(
        reverse("minutes:agenda_add", args=[meeting.pk]), {"title": "Jadwal reses", "order": 1}
    )
    item = meeting.agenda_items.get()
    editor = reverse("minutes:agenda_edit", args=[meeting.pk, item.pk])
    assert client.get(editor).status_code == 200
    client.post(
        editor,
        {
            "order": 1,
            "title": "Jadwal reses",
            "presenter": "Kabag Persidangan",
            "discussion": "Reses masa sidang II dibahas.",
            "decisions": "Reses dimulai 10 Juni.",
        },
    )
    item.refresh_from_db()
    assert item.decisions == "Reses dimulai 10 Juni."

    client.post(reverse("minutes:act", args=[meeting.pk]), {"action": "submit"})
    page = client.get(detail).content.decode()
    assert "Menunggu persetujuan pimpinan" in page and "Setujui risalah" not in page
    refused = client.post(
        reverse("minutes:act", args=[meeting.pk]), {"action": "approve"}, follow=True
    )
    assert "Hanya pimpinan rapat" in refused.content.decode()

    client.force_login(people["chair"])
    assert "Setujui risalah" in client.get(detail).content.decode()
    client.post(reverse("minutes:act", args=[meeting.pk]), {"action": "approve"})
    client.post(reverse("minutes:act", args=[meeting.pk]), {"action": "publish"})
    meeting.refresh_from_db()
    assert meeting.status == "published"
    # locked: the editor shows no save button and posting changes nothing
    client.force_login(people["notulis"])
    client.post(editor, {"order": 1, "title": "Diubah", "discussion": "", "decisions": ""})
    item.refresh_from_db()
    assert item.title == "Jadwal reses"
    assert client.get(reverse("minutes:edit", args=[meeting.pk])).status_code == 302
    pdf = client.get(reverse("minutes:staff_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("minutes:public_detail", args=[meeting.pk])).status_code == 200


def test_form_refuses_end_before_start_and_markup(client, people, setwan):
    client.force_login(people["notulis"])
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("minutes:create"),
        {
            "org_unit": setwan.pk,
            "kind": "internal",
            "title": "<script>alert(1)</script>",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Aula",
            "chair": people["chair"].pk,
            "secretary": people["notulis"].pk,
            "classification_code": "000.1.5",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "setelah waktu mulai" in html and "tanpa tag HTML" in html
    assert not Meeting.objects.exists()


def test_follow_up_form_refuses_past_dates(client, meeting, people):
    client.force_login(people["notulis"])
    response = client.post(
        reverse("minutes:follow_up_add", args=[meeting.pk]),
        {
            "description": "Siapkan bahan",
            "owner_user": people["invitee"].pk,
            "due_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
        follow=True,
    )
    assert "masa lalu" in response.content.decode()
    assert not meeting.follow_ups.exists()


def test_staff_of_other_units_cannot_create_here(client, people, setwan):
    client.force_login(people["dinkes"])
    response = client.get(reverse("minutes:create"))
    assert response.status_code == 200
    units = response.context["form"].fields["org_unit"].queryset
    assert setwan not in units and units.filter(code="DINKES").exists()

"""The two-tap disposition on a phone: tick recipients, tap "Disposisikan"; defaults for the
instruction (Ditindaklanjuti), urgency (Biasa) and due date (from the urgency); the full options
in a collapsed <details>; refusals re-show the form with the choices kept. No JavaScript."""

import re
from datetime import timedelta

from django.utils import timezone

from satupintu.letters import services
from satupintu.letters.models import Disposition
from satupintu.letters.tests.conftest import register


def test_form_is_two_taps_without_script(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    html = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    form = html.split(f'action="/kantor/surat/{letter.pk}/disposisi/"')[1].split("</form>")[0]
    assert "<script" not in form
    assert form.count('type="submit"') == 1 and "Disposisikan" in form
    # Recipients come before the collapsed options; the submit button follows them.
    assert form.index('name="people"') < form.index("<details") < form.index('type="submit"')
    assert "<details" in form and " open" not in form.split("<details")[1].split(">")[0]
    assert re.search(r'value="ditindaklanjuti"[^>]*checked', form)
    assert re.search(r'value="biasa"[^>]*checked', form)
    assert 'type="checkbox"' in form
    # The Sekda reaches every OPD: the long unit list is folded into the one <details>,
    # people and the button stay on the first screen.
    assert form.count("<details") == 1
    assert form.index("<details") < form.index('name="units"')


def test_short_unit_list_is_not_folded(client, org, code):
    letter = register(org.tu_dpu, org.dpu)
    client.force_login(org.kadis_dpu)
    html = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    form = html.split(f'action="/kantor/surat/{letter.pk}/disposisi/"')[1].split("</form>")[0]
    assert form.index('name="units"') < form.index("<details") and "DPU-BM" in form


def test_two_taps_dispose_with_defaults(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    response = client.post(
        f"/kantor/surat/{letter.pk}/disposisi/", {"people": [org.asisten1.pk, org.asisten2.pk]}
    )
    assert response.status_code == 302
    made = Disposition.objects.filter(letter=letter)
    assert made.count() == 2
    for d in made:
        assert d.instructions == ["ditindaklanjuti"]
        assert d.urgency == Disposition.Urgency.ORDINARY
        assert d.due_date == services.default_due_date(Disposition.Urgency.ORDINARY)


def test_due_date_follows_urgency(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    client.post(
        f"/kantor/surat/{letter.pk}/disposisi/",
        {"units": [org.ass1.pk], "urgency": "sangat_segera", "instructions": ["hadiri"]},
    )
    d = Disposition.objects.get(letter=letter)
    assert d.due_date == services.default_due_date(Disposition.Urgency.VERY_URGENT)
    assert d.instructions == ["hadiri"]
    assert (
        services.default_due_date("segera") <= services.default_due_date("biasa")
        and services.default_due_date("sangat_segera") > timezone.localdate()
    )


def test_refusal_keeps_choices(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/kantor/surat/{letter.pk}/disposisi/",
        {"people": [org.asisten1.pk], "due_date": past, "note": "Catatan saya"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak boleh tanggal yang sudah lewat" in html
    assert re.search(rf'value="{org.asisten1.pk}"[^>]*checked', html)
    assert "Catatan saya" in html and '<details class="dispose-more" open' in html
    assert not Disposition.objects.filter(letter=letter).exists()
    none = client.post(f"/kantor/surat/{letter.pk}/disposisi/", {})
    assert none.status_code == 400
    assert "Pilih sedikitnya satu penerima" in none.content.decode()


def test_outside_hierarchy_refused_on_page(client, org, code):
    letter = register(org.tu_dpu, org.dpu)
    client.force_login(org.kadis_dpu)
    response = client.post(f"/kantor/surat/{letter.pk}/disposisi/", {"units": [org.dinkes.pk]})
    assert response.status_code == 400  # DINKES is not among the choices
    assert not Disposition.objects.filter(letter=letter).exists()

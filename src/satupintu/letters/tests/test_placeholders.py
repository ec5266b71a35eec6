"""Letter body templates and number templates: placeholders only, nothing executed."""

from datetime import date

import pytest
from django.urls import reverse

from satupintu.letters import services
from satupintu.letters.models import LetterTemplate, UnitLetterSettings
from satupintu.letters.tests.conftest import register
from satupintu.letters.tests.test_retention import city_admin  # noqa: F401


def test_body_template_fills_placeholders_and_prints_template_syntax_as_written(org, code):
    template = LetterTemplate.objects.create(
        name="Uji",
        letter_type="undangan",
        body="{perihal} / {unit} / {{ unit }} {% debug %} {unit.parent.name} {kota}",
    )
    body = services.fill_template(template, unit=org.dpu, subject="Rapat {tanggal}")
    assert body.startswith(f"Rapat {{tanggal}} / {services.kop_for(org.dpu).name} / ")
    assert "{{ unit }} {% debug %} {unit.parent.name}" in body


def test_every_shipped_body_template_uses_only_allowed_placeholders(org):
    templates = list(LetterTemplate.objects.all())
    assert templates
    for template in templates:
        services.validate_body_template(template.body)


def test_number_template_fills_with_zero_padding(org, code):
    UnitLetterSettings.objects.create(
        org_unit=org.setda, number_template="{klasifikasi}/{urut:04d}/{unit}/{bulan_romawi}/{tahun}"
    )
    letter = register(org.tu_setda, org.setda)
    number = services.format_number(letter, 7, date(2026, 3, 5))
    assert number == f"{code.code}/0007/{org.setda.short_name}/III/2026"


def test_admin_refuses_unknown_placeholders_with_the_allowed_list(client, org, city_admin):  # noqa: F811
    client.force_login(city_admin)
    response = client.post(
        reverse("admin:letters_lettertemplate_add"),
        {
            "name": "Jahat",
            "letter_type": "undangan",
            "body": "{{ unit.memberships.all }} {perihal} {pengirim.password}",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Placeholder tidak dikenal: {pengirim.password}" in html
    assert "tidak dijalankan" in html
    assert "{perihal}, {unit}, {kota}, {tanggal}" in html
    assert not LetterTemplate.objects.filter(name="Jahat").exists()

    response = client.post(
        reverse("admin:letters_unitlettersettings_add"),
        {
            "org_unit": org.dpu.pk,
            "number_template": "{urut:>999}/{rahasia}",
            "letterhead_government": "PEMERINTAH KOTA BALIKPAPAN",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Placeholder tidak dikenal: {rahasia}" in html
    assert "Format placeholder tidak didukung: {urut:&gt;999}" in html


@pytest.mark.parametrize("text", ["{klasifikasi}/{unit}", "{urut}/{rahasia}"])
def test_number_template_validation_messages(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.validate_number_template(text)


def test_archive_search_survives_nul_from_callers_other_than_requests(org, code):
    """The middleware refuses NUL in requests; the selector also never hands one to SQL."""
    from satupintu.letters import selectors

    register(org.tu_setda, org.setda, subject="Rapat koordinasi jalan")
    found = selectors.search(org.tu_setda, selectors.filters_from({"q": "koord\x00inasi xyz"}))
    assert list(found) == []
    found = selectors.search(org.tu_setda, selectors.filters_from({"q": "koordinasi\x00"}))
    assert [letter.subject for letter in found] == ["Rapat koordinasi jalan"]

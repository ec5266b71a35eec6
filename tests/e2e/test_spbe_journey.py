"""Issue 13, item 2, in the browser on a phone (390 × 844): the SPBE team (Diskominfo's
koordinator) opens a year and assigns an indicator to DPU; DPU's operator attaches a PDF
and a live link to the e-office figures, answers level 3 and submits; the team returns it
with a note, the operator resubmits, the team accepts, and the year's index shows the
accepted level. axe-core finds nothing on these pages."""

import re

import pytest
from playwright.sync_api import expect

from satupintu.applications.tests.conftest import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def phone_page(new_context, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_team_assigns_opd_answers_team_returns_then_accepts(
    reference_data_live, new_context, live_server, assert_accessible, tmp_path
):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.spbe import framework
    from satupintu.spbe.models import Assignment
    from satupintu.spbe.services.framework import load_framework
    from satupintu.testing.factories import make_staff

    load_framework(framework.BUNDLED.read_text(encoding="utf-8"))
    team = make_staff(OrgUnit.objects.get(code="DISKOMINFO"), Membership.Role.COORDINATOR)
    officer = make_staff(OrgUnit.objects.get(code="DPU"))
    boss = phone_page(new_context, live_server, team)
    boss.goto("/kantor/spbe/evaluasi/")
    assert_accessible(boss)
    boss.get_by_label("Tahun").fill("2026")
    boss.get_by_role("button", name="Buka", exact=True).click()
    boss.wait_for_url(re.compile(r"/kantor/spbe/evaluasi/2026/$"))
    boss.get_by_label("OPD").select_option(str(OrgUnit.objects.get(code="DPU").pk))
    boss.get_by_label("15. Pembangunan Aplikasi SPBE").check()
    boss.get_by_role("button", name="Tugaskan").click()
    expect(boss.get_by_text("Indikator ditugaskan.")).to_be_visible()
    assert_accessible(boss)
    item = Assignment.objects.get()

    opd = phone_page(new_context, live_server, officer)
    opd.goto("/kantor/spbe/evaluasi/2026/")
    opd.get_by_role("link", name="15. Pembangunan Aplikasi SPBE").click()
    assert_accessible(opd)
    evidence = tmp_path / "sop-aplikasi.pdf"
    evidence.write_bytes(pdf_bytes())
    opd.get_by_label("Berkas (PDF").set_input_files(str(evidence))
    opd.get_by_role("button", name="Tambah bukti").click()
    expect(opd.get_by_text("Bukti ditambahkan.")).to_be_visible()
    opd.get_by_label("Angka platform").select_option("eoffice-kinerja")
    opd.get_by_role("button", name="Tambah bukti").click()
    expect(opd.get_by_role("link", name="sop-aplikasi.pdf")).to_be_visible()
    expect(opd.get_by_role("link", name=re.compile("E-office"))).to_be_visible()
    opd.get_by_label("3", exact=True).check()
    opd.get_by_label("Penjelasan").fill("SOP pembangunan aplikasi berlaku di DPU.")
    opd.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(opd.get_by_text("Diajukan", exact=True).first).to_be_visible()

    boss.goto(f"/kantor/spbe/evaluasi/2026/indikator/{item.pk}/")
    boss.get_by_label("Catatan untuk OPD").fill("Lampirkan SK penetapan SOP.")
    boss.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(boss.get_by_text("Lampirkan SK penetapan SOP.")).to_be_visible()
    assert_accessible(boss)

    opd.reload()
    expect(opd.get_by_text("Lampirkan SK penetapan SOP.")).to_be_visible()
    opd.get_by_label("4", exact=True).check()
    opd.get_by_role("button", name="Ajukan untuk ditinjau").click()
    boss.reload()
    boss.get_by_role("button", name="Terima").click()
    item.refresh_from_db()
    assert (item.status, item.level) == ("diterima", 4)
    boss.goto("/kantor/spbe/evaluasi/2026/")
    # 4 × 2,5 / 100 = 0,10 overall; aspect 3 (10 %): 4 × 2,5 / 10 = 1,00.
    assert "0,10" in boss.locator("p.lead").inner_text()
    assert_accessible(boss)

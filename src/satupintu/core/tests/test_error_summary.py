"""The error summary (GOV.UK pattern) on every citizen form: "Ada masalah" at the top of the
form, one link per error to its field; js/error-summary.js moves the focus there."""

from pathlib import Path

import pytest
from django import forms
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from satupintu.core.templatetags.error_summary import error_items
from satupintu.testing.factories import TEST_PASSWORD, UserFactory


class Sample(forms.Form):
    nama = forms.CharField(label="Nama lengkap")
    jenis = forms.ChoiceField(
        label="Jenis", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    minat = forms.MultipleChoiceField(
        label="Minat", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple
    )
    kode = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Isian tidak cocok satu sama lain.")


def test_each_error_links_to_its_input_and_names_the_field():
    form = Sample(data={})
    items = error_items(form)
    assert ("", "Isian tidak cocok satu sama lain.") in items
    assert ("#id_nama", "Nama lengkap: Bidang ini harus diisi.") in items
    assert ("#id_jenis_0", "Jenis: Bidang ini harus diisi.") in items  # first radio
    assert ("#id_minat_0", "Minat: Bidang ini harus diisi.") in items
    assert ("", "Kode: Bidang ini harus diisi.") in items  # hidden: no link


def test_a_form_without_errors_has_no_summary():
    assert error_items(Sample()) == []
    assert error_items(None) == []
    assert "Ada masalah" not in render_to_string("includes/error_summary.html", {"form": None})


def test_the_summary_markup():
    html = render_to_string("includes/error_summary.html", {"form": Sample(data={})})
    assert 'class="error-summary" data-error-summary tabindex="-1"' in html
    assert '<div role="alert">' in html
    assert '<h2 class="error-summary-title">Ada masalah</h2>' in html
    assert '<a href="#id_nama">' in html


def test_the_focus_script_exists():
    path = finders.find("js/error-summary.js")
    assert path is not None
    script = Path(path).read_text(encoding="utf-8")
    assert "[data-error-summary]" in script and ".focus(" in script


@pytest.mark.django_db
def test_the_complaint_form_comes_back_with_the_summary_first(client, reference_data):
    response = client.post("/aduan/baru/", {"title": "abc"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ada masalah" in body
    assert '<a href="#id_category">' in body and '<a href="#id_title">' in body
    form = body.split('<form method="post" enctype="multipart/form-data"')[1]
    assert form.index("data-error-summary") < form.index('name="title"')


@pytest.mark.django_db
def test_the_profile_form_has_the_summary(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/akun/profil/", {"full_name": "", "rt": "abc"})
    body = response.content.decode()
    assert "Ada masalah" in body
    assert '<a href="#id_full_name">' in body
    assert '<a href="#id_rt">RT harus berupa angka (1–3 digit).</a>' in body


@pytest.mark.django_db
def test_the_login_form_has_the_summary(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory()
    response = client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD + "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ada masalah" in body and "data-error-summary" in body

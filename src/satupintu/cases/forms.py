from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.cases.uploads import MAX_FILES, check_upload
from satupintu.core.validators import no_markup


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Paling banyak %(n)d berkas.") % {"n": MAX_FILES})
        return [check_upload(f) for f in files if f]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode lacak"), max_length=20)


class ReporterActionForm(forms.Form):
    """What a reporter sends from the tracking page: information, files, a rating."""

    action = forms.ChoiceField(
        choices=[
            ("provide_info", "provide_info"),
            ("add_files", "add_files"),
            ("rate", "rate"),
            ("reopen", "reopen"),
            ("close", "close"),
        ],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Pesan"),
        required=False,
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    rating = forms.TypedChoiceField(
        label=_("Nilai (1 = buruk, 5 = sangat baik)"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    files = MultipleFileField(label=_("Berkas"), required=False)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in ("provide_info", "reopen") and not cleaned.get("note"):
            self.add_error("note", _("Tulis pesan Anda."))
        if action == "add_files" and not cleaned.get("files"):
            self.add_error("files", _("Pilih minimal satu berkas."))
        if action == "rate" and not cleaned.get("rating"):
            self.add_error("rating", _("Pilih nilai 1 sampai 5."))
        return cleaned


# Staff actions that say something to the reporter or the file: a note is required.
NOTE_REQUIRED_ACTIONS = frozenset({"reply", "request_info", "resolve", "not_our_authority", "note"})


class StaffActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, max_length=30)
    note = forms.CharField(
        label=_("Catatan / jawaban"),
        required=False,
        max_length=10000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    org_unit = forms.CharField(label=_("Unit tujuan (kode)"), required=False, max_length=40)
    assignee = forms.IntegerField(label=_("Petugas"), required=False)
    parent_code = forms.CharField(label=_("Kode laporan induk"), required=False, max_length=20)
    files = MultipleFileField(label=_("Berkas"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in NOTE_REQUIRED_ACTIONS and not cleaned.get("note"):
            self.add_error("note", _("Tulis catatan atau jawaban."))
        return cleaned

from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.cases import codes, notify
from satupintu.cases.models import Case
from satupintu.cases.public import SUMMARY_MAX_LENGTH
from satupintu.core.validators import no_markup
from satupintu.uploads.attach import ResumableFilesField


class MultipleFileField(ResumableFilesField):
    """Up to MAX_FILES files checked by content, sent with the form or uploaded before through
    /unggah/ (satupintu.uploads.attach); views call `attach.bind(form, request)`."""


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode lacak"))

    def clean_code(self):
        # Malformed or unknown, one message; the form keeps what was typed.
        code = codes.normalize_code(self.cleaned_data["code"])
        if not codes.is_code_shaped(code) or not Case.objects.filter(tracking_code=code).exists():
            raise forms.ValidationError(_("Kode tidak ditemukan."))
        return code


class PrivateLinkForm(forms.Form):
    """ "Kirim tautan ini ke saya": an e-mail address or a mobile number, as typed."""

    contact = forms.CharField(
        label=_("E-mail atau nomor HP"),
        max_length=254,
        help_text=_("Dipakai sekali untuk mengirim tautan ini, tidak disimpan bersama laporan."),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Isi alamat e-mail atau nomor HP Anda.")},
    )

    def clean_contact(self):
        # Contact (channel + normalised address); a bad one keeps what was typed in the field.
        return notify.contact_from(self.cleaned_data["contact"])


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

    # The tracking page renders each action's fields by hand (cases/track.html): the error
    # summary links to these ids.
    FIELD_IDS = {
        "provide_info": {"note": "info-note", "files": "info-files"},
        "add_files": {"files": "more-files"},
        "rate": {"rating": "rate-1", "note": "rate-note"},
        "reopen": {"note": "reopen-note"},
    }

    @property
    def error_targets(self) -> dict:
        return self.FIELD_IDS.get(self.data.get("action", ""), {})

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


# Staff actions: what each one asks for. The case page shows one small form per action with
# only these fields (cases/detail.html); the form ignores anything else posted with it.
#   note           the answer for the reporter: tracking page, notifications (public events)
#   internal_note  staff only, never shown to the reporter
PUBLIC_NOTE_REQUIRED = frozenset({"reply", "request_info", "resolve", "not_our_authority"})
INTERNAL_NOTE_REQUIRED = frozenset({"note"})
ACTION_FIELDS = {
    "verify": ("org_unit", "public_summary", "note", "internal_note"),
    "route": ("org_unit", "public_summary", "note", "internal_note"),
    "assign": ("assignee", "internal_note"),
    "merge": ("parent_code", "note", "internal_note"),
    "note": ("internal_note", "files"),
    "reply": ("note", "internal_note", "files"),
    "request_info": ("note", "internal_note", "files"),
    "resolve": ("note", "internal_note", "files"),
}
DEFAULT_FIELDS = ("note", "internal_note")
COORDINATOR_ONLY_FIELDS = frozenset({"public_summary"})
OPTIONAL_FIELDS = ("note", "internal_note", "org_unit", "assignee", "parent_code", "files")


def action_fields(transition, *, coordinator: bool) -> tuple[str, ...]:
    """The fields the action's form shows: no public answer on an event the reporter never
    sees, the public summary for coordinators only."""
    fields = ACTION_FIELDS.get(transition.action, DEFAULT_FIELDS)
    return tuple(
        name
        for name in fields
        if (name != "note" or transition.public)
        and (name not in COORDINATOR_ONLY_FIELDS or coordinator)
    )


class StaffActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, max_length=30)
    note = forms.CharField(
        label=_("Jawaban untuk pelapor"),
        required=False,
        max_length=10000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    internal_note = forms.CharField(
        label=_("Catatan internal"),
        required=False,
        max_length=10000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    org_unit = forms.CharField(label=_("Unit tujuan"), required=False, max_length=40)
    assignee = forms.IntegerField(label=_("Petugas"), required=False)
    parent_code = forms.CharField(label=_("Kode laporan induk"), required=False, max_length=20)
    public_summary = forms.CharField(
        label=_("Ringkasan publik"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        validators=[no_markup],
    )
    files = MultipleFileField(label=_("Berkas"), required=False)

    def __init__(self, *args, transition=None, coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition, self.coordinator = transition, coordinator

    @property
    def shown_fields(self) -> tuple[str, ...]:
        if self.transition is None:
            return DEFAULT_FIELDS
        return action_fields(self.transition, coordinator=self.coordinator)

    @property
    def error_targets(self) -> dict:
        """Ids of the action's fields on the case page, for the error summary."""
        action = self.data.get("action", "")
        return {name: f"{action}-{name}" for name in self.shown_fields}

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        shown = self.shown_fields
        # A field the action does not ask for is dropped, not acted on (a stale value, or a
        # public answer posted with an internal action).
        for name in OPTIONAL_FIELDS:
            if name not in shown and name in cleaned:
                cleaned[name] = [] if name == "files" else ("" if name != "assignee" else None)
        if "public_summary" not in shown:
            cleaned.pop("public_summary", None)
        if action in PUBLIC_NOTE_REQUIRED and not cleaned.get("note"):
            self.add_error("note", _("Tulis jawaban untuk pelapor."))
        if action in INTERNAL_NOTE_REQUIRED and not cleaned.get("internal_note"):
            self.add_error("internal_note", _("Tulis catatan internal."))
        return cleaned

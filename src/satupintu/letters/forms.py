from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.models import User
from satupintu.cases.uploads import MAX_FILES, check_upload
from satupintu.core.validators import no_markup
from satupintu.letters import hierarchy, selectors, services
from satupintu.letters.models import (
    INSTRUCTIONS,
    ClassificationCode,
    Disposition,
    Letter,
    LetterType,
    Review,
)
from satupintu.org.models import Membership, OrgUnit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = (
            [f for f in (data or []) if f]
            if isinstance(data, list | tuple)
            else ([data] if data else [])
        )
        if len(files) > MAX_FILES:
            raise ValidationError(_("Paling banyak %(n)d berkas.") % {"n": MAX_FILES})
        return [check_upload(f) for f in files]


class ClassificationField(forms.CharField):
    """Type a code or words; the datalist offers the table."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Kode klasifikasi"))
        kwargs.setdefault(
            "help_text", _("Ketik kode (mis. 000.5.3.1) atau kata (mis. naskah), lalu pilih.")
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "klasifikasi-daftar"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        found = selectors.resolve_classification(value)
        if not found:
            raise ValidationError(_("Kode klasifikasi tidak ditemukan."))
        if len(found) > 1:
            raise ValidationError(
                _("Lebih dari satu kode cocok: %(codes)s. Pilih satu.")
                % {"codes": ", ".join(c.code for c in found[:6])}
            )
        return found[0]


class RegisterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit penerima"), queryset=OrgUnit.objects.none())
    sender_name = forms.CharField(label=_("Pengirim"), max_length=300, validators=[no_markup])
    external_number = forms.CharField(
        label=_("Nomor surat pengirim"), max_length=120, validators=[no_markup]
    )
    external_date = forms.DateField(
        label=_("Tanggal surat"), widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.CharField(label=_("Perihal"), max_length=300, validators=[no_markup])
    sifat = forms.ChoiceField(label=_("Sifat surat"), choices=Letter.Sifat.choices)
    classification = ClassificationField()
    scans = MultipleFileField(label=_("Pindaian surat (PDF/JPG/PNG)"))
    attachments = MultipleFileField(label=_("Lampiran"))
    confirm_duplicate = forms.BooleanField(
        label=_("Saya sudah memeriksa: surat ini memang perlu didaftarkan lagi"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = services.registrar_units(user)
        if self.fields["unit"].queryset.count() == 1:
            self.fields["unit"].initial = self.fields["unit"].queryset.first()

    def clean_external_date(self):
        value = self.cleaned_data["external_date"]
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal surat tidak boleh di masa depan."))
        return value

    LETTER_FIELDS = (
        "subject",
        "classification",
        "sender_name",
        "sifat",
        "external_number",
        "external_date",
        "scans",
        "attachments",
        "confirm_duplicate",
    )

    def letter_fields(self) -> dict:
        """What `services.register_incoming` takes from the form besides the receiving unit
        (also the council's registration, which always receives in SETWAN)."""
        return {name: self.cleaned_data[name] for name in self.LETTER_FIELDS}


class DisposeForm(forms.Form):
    """The two-tap form: tick recipients, tap "Disposisikan". Instruction (Ditindaklanjuti),
    urgency (Biasa) and due date (from the urgency) have defaults; changing them is inside a
    collapsed <details> on the page."""

    people = forms.ModelMultipleChoiceField(
        label=_("Kepada (pegawai)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Kepada (unit)"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instructions = forms.MultipleChoiceField(
        label=_("Instruksi"), choices=INSTRUCTIONS, widget=forms.CheckboxSelectMultiple
    )
    urgency = forms.ChoiceField(
        label=_("Sifat"),
        choices=Disposition.Urgency.choices,
        initial=Disposition.Urgency.ORDINARY,
        widget=forms.RadioSelect,
        required=False,
    )
    due_date = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Kosongkan untuk batas otomatis: Biasa 5, Segera 2, Sangat Segera 1 hari kerja."
        ),
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = list(hierarchy.reachable_people(user)[:300])
        labels = {}
        for m in memberships:
            labels.setdefault(
                m.user_id, f"{m.user} — {m.title or m.get_role_display()} {m.org_unit}"
            )
        self.fields["people"].queryset = User.objects.filter(pk__in=labels)
        self.fields["people"].label_from_instance = lambda u: labels.get(u.pk, str(u))
        self.fields["units"].queryset = hierarchy.reachable_units(user)
        self.fields["instructions"].initial = ["ditindaklanjuti"]
        self.fields["instructions"].required = False

    FOLD_UNITS_OVER = 8

    @property
    def fold_units(self) -> bool:
        """A long unit list (the Sekda reaches every OPD) is folded so that the people and the
        button stay on the first screen of a phone; it opens when a unit was ticked."""
        if self.is_bound and self.data.getlist("units"):
            return False
        return self.fields["units"].queryset.count() > self.FOLD_UNITS_OVER

    def clean_urgency(self):
        return self.cleaned_data.get("urgency") or Disposition.Urgency.ORDINARY

    def clean_due_date(self):
        value = self.cleaned_data.get("due_date")
        if value and value < timezone.localdate():
            raise ValidationError(_("Batas waktu disposisi tidak boleh tanggal yang sudah lewat."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("units"):
            raise ValidationError(_("Pilih sedikitnya satu penerima disposisi."))
        # No instruction ticked (the default was unticked): the default applies.
        data["instructions"] = data.get("instructions") or ["ditindaklanjuti"]
        return data

    def defaults_label(self) -> str:
        return _("Bawaan: Ditindaklanjuti · Biasa · batas %(due)s") % {
            "due": services.default_due_date(Disposition.Urgency.ORDINARY).strftime("%d-%m-%Y")
        }


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan tindak lanjut"),
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Berkas pendukung"))


MAX_REVIEWERS = 4


def _unit_choices():
    return OrgUnit.objects.filter(is_active=True, kind__in=OrgUnit.OPD_KINDS).order_by("name")


# The letter's own fields a new draft is made of (see `OutgoingForm.draft_fields`).
DRAFT_FIELDS = (
    "subject",
    "classification",
    "body",
    "signer",
    "sifat",
    "letter_type",
    "external_recipients",
    "external_copies",
    "external_emails",
    "attachments",
)


class OutgoingForm(forms.Form):
    """Draft and edit an outgoing letter. Field names and order are stable (browser journeys
    use them): unit, letter_type, subject, sifat, classification, body, signer,
    reviewer_1..4 with reviewer_kind_1..4, recipient_units, copy_units, external_recipients,
    external_emails, external_copies, attachments."""

    unit = forms.ModelChoiceField(label=_("Unit pembuat"), queryset=OrgUnit.objects.none())
    letter_type = forms.ChoiceField(
        label=_("Jenis naskah"),
        choices=LetterType.choices,
        initial=LetterType.OFFICIAL,
        required=False,
    )
    subject = forms.CharField(label=_("Perihal"), max_length=300, validators=[no_markup])
    sifat = forms.ChoiceField(label=_("Sifat surat"), choices=Letter.Sifat.choices)
    classification = ClassificationField()
    body = forms.CharField(
        label=_("Isi surat"), validators=[no_markup], widget=forms.Textarea(attrs={"rows": 12})
    )
    signer = forms.ModelChoiceField(label=_("Penandatangan"), queryset=User.objects.none())
    recipient_units = forms.ModelMultipleChoiceField(
        label=_("Kepada (unit di lingkungan pemerintah kota)"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Surat tiba dan teragenda di unit penerima saat dikirim."),
    )
    copy_units = forms.ModelMultipleChoiceField(
        label=_("Tembusan (unit)"), queryset=OrgUnit.objects.none(), required=False
    )
    external_recipients = forms.CharField(
        label=_("Kepada (di luar pemerintah kota), satu per baris"),
        required=False,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    external_emails = forms.CharField(
        label=_("E-mail penerima di luar, satu per baris"),
        required=False,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("PDF bertanda tangan dikirim ke alamat ini saat surat dikirim."),
    )
    external_copies = forms.CharField(
        label=_("Tembusan di luar, satu per baris"),
        required=False,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(label=_("Lampiran (PDF/JPG/PNG)"))

    def __init__(self, *args, user, letter=None, unit=None, **kwargs):
        """`unit`: a new letter whose drafting unit is fixed (the council's: SETWAN)."""
        super().__init__(*args, **kwargs)
        self.letter = letter
        if letter is not None or unit is not None:
            units = OrgUnit.objects.filter(pk=letter.org_unit_id if letter else unit.pk)
            del self.fields["unit"]
        else:
            units = services.drafting_units(user)
            self.fields["unit"].queryset = units
            if units.count() == 1:
                self.fields["unit"].initial = units.first()
        paths = [u.path for u in units]
        # Signers and reviewers come from the drafter's units and the units above them.
        ancestor_ids = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
        heads = Membership.objects.filter(
            org_unit_id__in=ancestor_ids, role=Membership.Role.HEAD, is_active=True
        ).values_list("user_id", flat=True)
        staff = Membership.objects.filter(
            org_unit_id__in=ancestor_ids | {u.pk for u in units}, is_active=True
        ).values_list("user_id", flat=True)
        self.fields["signer"].queryset = User.objects.filter(pk__in=heads, is_active=True)
        reviewers = User.objects.filter(pk__in=staff, is_active=True).exclude(pk=user.pk)
        for n in range(1, MAX_REVIEWERS + 1):
            self.fields[f"reviewer_{n}"] = forms.ModelChoiceField(
                label=_("Pemaraf/verifikator ke-%(n)d") % {"n": n},
                queryset=reviewers,
                required=False,
                empty_label=_("(tidak ada)"),
            )
            self.fields[f"reviewer_kind_{n}"] = forms.ChoiceField(
                label=_("Peran ke-%(n)d") % {"n": n},
                choices=Review.Kind.choices,
                initial=Review.Kind.INITIAL,
                required=False,
            )
        self.fields["recipient_units"].queryset = _unit_choices()
        self.fields["copy_units"].queryset = _unit_choices()
        self.order_fields(
            ["unit", "letter_type", "subject", "sifat", "classification", "body"]
            + ["signer"]
            + [
                f
                for n in range(1, MAX_REVIEWERS + 1)
                for f in (f"reviewer_{n}", f"reviewer_kind_{n}")
            ]
        )
        if letter is not None and not self.is_bound:
            self.initial.update(self.initial_from(letter))

    @staticmethod
    def initial_from(letter) -> dict:
        values = {
            "letter_type": letter.letter_type,
            "subject": letter.subject,
            "sifat": letter.sifat,
            "classification": f"{letter.classification.code} {letter.classification.name}",
            "body": letter.body,
            "signer": letter.signer_id,
            "external_recipients": letter.external_recipients,
            "external_emails": letter.external_emails,
            "external_copies": letter.external_copies,
        }
        recipients = list(letter.recipients.all())
        values["recipient_units"] = [r.org_unit_id for r in recipients if not r.is_copy]
        values["copy_units"] = [r.org_unit_id for r in recipients if r.is_copy]
        for n, review in enumerate(letter.reviews.order_by("order")[:MAX_REVIEWERS], 1):
            values[f"reviewer_{n}"] = review.reviewer_id
            values[f"reviewer_kind_{n}"] = review.kind
        return values

    def clean_letter_type(self):
        return self.cleaned_data.get("letter_type") or LetterType.OFFICIAL

    def clean(self):
        data = super().clean()
        seen = set()
        for n in range(1, MAX_REVIEWERS + 1):
            reviewer = data.get(f"reviewer_{n}")
            if reviewer is None:
                continue
            if reviewer.pk in seen:
                self.add_error(f"reviewer_{n}", _("Pemaraf ini sudah dipilih di urutan lain."))
            seen.add(reviewer.pk)
            if data.get("signer") and reviewer.pk == data["signer"].pk:
                self.add_error(f"reviewer_{n}", _("Penandatangan tidak perlu menjadi pemaraf."))
        if data.get("external_emails"):
            try:
                data["external_emails"] = "\n".join(services.parse_emails(data["external_emails"]))
            except services.LetterError as exc:
                self.add_error("external_emails", exc.message)
        return data

    def draft_fields(self) -> dict:
        """What the drafting services take from a valid form (`services.create_outgoing`, the
        DPRD secretariat's `draft_council_letter`): the letter's fields and its routing."""
        data = self.cleaned_data
        return {name: data[name] for name in DRAFT_FIELDS} | self.routing()

    def routing(self):
        data = self.cleaned_data
        reviewers = []
        for n in range(1, MAX_REVIEWERS + 1):
            reviewer = data.get(f"reviewer_{n}")
            if reviewer is not None:
                reviewers.append((reviewer, data.get(f"reviewer_kind_{n}") or Review.Kind.INITIAL))
        return {
            "reviewers": reviewers,
            "recipient_units": list(data.get("recipient_units") or []),
            "copy_units": list(data.get("copy_units") or []),
        }

    def changes(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in services.UPDATABLE_FIELDS}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("setuju", _("Setujui (paraf)")), ("kembalikan", _("Kembalikan ke pembuat"))],
        widget=forms.RadioSelect,
        initial="setuju",
        label=_("Keputusan"),
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _years_field(label, errors) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=100, error_messages=errors
    )


class RetentionForm(forms.Form):
    """The retention of one classification code; all empty: follow the parent code."""

    _years_errors = {
        "invalid": _("Isi jumlah tahun dengan angka bulat."),
        "min_value": _("Masa retensi paling sedikit 0 tahun."),
        "max_value": _("Masa retensi paling lama 100 tahun."),
    }
    active_years = _years_field(_("Retensi aktif (tahun)"), _years_errors)
    inactive_years = _years_field(_("Retensi inaktif (tahun)"), _years_errors)
    final_disposition = forms.ChoiceField(
        label=_("Keterangan akhir"),
        required=False,
        choices=[("", "—"), *ClassificationCode.FinalDisposition.choices],
        error_messages={"invalid_choice": _("Pilih keterangan akhir dari daftar.")},
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        problem = services.check_retention(
            data.get("active_years"), data.get("inactive_years"), data.get("final_disposition")
        )
        if problem:
            raise ValidationError(problem)
        return data


class RetentionImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("Berkas CSV jadwal retensi"),
        help_text=_(
            "Kolom: kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir (seperti tabel "
            "bawaan). Hanya kolom retensi yang diterapkan pada kode yang sudah ada."
        ),
        error_messages={"required": _("Pilih berkas CSV.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_("Berkas harus berformat CSV (.csv)."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Berkas terlalu besar (paling besar 2 MB)."))
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Berkas harus berupa teks UTF-8.")) from None

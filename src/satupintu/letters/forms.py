from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.models import User
from satupintu.cases.uploads import MAX_FILES, check_upload
from satupintu.core.validators import no_markup
from satupintu.letters import hierarchy, selectors, services
from satupintu.letters.models import INSTRUCTIONS, Disposition, Letter, Review
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


class DisposeForm(forms.Form):
    """The compact two-tap form: recipients and instructions are checkboxes, the rest defaults."""

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
    )
    due_date = forms.DateField(
        label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"})
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
        from satupintu.core.workdays import add_working_days

        self.fields["due_date"].initial = add_working_days(timezone.localdate(), 3)
        self.fields["instructions"].initial = ["ditindaklanjuti"]

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("units"):
            raise ValidationError(_("Pilih sedikitnya satu penerima disposisi."))
        return data


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan tindak lanjut"),
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Berkas pendukung"))


class OutgoingForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit pembuat"), queryset=OrgUnit.objects.none())
    subject = forms.CharField(label=_("Perihal"), max_length=300, validators=[no_markup])
    sifat = forms.ChoiceField(label=_("Sifat surat"), choices=Letter.Sifat.choices)
    classification = ClassificationField()
    body = forms.CharField(
        label=_("Isi surat"), validators=[no_markup], widget=forms.Textarea(attrs={"rows": 10})
    )
    signer = forms.ModelChoiceField(label=_("Penandatangan"), queryset=User.objects.none())
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Pemaraf (berurutan sesuai urutan pilihan di daftar)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipient_units = forms.ModelMultipleChoiceField(
        label=_("Kepada (unit di lingkungan pemerintah kota)"),
        queryset=OrgUnit.objects.filter(is_active=True, kind__in=OrgUnit.OPD_KINDS),
        required=False,
    )
    copy_units = forms.ModelMultipleChoiceField(
        label=_("Tembusan (unit)"),
        queryset=OrgUnit.objects.filter(is_active=True, kind__in=OrgUnit.OPD_KINDS),
        required=False,
    )
    external_recipients = forms.CharField(
        label=_("Kepada (di luar pemerintah kota), satu per baris"),
        required=False,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    external_copies = forms.CharField(
        label=_("Tembusan di luar, satu per baris"),
        required=False,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = services.drafting_units(user)
        self.fields["unit"].queryset = units
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
        self.fields["reviewers"].queryset = User.objects.filter(
            pk__in=staff, is_active=True
        ).exclude(pk=user.pk)
        if units.count() == 1:
            self.fields["unit"].initial = units.first()

    def routing(self):
        data = self.cleaned_data
        return {
            "reviewers": [(r, Review.Kind.INITIAL) for r in data.get("reviewers") or []],
            "recipient_units": list(data.get("recipient_units") or []),
            "copy_units": list(data.get("copy_units") or []),
        }


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

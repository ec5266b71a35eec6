from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.validators import no_markup
from satupintu.minutes import access
from satupintu.minutes.models import AgendaItem, Attendance, Meeting
from satupintu.org.models import OrgUnit

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or str(obj)


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or str(obj)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Mulai"), input_formats=[DATETIME_FORMAT], widget=DateTimeLocalInput()
    )
    ends_at = forms.DateTimeField(
        label=pgettext_lazy("meeting time", "Selesai"),
        input_formats=[DATETIME_FORMAT],
        widget=DateTimeLocalInput(),
    )
    chair = StaffChoiceField(label=_("Pimpinan rapat"), queryset=staff_users())
    secretary = StaffChoiceField(label=_("Notulis"), queryset=staff_users())
    invited_users = StaffMultipleChoiceField(
        label=_("Pegawai yang diundang"),
        queryset=staff_users(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    invited_units = UnitMultipleChoiceField(
        label=_("Unit yang diundang"),
        queryset=OrgUnit.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Meeting
        fields = [
            "org_unit",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "chair",
            "secretary",
            "invited_users",
            "invited_units",
            "is_public",
            "classification_code",
            "summary",
            "members_total",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"org_unit": UnitChoiceField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = access.creatable_units(user).order_by("name")
        self.fields["chair"].queryset = staff_users()
        self.fields["secretary"].queryset = staff_users()
        self.fields["invited_users"].queryset = staff_users()
        if self.instance.pk:
            for name in ("starts_at", "ends_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name))

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("Waktu selesai harus setelah waktu mulai."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "presenter"]


class MinutesForm(forms.ModelForm):
    """The minutes of one agenda item."""

    class Meta:
        model = AgendaItem
        fields = ["order", "title", "presenter", "discussion", "decisions"]
        widgets = {
            "discussion": forms.Textarea(attrs={"rows": 10}),
            "decisions": forms.Textarea(attrs={"rows": 5}),
        }


class AttendeeForm(forms.Form):
    user = StaffChoiceField(label=_("Pegawai"), queryset=staff_users(), required=False)
    name = forms.CharField(
        label=_("atau nama tamu"), max_length=150, required=False, validators=[no_markup]
    )
    position = forms.CharField(
        label=_("Jabatan / instansi"), max_length=150, required=False, validators=[no_markup]
    )
    status = forms.ChoiceField(
        label=_("Kehadiran"),
        choices=[c for c in Attendance.Status.choices if c[0] != Attendance.Status.UNKNOWN],
        initial=Attendance.Status.PRESENT,
    )
    arrived_at = forms.TimeField(
        label=_("Jam datang"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_users()

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Isi nama peserta atau pilih pegawai."))
        return data


class FollowUpForm(forms.Form):
    description = forms.CharField(
        label=_("Tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        validators=[no_markup],
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Acara"), queryset=AgendaItem.objects.none(), required=False
    )
    owner_user = StaffChoiceField(
        label=_("Penanggung jawab (pegawai)"), queryset=staff_users(), required=False
    )
    owner_unit = UnitChoiceField(
        label=_("Unit penanggung jawab"),
        queryset=OrgUnit.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    due_date = forms.DateField(
        label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = staff_users()
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda_items.all()

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Batas waktu tidak boleh di masa lalu."))
        return due

    def clean(self):
        data = super().clean()
        if not data.get("owner_user") and not data.get("owner_unit"):
            raise forms.ValidationError(_("Tentukan penanggung jawab: pegawai atau unit."))
        return data


class FollowUpDoneForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        validators=[no_markup],
    )


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("submit", "return", "approve", "publish", "reopen")]
    )
    note = forms.CharField(required=False, max_length=2000, validators=[no_markup])


class DecisionLinkForm(forms.Form):
    code = forms.CharField(
        label=_("Kode aspirasi atau usulan yang dijawab"),
        max_length=32,
        help_text=_("Contoh: kode lacak aspirasi DPRD atau usulan pokir."),
    )

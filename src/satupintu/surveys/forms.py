from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.surveys.elements import ELEMENTS
from satupintu.surveys.models import Response

REQUIRED = {"required": _("Pilih salah satu jawaban.")}


def _choices(model_choices):
    return [("", "—"), *model_choices]


class SurveyForm(forms.Form):
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"),
        choices=Response.Sex.choices,
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    age_group = forms.ChoiceField(
        label=_("Usia"), choices=_choices(Response.AgeGroup.choices), error_messages=REQUIRED
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"),
        choices=_choices(Response.Education.choices),
        error_messages=REQUIRED,
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan"),
        choices=_choices(Response.Occupation.choices),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            self.fields[element.code] = forms.TypedChoiceField(
                label=f"{element.code.upper()}. {element.question}",
                choices=[(str(i + 1), label) for i, label in enumerate(element.answers)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=REQUIRED,
            )
        self.fields["suggestion"] = forms.CharField(
            label=_("Saran dan masukan (boleh dikosongkan)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )


class KioskForm(SurveyForm):
    ticket = forms.CharField(
        label=_("Nomor antrean Anda hari ini"),
        max_length=8,
        help_text=_("Tertera pada karcis, misalnya A012."),
        error_messages={"required": _("Tulis nomor antrean Anda.")},
    )

    field_order = ["ticket"]

    def clean_ticket(self):
        return self.cleaned_data["ticket"].strip().upper()

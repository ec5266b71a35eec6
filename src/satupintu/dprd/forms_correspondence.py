"""Forms of council correspondence: the e-office's own forms with the council's choices."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.dprd import correspondence
from satupintu.letters.forms import DisposeForm, RegisterForm


class CouncilRegisterForm(RegisterForm):
    """The e-office's registration form; the receiving unit is always SETWAN (for the DPRD)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        del self.fields["unit"]


class CouncilDisposeForm(DisposeForm):
    """The e-office's two-tap disposition form with council bodies and members as recipients."""

    bodies = forms.MultipleChoiceField(
        label=_("Kepada (komisi, fraksi, alat kelengkapan)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, letter, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        bodies, members = correspondence.dispose_choices(user, letter)
        self.fields["bodies"].choices = bodies
        labels = dict(members)
        people = self.fields["people"]
        people.label = _("Kepada (anggota DPRD)")
        people.queryset = get_user_model().objects.filter(pk__in=labels)
        people.label_from_instance = lambda u: labels.get(u.pk, str(u))
        del self.fields["units"]

    @property
    def fold_units(self) -> bool:
        return False

    def clean(self):
        data = forms.Form.clean(self)
        if not data.get("people") and not data.get("bodies"):
            raise ValidationError(_("Pilih sedikitnya satu penerima disposisi."))
        data["instructions"] = data.get("instructions") or ["ditindaklanjuti"]
        return data

from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.cases.models import Case
from satupintu.complaints.forms import ComplaintForm


class OperatorComplaintForm(ComplaintForm):
    """The web complaint form, filled in by an operator for a caller or a visitor."""

    channel = forms.ChoiceField(
        label=_("Saluran"),
        choices=[
            (Case.Channel.PHONE, _("Telepon")),
            (Case.Channel.WALK_IN, _("Datang langsung")),
        ],
        widget=forms.RadioSelect,
        initial=Case.Channel.PHONE,
    )

    field_order = ["channel"]

    def __init__(self, *args, **kwargs):
        # The operator is not the reporter: the reporter's contact fields always stay.
        kwargs["user"] = None
        super().__init__(*args, **kwargs)
        self.fields["identity"].label = _("Identitas pelapor (tanyakan kepada warga)")
        self.fields["reporter_phone"].help_text = _(
            "Nomor yang dapat dihubungi; kabar laporan dikirim ke sini atau ke e-mail."
        )

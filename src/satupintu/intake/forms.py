from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.cases.models import Case
from satupintu.complaints.forms import ComplaintForm
from satupintu.intake import destinations

CITY = ""


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

    destination = forms.ChoiceField(
        label=_("Tujuan"),
        required=False,
        help_text=_(
            "Aspirasi untuk DPRD diteruskan ke Sekretariat DPRD, bukan ke perangkat daerah."
        ),
    )

    field_order = ["channel", "destination"]

    def __init__(self, *args, **kwargs):
        # The operator is not the reporter: the reporter's contact fields always stay.
        kwargs["user"] = None
        super().__init__(*args, **kwargs)
        choices = [(CITY, _("Pemerintah Kota (pengaduan, aspirasi, informasi)"))]
        for destination in destinations.all_destinations():
            choices += [
                (f"{destination.key}|{value}", f"{destination.label}: {label}")
                for value, label in destination.options()
            ]
        self.fields["destination"].choices = choices
        # A category is the city's: other destinations have none.
        self.fields["category"].required = False
        self.fields["identity"].label = _("Identitas pelapor (tanyakan kepada warga)")
        self.fields["reporter_phone"].help_text = _(
            "Nomor yang dapat dihubungi; kabar laporan dikirim ke sini atau ke e-mail."
        )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("destination") or CITY
        if chosen == CITY:
            if not cleaned.get("category") and "category" not in self.errors:
                self.add_error("category", _("Pilih kategori."))
            return cleaned
        key, _sep, option = chosen.partition("|")
        destination = destinations.get(key)
        cleaned["destination_option"] = (destination, option)
        if destination.needs_kelurahan(option) and not cleaned.get("kelurahan"):
            self.add_error("kelurahan", _("Pilih kelurahan warga untuk tujuan ini."))
        return cleaned

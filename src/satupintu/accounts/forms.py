from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.nik import normalize_nik
from satupintu.core import ratelimit
from satupintu.notifications import sms
from satupintu.org.models import Region

RT_HELP = _("Tiga angka, misalnya 007.")


class SignupForm(AllauthSignupForm):
    """Sign up with an e-mail address, a mobile number, or both — at least one."""

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)

    field_order = ["full_name", "email", "phone", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["email"].help_text = _("Isi e-mail, nomor HP, atau keduanya.")

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not self.errors.get("phone")
            and not self.errors.get("email")
        ):
            raise forms.ValidationError(_("Isi e-mail atau nomor HP (salah satu cukup)."))
        if not self.errors:
            self._check_limits(cleaned)
        return cleaned

    def _check_limits(self, cleaned):
        """Only a sign-up that would otherwise go through is counted (typos cost nothing)."""
        if cleaned.get("phone") and not cleaned.get("email") and sms.budget_left() <= 0:
            raise forms.ValidationError(
                _(
                    "Batas pengiriman SMS harian layanan ini sudah tercapai, jadi nomor HP tidak "
                    "dapat diverifikasi hari ini. Daftar dengan e-mail, atau coba lagi besok."
                )
            )
        request = context.request
        if request is not None:
            refusal = ratelimit.hit(request, "signup")
            if refusal is not None:
                raise forms.ValidationError(refusal.message)

    def save(self, request):
        user = super().save(request)
        if user is not None and self.cleaned_data.get("full_name"):
            user.full_name = self.cleaned_data["full_name"]
            user.save(update_fields=["full_name"])
        return user


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=20,
        help_text=_("16 angka sesuai KTP. Disimpan terenkripsi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("— pilih kelurahan —"),
    )
    rt = forms.RegexField(
        label=_("RT"),
        regex=r"^\d{1,3}$",
        required=False,
        help_text=RT_HELP,
        error_messages={"invalid": _("RT harus berupa angka (1–3 digit).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    street = forms.CharField(label=_("Jalan dan nomor rumah"), max_length=200, required=False)

    def __init__(self, *args, kelurahan_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kelurahan_queryset is not None:
            self.fields["kelurahan"].queryset = kelurahan_queryset
        self.fields["kelurahan"].label_from_instance = lambda region: (
            f"{region.name} — {region.parent.name}" if region.parent else region.name
        )

    def clean_nik(self):
        value = self.cleaned_data["nik"].strip()
        return normalize_nik(value) if value else ""

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        return value.zfill(3) if value else ""


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Ketik HAPUS untuk menegaskan"),
        max_length=10,
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().upper()
        if value != "HAPUS":
            raise forms.ValidationError(_("Ketik HAPUS (huruf besar) untuk menghapus akun."))
        return value

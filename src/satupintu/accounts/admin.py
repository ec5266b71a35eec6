from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.models import User
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin
from satupintu.org.models import Membership


class StaffCreationForm(forms.ModelForm):
    """An admin creates a staff account with a first password; TOTP is set up at first login."""

    password1 = forms.CharField(label=_("Kata sandi awal"), widget=forms.PasswordInput)

    class Meta:
        model = User
        fields = ["email", "full_name"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if not email:
            raise forms.ValidationError(_("Akun pegawai wajib memakai e-mail."))
        return email.lower()

    def clean_password1(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password1"]
        validate_password(password)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_staff = True
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["org_unit"]
    fields = ["org_unit", "role", "title", "is_active"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, CityAdminPermissionMixin, DjangoUserAdmin):
    add_form = StaffCreationForm
    ordering = ["email"]
    list_display = ["__str__", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["masked_phone", "last_login", "date_joined", "erased_at"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "masked_phone", "password"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Waktu"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1"]})]

    @admin.display(description=_("Nomor HP"))
    def masked_phone(self, obj):
        return obj.masked_phone

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from satupintu.accounts import enrolment, mfa
from satupintu.accounts.models import User
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin
from satupintu.org.models import Membership


class StaffCreationForm(forms.ModelForm):
    """An admin creates a staff account with a first password and gets its TOTP enrolment link.

    The password alone never lets its holder set up TOTP: the one-time link does (shown once,
    right after saving)."""

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
    actions = ["issue_totp_enrolment"]

    def _enrolment_page(self, request, issued, skipped):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tautan aktivasi TOTP"),
            "issued": issued,
            "skipped": skipped,
            "hours": settings.TOTP_ENROLMENT_HOURS,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "accounts/admin/enrolment_links.html", context)

    @admin.action(description=_("Terbitkan tautan aktivasi TOTP (sekali pakai)"))
    def issue_totp_enrolment(self, request, queryset):
        issued, skipped = [], []
        for user in queryset.order_by("email"):
            if mfa.has_totp(user):
                skipped.append(user)
                continue
            token = enrolment.issue(actor=request.user, user=user)
            issued.append((user, enrolment.enrolment_url(token)))
        return self._enrolment_page(request, issued, skipped)

    def response_add(self, request, obj, post_url_continue=None):
        # A new staff account: its enrolment link is shown once, now, and nowhere else.
        token = enrolment.issue(actor=request.user, user=obj)
        return self._enrolment_page(request, [(obj, enrolment.enrolment_url(token))], [])

    @admin.display(description=_("Nomor HP"))
    def masked_phone(self, obj):
        return obj.masked_phone

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from satupintu.core import placeholders
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.letters.models import ClassificationCode, LetterTemplate, UnitLetterSettings
from satupintu.letters.services import (
    BODY_PLACEHOLDERS,
    NUMBER_PLACEHOLDERS,
    validate_body_template,
    validate_number_template,
)
from satupintu.org.admin_mixins import CityAdminPermissionMixin, UnitScopedAdminMixin


@admin.register(ClassificationCode)
class ClassificationCodeAdmin(CityAdminPermissionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "active_years", "inactive_years", "final_disposition"]
    search_fields = ["code", "name"]
    list_filter = ["final_disposition", "is_active"]


class UnitLetterSettingsForm(forms.ModelForm):
    class Meta:
        model = UnitLetterSettings
        fields = [
            "org_unit",
            "number_code",
            "number_template",
            "letterhead_government",
            "letterhead_name",
            "letterhead_address",
            "letterhead_contact",
            "coordinated_units",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "number_template" in self.fields:
            self.fields["number_template"].help_text = _(
                "Placeholder yang tersedia: %(list)s ({urut} wajib; boleh {urut:03d})."
            ) % {"list": placeholders.describe(NUMBER_PLACEHOLDERS)}

    def clean_number_template(self):
        value = self.cleaned_data["number_template"]
        validate_number_template(value)
        return value


@admin.register(UnitLetterSettings)
class UnitLetterSettingsAdmin(UnitScopedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    form = UnitLetterSettingsForm
    list_display = ["org_unit", "number_template", "number_code"]
    search_fields = ["org_unit__code", "org_unit__name"]
    autocomplete_fields = ["coordinated_units"]


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["name", "letter_type", "org_unit", "body", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Placeholder yang tersedia: %(list)s. Diisi saat penyusun memilih templat."
        ) % {"list": placeholders.describe(BODY_PLACEHOLDERS)}

    def clean_body(self):
        value = self.cleaned_data["body"]
        validate_body_template(value)
        return value


@admin.register(LetterTemplate)
class LetterTemplateAdmin(CityAdminPermissionMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Body templates per letter type (city-wide, or for a unit and its subtree)."""

    form = LetterTemplateForm

    list_display = ["name", "letter_type", "org_unit", "is_active"]
    list_filter = ["letter_type", "is_active"]
    search_fields = ["name", "body"]
    autocomplete_fields = ["org_unit"]

"""Site configuration in the admin: an OPD admin manages the sites of their own units (services,
counters, opening hours, closed days, doctors and their practice schedules). FHIR clients are
city-wide (tokens are issued with `manage.py issue_fhir_token`)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin, UnitScopedAdminMixin
from satupintu.org.permissions import visible_units
from satupintu.queues import models


class HoursInline(admin.TabularInline):
    model = models.OpeningHours
    extra = 0


class ClosedInline(admin.TabularInline):
    model = models.ClosedDay
    extra = 0


class ServiceInline(TranslationTabularInline):
    model = models.QueueService
    extra = 0
    autocomplete_fields = ["catalog_service", "org_unit"]


class CounterInline(admin.TabularInline):
    model = models.Counter
    extra = 0
    autocomplete_fields = ["org_unit"]


@admin.register(models.Site)
class SiteAdmin(AuditedAdminMixin, UnitScopedAdminMixin, TranslationAdmin):
    list_display = ["name", "slug", "org_unit", "kind", "is_active"]
    inlines = [ServiceInline, CounterInline, HoursInline, ClosedInline]
    exclude = ["board_version"]


class ScheduleInline(admin.TabularInline):
    model = models.PracticeSchedule
    extra = 0


class SiteOwnedMixin(UnitScopedAdminMixin):
    unit_field = "site__org_unit"

    def _owns(self, request, obj) -> bool:
        units = visible_units(request.user, roles=["admin"])
        return units.filter(pk=obj.site.org_unit_id).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            units = visible_units(request.user, roles=["admin"])
            kwargs["queryset"] = models.Site.objects.filter(org_unit__in=units)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(models.Practitioner)
class PractitionerAdmin(AuditedAdminMixin, SiteOwnedMixin, admin.ModelAdmin):
    list_display = ["name", "site", "is_active"]
    inlines = [ScheduleInline]


@admin.register(models.FhirClient)
class FhirClientAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "site", "token_prefix", "can_write", "is_active"]
    readonly_fields = ["token_prefix", "token_hash"]

    def has_add_permission(self, request, *args):
        return False  # tokens are issued by the command, which shows the token once

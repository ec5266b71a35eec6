from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin, UnitScopedAdminMixin
from satupintu.org.models import ElectoralDistrict, Membership, OrgUnit, Region


@admin.register(Region)
class RegionAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(ElectoralDistrict)
class ElectoralDistrictAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["number", "name", "seats"]
    filter_horizontal = ["districts"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "title", "is_active"]


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent", "region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "org_unit", "role", "title", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["org_unit__name", "org_unit__code", "user__email", "user__full_name"]
    autocomplete_fields = ["user", "org_unit"]

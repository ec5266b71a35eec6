from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from satupintu.cases.models import Case, Category, RoutingRule, SlaTier
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin


@admin.register(SlaTier)
class SlaTierAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "working_days", "code"]


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 1
    autocomplete_fields = ["region", "org_unit"]


@admin.register(Category)
class CategoryAdmin(AuditedAdminMixin, CityAdminPermissionMixin, TranslationAdmin):
    # Name and description once per language (cases/translation.py).
    list_display = ["name", "kind", "sla_tier", "default_org_unit", "is_active", "sort_order"]
    list_filter = ["kind", "is_active", "sla_tier"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["default_org_unit"]
    inlines = [RoutingRuleInline]


@admin.register(Case)
class CaseAdmin(CityAdminPermissionMixin, admin.ModelAdmin):
    """Read-only overview for city admins; cases change only through the back office."""

    list_display = [
        "tracking_code",
        "kind",
        "status",
        "channel",
        "org_unit",
        "due_date",
        "created_at",
    ]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["tracking_code", "title"]
    date_hierarchy = "created_at"
    fields = [
        "tracking_code",
        "kind",
        "status",
        "channel",
        "category",
        "title",
        "org_unit",
        "assignee",
        "due_date",
        "paused_at",
        "created_at",
        "closed_at",
        "rating",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

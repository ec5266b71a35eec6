from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.news.models import Item
from satupintu.org.admin_mixins import UnitScopedAdminMixin


@admin.register(Item)
class ItemAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    """Read-only: every write goes through `services` (editorial flow, audit trail, sanitised
    text, checked images), so editors work in /kantor/berita/."""

    list_display = ["title", "kind", "org_unit", "status", "published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

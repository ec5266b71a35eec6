from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.minutes.models import Meeting
from satupintu.org.admin_mixins import UnitScopedAdminMixin


@admin.register(Meeting)
class MeetingAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    """Read-mostly view for unit admins; meetings are run from /kantor/rapat/."""

    list_display = ["title", "kind", "org_unit", "starts_at", "status", "is_public"]
    list_filter = ["status", "kind", "is_public"]
    search_fields = ["title"]
    readonly_fields = ["status", "schedule_version", "submitted_at", "approved_at", "published_at"]
    raw_id_fields = ["chair", "secretary", "invited_users"]
    filter_horizontal = ["invited_units"]

    def has_add_permission(self, request, *args):
        return False  # through the back office, so invitations go out

from django.contrib import admin

from satupintu.notifications.models import OutboxMessage
from satupintu.org.admin_mixins import CityAdminPermissionMixin


@admin.register(OutboxMessage)
class OutboxMessageAdmin(CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "channel",
        "masked_recipient",
        "reference",
        "status",
        "attempts",
        "last_error",
    ]
    list_filter = ["channel", "status"]
    search_fields = ["reference"]
    fields = [
        "channel",
        "masked_recipient",
        "subject",
        "reference",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from satupintu.intake.models import WhatsAppConversation, WhatsAppInboundMessage
from satupintu.org.admin_mixins import CityAdminPermissionMixin


@admin.register(WhatsAppConversation)
class WhatsAppConversationAdmin(CityAdminPermissionMixin, admin.ModelAdmin):
    """Read-only: who is in the middle of a WhatsApp report (numbers masked)."""

    list_display = ["masked_phone", "state", "category", "updated_at", "last_case"]
    list_filter = ["state"]
    fields = ["masked_phone", "state", "category", "started_at", "updated_at", "last_case"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WhatsAppInboundMessage)
class WhatsAppInboundMessageAdmin(CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["wamid", "message_type", "sent_at", "received_at"]
    list_filter = ["message_type"]
    search_fields = ["wamid"]
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

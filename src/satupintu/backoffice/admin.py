"""Admin registrations for core models (core itself knows no permissions) and the admin site."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.backoffice.selectors import with_shown_labels
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.core.models import AuditEvent, Holiday
from satupintu.org.admin_mixins import CityAdminPermissionMixin
from satupintu.org.permissions import is_admin, is_auditor

admin.site.site_header = _("Pengaturan Satu Pintu")
admin.site.site_title = _("Pengaturan Satu Pintu")
admin.site.index_title = _("Pengaturan kota")


def _admin_has_permission(request):
    return request.user.is_active and (is_admin(request.user) or is_auditor(request.user))


def _admin_login(request, extra_context=None):
    # One login for everyone (allauth, with TOTP); the admin's own form would bypass it.
    return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")


admin.site.has_permission = _admin_has_permission
admin.site.login = _admin_login


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    # Labels recorded before they carried codes only may hold secrets: shown as the auditor
    # pages show them (with_shown_labels), and never searchable.
    list_display = ["seq", "created_at", "actor", "action", "object_type", "object", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_id"]
    date_hierarchy = "created_at"
    fields = [
        "seq",
        "created_at",
        "actor_id",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object",
        "ip",
        "data",
        "prev_hash",
        "hash",
        "hash_version",
        "key_id",
    ]
    readonly_fields = fields

    @admin.display(description=_("pelaku"))
    def actor(self, event):
        return with_shown_labels([event])[0].shown_actor_label

    @admin.display(description=_("objek"))
    def object(self, event):
        return with_shown_labels([event])[0].shown_object_label

    # The trail is append-only: nobody adds, edits or deletes rows, not even a superuser.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_auditor(request.user)

    def has_module_permission(self, request):
        return is_auditor(request.user)


@admin.register(Holiday)
class HolidayAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.open311 import services
from satupintu.open311.models import ApiKey
from satupintu.org.admin_mixins import CityAdminPermissionMixin


@admin.register(ApiKey)
class ApiKeyAdmin(CityAdminPermissionMixin, AuditedAdminMixin, admin.ModelAdmin):
    """City admins issue and revoke keys. A new key is shown once, right after saving."""

    list_display = ["name", "key_prefix", "org_unit", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "key_prefix"]
    fields = ["name", "org_unit", "is_active", "key_prefix", "created_at", "last_used_at"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        if not change:
            # Never stored in clear: kept on the object only until the page below shows it.
            obj._raw_key = services.assign_new_key(obj)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        raw = getattr(obj, "_raw_key", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kunci API dibuat"),
            "opts": self.model._meta,
            "api_key": obj,
            "raw_key": raw,
        }
        # The admin's views are never_cache (no-store): the page is not kept by the browser.
        return TemplateResponse(request, "open311/admin/key_created.html", context)

    @admin.action(description=_("Nonaktifkan kunci terpilih"))
    def deactivate(self, request, queryset):
        for api_key in queryset.filter(is_active=True):
            services.deactivate_key(actor=request.user, api_key=api_key)

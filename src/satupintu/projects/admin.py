"""Projects in the admin, for the city's admins (an OPD admin sees their own units' only);
OPD staff edit them on /kantor/proyek/."""

from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import UnitScopedAdminMixin
from satupintu.projects import models


@admin.register(models.Project)
class ProjectAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "org_unit", "budget_year", "status", "progress", "is_published"]
    list_filter = ["budget_year", "status", "is_published"]
    search_fields = ["name", "slug"]
    readonly_fields = ["geometry", "geometry_kind", "progress"]

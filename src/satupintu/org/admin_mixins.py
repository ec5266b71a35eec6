"""The admin's permission rules, taken from `org.permissions` like every other path."""

from satupintu.org.permissions import is_admin, is_city_admin, visible_units


class CityAdminPermissionMixin:
    """City-wide configuration: only city admins (role admin on the root unit) change it."""

    def _allowed(self, request) -> bool:
        return is_city_admin(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class UnitScopedAdminMixin:
    """Rows that belong to an org unit: an OPD admin manages only their own units' rows."""

    unit_field = "org_unit"

    def get_queryset(self, request):
        from satupintu.org.permissions import scope_to_units

        queryset = super().get_queryset(request)
        return scope_to_units(request.user, queryset, self.unit_field, roles=["admin"])

    def has_module_permission(self, request):
        return is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_admin(request.user) and (obj is None or self._owns(request, obj))

    def has_add_permission(self, request, *args):
        return is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def _owns(self, request, obj) -> bool:
        unit = getattr(obj, self.unit_field)
        return visible_units(request.user, roles=["admin"]).filter(pk=unit.pk).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.unit_field:
            kwargs["queryset"] = visible_units(request.user, roles=["admin"])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

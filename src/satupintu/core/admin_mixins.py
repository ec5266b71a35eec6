"""Admin pieces shared by every app."""

from django.db import transaction

from satupintu.core import audit


class AuditedAdminMixin:
    """Every admin save and delete writes one audit event in the same transaction."""

    def _changed_fields(self, form) -> list[str]:
        return sorted(form.changed_data) if form is not None else []

    def save_related(self, request, form, formsets, change):
        # The admin calls save_model then save_related in one transaction: record one event
        # covering the object and its inlines once both are saved.
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            inlines = [
                f"{formset.model._meta.label_lower}:{len(formset.new_objects)}+"
                f"{len(formset.changed_objects)}~{len(formset.deleted_objects)}-"
                for formset in formsets
                if formset.new_objects or formset.changed_objects or formset.deleted_objects
            ]
            audit.record(
                f"admin.{'change' if change else 'add'}",
                actor=request.user,
                obj=form.instance,
                data={"fields": self._changed_fields(form), "inlines": inlines},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record("admin.delete", actor=request.user, obj=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record("admin.delete", actor=request.user, obj=obj)
            super().delete_queryset(request, queryset)

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from satupintu.core.models import Holiday
from satupintu.core.workdays import holiday_table_changed


@receiver([post_save, post_delete], sender=Holiday)
def _holiday_changed(**kwargs):
    holiday_table_changed()

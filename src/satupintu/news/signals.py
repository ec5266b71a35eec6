"""Any change to an item or its OPD changes the news version: the search index follows."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from satupintu.news.models import Item
from satupintu.news.selectors import search_index
from satupintu.org.models import OrgUnit


@receiver([post_save, post_delete], sender=Item)
@receiver([post_save, post_delete], sender=OrgUnit)
def _changed(**kwargs):
    search_index.bump()

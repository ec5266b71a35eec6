"""Texts an OPD writes for citizens, in Indonesian and English (django-modeltranslation):
site names and running text, service and polyclinic names."""

from modeltranslation.translator import TranslationOptions, register

from satupintu.queues.models import QueueService, Site


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("name", "announcement")


@register(QueueService)
class QueueServiceTranslation(TranslationOptions):
    fields = ("name",)

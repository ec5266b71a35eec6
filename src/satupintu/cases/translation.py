"""Case categories are data a city admin writes (complaint categories): their name and
description exist in Indonesian and English (django-modeltranslation, docs/translation.md)."""

from modeltranslation.translator import TranslationOptions, register

from satupintu.cases.models import Category


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")

"""Which catalogue texts an OPD writes in Indonesian and in English (django-modeltranslation).

Each field below gets one column per language (`name_id`, `name_en`); reading `service.name`
gives the active language's text, falling back to Indonesian when the English one is empty.
Only what citizens read is translatable: the internal components of the standar pelayanan,
codes and the result template (an Indonesian legal document) stay single-language.
"""

from modeltranslation.translator import TranslationOptions, register

from satupintu.catalog.models import LifeEvent, Requirement, Service, WorkflowStep


@register(LifeEvent)
class LifeEventTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "synonyms",
        "summary",
        "requirements_note",
        "procedure",
        "fee_note",
        "product",
        "complaint_handling",
    )


@register(Requirement)
class RequirementTranslation(TranslationOptions):
    fields = ("name", "description")


@register(WorkflowStep)
class WorkflowStepTranslation(TranslationOptions):
    fields = ("name",)

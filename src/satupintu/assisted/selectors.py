"""Reads for the counter: which services can be filed, the citizen behind a NIK, and the
filings an officer may see (their counters' only, see `org.permissions`)."""

from django.db.models import QuerySet
from django.http import Http404

from satupintu.accounts.models import CitizenProfile, User
from satupintu.accounts.nik import nik_index
from satupintu.assisted.models import AssistedFiling
from satupintu.catalog.models import Service
from satupintu.catalog.selectors import published_services
from satupintu.org import permissions


def services_for_counter() -> QuerySet[Service]:
    """Published services that take applications online and have a published form."""
    return (
        published_services()
        .filter(
            delivery__in=[Service.Delivery.ONLINE, Service.Delivery.BOTH],
            form_versions__published_at__isnull=False,
        )
        .distinct()
        .order_by("name")
    )


def citizen_by_nik(nik: str) -> User | None:
    """The active account whose profile holds this (normalised) NIK, found by blind index."""
    profile = (
        CitizenProfile.objects.select_related("user")
        .filter(nik_index=nik_index(nik), user__is_active=True)
        .first()
    )
    return profile.user if profile else None


def citizen_with_profile(pk) -> User | None:
    if pk is None:
        return None
    return User.objects.select_related("profile").filter(pk=pk, is_active=True).first()


def filings_for(user) -> QuerySet[AssistedFiling]:
    queryset = AssistedFiling.objects.select_related(
        "officer",
        "counter_unit",
        "citizen",
        "citizen__profile",
        "service",
        "application__case",
        "draft",
    )
    return permissions.scope_counter_records(user, queryset).order_by("-created_at", "-pk")


def filing_or_404(user, pk: int) -> AssistedFiling:
    """A filing of one of the user's counters; anything else does not exist (404)."""
    filing = filings_for(user).filter(pk=pk).first()
    if filing is None:
        raise Http404
    return filing

import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from satupintu.core import audit
from satupintu.queues.fhir_views import hash_token
from satupintu.queues.models import FhirClient, Site


def issue(site, name: str, *, write: bool = False, token: str | None = None):
    token = token or secrets.token_urlsafe(32)
    with transaction.atomic():
        client = FhirClient.objects.create(
            name=name,
            site=site,
            token_prefix=token[:8],
            token_hash=hash_token(token),
            can_write=write,
        )
        audit.record("queues.fhir_client_issued", obj=client, data={"write": write})
    return client, token


class Command(BaseCommand):
    help = "Issue a bearer token for a client system of /fhir/R4/ (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("site", help="slug of the site (e.g. rsud-rawat-jalan)")
        parser.add_argument("name", help="name of the client system (e.g. SIMRS RSUD)")
        parser.add_argument("--write", action="store_true", help="may update appointments")

    def handle(self, site, name, write, **options):
        found = Site.objects.filter(slug=site).first()
        if found is None:
            raise CommandError(f"unknown site {site!r}")
        client, token = issue(found, name, write=write)
        self.stdout.write(f"client #{client.pk} ({'read, write' if write else 'read'}): {token}")

from django.core.management.base import BaseCommand, CommandError

from satupintu.queues.models import Site
from satupintu.queues.services.clients import issue


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

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.applications import demo as applications_demo
from satupintu.assisted import demo as assisted_demo
from satupintu.cityconfig import demo as city_demo
from satupintu.complaints import demo as complaints_demo
from satupintu.dashboards import demo as dashboards_demo
from satupintu.demo import data, data_en
from satupintu.dprd import demo as dprd_demo
from satupintu.geo import demo as geo_demo
from satupintu.letters import demo as letters_demo
from satupintu.minutes import demo as minutes_demo
from satupintu.news import demo as news_demo
from satupintu.onedoor import demo as onedoor_demo
from satupintu.opendata import demo as opendata_demo
from satupintu.org import services as org_services
from satupintu.org.models import OrgUnit, Region
from satupintu.projects import demo as projects_demo
from satupintu.queues import demo as queues_demo
from satupintu.spbe import demo as spbe_demo
from satupintu.surveys import demo as surveys_demo


class Command(BaseCommand):
    help = "Muat data demo (akun contoh, kontak OPD). Hanya untuk mode demo (SP_DEMO=1)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="muat walau SP_DEMO tidak aktif")

    @transaction.atomic
    def handle(self, force=False, **options):
        if not (settings.DEMO or force):
            self.stdout.write("SP_DEMO tidak aktif: data demo tidak dimuat.")
            return
        if not OrgUnit.objects.filter(code=org_services.ROOT_UNIT_CODE).exists():
            raise CommandError("Muat data referensi dulu: manage.py import_reference_data DIR")
        self._divisions_and_contacts()
        created = self._staff() + self._citizen()
        self._complaint_categories()
        self._open311_key()
        minutes_demo.load()
        if settings.DEMO:  # the demo CA becomes a trust root: demo mode only, not with --force
            call_command("create_demo_ca", stdout=self.stdout)
        letters_demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
        self._catalogue()
        applications_demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
        created += assisted_demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
        created += queues_demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
        created += dprd_demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
        onedoor_demo.load(domain=data.DEMO_DOMAIN)
        surveys_demo.load()
        dashboards_demo.load()
        opendata_demo.load()  # after the dashboards' figures: generated datasets read them
        spbe_demo.load()
        projects_demo.load()
        complaints_demo.load()  # complaints with a point, for the map
        geo_demo.load()
        news_demo.load(domain=data.DEMO_DOMAIN)
        if settings.DEMO:
            # The demos above add officials (queue, DPRD and SPBE heads) after the first call:
            # fill their certificates now, so a second run has nothing left to create.
            call_command("create_demo_ca", stdout=self.stdout)
        self.stdout.write(
            f"Data demo siap ({created} akun baru). "
            f"Kata sandi semua akun demo: {data.DEMO_PASSWORD}"
        )
        self._enrolment_links()

    def _catalogue(self):
        """Balikpapan's catalogue from data/balikpapan/, unless a catalogue is loaded already
        (`make run` imports the city's files first) or the reference data is another city's."""
        from satupintu.catalog.models import Service
        from satupintu.cityconfig.services import CityConfigError

        if Service.objects.exists():
            return
        try:
            city_demo.load_catalogue()
        except CityConfigError as exc:
            self.stdout.write(f"Katalog demo tidak dimuat ({exc.errors[0]}).")

    def _enrolment_links(self):
        """Staff set up TOTP only through an admin's link: print one per demo staff account."""
        from satupintu.accounts import enrolment, mfa
        from satupintu.org.permissions import is_staff_account

        lines = []
        for user in User.objects.filter(email__endswith=f"@{data.DEMO_DOMAIN}").order_by("email"):
            if is_staff_account(user) and not mfa.has_totp(user):
                token = enrolment.issue(actor=None, user=user)
                lines.append(f"  {user.email}: {enrolment.enrolment_url(token)}")
        if lines:
            self.stdout.write(
                "Tautan aktivasi TOTP pegawai demo (masuk dulu, lalu buka tautannya):"
            )
            self.stdout.write("\n".join(lines))

    def _divisions_and_contacts(self):
        for unit in OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS):
            if unit.address:
                continue
            slug = unit.code.lower().replace(".", "-")
            org_services.update_org_unit(
                actor=None,
                unit=unit,
                changes={
                    "address": f"Jl. Jenderal Sudirman, Balikpapan (alamat contoh {unit})",
                    "phone": "(0542) 000000",
                    "email": f"{slug}@{data.DEMO_DOMAIN}",
                    "office_hours": data.OFFICE_HOURS,
                },
            )
        for parent_code, code, name in data.DIVISIONS:
            parent = OrgUnit.objects.filter(code=parent_code).first()
            if parent and not OrgUnit.objects.filter(code=code).exists():
                org_services.create_org_unit(
                    actor=None, code=code, name=name, kind=OrgUnit.Kind.DIVISION, parent=parent
                )

    def _staff(self) -> int:
        created = 0
        for local, name, unit_code, role, title in data.STAFF:
            email = f"{local}@{data.DEMO_DOMAIN}"
            user = User.objects.filter(email=email).first()
            if user is None:
                user = account_services.create_user(
                    actor=None,
                    email=email,
                    password=data.DEMO_PASSWORD,
                    full_name=name,
                    email_verified=True,
                )
                created += 1
            unit = OrgUnit.objects.get(code=unit_code)
            if not user.memberships.filter(org_unit=unit, role=role, is_active=True).exists():
                org_services.add_membership(
                    actor=None, user=user, org_unit=unit, role=role, title=title
                )
        return created

    def _citizen(self) -> int:
        local, name, nik, kelurahan_code, rt, street = data.CITIZEN
        email = f"{local}@{data.DEMO_DOMAIN}"
        if User.objects.filter(email=email).exists():
            return 0
        user = account_services.create_user(
            actor=None,
            email=email,
            password=data.DEMO_PASSWORD,
            full_name=name,
            email_verified=True,
        )
        account_services.update_profile(
            user=user,
            full_name=name,
            nik=nik,
            kelurahan=Region.objects.get(code=kelurahan_code),
            rt=rt,
            street=street,
        )
        return 1

    def _complaint_categories(self):
        from satupintu.cases import services as case_services
        from satupintu.cases.models import Category, SlaTier
        from satupintu.complaints.workflow import KIND

        for order, (code, name, tier, unit_code, _rules) in enumerate(data.COMPLAINT_CATEGORIES):
            # The English name only where none was written yet (an admin's text is kept).
            has_english = Category.objects.filter(kind=KIND, code=code, name_en__gt="").exists()
            english = {} if has_english else {"name_en": data_en.COMPLAINT_CATEGORY_NAMES.get(code)}
            case_services.save_category(
                actor=None,
                kind=KIND,
                code=code,
                name=name,
                sla_tier=SlaTier.objects.get(code=tier),
                default_org_unit=OrgUnit.objects.filter(code=unit_code or "").first(),
                sort_order=order,
                **english,
            )

    def _open311_key(self):
        # A well-known key lets anyone file complaints: only ever in demo mode, not with --force.
        if settings.DEMO:
            from satupintu.open311.services import ensure_demo_key

            ensure_demo_key()

"""Run parallel numbering against a real SQLite *file* database (WAL, BEGIN IMMEDIATE, busy
timeout: the production configuration) in a fresh process, and print the numbers as JSON.

    python -m satupintu.letters.tests.concurrency_worker DB_FILE COUNT register|sign

Used by test_concurrency: pytest-django's SQLite test database is a shared-cache in-memory
database, which reports "table is locked" instead of waiting, so it cannot show real
concurrency.
"""

import contextlib
import json
import os
import sys
import threading


def main(db_file: str, count: int, mode: str) -> None:
    os.environ["SP_DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings_test")
    import django

    django.setup()
    from datetime import date

    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    from satupintu.letters import services
    from satupintu.letters.models import ClassificationCode, Letter
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import UserFactory

    root = OrgUnit.objects.create(code="ROOT", name="Pemkot", kind=OrgUnit.Kind.GOVERNMENT)
    unit = OrgUnit.objects.create(code="UNIT", name="Dinas", kind=OrgUnit.Kind.OFFICE, parent=root)
    officer = UserFactory(is_staff=True)
    head = UserFactory(is_staff=True)
    Membership.objects.create(user=officer, org_unit=unit, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=head, org_unit=unit, role=Membership.Role.HEAD)
    code = ClassificationCode.objects.get(code="000.5.3.1")
    letters = []
    if mode == "sign":
        for i in range(count):
            letter = services.create_outgoing(
                actor=officer,
                unit=unit,
                subject=f"S{i}",
                classification=code,
                body=".",
                signer=head,
            )
            services.submit_outgoing(actor=officer, letter=letter)
            letters.append(letter)
    connections.close_all()

    errors = []
    barrier = threading.Barrier(min(count, 50))

    def run(index):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=10)
            if mode == "sign":
                services.sign_outgoing(actor=head, letter=letters[index])
            else:
                services.register_incoming(
                    actor=officer,
                    unit=unit,
                    subject=f"Surat {index}",
                    classification=code,
                    sender_name=f"Pengirim {index}",
                    external_number=f"{index}/X",
                    external_date=date(2026, 1, 5),
                )
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    field = "sequence_number" if mode == "sign" else "agenda_number"
    numbers = sorted(Letter.objects.filter(org_unit=unit).values_list(field, flat=True))
    print(json.dumps({"errors": errors, "numbers": numbers}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

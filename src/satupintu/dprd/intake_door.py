"""The DPRD as a destination of the intake doors (operator page, e-mail, WhatsApp): a message
there becomes an aspiration to the whole council, a komisi, or the members of the citizen's
dapil (`intake.destinations`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.dprd import selectors
from satupintu.dprd import services_aspiration as services
from satupintu.dprd.models import Aspiration

Target = Aspiration.Target
COMMISSION_PREFIX = "komisi:"


def options() -> list[tuple[str, str]]:
    found = [(Target.COUNCIL.value, _("Seluruh DPRD"))]
    found += [(f"{COMMISSION_PREFIX}{body.code}", body.name) for body in selectors.commissions()]
    found.append((Target.DISTRICT.value, _("Anggota DPRD dapil saya")))
    return found


def needs_kelurahan(option: str) -> bool:
    return option == Target.DISTRICT


def file(*, option: str, kelurahan=None, recorded_by=None, **values):
    commission = None
    target = option
    if option.startswith(COMMISSION_PREFIX):
        target = Target.COMMISSION
        code = option.removeprefix(COMMISSION_PREFIX)
        commission = selectors.commissions().filter(code=code).first()
    try:
        return services.submit_aspiration(
            services.NewAspiration(
                target=target, commission=commission, kelurahan=kelurahan, **values
            ),
            recorded_by=recorded_by,
        )
    except services.AspirationError as exc:
        raise ValueError(exc.message) from exc


def register() -> None:
    from satupintu.intake.destinations import Destination
    from satupintu.intake.destinations import register as register_destination

    register_destination(
        Destination(
            key="dprd",
            label=gettext_lazy("Aspirasi untuk DPRD"),
            options=options,
            needs_kelurahan=needs_kelurahan,
            file=file,
            subject_words=("dprd", "aspirasi-dprd"),
        )
    )

"""The back office's modules. Each app adds its entry; /kantor/ shows those the user may use."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from satupintu.org import permissions


@dataclass(frozen=True)
class Module:
    key: str
    title: str | Promise
    description: str | Promise
    url_name: str
    allowed: Callable[[object], bool]

    def url(self) -> str:
        return reverse(self.url_name)


_registry: dict[str, Module] = {}


def register(module: Module) -> None:
    _registry[module.key] = module


def modules_for(user) -> list[Module]:
    return [module for module in _registry.values() if module.allowed(user)]


register(
    Module(
        key="cases",
        title=_("Kotak masuk kasus"),
        description=_("Pengaduan dan permohonan yang diteruskan ke unit Anda, dengan tenggatnya."),
        url_name="cases:inbox",
        allowed=permissions.is_staff_member,
    )
)
register(
    Module(
        key="units",
        title=_("Unit saya"),
        description=_("Pegawai dan peran di unit Anda serta unit di bawahnya."),
        url_name="backoffice:units",
        allowed=permissions.is_staff_member,
    )
)
register(
    Module(
        key="audit",
        title=_("Jejak audit"),
        description=_("Siapa mengubah apa, kapan, dan dari mana."),
        url_name="backoffice:audit",
        allowed=permissions.is_auditor,
    )
)
register(
    Module(
        key="admin",
        title=_("Pengaturan"),
        description=_("Wilayah, dapil, OPD, pegawai, dan hari libur."),
        url_name="admin:index",
        allowed=permissions.is_admin,
    )
)
